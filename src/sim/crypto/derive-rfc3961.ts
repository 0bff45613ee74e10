/**
 * DR and DK, the key derivation of RFC 3961's simplified profile (§5.1, §5.3), as the RFC 3962
 * enctypes use it.
 *
 * @module
 */

import { createCipheriv } from 'node:crypto';
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
 */
export function dr(key: Uint8Array, constant: Uint8Array, length: number): Uint8Array {
  const cipher = createCipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
  const output = new Uint8Array(Math.ceil(length / BLOCK) * BLOCK);

  let block = constant.length === BLOCK ? constant : nFold(constant, BLOCK);
  for (let offset = 0; offset < length; offset += BLOCK) {
    block = cipher.update(block);
    output.set(block, offset);
  }
  cipher.final();

  return output.slice(0, length);
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
