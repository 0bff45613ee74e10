/**
 * The flags and legs of a krb5 context establishment as MIT krb5 1.20 runs it
 * (`src/lib/gssapi/krb5/init_sec_context.c`, `accept_sec_context.c`).
 *
 * Delegation is left out: these functions assume GSS_C_DELEG_FLAG was not requested or was
 * refused (MIT clears it when the TGT cannot be forwarded), and no channel bindings.
 *
 * @module
 */

import { RequirementFlag } from '../flags.js';
import { GSS_S_COMPLETE, GSS_S_CONTINUE_NEEDED } from '../status.js';

/** Which side of the context a handle is. */
export type ContextRole = 'initiator' | 'acceptor';

const {
  confidentiality,
  integrity,
  mutualAuthentication,
  replayDetection,
  outOfSequenceDetection,
  delegateToPeer,
  dceStyle,
  identify,
  extendedError,
  transferable,
  protectionReady,
} = RequirementFlag;

/** The request flags `kg_new_connection` copies into the initiator's context. */
const INITIATOR_KEPT =
  confidentiality |
  integrity |
  mutualAuthentication |
  replayDetection |
  outOfSequenceDetection |
  dceStyle |
  identify |
  extendedError;

/** `INITIATOR_FLAGS` of accept_sec_context.c: the token flags an acceptor adopts. */
const ACCEPTOR_KEPT =
  integrity |
  confidentiality |
  mutualAuthentication |
  replayDetection |
  outOfSequenceDetection |
  dceStyle |
  identify |
  extendedError;

/** Whether a request takes an AP-REP: mutual authentication, which DCE style implies. */
export function asksMutual(requested: number): boolean {
  return (requested & (mutualAuthentication | dceStyle)) !== 0;
}

/** Whether a request is DCE style (three legs, raw AP-REP tokens). */
export function asksDceStyle(requested: number): boolean {
  return (requested & dceStyle) !== 0;
}

/**
 * The initiator context's flags (`ctx->gss_flags`) after `kg_new_connection`: the kept request
 * flags, plus TRANS, CONF and INTEG (credentials do not suppress them by default), plus MUTUAL
 * when DCE style is asked. PROT_READY is added to the context only at non-mutual
 * completion, after the call's ret_flags were set.
 */
export function krb5InitiatorFlags(requested: number): number {
  let flags = (requested & INITIATOR_KEPT) | transferable | confidentiality | integrity;
  if ((requested & dceStyle) !== 0) flags |= mutualAuthentication;
  return flags >>> 0;
}

/**
 * The acceptor context's flags from an initiator's request: the initiator's context flags as
 * carried in the 0x8003 authenticator checksum (RFC 4121 §4.1.1.1), masked by
 * `INITIATOR_FLAGS`, plus TRANS, plus MUTUAL for DCE style (`kg_accept_krb5`).
 */
export function krb5AcceptorFlags(requested: number): number {
  let flags = (krb5InitiatorFlags(requested) & ACCEPTOR_KEPT) | transferable;
  if ((requested & dceStyle) !== 0) flags |= mutualAuthentication;
  return flags >>> 0;
}

/** One call of an establishment: who calls, what MIT returns, which token it emits. */
export interface EstablishmentStep {
  readonly role: ContextRole;
  /** GSS_S_CONTINUE_NEEDED or GSS_S_COMPLETE. */
  readonly major: number;
  /** The output token, or null when the call emits none. */
  readonly token: 'AP-REQ' | 'AP-REP' | 'DCE AP-REP' | null;
  /** The `ret_flags` the call returns. */
  readonly flags: number;
}

/**
 * The calls a krb5 context establishment takes for a flag set, in order:
 *
 * - no mutual authentication: the initiator is done after one call (its AP-REQ); its
 *   context gets PROT_READY only after ret_flags was copied, so the call does not report it
 *   (inquireContext does); the acceptor is done with no output token and no PROT_READY;
 * - mutual: the initiator continues, the acceptor completes with an AP-REP (and PROT_READY),
 *   the initiator completes on the AP-REP without output and without PROT_READY;
 * - DCE style: three legs. The acceptor answers a raw AP-REP with CONTINUE_NEEDED (and no
 *   ret_flags: "only last leg should set return arguments"), the initiator completes by
 *   emitting a DCE AP-REP (`krb5_mk_rep_dce`), and the acceptor completes on it
 *   (`kg_accept_dce`) without output. Neither side reports PROT_READY.
 */
export function krb5Legs(requested: number): readonly EstablishmentStep[] {
  const initiator = krb5InitiatorFlags(requested);
  const acceptor = krb5AcceptorFlags(requested);

  if (asksDceStyle(requested)) {
    return [
      { role: 'initiator', major: GSS_S_CONTINUE_NEEDED, token: 'AP-REQ', flags: initiator },
      { role: 'acceptor', major: GSS_S_CONTINUE_NEEDED, token: 'AP-REP', flags: 0 },
      { role: 'initiator', major: GSS_S_COMPLETE, token: 'DCE AP-REP', flags: initiator },
      { role: 'acceptor', major: GSS_S_COMPLETE, token: null, flags: acceptor & ~delegateToPeer },
    ];
  }
  if (asksMutual(requested)) {
    return [
      { role: 'initiator', major: GSS_S_CONTINUE_NEEDED, token: 'AP-REQ', flags: initiator },
      {
        role: 'acceptor',
        major: GSS_S_COMPLETE,
        token: 'AP-REP',
        flags: (acceptor | protectionReady) >>> 0,
      },
      { role: 'initiator', major: GSS_S_COMPLETE, token: null, flags: initiator },
    ];
  }
  return [
    { role: 'initiator', major: GSS_S_COMPLETE, token: 'AP-REQ', flags: initiator },
    { role: 'acceptor', major: GSS_S_COMPLETE, token: null, flags: acceptor },
  ];
}
