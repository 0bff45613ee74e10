import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AES_CTS_JS_DECRYPT_LIMIT,
  AES_CTS_JS_ENCRYPT_LIMIT,
  aesCtsDecrypt,
  aesCtsDecryptInto,
  aesCtsEncrypt,
  aesCtsEncryptInto,
} from '../../../../src/sim/crypto/aes-cts.js';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';
import { opensslCtsDecrypt, opensslCtsEncrypt } from './openssl-reference.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');

// RFC 3962 Appendix B: AES-128 key "chicken teriyaki", IV all zeros.
const KEY = bytes('636869636b656e207465726979616b69');
const IV = new Uint8Array(16);
const RFC_3962_B: readonly [string, string, string][] = [
  // [input, output, next IV]
  [
    '4920776f756c64206c696b652074686520',
    'c6353568f2bf8cb4d8a580362da7ff7f97',
    'c6353568f2bf8cb4d8a580362da7ff7f',
  ],
  [
    '4920776f756c64206c696b65207468652047656e6572616c20476175277320',
    'fc00783e0efdb2c1d445d4c8eff7ed22 97687268d6ecccc0c07b25e25ecfe5',
    'fc00783e0efdb2c1d445d4c8eff7ed22',
  ],
  [
    '4920776f756c64206c696b65207468652047656e6572616c2047617527732043',
    '39312523a78662d5be7fcbcc98ebf5a8 97687268d6ecccc0c07b25e25ecfe584',
    '39312523a78662d5be7fcbcc98ebf5a8',
  ],
  [
    '4920776f756c64206c696b65207468652047656e6572616c20476175277320436869636b656e2c20706c656173652c',
    '97687268d6ecccc0c07b25e25ecfe584 b3fffd940c16a18c1b5549d2f838029e 39312523a78662d5be7fcbcc98ebf5',
    'b3fffd940c16a18c1b5549d2f838029e',
  ],
  [
    '4920776f756c64206c696b65207468652047656e6572616c20476175277320436869636b656e2c20706c656173652c20',
    '97687268d6ecccc0c07b25e25ecfe584 9dad8bbb96c4cdc03bc103e1a194bbd8 39312523a78662d5be7fcbcc98ebf5a8',
    '9dad8bbb96c4cdc03bc103e1a194bbd8',
  ],
  [
    '4920776f756c64206c696b65207468652047656e6572616c20476175277320436869636b656e2c20706c656173652c20616e6420776f6e746f6e20736f75702e',
    '97687268d6ecccc0c07b25e25ecfe584 39312523a78662d5be7fcbcc98ebf5a8 ' +
      '4807efe836ee89a526730dbc2f7bc840 9dad8bbb96c4cdc03bc103e1a194bbd8',
    '4807efe836ee89a526730dbc2f7bc840',
  ],
];

describe('AES-CTS (RFC 3962 §5)', () => {
  it.each(RFC_3962_B)(
    'encrypts the RFC 3962 B input %s to its output and next IV',
    (input, output, nextIv) => {
      const result = aesCtsEncrypt(KEY, IV, bytes(input));

      expect(hex(result.output)).toBe(hex(bytes(output)));
      expect(hex(result.nextIv)).toBe(nextIv);
    },
  );

  it.each(RFC_3962_B)(
    'decrypts the RFC 3962 B output back to %s, with the same next IV',
    (input, output, nextIv) => {
      const result = aesCtsDecrypt(KEY, IV, bytes(output));

      expect(hex(result.output)).toBe(input);
      expect(hex(result.nextIv)).toBe(nextIv);
    },
  );

  it('decrypts what it encrypted, for any AES-128/256 key, IV and input of a block or more', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(16, 32)
          .chain((length) => fc.uint8Array({ minLength: length, maxLength: length })),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        // Up to 1100 octets: both paths, either side of the switches to OpenSSL.
        fc.oneof(
          fc.uint8Array({ minLength: 16, maxLength: 200 }),
          fc.uint8Array({ minLength: 500, maxLength: 1100 }),
        ),
        (key, iv, input) => {
          const encrypted = aesCtsEncrypt(key, iv, input);
          const decrypted = aesCtsDecrypt(key, iv, encrypted.output);

          expect(encrypted.output).toHaveLength(input.length);
          expect(decrypted.output).toEqual(input);
          expect(decrypted.nextIv).toEqual(encrypted.nextIv);
        },
      ),
    );
  });

  it('encrypts and decrypts as OpenSSL CBC with the RFC 3962 swap does, across its switch', () => {
    const limit = Math.max(AES_CTS_JS_ENCRYPT_LIMIT, AES_CTS_JS_DECRYPT_LIMIT);
    fc.assert(
      fc.property(
        aesKeyOctets,
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 16, max: limit + 100 }),
        fc.nat(),
        (key, iv, length, seed) => {
          const input = Uint8Array.from({ length }, (_, index) => (index * 31 + seed) & 0xff);
          const encrypted = aesCtsEncrypt(key, iv, input);
          const decrypted = aesCtsDecrypt(key, iv, input);
          const expected = opensslCtsEncrypt(key, iv, input);
          const expectedPlain = opensslCtsDecrypt(key, iv, input);

          expect(hex(encrypted.output)).toBe(hex(expected.output));
          expect(hex(encrypted.nextIv)).toBe(hex(expected.nextIv));
          expect(hex(decrypted.output)).toBe(hex(expectedPlain.output));
          expect(hex(decrypted.nextIv)).toBe(hex(expectedPlain.nextIv));
          expect(hex(aesCtsDecrypt(key, iv, encrypted.output).output)).toBe(hex(input));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('gives the same bytes at every length from 16 to 100 octets past the switches', () => {
    const key = bytes('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    const iv = bytes('000102030405060708090a0b0c0d0e0f');
    const limit = Math.max(AES_CTS_JS_ENCRYPT_LIMIT, AES_CTS_JS_DECRYPT_LIMIT);
    for (let length = 16; length <= limit + 100; length++) {
      const input = Uint8Array.from({ length }, (_, index) => (index * 7) & 0xff);

      expect(hex(aesCtsEncrypt(key, iv, input).output)).toBe(
        hex(opensslCtsEncrypt(key, iv, input).output),
      );
      expect(hex(aesCtsDecrypt(key, iv, input).output)).toBe(
        hex(opensslCtsDecrypt(key, iv, input).output),
      );
    }
  });

  it('works in place, at offsets and with a first block apart as into new arrays', () => {
    fc.assert(
      fc.property(
        aesKeyOctets,
        fc.oneof(
          fc.uint8Array({ minLength: 16, maxLength: 200 }),
          fc.uint8Array({ minLength: 380, maxLength: 700 }),
        ),
        fc.integer({ min: 0, max: 40 }),
        (key, input, offset) => {
          const { output, nextIv } = aesCtsEncrypt(key, IV, input);

          const inPlace = input.slice();
          aesCtsEncryptInto(key, IV, inPlace, inPlace, 0);
          expect(hex(inPlace)).toBe(hex(output));
          aesCtsDecryptInto(key, IV, inPlace, inPlace, 0);
          expect(hex(inPlace)).toBe(hex(input));

          const around = new Uint8Array(offset + input.length + 5).fill(0xa5);
          const chained = new Uint8Array(16);
          aesCtsEncryptInto(key, IV, input, around, offset, chained);
          expect(hex(around.subarray(offset, offset + input.length))).toBe(hex(output));
          expect(hex(chained)).toBe(hex(nextIv));
          expect(around.subarray(0, offset).every((octet) => octet === 0xa5)).toBe(true);
          expect(around.subarray(offset + input.length).every((octet) => octet === 0xa5)).toBe(
            true,
          );

          const head = new Uint8Array(16);
          const rest = new Uint8Array(offset + input.length - 16);
          aesCtsDecryptInto(key, IV, output, rest, offset, head, chained);
          expect(hex(head) + hex(rest.subarray(offset))).toBe(hex(input));
          expect(hex(chained)).toBe(hex(nextIv));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the OpenSSL bytes for long inputs, whose CBC goes to OpenSSL in chunks', () => {
    const key = bytes('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    for (const length of [
      65_536 - 1,
      65_536 + 16,
      65_536 + 17,
      65_536 + 33,
      131_072 + 31,
      200_003,
    ]) {
      const input = Uint8Array.from({ length }, (_, index) => (index * 11) & 0xff);
      const expected = opensslCtsEncrypt(key, IV, input);
      const encrypted = aesCtsEncrypt(key, IV, input);

      expect(hex(encrypted.output)).toBe(hex(expected.output));
      expect(hex(encrypted.nextIv)).toBe(hex(expected.nextIv));
      expect(hex(aesCtsDecrypt(key, IV, input).output)).toBe(
        hex(opensslCtsDecrypt(key, IV, input).output),
      );

      const inPlace = input.slice();
      aesCtsEncryptInto(key, IV, inPlace, inPlace, 0);
      expect(hex(inPlace)).toBe(hex(expected.output));
      aesCtsDecryptInto(key, IV, inPlace, inPlace, 0);
      expect(hex(inPlace)).toBe(hex(input));

      const head = new Uint8Array(16);
      const rest = new Uint8Array(length - 16);
      aesCtsDecryptInto(key, IV, expected.output, rest, 0, head);
      expect(hex(head) + hex(rest)).toBe(hex(input));
    }
  });

  it('returns arrays of its own, not views of a larger buffer', () => {
    for (const length of [16, 40, 1000]) {
      for (const crypt of [aesCtsEncrypt, aesCtsDecrypt]) {
        const { output, nextIv } = crypt(KEY, IV, new Uint8Array(length));

        expect(output.buffer.byteLength).toBe(length);
        expect(nextIv.buffer.byteLength).toBe(16);
      }
    }
  });

  it('refuses an input shorter than one block with KRB5_BAD_MSIZE, as MIT does', () => {
    for (const crypt of [aesCtsEncrypt, aesCtsDecrypt]) {
      const error = catchError(() => crypt(KEY, IV, new Uint8Array(15)));

      expect(error).toBeInstanceOf(KrbCryptoError);
      expect(error).toMatchObject({ codeName: 'KRB5_BAD_MSIZE', code: 2529639102 });
    }
  });

  it('refuses keys and IVs of the wrong size as a caller mistake', () => {
    expect(() => aesCtsEncrypt(new Uint8Array(24), IV, new Uint8Array(16))).toThrow(RangeError);
    expect(() => aesCtsDecrypt(KEY, new Uint8Array(8), new Uint8Array(16))).toThrow(RangeError);
  });
});

const aesKeyOctets = fc
  .constantFrom(16, 32)
  .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }));

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
