import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyBlock } from '../../../../src/sim/crypto/key-block.js';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';
import { makeRandomKey, randomToKey } from '../../../../src/sim/crypto/random-to-key.js';

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i);
const secretHex = Buffer.from(SECRET).toString('hex');

describe('KeyBlock', () => {
  it('never shows its octets in inspect, toString, JSON or an error', () => {
    const key = new KeyBlock(18, SECRET);
    const shown = [inspect(key), String(key), JSON.stringify(key), inspect({ key })];

    for (const text of shown) {
      expect(text).not.toContain(secretHex.slice(0, 8));
      expect(text).not.toMatch(/160|0xa0/);
    }
    expect(inspect(key)).toBe('KeyBlock(aes256-cts-hmac-sha1-96, 32 octets)');
    expect(JSON.parse(JSON.stringify(key))).toEqual({ enctype: 18, length: 32 });
  });

  it('copies its octets in and out, so no caller can change a key', () => {
    const octets = SECRET.slice();
    const key = new KeyBlock(18, octets);

    octets.fill(0);
    key.contents().fill(0);

    expect(key.contents()).toEqual(SECRET);
  });

  it('compares equal exactly when enctype and octets are equal', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(127), (octets, bit) => {
        const flipped = octets.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));

        expect(new KeyBlock(17, octets).equals(new KeyBlock(17, octets))).toBe(true);
        expect(new KeyBlock(17, octets).equals(new KeyBlock(19, octets))).toBe(false);
        expect(new KeyBlock(17, octets).equals(new KeyBlock(17, flipped))).toBe(false);
      }),
    );
  });

  it('refuses a wrong length (KRB5_BAD_KEYSIZE) and an unknown enctype (KRB5_BAD_ENCTYPE)', () => {
    expect(catchError(() => new KeyBlock(18, SECRET.subarray(0, 16)))).toMatchObject({
      codeName: 'KRB5_BAD_KEYSIZE',
      code: 2529639101,
      message: 'Key size is incompatible with encryption type',
    });
    expect(catchError(() => new KeyBlock(23, SECRET.subarray(0, 16)))).toBeInstanceOf(
      KrbCryptoError,
    );
  });

  it('derives a deferred key once, at first use, and checks what it derived', () => {
    let derivations = 0;
    const key = KeyBlock.deferred(18, () => {
      derivations++;
      return SECRET;
    });

    expect([key.enctype, key.length, derivations]).toEqual([18, 32, 0]);
    expect(inspect(key)).not.toContain(secretHex);
    expect(derivations).toBe(0);
    expect(key.equals(new KeyBlock(18, SECRET))).toBe(true);
    expect(key.contents()).toEqual(SECRET);
    expect(derivations).toBe(1);

    const short = KeyBlock.deferred(18, () => SECRET.subarray(0, 16));
    expect(catchError(() => short.contents())).toMatchObject({ codeName: 'KRB5_BAD_KEYSIZE' });
    expect(catchError(() => KeyBlock.deferred(23, () => SECRET))).toBeInstanceOf(KrbCryptoError);
  });

  it('makes random keys from the source it is given; random-to-key is the identity', () => {
    const asked: number[] = [];
    const key = makeRandomKey(20, (length) => {
      asked.push(length);
      return SECRET.subarray(0, length);
    });

    expect(asked).toEqual([32]);
    expect(key.equals(randomToKey(20, SECRET))).toBe(true);
    expect(makeRandomKey(17, () => SECRET.subarray(0, 16)).contents()).toEqual(
      SECRET.subarray(0, 16),
    );
    expect(() => makeRandomKey(17, () => SECRET)).toThrow(RangeError);
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
