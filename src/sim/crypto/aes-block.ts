/**
 * The AES block cipher (FIPS-197) in JavaScript, for the many short messages of the sim, where
 * `node:crypto`'s cost of setting up a cipher per call outweighs the cipher itself.
 *
 * Its S-box and round tables come from `aes-tables.ts`, computed from FIPS-197's definitions.
 *
 * Not constant-time: the table look-ups are indexed by secret bytes, so their timing through
 * the processor's caches depends on the key and the data. That is acceptable for a simulator
 * used in tests, not for protecting real secrets.
 *
 * @module
 */

import {
  DEC0,
  DEC1,
  DEC2,
  DEC3,
  ENC0,
  ENC1,
  ENC2,
  ENC3,
  INV_SBOX,
  invMixColumn,
  SBOX,
  subWord,
  xtime,
} from './aes-tables.js';

const BLOCK = 16;

/** Reads a big-endian 32-bit word (signed, as the state words are). */
export function readWord(octets: Uint8Array, offset: number): number {
  return (
    ((octets[offset] ?? 0) << 24) |
    ((octets[offset + 1] ?? 0) << 16) |
    ((octets[offset + 2] ?? 0) << 8) |
    (octets[offset + 3] ?? 0)
  );
}

/** Writes a big-endian 32-bit word. */
function writeWord(octets: Uint8Array, offset: number, word: number): void {
  octets[offset] = word >>> 24;
  octets[offset + 1] = word >>> 16;
  octets[offset + 2] = word >>> 8;
  octets[offset + 3] = word;
}

/**
 * An expanded AES key (FIPS-197 §5.2): the round keys for encryption and, made on first use,
 * those of the equivalent inverse cipher (§5.3.5). The state of a block is four big-endian
 * 32-bit words, the columns of FIPS-197's state array.
 *
 * Not constant-time (table look-ups indexed by secret bytes leak through cache timing): for the
 * simulator's tests, not for protecting real secrets. `inspect`, `toString` and `toJSON` show
 * the key size only.
 */
export class AesKey {
  /** The number of rounds: 10, 12 or 14 for 16-, 24- or 32-octet keys. */
  readonly rounds: number;
  /** A copy of the key octets, to tell whether a cached schedule still fits its key. */
  readonly #octets: Uint8Array;
  readonly #encryption: Int32Array;
  #decryption: Int32Array | null = null;

  /**
   * Expands a key.
   *
   * @param key 16, 24 or 32 octets.
   * @throws {RangeError} for another key length.
   */
  constructor(key: Uint8Array) {
    if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
      throw new RangeError(`an AES key has 16, 24 or 32 octets, got ${key.length}`);
    }
    const nk = key.length / 4;
    this.rounds = nk + 6;
    this.#octets = Uint8Array.from(key);

    const words = new Int32Array(4 * (this.rounds + 1));
    for (let index = 0; index < nk; index++) words[index] = readWord(key, 4 * index);
    let rcon = 1;
    for (let index = nk; index < words.length; index++) {
      let temp = words[index - 1] ?? 0;
      if (index % nk === 0) {
        temp = subWord((temp << 8) | (temp >>> 24)) ^ (rcon << 24);
        rcon = xtime(rcon);
      } else if (nk > 6 && index % nk === 4) {
        temp = subWord(temp);
      }
      words[index] = (words[index - nk] ?? 0) ^ temp;
    }
    this.#encryption = words;
  }

  /** The key length in octets. */
  get length(): number {
    return this.#octets.length;
  }

  /**
   * Whether this schedule was expanded from these octets (not in constant time: for the cache
   * of {@link aesKey}, whose keys are the caller's anyway).
   *
   * @param key key octets.
   */
  expands(key: Uint8Array): boolean {
    const own = this.#octets;
    if (key.length !== own.length) return false;
    for (let index = 0; index < own.length; index++) if (key[index] !== own[index]) return false;
    return true;
  }

  /**
   * Encrypts one block given as four big-endian words, in place (FIPS-197 §5.1).
   *
   * @param state the four words of the block, replaced by those of its encryption.
   */
  encryptState(state: Int32Array): void {
    const keys = this.#encryption;
    let s0 = (state[0] ?? 0) ^ (keys[0] ?? 0);
    let s1 = (state[1] ?? 0) ^ (keys[1] ?? 0);
    let s2 = (state[2] ?? 0) ^ (keys[2] ?? 0);
    let s3 = (state[3] ?? 0) ^ (keys[3] ?? 0);
    let k = 4;
    for (let round = 1; round < this.rounds; round++, k += 4) {
      const t0 =
        (ENC0[s0 >>> 24] ?? 0) ^
        (ENC1[(s1 >>> 16) & 0xff] ?? 0) ^
        (ENC2[(s2 >>> 8) & 0xff] ?? 0) ^
        (ENC3[s3 & 0xff] ?? 0) ^
        (keys[k] ?? 0);
      const t1 =
        (ENC0[s1 >>> 24] ?? 0) ^
        (ENC1[(s2 >>> 16) & 0xff] ?? 0) ^
        (ENC2[(s3 >>> 8) & 0xff] ?? 0) ^
        (ENC3[s0 & 0xff] ?? 0) ^
        (keys[k + 1] ?? 0);
      const t2 =
        (ENC0[s2 >>> 24] ?? 0) ^
        (ENC1[(s3 >>> 16) & 0xff] ?? 0) ^
        (ENC2[(s0 >>> 8) & 0xff] ?? 0) ^
        (ENC3[s1 & 0xff] ?? 0) ^
        (keys[k + 2] ?? 0);
      const t3 =
        (ENC0[s3 >>> 24] ?? 0) ^
        (ENC1[(s0 >>> 16) & 0xff] ?? 0) ^
        (ENC2[(s1 >>> 8) & 0xff] ?? 0) ^
        (ENC3[s2 & 0xff] ?? 0) ^
        (keys[k + 3] ?? 0);
      s0 = t0;
      s1 = t1;
      s2 = t2;
      s3 = t3;
    }
    // The last round has no MixColumns: SubBytes and ShiftRows byte by byte.
    state[0] = lastRound(SBOX, s0, s1, s2, s3) ^ (keys[k] ?? 0);
    state[1] = lastRound(SBOX, s1, s2, s3, s0) ^ (keys[k + 1] ?? 0);
    state[2] = lastRound(SBOX, s2, s3, s0, s1) ^ (keys[k + 2] ?? 0);
    state[3] = lastRound(SBOX, s3, s0, s1, s2) ^ (keys[k + 3] ?? 0);
  }

  /**
   * Decrypts one block given as four big-endian words, in place (the equivalent inverse cipher
   * of FIPS-197 §5.3.5).
   *
   * @param state the four words of the block, replaced by those of its decryption.
   */
  decryptState(state: Int32Array): void {
    const keys = this.#decryption ?? this.#expandDecryption();
    let s0 = (state[0] ?? 0) ^ (keys[0] ?? 0);
    let s1 = (state[1] ?? 0) ^ (keys[1] ?? 0);
    let s2 = (state[2] ?? 0) ^ (keys[2] ?? 0);
    let s3 = (state[3] ?? 0) ^ (keys[3] ?? 0);
    let k = 4;
    for (let round = 1; round < this.rounds; round++, k += 4) {
      const t0 =
        (DEC0[s0 >>> 24] ?? 0) ^
        (DEC1[(s3 >>> 16) & 0xff] ?? 0) ^
        (DEC2[(s2 >>> 8) & 0xff] ?? 0) ^
        (DEC3[s1 & 0xff] ?? 0) ^
        (keys[k] ?? 0);
      const t1 =
        (DEC0[s1 >>> 24] ?? 0) ^
        (DEC1[(s0 >>> 16) & 0xff] ?? 0) ^
        (DEC2[(s3 >>> 8) & 0xff] ?? 0) ^
        (DEC3[s2 & 0xff] ?? 0) ^
        (keys[k + 1] ?? 0);
      const t2 =
        (DEC0[s2 >>> 24] ?? 0) ^
        (DEC1[(s1 >>> 16) & 0xff] ?? 0) ^
        (DEC2[(s0 >>> 8) & 0xff] ?? 0) ^
        (DEC3[s3 & 0xff] ?? 0) ^
        (keys[k + 2] ?? 0);
      const t3 =
        (DEC0[s3 >>> 24] ?? 0) ^
        (DEC1[(s2 >>> 16) & 0xff] ?? 0) ^
        (DEC2[(s1 >>> 8) & 0xff] ?? 0) ^
        (DEC3[s0 & 0xff] ?? 0) ^
        (keys[k + 3] ?? 0);
      s0 = t0;
      s1 = t1;
      s2 = t2;
      s3 = t3;
    }
    // InvShiftRows moves row r right by r columns; InvSubBytes byte by byte.
    state[0] = lastRound(INV_SBOX, s0, s3, s2, s1) ^ (keys[k] ?? 0);
    state[1] = lastRound(INV_SBOX, s1, s0, s3, s2) ^ (keys[k + 1] ?? 0);
    state[2] = lastRound(INV_SBOX, s2, s1, s0, s3) ^ (keys[k + 2] ?? 0);
    state[3] = lastRound(INV_SBOX, s3, s2, s1, s0) ^ (keys[k + 3] ?? 0);
  }

  /**
   * Encrypts one 16-octet block (FIPS-197 §5.1); input and output may be the same octets.
   *
   * @param input the octets to read the block from.
   * @param inputOffset where the block starts in `input`.
   * @param output the octets to write the encrypted block to.
   * @param outputOffset where it goes in `output`.
   * @throws {RangeError} when a block does not fit at its offset.
   */
  encryptBlock(
    input: Uint8Array,
    inputOffset: number,
    output: Uint8Array,
    outputOffset: number,
  ): void {
    checkBlock(input, inputOffset, output, outputOffset);
    const state = loadState(input, inputOffset);
    this.encryptState(state);
    storeState(state, output, outputOffset);
  }

  /**
   * Decrypts one 16-octet block (FIPS-197 §5.3); input and output may be the same octets.
   *
   * @param input the octets to read the block from.
   * @param inputOffset where the block starts in `input`.
   * @param output the octets to write the decrypted block to.
   * @param outputOffset where it goes in `output`.
   * @throws {RangeError} when a block does not fit at its offset.
   */
  decryptBlock(
    input: Uint8Array,
    inputOffset: number,
    output: Uint8Array,
    outputOffset: number,
  ): void {
    checkBlock(input, inputOffset, output, outputOffset);
    const state = loadState(input, inputOffset);
    this.decryptState(state);
    storeState(state, output, outputOffset);
  }

  /** The key size, never the octets or round keys. */
  toString(): string {
    return `AesKey(${this.length * 8} bits)`;
  }

  /** The key size, never the octets or round keys. */
  toJSON(): { bits: number } {
    return { bits: this.length * 8 };
  }

  /** What `util.inspect` shows: the key size, never the octets or round keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * The round keys of the equivalent inverse cipher: the encryption round keys in reverse
   * order, InvMixColumns applied to all but the first and last.
   */
  #expandDecryption(): Int32Array {
    const encryption = this.#encryption;
    const decryption = new Int32Array(encryption.length);
    const last = encryption.length - 4;
    for (let round = 0; round <= this.rounds; round++) {
      for (let column = 0; column < 4; column++) {
        const word = encryption[last - 4 * round + column] ?? 0;
        decryption[4 * round + column] =
          round === 0 || round === this.rounds ? word : invMixColumn(word);
      }
    }
    this.#decryption = decryption;
    return decryption;
  }
}

/** One column of the last round: a byte of each of four words through the S-box given. */
function lastRound(box: Uint8Array, a: number, b: number, c: number, d: number): number {
  return (
    ((box[a >>> 24] ?? 0) << 24) |
    ((box[(b >>> 16) & 0xff] ?? 0) << 16) |
    ((box[(c >>> 8) & 0xff] ?? 0) << 8) |
    (box[d & 0xff] ?? 0)
  );
}

function checkBlock(
  input: Uint8Array,
  inputOffset: number,
  output: Uint8Array,
  outputOffset: number,
): void {
  const fits = (octets: Uint8Array, offset: number) =>
    Number.isInteger(offset) && offset >= 0 && offset + BLOCK <= octets.length;
  if (!fits(input, inputOffset) || !fits(output, outputOffset)) {
    throw new RangeError('an AES block is 16 octets within the array');
  }
}

/** The shared state of the one-block calls (the module is synchronous, never re-entered). */
const STATE = new Int32Array(4);

/**
 * Reads a 16-octet block into the four big-endian words of an AES state.
 *
 * @param octets the octets.
 * @param offset where the block starts.
 * @param state where the words go (a shared scratch by default: copy what must be kept).
 */
export function loadState(octets: Uint8Array, offset: number, state = STATE): Int32Array {
  state[0] = readWord(octets, offset);
  state[1] = readWord(octets, offset + 4);
  state[2] = readWord(octets, offset + 8);
  state[3] = readWord(octets, offset + 12);
  return state;
}

/**
 * Writes the four big-endian words of an AES state as a 16-octet block.
 *
 * @param state the words.
 * @param octets where the block goes.
 * @param offset where in `octets`.
 */
export function storeState(state: Int32Array, octets: Uint8Array, offset: number): void {
  writeWord(octets, offset, state[0] ?? 0);
  writeWord(octets, offset + 4, state[1] ?? 0);
  writeWord(octets, offset + 8, state[2] ?? 0);
  writeWord(octets, offset + 12, state[3] ?? 0);
}

/** Expanded keys by key array: the sim's derived keys are shared arrays (`usageKey`). */
const schedules = new WeakMap<Uint8Array, AesKey>();

/**
 * The expanded key of these key octets, cached per array object: the sim's derived keys come
 * from a shared cache, so their expansion is done once. An array whose octets changed since
 * it was cached is expanded again.
 *
 * Table-based AES is not constant-time (cache timing): for the simulator, not for real secrets.
 *
 * @param key 16, 24 or 32 octets.
 * @throws {RangeError} for another key length.
 */
export function aesKey(key: Uint8Array): AesKey {
  const cached = schedules.get(key);
  if (cached?.expands(key)) return cached;

  const schedule = new AesKey(key);
  schedules.set(key, schedule);
  return schedule;
}
