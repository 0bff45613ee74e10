/**
 * The sim's Kerberos crypto: RFC 3961's framework with the AES enctypes of RFC 3962
 * (aes128/aes256-cts-hmac-sha1-96) and RFC 8009 (aes128-cts-hmac-sha256-128,
 * aes256-cts-hmac-sha384-192), over `node:crypto`'s AES, HMAC, SHA and PBKDF2, with AES and
 * HMAC-SHA1 in JavaScript for short messages (`aes-block.ts`, whose table look-ups are not
 * constant-time, and `sha1.ts`).
 *
 * Nothing here draws randomness: confounders and random keys come from the caller.
 *
 * @module
 */

export { AesKey, aesKey } from './aes-block.js';
export {
  AES_CTS_JS_DECRYPT_LIMIT,
  AES_CTS_JS_ENCRYPT_LIMIT,
  type AesCtsResult,
  aesCtsDecrypt,
  aesCtsDecryptInto,
  aesCtsEncrypt,
  aesCtsEncryptInto,
} from './aes-cts.js';
export {
  type ChecksumProfile,
  CksumType,
  checksumProfile,
  makeChecksum,
  verifyChecksum,
} from './checksum.js';
export { type CryptoLengthType, cryptoLength, encryptLength } from './crypto-length.js';
export { dk, dr } from './derive-rfc3961.js';
export { decrypt, decryptEncrypted, encrypt, encryptAfter } from './encryption.js';
export {
  DEFAULT_ENCTYPES,
  ENCTYPE_PROFILES,
  Enctype,
  type EnctypeProfile,
  enctypeFromName,
  enctypeProfile,
  type HashName,
  isEnctype,
} from './enctype.js';
export { kdfHmacSha2 } from './kdf-hmac-sha2.js';
export { KeyBlock } from './key-block.js';
export { KrbCryptoError, type KrbCryptoErrorName } from './krb-crypto-error.js';
export { nFold } from './n-fold.js';
export { prf, prfOf } from './prf.js';
export type { RandomBytes } from './random-bytes.js';
export { makeRandomKey, randomToKey } from './random-to-key.js';
export { defaultSalt } from './salt.js';
export {
  HMAC_SHA1_JS_LIMIT,
  HmacSha1Key,
  hmacSha1,
  hmacSha1Into,
  hmacSha1Key,
  sha1,
} from './sha1.js';
export { type StringToKeyOptions, s2kParams, stringToKey } from './string-to-key.js';
export {
  deriveUsageKey,
  type UsageKeyKind,
  usageConstant,
  usageKey,
} from './usage-keys.js';
