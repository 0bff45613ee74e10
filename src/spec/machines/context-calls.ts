/**
 * What MIT krb5 1.20 returns for each call on a security context that does not establish it,
 * by context state. The context machine (`context.ts`) is built from these tables, and
 * {@link predictContextCall} reads them directly for the hot path.
 *
 * Predictions assume otherwise well-formed arguments (default QOP, non-empty buffers, a valid
 * token from the peer for receiving calls, a supported OID for `inquireSecContextByOid`).
 *
 * @module
 */

import {
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_CALL_INACCESSIBLE_WRITE,
  GSS_S_COMPLETE,
  GSS_S_CONTEXT_EXPIRED,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_NO_CONTEXT,
} from '../status.js';
import type { ContextPrediction } from './context-events.js';
import { type Prediction, predict } from './prediction.js';

/** The calls on a context handle that never establish it, in python-gssapi's names. */
export const CONTEXT_CALLS = [
  'wrap',
  'unwrap',
  'getMic',
  'verifyMic',
  'wrapSizeLimit',
  'wrapIov',
  'wrapIovLength',
  'unwrapIov',
  'getMicIov',
  'getMicIovLength',
  'verifyMicIov',
  'wrapAead',
  'unwrapAead',
  'pseudoRandom',
  'inquireContext',
  'inquireSecContextByOid',
  'contextTime',
  'processContextToken',
  'exportSecContext',
  'deleteSecContext',
] as const;

/** One call of {@link CONTEXT_CALLS}. */
export type ContextCall = (typeof CONTEXT_CALLS)[number];

/** The states of a context handle (see `contextMachine`). */
export type ContextStateName =
  | 'noContext'
  | 'initiatorContinueNeeded'
  | 'acceptorContinueNeeded'
  | 'established'
  | 'expired'
  | 'failed'
  | 'deleted'
  | 'exported';

/**
 * A call's outcome in a state: its prediction, the MIT file and function that decide it, and,
 * when the handle changes, the new state.
 */
export interface CallOutcome {
  readonly prediction: ContextPrediction;
  /** Where MIT krb5 1.20 decides this outcome (`src/lib/gssapi/...`). */
  readonly source: string;
  readonly target?: 'deleted' | 'exported';
}

const stay = (prediction: Prediction, source: string): CallOutcome => ({ prediction, source });

/** A krb5 context with a mechanism context, however far along, can be exported. */
const EXPORTS: CallOutcome = {
  prediction: predict(GSS_S_COMPLETE),
  source: 'export_sec_context.c krb5_gss_export_sec_context',
  target: 'exported',
};

/** A krb5 context with a mechanism context is deleted whatever its state. */
const DELETES: CallOutcome = {
  prediction: predict(GSS_S_COMPLETE),
  source: 'delete_sec_context.c krb5_gss_delete_sec_context',
  target: 'deleted',
};

function everyCall(outcome: (call: ContextCall) => CallOutcome): Record<ContextCall, CallOutcome> {
  // Object.fromEntries loses the key type; the entries cover CONTEXT_CALLS exactly.
  return Object.fromEntries(CONTEXT_CALLS.map((call) => [call, outcome(call)])) as Record<
    ContextCall,
    CallOutcome
  >;
}

/**
 * GSS_C_NO_CONTEXT handed to the mechglue (`src/lib/gssapi/mechglue/g_*.c`, the `val_*_args`
 * checks): every call reports an unreadable context, except delete, whose handle is an
 * in/out parameter and is reported unwritable.
 */
const NO_HANDLE = predict(GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT);
const noHandle: Readonly<Record<ContextCall, CallOutcome>> = {
  wrap: stay(NO_HANDLE, 'g_seal.c val_wrap_args'),
  unwrap: stay(NO_HANDLE, 'g_unseal.c gss_unwrap'),
  getMic: stay(NO_HANDLE, 'g_sign.c val_get_mic_args'),
  verifyMic: stay(NO_HANDLE, 'g_verify.c gss_verify_mic'),
  wrapSizeLimit: stay(NO_HANDLE, 'g_seal.c gss_wrap_size_limit'),
  wrapIov: stay(NO_HANDLE, 'g_wrap_iov.c val_wrap_iov_args'),
  wrapIovLength: stay(NO_HANDLE, 'g_wrap_iov.c val_wrap_iov_args'),
  unwrapIov: stay(NO_HANDLE, 'g_unwrap_iov.c val_unwrap_iov_args'),
  getMicIov: stay(NO_HANDLE, 'g_wrap_iov.c gss_get_mic_iov'),
  getMicIovLength: stay(NO_HANDLE, 'g_wrap_iov.c gss_get_mic_iov_length'),
  verifyMicIov: stay(NO_HANDLE, 'g_unwrap_iov.c gss_verify_mic_iov'),
  wrapAead: stay(NO_HANDLE, 'g_wrap_aead.c val_wrap_aead_args'),
  unwrapAead: stay(NO_HANDLE, 'g_unwrap_aead.c val_unwrap_aead_args'),
  pseudoRandom: stay(NO_HANDLE, 'g_prf.c gss_pseudo_random'),
  inquireContext: stay(NO_HANDLE, 'g_inq_context.c val_inq_ctx_args'),
  inquireSecContextByOid: stay(NO_HANDLE, 'g_inq_context_oid.c'),
  contextTime: stay(NO_HANDLE, 'g_context_time.c'),
  processContextToken: stay(NO_HANDLE, 'g_process_context.c'),
  exportSecContext: stay(NO_HANDLE, 'g_exp_sec_context.c val_exp_sec_ctx_args'),
  // g_delete_sec_context.c val_del_sec_ctx_args: the handle pointer is written, hence WRITE.
  deleteSecContext: stay(
    predict(GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT),
    'g_delete_sec_context.c val_del_sec_ctx_args',
  ),
};

/**
 * A krb5 context that is not yet established. MIT's krb5 mechanism refuses every per-message
 * call with `ctx->established == 0` (no protection-ready per-message support), reports the
 * partial context through inquire, and exports it: `krb5_gss_export_sec_context` only checks
 * `terminated`.
 */
const INCOMPLETE = predict(GSS_S_NO_CONTEXT, 'KG_CTX_INCOMPLETE');
const incomplete: Readonly<Record<ContextCall, CallOutcome>> = {
  wrap: stay(INCOMPLETE, 'k5seal.c kg_seal'),
  unwrap: stay(INCOMPLETE, 'k5unseal.c kg_unseal'),
  getMic: stay(INCOMPLETE, 'k5seal.c kg_seal'),
  verifyMic: stay(INCOMPLETE, 'k5unseal.c kg_unseal'),
  wrapSizeLimit: stay(INCOMPLETE, 'wrap_size_limit.c krb5_gss_wrap_size_limit'),
  wrapIov: stay(INCOMPLETE, 'k5sealiov.c kg_seal_iov'),
  wrapIovLength: stay(INCOMPLETE, 'k5sealiov.c kg_seal_iov_length'),
  unwrapIov: stay(INCOMPLETE, 'k5unsealiov.c kg_unseal_iov'),
  getMicIov: stay(INCOMPLETE, 'k5sealiov.c kg_seal_iov'),
  getMicIovLength: stay(INCOMPLETE, 'k5sealiov.c kg_seal_iov_length'),
  verifyMicIov: stay(INCOMPLETE, 'k5unsealiov.c kg_unseal_iov'),
  wrapAead: stay(INCOMPLETE, 'g_wrap_aead.c shim over kg_seal_iov_length / kg_seal_iov'),
  unwrapAead: stay(INCOMPLETE, 'g_unwrap_aead.c shim over kg_unseal_iov'),
  pseudoRandom: stay(INCOMPLETE, 'prf.c krb5_gss_pseudo_random'),
  // inq_context.c: RFC 2743 §2.2.6 partial contexts report flags, role and open = false.
  inquireContext: stay(predict(GSS_S_COMPLETE), 'inq_context.c krb5_gss_inquire_context'),
  // gssapi_krb5.c krb5_gss_inquire_sec_context_by_oid: NO_CONTEXT without a minor status.
  inquireSecContextByOid: stay(
    predict(GSS_S_NO_CONTEXT),
    'gssapi_krb5.c krb5_gss_inquire_sec_context_by_oid',
  ),
  contextTime: stay(INCOMPLETE, 'context_time.c krb5_gss_context_time'),
  processContextToken: stay(INCOMPLETE, 'process_context_token.c'),
  exportSecContext: EXPORTS,
  deleteSecContext: DELETES,
};

/** An established krb5 context: every call works. */
const DONE = predict(GSS_S_COMPLETE);
const open: Readonly<Record<ContextCall, CallOutcome>> = {
  wrap: stay(DONE, 'k5seal.c krb5_gss_wrap'),
  unwrap: stay(DONE, 'k5unseal.c krb5_gss_unwrap'),
  getMic: stay(DONE, 'k5seal.c krb5_gss_get_mic'),
  verifyMic: stay(DONE, 'k5unseal.c krb5_gss_verify_mic'),
  wrapSizeLimit: stay(DONE, 'wrap_size_limit.c krb5_gss_wrap_size_limit'),
  wrapIov: stay(DONE, 'k5sealiov.c krb5_gss_wrap_iov'),
  wrapIovLength: stay(DONE, 'k5sealiov.c krb5_gss_wrap_iov_length'),
  unwrapIov: stay(DONE, 'k5unsealiov.c krb5_gss_unwrap_iov'),
  getMicIov: stay(DONE, 'k5sealiov.c krb5_gss_get_mic_iov'),
  getMicIovLength: stay(DONE, 'k5sealiov.c krb5_gss_get_mic_iov_length'),
  verifyMicIov: stay(DONE, 'k5unsealiov.c krb5_gss_verify_mic_iov'),
  wrapAead: stay(DONE, 'g_wrap_aead.c gssint_wrap_aead_iov_shim'),
  unwrapAead: stay(DONE, 'g_unwrap_aead.c gssint_unwrap_aead_iov_shim'),
  pseudoRandom: stay(DONE, 'prf.c krb5_gss_pseudo_random'),
  inquireContext: stay(DONE, 'inq_context.c krb5_gss_inquire_context'),
  inquireSecContextByOid: stay(DONE, 'gssapi_krb5.c krb5_gss_inquire_sec_context_by_oid'),
  contextTime: stay(DONE, 'context_time.c krb5_gss_context_time'),
  // process_context_token.c: RFC 4121 defines no context deletion token, so a CFX context
  // rejects every token with DEFECTIVE_TOKEN and minor 0.
  processContextToken: stay(predict(GSS_S_DEFECTIVE_TOKEN), 'process_context_token.c'),
  exportSecContext: EXPORTS,
  deleteSecContext: DELETES,
};

/**
 * An established context past its end time. MIT 1.20 checks `krb_times.endtime` only in
 * `krb5_gss_context_time` (lifetime <= 0) and `krb5_gss_inquire_context` (lifetime == 0);
 * wrap, unwrap, MIC and IOV calls keep working on an expired context.
 */
const EXPIRED = predict(GSS_S_CONTEXT_EXPIRED);
const expired: Readonly<Record<ContextCall, CallOutcome>> = {
  ...open,
  inquireContext: stay(EXPIRED, 'inq_context.c'),
  contextTime: stay(EXPIRED, 'context_time.c'),
};

/**
 * A union context whose mechanism context was deleted by a failed continuation call (RFC
 * 2744 §5.19 keeps the handle for the caller to delete): the mechglue finds
 * `ctx->internal_ctx_id == GSS_C_NO_CONTEXT` and returns NO_CONTEXT without a calling error.
 */
const GONE = predict(GSS_S_NO_CONTEXT);
const failed: Readonly<Record<ContextCall, CallOutcome>> = {
  ...everyCall((call) => stay(GONE, `${noHandle[call].source}: no internal_ctx_id`)),
  // Unlike the other g_*.c wrappers, g_inq_context_oid.c does not check internal_ctx_id and
  // hands NULL to krb5_gss_inquire_sec_context_by_oid, which dereferences it: measured on
  // MIT 1.20.1, the process dies of SIGSEGV.
  inquireSecContextByOid: stay(
    Object.freeze({ major: GSS_S_NO_CONTEXT, aborts: true }),
    'g_inq_context_oid.c gss_inquire_sec_context_by_oid: NULL internal_ctx_id crashes',
  ),
  // g_delete_sec_context.c frees the union context even without a mechanism context.
  deleteSecContext: {
    prediction: predict(GSS_S_COMPLETE),
    source: 'g_delete_sec_context.c gss_delete_sec_context',
    target: 'deleted',
  },
};

/**
 * The outcome of every non-establishing call in every state. `deleted` and `exported` hold
 * GSS_C_NO_CONTEXT again (gss_delete_sec_context and gss_export_sec_context clear the handle),
 * so they answer as `noContext` does.
 */
export const CONTEXT_CALL_OUTCOMES: Readonly<
  Record<ContextStateName, Readonly<Record<ContextCall, CallOutcome>>>
> = {
  noContext: noHandle,
  initiatorContinueNeeded: incomplete,
  acceptorContinueNeeded: incomplete,
  established: open,
  expired,
  failed,
  deleted: noHandle,
  exported: noHandle,
};

/**
 * What MIT returns for `call` on a context in `state`: a table lookup, for the hot path.
 * Establishing calls (init, accept, import) depend on their tokens and are answered by the
 * context machine instead.
 */
export function predictContextCall(state: ContextStateName, call: ContextCall): Prediction {
  return CONTEXT_CALL_OUTCOMES[state][call].prediction;
}
