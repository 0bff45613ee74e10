/**
 * A context's export and import at the GSS layer: the snapshot an export writes (see
 * `krb5/context/export-token.ts`) and the live context an import rebuilds from one, with the
 * flags MIT keeps beside the ones it returns.
 *
 * @module
 */

import { RequirementFlag } from '../../spec/flags.js';
import { unparseKrbPrincipal } from '../krb5/client/index.js';
import type { ContextSnapshot } from '../krb5/context/context-snapshot.js';
import { newContext, protect, type SimContextState } from './context-state.js';
import type { SimParty } from './party.js';

const F = RequirementFlag;

/**
 * The flags a context keeps (what `inquireContext` reports) for the flags an establishment
 * step returned: MIT's one-leg initiator stores GSS_C_PROT_READY_FLAG without returning it
 * from `initSecContext` (measured; `kg_new_connection`).
 */
export function storedFlags(initiator: boolean, returned: number, established: boolean): number {
  const oneLeg = initiator && established && (returned & F.mutualAuthentication) === 0;
  return oneLeg ? (returned | F.protectionReady) >>> 0 : returned;
}

/** What an export holds of a context. */
export function snapshotOf(context: SimContextState): ContextSnapshot {
  const { initiatorName, targetName, established, protection, pending, dce } = context;
  if (initiatorName === null || targetName === null) {
    throw new RangeError('expected a context that knows both names');
  }
  return {
    initiator: context.initiator,
    initiatorName,
    targetName,
    authtime: context.authtime,
    sendSeq: protection?.sendSeq ?? BigInt(dce?.context.sendSeq ?? pending?.seqNumber ?? 0),
    ...(established === null ? {} : { established }),
    ...(protection === null ? {} : { window: protection.receiveWindow }),
    ...(pending === null ? {} : { pending }),
    ...(dce === null ? {} : { dce: { context: dce.context, sessionKey: dce.sessionKey } }),
    ...(context.mit === null || context.mit === undefined ? {} : { mit: context.mit }),
  };
}

/**
 * A live context from an imported snapshot: established, an initiator waiting for the AP-REP,
 * or a DCE-style acceptor waiting for the initiator's third token.
 */
export function restore(party: SimParty, snapshot: ContextSnapshot): SimContextState {
  const { established, pending } = snapshot;
  const dce = established === undefined ? (snapshot.dce ?? null) : null;
  const context = newContext(party, {
    state:
      established !== undefined
        ? 'established'
        : dce === null
          ? 'initiatorContinueNeeded'
          : 'acceptorContinueNeeded',
    initiator: snapshot.initiator,
    flags:
      established === undefined
        ? (pending?.flags ?? dce?.context.flags ?? 0)
        : storedFlags(snapshot.initiator, established.flags, true),
    initiatorName: snapshot.initiatorName,
    targetName: snapshot.targetName,
    authtime: snapshot.authtime,
    endtime: established?.endtime ?? pending?.endtime ?? dce?.context.endtime ?? 0,
    pending: pending ?? null,
    dce:
      dce === null
        ? null
        : {
            ...dce,
            initiatorName: unparseKrbPrincipal(snapshot.initiatorName),
            authtime: snapshot.authtime,
          },
    established: null,
    protection: null,
  });
  context.mit = snapshot.mit ?? null;
  context.ticketFlags = snapshot.mit?.krbFlags ?? 0;
  context.authorizationData = (snapshot.mit?.authdata ?? []).map(({ adType, contents }) => ({
    adType,
    adData: contents,
  }));
  if (established !== undefined) {
    protect(context, established, {
      sendSeq: snapshot.sendSeq,
      ...(snapshot.window === undefined ? {} : { window: snapshot.window }),
    });
  }
  return context;
}
