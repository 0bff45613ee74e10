/**
 * Every Kerberos message decodes back to the value it was encoded from, and its encoding is
 * DER's canonical one (re-encoding the decoded value gives the same bytes, in strict mode too).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODECS } from './catalog.js';

const SEED = 20261203;

describe('message round trip', () => {
  for (const { name, arbitrary, encode, decode } of CODECS) {
    it(`decodes an encoded ${name} back to the same value and bytes`, () => {
      fc.assert(
        fc.property(arbitrary, (value) => {
          // The catalog pairs each arbitrary with its own codec; `never` is its erased type.
          const bytes = encode(value as never);
          const decoded = decode(bytes);
          expect(decoded).toEqual(value);
          expect(encode(decoded)).toEqual(bytes);
          expect(decode(bytes, { strict: true })).toEqual(value);
        }),
        { seed: SEED, numRuns: 150 },
      );
    });
  }
});
