/**
 * Per-message extensions: IOV wrapping (DCE RPC), AEAD wrapping and IOV MICs. python-gssapi
 * `ext_dce`, `ext_dce_aead`, `ext_iov_mic`; MIT `gssapi_ext.h`; token layout RFC 4121 §4.2.4.
 *
 * The IOV calls are the C API's in/out calls: they read the caller's {@link IOV} and fill its
 * buffers in place (`IOV.fill`): buffers marked `allocate` get their value and are marked
 * allocated (`allocate` becomes `null`), data buffers are encrypted or decrypted where they are.
 *
 * A backend without the extension still has these functions: they throw
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at their arguments.
 *
 * @module
 */

import type { SecurityContext } from '../handles.js';
import type { IOV } from '../iov.js';
import type { ProtectionOptions, QopOptions } from '../options.js';
import type { IOVUnwrapResult, UnwrapResult, WrapResult } from '../results.js';

/** The `dce` extension: `gss_wrap_iov`, `gss_unwrap_iov`, `gss_wrap_iov_length`. */
export interface DceApi {
  /**
   * gss_wrap_iov: wraps the data and sign-only buffers of `message` in place, filling the
   * header, padding and trailer (allocated when marked `allocate`).
   * @returns whether the data was encrypted (`conf_state`).
   * @throws {OperationUnavailableError} the backend lacks `dce`.
   * @throws {GssError} as `wrap` does, or a buffer is missing or too small.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  wrapIov(context: SecurityContext, message: IOV, options?: ProtectionOptions): boolean;

  /**
   * gss_unwrap_iov: checks and decrypts `message` in place. A whole token may be given as a
   * `stream` buffer followed by an empty `data` buffer, which then receives the plaintext.
   * @throws {OperationUnavailableError} the backend lacks `dce`.
   * @throws {GssError} as `unwrap` does.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   */
  unwrapIov(context: SecurityContext, message: IOV): IOVUnwrapResult;

  /**
   * gss_wrap_iov_length: sizes the header, padding and trailer of `message` for a `wrapIov` of
   * its data: each becomes a zero-filled buffer of the right length, in place.
   * @returns whether `wrapIov` would encrypt (`conf_state`).
   * @throws {OperationUnavailableError} the backend lacks `dce`.
   * @throws {GssError} as `wrap` does.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  wrapIovLength(context: SecurityContext, message: IOV, options?: ProtectionOptions): boolean;
}

/** Options of {@link DceAeadApi.wrapAead}. */
export interface WrapAeadOptions extends ProtectionOptions {
  /** Data integrity-protected with the message but not sent in the token; `null`: none. */
  readonly associated?: Uint8Array | null;
}

/** Options of {@link DceAeadApi.unwrapAead}. */
export interface UnwrapAeadOptions {
  /** The associated data the sender protected; `null` or absent: none. */
  readonly associated?: Uint8Array | null;
}

/** The `dceAead` extension: `gss_wrap_aead`, `gss_unwrap_aead`. */
export interface DceAeadApi {
  /**
   * gss_wrap_aead: `wrap` with associated data (a sign-only IOV buffer) protected too.
   * @throws {OperationUnavailableError} the backend lacks `dceAead`.
   * @throws {GssError} as `wrap` does.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  wrapAead(context: SecurityContext, message: Uint8Array, options?: WrapAeadOptions): WrapResult;

  /**
   * gss_unwrap_aead: `unwrap` of a `wrapAead` token, given the same associated data. As for
   * `unwrap`, the caller's token is never changed (the native backend gives MIT a copy).
   * @throws {OperationUnavailableError} the backend lacks `dceAead`.
   * @throws {GssError} as `unwrap` does (BadMICError when the associated data differs).
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   */
  unwrapAead(
    context: SecurityContext,
    message: Uint8Array,
    options?: UnwrapAeadOptions,
  ): UnwrapResult;
}

/** The `iovMic` extension: `gss_get_mic_iov`, `gss_get_mic_iov_length`, `gss_verify_mic_iov`. */
export interface IovMicApi {
  /**
   * gss_get_mic_iov: a MIC over the data and sign-only buffers of `message`, written in place
   * into its `micToken` buffer.
   * @throws {OperationUnavailableError} the backend lacks `iovMic`.
   * @throws {GssError} as `getMic` does, or there is no `micToken` buffer.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  getMicIov(context: SecurityContext, message: IOV, options?: QopOptions): void;

  /**
   * gss_get_mic_iov_length: sizes the `micToken` buffer of `message` in place (zero-filled).
   * @throws {OperationUnavailableError} the backend lacks `iovMic`.
   * @throws {GssError} as `getMic` does.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  getMicIovLength(context: SecurityContext, message: IOV, options?: QopOptions): void;

  /**
   * gss_verify_mic_iov: checks the `micToken` buffer of `message` against its data and
   * sign-only buffers. (The reference's `qop` parameter is ignored there and left out here.)
   * @returns the quality of protection the sender used (`qop_state`).
   * @throws {OperationUnavailableError} the backend lacks `iovMic`.
   * @throws {GssError} as `verifyMic` does.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   */
  verifyMicIov(context: SecurityContext, message: IOV): number;
}
