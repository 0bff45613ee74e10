/**
 * random-to-key and random keys (RFC 3961 §3, `krb5_c_random_to_key`,
 * `krb5_c_make_random_key`).
 *
 * @module
 */

import { enctypeProfile } from './enctype.js';
import { KeyBlock } from './key-block.js';
import { type RandomBytes, takeRandom } from './random-bytes.js';

/**
 * random-to-key: for AES the identity on key-length octets (RFC 3962 §6, RFC 8009 §4).
 *
 * @param enctype the enctype number.
 * @param random as many random octets as the enctype's key length.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement,
 *   `KRB5_BAD_KEYSIZE` for another number of octets.
 */
export function randomToKey(enctype: number, random: Uint8Array): KeyBlock {
  return new KeyBlock(enctype, random);
}

/**
 * A new random key (`krb5_c_make_random_key`), from the caller's random source.
 *
 * @param enctype the enctype number.
 * @param random the random source (the realm's seeded generator in the sim).
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement.
 */
export function makeRandomKey(enctype: number, random: RandomBytes): KeyBlock {
  const profile = enctypeProfile(enctype);

  return new KeyBlock(profile.enctype, takeRandom(random, profile.keyLength, 'random key octets'));
}
