/**
 * The enctypes the sim implements (RFC 3961 §8 numbers), with the sizes MIT's
 * `krb5_c_crypto_length`, `krb5_c_keylengths` and `krb5_c_prf_length` report for them, and
 * MIT 1.20's default enctype preference.
 *
 * @module
 */

import { KrbCryptoError } from './krb-crypto-error.js';

/** The enctype numbers of RFC 3962 and RFC 8009, named as MIT's `ENCTYPE_*` macros. */
export const Enctype = {
  /** aes128-cts-hmac-sha1-96 (RFC 3962). */
  AES128_CTS_HMAC_SHA1_96: 17,
  /** aes256-cts-hmac-sha1-96 (RFC 3962). */
  AES256_CTS_HMAC_SHA1_96: 18,
  /** aes128-cts-hmac-sha256-128 (RFC 8009). */
  AES128_CTS_HMAC_SHA256_128: 19,
  /** aes256-cts-hmac-sha384-192 (RFC 8009). */
  AES256_CTS_HMAC_SHA384_192: 20,
} as const;

/** An enctype number the sim implements. */
export type Enctype = (typeof Enctype)[keyof typeof Enctype];

/** The hash functions of the enctypes, by their `node:crypto` names. */
export type HashName = 'sha1' | 'sha256' | 'sha384';

/** Everything the crypto layer needs to know about one enctype. */
export interface EnctypeProfile {
  /** The RFC 3961 enctype number. */
  readonly enctype: Enctype;
  /** MIT's name (`krb5_enctype_to_name`), like `aes256-cts-hmac-sha1-96`. */
  readonly name: string;
  /** The other names MIT's `krb5_string_to_enctype` accepts. */
  readonly aliases: readonly string[];
  /** MIT's description (`krb5_enctype_to_string`). */
  readonly description: string;
  /** The key derivation and encryption profile: RFC 3961 simplified (RFC 3962) or RFC 8009. */
  readonly profile: 'rfc3962' | 'rfc8009';
  /** The AES variant, `aes-128` or `aes-256`, as `node:crypto` spells its ciphers' prefix. */
  readonly cipher: 'aes-128' | 'aes-256';
  /** The key length in octets (`krb5_c_keylengths`: key bytes and key length are equal). */
  readonly keyLength: number;
  /** The cipher block size in octets (`krb5_c_block_size`). */
  readonly blockSize: number;
  /** The hash of HMAC, PBKDF2 and the PRF. */
  readonly hash: HashName;
  /** The hash output length in octets. */
  readonly hashLength: number;
  /** The mandatory checksum type (RFC 3961 §8 `required checksum mechanism`). */
  readonly checksumType: number;
  /** `KRB5_CRYPTO_TYPE_HEADER`: the confounder, one cipher block. */
  readonly headerLength: number;
  /** `KRB5_CRYPTO_TYPE_TRAILER`: the truncated HMAC after the ciphertext. */
  readonly trailerLength: number;
  /** `KRB5_CRYPTO_TYPE_PADDING`: 0, ciphertext stealing needs none. */
  readonly paddingLength: number;
  /** `KRB5_CRYPTO_TYPE_CHECKSUM`: the length of the mandatory checksum. */
  readonly checksumLength: number;
  /** `krb5_c_prf_length`: the PRF output length in octets. */
  readonly prfLength: number;
  /** The PBKDF2 iteration count without s2kparams, and MIT's lowest accepted one. */
  readonly defaultIterations: number;
  /** MIT's security strength factor of the enctype, in bits. */
  readonly ssf: number;
}

const AES_BLOCK = 16;

const PROFILES: readonly EnctypeProfile[] = [
  {
    enctype: Enctype.AES128_CTS_HMAC_SHA1_96,
    name: 'aes128-cts-hmac-sha1-96',
    aliases: ['aes128-cts', 'aes128-sha1'],
    description: 'AES-128 CTS mode with 96-bit SHA-1 HMAC',
    profile: 'rfc3962',
    cipher: 'aes-128',
    keyLength: 16,
    blockSize: AES_BLOCK,
    hash: 'sha1',
    hashLength: 20,
    checksumType: 15,
    headerLength: AES_BLOCK,
    trailerLength: 12,
    paddingLength: 0,
    checksumLength: 12,
    prfLength: 16,
    defaultIterations: 4096,
    ssf: 128,
  },
  {
    enctype: Enctype.AES256_CTS_HMAC_SHA1_96,
    name: 'aes256-cts-hmac-sha1-96',
    aliases: ['aes256-cts', 'aes256-sha1'],
    description: 'AES-256 CTS mode with 96-bit SHA-1 HMAC',
    profile: 'rfc3962',
    cipher: 'aes-256',
    keyLength: 32,
    blockSize: AES_BLOCK,
    hash: 'sha1',
    hashLength: 20,
    checksumType: 16,
    headerLength: AES_BLOCK,
    trailerLength: 12,
    paddingLength: 0,
    checksumLength: 12,
    prfLength: 16,
    defaultIterations: 4096,
    ssf: 256,
  },
  {
    enctype: Enctype.AES128_CTS_HMAC_SHA256_128,
    name: 'aes128-cts-hmac-sha256-128',
    aliases: ['aes128-sha2'],
    description: 'AES-128 CTS mode with 128-bit SHA-256 HMAC',
    profile: 'rfc8009',
    cipher: 'aes-128',
    keyLength: 16,
    blockSize: AES_BLOCK,
    hash: 'sha256',
    hashLength: 32,
    checksumType: 19,
    headerLength: AES_BLOCK,
    trailerLength: 16,
    paddingLength: 0,
    checksumLength: 16,
    prfLength: 32,
    defaultIterations: 32768,
    ssf: 128,
  },
  {
    enctype: Enctype.AES256_CTS_HMAC_SHA384_192,
    name: 'aes256-cts-hmac-sha384-192',
    aliases: ['aes256-sha2'],
    description: 'AES-256 CTS mode with 192-bit SHA-384 HMAC',
    profile: 'rfc8009',
    cipher: 'aes-256',
    keyLength: 32,
    blockSize: AES_BLOCK,
    hash: 'sha384',
    hashLength: 48,
    checksumType: 20,
    headerLength: AES_BLOCK,
    trailerLength: 24,
    paddingLength: 0,
    checksumLength: 24,
    prfLength: 48,
    defaultIterations: 32768,
    ssf: 256,
  },
];

/** Every enctype the sim implements, in enctype number order. */
export const ENCTYPE_PROFILES: readonly EnctypeProfile[] = PROFILES;

/**
 * MIT 1.20's default enctype list (`default_enctype_list` in `lib/krb5/krb/init_ctx.c`,
 * used for `permitted_enctypes`, `default_tkt_enctypes` and `default_tgs_enctypes`), restricted
 * to what the sim implements. MIT's list goes on with des3-cbc-sha1, arcfour-hmac,
 * camellia128-cts-cmac and camellia256-cts-cmac, which the sim does not implement.
 */
export const DEFAULT_ENCTYPES: readonly Enctype[] = [
  Enctype.AES256_CTS_HMAC_SHA1_96,
  Enctype.AES128_CTS_HMAC_SHA1_96,
  Enctype.AES256_CTS_HMAC_SHA384_192,
  Enctype.AES128_CTS_HMAC_SHA256_128,
];

/**
 * Whether an enctype number is one the sim implements.
 *
 * @param enctype any enctype number.
 */
export function isEnctype(enctype: number): enctype is Enctype {
  return PROFILES.some((profile) => profile.enctype === enctype);
}

/**
 * The profile of an enctype.
 *
 * @param enctype an enctype number.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` when the sim does not implement it, as MIT's
 *   `find_enctype` failing does.
 */
export function enctypeProfile(enctype: number): EnctypeProfile {
  const profile = PROFILES.find((candidate) => candidate.enctype === enctype);
  if (profile === undefined) throw new KrbCryptoError('KRB5_BAD_ENCTYPE');

  return profile;
}

/**
 * The enctype of a name or alias, compared without case as `krb5_string_to_enctype` does.
 *
 * @param name an enctype name like `aes256-cts-hmac-sha1-96` or `aes256-cts`.
 * @returns the enctype, or `undefined` when the name is not one the sim implements.
 */
export function enctypeFromName(name: string): Enctype | undefined {
  const wanted = name.toLowerCase();

  return PROFILES.find((profile) => profile.name === wanted || profile.aliases.includes(wanted))
    ?.enctype;
}
