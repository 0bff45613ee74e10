import { describe, expect, it } from 'vitest';
import { cryptoLength, encryptLength } from '../../../../src/sim/crypto/crypto-length.js';
import {
  DEFAULT_ENCTYPES,
  ENCTYPE_PROFILES,
  Enctype,
  enctypeFromName,
  enctypeProfile,
  isEnctype,
} from '../../../../src/sim/crypto/enctype.js';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';

describe('the enctype table', () => {
  it('holds the four AES enctypes under their RFC numbers and MIT names', () => {
    expect(ENCTYPE_PROFILES.map(({ enctype, name }) => [enctype, name])).toEqual([
      [17, 'aes128-cts-hmac-sha1-96'],
      [18, 'aes256-cts-hmac-sha1-96'],
      [19, 'aes128-cts-hmac-sha256-128'],
      [20, 'aes256-cts-hmac-sha384-192'],
    ]);
    expect(Enctype.AES256_CTS_HMAC_SHA1_96).toBe(18);
  });

  it("prefers the enctypes in MIT 1.20's default order, aes256-cts-hmac-sha1-96 first", () => {
    expect(DEFAULT_ENCTYPES.map((enctype) => enctypeProfile(enctype).name)).toEqual([
      'aes256-cts-hmac-sha1-96',
      'aes128-cts-hmac-sha1-96',
      'aes256-cts-hmac-sha384-192',
      'aes128-cts-hmac-sha256-128',
    ]);
  });

  it('gives the key, checksum and PRF sizes MIT gives (krb5_c_keylengths, _prf_length)', () => {
    const sizes = ENCTYPE_PROFILES.map((profile) => [
      profile.keyLength,
      profile.checksumType,
      profile.prfLength,
      profile.defaultIterations,
    ]);

    expect(sizes).toEqual([
      [16, 15, 16, 4096],
      [32, 16, 16, 4096],
      [16, 19, 32, 32768],
      [32, 20, 48, 32768],
    ]);
  });

  it('gives the krb5_c_crypto_length sizes RFC 4121 wrap tokens are built from', () => {
    const lengths = [17, 18, 19, 20].map((enctype) =>
      (['header', 'trailer', 'padding', 'checksum'] as const).map((type) =>
        cryptoLength(enctype, type),
      ),
    );

    expect(lengths).toEqual([
      [16, 12, 0, 12],
      [16, 12, 0, 12],
      [16, 16, 0, 16],
      [16, 24, 0, 24],
    ]);
  });

  it('gives the krb5_c_encrypt_length of a plaintext: confounder, plaintext and HMAC', () => {
    expect(encryptLength(18, 0)).toBe(28);
    expect(encryptLength(17, 100)).toBe(128);
    expect(encryptLength(19, 5)).toBe(37);
    expect(encryptLength(20, 5)).toBe(45);
  });

  it('finds an enctype by its name or alias without case, as krb5_string_to_enctype does', () => {
    expect(enctypeFromName('aes256-cts-hmac-sha1-96')).toBe(18);
    expect(enctypeFromName('AES256-CTS')).toBe(18);
    expect(enctypeFromName('aes128-sha1')).toBe(17);
    expect(enctypeFromName('aes128-sha2')).toBe(19);
    expect(enctypeFromName('aes256-sha2')).toBe(20);
    expect(enctypeFromName('arcfour-hmac')).toBeUndefined();
  });

  it('refuses enctypes the sim does not implement with KRB5_BAD_ENCTYPE', () => {
    for (const enctype of [0, 16, 23, 25, 26]) {
      const error = catchError(() => enctypeProfile(enctype));

      expect(isEnctype(enctype)).toBe(false);
      expect(error).toBeInstanceOf(KrbCryptoError);
      expect(error).toMatchObject({ codeName: 'KRB5_BAD_ENCTYPE', message: 'Bad encryption type' });
      expect(() => cryptoLength(enctype, 'header')).toThrow(KrbCryptoError);
    }
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
