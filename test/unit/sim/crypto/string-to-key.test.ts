import { describe, expect, it } from 'vitest';
import { KrbCryptoError } from '../../../../src/sim/crypto/krb-crypto-error.js';
import { defaultSalt } from '../../../../src/sim/crypto/salt.js';
import { s2kParams, stringToKey } from '../../../../src/sim/crypto/string-to-key.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);

const X64 = 'X'.repeat(64);
const X65 = 'X'.repeat(65);
const G_CLEF = bytes('f09d849e');

// RFC 3962 Appendix B: [iterations, password, salt, AES-128 key, AES-256 key].
const RFC_3962_B: readonly [number, string | Uint8Array, Uint8Array, string, string][] = [
  [
    1,
    'password',
    ascii('ATHENA.MIT.EDUraeburn'),
    '42263c6e89f4fc28b8df68ee09799f15',
    'fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161',
  ],
  [
    2,
    'password',
    ascii('ATHENA.MIT.EDUraeburn'),
    'c651bf29e2300ac27fa469d693bdda13',
    'a2e16d16b36069c135d5e9d2e25f896102685618b95914b467c67622225824ff',
  ],
  [
    1200,
    'password',
    ascii('ATHENA.MIT.EDUraeburn'),
    '4c01cd46d632d01e6dbe230a01ed642a',
    '55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a',
  ],
  [
    5,
    'password',
    bytes('1234567878563412'),
    'e9b23d52273747dd5c35cb55be619d8e',
    '97a4e786be20d81a382d5ebc96d5909cabcdadc87ca48f574504159f16c36e31',
  ],
  [
    1200,
    X64,
    ascii('pass phrase equals block size'),
    '59d1bb789a828b1aa54ef9c2883f69ed',
    '89adee3608db8bc71f1bfbfe459486b05618b70cbae22092534e56c553ba4b34',
  ],
  [
    1200,
    X65,
    ascii('pass phrase exceeds block size'),
    'cb8005dc5f90179a7f02104c0018751d',
    'd78c5c9cb872a8c9dad4697f0bb5b2d21496c82beb2caeda2112fceea057401b',
  ],
  [
    50,
    G_CLEF,
    ascii('EXAMPLE.COMpianist'),
    'f149c1f2e154a73452d43e7fe62a56e5',
    '4b6d9839f84406df1f09cc166db4b83c571848b784a3d6bdc346589a3e393f9e',
  ],
];

// RFC 8009 Appendix A: iteration count 32768, the salt 16 random octets then the realm.
const RFC_8009_SALT = Uint8Array.of(
  ...bytes('10df9dd783e5bc8acea1730e74355f61'),
  ...ascii('ATHENA.MIT.EDUraeburn'),
);

describe('string-to-key (RFC 3962 §4, RFC 8009 §4)', () => {
  describe.each(RFC_3962_B)(
    'RFC 3962 B, %i iterations, password %j',
    (iterations, password, salt, aes128, aes256) => {
      const options = { params: s2kParams(iterations), allowWeakIterations: true };

      it('derives the aes128-cts-hmac-sha1-96 key of the RFC', () => {
        expect(hex(stringToKey(17, password, salt, options).contents())).toBe(aes128);
      });

      it('derives the aes256-cts-hmac-sha1-96 key of the RFC', () => {
        expect(hex(stringToKey(18, password, salt, options).contents())).toBe(aes256);
      });
    },
  );

  it('derives the RFC 8009 A aes128-cts-hmac-sha256-128 key with the default 32768 iterations', () => {
    const key = stringToKey(19, 'password', RFC_8009_SALT);

    expect(key.enctype).toBe(19);
    expect(hex(key.contents())).toBe('089bca48b105ea6ea77ca5d2f39dc5e7');
  });

  it('derives the RFC 8009 A aes256-cts-hmac-sha384-192 key, with explicit s2kparams too', () => {
    const expected = '45bd806dbf6a833a9cffc1c94589a222367a79bc21c413718906e9f578a78467';

    expect(hex(stringToKey(20, 'password', RFC_8009_SALT).contents())).toBe(expected);
    const params = bytes('00008000');
    expect(hex(stringToKey(20, 'password', RFC_8009_SALT, { params }).contents())).toBe(expected);
  });

  it('uses 4096 iterations without s2kparams for the RFC 3962 enctypes', () => {
    const salt = ascii('ATHENA.MIT.EDUraeburn');
    const params = s2kParams(4096);

    expect(
      stringToKey(18, 'password', salt).equals(stringToKey(18, 'password', salt, { params })),
    ).toBe(true);
    expect(
      stringToKey(18, 'password', salt).equals(
        stringToKey(18, 'password', salt, {
          params: s2kParams(4097),
        }),
      ),
    ).toBe(false);
  });

  it('takes a string password and salt as UTF-8', () => {
    const utf8 = stringToKey(17, '\u{1d11e}', 'EXAMPLE.COMpianist', {
      params: s2kParams(50),
      allowWeakIterations: true,
    });

    expect(hex(utf8.contents())).toBe('f149c1f2e154a73452d43e7fe62a56e5');
  });

  // Keys MIT 1.20.1 put in a keytab: `ktutil` `addent -password -p <principal> -k <kvno> -e
  // <enctype>` with the password "S3cret pw" (default salt), read back with `klist -k -K -e`.
  it.each([
    [
      18,
      'alice@EXAMPLE.COM',
      ['alice'],
      '4f2fce4d293be2fe39737f8d303217ca112d9be3d8b53ba50bc62ac2b6b62273',
    ],
    [17, 'alice@EXAMPLE.COM', ['alice'], 'ce296f2efd0d81095ac2e18ada7cc8a1'],
    [
      20,
      'alice@EXAMPLE.COM',
      ['alice'],
      'e89ac50120d6fd7b8335443badc46add3d59365934a417cf9b5454591e2710c3',
    ],
    [
      19,
      'host/web.example.com@EXAMPLE.COM',
      ['host', 'web.example.com'],
      '165807a93508d5fbeb970b189c4cd7e4',
    ],
  ] as const)(
    'gives enctype %i for %s the key MIT ktutil derives',
    (enctype, _name, components, key) => {
      const salt = defaultSalt('EXAMPLE.COM', components);

      expect(hex(stringToKey(enctype, 'S3cret pw', salt).contents())).toBe(key);
    },
  );

  it('refuses iteration counts below the default unless allowed, as MIT does outside its tests', () => {
    const error = catchError(() =>
      stringToKey(18, G_CLEF, 'EXAMPLE.COMpianist', { params: s2kParams(50) }),
    );

    expect(error).toBeInstanceOf(KrbCryptoError);
    expect(error).toMatchObject({
      codeName: 'KRB5_ERR_BAD_S2K_PARAMS',
      code: 2529639156,
      message: 'Invalid key generation parameters from KDC',
    });
    expect(() => stringToKey(19, 'pw', 'salt', { params: s2kParams(32767) })).toThrow(
      KrbCryptoError,
    );
  });

  it('refuses s2kparams that are not 4 octets, a count of 0, and counts of 2^24 or more', () => {
    const refused = [new Uint8Array(0), bytes('0000100000'), s2kParams(0), s2kParams(0x100_0000)];

    for (const params of refused) {
      const error = catchError(() =>
        stringToKey(17, 'pw', 'salt', { params, allowWeakIterations: true }),
      );
      expect(error).toMatchObject({ codeName: 'KRB5_ERR_BAD_S2K_PARAMS' });
    }
  });

  it('refuses an enctype the sim does not implement with KRB5_BAD_ENCTYPE', () => {
    expect(catchError(() => stringToKey(23, 'pw', 'salt'))).toMatchObject({
      codeName: 'KRB5_BAD_ENCTYPE',
      code: 2529639100,
    });
  });

  it('builds the default salt from the realm and the name components, without separators', () => {
    expect(hex(defaultSalt('EXAMPLE.COM', ['host', 'web.example.com']))).toBe(
      hex(ascii('EXAMPLE.COMhostweb.example.com')),
    );
    expect(hex(defaultSalt('ATHENA.MIT.EDU', ['raeburn']))).toBe(
      hex(ascii('ATHENA.MIT.EDUraeburn')),
    );
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
