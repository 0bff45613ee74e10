import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aesCtsDecrypt } from '../../../../src/sim/crypto/aes-cts.js';
import { encryptLength } from '../../../../src/sim/crypto/crypto-length.js';
import { decrypt, encrypt } from '../../../../src/sim/crypto/encryption.js';
import { type Enctype, enctypeProfile } from '../../../../src/sim/crypto/enctype.js';
import { KeyBlock } from '../../../../src/sim/crypto/key-block.js';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';
import { deriveUsageKey } from '../../../../src/sim/crypto/usage-keys.js';
import { opensslEncrypt } from './openssl-reference.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);

const SHA256_BASE = '3705d96080c17728a0e800eab6e0d23c';
const SHA384_BASE = '6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52';
const UP_TO_20 = '000102030405060708090a0b0c0d0e0f1011121314';

// RFC 8009 Appendix A, "Sample encryptions", key usage 2:
// [enctype, base key, plaintext, confounder, ciphertext].
const RFC_8009_A: readonly [Enctype, string, string, string, string][] = [
  [
    19,
    SHA256_BASE,
    '',
    '7e5895eaf2672435bad817f545a37148',
    'ef85fb890bb8472f4dab20394dca781d ad877eda39d50c870c0d5a0a8e48c718',
  ],
  [
    19,
    SHA256_BASE,
    UP_TO_20.slice(0, 12),
    '7bca285e2fd4130fb55b1a5c83bc5b24',
    '84d7f30754ed987bab0bf3506beb09cf b55402cef7e6877ce99e247e52d16ed4 421dfdf8976c',
  ],
  [
    19,
    SHA256_BASE,
    UP_TO_20.slice(0, 32),
    '56ab21713ff62c0a1457200f6fa9948f',
    '3517d640f50ddc8ad3628722b3569d2a e07493fa8263254080ea65c1008e8fc2 ' +
      '95fb4852e7d83e1e7c48c37eebe6b0d3',
  ],
  [
    19,
    SHA256_BASE,
    UP_TO_20,
    'a7a4e29a4728ce10664fb64e49ad3fac',
    '720f73b18d9859cd6ccb4346115cd336 c70f58edc0c4437c5573544c31c813bc ' +
      'e1e6d072c186b39a413c2f92ca9b8334 a287ffcbfc',
  ],
  [
    20,
    SHA384_BASE,
    '',
    'f764e9fa15c276478b2c7d0c4e5f58e4',
    '41f53fa5bfe7026d91faf9be959195a0 58707273a96a40f0a01960621ac61274 8b9bbfbe7eb4ce3c',
  ],
  [
    20,
    SHA384_BASE,
    UP_TO_20.slice(0, 12),
    'b80d3251c1f6471494256ffe712d0b9a',
    '4ed7b37c2bcac8f74f23c1cf07e62bc7 b75fb3f637b9f559c7f664f69eab7b60 92237526ea0d1f61cb20d69d10f2',
  ],
  [
    20,
    SHA384_BASE,
    UP_TO_20.slice(0, 32),
    '53bf8a0d105265d4e276428624ce5e63',
    'bc47ffec7998eb91e8115cf8d19dac4b bbe2e163e87dd37f49beca92027764f6 ' +
      '8cf51f14d798c2273f35df574d1f932e 40c4ff255b36a266',
  ],
  [
    20,
    SHA384_BASE,
    UP_TO_20,
    '763e65367e864f02f55153c7e3b58af1',
    '40013e2df58e8751957d2878bcd2d6fe 101ccfd556cb1eae79db3c3ee86429f2 ' +
      'b2a602ac86fef6ecb647d6295fae077a 1feb517508d2c16b4192e01f62',
  ],
];

// MIT's t_decrypt.c known ciphertexts for the RFC 3962 enctypes:
// [enctype, plaintext, usage, key, ciphertext].
const MIT_T_DECRYPT: readonly [Enctype, string, number, string, string][] = [
  [
    17,
    '',
    0,
    '5a5c0f0ba54f3828b2195e66ca24a289',
    '49ff8e11c173d9583a3254fbe7b1f1df36c538e8416784a1672e6676',
  ],
  [
    17,
    '1',
    1,
    '98450e3f3baa13f5c99beb936981b06f',
    'f86742f537b35dc2174a4dbaa920faf9042090b065e1ebb1cad9a65394',
  ],
  [
    17,
    '9 bytesss',
    2,
    '9062430c8cda3388922e6d6a509f5b7a',
    '68fb9679601f45c78857b2bf820fd6e53eca8d42fd4b1d7024a09205abb7cd2ec26c355d2f',
  ],
  [
    17,
    '13 bytes byte',
    3,
    '033ee6502c54fd23e27791e987983827',
    'ec366d0327a933bf49330e650e49bc6b974637fe80bf532fe51795b4809718e6194724db948d1fd637',
  ],
  [
    17,
    '30 bytes bytes bytes bytes byt',
    4,
    'dceeb70b3de76562e689226c76429148',
    'c96081032d5d8eeb7e32b4089f789d0faa481dea74c0f97cbf3146ddfcf8e800156ecb532fc203e30ff600b63b350939fece510f02d7ff1e7bac',
  ],
  [
    18,
    '',
    0,
    '17f275f2954f2ed1f90c377ba7f4d6a369aa0136e0bf0c927ad6133c693759a9',
    'e5094c55ee7b38262e2b044280b069379a95bf95bd8376fb3281b435',
  ],
  [
    18,
    '1',
    1,
    'b9477e1ff0329c0050e20ce6c72d2dff27e8fe541ab0954429a9cb5b4f7b1e2a',
    '406150b97aeb76d43b36b62cc1ecdfbe6f40e95755e0beb5c27825f3a4',
  ],
  [
    18,
    '9 bytesss',
    2,
    'b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7',
    '09957aa25fcaf88f7b39e4406e633012d5fea21853f6478da7065caef41fd454a40824eec5',
  ],
  [
    18,
    '13 bytes byte',
    3,
    'e5a72be9b7926c1225bafef9c1872e7ba4cdb2b17893d84abd90acdd8764d966',
    'd8f1aafeec84587cc3e700a774e56651a6d693e174ec4473b5e6d96f80297a653fb818ad893e719f96',
  ],
  [
    18,
    '30 bytes bytes bytes bytes byt',
    4,
    'f1c795e9248a09338d82c3f8d5b567040b0110736845041347235b1404231398',
    'd1137a4d634cfece924dbc3bf6790648bd5cff7de0e7b99460211d0daef3d79a295c688858f3b34b9cbd6eebae81daf6b734d4d498b6714f1c1d',
  ],
];

const ENCTYPES: readonly Enctype[] = [17, 18, 19, 20];

const keyOf = (enctype: Enctype, seed: Uint8Array) =>
  new KeyBlock(enctype, seed.subarray(0, enctypeProfile(enctype).keyLength));

const keyAndEnctype = fc
  .constantFrom(...ENCTYPES)
  .chain((enctype) =>
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((seed) => keyOf(enctype, seed)),
  );
const usage = fc.integer({ min: 0, max: 0xffff_ffff });
const confounder = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('encryption with confounder and integrity (RFC 3961 §5.3, RFC 3962, RFC 8009 §5)', () => {
  it.each(RFC_8009_A)(
    'RFC 8009 A: enctype %i encrypts plaintext "%s" with its confounder to the RFC ciphertext',
    (enctype, base, plaintext, conf, ciphertext) => {
      const key = new KeyBlock(enctype, bytes(base));

      expect(hex(encrypt(key, 2, bytes(plaintext), bytes(conf)))).toBe(hex(bytes(ciphertext)));
      expect(hex(decrypt(key, 2, bytes(ciphertext)))).toBe(plaintext);
    },
  );

  it.each(MIT_T_DECRYPT)(
    "MIT t_decrypt.c: enctype %i decrypts to %j, and its confounder re-encrypts to MIT's bytes",
    (enctype, plaintext, keyUsage, keyHex, ciphertext) => {
      const key = new KeyBlock(enctype, bytes(keyHex));
      const ke = deriveUsageKey(enctypeProfile(enctype), key.contents(), keyUsage, 'Ke');
      const encrypted = bytes(ciphertext).subarray(0, -12);
      const conf = aesCtsDecrypt(ke, new Uint8Array(16), encrypted).output.subarray(0, 16);

      expect(hex(decrypt(key, keyUsage, bytes(ciphertext)))).toBe(hex(ascii(plaintext)));
      expect(hex(encrypt(key, keyUsage, ascii(plaintext), conf))).toBe(ciphertext);
    },
  );

  it('decrypts what it encrypted, for every enctype, key, usage and plaintext length', () => {
    fc.assert(
      fc.property(
        keyAndEnctype,
        usage,
        fc.uint8Array({ maxLength: 300 }),
        confounder,
        (key, keyUsage, plaintext, conf) => {
          const ciphertext = encrypt(key, keyUsage, plaintext, conf);

          expect(ciphertext).toHaveLength(encryptLength(key.enctype, plaintext.length));
          expect(decrypt(key, keyUsage, ciphertext)).toEqual(plaintext);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the bytes OpenSSL AES-CTS and createHmac give, on both sides of their switches', () => {
    fc.assert(
      fc.property(
        keyAndEnctype,
        usage,
        fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 300, max: 700 })),
        confounder,
        (key, keyUsage, length, conf) => {
          const profile = enctypeProfile(key.enctype);
          const plaintext = Uint8Array.from({ length }, (_, index) => (index * 13 + 5) & 0xff);
          const ke = deriveUsageKey(profile, key.contents(), keyUsage, 'Ke');
          const ki = deriveUsageKey(profile, key.contents(), keyUsage, 'Ki');
          const expected = opensslEncrypt(profile, ke, ki, conf, plaintext);
          const ciphertext = encrypt(key, keyUsage, plaintext, conf);

          expect(hex(ciphertext)).toBe(hex(expected));
          expect(hex(decrypt(key, keyUsage, expected))).toBe(hex(plaintext));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(ENCTYPES)(
    'gives the OpenSSL bytes for a 100 000-octet message, enctype %i',
    (enctype) => {
      const key = keyOf(enctype, new Uint8Array(32).fill(0x42));
      const profile = enctypeProfile(enctype);
      const plaintext = Uint8Array.from({ length: 100_000 }, (_, index) => index & 0xff);
      const conf = new Uint8Array(16).fill(0x24);
      const ke = deriveUsageKey(profile, key.contents(), 24, 'Ke');
      const ki = deriveUsageKey(profile, key.contents(), 24, 'Ki');
      const ciphertext = encrypt(key, 24, plaintext, conf);

      expect(hex(ciphertext)).toBe(hex(opensslEncrypt(profile, ke, ki, conf, plaintext)));
      expect(hex(decrypt(key, 24, ciphertext))).toBe(hex(plaintext));
    },
  );

  it('returns ciphertexts and plaintexts in arrays of their own', () => {
    for (const enctype of ENCTYPES) {
      const key = keyOf(enctype, new Uint8Array(32).fill(5));
      for (const length of [0, 5, 64, 1000]) {
        const ciphertext = encrypt(key, 7, new Uint8Array(length), new Uint8Array(16));
        const plaintext = decrypt(key, 7, ciphertext);

        expect(ciphertext.buffer.byteLength).toBe(ciphertext.length);
        expect(plaintext.buffer.byteLength).toBe(length);
      }
    }
  });

  it('rejects any single-bit flip of a ciphertext with KRB5KRB_AP_ERR_BAD_INTEGRITY', () => {
    fc.assert(
      fc.property(
        keyAndEnctype,
        usage,
        fc.uint8Array({ maxLength: 80 }),
        confounder,
        fc.nat(),
        (key, keyUsage, plaintext, conf, bit) => {
          const ciphertext = encrypt(key, keyUsage, plaintext, conf);
          const at = bit % (ciphertext.length * 8);
          ciphertext[at >> 3] = (ciphertext[at >> 3] ?? 0) ^ (0x80 >> (at & 7));

          expectIntegrityError(() => decrypt(key, keyUsage, ciphertext));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(ENCTYPES)(
    'rejects every one of the single-bit flips of one enctype %i ciphertext',
    (enctype) => {
      const key = keyOf(enctype, new Uint8Array(32).fill(7));
      const ciphertext = encrypt(key, 22, ascii('wrap token'), new Uint8Array(16).fill(1));

      for (let at = 0; at < ciphertext.length * 8; at += 1) {
        const flipped = ciphertext.slice();
        flipped[at >> 3] = (flipped[at >> 3] ?? 0) ^ (0x80 >> (at & 7));
        expectIntegrityError(() => decrypt(key, 22, flipped));
      }
    },
  );

  it('rejects a ciphertext under another usage or another key as an integrity failure', () => {
    fc.assert(
      fc.property(keyAndEnctype, usage, usage, confounder, (key, used, other, conf) => {
        fc.pre(used !== other);
        const ciphertext = encrypt(key, used, ascii('EncTicketPart'), conf);
        const otherKey = new KeyBlock(
          key.enctype,
          key.contents().map((octet) => octet ^ 1),
        );

        expectIntegrityError(() => decrypt(key, other, ciphertext));
        expectIntegrityError(() => decrypt(otherKey, used, ciphertext));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a ciphertext shorter than confounder and checksum with KRB5_BAD_MSIZE', () => {
    for (const enctype of ENCTYPES) {
      const key = keyOf(enctype, new Uint8Array(32));
      const profile = enctypeProfile(enctype);
      const shortest = profile.headerLength + profile.trailerLength;

      for (const length of [0, 1, 16, shortest - 1]) {
        const error = catchError(() => decrypt(key, 1, new Uint8Array(length)));
        expect(error).toBeInstanceOf(KrbCryptoError);
        expect(error).toMatchObject({
          codeName: 'KRB5_BAD_MSIZE',
          code: 2529639102,
          message: 'Message size is incompatible with encryption type',
        });
      }
      expectIntegrityError(() => decrypt(key, 1, new Uint8Array(shortest)));
    }
  });

  it('takes the confounder from the random source it is given, one block at a time', () => {
    const key = keyOf(18, new Uint8Array(32).fill(3));
    const asked: number[] = [];
    const random = (length: number) => {
      asked.push(length);
      return new Uint8Array(length).fill(9);
    };

    const fromSource = encrypt(key, 3, ascii('x'), random);

    expect(asked).toEqual([16]);
    expect(fromSource).toEqual(encrypt(key, 3, ascii('x'), new Uint8Array(16).fill(9)));
    expect(fromSource).not.toEqual(encrypt(key, 3, ascii('x'), new Uint8Array(16).fill(8)));
  });

  it('refuses a confounder that is not one block long as a caller mistake', () => {
    const key = keyOf(17, new Uint8Array(32));

    expect(() => encrypt(key, 1, ascii('x'), new Uint8Array(15))).toThrow(RangeError);
    expect(() => encrypt(key, 1, ascii('x'), () => new Uint8Array(17))).toThrow(RangeError);
  });
});

function expectIntegrityError(run: () => unknown): void {
  const error = catchError(run);
  expect(error).toBeInstanceOf(KrbCryptoError);
  expect(error).toMatchObject({
    codeName: 'KRB5KRB_AP_ERR_BAD_INTEGRITY',
    code: 2529638943,
    message: 'Decrypt integrity check failed',
  });
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
