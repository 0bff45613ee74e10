/**
 * A sim security context: where it stands in the spec's context machine, what it knows of
 * its peer, and, once established, its per-message protection. The calls that do not
 * establish a context ask the machine's table (`predictContextCall`) what MIT answers in the
 * context's state before doing anything.
 *
 * @module
 */

import { gssError } from '../../spec/errors.js';
import { RequirementFlag } from '../../spec/flags.js';
import type { ContextStateName } from '../../spec/machines/context-calls.js';
import { type ContextCall, predictContextCall } from '../../spec/machines/context-calls.js';
import type { SequenceState } from '../../spec/machines/sequence.js';
import { callingError, GSS_S_COMPLETE } from '../../spec/status.js';
import { code, errorMessage } from '../errors/index.js';
import type { KrbPrincipal } from '../krb5/client/index.js';
import type { ContextSnapshot } from '../krb5/context/context-snapshot.js';
import type { DceAcceptorState } from '../krb5/context/dce-acceptor.js';
import type { EstablishedContext } from '../krb5/context/established-context.js';
import type { InitiatorState } from '../krb5/context/initiator-token.js';
import type { AuthorizationData } from '../krb5/messages/authorization-data.js';
import {
  createMessageProtection,
  type MessageProtection,
} from '../krb5/tokens/message-protection.js';
import { HandleTable } from './handles.js';
import type { NameAuthdata } from './name-authdata.js';
import type { SimParty } from './party.js';

/** MIT's default clock skew, which an acceptor's context lifetime includes. */
export const ACCEPTOR_CLOCK_SKEW = 300;

/** The states a live sim context can be in (the machine's, less those of a dead handle). */
export type LiveContextState = Extract<
  ContextStateName,
  'initiatorContinueNeeded' | 'acceptorContinueNeeded' | 'established' | 'failed'
>;

/** One end of a context. Holds keys: never print it (its handle's inspect shows the state). */
export interface SimContextState {
  readonly party: SimParty;
  /** A number unique in the process, for traces. */
  readonly id: number;
  state: LiveContextState;
  readonly initiator: boolean;
  /** The flags MIT reports for the context. */
  flags: number;
  initiatorName: KrbPrincipal | null;
  targetName: KrbPrincipal | null;
  authtime: number;
  /** The ticket's endtime (seconds since 1970). */
  endtime: number;
  /** An initiator waiting for the AP-REP. */
  pending: InitiatorState | null;
  /** A DCE-style acceptor waiting for the initiator's last token. */
  dce: DceAcceptorState | null;
  /** The established end and its per-message calls. */
  established: EstablishedContext | null;
  protection: MessageProtection | null;
  /** What an imported MIT export held beyond the snapshot, written back on export. */
  mit?: ContextSnapshot['mit'] | null;
  /** The ticket's flags (MIT's `ctx->krb_flags`), for `inquireSecContextByOid`. */
  ticketFlags?: number;
  /** The ticket's authorization-data an acceptor keeps (MIT's `ctx->authdata`). */
  authorizationData?: AuthorizationData;
  /** An acceptor's initiator name's authorization-data context (the ticket's PAC). */
  initiatorAuthdata?: NameAuthdata;
}

let nextId = 1;

/** The sim's context handles. */
export const CONTEXTS = new HandleTable<'context', SimContextState>(
  'context',
  (context) => `${context.initiator ? 'initiator' : 'acceptor'} #${context.id}, ${context.state}`,
);

/** A new context state. */
export function newContext(
  party: SimParty,
  fields: Omit<SimContextState, 'party' | 'id'>,
): SimContextState {
  return { party, id: nextId++, ...fields };
}

/** Moves a context to `state`, recording the transition when the realm traces. */
export function moveTo(context: SimContextState, state: LiveContextState): void {
  const { trace } = context.party.realm;
  if (trace.enabled && context.state !== state) {
    trace.record({
      kind: 'transition',
      party: context.party.label,
      context: `${context.initiator ? 'initiator' : 'acceptor'}#${context.id}`,
      from: context.state,
      to: state,
    });
  }
  context.state = state;
}

/** The seconds left of an established context at its party's time, as MIT counts them. */
export function secondsLeft(context: SimContextState): number {
  const left = context.endtime - context.party.now();
  return context.initiator ? left : left + ACCEPTOR_CLOCK_SKEW;
}

/** The machine state of a context: `expired` once an established one has run out. */
export function machineState(context: SimContextState): ContextStateName {
  if (context.state === 'established' && secondsLeft(context) <= 0) return 'expired';
  return context.state;
}

/**
 * Checks that `call` may go on in the context's state, as the machine predicts MIT answers.
 * @throws {GssError} the machine's major status and, where it names one, the minor.
 */
export function checkCall(context: SimContextState, call: ContextCall, operation: string): void {
  const state = machineState(context);
  const prediction = predictContextCall(state, call);
  if (prediction.major === GSS_S_COMPLETE) return;
  // A failed context has no mechanism context: the mechglue answers, with no minor status.
  if (state === 'failed') throw gssError(prediction.major, 0, { operation });
  const minor = prediction.minor === undefined ? 0 : code(prediction.minor);
  throw gssError(prediction.major, context.party.minors.map(minor), {
    operation,
    minorMessage: errorMessage(minor),
  });
}

/** Gives an established context its per-message calls. */
export function protect(
  context: SimContextState,
  established: EstablishedContext,
  resume?: { readonly sendSeq: bigint; readonly window?: Readonly<SequenceState> },
): void {
  const { party } = context;
  context.established = established;
  context.protection = createMessageProtection({
    initiator: established.initiator,
    ctxKey: established.ctxKey,
    acceptorSubkey: established.acceptorSubkey,
    sendSeq: resume?.sendSeq ?? established.sendSeq,
    recvSeq: established.recvSeq,
    replayDetection: (established.flags & RequirementFlag.replayDetection) !== 0,
    outOfSequenceDetection: (established.flags & RequirementFlag.outOfSequenceDetection) !== 0,
    ctxKeyChecksum: established.initiator || (established.flags & RequirementFlag.dceStyle) === 0,
    random: (length) => party.random.bytes(length),
    error: (operation, major, minor) =>
      // A calling error (an empty token) is the mechglue's: its minor is not mapped.
      callingError(major) !== 0
        ? gssError(major, minor, { operation })
        : gssError(major, party.minors.map(minor), {
            operation,
            minorMessage: errorMessage(minor),
          }),
    ...(resume?.window === undefined ? {} : { receiveWindow: resume.window }),
  });
}
