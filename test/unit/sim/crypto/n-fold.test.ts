import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nFold } from '../../../../src/sim/crypto/n-fold.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// RFC 3961 Appendix A.1: n (bits), input, n-fold(input).
const RFC_3961_A1: readonly [number, string, string][] = [
  [64, '012345', 'be072631276b1955'],
  [56, 'password', '78a07b6caf85fa'],
  [64, 'Rough Consensus, and Running Code', 'bb6ed30870b7f0e0'],
  [168, 'password', '59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e'],
  [
    192,
    'MASSACHVSETTS INSTITVTE OF TECHNOLOGY',
    'db3b0d8f0b061e603282b308a50841229ad798fab9540c1b',
  ],
  [168, 'Q', '518a54a215a8452a518a54a215a8452a518a54a215'],
  [168, 'ba', 'fb25d531ae8974499f52fd92ea9857c4ba24cf297e'],
  [64, 'kerberos', '6b65726265726f73'],
  [128, 'kerberos', '6b65726265726f737b9b5b2b93132b93'],
  [168, 'kerberos', '8372c236344e5f1550cd0747e15d62ca7a5a3bcea4'],
  [256, 'kerberos', '6b65726265726f737b9b5b2b93132b935c9bdcdad95c9899c4cae4dee6d6cae4'],
];

describe('n-fold (RFC 3961 §5.1)', () => {
  it.each(RFC_3961_A1)('%i-fold(%j) is the RFC 3961 A.1 value', (bits, input, expected) => {
    expect(hex(nFold(ascii(input), bits / 8))).toBe(expected);
  });

  it('gives back an input whose length is already n unchanged', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (input) => {
        expect(nFold(input, input.length)).toEqual(input);
      }),
    );
  });

  it('always gives n/8 octets, whatever the input length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 64 }),
        (input, length) => {
          expect(nFold(input, length)).toHaveLength(length);
        },
      ),
    );
  });

  it('refuses an empty input and an output length that is not a positive integer', () => {
    expect(() => nFold(new Uint8Array(0), 16)).toThrow(RangeError);
    expect(() => nFold(ascii('kerberos'), 0)).toThrow(RangeError);
    expect(() => nFold(ascii('kerberos'), 1.5)).toThrow(RangeError);
  });
});
