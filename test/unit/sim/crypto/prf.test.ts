import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Enctype, enctypeProfile } from '../../../../src/sim/crypto/enctype.js';
import { KeyBlock } from '../../../../src/sim/crypto/key-block.js';
import { prf } from '../../../../src/sim/crypto/prf.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');

const AES256_A = 'c01f157211f7b77eaaf457c3e156690127ee127d810ba6392e97baa243eb0616';
const AES256_B = '9d520d2d980aa7cb6b693682b62da258b33386795164 2ce647ae62b1e5e0b5e9';

// [source, enctype, key, input, PRF output].
const VECTORS: readonly [string, Enctype, string, string, string][] = [
  [
    'MIT t_prf.c',
    17,
    'ae272e7cdec86ac5138cdb196d8e297d',
    '0161',
    '77b39a37a868920f2a51f9dd150c5717',
  ],
  [
    'MIT t_prf.c',
    17,
    '67ab1cfef35e4c27ffdeac60385a3e9c',
    '0162',
    'e06c0dd31ff02091994f2ef5178bfe3d',
  ],
  ['MIT t_prf.c', 18, AES256_A, '0161', 'b2628c788e2e9c4a9bb4644678c29f2f'],
  ['MIT t_prf.c', 18, AES256_A, '0261', 'b406373350cee8a6126f4a9b65a0cd21'],
  ['MIT t_prf.c', 18, AES256_B, '0162', 'ff0e289ea756c0559a0e911856961a49'],
  ['MIT t_prf.c', 18, AES256_B, '0262', '0d674dd0f9a6806525a4d92e828bd15a'],
  [
    'RFC 8009 A',
    19,
    '3705d96080c17728a0e800eab6e0d23c',
    '74657374',
    '9d188616f63852fe86915bb840b4a886ff3e6bb0f819b49b893393d393854295',
  ],
  [
    'RFC 8009 A',
    20,
    '6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52',
    '74657374',
    '9801f69a368c2bf675e59521e177d9a07f67efe1cfde8d3c8d6f6a0256e3b17d' +
      'b3c1b62ad1b8553360d17367eb1514d2',
  ],
];

describe('PRF (RFC 3962 §6, RFC 8009 §5)', () => {
  it.each(VECTORS)('%s: enctype %i, key %s, input %s', (_source, enctype, key, input, expected) => {
    expect(hex(prf(new KeyBlock(enctype, bytes(key)), bytes(input)))).toBe(expected);
  });

  it('gives prfLength octets: 16 for the SHA-1 enctypes, 32 and 48 for the SHA-2 ones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Enctype>(17, 18, 19, 20),
        fc.uint8Array({ maxLength: 100 }),
        (enctype, input) => {
          const key = new KeyBlock(enctype, new Uint8Array(enctypeProfile(enctype).keyLength));

          expect(prf(key, input)).toHaveLength(enctypeProfile(enctype).prfLength);
        },
      ),
      { numRuns: 50 },
    );
  });
});
