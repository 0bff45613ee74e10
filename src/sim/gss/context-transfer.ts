/**
 * A context's export and import at the GSS layer: the snapshot an export writes (see
 * `krb5/context/export-token.ts`) and the live context an import rebuilds from one, with the
 * flags MIT keeps beside the ones it returns.
 *
 * @module
 */

import { RequirementFlag } from '../../spec/flags.js';
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
  const { initiatorName, targetName, established, protection, pending } = context;
  if (initiatorName === null || targetName === null) {
    throw new RangeError('expected a context that knows both names');
  }
  return {
    initiator: context.initiator,
    initiatorName,
    targetName,
    authtime: context.authtime,
    sendSeq: protection?.sendSeq ?? BigInt(pending?.seqNumber ?? 0),
    ...(established === null ? {} : { established }),
    ...(protection === null ? {} : { window: protection.receiveWindow }),
    ...(pending === null ? {} : { pending }),
    ...(context.mit === null || context.mit === undefined ? {} : { mit: context.mit }),
  };
}

/** A live context from an imported snapshot. */
export function restore(party: SimParty, snapshot: ContextSnapshot): SimContextState {
  const { established, pending } = snapshot;
  const context = newContext(party, {
    state: established === undefined ? 'initiatorContinueNeeded' : 'established',
    initiator: snapshot.initiator,
    flags:
      established === undefined
        ? (pending?.flags ?? 0)
        : storedFlags(snapshot.initiator, established.flags, true),
    initiatorName: snapshot.initiatorName,
    targetName: snapshot.targetName,
    authtime: snapshot.authtime,
    endtime: established?.endtime ?? pending?.endtime ?? 0,
    pending: pending ?? null,
    dce: null,
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
