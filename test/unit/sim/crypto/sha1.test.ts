import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HMAC_SHA1_JS_LIMIT,
  HmacSha1Key,
  hmacSha1,
  hmacSha1Into,
  hmacSha1Key,
  sha1,
} from '../../../../src/sim/crypto/sha1.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);
const filled = (length: number, octet: number) => new Uint8Array(length).fill(octet);

// FIPS 180 / RFC 3174 §7.3 test vectors: [name, message, digest].
const SHA1_VECTORS: readonly [string, Uint8Array, string][] = [
  ['the empty message', new Uint8Array(0), 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ['"abc"', ascii('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  [
    'the 448-bit message',
    ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
  ],
  ['"01234567" 80 times', ascii('01234567'.repeat(80)), 'dea356a2cddd90c7a7ecedc5ebb563934f460452'],
];

// RFC 2202 §3 test cases for HMAC-SHA1: [case, key, data, digest].
const RFC_2202: readonly [number, Uint8Array, Uint8Array, string][] = [
  [1, filled(20, 0x0b), ascii('Hi There'), 'b617318655057264e28bc0b6fb378c8ef146be00'],
  [
    2,
    ascii('Jefe'),
    ascii('what do ya want for nothing?'),
    'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  ],
  [3, filled(20, 0xaa), filled(50, 0xdd), '125d7342b9ac11cd91a39af48aa17b4f63f175d3'],
  [
    4,
    bytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    filled(50, 0xcd),
    '4c9007f4026250c6bc8414f9bf50c86c2d7235da',
  ],
  [5, filled(20, 0x0c), ascii('Test With Truncation'), '4c1a03424b55e07fe7f27be1d58bb9324a9a5a04'],
  [
    6,
    filled(80, 0xaa),
    ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    'aa4ae5e15272d00e95705637ce8a3b55ed402112',
  ],
  [
    7,
    filled(80, 0xaa),
    ascii('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data'),
    'e8e99d0f45237d786d6bbaa7965c7808bbff1a91',
  ],
];

/** A message cut into parts at the given points (any order, any number, empty parts too). */
function split(message: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = cuts.map((cut) => cut % (message.length + 1)).sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    parts.push(message.subarray(from, point));
    from = point;
  }
  parts.push(message.subarray(from));
  return parts;
}

const message = (maxLength: number) =>
  fc.tuple(fc.uint8Array({ maxLength }), fc.array(fc.nat(), { maxLength: 6 }));

describe('SHA-1 (FIPS 180-4)', () => {
  it.each(SHA1_VECTORS)('hashes %s to the FIPS 180 / RFC 3174 digest', (_, input, digest) => {
    expect(hex(sha1([input]))).toBe(digest);
  });

  it('hashes a million "a" to the FIPS 180 digest, given in 1000-octet parts', () => {
    const part = filled(1000, 0x61);

    expect(hex(sha1(Array.from({ length: 1000 }, () => part)))).toBe(
      '34aa973cd4c4daa4f61eeb2bdbad27316534016f',
    );
  });

  it('hashes any message, in any parts, as node:crypto does', () => {
    fc.assert(
      fc.property(message(300), ([input, cuts]) => {
        expect(hex(sha1(split(input, cuts)))).toBe(createHash('sha1').update(input).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('HMAC-SHA1 (RFC 2104)', () => {
  it.each(RFC_2202)('RFC 2202 test case %i', (_, key, data, digest) => {
    expect(hex(new HmacSha1Key(key).mac([data]))).toBe(digest);
    expect(hex(hmacSha1(key, [data]))).toBe(digest);
  });

  it('writes a truncated MAC at an offset, as RFC 2202 test case 5 gives HMAC-SHA1-96', () => {
    const output = filled(20, 0xee);
    hmacSha1Into(filled(20, 0x0c), [ascii('Test With Truncation')], output, 3, 12);

    expect(hex(output)).toBe('eeeeee4c1a03424b55e07fe7f27be1eeeeeeeeee');
  });

  it('MACs any key of 0..200 octets and message of 0..300 octets, in parts, as node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), message(300), (key, [input, cuts]) => {
        const expected = createHmac('sha1', key).update(input).digest('hex');

        expect(hex(new HmacSha1Key(key).mac(split(input, cuts)))).toBe(expected);
        expect(hex(hmacSha1(key, split(input, cuts)))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same MACs on either side of the switch to node:crypto for long messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.integer({ min: HMAC_SHA1_JS_LIMIT - 64, max: HMAC_SHA1_JS_LIMIT + 200 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.integer({ min: 0, max: 20 }),
        (key, length, cuts, truncated) => {
          const input = Uint8Array.from({ length }, (_, index) => (index * 7 + key.length) & 0xff);
          const expected = createHmac('sha1', key).update(input).digest();
          const output = new Uint8Array(truncated);
          hmacSha1Into(key, split(input, cuts), output, 0, truncated);

          expect(hex(output)).toBe(hex(expected.subarray(0, truncated)));
          expect(hex(new HmacSha1Key(key).mac(split(input, cuts)))).toBe(hex(expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('caches the key states per array, and computes them again when its octets changed', () => {
    const key = filled(20, 0x0b);
    const first = hmacSha1Key(key);

    expect(hmacSha1Key(key)).toBe(first);
    key[0] = 0x0c;
    const changed = hmacSha1Key(key);

    expect(changed).not.toBe(first);
    expect(hex(hmacSha1(key, [ascii('Hi There')]))).toBe(
      createHmac('sha1', key).update('Hi There').digest('hex'),
    );
  });

  it('refuses a MAC length or offset that does not fit as a caller mistake', () => {
    const key = filled(16, 1);
    for (const [length, offset, size] of [
      [21, 0, 32],
      [-1, 0, 32],
      [12, 21, 32],
      [12, -1, 32],
      [20, 0, 19],
    ] as const) {
      const output = new Uint8Array(size);
      expect(() => hmacSha1Into(key, [], output, offset, length)).toThrow(RangeError);
      expect(() => hmacSha1Into(key, [new Uint8Array(1000)], output, offset, length)).toThrow(
        RangeError,
      );
    }
  });

  it('shows nothing of the key in inspect, toString and JSON', () => {
    const state = hmacSha1Key(ascii('Jefe'));

    expect(inspect(state)).toBe('HmacSha1Key');
    expect(String(state)).toBe('HmacSha1Key');
    expect(JSON.stringify(state)).toBe('{}');
  });
});
