/**
 * The nonce of a KDC request (`k5_generate_nonce`): 32 random bits with the top bit cleared,
 * because MIT and Heimdal encode the nonce as a signed INTEGER.
 *
 * @module
 */

import type { RandomSource } from '../../random.js';

/** A new nonce from `random`, from 0 to 2^31 - 1. */
export function generateNonce(random: RandomSource): number {
  return random.uint32() & 0x7fff_ffff;
}
