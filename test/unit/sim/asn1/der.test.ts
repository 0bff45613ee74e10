/**
 * Tags, definite lengths and TLVs: the encoder writes DER's minimal forms, the reader reads
 * them back, and the reader fails as MIT's `get_tag` fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DerCursor,
  encodeLength,
  encodeTag,
  encodeTlv,
  readTlv,
  TagClass,
} from '../../../../src/sim/asn1/der.js';
import { expectAsn1Error } from './expect-asn1-error.js';

const read = (bytes: readonly number[], strict = false) => {
  const cursor: DerCursor = { bytes: Uint8Array.from(bytes), offset: 0 };
  const tlv = readTlv(cursor, { strict });
  return { ...tlv, contents: [...tlv.contents], next: cursor.offset };
};

describe('DER lengths', () => {
  it('writes short and long forms minimally (X.690 §10.1)', () => {
    expect([...encodeLength(0)]).toEqual([0x00]);
    expect([...encodeLength(127)]).toEqual([0x7f]);
    expect([...encodeLength(128)]).toEqual([0x81, 0x80]);
    expect([...encodeLength(255)]).toEqual([0x81, 0xff]);
    expect([...encodeLength(256)]).toEqual([0x82, 0x01, 0x00]);
    expect([...encodeLength(0x10000)]).toEqual([0x83, 0x01, 0x00, 0x00]);
  });

  it('reads back every length it writes, in strict mode too', () => {
    fc.assert(
      fc.property(fc.nat({ max: 4000 }), (length) => {
        const bytes = [0x04, ...encodeLength(length), ...new Uint8Array(length)];
        const tlv = read(bytes, true);
        expect(tlv.contents.length).toBe(length);
        expect(tlv.next).toBe(bytes.length);
      }),
      { seed: 690, numRuns: 200 },
    );
  });

  it('accepts a non-minimal length as MIT does, and not in strict mode', () => {
    expect(read([0x04, 0x81, 0x01, 0xaa]).contents).toEqual([0xaa]);
    expect(read([0x04, 0x82, 0x00, 0x01, 0xaa]).contents).toEqual([0xaa]);
    expectAsn1Error(() => read([0x04, 0x81, 0x01, 0xaa], true), 'ASN1_BAD_FORMAT');
    expectAsn1Error(
      () => read([0x04, 0x82, 0x00, 0x81, ...new Uint8Array(0x81)], true),
      'ASN1_BAD_FORMAT',
    );
  });

  it('fails as get_tag fails: overrun, indefinite, too many length octets', () => {
    expectAsn1Error(() => read([]), 'ASN1_OVERRUN');
    expectAsn1Error(() => read([0x04]), 'ASN1_OVERRUN');
    expectAsn1Error(() => read([0x04, 0x02, 0x00]), 'ASN1_OVERRUN');
    expectAsn1Error(() => read([0x04, 0x82, 0x01]), 'ASN1_OVERRUN');
    expectAsn1Error(() => read([0x04, 0x81, 0x05, 0, 0]), 'ASN1_OVERRUN');
    expectAsn1Error(() => read([0x30, 0x80, 0x00, 0x00]), 'ASN1_INDEF');
    expectAsn1Error(() => read([0x04, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]), 'ASN1_OVERFLOW');
  });

  it('checks the count of length octets against the input before their number', () => {
    expectAsn1Error(() => read([0x04, 0x89, 0, 0]), 'ASN1_OVERRUN');
  });
});

describe('DER tags', () => {
  it('reads class, constructed bit and number from one octet', () => {
    expect(read([0x6e, 0x00])).toMatchObject({
      tagClass: TagClass.application,
      constructed: true,
      number: 14,
    });
    expect(read([0xa3, 0x00])).toMatchObject({
      tagClass: TagClass.context,
      constructed: true,
      number: 3,
    });
    expect(read([0x1b, 0x00])).toMatchObject({
      tagClass: TagClass.universal,
      constructed: false,
      number: 27,
    });
  });

  it('writes and reads tag numbers of 31 and more in the high-tag-number form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7ffffffe }), fc.boolean(), (number, constructed) => {
        const tag = { tagClass: TagClass.context, constructed, number } as const;
        const bytes = [...encodeTlv(tag, Uint8Array.of(1, 2))];
        expect(read(bytes, true)).toMatchObject({ ...tag, contents: [1, 2], next: bytes.length });
      }),
      { seed: 680, numRuns: 300 },
    );
    expect([
      ...encodeTag({ tagClass: TagClass.application, constructed: true, number: 31 }),
    ]).toEqual([0x7f, 0x1f]);
    expect([...encodeTag({ tagClass: TagClass.context, constructed: false, number: 200 })]).toEqual(
      [0x9f, 0x81, 0x48],
    );
  });

  it('rejects a tag number over 2^31 - 2 and a truncated one', () => {
    expectAsn1Error(() => read([0x9f, 0x87, 0xff, 0xff, 0xff, 0x7f, 0x00]), 'ASN1_OVERFLOW');
    expectAsn1Error(() => read([0x9f, 0x88, 0x80, 0x80, 0x80, 0x00, 0x00]), 'ASN1_OVERFLOW');
    expectAsn1Error(() => read([0x9f, 0x81]), 'ASN1_OVERRUN');
  });

  it('accepts a non-minimal tag number as MIT does, and not in strict mode', () => {
    expect(read([0x9f, 0x05, 0x00])).toMatchObject({ number: 5 });
    expectAsn1Error(() => read([0x9f, 0x05, 0x00], true), 'ASN1_BAD_FORMAT');
    expectAsn1Error(() => read([0x9f, 0x80, 0x3f, 0x00], true), 'ASN1_BAD_FORMAT');
  });
});
