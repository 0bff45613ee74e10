/**
 * Where the crypto layer's random octets come from: always the caller, so that a seeded realm
 * gives the same bytes every run. Nothing in `src/sim/crypto` draws randomness by itself.
 *
 * @module
 */

/** A source of random octets: returns `length` fresh octets on each call. */
export type RandomBytes = (length: number) => Uint8Array;

/**
 * Takes `length` octets from a source, or checks octets the caller fixed.
 *
 * @param source a random source, or the octets themselves.
 * @param length how many octets are needed.
 * @param what what the octets are, for the error message.
 * @throws {RangeError} when the source gives another number of octets.
 */
export function takeRandom(source: RandomBytes | Uint8Array, length: number, what: string) {
  const octets = typeof source === 'function' ? source(length) : source;
  if (octets.length !== length) {
    throw new RangeError(`${what} must have ${length} octets, got ${octets.length}`);
  }

  return octets;
}
