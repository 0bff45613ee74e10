/**
 * Per-message calls over MIT: `gss_get_mic`, `gss_verify_mic`, `gss_wrap`, `gss_unwrap` and
 * `gss_wrap_size_limit` (RFC 2744 §5.15, §5.32, §5.33, §5.34, §5.35). For krb5 the tokens are
 * RFC 4121 §4.2 MIC and Wrap tokens.
 *
 * These are the hot path: each call binds nothing, marshals nothing (a {@link MessageFrame}
 * of preallocated C memory holds its arguments and outputs), copies its input and its output
 * once each and checks only what C cannot.
 *
 * @module
 */

import type { MessagesApi } from '../../../spec/api/messages.js';
import { bytesValue } from '../../../spec/arguments.js';
import { booleanArgument, qopArgument, uint32Argument } from '../arguments.js';
import { FRAME_PROTOTYPES, MessageFrame } from '../message-frame.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import type { NativeRuntime } from '../runtime.js';

/** The per-message calls of the native backend. */
export function messageCalls(runtime: NativeRuntime): MessagesApi {
  const { library, status, handles } = runtime;
  const frame = new MessageFrame(library);
  const getMic = library.bind(FRAME_PROTOTYPES.gss_get_mic);
  const verifyMic = library.bind(FRAME_PROTOTYPES.gss_verify_mic);
  const wrapSizeLimit = library.bind(C.gss_wrap_size_limit);
  const wrap = library.bind(FRAME_PROTOTYPES.gss_wrap);
  const unwrap = library.bind(FRAME_PROTOTYPES.gss_unwrap);

  return {
    getMic(context, message, options = {}) {
      const pointer = handles.pointer(context, 'context', 'getMic');
      const input = bytesValue(message, 'message', 'getMic');
      const qop = qopArgument(options.qop, 'getMic');

      frame.prepare(input);
      const major = getMic(frame.minor, pointer, qop, frame.firstInput, frame.output);
      frame.finish();
      status.check('getMic', major, frame.minorStatus());
      return frame.takeOutput();
    },

    verifyMic(context, message, token) {
      const pointer = handles.pointer(context, 'context', 'verifyMic');
      const input = bytesValue(message, 'message', 'verifyMic');
      const mic = bytesValue(token, 'token', 'verifyMic');

      frame.prepare(input, mic);
      const major = verifyMic(frame.minor, pointer, frame.firstInput, frame.secondInput, frame.qop);
      frame.finish();
      checkMessageStatus(status, 'verifyMic', major, frame.minorStatus());
      return frame.qopValue();
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
      const input = bytesValue(message, 'message', 'wrap');
      const confidential = booleanArgument(options.confidential, 'confidential', 'wrap', true);
      const qop = qopArgument(options.qop, 'wrap');

      frame.prepare(input);
      const major = wrap(
        frame.minor,
        pointer,
        confidential ? 1 : 0,
        qop,
        frame.firstInput,
        frame.confState,
        frame.output,
      );
      frame.finish();
      status.check('wrap', major, frame.minorStatus());
      return { message: frame.takeOutput(), encrypted: frame.confidential() };
    },

    unwrap(context, message) {
      const pointer = handles.pointer(context, 'context', 'unwrap');
      const input = bytesValue(message, 'message', 'unwrap');

      frame.prepare(input);
      const major = unwrap(
        frame.minor,
        pointer,
        frame.firstInput,
        frame.output,
        frame.confState,
        frame.qop,
      );
      frame.finish();
      // Read before takeOutput: gss_release_buffer writes its own minor status.
      const minor = frame.minorStatus();
      const plain = frame.takeOutput();
      checkMessageStatus(status, 'unwrap', major, minor);
      return { message: plain, encrypted: frame.confidential(), qop: frame.qopValue() };
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
