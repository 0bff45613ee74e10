/**
 * Encryption and decryption of Kerberos messages (RFC 3961 §5.3 as RFC 3962 instantiates it,
 * and RFC 8009 §5), with a confounder and an integrity check, under a key and a key usage.
 *
 * @module
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { aesCtsDecryptInto, aesCtsEncryptInto } from './aes-cts.js';
import { type EnctypeProfile, enctypeProfile } from './enctype.js';
import type { KeyBlock } from './key-block.js';
import { KrbCryptoError } from './krb-crypto-error.js';
import { type RandomBytes, takeRandom } from './random-bytes.js';
import { hmacSha1Into } from './sha1.js';
import { usageKey } from './usage-keys.js';

/**
 * Encrypts a message (`krb5_c_encrypt` with the default cipher state): a confounder of one block
 * is put before the plaintext, and
 * - for aes*-cts-hmac-sha1-96 (RFC 3962): `AES-CTS(Ke, conf | plain) | HMAC-SHA1(Ki, conf |
 *   plain)[0..12]`;
 * - for aes*-cts-hmac-sha2 (RFC 8009 §5): `C = AES-CTS(Ke, conf | plain)`, then
 *   `C | HMAC(Ki, IV | C)[0..16 or 24]` with the all-zero IV.
 *
 * RFC 4121 wrap tokens encrypt `data | token header` this way: see {@link encryptAfter}.
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
  return encryptAfter(0, key, usage, [plaintext], confounder);
}

/**
 * {@link encrypt} of the parts one after the other, into a new array that starts with `room`
 * octets left zero for the caller: an RFC 4121 Wrap token is its header, then the encryption
 * of `data | header`, made here without joining either.
 *
 * @param room octets before the encryption's output.
 * @param key the base key.
 * @param usage the key usage number.
 * @param parts the plaintext, in pieces.
 * @param confounder as for {@link encrypt}.
 * @returns `room` zeros, then what {@link encrypt} returns for the joined parts.
 * @throws {RangeError} when a given confounder is not one block long.
 */
export function encryptAfter(
  room: number,
  key: KeyBlock,
  usage: number,
  parts: readonly Uint8Array[],
  confounder: Uint8Array | RandomBytes,
): Uint8Array {
  const profile = enctypeProfile(key.enctype);
  const conf = takeRandom(confounder, profile.headerLength, 'a confounder');

  const ke = usageKey(profile, key, usage, 'Ke');
  const ki = usageKey(profile, key, usage, 'Ki');
  // One array for everything: conf | plain is encrypted in place, the HMAC written after it.
  let length = conf.length;
  for (const part of parts) length += part.length;
  const result = new Uint8Array(room + length + profile.trailerLength);
  result.set(conf, room);
  let offset = room + conf.length;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  const body = result.subarray(room, room + length);
  const trailerAt = room + length;
  if (profile.profile === 'rfc3962') macInto(profile, ki, [body], result, trailerAt);
  aesCtsEncryptInto(ke, ZERO_IV, body, result, room);
  if (profile.profile === 'rfc8009') macInto(profile, ki, [ZERO_IV, body], result, trailerAt);

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
  // RFC 8009 §5: the HMAC covers the ciphertext, so it is checked before decrypting.
  if (profile.profile === 'rfc8009' && !macMatches(profile, ki, [ZERO_IV, encrypted], trailer)) {
    throw new KrbCryptoError('KRB5KRB_AP_ERR_BAD_INTEGRITY');
  }
  // The confounder is decrypted apart, so that the plaintext needs no copy without it.
  const plaintext = new Uint8Array(encrypted.length - profile.headerLength);
  const confounder = CONFOUNDER;
  aesCtsDecryptInto(ke, ZERO_IV, encrypted, plaintext, 0, confounder);
  const intact =
    profile.profile !== 'rfc3962' || macMatches(profile, ki, [confounder, plaintext], trailer);
  confounder.fill(0);
  if (!intact) {
    plaintext.fill(0);
    throw new KrbCryptoError('KRB5KRB_AP_ERR_BAD_INTEGRITY');
  }

  return plaintext;
}

/** The all-zero IV of Kerberos messages (RFC 3961 §5.3, RFC 8009 §5); read only. */
const ZERO_IV = new Uint8Array(16);

/** The decrypted confounder of the message being decrypted; never re-entered, zeroed after. */
const CONFOUNDER = new Uint8Array(16);

/** An HMAC computed for checking; never re-entered, zeroed after. */
const EXPECTED = new Uint8Array(64);

/**
 * Writes the enctype's HMAC of the parts, truncated to its trailer length, into `output` at
 * `offset`: HMAC-SHA1 in JavaScript with the key's cached states for short inputs (see
 * {@link hmacSha1Into}), `node:crypto` otherwise.
 */
function macInto(
  profile: EnctypeProfile,
  key: Uint8Array,
  parts: readonly Uint8Array[],
  output: Uint8Array,
  offset: number,
): void {
  if (profile.hash === 'sha1') {
    hmacSha1Into(key, parts, output, offset, profile.trailerLength);
    return;
  }
  const mac = createHmac(profile.hash, key);
  for (const part of parts) mac.update(part);
  output.set(mac.digest().subarray(0, profile.trailerLength), offset);
}

/** Whether the trailer is the HMAC of the parts, truncated; compared in constant time. */
function macMatches(
  profile: EnctypeProfile,
  key: Uint8Array,
  parts: readonly Uint8Array[],
  trailer: Uint8Array,
): boolean {
  const expected = EXPECTED.subarray(0, profile.trailerLength);
  macInto(profile, key, parts, expected, 0);
  const same = timingSafeEqual(expected, trailer);
  expected.fill(0);
  return same;
}
