/**
 * AES in CBC mode with ciphertext stealing as Kerberos uses it (RFC 3962 §5, the CBC-CS3 of
 * NIST SP 800-38A's addendum; RFC 8009 §5 uses the same mode).
 *
 * Short inputs, the sim's usual messages, are done in JavaScript with a cached key schedule
 * ({@link aesKey}; not constant-time, see there), where setting up a `node:crypto` cipher would
 * cost more than the blocks; long ones go through OpenSSL's CBC (AES-NI), with only the last
 * two blocks, the stolen ones, done here.
 *
 * @module
 */

import { createCipheriv, createDecipheriv } from 'node:crypto';
import { aesKey, loadState, readWord, storeState } from './aes-block.js';
import { KrbCryptoError } from './krb-crypto-error.js';

const BLOCK = 16;

/**
 * Up to this many octets AES-CTS encryption is done in JavaScript, above it OpenSSL does the
 * CBC part. Measured per call (best of 7 runs, into a given array): AES-256 at 261 octets
 * 2.7 µs in JavaScript against 4.8 µs through OpenSSL, at 517 octets 5.2 µs against 5.0 µs, at
 * 1029 octets 11.0 µs against 5.8 µs; AES-128 meets OpenSSL a little later (645 octets: 4.7 µs
 * against 5.5 µs). OpenSSL's cost is mostly its cipher set-up, JavaScript's about 10 ns an
 * octet for AES-256.
 */
export const AES_CTS_JS_ENCRYPT_LIMIT = 512;

/**
 * Up to this many octets AES-CTS decryption is done in JavaScript. OpenSSL's CBC decryption
 * handles several blocks at once, so it wins earlier than encryption: AES-256 at 389 octets
 * 5.1 µs in JavaScript against 5.3 µs, at 517 octets 6.3 µs against 4.5 µs; AES-128 at 389
 * octets 3.6 µs against 3.4 µs, at 261 octets 2.7 µs against 4.0 µs.
 */
export const AES_CTS_JS_DECRYPT_LIMIT = 400;

/**
 * OpenSSL's CBC is fed this many octets at a time (a multiple of the block size), each call
 * giving a Buffer of its own. Larger Buffers (the whole message, or 64 KiB) made the C
 * allocator give memory back to the system and fault it in again on later messages:
 * wrap+unwrap of 1 MiB on the sim, 300 times, took 230k-380k minor page faults at 64 KiB a
 * call and mostly ran at 128-148/s, against 37k-48k faults and 200-235/s at 4 KiB a call
 * (10 runs; the OpenSSL-only code before: 130k-150k faults, 162-175/s). The extra calls cost
 * about 0.15-0.25 ms a MiB.
 */
const OPENSSL_CHUNK = 4 * 1024;

/** The result of one AES-CTS encryption. */
export interface AesCtsResult {
  /** The output, as long as the input. */
  readonly output: Uint8Array;
  /** The cipher state to chain a next message with: the last full CBC ciphertext block. */
  readonly nextIv: Uint8Array;
}

/**
 * Encrypts with AES-CTS (RFC 3962 §5): CBC over the input padded with zeros to whole blocks,
 * then the last two ciphertext blocks swapped and the output cut to the input's length. An
 * input of exactly one block is plain CBC.
 *
 * @param key an AES-128 or AES-256 key (16 or 32 octets).
 * @param iv the initial cipher state, 16 octets (zeros for Kerberos messages).
 * @param input at least one block.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` for an input shorter than one block, as MIT does.
 */
export function aesCtsEncrypt(key: Uint8Array, iv: Uint8Array, input: Uint8Array): AesCtsResult {
  const output = new Uint8Array(input.length);
  const nextIv = new Uint8Array(BLOCK);
  aesCtsEncryptInto(key, iv, input, output, 0, nextIv);

  return { output, nextIv };
}

/**
 * Decrypts AES-CTS (RFC 3962 §5), the inverse of {@link aesCtsEncrypt}.
 *
 * @param key an AES-128 or AES-256 key (16 or 32 octets).
 * @param iv the initial cipher state, 16 octets.
 * @param input at least one block.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` for an input shorter than one block.
 */
export function aesCtsDecrypt(key: Uint8Array, iv: Uint8Array, input: Uint8Array): AesCtsResult {
  const output = new Uint8Array(input.length);
  const nextIv = new Uint8Array(BLOCK);
  aesCtsDecryptInto(key, iv, input, output, 0, null, nextIv);

  return { output, nextIv };
}

/**
 * {@link aesCtsEncrypt} into the caller's array: the ciphertext of `input` is written to
 * `output` from `offset` on. `input` may be that very range of `output` (encryption in place),
 * but must not overlap it otherwise.
 *
 * @param key an AES-128 or AES-256 key (16 or 32 octets).
 * @param iv the initial cipher state, 16 octets.
 * @param input at least one block.
 * @param output where the ciphertext goes, `input.length` octets from `offset`.
 * @param offset where in `output`.
 * @param nextIv if given, receives the next cipher state (the last full CBC ciphertext block).
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` for an input shorter than one block.
 * @throws {RangeError} for a key or IV of the wrong size, or an output too short.
 */
export function aesCtsEncryptInto(
  key: Uint8Array,
  iv: Uint8Array,
  input: Uint8Array,
  output: Uint8Array,
  offset: number,
  nextIv: Uint8Array | null = null,
): void {
  checkLengths(key, iv, input);
  checkRoom(output, offset, input.length, nextIv);

  const schedule = aesKey(key);
  const length = input.length;
  const blocks = Math.ceil(length / BLOCK);
  const lastAt = (blocks - 1) * BLOCK;
  const state = STATE;
  if (length <= AES_CTS_JS_ENCRYPT_LIMIT) {
    // CBC over the full blocks before the last one, the last of them, C(n-1), kept in `state`.
    loadState(iv, 0, state);
    for (let at = 0; at < lastAt; at += BLOCK) {
      xorOctets(state, input, at);
      schedule.encryptState(state);
      if (at < lastAt - BLOCK) storeState(state, output, offset + at);
    }
  } else {
    // OpenSSL's CBC for C1..C(n-1), which no stealing touches, a chunk at a time; C(n-1)
    // goes to `state`.
    const cbc = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv).setAutoPadding(false);
    for (let at = 0; at < lastAt; at += OPENSSL_CHUNK) {
      const end = Math.min(at + OPENSSL_CHUNK, lastAt);
      const chained = cbc.update(input.subarray(at, end));
      if (end < lastAt) {
        output.set(chained, offset + at);
      } else {
        output.set(chained.subarray(0, chained.length - BLOCK), offset + at);
        loadState(chained, chained.length - BLOCK, state);
      }
    }
    cbc.final();
  }

  // Cn = E(C(n-1) ^ (Pn | zeros)) goes in block n-1's place, then as many octets of C(n-1)
  // as Pn has. With one block, that block is plain CBC.
  const tail = length - lastAt;
  const spare = SPARE;
  spare.fill(0);
  for (let index = 0; index < tail; index++) spare[index] = input[lastAt + index] ?? 0;
  const stolen = STOLEN;
  storeState(state, stolen, 0);
  xorOctets(state, spare, 0);
  schedule.encryptState(state);
  if (blocks === 1) {
    storeState(state, output, offset);
  } else {
    storeState(state, output, offset + lastAt - BLOCK);
    for (let index = 0; index < tail; index++) output[offset + lastAt + index] = stolen[index] ?? 0;
  }
  if (nextIv !== null) storeState(state, nextIv, 0);
  spare.fill(0);
  stolen.fill(0);
  state.fill(0);
}

/**
 * {@link aesCtsDecrypt} into the caller's arrays: the plaintext of `input` is written to
 * `output` from `offset` on, or, with `head` given, its first block to `head` and the rest to
 * `output` from `offset` on (a Kerberos confounder apart from the message). `input` may be
 * that very range of `output` when `head` is null (decryption in place), but must not
 * overlap it otherwise.
 *
 * @param key an AES-128 or AES-256 key (16 or 32 octets).
 * @param iv the initial cipher state, 16 octets.
 * @param input at least one block.
 * @param output where the plaintext goes.
 * @param offset where in `output`.
 * @param head if given, 16 octets for the first plaintext block.
 * @param nextIv if given, receives the next cipher state (the last full CBC ciphertext block).
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` for an input shorter than one block.
 * @throws {RangeError} for a key, IV or head of the wrong size, or an output too short.
 */
export function aesCtsDecryptInto(
  key: Uint8Array,
  iv: Uint8Array,
  input: Uint8Array,
  output: Uint8Array,
  offset: number,
  head: Uint8Array | null = null,
  nextIv: Uint8Array | null = null,
): void {
  checkLengths(key, iv, input);
  if (head !== null && head.length !== BLOCK) {
    throw new RangeError(`a head block has 16 octets, got ${head.length}`);
  }
  checkRoom(output, offset, input.length - (head === null ? 0 : BLOCK), nextIv);

  const schedule = aesKey(key);
  const length = input.length;
  const blocks = Math.ceil(length / BLOCK);
  const lastAt = (blocks - 1) * BLOCK;
  // Plaintext octet i goes to output[base + i], or to head[i] for the first block.
  const base = head === null ? offset : offset - BLOCK;
  const state = STATE;
  const previous = PREVIOUS;

  if (blocks === 1) {
    loadState(input, 0, state);
    if (nextIv !== null) storeState(state, nextIv, 0);
    schedule.decryptState(state);
    xorOctets(state, iv, 0);
    putPlain(state, head, output, base, 0);
    state.fill(0);
    return;
  }

  // P1..P(n-2) as CBC has them, C(n-2) (or the IV) left in `previous`.
  loadState(iv, 0, previous);
  if (length <= AES_CTS_JS_DECRYPT_LIMIT) {
    for (let at = 0; at < lastAt - BLOCK; at += BLOCK) {
      loadState(input, at, state);
      schedule.decryptState(state);
      xorState(state, previous);
      loadState(input, at, previous);
      putPlain(state, head, output, base, at);
    }
  } else {
    // OpenSSL's CBC, a chunk at a time (it keeps the chaining block itself, so a chunk may
    // be overwritten once decrypted).
    const bulk = lastAt - BLOCK;
    loadState(input, bulk - BLOCK, previous);
    const cbc = createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv).setAutoPadding(false);
    for (let at = 0; at < bulk; at += OPENSSL_CHUNK) {
      const plain = cbc.update(input.subarray(at, Math.min(at + OPENSSL_CHUNK, bulk)));
      if (head !== null && at === 0) {
        head.set(plain.subarray(0, BLOCK));
        output.set(plain.subarray(BLOCK), offset);
      } else {
        output.set(plain, base + at);
      }
    }
    cbc.final();
  }

  // D(Cn) = C(n-1) ^ (Pn | zeros): its first octets XOR the stolen ones are Pn; with them
  // replaced by the stolen ones it is C(n-1), and P(n-1) = D(C(n-1)) ^ C(n-2).
  const tail = length - lastAt;
  const spare = SPARE;
  const last = STOLEN;
  loadState(input, lastAt - BLOCK, state);
  if (nextIv !== null) storeState(state, nextIv, 0);
  schedule.decryptState(state);
  storeState(state, spare, 0);
  for (let index = 0; index < tail; index++) {
    const stolen = input[lastAt + index] ?? 0;
    last[index] = (spare[index] ?? 0) ^ stolen;
    spare[index] = stolen;
  }
  loadState(spare, 0, state);
  schedule.decryptState(state);
  xorState(state, previous);
  putPlain(state, head, output, base, lastAt - BLOCK);
  for (let index = 0; index < tail; index++) output[base + lastAt + index] = last[index] ?? 0;
  spare.fill(0);
  last.fill(0);
  state.fill(0);
  previous.fill(0);
}

/** Writes plaintext block `at`: to `head` if given for the first, else to `output` at base + at. */
function putPlain(
  state: Int32Array,
  head: Uint8Array | null,
  output: Uint8Array,
  base: number,
  at: number,
): void {
  if (head !== null && at === 0) storeState(state, head, 0);
  else storeState(state, output, base + at);
}

/** XORs 16 octets, as four big-endian words, into a state. */
function xorOctets(state: Int32Array, octets: Uint8Array, at: number): void {
  state[0] = (state[0] ?? 0) ^ readWord(octets, at);
  state[1] = (state[1] ?? 0) ^ readWord(octets, at + 4);
  state[2] = (state[2] ?? 0) ^ readWord(octets, at + 8);
  state[3] = (state[3] ?? 0) ^ readWord(octets, at + 12);
}

/** XORs one state into another. */
function xorState(state: Int32Array, other: Int32Array): void {
  state[0] = (state[0] ?? 0) ^ (other[0] ?? 0);
  state[1] = (state[1] ?? 0) ^ (other[1] ?? 0);
  state[2] = (state[2] ?? 0) ^ (other[2] ?? 0);
  state[3] = (state[3] ?? 0) ^ (other[3] ?? 0);
}

/** Scratch (the module is synchronous, never re-entered), zeroed after each use. */
const STATE = new Int32Array(4);
const PREVIOUS = new Int32Array(4);
const SPARE = new Uint8Array(BLOCK);
const STOLEN = new Uint8Array(BLOCK);

function checkLengths(key: Uint8Array, iv: Uint8Array, input: Uint8Array): void {
  if (key.length !== 16 && key.length !== 32) {
    throw new RangeError(`an AES key has 16 or 32 octets, got ${key.length}`);
  }
  if (iv.length !== BLOCK) throw new RangeError(`an AES IV has 16 octets, got ${iv.length}`);
  if (input.length < BLOCK) throw new KrbCryptoError('KRB5_BAD_MSIZE');
}

function checkRoom(
  output: Uint8Array,
  offset: number,
  length: number,
  nextIv: Uint8Array | null,
): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + length > output.length) {
    throw new RangeError(`an AES-CTS output needs ${length} octets at offset ${offset}`);
  }
  if (nextIv !== null && nextIv.length !== BLOCK) {
    throw new RangeError(`a next IV has 16 octets, got ${nextIv.length}`);
  }
}
