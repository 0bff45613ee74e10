/**
 * Encryption and decryption of Kerberos messages (RFC 3961 §5.3 as RFC 3962 instantiates it,
 * and RFC 8009 §5), with a confounder and an integrity check, under a key and a key usage.
 *
 * @module
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { aesCtsDecrypt, aesCtsEncrypt } from './aes-cts.js';
import { type EnctypeProfile, enctypeProfile } from './enctype.js';
import type { KeyBlock } from './key-block.js';
import { KrbCryptoError } from './krb-crypto-error.js';
import { type RandomBytes, takeRandom } from './random-bytes.js';
import { usageKey } from './usage-keys.js';

/**
 * Encrypts a message (`krb5_c_encrypt` with the default cipher state): a confounder of one block
 * is put before the plaintext, and
 * - for aes*-cts-hmac-sha1-96 (RFC 3962): `AES-CTS(Ke, conf | plain) | HMAC-SHA1(Ki, conf |
 *   plain)[0..12]`;
 * - for aes*-cts-hmac-sha2 (RFC 8009 §5): `C = AES-CTS(Ke, conf | plain)`, then
 *   `C | HMAC(Ki, IV | C)[0..16 or 24]` with the all-zero IV.
 *
 * RFC 4121 wrap tokens encrypt `data | token header` this way; the caller builds that plaintext.
 *
 * @param key the base key.
 * @param usage the key usage number.
 * @param plaintext the message.
 * @param confounder the 16 confounder octets, or the random source to take them from (the sim
 *   passes its seeded generator; nothing here draws randomness by itself).
 * @returns `header | ciphertext | trailer`: `encryptLength(enctype, plaintext.length)` octets.
 * @throws {RangeError} when a given confounder is not one block long.
 */
export function encrypt(
  key: KeyBlock,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array | RandomBytes,
): Uint8Array {
  const profile = enctypeProfile(key.enctype);
  const conf = takeRandom(confounder, profile.headerLength, 'a confounder');

  const ke = usageKey(profile, key, usage, 'Ke');
  const ki = usageKey(profile, key, usage, 'Ki');
  const input = new Uint8Array(conf.length + plaintext.length);
  input.set(conf);
  input.set(plaintext, conf.length);
  const { output } = aesCtsEncrypt(ke, zeroIv(profile), input);
  const mac =
    profile.profile === 'rfc3962'
      ? hmac(profile, ki, [input])
      : hmac(profile, ki, [zeroIv(profile), output]);

  const result = new Uint8Array(output.length + profile.trailerLength);
  result.set(output);
  result.set(mac.subarray(0, profile.trailerLength), output.length);
  return result;
}

/**
 * Decrypts an RFC 4120 EncryptedData as MIT's `krb5_c_decrypt` does: its `etype` must be the
 * key's (0, ENCTYPE_UNKNOWN, passes), then as {@link decrypt}.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for another enctype, then as {@link decrypt}.
 */
export function decryptEncrypted(
  key: KeyBlock,
  usage: number,
  encrypted: { readonly etype: number; readonly cipher: Uint8Array },
): Uint8Array {
  if (encrypted.etype !== 0 && encrypted.etype !== key.enctype) {
    throw new KrbCryptoError('KRB5_BAD_ENCTYPE');
  }
  return decrypt(key, usage, encrypted.cipher);
}

/**
 * Decrypts a message made by {@link encrypt} (`krb5_c_decrypt` with the default cipher state)
 * and checks its integrity, in constant time.
 *
 * @param key the base key.
 * @param usage the key usage number.
 * @param ciphertext `header | ciphertext | trailer`.
 * @returns the plaintext, without the confounder.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` when the ciphertext is shorter than the confounder
 *   and the checksum together, `KRB5KRB_AP_ERR_BAD_INTEGRITY` when the checksum does not match
 *   (a wrong key, a wrong usage or a modified ciphertext): MIT's codes for both.
 */
export function decrypt(key: KeyBlock, usage: number, ciphertext: Uint8Array): Uint8Array {
  const profile = enctypeProfile(key.enctype);
  if (ciphertext.length < profile.headerLength + profile.trailerLength) {
    throw new KrbCryptoError('KRB5_BAD_MSIZE');
  }

  const ke = usageKey(profile, key, usage, 'Ke');
  const ki = usageKey(profile, key, usage, 'Ki');
  const encrypted = ciphertext.subarray(0, ciphertext.length - profile.trailerLength);
  const trailer = ciphertext.subarray(encrypted.length);
  if (profile.profile === 'rfc8009') {
    // RFC 8009 §5: the HMAC covers the ciphertext, so it is checked before decrypting.
    checkIntegrity(hmac(profile, ki, [zeroIv(profile), encrypted]), trailer);
    return aesCtsDecrypt(ke, zeroIv(profile), encrypted).output.slice(profile.headerLength);
  }
  const { output } = aesCtsDecrypt(ke, zeroIv(profile), encrypted);
  checkIntegrity(hmac(profile, ki, [output]), trailer);

  return output.slice(profile.headerLength);
}

function hmac(profile: EnctypeProfile, key: Uint8Array, parts: Uint8Array[]): Uint8Array {
  const mac = createHmac(profile.hash, key);
  for (const part of parts) mac.update(part);

  return mac.digest();
}

function checkIntegrity(mac: Uint8Array, trailer: Uint8Array): void {
  if (!timingSafeEqual(mac.subarray(0, trailer.length), trailer)) {
    throw new KrbCryptoError('KRB5KRB_AP_ERR_BAD_INTEGRITY');
  }
}

function zeroIv(profile: EnctypeProfile): Uint8Array {
  return new Uint8Array(profile.blockSize);
}
