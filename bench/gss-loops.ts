/**
 * The GSS-API loops that `npm run bench` times on each backend, the same calls as
 * bench/c/gss-bench.c makes on MIT: establishment with mutual authentication (init, accept,
 * init), wrap + unwrap with confidentiality, getMic + verifyMic.
 */

import { MechType, NameType, RequirementFlag } from 'gssapi-sim';
import type { Creds, GssApi, Name, SecurityContext } from 'gssapi-sim/spec';

/** The flags every context asks for, as the C program's `REQUESTED_FLAGS`. */
const FLAGS = [
  RequirementFlag.mutualAuthentication,
  RequirementFlag.replayDetection,
  RequirementFlag.outOfSequenceDetection,
  RequirementFlag.confidentiality,
  RequirementFlag.integrity,
];

/** What every establishment reuses: the target name and both credentials. */
export interface Endpoints {
  readonly gss: GssApi;
  readonly target: Name;
  readonly initiatorCreds: Creds;
  readonly acceptorCreds: Creds;
}

/** A pair of established contexts: the initiator's and the acceptor's. */
export interface ContextPair {
  readonly initiator: SecurityContext;
  readonly acceptor: SecurityContext;
}

/** Imports `host@<hostname>` and acquires the default initiator and acceptor credentials. */
export function openEndpoints(gss: GssApi, hostname: string): Endpoints {
  return {
    gss,
    target: gss.importName(`host@${hostname}`, { nameType: NameType.hostbasedService }),
    initiatorCreds: gss.acquireCred({ usage: 'initiate' }).creds,
    acceptorCreds: gss.acquireCred({ usage: 'accept' }).creds,
  };
}

/** Releases what {@link openEndpoints} made. */
export function closeEndpoints({ gss, target, initiatorCreds, acceptorCreds }: Endpoints): void {
  gss.releaseName(target);
  gss.releaseCred(initiatorCreds);
  gss.releaseCred(acceptorCreds);
}

/** init, accept, init; the initiator's name the acceptor returns is released. */
export function establish(endpoints: Endpoints): ContextPair {
  const { gss, target, initiatorCreds, acceptorCreds } = endpoints;

  const first = gss.initSecContext(target, {
    creds: initiatorCreds,
    mech: MechType.kerberos,
    flags: FLAGS,
  });
  const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(), { acceptorCreds });
  gss.initSecContext(target, {
    creds: initiatorCreds,
    context: first.context,
    inputToken: accepted.token ?? null,
  });
  gss.releaseName(accepted.initiatorName);

  return { initiator: first.context, acceptor: accepted.context };
}

/** Deletes both contexts of a pair. */
export function deletePair(gss: GssApi, { initiator, acceptor }: ContextPair): void {
  gss.deleteSecContext(initiator);
  gss.deleteSecContext(acceptor);
}

/** One establishment, its contexts deleted at once. */
export function establishOnce(endpoints: Endpoints): void {
  deletePair(endpoints.gss, establish(endpoints));
}

/** One wrap with confidentiality by the initiator and its unwrap by the acceptor. */
export function wrapUnwrap(gss: GssApi, pair: ContextPair, message: Uint8Array): void {
  gss.unwrap(pair.acceptor, gss.wrap(pair.initiator, message).message);
}

/** One getMic by the initiator and its verifyMic by the acceptor. */
export function micVerify(gss: GssApi, pair: ContextPair, message: Uint8Array): void {
  gss.verifyMic(pair.acceptor, message, gss.getMic(pair.initiator, message));
}
