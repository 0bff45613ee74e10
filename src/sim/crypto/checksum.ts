/**
 * Keyed checksums (RFC 3961 §5.4 get_mic): hmac-sha1-96-aes128/aes256 (RFC 3962) and
 * hmac-sha256-128-aes128 / hmac-sha384-192-aes256 (RFC 8009 §5), each an HMAC under the Kc of
 * the key usage, truncated.
 *
 * @module
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { Enctype, type EnctypeProfile, enctypeProfile } from './enctype.js';
import type { KeyBlock } from './key-block.js';
import { KrbCryptoError } from './krb-crypto-error.js';
import { hmacSha1Into } from './sha1.js';
import { usageKey } from './usage-keys.js';

/** The checksum type numbers (RFC 3961 §8, RFC 8009 §8), named as MIT's `CKSUMTYPE_*`. */
export const CksumType = {
  /** hmac-sha1-96-aes128 (RFC 3962). */
  HMAC_SHA1_96_AES128: 15,
  /** hmac-sha1-96-aes256 (RFC 3962). */
  HMAC_SHA1_96_AES256: 16,
  /** hmac-sha256-128-aes128 (RFC 8009). */
  HMAC_SHA256_128_AES128: 19,
  /** hmac-sha384-192-aes256 (RFC 8009). */
  HMAC_SHA384_192_AES256: 20,
} as const;

/** A checksum type number the sim implements. */
export type CksumType = (typeof CksumType)[keyof typeof CksumType];

/** What the crypto layer knows about one checksum type. */
export interface ChecksumProfile {
  /** The checksum type number. */
  readonly cksumtype: CksumType;
  /** MIT's name (`krb5_cksumtype_to_string` gives the description). */
  readonly name: string;
  /** MIT's description. */
  readonly description: string;
  /** The enctype whose derivation and hash the checksum uses. */
  readonly enctype: Enctype;
  /** The checksum length in octets, after truncation. */
  readonly outputLength: number;
}

const PROFILES: readonly ChecksumProfile[] = [
  {
    cksumtype: CksumType.HMAC_SHA1_96_AES128,
    name: 'hmac-sha1-96-aes128',
    description: 'HMAC-SHA1 AES128 key',
    enctype: Enctype.AES128_CTS_HMAC_SHA1_96,
    outputLength: 12,
  },
  {
    cksumtype: CksumType.HMAC_SHA1_96_AES256,
    name: 'hmac-sha1-96-aes256',
    description: 'HMAC-SHA1 AES256 key',
    enctype: Enctype.AES256_CTS_HMAC_SHA1_96,
    outputLength: 12,
  },
  {
    cksumtype: CksumType.HMAC_SHA256_128_AES128,
    name: 'hmac-sha256-128-aes128',
    description: 'HMAC-SHA256 AES128 key',
    enctype: Enctype.AES128_CTS_HMAC_SHA256_128,
    outputLength: 16,
  },
  {
    cksumtype: CksumType.HMAC_SHA384_192_AES256,
    name: 'hmac-sha384-192-aes256',
    description: 'HMAC-SHA384 AES256 key',
    enctype: Enctype.AES256_CTS_HMAC_SHA384_192,
    outputLength: 24,
  },
];

/**
 * The profile of a checksum type.
 *
 * @param cksumtype a checksum type number.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` when the sim does not implement it (MIT's code
 *   for an unknown checksum type).
 */
export function checksumProfile(cksumtype: number): ChecksumProfile {
  const profile = PROFILES.find((candidate) => candidate.cksumtype === cksumtype);
  if (profile === undefined) throw new KrbCryptoError('KRB5_BAD_ENCTYPE');

  return profile;
}

/**
 * Computes a keyed checksum (`krb5_c_make_checksum`): `HMAC(Kc, data)` truncated, with Kc
 * derived for the usage as the checksum type's enctype derives it.
 *
 * @param key the base key.
 * @param usage the key usage number.
 * @param data the checksummed octets.
 * @param cksumtype the checksum type; by default (or 0, as in MIT) the key's mandatory one.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an unknown checksum type or one whose cipher
 *   is not the key's (MIT lets hmac-sha1-96-aes128 take an aes128-sha2 key: same cipher).
 */
export function makeChecksum(
  key: KeyBlock,
  usage: number,
  data: Uint8Array,
  cksumtype?: number,
): Uint8Array {
  const { checksum, derivation } = resolve(key, cksumtype);

  const kc = usageKey(derivation, key, usage, 'Kc');
  const output = new Uint8Array(checksum.outputLength);
  if (derivation.hash === 'sha1') {
    hmacSha1Into(kc, [data], output, 0, checksum.outputLength);
  } else {
    output.set(createHmac(derivation.hash, kc).update(data).digest().subarray(0, output.length));
  }

  return output;
}

/**
 * Checks a keyed checksum (`krb5_c_verify_checksum`), comparing in constant time.
 *
 * @param key the base key.
 * @param usage the key usage number.
 * @param data the checksummed octets.
 * @param checksum the checksum to check.
 * @param cksumtype the checksum type; by default the key's mandatory one.
 * @returns whether the checksum is the one of these data under this key and usage.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` when the checksum has another length than the
 *   checksum type's, `KRB5_BAD_ENCTYPE` as for {@link makeChecksum}.
 */
export function verifyChecksum(
  key: KeyBlock,
  usage: number,
  data: Uint8Array,
  checksum: Uint8Array,
  cksumtype?: number,
): boolean {
  const profile = resolve(key, cksumtype).checksum;
  if (checksum.length !== profile.outputLength) throw new KrbCryptoError('KRB5_BAD_MSIZE');

  return timingSafeEqual(makeChecksum(key, usage, data, profile.cksumtype), checksum);
}

function resolve(
  key: KeyBlock,
  cksumtype: number | undefined,
): { checksum: ChecksumProfile; derivation: EnctypeProfile } {
  const keyProfile = enctypeProfile(key.enctype);
  const checksum = checksumProfile(
    cksumtype === undefined || cksumtype === 0 ? keyProfile.checksumType : cksumtype,
  );
  const derivation = enctypeProfile(checksum.enctype);
  if (derivation.cipher !== keyProfile.cipher) throw new KrbCryptoError('KRB5_BAD_ENCTYPE');

  return { checksum, derivation };
}
