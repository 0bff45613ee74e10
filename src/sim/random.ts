/**
 * The sim's source of random bytes: one per realm, seeded for reproducible runs, or the
 * operating system's generator when no seed is given.
 *
 * A seeded source is the ChaCha20 keystream (RFC 8439 §2.4, OpenSSL's `chacha20` through
 * `node:crypto`, counter and nonce zero) under a 256-bit key derived from the seed with
 * SHA-256. A fork's key is HMAC-SHA-256 of its label under its parent's key, so a fork's stream
 * depends on the seed and the chain of labels only: draws from one stream never shift another.
 *
 * @module
 */

import { createCipheriv, createHash, createHmac, randomFillSync } from 'node:crypto';

/** A stream of random bytes. */
export interface RandomSource {
  /** True when the stream comes from a seed and repeats for the same seed. */
  readonly seeded: boolean;
  /** The next `length` bytes of the stream. */
  bytes(length: number): Uint8Array;
  /** The next 4 bytes of the stream, read as a big-endian unsigned integer. */
  uint32(): number;
  /**
   * An independent stream named `label`. With a seed, it depends only on the parent's seed and
   * fork labels, not on how much either stream has been read: forking twice with the same label
   * gives the same stream, so give each party or purpose its own label.
   */
  fork(label: string): RandomSource;
}

/** Domain separation for the seed's key, so that no other use of SHA-256 collides with it. */
const SEED_CONTEXT = 'gssapi-sim random seed v1';

/**
 * Octets drawn from OpenSSL at once, for both kinds of source (a seeded stream's output does
 * not depend on it). 1 KiB: a system-random draw of 16 octets cost 3.1 µs per call here, a
 * 1 KiB refill 3.5 µs.
 */
const CHUNK = 1024;

/**
 * A random source: seeded by `seed` (a finite number or any string; `1` and `'1'` are
 * different seeds), or crypto-random without one.
 * @throws {RangeError} when `seed` is a number that is not finite.
 */
export function createRandom(seed?: number | string): RandomSource {
  if (seed === undefined) return new SystemRandom();
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`expected a finite number or a string as seed, got ${seed}`);
  }

  const encoded = typeof seed === 'number' ? `number:${seed}` : `string:${seed}`;
  const key = createHash('sha256').update(SEED_CONTEXT).update('\0').update(encoded).digest();
  return new ChaChaRandom(key);
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`expected a byte count as a non-negative integer, got ${length}`);
  }
}

/**
 * A stream read from chunks of {@link CHUNK} octets or more: one call into OpenSSL serves many
 * small draws (a confounder, a sequence number), which otherwise pay a call each.
 */
abstract class BufferedRandom implements RandomSource {
  abstract readonly seeded: boolean;
  #buffer: Uint8Array = new Uint8Array(0);
  #offset = 0;

  /** The next `length` octets (at least {@link CHUNK}) of the underlying stream. */
  protected abstract refill(length: number): Uint8Array;

  abstract fork(label: string): RandomSource;

  bytes(length: number): Uint8Array {
    checkLength(length);
    const out = new Uint8Array(length);

    let filled = 0;
    while (filled < length) {
      if (this.#offset === this.#buffer.length) {
        this.#buffer = this.refill(Math.max(CHUNK, length - filled));
        this.#offset = 0;
      }
      const take = Math.min(length - filled, this.#buffer.length - this.#offset);
      out.set(this.#buffer.subarray(this.#offset, this.#offset + take), filled);
      this.#offset += take;
      filled += take;
    }

    return out;
  }

  uint32(): number {
    const word = this.bytes(4);
    return (
      (word[0] ?? 0) * 0x100_0000 + ((word[1] ?? 0) << 16) + ((word[2] ?? 0) << 8) + (word[3] ?? 0)
    );
  }
}

/** The seeded stream. The key stays in a private field: `inspect` shows none of it. */
class ChaChaRandom extends BufferedRandom {
  readonly seeded = true;
  readonly #key: Uint8Array;
  readonly #cipher;

  constructor(key: Uint8Array) {
    super();
    this.#key = key;
    this.#cipher = createCipheriv('chacha20', key, new Uint8Array(16));
  }

  protected refill(length: number): Uint8Array {
    return this.#cipher.update(new Uint8Array(length));
  }

  fork(label: string): RandomSource {
    return new ChaChaRandom(createHmac('sha256', this.#key).update(label).digest());
  }
}

/** The operating system's generator, for realms made without a seed. */
class SystemRandom extends BufferedRandom {
  readonly seeded = false;

  protected refill(length: number): Uint8Array {
    return randomFillSync(new Uint8Array(length));
  }

  fork(): RandomSource {
    return new SystemRandom();
  }
}
