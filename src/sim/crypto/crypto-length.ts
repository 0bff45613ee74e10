/**
 * `krb5_c_crypto_length`: the sizes of the parts of an encrypted message, which RFC 4121 wrap
 * tokens and `gss_wrap_size_limit` are computed from.
 *
 * @module
 */

import { enctypeProfile } from './enctype.js';

/** The parts of `krb5_c_crypto_length` (`KRB5_CRYPTO_TYPE_*`) the sim answers for. */
export type CryptoLengthType = 'header' | 'trailer' | 'padding' | 'checksum';

/**
 * The length of one part for an enctype (`krb5_c_crypto_length`): HEADER is the confounder
 * (16), TRAILER and CHECKSUM the truncated HMAC (12, 12, 16, 24), PADDING 0 (CTS needs none).
 *
 * @param enctype the enctype number.
 * @param type the part.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement.
 */
export function cryptoLength(enctype: number, type: CryptoLengthType): number {
  const profile = enctypeProfile(enctype);

  switch (type) {
    case 'header':
      return profile.headerLength;
    case 'trailer':
      return profile.trailerLength;
    case 'padding':
      return profile.paddingLength;
    case 'checksum':
      return profile.checksumLength;
  }
}

/**
 * The length of a ciphertext for a plaintext length (`krb5_c_encrypt_length`): header (the
 * confounder) + plaintext + trailer (the truncated HMAC); the enctypes here need no padding.
 *
 * @param enctype the enctype number.
 * @param plaintextLength the plaintext length in octets.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement.
 */
export function encryptLength(enctype: number, plaintextLength: number): number {
  const profile = enctypeProfile(enctype);

  return profile.headerLength + plaintextLength + profile.paddingLength + profile.trailerLength;
}
