/**
 * The pseudo-random function of the AES enctypes (RFC 3961 §3 `pseudo-random`, RFC 3962 §6,
 * RFC 8009 §5), as `krb5_c_prf` computes it.
 *
 * @module
 */

import { createCipheriv, createHash } from 'node:crypto';
import { dk } from './derive-rfc3961.js';
import { enctypeProfile } from './enctype.js';
import { kdfHmacSha2 } from './kdf-hmac-sha2.js';
import type { KeyBlock } from './key-block.js';

const PRF = new TextEncoder().encode('prf');

/**
 * PRF(key, octet-string):
 * - aes*-cts-hmac-sha1-96 (RFC 3962 §6): `tmp = SHA-1(octet-string)` cut to one block (16
 *   octets), then `E(DK(key, "prf"), tmp)`; 16 octets.
 * - aes*-cts-hmac-sha2 (RFC 8009 §5): `KDF-HMAC-SHA2(key, "prf", octet-string, 256 or 384)`;
 *   32 or 48 octets.
 *
 * @param key the key.
 * @param input the octet string.
 * @returns `prfLength` octets of the enctype.
 */
export function prf(key: KeyBlock, input: Uint8Array): Uint8Array {
  return prfOf(key)(input);
}

/**
 * The enctype's PRF with `key` fixed, its derived key computed once: for callers that apply it
 * many times (RFC 4402 PRF+).
 *
 * @param key the key.
 * @returns a function computing PRF(key, octet-string), as {@link prf}.
 */
export function prfOf(key: KeyBlock): (input: Uint8Array) => Uint8Array {
  const profile = enctypeProfile(key.enctype);

  if (profile.profile === 'rfc8009') {
    const { hash, prfLength } = profile;
    const contents = key.contents();
    return (input) => kdfHmacSha2(hash, contents, PRF, input, prfLength * 8);
  }
  const kp = dk(key.contents(), PRF);
  const algorithm = `${profile.cipher}-ecb`;
  return (input) => {
    const tmp = createHash(profile.hash).update(input).digest().subarray(0, profile.blockSize);
    const cipher = createCipheriv(algorithm, kp, null).setAutoPadding(false);
    return Uint8Array.from(cipher.update(tmp));
  };
}
