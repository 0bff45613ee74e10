import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aesCtsDecrypt, aesCtsEncrypt } from '../../../../src/sim/crypto/aes-cts.js';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';

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
        // Up to 1100 octets: both decryption paths, either side of the 512-octet switch.
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

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
