/**
 * Per-message calls of the GSS-API (RFC 2743 §2.3, RFC 2744 §5; python-gssapi
 * `gssapi.raw.message`). For krb5 the tokens are RFC 4121 §4.2 MIC and Wrap tokens.
 *
 * @module
 */

import type { SecurityContext } from '../handles.js';
import type { ProtectionOptions, QopOptions } from '../options.js';
import type { UnwrapResult, WrapResult } from '../results.js';

/** The per-message calls. Every backend has them. */
export interface MessagesApi {
  /**
   * GSS_GetMIC (RFC 2743 §2.3.1): a MIC token over `message`.
   * @throws {ExpiredContextError} the context has expired.
   * @throws {MissingContextError} the context is not valid or not ready for protection.
   * @throws {BadQoPError} the quality of protection is not supported.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  getMic(context: SecurityContext, message: Uint8Array, options?: QopOptions): Uint8Array;

  /**
   * GSS_VerifyMIC (RFC 2743 §2.3.2): checks a MIC token against `message`. Sequence problems
   * the context was not asked to detect are not errors (RFC 2743 §1.2.3). The caller's `message`
   * and `token` are never changed: MIT may write into its input buffers, so the native backend
   * gives it copies.
   * @returns the quality of protection the sender used (`qop_state`).
   * @throws {InvalidTokenError} the token is malformed.
   * @throws {BadMICError} the MIC does not match.
   * @throws {DuplicateTokenError} the token was seen before (replay detection).
   * @throws {ExpiredTokenError} the token is older than the replay window.
   * @throws {TokenTooLateError} a later token was already processed (sequence detection).
   * @throws {TokenTooEarlyError} an earlier token is missing (sequence detection).
   * @throws {ExpiredContextError} the context has expired.
   * @throws {MissingContextError} the context is not valid.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   */
  verifyMic(context: SecurityContext, message: Uint8Array, token: Uint8Array): number;

  /**
   * GSS_Wrap_size_limit (RFC 2743 §2.2.7): the longest message whose wrap token fits in
   * `outputSize` bytes.
   * @throws {MissingContextError} the context is not valid.
   * @throws {ExpiredContextError} the context has expired.
   * @throws {BadQoPError} the quality of protection is not supported.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `outputSize` or `qop` is not a 32-bit unsigned integer.
   */
  wrapSizeLimit(context: SecurityContext, outputSize: number, options?: ProtectionOptions): number;

  /**
   * GSS_Wrap (RFC 2743 §2.3.3): a token carrying `message`, encrypted unless `confidential`
   * is false, always integrity-protected.
   * @throws {ExpiredContextError} the context has expired.
   * @throws {MissingContextError} the context is not valid or not ready for protection.
   * @throws {BadQoPError} the quality of protection is not supported.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `qop` is not a 32-bit unsigned integer.
   */
  wrap(context: SecurityContext, message: Uint8Array, options?: ProtectionOptions): WrapResult;

  /**
   * GSS_Unwrap (RFC 2743 §2.3.4): the message inside a wrap token, checked and decrypted. The
   * caller's `message` is never changed: MIT rotates and decrypts the token in place, so the
   * native backend gives it a copy.
   * @throws {InvalidTokenError} the token is malformed.
   * @throws {BadMICError} the token's checksum does not match.
   * @throws {DuplicateTokenError} the token was seen before (replay detection).
   * @throws {ExpiredTokenError} the token is older than the replay window.
   * @throws {TokenTooLateError} a later token was already processed (sequence detection).
   * @throws {TokenTooEarlyError} an earlier token is missing (sequence detection).
   * @throws {ExpiredContextError} the context has expired.
   * @throws {MissingContextError} the context is not valid.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   */
  unwrap(context: SecurityContext, message: Uint8Array): UnwrapResult;
}
