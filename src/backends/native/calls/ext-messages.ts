/**
 * Per-message extension calls over MIT: IOV wrapping (`dce`), AEAD wrapping (`dceAead`) and
 * IOV MICs (`iovMic`), as `gssapi_ext.h` declares them (token layout RFC 4121 §4.2.4).
 *
 * An IOV call reads and fills the caller's buffers in place, so it runs over a C copy of the
 * {@link IOV} that is copied back afterwards (`ext-messages-iov.ts`).
 *
 * @module
 */

import type { DceAeadApi, DceApi, IovMicApi } from '../../../spec/api/ext-messages.js';
import type { SecurityContext } from '../../../spec/handles.js';
import type { IOV } from '../../../spec/iov.js';
import type { ProtectionOptions, QopOptions } from '../../../spec/options.js';
import { GSS_S_COMPLETE } from '../../../spec/status.js';
import { booleanArgument, bytesArgument, copiedBytesArgument, qopArgument } from '../arguments.js';
import type { CFunction } from '../library.js';
import { cPrototype } from '../library.js';
import { type BufferDesc, outBuffer } from '../memory.js';
import type { NativeRuntime } from '../runtime.js';
import { withIov } from './ext-messages-iov.js';
import type { AnyExtensionModule } from './module.js';

const PROTOTYPES = {
  gss_wrap_iov: cPrototype(
    'gss_wrap_iov',
    '_Out_ uint32_t *minor',
    'void *context',
    'int conf_req',
    'uint32_t qop',
    '_Out_ int *conf_state',
    'void *iov',
    'int iov_count',
  ),
  gss_unwrap_iov: cPrototype(
    'gss_unwrap_iov',
    '_Out_ uint32_t *minor',
    'void *context',
    '_Out_ int *conf_state',
    '_Out_ uint32_t *qop_state',
    'void *iov',
    'int iov_count',
  ),
  gss_wrap_iov_length: cPrototype(
    'gss_wrap_iov_length',
    '_Out_ uint32_t *minor',
    'void *context',
    'int conf_req',
    'uint32_t qop',
    '_Out_ int *conf_state',
    'void *iov',
    'int iov_count',
  ),
  gss_release_iov_buffer: cPrototype(
    'gss_release_iov_buffer',
    '_Out_ uint32_t *minor',
    'void *iov',
    'int iov_count',
  ),
  gss_wrap_aead: cPrototype(
    'gss_wrap_aead',
    '_Out_ uint32_t *minor',
    'void *context',
    'int conf_req',
    'uint32_t qop',
    'gss_buffer_desc *assoc',
    'gss_buffer_desc *input',
    '_Out_ int *conf_state',
    '_Out_ gss_buffer_desc *output',
  ),
  gss_unwrap_aead: cPrototype(
    'gss_unwrap_aead',
    '_Out_ uint32_t *minor',
    'void *context',
    'gss_buffer_desc *input',
    'gss_buffer_desc *assoc',
    '_Out_ gss_buffer_desc *output',
    '_Out_ int *conf_state',
    '_Out_ uint32_t *qop_state',
  ),
  gss_get_mic_iov: cPrototype(
    'gss_get_mic_iov',
    '_Out_ uint32_t *minor',
    'void *context',
    'uint32_t qop',
    'void *iov',
    'int iov_count',
  ),
  gss_get_mic_iov_length: cPrototype(
    'gss_get_mic_iov_length',
    '_Out_ uint32_t *minor',
    'void *context',
    'uint32_t qop',
    'void *iov',
    'int iov_count',
  ),
  gss_verify_mic_iov: cPrototype(
    'gss_verify_mic_iov',
    '_Out_ uint32_t *minor',
    'void *context',
    '_Out_ uint32_t *qop_state',
    'void *iov',
    'int iov_count',
  ),
} as const;

/**
 * `conf_req_flag`: 1 unless `confidential` is false.
 * @throws {TypeError} when it is given and not a boolean.
 */
function confReqArgument(confidential: unknown, operation: string): number {
  return booleanArgument(confidential, 'confidential', operation, true) ? 1 : 0;
}

/** The associated data of the AEAD calls: GSS_C_NO_BUFFER when null or absent. */
function associatedArgument(associated: unknown, operation: string): BufferDesc | null {
  if (associated === null || associated === undefined) return null;
  return bytesArgument(associated, 'associated data', operation);
}

/** The `dce` extension: gss_wrap_iov, gss_unwrap_iov, gss_wrap_iov_length. */
function dceCalls(runtime: NativeRuntime): DceApi {
  const { library, status, handles } = runtime;
  const wrapIov = library.bind(PROTOTYPES.gss_wrap_iov);
  const unwrapIov = library.bind(PROTOTYPES.gss_unwrap_iov);
  const wrapIovLength = library.bind(PROTOTYPES.gss_wrap_iov_length);
  const releaseIov = library.bind(PROTOTYPES.gss_release_iov_buffer);

  const wrapping =
    (wrap: CFunction, operation: string) =>
    (context: SecurityContext, message: IOV, options: ProtectionOptions = {}): boolean => {
      const pointer = handles.pointer(context, 'context', operation);
      const confReq = confReqArgument(options.confidential, operation);
      const qop = qopArgument(options.qop, operation);
      const confState = [0];

      const result = withIov(releaseIov, message, operation, true, (iov, count) => {
        const minor = [0];
        const major = wrap(minor, pointer, confReq, qop, confState, iov, count);
        return { major, minor: minor[0] ?? 0 };
      });
      if (result.major !== GSS_S_COMPLETE)
        throw status.error(operation, result.major, result.minor);
      return confState[0] !== 0;
    };

  return {
    wrapIov: wrapping(wrapIov, 'wrapIov'),
    wrapIovLength: wrapping(wrapIovLength, 'wrapIovLength'),

    unwrapIov(context, message) {
      const pointer = handles.pointer(context, 'context', 'unwrapIov');
      const confState = [0];
      const qopState = [0];

      const result = withIov(releaseIov, message, 'unwrapIov', true, (iov, count) => {
        const minor = [0];
        const major = unwrapIov(minor, pointer, confState, qopState, iov, count);
        return { major, minor: minor[0] ?? 0 };
      });
      if (result.major !== GSS_S_COMPLETE) {
        throw status.error('unwrapIov', result.major, result.minor);
      }
      return { encrypted: confState[0] !== 0, qop: (qopState[0] ?? 0) >>> 0 };
    },
  };
}

/** The `dceAead` extension: gss_wrap_aead, gss_unwrap_aead. */
function dceAeadCalls(runtime: NativeRuntime): DceAeadApi {
  const { library, memory, status, handles } = runtime;
  const wrapAead = library.bind(PROTOTYPES.gss_wrap_aead);
  const unwrapAead = library.bind(PROTOTYPES.gss_unwrap_aead);

  return {
    wrapAead(context, message, options = {}) {
      const pointer = handles.pointer(context, 'context', 'wrapAead');
      const input = bytesArgument(message, 'a message', 'wrapAead');
      const associated = associatedArgument(options.associated, 'wrapAead');
      const confReq = confReqArgument(options.confidential, 'wrapAead');
      const qop = qopArgument(options.qop, 'wrapAead');
      const minor = [0];
      const confState = [0];
      const output = outBuffer();

      const major = wrapAead(minor, pointer, confReq, qop, associated, input, confState, output);
      const token = memory.takeBuffer(output);
      if (major !== GSS_S_COMPLETE) throw status.error('wrapAead', major, minor[0] ?? 0);
      return { message: token, encrypted: confState[0] !== 0 };
    },

    unwrapAead(context, message, options = {}) {
      const pointer = handles.pointer(context, 'context', 'unwrapAead');
      // MIT unwraps the token where it lies (RRC rotation, header fields reset).
      const input = copiedBytesArgument(message, 'a message', 'unwrapAead');
      const associated = associatedArgument(options.associated, 'unwrapAead');
      const minor = [0];
      const confState = [0];
      const qopState = [0];
      const output = outBuffer();

      const major = unwrapAead(minor, pointer, input, associated, output, confState, qopState);
      const plaintext = memory.takeBuffer(output);
      if (major !== GSS_S_COMPLETE) throw status.error('unwrapAead', major, minor[0] ?? 0);
      return {
        message: plaintext,
        encrypted: confState[0] !== 0,
        qop: (qopState[0] ?? 0) >>> 0,
      };
    },
  };
}

/** The `iovMic` extension: gss_get_mic_iov, gss_get_mic_iov_length, gss_verify_mic_iov. */
function iovMicCalls(runtime: NativeRuntime): IovMicApi {
  const { library, status, handles } = runtime;
  const getMicIov = library.bind(PROTOTYPES.gss_get_mic_iov);
  const getMicIovLength = library.bind(PROTOTYPES.gss_get_mic_iov_length);
  const verifyMicIov = library.bind(PROTOTYPES.gss_verify_mic_iov);
  const releaseIov = library.bind(PROTOTYPES.gss_release_iov_buffer);

  const signing =
    (getMic: CFunction, operation: string) =>
    (context: SecurityContext, message: IOV, options: QopOptions = {}): void => {
      const pointer = handles.pointer(context, 'context', operation);
      const qop = qopArgument(options.qop, operation);

      const result = withIov(releaseIov, message, operation, true, (iov, count) => {
        const minor = [0];
        const major = getMic(minor, pointer, qop, iov, count);
        return { major, minor: minor[0] ?? 0 };
      });
      if (result.major !== GSS_S_COMPLETE)
        throw status.error(operation, result.major, result.minor);
    };

  return {
    getMicIov: signing(getMicIov, 'getMicIov'),
    getMicIovLength: signing(getMicIovLength, 'getMicIovLength'),

    verifyMicIov(context, message) {
      const pointer = handles.pointer(context, 'context', 'verifyMicIov');
      const qopState = [0];

      // Verifying changes no buffer, so nothing is copied back (as in the reference).
      const result = withIov(releaseIov, message, 'verifyMicIov', false, (iov, count) => {
        const minor = [0];
        const major = verifyMicIov(minor, pointer, qopState, iov, count);
        return { major, minor: minor[0] ?? 0 };
      });
      if (result.major !== GSS_S_COMPLETE) {
        throw status.error('verifyMicIov', result.major, result.minor);
      }
      return (qopState[0] ?? 0) >>> 0;
    },
  };
}

/** The per-message extension modules: `dce`, `dceAead`, `iovMic`. */
export const MODULES: readonly AnyExtensionModule[] = [
  {
    extension: 'dce',
    symbols: ['gss_wrap_iov', 'gss_unwrap_iov', 'gss_wrap_iov_length', 'gss_release_iov_buffer'],
    create: dceCalls,
  },
  {
    extension: 'dceAead',
    symbols: ['gss_wrap_aead', 'gss_unwrap_aead', 'gss_release_buffer'],
    create: dceAeadCalls,
  },
  {
    extension: 'iovMic',
    symbols: [
      'gss_get_mic_iov',
      'gss_get_mic_iov_length',
      'gss_verify_mic_iov',
      'gss_release_iov_buffer',
    ],
    create: iovMicCalls,
  },
];
