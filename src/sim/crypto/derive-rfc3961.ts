/**
 * DR and DK, the key derivation of RFC 3961's simplified profile (§5.1, §5.3), as the RFC 3962
 * enctypes use it.
 *
 * @module
 */

import { AesKey } from './aes-block.js';
import { nFold } from './n-fold.js';

const BLOCK = 16;

/**
 * DR(Key, Constant) (RFC 3961 §5.1): `length` octets of `K1 | K2 | ...` where K1 is the
 * constant n-folded to one block and encrypted under the key, and each next Ki is the previous
 * one encrypted again. E is the enctype's cipher with a zero IV, on one block plain AES.
 *
 * @param key the base key (16 or 32 octets of AES key).
 * @param constant the constant, like the usage number and 0x99/0xAA/0x55, or "kerberos".
 * @param length the number of octets wanted.
 * @throws {RangeError} for a key that is not 16, 24 or 32 octets.
 */
export function dr(key: Uint8Array, constant: Uint8Array, length: number): Uint8Array {
  // Not the cache of `aesKey`: DR's keys are mostly fresh copies (`KeyBlock.contents()`).
  const schedule = new AesKey(key);
  const output = new Uint8Array(Math.ceil(length / BLOCK) * BLOCK);
  if (output.length === 0) return output;

  // Each block is the encryption of the one before it, in place in the output.
  output.set(constant.length === BLOCK ? constant : nFold(constant, BLOCK));
  schedule.encryptBlock(output, 0, output, 0);
  for (let offset = BLOCK; offset < output.length; offset += BLOCK) {
    schedule.encryptBlock(output, offset - BLOCK, output, offset);
  }

  return output.length === length ? output : output.slice(0, length);
}

/**
 * DK(Key, Constant) = random-to-key(DR(Key, Constant)) (RFC 3961 §5.1); random-to-key is the
 * identity for AES (RFC 3962 §6), so DK is DR cut to the key's length.
 *
 * @param key the base key (16 or 32 octets of AES key).
 * @param constant the derivation constant.
 */
export function dk(key: Uint8Array, constant: Uint8Array): Uint8Array {
  return dr(key, constant, key.length);
}
