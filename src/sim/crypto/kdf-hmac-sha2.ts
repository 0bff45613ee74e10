/**
 * KDF-HMAC-SHA2 (RFC 8009 §3): NIST SP 800-108's KDF in counter mode with HMAC-SHA-256 or
 * HMAC-SHA-384, the key derivation of the RFC 8009 enctypes.
 *
 * @module
 */

import { createHmac } from 'node:crypto';
import type { HashName } from './enctype.js';

/**
 * KDF-HMAC-SHA2(key, label, [context,] k) (RFC 8009 §3): the first k bits of
 * `K1 | K2 | ...` with `Ki = HMAC(key, i | label | 0x00 | context | k)`, i and k as 32-bit
 * big-endian numbers. For every use RFC 8009 makes, one HMAC block suffices.
 *
 * @param hash `sha256` or `sha384` (any HMAC hash works).
 * @param key the base key.
 * @param label the label, like the usage number and 0x99/0xAA/0x55, or "prf".
 * @param context the context, empty for key derivation, the input for the PRF.
 * @param bits k, the output length in bits; a multiple of 8.
 * @throws {RangeError} when bits is not a positive multiple of 8.
 */
export function kdfHmacSha2(
  hash: HashName,
  key: Uint8Array,
  label: Uint8Array,
  context: Uint8Array,
  bits: number,
): Uint8Array {
  if (!Number.isInteger(bits) || bits <= 0 || bits % 8 !== 0) {
    throw new RangeError(
      `KDF-HMAC-SHA2 output length must be a positive multiple of 8, got ${bits}`,
    );
  }

  const length = bits / 8;
  const output = new Uint8Array(length);
  const trailer = new Uint8Array(1 + context.length + 4);
  trailer.set(context, 1);
  new DataView(trailer.buffer).setUint32(1 + context.length, bits);
  for (let counter = 1, offset = 0; offset < length; counter += 1) {
    const i = new Uint8Array(4);
    new DataView(i.buffer).setUint32(0, counter);
    const block = createHmac(hash, key).update(i).update(label).update(trailer).digest();
    output.set(block.subarray(0, length - offset), offset);
    offset += block.length;
  }

  return output;
}
