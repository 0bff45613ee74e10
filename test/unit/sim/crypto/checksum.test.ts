import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CksumType,
  checksumProfile,
  makeChecksum,
  verifyChecksum,
} from '../../../../src/sim/crypto/checksum.js';
import { type Enctype, enctypeProfile } from '../../../../src/sim/crypto/enctype.js';
import { KeyBlock } from '../../../../src/sim/crypto/key-block.js';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';
import { deriveUsageKey } from '../../../../src/sim/crypto/usage-keys.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);

// [source, cksumtype, enctype, usage, key, data, checksum].
const VECTORS: readonly [string, number, Enctype, number, string, Uint8Array, string][] = [
  [
    'MIT t_cksums.c',
    15,
    17,
    3,
    '9062430c8cda3388922e6d6a509f5b7a',
    ascii('eight nine ten eleven twelve thirteen'),
    '01a4b088d45628f6946614e3',
  ],
  [
    'MIT t_cksums.c',
    16,
    18,
    4,
    'b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7',
    ascii('fourteen'),
    'e08739e3279e2903ec8e3836',
  ],
  [
    'RFC 8009 A',
    19,
    19,
    2,
    '3705d96080c17728a0e800eab6e0d23c',
    bytes('000102030405060708090a0b0c0d0e0f1011121314'),
    'd78367186643d67b411cba9139fc1dee',
  ],
  [
    'RFC 8009 A',
    20,
    20,
    2,
    '6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52',
    bytes('000102030405060708090a0b0c0d0e0f1011121314'),
    '45ee791567eefca37f4ac1e0222de80d43c3bfa06699672a',
  ],
];

const ENCTYPES: readonly Enctype[] = [17, 18, 19, 20];
const keyArbitrary = fc
  .constantFrom(...ENCTYPES)
  .chain((enctype) =>
    fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((seed) => new KeyBlock(enctype, seed.subarray(0, enctypeProfile(enctype).keyLength))),
  );

describe('keyed checksums (RFC 3961 §5.4, RFC 3962, RFC 8009 §5)', () => {
  it.each(VECTORS)(
    '%s: checksum type %i under an enctype %i key, usage %i, is the published value',
    (_source, cksumtype, enctype, usage, key, data, expected) => {
      const keyBlock = new KeyBlock(enctype, bytes(key));

      expect(hex(makeChecksum(keyBlock, usage, data, cksumtype))).toBe(expected);
      expect(hex(makeChecksum(keyBlock, usage, data))).toBe(expected);
      expect(verifyChecksum(keyBlock, usage, data, bytes(expected), cksumtype)).toBe(true);
    },
  );

  it('verifies every checksum it made, and rejects any change to data, checksum or usage', () => {
    fc.assert(
      fc.property(
        keyArbitrary,
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.nat(),
        (key, usage, data, bit) => {
          const checksum = makeChecksum(key, usage, data);
          const flippedData = flip(data, bit);
          const flippedChecksum = flip(checksum, bit);

          expect(verifyChecksum(key, usage, data, checksum)).toBe(true);
          expect(verifyChecksum(key, usage, flippedData, checksum)).toBe(false);
          expect(verifyChecksum(key, usage, data, flippedChecksum)).toBe(false);
          expect(verifyChecksum(key, (usage + 1) % 2 ** 32, data, checksum)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is node:crypto's truncated HMAC under Kc either side of the JS/node switch", () => {
    fc.assert(
      fc.property(
        keyArbitrary,
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 400, max: 700 })),
        (key, usage, length) => {
          const profile = enctypeProfile(key.enctype);
          const data = Uint8Array.from({ length }, (_, index) => (index * 3 + usage) & 0xff);
          const kc = deriveUsageKey(profile, key.contents(), usage, 'Kc');
          const expected = createHmac(profile.hash, kc).update(data).digest();

          expect(hex(makeChecksum(key, usage, data))).toBe(
            hex(expected.subarray(0, profile.checksumLength)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has the length of the checksum type: 12, 12, 16 and 24 octets', () => {
    const lengths = ENCTYPES.map(
      (enctype) =>
        makeChecksum(new KeyBlock(enctype, new Uint8Array(enctype % 2 ? 16 : 32)), 1, ascii('x'))
          .length,
    );

    expect(lengths).toEqual([12, 12, 16, 24]);
  });

  it('refuses a checksum of another length with KRB5_BAD_MSIZE, as MIT does', () => {
    const key = new KeyBlock(18, new Uint8Array(32));
    const checksum = makeChecksum(key, 1, ascii('x'));

    for (const wrong of [checksum.subarray(0, 11), Uint8Array.of(...checksum, 0)]) {
      const error = catchError(() => verifyChecksum(key, 1, ascii('x'), wrong));
      expect(error).toBeInstanceOf(KrbCryptoError);
      expect(error).toMatchObject({ codeName: 'KRB5_BAD_MSIZE', code: 2529639102 });
    }
  });

  it('refuses an unknown checksum type, and one for another cipher, with KRB5_BAD_ENCTYPE', () => {
    const aes128 = new KeyBlock(17, new Uint8Array(16));

    for (const cksumtype of [7, CksumType.HMAC_SHA1_96_AES256, CksumType.HMAC_SHA384_192_AES256]) {
      expect(catchError(() => makeChecksum(aes128, 1, ascii('x'), cksumtype))).toMatchObject({
        codeName: 'KRB5_BAD_ENCTYPE',
        code: 2529639100,
      });
    }
  });

  it('takes a checksum type of another enctype with the same cipher, as MIT does', () => {
    const sha2Key = new KeyBlock(19, bytes('3705d96080c17728a0e800eab6e0d23c'));
    const sha1Key = new KeyBlock(17, bytes('3705d96080c17728a0e800eab6e0d23c'));

    expect(makeChecksum(sha2Key, 5, ascii('x'), CksumType.HMAC_SHA1_96_AES128)).toEqual(
      makeChecksum(sha1Key, 5, ascii('x')),
    );
  });

  it("uses the key's mandatory checksum type for type 0, as MIT does", () => {
    const key = new KeyBlock(20, new Uint8Array(32).fill(5));

    expect(makeChecksum(key, 9, ascii('x'), 0)).toEqual(makeChecksum(key, 9, ascii('x'), 20));
  });

  it('names the checksum types as MIT does', () => {
    expect([15, 16, 19, 20].map((type) => checksumProfile(type).name)).toEqual([
      'hmac-sha1-96-aes128',
      'hmac-sha1-96-aes256',
      'hmac-sha256-128-aes128',
      'hmac-sha384-192-aes256',
    ]);
  });
});

/** A copy of `octets` with one bit flipped, `bit` taken modulo the length in bits. */
function flip(octets: Uint8Array, bit: number): Uint8Array {
  const flipped = octets.slice();
  const at = bit % (octets.length * 8);
  flipped[at >> 3] = (flipped[at >> 3] ?? 0) ^ (0x80 >> (at & 7));
  return flipped;
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
