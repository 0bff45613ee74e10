/**
 * The events, context and predictions of the context machine (`context.ts`).
 *
 * @module
 */

import type { ContextCall } from './context-calls.js';
import type { ContextRole } from './context-flags.js';
import type { Prediction } from './prediction.js';

/**
 * The kind of input token a call receives, as far as the state machine cares:
 *
 * - `valid`: the token the peer produced for this leg;
 * - `invalid`: a token krb5 rejects after parsing (bad AP-REQ/AP-REP, integrity failure);
 * - `krbError`: an RFC 4121 KRB-ERROR token from the acceptor (initiator continuation);
 * - `unframed`: no GSS framing for this leg: not an AP-REP nor a KRB-ERROR (python-gssapi's
 *   `input_token=None` is an empty buffer, which counts here);
 * - `wrongTokenId`: krb5 framing with another token ID, given to a first accept call.
 */
export type InputTokenKind = 'valid' | 'invalid' | 'krbError' | 'unframed' | 'wrongTokenId';

/** `initSecContext`; `flags` are the requested flags (RFC 2744 `req_flags`). */
export interface InitSecContextEvent {
  readonly type: 'initSecContext';
  readonly flags?: number;
  readonly inputToken?: InputTokenKind;
}

/** `acceptSecContext`; `flags` are the flags the initiator requested, carried in its token. */
export interface AcceptSecContextEvent {
  readonly type: 'acceptSecContext';
  readonly flags?: number;
  readonly inputToken?: InputTokenKind;
}

/** A successful `importSecContext` of a token exported from a context in the given state. */
export interface ImportSecContextEvent {
  readonly type: 'importSecContext';
  readonly role: ContextRole;
  /** The exported context's flags. */
  readonly flags?: number;
  /** Whether the exported context was established. */
  readonly established: boolean;
}

/** The clock passes the context's end time (the ticket's `endtime`, RFC 4120 §5.3). */
export interface EndtimePassesEvent {
  readonly type: 'endtimePasses';
}

/** A call that does not establish the context. */
export interface ContextCallEvent {
  readonly type: ContextCall;
}

/** Every event of the context machine. */
export type ContextEvent =
  | InitSecContextEvent
  | AcceptSecContextEvent
  | ImportSecContextEvent
  | EndtimePassesEvent
  | ContextCallEvent;

/** A prediction for a context call; establishing calls also predict their outputs. */
export interface ContextPrediction extends Prediction {
  /** Whether the call emits an output token (init and accept only). */
  readonly outputToken?: boolean;
  /** The `ret_flags` the call returns (successful init and accept only). */
  readonly flags?: number;
  /**
   * MIT crashes the process instead of returning (it dereferences a NULL mechanism context);
   * `major` is then what the mechglue answers for the other calls in that state.
   */
  readonly aborts?: boolean;
}

/** The context of the context machine. */
export interface ContextMachineContext {
  /** Which side the handle is, once a context exists. */
  readonly role: ContextRole | null;
  /** The krb5 context's `gss_flags`. */
  readonly flags: number;
  /** What the last call returned, or null before the first call. */
  readonly result: ContextPrediction | null;
}

/** The flags an event carries: requested flags for init and accept, the context's for import. */
export function requestedFlags(event: ContextEvent): number {
  return 'flags' in event && event.flags !== undefined ? event.flags : 0;
}

/** The input token kind of an event; `valid` when the event does not say. */
export function inputToken(event: ContextEvent): InputTokenKind {
  return 'inputToken' in event && event.inputToken !== undefined ? event.inputToken : 'valid';
}
