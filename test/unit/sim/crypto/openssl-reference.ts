/**
 * Reference implementations through `node:crypto` (OpenSSL) only, to compare the sim's
 * JavaScript AES-CTS and HMAC-SHA1 paths with: what the sim computed before it had them.
 */

import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { EnctypeProfile } from '../../../../src/sim/crypto/enctype.js';

/**
 * RFC 3962 §5 through OpenSSL, as the sim did before its JavaScript AES: CBC over the input
 * padded with zeros, the last two blocks swapped, the output cut to the input's length.
 */
export function opensslCtsEncrypt(key: Uint8Array, iv: Uint8Array, input: Uint8Array) {
  const blocks = Math.ceil(input.length / 16);
  const padded = new Uint8Array(blocks * 16);
  padded.set(input);
  const cbc = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv).setAutoPadding(false);
  const chained = Uint8Array.from(cbc.update(padded));
  const last = chained.slice((blocks - 1) * 16);
  if (blocks === 1) return { output: chained, nextIv: last };

  const output = new Uint8Array(input.length);
  output.set(chained.subarray(0, (blocks - 2) * 16));
  output.set(last, (blocks - 2) * 16);
  output.set(
    chained.subarray((blocks - 2) * 16, (blocks - 2) * 16 + input.length - (blocks - 1) * 16),
    (blocks - 1) * 16,
  );
  return { output, nextIv: last };
}

/** The inverse of {@link opensslCtsEncrypt} through OpenSSL's ECB and CBC. */
export function opensslCtsDecrypt(key: Uint8Array, iv: Uint8Array, input: Uint8Array) {
  const blocks = Math.ceil(input.length / 16);
  const cbc = (data: Uint8Array) =>
    Uint8Array.from(
      createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv)
        .setAutoPadding(false)
        .update(data),
    );
  if (blocks === 1) return { output: cbc(input), nextIv: input.slice() };

  const tail = input.length - (blocks - 1) * 16;
  const last = input.slice((blocks - 2) * 16, (blocks - 1) * 16);
  const ecb = createDecipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
  const decryptedLast = ecb.update(last);
  const rebuilt = new Uint8Array(blocks * 16);
  rebuilt.set(input.subarray(0, (blocks - 2) * 16));
  rebuilt.set(input.subarray((blocks - 1) * 16), (blocks - 2) * 16);
  rebuilt.set(decryptedLast.subarray(tail), (blocks - 2) * 16 + tail);
  rebuilt.set(last, (blocks - 1) * 16);
  return { output: cbc(rebuilt).subarray(0, input.length), nextIv: last };
}

/**
 * RFC 3961 §5.3 / RFC 3962 and RFC 8009 §5 encryption from the derived keys, with OpenSSL's
 * AES-CTS above and `createHmac`: `C | HMAC(Ki, conf | plain)` or `C | HMAC(Ki, IV | C)`.
 */
export function opensslEncrypt(
  profile: EnctypeProfile,
  ke: Uint8Array,
  ki: Uint8Array,
  confounder: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const input = new Uint8Array(16 + plaintext.length);
  input.set(confounder);
  input.set(plaintext, 16);
  const { output } = opensslCtsEncrypt(ke, new Uint8Array(16), input);
  const hmac = createHmac(profile.hash, ki);
  if (profile.profile === 'rfc3962') hmac.update(input);
  else hmac.update(new Uint8Array(16)).update(output);
  const mac = hmac.digest().subarray(0, profile.trailerLength);
  const result = new Uint8Array(output.length + mac.length);
  result.set(output);
  result.set(mac, output.length);
  return result;
}
