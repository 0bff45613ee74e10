/**
 * The initial sequence number of an AP-REQ or AP-REP, as MIT krb5 1.20's
 * `krb5_generate_seq_number` draws it: four random octets read as a host-order (little-endian)
 * word, kept below 2^30 for peers that read it signed, and 1 in place of 0.
 *
 * @module
 */

import type { RandomSource } from '../../random.js';

/** The largest initial sequence number MIT draws: 2^30 - 1. */
export const MAX_INITIAL_SEQ = 0x3fff_ffff;

/** Draws an initial sequence number from 1 to 2^30 - 1. */
export function initialSequenceNumber(random: RandomSource): number {
  const octets = random.bytes(4);
  const word = new DataView(octets.buffer, octets.byteOffset, 4).getUint32(0, true);
  const seq = word & MAX_INITIAL_SEQ;
  return seq === 0 ? 1 : seq;
}
