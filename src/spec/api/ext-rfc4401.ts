/**
 * The pseudo-random function of a security context (RFC 4401, GSS_Pseudo_random), which the
 * krb5 mechanism defines in RFC 4402 as PRF+ over the context's key. python-gssapi
 * `ext_rfc4401`.
 *
 * A backend without the extension still has this function: it throws
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at its arguments.
 *
 * @module
 */

import type { SecurityContext } from '../handles.js';

/**
 * The `prf_key` values of RFC 4401 §2 (RFC 2744-style C constants of MIT `gssapi_ext.h`).
 *
 * For krb5 (RFC 4402 §2), `full` is the acceptor's subkey when the acceptor sent one and the
 * initiator's subkey otherwise; `partial` is always the initiator's subkey.
 */
export const PrfKey = {
  /** GSS_C_PRF_KEY_FULL: the key only the two ends know, if the mechanism has one. */
  full: 0,
  /** GSS_C_PRF_KEY_PARTIAL: the key both ends had from the first token. */
  partial: 1,
} as const;

/** The `rfc4401` extension: `gss_pseudo_random`. */
export interface Rfc4401Api {
  /**
   * GSS_Pseudo_random (RFC 4401 §2): `desiredOutputLength` octets of the context's
   * pseudo-random function over `prfIn`; both ends of a context compute the same octets.
   * @param prfKey {@link PrfKey.full} or {@link PrfKey.partial}; another integer is the
   *   mechanism's error (MIT: FAILURE, minor EINVAL).
   * @param desiredOutputLength octets wanted; 0 gives none. A length the library cannot
   *   allocate is MIT's FAILURE with minor KG_INPUT_TOO_LONG.
   * @throws {OperationUnavailableError} the backend lacks `rfc4401`.
   * @throws {MissingContextError} the context is not established (MIT: minor
   *   KG_CTX_INCOMPLETE) or holds no mechanism context.
   * @throws {GssError} FAILURE for an unknown `prfKey` or a length too large.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   * @throws {RangeError} when `prfKey` is not a 32-bit signed integer, or
   *   `desiredOutputLength` not an integer from 0 to 2^53-1.
   */
  pseudoRandom(
    context: SecurityContext,
    prfKey: number,
    prfIn: Uint8Array,
    desiredOutputLength: number,
  ): Uint8Array;
}
