import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/sim/random.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('createRandom with a seed', () => {
  it('gives the same stream for the same seed, as a property', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), fc.nat(300), (seed, length) => {
        expect(hex(createRandom(seed).bytes(length))).toBe(hex(createRandom(seed).bytes(length)));
      }),
    );
  });

  it('gives different streams for different seeds, as a property', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(hex(createRandom(a).bytes(16))).not.toBe(hex(createRandom(b).bytes(16)));
      }),
    );
  });

  it('tells the number 1 from the string "1"', () => {
    expect(hex(createRandom(1).bytes(16))).not.toBe(hex(createRandom('1').bytes(16)));
  });

  it('gives the same bytes however the reads are split', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(700), { maxLength: 8 }), (lengths) => {
        const total = lengths.reduce((sum, length) => sum + length, 0);
        const split = createRandom('split');
        const pieces = lengths.map((length) => hex(split.bytes(length))).join('');

        expect(pieces).toBe(hex(createRandom('split').bytes(total)));
      }),
    );
  });

  it('is the ChaCha20 keystream under SHA-256 of the tagged seed', async () => {
    const { createCipheriv, createHash } = await import('node:crypto');
    const key = createHash('sha256').update('gssapi-sim random seed v1\0string:realm').digest();
    const keystream = createCipheriv('chacha20', key, Buffer.alloc(16)).update(Buffer.alloc(64));

    expect(hex(createRandom('realm').bytes(64))).toBe(keystream.toString('hex'));
  });

  it('reads uint32 as the next four bytes, big-endian', () => {
    const bytes = createRandom(7).bytes(8);
    const words = createRandom(7);

    expect(words.uint32()).toBe(Buffer.from(bytes).readUInt32BE(0));
    expect(words.uint32()).toBe(Buffer.from(bytes).readUInt32BE(4));
  });

  it('keeps a fork independent of the reads made on its parent and siblings', () => {
    const quiet = createRandom(42);
    const busy = createRandom(42);
    busy.bytes(1000);
    busy.fork('acceptor').bytes(77);

    expect(hex(busy.fork('initiator').bytes(32))).toBe(hex(quiet.fork('initiator').bytes(32)));
    expect(hex(quiet.fork('initiator').bytes(32))).not.toBe(hex(quiet.fork('acceptor').bytes(32)));
    expect(hex(quiet.fork('initiator').bytes(32))).not.toBe(hex(createRandom(42).bytes(32)));
    expect(hex(quiet.fork('a').fork('b').bytes(32))).not.toBe(hex(quiet.fork('b').bytes(32)));
  });

  it('spreads 1 MiB evenly over the 256 byte values (chi-square, 255 degrees of freedom)', () => {
    const bytes = createRandom('histogram').bytes(1 << 20);
    const counts = new Array<number>(256).fill(0);
    for (const byte of bytes) counts[byte] = (counts[byte] ?? 0) + 1;
    const expected = bytes.length / 256;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);

    // The 0.1% and 99.9% quantiles of chi-square with 255 degrees of freedom.
    expect(chiSquare).toBeGreaterThan(190.9);
    expect(chiSquare).toBeLessThan(330.5);
  });

  it('does not show its key when inspected', () => {
    const random = createRandom('secret seed');

    expect(inspect(random, { showHidden: true })).not.toMatch(/[0-9a-f]{16}|secret/);
  });

  it('refuses a seed that is not a finite number and a length that is not a count', () => {
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
    expect(() => createRandom(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => createRandom(1).bytes(-1)).toThrow(RangeError);
    expect(() => createRandom(1).bytes(1.5)).toThrow(RangeError);
  });
});

describe('createRandom without a seed', () => {
  it('says it is not seeded, and gives fresh bytes each time', () => {
    const random = createRandom();

    expect(random.seeded).toBe(false);
    expect(random.bytes(32)).toHaveLength(32);
    expect(hex(random.bytes(32))).not.toBe(hex(random.bytes(32)));
    expect(hex(random.fork('x').bytes(32))).not.toBe(hex(random.fork('x').bytes(32)));
    expect(random.uint32()).toBeLessThan(2 ** 32);
    expect(() => random.bytes(-1)).toThrow(RangeError);
  });
});
