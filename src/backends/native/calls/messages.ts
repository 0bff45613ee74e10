/**
 * Per-message calls over MIT: `gss_get_mic`, `gss_verify_mic`, `gss_wrap`, `gss_unwrap` and
 * `gss_wrap_size_limit` (RFC 2744 §5.15, §5.32, §5.33, §5.34, §5.35). For krb5 the tokens are
 * RFC 4121 §4.2 MIC and Wrap tokens.
 *
 * These are the hot path: each call binds nothing, copies its output once and checks only
 * what C cannot.
 *
 * @module
 */

import type { MessagesApi } from '../../../spec/api/messages.js';
import { outBuffer } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import { bytesArgument, copiedBytesArgument, type NativeRuntime } from '../runtime.js';

/** The largest `OM_uint32`. */
const UINT32_MAX = 0xffffffff;

/** The per-message calls of the native backend. */
export function messageCalls(runtime: NativeRuntime): MessagesApi {
  const { library, memory, status, handles } = runtime;
  const getMic = library.bind(C.gss_get_mic);
  const verifyMic = library.bind(C.gss_verify_mic);
  const wrapSizeLimit = library.bind(C.gss_wrap_size_limit);
  const wrap = library.bind(C.gss_wrap);
  const unwrap = library.bind(C.gss_unwrap);

  return {
    getMic(context, message, options = {}) {
      const pointer = handles.pointer(context, 'context', 'getMic');
      const input = bytesArgument(message, 'message', 'getMic');
      const qop = qopArgument(options.qop, 'getMic');
      const minor = [0];
      const token = outBuffer();

      const major = getMic(minor, pointer, qop, input, token);
      status.check('getMic', major, minor[0] ?? 0);
      return memory.takeBuffer(token);
    },

    verifyMic(context, message, token) {
      const pointer = handles.pointer(context, 'context', 'verifyMic');
      const input = copiedBytesArgument(message, 'message', 'verifyMic');
      const mic = copiedBytesArgument(token, 'token', 'verifyMic');
      const minor = [0];
      const qop = [0];

      const major = verifyMic(minor, pointer, input, mic, qop);
      checkMessageStatus(status, 'verifyMic', major, minor[0] ?? 0);
      return (qop[0] ?? 0) >>> 0;
    },

    wrapSizeLimit(context, outputSize, options = {}) {
      const pointer = handles.pointer(context, 'context', 'wrapSizeLimit');
      const size = uint32Argument(outputSize, 'outputSize', 'wrapSizeLimit');
      const confidential = confidentialArgument(options.confidential, 'wrapSizeLimit');
      const qop = qopArgument(options.qop, 'wrapSizeLimit');
      const minor = [0];
      const maxInput = [0];

      const major = wrapSizeLimit(minor, pointer, confidential ? 1 : 0, qop, size, maxInput);
      status.check('wrapSizeLimit', major, minor[0] ?? 0);
      return (maxInput[0] ?? 0) >>> 0;
    },

    wrap(context, message, options = {}) {
      const pointer = handles.pointer(context, 'context', 'wrap');
      const input = bytesArgument(message, 'message', 'wrap');
      const confidential = confidentialArgument(options.confidential, 'wrap');
      const qop = qopArgument(options.qop, 'wrap');
      const minor = [0];
      const confState = [0];
      const output = outBuffer();

      const major = wrap(minor, pointer, confidential ? 1 : 0, qop, input, confState, output);
      status.check('wrap', major, minor[0] ?? 0);
      return { message: memory.takeBuffer(output), encrypted: confState[0] !== 0 };
    },

    unwrap(context, message) {
      const pointer = handles.pointer(context, 'context', 'unwrap');
      const input = copiedBytesArgument(message, 'message', 'unwrap');
      const minor = [0];
      const output = outBuffer();
      const confState = [0];
      const qop = [0];

      const major = unwrap(minor, pointer, input, output, confState, qop);
      const plain = memory.takeBuffer(output);
      checkMessageStatus(status, 'unwrap', major, minor[0] ?? 0);
      return { message: plain, encrypted: confState[0] !== 0, qop: (qop[0] ?? 0) >>> 0 };
    },
  };
}

/**
 * Throws for a failed check of a received token: a calling or routine error, or a
 * supplementary bit alone (a duplicate, old, unsequenced or gap token), which the reference
 * raises as its `SupplementaryError` family. MIT sets those bits only for the detection the
 * context was asked for (RFC 2743 §1.2.3).
 */
function checkMessageStatus(
  status: NativeRuntime['status'],
  operation: string,
  major: number,
  minor: number,
): void {
  if (major !== 0) throw status.error(operation, major, minor);
}

/**
 * A C `OM_uint32` quality of protection: 0 (GSS_C_QOP_DEFAULT) for null or absent.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
function qopArgument(value: number | null | undefined, operation: string): number {
  if (value === null || value === undefined) return 0;
  return uint32Argument(value, 'qop', operation);
}

/**
 * A C `OM_uint32`.
 * @throws {TypeError} when not a number.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
function uint32Argument(value: unknown, what: string, operation: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${operation}: expected ${what} as a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new RangeError(`${operation}: ${what} is an integer from 0 to 2^32-1, got ${value}`);
  }
  return value;
}

/**
 * The `conf_req_flag`: true unless `confidential` is false.
 * @throws {TypeError} when it is given and not a boolean.
 */
function confidentialArgument(value: unknown, operation: string): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') {
    throw new TypeError(`${operation}: expected confidential as a boolean, got ${typeof value}`);
  }
  return value;
}
