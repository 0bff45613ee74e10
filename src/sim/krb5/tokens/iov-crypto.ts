/**
 * RFC 3961 encryption over scattered buffers, in place (`krb5_k_encrypt_iov`,
 * `krb5_k_decrypt_iov`), for the IOV Wrap tokens: a confounder HEADER, the DATA parts that are
 * encrypted and signed, the SIGN_ONLY parts that are only signed, and a TRAILER for the HMAC.
 *
 * The DATA parts, HEADER first, form one AES-CTS plaintext whose ciphertext is written back
 * where it came from. The HMAC covers HEADER, DATA and SIGN_ONLY parts in their order:
 * - aes*-cts-hmac-sha1-96 (RFC 3962): over the plaintext;
 * - aes*-cts-hmac-sha2 (RFC 8009 §5): over the all-zero IV, then the ciphertext.
 *
 * @module
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  aesCtsDecryptInto,
  aesCtsEncryptInto,
  type EnctypeProfile,
  enctypeProfile,
  hmacSha1,
  type KeyBlock,
  KrbCryptoError,
  type RandomBytes,
  usageKey,
} from '../../crypto/index.js';
import { takeRandom } from '../../crypto/random-bytes.js';

/** One part of an IOV encryption: a view that is read and written in place. */
export interface CryptoPart {
  readonly role: 'header' | 'data' | 'signOnly' | 'trailer';
  readonly bytes: Uint8Array;
}

/**
 * Encrypts the parts in place: the HEADER gets a confounder, the DATA parts the ciphertext,
 * the TRAILER the truncated HMAC.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` when the HEADER or TRAILER is too short.
 */
export function encryptIov(
  key: KeyBlock,
  usage: number,
  parts: readonly CryptoPart[],
  confounder: RandomBytes | Uint8Array,
): void {
  const profile = enctypeProfile(key.enctype);
  const header = single(parts, 'header');
  const trailer = single(parts, 'trailer');
  if (header === null || header.length < profile.blockSize) {
    throw new KrbCryptoError('KRB5_BAD_MSIZE');
  }
  if (trailer === null || trailer.length < profile.trailerLength) {
    throw new KrbCryptoError('KRB5_BAD_MSIZE');
  }

  const ke = usageKey(profile, key, usage, 'Ke');
  const ki = usageKey(profile, key, usage, 'Ki');
  header.set(takeRandom(confounder, profile.blockSize, 'a confounder'));
  const before = profile.profile === 'rfc3962' ? hmac(profile, ki, parts, false) : null;
  const encrypted = encryptedParts(parts);
  const joined = gather(encrypted);
  aesCtsEncryptInto(ke, ZERO_IV, joined, joined, 0);
  scatter(encrypted, joined);
  const mac = before ?? hmac(profile, ki, parts, true);

  trailer.set(mac.subarray(0, profile.trailerLength));
}

/**
 * Decrypts the parts in place and checks the HMAC, in constant time.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` when the HEADER is not one block or the TRAILER
 *   not the HMAC length, `KRB5KRB_AP_ERR_BAD_INTEGRITY` when the HMAC does not match.
 */
export function decryptIov(key: KeyBlock, usage: number, parts: readonly CryptoPart[]): void {
  const profile = enctypeProfile(key.enctype);
  const header = single(parts, 'header');
  const trailer = single(parts, 'trailer');
  if (header === null || header.length !== profile.blockSize) {
    throw new KrbCryptoError('KRB5_BAD_MSIZE');
  }
  if (trailer === null || trailer.length !== profile.trailerLength) {
    throw new KrbCryptoError('KRB5_BAD_MSIZE');
  }

  const ke = usageKey(profile, key, usage, 'Ke');
  const ki = usageKey(profile, key, usage, 'Ki');
  const encrypted = encryptedParts(parts);
  if (profile.profile === 'rfc8009') check(hmac(profile, ki, parts, true), trailer);
  const joined = gather(encrypted);
  aesCtsDecryptInto(ke, ZERO_IV, joined, joined, 0);
  scatter(encrypted, joined);
  if (profile.profile === 'rfc3962') check(hmac(profile, ki, parts, false), trailer);
}

function single(parts: readonly CryptoPart[], role: CryptoPart['role']): Uint8Array | null {
  const found = parts.filter((part) => part.role === role);
  return found.length === 1 ? (found[0]?.bytes ?? null) : null;
}

function encryptedParts(parts: readonly CryptoPart[]): Uint8Array[] {
  return parts
    .filter((part) => part.role === 'header' || part.role === 'data')
    .map((part) => part.bytes);
}

function gather(views: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(views.reduce((sum, view) => sum + view.length, 0));
  let offset = 0;
  for (const view of views) {
    joined.set(view, offset);
    offset += view.length;
  }
  return joined;
}

function scatter(views: readonly Uint8Array[], source: Uint8Array): void {
  let offset = 0;
  for (const view of views) {
    view.set(source.subarray(offset, offset + view.length));
    offset += view.length;
  }
}

/**
 * HMAC over the signed parts in order, after the zero IV for RFC 8009; HMAC-SHA1 in JavaScript
 * with the key's cached states for short inputs (`hmacSha1`).
 */
function hmac(
  profile: EnctypeProfile,
  ki: Uint8Array,
  parts: readonly CryptoPart[],
  withIv: boolean,
): Uint8Array {
  const signed: Uint8Array[] = withIv ? [ZERO_IV] : [];
  for (const part of parts) if (part.role !== 'trailer') signed.push(part.bytes);
  if (profile.hash === 'sha1') return hmacSha1(ki, signed);

  const mac = createHmac(profile.hash, ki);
  for (const part of signed) mac.update(part);
  return mac.digest();
}

function check(mac: Uint8Array, trailer: Uint8Array): void {
  if (!timingSafeEqual(mac.subarray(0, trailer.length), trailer)) {
    throw new KrbCryptoError('KRB5KRB_AP_ERR_BAD_INTEGRITY');
  }
}

/** The all-zero IV of Kerberos messages (RFC 3961 §5.3, RFC 8009 §5); read only. */
const ZERO_IV = new Uint8Array(16);
