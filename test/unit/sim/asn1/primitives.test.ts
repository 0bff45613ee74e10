/**
 * The contents codecs of INTEGER, BIT STRING (KerberosFlags), GeneralString (KerberosString)
 * and GeneralizedTime (KerberosTime), with MIT's range and format checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFlagsContents,
  decodeIntegerContents,
  decodeStringContents,
  decodeTimeContents,
  decodeUnsignedContents,
  encodeFlagsContents,
  encodeIntegerContents,
  encodeStringContents,
  encodeTimeContents,
} from '../../../../src/sim/asn1/primitives.js';
import { int32, kvno, sequenceNumber, uint32 } from '../../../../src/sim/asn1/types.js';
import { expectAsn1Error } from './expect-asn1-error.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('INTEGER', () => {
  it('writes minimal two’s complement, negative and wider than 32 bits (X.690 §8.3)', () => {
    expect(hex(encodeIntegerContents(0n))).toBe('00');
    expect(hex(encodeIntegerContents(127n))).toBe('7f');
    expect(hex(encodeIntegerContents(128n))).toBe('0080');
    expect(hex(encodeIntegerContents(-1n))).toBe('ff');
    expect(hex(encodeIntegerContents(-128n))).toBe('80');
    expect(hex(encodeIntegerContents(-129n))).toBe('ff7f');
    expect(hex(encodeIntegerContents(0xffffffffn))).toBe('00ffffffff');
    // Around the 32-bit fast path's edges.
    expect(hex(encodeIntegerContents(32767n))).toBe('7fff');
    expect(hex(encodeIntegerContents(32768n))).toBe('008000');
    expect(hex(encodeIntegerContents(-32768n))).toBe('8000');
    expect(hex(encodeIntegerContents(-32769n))).toBe('ff7fff');
    expect(hex(encodeIntegerContents(2n ** 31n - 1n))).toBe('7fffffff');
    expect(hex(encodeIntegerContents(2n ** 31n))).toBe('0080000000');
    expect(hex(encodeIntegerContents(-(2n ** 31n)))).toBe('80000000');
    expect(hex(encodeIntegerContents(-(2n ** 31n) - 1n))).toBe('ff7fffffff');
    expect(hex(encodeIntegerContents(-(2n ** 63n)))).toBe('8000000000000000');
    expect(hex(encodeIntegerContents(2n ** 63n - 1n))).toBe('7fffffffffffffff');
  });

  it('reads back every 64-bit integer it writes, in strict mode too', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          fc.bigInt({ min: -(2n ** 32n), max: 2n ** 32n }),
        ),
        (value) => {
          expect(decodeIntegerContents(encodeIntegerContents(value), { strict: true })).toBe(value);
        },
      ),
      { seed: 8, numRuns: 500 },
    );
  });

  it('rejects an empty INTEGER with ASN1_BAD_LENGTH and 9 octets with ASN1_OVERFLOW', () => {
    expectAsn1Error(() => decodeIntegerContents(new Uint8Array(0)), 'ASN1_BAD_LENGTH');
    expectAsn1Error(() => decodeIntegerContents(new Uint8Array(9)), 'ASN1_OVERFLOW');
    expectAsn1Error(() => decodeUnsignedContents(new Uint8Array(0)), 'ASN1_BAD_LENGTH');
  });

  it('reads unsigned values of up to 64 bits after a zero octet, and no negative one', () => {
    expect(
      decodeUnsignedContents(Uint8Array.of(0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)),
    ).toBe(2n ** 64n - 1n);
    expectAsn1Error(() => decodeUnsignedContents(Uint8Array.of(0x80)), 'ASN1_OVERFLOW');
    expectAsn1Error(
      () => decodeUnsignedContents(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0)),
      'ASN1_OVERFLOW',
    );
  });

  it('keeps Int32, UInt32, kvno and seq-number in the ranges of MIT’s C fields', () => {
    const tlv = (contents: number[]) =>
      ({
        tagClass: 0,
        constructed: false,
        number: 2,
        contents: Uint8Array.from(contents),
      }) as const;
    expect(int32.decode(tlv([0x80, 0, 0, 0]), {})).toBe(-(2 ** 31));
    expectAsn1Error(() => int32.decode(tlv([0, 0x80, 0, 0, 0]), {}), 'ASN1_OVERFLOW');
    expect(uint32.decode(tlv([0, 0xff, 0xff, 0xff, 0xff]), {})).toBe(2 ** 32 - 1);
    expectAsn1Error(() => uint32.decode(tlv([1, 0, 0, 0, 0]), {}), 'ASN1_OVERFLOW');
    expect(kvno.decode(tlv([0xff]), {})).toBe(2 ** 32 - 1);
    expect(hex(kvno.encode(2 ** 32 - 1))).toBe('0201ff');
    expect(sequenceNumber.decode(tlv([0xff]), {})).toBe(2 ** 32 - 1);
    expect(hex(sequenceNumber.encode(2 ** 32 - 1))).toBe('020500ffffffff');
    expectAsn1Error(() => sequenceNumber.decode(tlv([1, 0, 0, 0, 0]), {}), 'ASN1_OVERFLOW');
    expect(() => int32.encode(2 ** 31)).toThrow(RangeError);
  });
});

describe('KerberosFlags', () => {
  it('writes 32 bits with no unused bits, bit 0 first (RFC 4120 §5.2.8)', () => {
    expect(hex(encodeFlagsContents(0x40810000))).toBe('0040810000');
    expect(decodeFlagsContents(Uint8Array.of(0, 0x40, 0x81, 0, 0))).toBe(0x40810000);
  });

  it('reads any 32-bit value back', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), (flags) => {
        expect(decodeFlagsContents(encodeFlagsContents(flags))).toBe(flags);
      }),
      { seed: 32, numRuns: 300 },
    );
  });

  it('keeps the first 32 bits of a longer string and pads a shorter one, as MIT does', () => {
    expect(decodeFlagsContents(Uint8Array.of(0, 1, 2, 3, 4, 5))).toBe(0x01020304);
    expect(decodeFlagsContents(Uint8Array.of(0, 0x80))).toBe(0x80000000);
    expect(decodeFlagsContents(Uint8Array.of(7, 0xff, 0xff))).toBe(0xff800000);
    expect(decodeFlagsContents(Uint8Array.of(7, 0xff))).toBe(0xff000000);
    expect(decodeFlagsContents(Uint8Array.of(0))).toBe(0);
  });

  it('rejects an empty BIT STRING and more than 7 unused bits', () => {
    expectAsn1Error(() => decodeFlagsContents(new Uint8Array(0)), 'ASN1_BAD_LENGTH');
    expectAsn1Error(() => decodeFlagsContents(Uint8Array.of(8, 0, 0, 0, 0)), 'ASN1_BAD_FORMAT');
  });
});

describe('KerberosString', () => {
  it('writes UTF-8 and reads it back, a leading BOM included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeStringContents(encodeStringContents(text))).toBe(text);
      }),
      { seed: 27, numRuns: 300 },
    );
    expect(decodeStringContents(encodeStringContents('\ufeffKRBTEST.COM'))).toBe(
      '\ufeffKRBTEST.COM',
    );
  });

  it('reads octets that are not UTF-8 as U+FFFD instead of failing', () => {
    expect(decodeStringContents(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\ufffdb');
  });
});

describe('KerberosTime', () => {
  it('writes YYYYMMDDHHMMSSZ in UTC (RFC 4120 §5.2.3)', () => {
    expect(new TextDecoder().decode(encodeTimeContents(0))).toBe('19700101000000Z');
    expect(new TextDecoder().decode(encodeTimeContents(1767225600))).toBe('20260101000000Z');
    expect(new TextDecoder().decode(encodeTimeContents(2 ** 32 - 1))).toBe('21060207062815Z');
  });

  it('reads back every 32-bit time it writes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), (seconds) => {
        expect(decodeTimeContents(encodeTimeContents(seconds))).toBe(seconds);
      }),
      { seed: 24, numRuns: 500 },
    );
  });

  it('normalises out-of-range fields as timegm does and wraps to 32 bits as MIT does', () => {
    expect(decodeTimeContents(ascii('20251301000000Z'))).toBe(1767225600);
    expect(decodeTimeContents(ascii('20251231235960Z'))).toBe(1767225600);
    expect(decodeTimeContents(ascii('19691231235958Z'))).toBe(2 ** 32 - 2);
    expect(decodeTimeContents(ascii('21060207062816Z'))).toBe(0);
  });

  it('rejects a wrong length, a missing Z, a non-digit and the instant -1', () => {
    expectAsn1Error(() => decodeTimeContents(ascii('20260101000000')), 'ASN1_BAD_LENGTH');
    expectAsn1Error(() => decodeTimeContents(ascii('20260101000000z')), 'ASN1_BAD_FORMAT');
    expectAsn1Error(() => decodeTimeContents(ascii('2026-101000000Z')), 'ASN1_BAD_TIMEFORMAT');
    expectAsn1Error(() => decodeTimeContents(ascii('19691231235959Z')), 'ASN1_BAD_TIMEFORMAT');
  });
});
