import { createCipheriv, createDecipheriv } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AesKey, aesKey, loadState, storeState } from '../../../../src/sim/crypto/aes-block.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');

const APPENDIX_C_PLAINTEXT = '00112233445566778899aabbccddeeff';

// FIPS-197 Appendix C (example vectors) and Appendix B (cipher example):
// [name, key, plaintext, ciphertext].
const FIPS_197: readonly [string, string, string, string][] = [
  [
    'C.1 AES-128',
    '000102030405060708090a0b0c0d0e0f',
    APPENDIX_C_PLAINTEXT,
    '69c4e0d86a7b0430d8cdb78070b4c55a',
  ],
  [
    'C.2 AES-192',
    '000102030405060708090a0b0c0d0e0f1011121314151617',
    APPENDIX_C_PLAINTEXT,
    'dda97ca4864cdfe06eaf70a0ec0d7191',
  ],
  [
    'C.3 AES-256',
    '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
    APPENDIX_C_PLAINTEXT,
    '8ea2b7ca516745bfeafc49904b496089',
  ],
  [
    'B AES-128',
    '2b7e151628aed2a6abf7158809cf4f3c',
    '3243f6a8885a308d313198a2e0370734',
    '3925841d02dc09fbdc118597196a0b32',
  ],
];

const keyOctets = fc
  .constantFrom(16, 24, 32)
  .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }));
const block = fc.uint8Array({ minLength: 16, maxLength: 16 });

function ecb(direction: 'encrypt' | 'decrypt', key: Uint8Array, input: Uint8Array): Uint8Array {
  const algorithm = `aes-${key.length * 8}-ecb`;
  const cipher =
    direction === 'encrypt'
      ? createCipheriv(algorithm, key, null)
      : createDecipheriv(algorithm, key, null);
  return Uint8Array.from(cipher.setAutoPadding(false).update(input));
}

describe('AES block cipher (FIPS-197)', () => {
  it.each(FIPS_197)('FIPS-197 %s encrypts its plaintext to the FIPS ciphertext', (_, key, p, c) => {
    const output = new Uint8Array(16);
    new AesKey(bytes(key)).encryptBlock(bytes(p), 0, output, 0);

    expect(hex(output)).toBe(c);
  });

  it.each(FIPS_197)('FIPS-197 %s decrypts the FIPS ciphertext to its plaintext', (_, key, p, c) => {
    const output = new Uint8Array(16);
    new AesKey(bytes(key)).decryptBlock(bytes(c), 0, output, 0);

    expect(hex(output)).toBe(p);
  });

  it('encrypts and decrypts as OpenSSL AES-ECB does, for any 128/192/256-bit key and block', () => {
    fc.assert(
      fc.property(keyOctets, block, (key, input) => {
        const schedule = new AesKey(key);
        const encrypted = new Uint8Array(16);
        const decrypted = new Uint8Array(16);
        schedule.encryptBlock(input, 0, encrypted, 0);
        schedule.decryptBlock(input, 0, decrypted, 0);

        expect(hex(encrypted)).toBe(hex(ecb('encrypt', key, input)));
        expect(hex(decrypted)).toBe(hex(ecb('decrypt', key, input)));
      }),
      { numRuns: 500 },
    );
  });

  it('works on blocks at any offset, in place too, leaving the octets around them alone', () => {
    fc.assert(
      fc.property(
        keyOctets,
        fc.uint8Array({ minLength: 16, maxLength: 64 }),
        fc.nat(),
        (key, octets, seed) => {
          const at = seed % (octets.length - 15);
          const schedule = aesKey(key);
          const expected = ecb('encrypt', key, octets.subarray(at, at + 16));
          const inPlace = octets.slice();
          schedule.encryptBlock(inPlace, at, inPlace, at);

          expect(hex(inPlace.subarray(at, at + 16))).toBe(hex(expected));
          expect(hex(inPlace.subarray(0, at))).toBe(hex(octets.subarray(0, at)));
          expect(hex(inPlace.subarray(at + 16))).toBe(hex(octets.subarray(at + 16)));
          schedule.decryptBlock(inPlace, at, inPlace, at);
          expect(hex(inPlace)).toBe(hex(octets));
        },
      ),
    );
  });

  it('encrypts and decrypts four-word states as the blocks they load from and store to', () => {
    fc.assert(
      fc.property(keyOctets, block, (key, input) => {
        const schedule = aesKey(key);
        const state = loadState(input, 0, new Int32Array(4));
        schedule.encryptState(state);
        const output = new Uint8Array(16);
        storeState(state, output, 0);

        expect(hex(output)).toBe(hex(ecb('encrypt', key, input)));
        schedule.decryptState(state);
        storeState(state, output, 0);
        expect(hex(output)).toBe(hex(input));
      }),
    );
  });

  it('caches the schedule per key array, and expands again when its octets changed', () => {
    const key = new Uint8Array(16).fill(1);
    const first = aesKey(key);

    expect(aesKey(key)).toBe(first);
    expect(aesKey(Uint8Array.from(key))).not.toBe(first);

    key[15] = 2;
    const changed = aesKey(key);
    const output = new Uint8Array(16);
    changed.encryptBlock(new Uint8Array(16), 0, output, 0);

    expect(changed).not.toBe(first);
    expect(hex(output)).toBe(hex(ecb('encrypt', key, new Uint8Array(16))));
  });

  it('refuses keys of other lengths and blocks that do not fit as caller mistakes', () => {
    for (const length of [0, 8, 15, 17, 31, 33, 64]) {
      expect(() => new AesKey(new Uint8Array(length))).toThrow(RangeError);
      expect(() => aesKey(new Uint8Array(length))).toThrow(RangeError);
    }
    const schedule = new AesKey(new Uint8Array(16));
    const octets = new Uint8Array(32);
    for (const [from, to] of [
      [17, 0],
      [0, 17],
      [-1, 0],
      [0, 0.5],
    ] as const) {
      expect(() => schedule.encryptBlock(octets, from, octets, to)).toThrow(RangeError);
      expect(() => schedule.decryptBlock(octets, from, octets, to)).toThrow(RangeError);
    }
  });

  it('shows the key size only in inspect, toString and JSON, never the key', () => {
    const key = bytes('2b7e151628aed2a6abf7158809cf4f3c');
    const schedule = aesKey(key);
    const shown = [inspect(schedule), String(schedule), JSON.stringify(schedule)].join(' ');

    expect(inspect(schedule)).toBe('AesKey(128 bits)');
    expect(JSON.stringify(schedule)).toBe('{"bits":128}');
    expect(shown).not.toContain('2b7e1516');
    expect(shown).not.toContain('43, 126, 21');
  });
});
