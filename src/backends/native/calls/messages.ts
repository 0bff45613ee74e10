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
import {
  booleanArgument,
  bytesArgument,
  copiedBytesArgument,
  qopArgument,
  uint32Argument,
} from '../arguments.js';
import { outBuffer } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import type { NativeRuntime } from '../runtime.js';

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
      const confidential = booleanArgument(
        options.confidential,
        'confidential',
        'wrapSizeLimit',
        true,
      );
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
      const confidential = booleanArgument(options.confidential, 'confidential', 'wrap', true);
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
