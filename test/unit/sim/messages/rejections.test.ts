/**
 * What the decoders reject, each with MIT's exact error, and what MIT's decoder accepts although
 * DER forbids it (a non-minimal length, trailing bytes, unknown trailing fields, any msg-type),
 * which strict mode rejects.
 */
import { describe, expect, it } from 'vitest';
import { decodeApRep, encodeApRep } from '../../../../src/sim/krb5/messages/ap-rep.js';
import { decodeApReq } from '../../../../src/sim/krb5/messages/ap-req.js';
import { decodeEncryptedData } from '../../../../src/sim/krb5/messages/encryption.js';
import {
  decodeEncKdcRepPart,
  type EncKdcRepPart,
  encodeEncAsRepPart,
  encodeEncTgsRepPart,
} from '../../../../src/sim/krb5/messages/kdc-rep.js';
import { decodeKdcReqBody } from '../../../../src/sim/krb5/messages/kdc-req.js';
import { decodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import { decodePrincipalName } from '../../../../src/sim/krb5/messages/principal-name.js';
import { decodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { bytesOf, ctx, expectAsn1Error, int, seq, tlv } from '../asn1/expect-asn1-error.js';

/** EncryptedData { etype 18, cipher 01 02 03 }. */
const encData = seq(ctx(0, int(18)), ctx(2, tlv(0x04, [1, 2, 3])));
/** An AP-REP around `fields` (default: pvno 5, msg-type 15, enc-part). */
const apRep = (...fields: number[][]): Uint8Array =>
  bytesOf(
    tlv(
      0x6f,
      seq(...(fields.length > 0 ? fields : [ctx(0, int(5)), ctx(1, int(15)), ctx(2, encData)])),
    ),
  );
const validApRep = apRep();

describe('decoder rejections', () => {
  it('decodes the hand-built AP-REP it is given, as the encoder writes it', () => {
    expect(decodeApRep(validApRep)).toEqual({
      encPart: { etype: 18, cipher: Uint8Array.of(1, 2, 3) },
    });
    expect(encodeApRep(decodeApRep(validApRep))).toEqual(validApRep);
  });

  it('rejects empty input and a lone identifier octet with ASN1_OVERRUN', () => {
    expectAsn1Error(() => decodeApRep(new Uint8Array(0)), 'ASN1_OVERRUN');
    expectAsn1Error(() => decodeApRep(Uint8Array.of(0x6f)), 'ASN1_OVERRUN');
  });

  it('rejects a length longer than the input with ASN1_OVERRUN', () => {
    const bytes = validApRep.slice();
    bytes[1] = (bytes[1] ?? 0) + 1;
    expectAsn1Error(() => decodeApRep(bytes), 'ASN1_OVERRUN');
    expectAsn1Error(
      () => decodeApRep(Uint8Array.of(0x6f, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30, 0)),
      'ASN1_OVERRUN',
    );
    expectAsn1Error(() => decodeApRep(Uint8Array.of(0x6f, 0x82, 0x01)), 'ASN1_OVERRUN');
  });

  it('rejects an indefinite length with ASN1_INDEF', () => {
    expectAsn1Error(
      () => decodeApRep(Uint8Array.of(0x6f, 0x80, 0x30, 0x00, 0x00, 0x00)),
      'ASN1_INDEF',
    );
  });

  it('rejects more than eight length octets with ASN1_OVERFLOW', () => {
    const bytes = Uint8Array.of(0x6f, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x30, 0x00);
    expectAsn1Error(() => decodeApRep(bytes), 'ASN1_OVERFLOW');
  });

  it('rejects a tag number above 2^31 - 2 with ASN1_OVERFLOW', () => {
    expectAsn1Error(
      () => decodeApRep(Uint8Array.of(0x7f, 0x88, 0x80, 0x80, 0x80, 0x00, 0x00)),
      'ASN1_OVERFLOW',
    );
  });

  it('rejects another message or a primitive APPLICATION tag with ASN1_BAD_ID', () => {
    expectAsn1Error(() => decodeApReq(validApRep), 'ASN1_BAD_ID');
    const primitive = validApRep.slice();
    primitive[0] = 0x4f;
    expectAsn1Error(() => decodeApRep(primitive), 'ASN1_BAD_ID');
    expectAsn1Error(() => decodeApRep(bytesOf(tlv(0x6f, tlv(0x31)))), 'ASN1_BAD_ID');
  });

  it('rejects a field of the wrong universal type with ASN1_BAD_ID', () => {
    expectAsn1Error(() => decodeApRep(apRep(ctx(0, tlv(0x04, [5])))), 'ASN1_BAD_ID');
  });

  it('rejects a second element inside an explicit tag with ASN1_BAD_LENGTH', () => {
    expectAsn1Error(() => decodeApRep(apRep(ctx(0, int(5), int(5)))), 'ASN1_BAD_LENGTH');
  });

  it('rejects a missing required field with ASN1_MISSING_FIELD', () => {
    expectAsn1Error(
      () => decodeApRep(apRep(ctx(0, int(5)), ctx(1, int(15)))),
      'ASN1_MISSING_FIELD',
    );
    expectAsn1Error(() => decodeApRep(bytesOf(tlv(0x6f, seq()))), 'ASN1_MISSING_FIELD');
  });

  it('treats a field out of order or with a primitive context tag as missing', () => {
    const swapped = apRep(ctx(1, int(15)), ctx(0, int(5)), ctx(2, encData));
    expectAsn1Error(() => decodeApRep(swapped), 'ASN1_MISSING_FIELD');
    const primitive = apRep(tlv(0x80, int(5)), ctx(1, int(15)), ctx(2, encData));
    expectAsn1Error(() => decodeApRep(primitive), 'ASN1_MISSING_FIELD');
  });

  it('rejects a protocol version other than 5 with KRB5KDC_ERR_BAD_PVNO', () => {
    expectAsn1Error(
      () => decodeApRep(apRep(ctx(0, int(4)), ctx(1, int(15)), ctx(2, encData))),
      'KRB5KDC_ERR_BAD_PVNO',
    );
    const ticket = bytesOf(tlv(0x61, seq(ctx(0, int(6)))));
    expectAsn1Error(() => decodeTicket(ticket), 'KRB5KDC_ERR_BAD_PVNO');
  });

  it('rejects an empty INTEGER with ASN1_BAD_LENGTH and a 9-octet one with ASN1_OVERFLOW', () => {
    expectAsn1Error(() => decodeApRep(apRep(ctx(0, int()))), 'ASN1_BAD_LENGTH');
    expectAsn1Error(
      () => decodeApRep(apRep(ctx(0, int(0, 0, 0, 0, 0, 0, 0, 0, 5)))),
      'ASN1_OVERFLOW',
    );
  });

  it('rejects an Int32 field outside 32 bits with ASN1_OVERFLOW', () => {
    const wide = seq(ctx(0, int(0x00, 0x80, 0, 0, 0)), ctx(2, tlv(0x04, [])));
    expectAsn1Error(() => decodeEncryptedData(bytesOf(wide)), 'ASN1_OVERFLOW');
    const negative = seq(ctx(0, int(0xff, 0x7f, 0xff, 0xff, 0xff)), ctx(2, tlv(0x04, [])));
    expectAsn1Error(() => decodeEncryptedData(bytesOf(negative)), 'ASN1_OVERFLOW');
  });

  it('rejects a negative KRB-ERROR error-code with ASN1_OVERFLOW', () => {
    const name = seq(ctx(0, int(1)), ctx(1, seq()));
    const time = tlv(0x18, [...new TextEncoder().encode('20260101000000Z')]);
    const error = bytesOf(
      tlv(
        0x7e,
        seq(
          ctx(0, int(5)),
          ctx(1, int(30)),
          ctx(4, time),
          ctx(5, int(0)),
          ctx(6, int(0xff)),
          ctx(9, tlv(0x1b, [0x52])),
          ctx(10, name),
        ),
      ),
    );
    expectAsn1Error(() => decodeKrbError(error), 'ASN1_OVERFLOW');
  });

  it('rejects a SEQUENCE OF element of another type with ASN1_BAD_ID', () => {
    const name = bytesOf(seq(ctx(0, int(1)), ctx(1, seq(tlv(0x1b, [0x61]), tlv(0x0c, [0x62])))));
    expectAsn1Error(() => decodePrincipalName(name), 'ASN1_BAD_ID');
  });

  it('rejects malformed KerberosTime and KerberosFlags with MIT codes', () => {
    const body = (kdcOptions: number[], till: number[]): Uint8Array =>
      bytesOf(
        seq(
          ctx(0, kdcOptions),
          ctx(2, tlv(0x1b, [0x52])),
          ctx(5, till),
          ctx(7, int(1)),
          ctx(8, seq()),
        ),
      );
    const flags = tlv(0x03, [0, 0, 0, 0, 0]);
    const time = (text: string): number[] => tlv(0x18, [...new TextEncoder().encode(text)]);
    expect(decodeKdcReqBody(body(flags, time('20260101000000Z'))).till).toBe(1767225600);
    expectAsn1Error(() => decodeKdcReqBody(body(flags, time('202601010000Z'))), 'ASN1_BAD_LENGTH');
    expectAsn1Error(
      () => decodeKdcReqBody(body(flags, time('20260101000000+'))),
      'ASN1_BAD_FORMAT',
    );
    expectAsn1Error(
      () => decodeKdcReqBody(body(flags, time('2026010100000aZ'))),
      'ASN1_BAD_TIMEFORMAT',
    );
    expectAsn1Error(
      () => decodeKdcReqBody(body(tlv(0x03, []), time('20260101000000Z'))),
      'ASN1_BAD_LENGTH',
    );
    expectAsn1Error(
      () => decodeKdcReqBody(body(tlv(0x03, [8, 0]), time('20260101000000Z'))),
      'ASN1_BAD_FORMAT',
    );
  });
});

describe('what MIT accepts and strict mode rejects', () => {
  it('accepts a non-minimal length, and strict mode rejects it with ASN1_BAD_FORMAT', () => {
    const inner = validApRep.subarray(2);
    const long = Uint8Array.of(0x6f, 0x81, inner.length, ...inner);
    expect(decodeApRep(long)).toEqual(decodeApRep(validApRep));
    expectAsn1Error(() => decodeApRep(long, { strict: true }), 'ASN1_BAD_FORMAT');
    const padded = Uint8Array.of(0x6f, 0x82, 0, inner.length, ...inner);
    expectAsn1Error(() => decodeApRep(padded, { strict: true }), 'ASN1_BAD_FORMAT');
  });

  it('ignores bytes after the message, and strict mode rejects them with ASN1_BAD_LENGTH', () => {
    const trailing = Uint8Array.of(...validApRep, 0x00);
    expect(decodeApRep(trailing)).toEqual(decodeApRep(validApRep));
    expectAsn1Error(() => decodeApRep(trailing, { strict: true }), 'ASN1_BAD_LENGTH');
  });

  it('ignores unknown fields after the last one, and strict mode rejects them', () => {
    const extended = apRep(ctx(0, int(5)), ctx(1, int(15)), ctx(2, encData), ctx(3, int(1)));
    expect(decodeApRep(extended)).toEqual(decodeApRep(validApRep));
    expectAsn1Error(() => decodeApRep(extended, { strict: true }), 'ASN1_BAD_LENGTH');
  });

  it('reads any msg-type in an AP-REP, as MIT does', () => {
    const other = apRep(ctx(0, int(5)), ctx(1, int(99)), ctx(2, encData));
    expect(decodeApRep(other)).toEqual(decodeApRep(validApRep));
  });

  it('accepts a redundant INTEGER octet, and strict mode rejects it with ASN1_BAD_FORMAT', () => {
    const padded = apRep(ctx(0, int(0, 5)), ctx(1, int(15)), ctx(2, encData));
    expect(decodeApRep(padded)).toEqual(decodeApRep(validApRep));
    expectAsn1Error(() => decodeApRep(padded, { strict: true }), 'ASN1_BAD_FORMAT');
  });
});

describe('EncKDCRepPart tags', () => {
  const part: EncKdcRepPart = {
    key: { keytype: 18, keyvalue: new Uint8Array(32) },
    lastReq: [{ lrType: 0, lrValue: 0 }],
    nonce: 7,
    flags: 0x40e10000,
    authtime: 1767225600,
    endtime: 1767312000,
    srealm: 'KRBTEST.COM',
    sname: { nameType: 2, nameString: ['krbtgt', 'KRBTEST.COM'] },
  };

  it('reads EncTGSRepPart [26], the tag MIT writes for AS and TGS replies alike', () => {
    expect(decodeEncKdcRepPart(encodeEncTgsRepPart(part))).toEqual({ tag: 26, part });
  });

  it('reads EncASRepPart [25] too, as MIT does', () => {
    expect(decodeEncKdcRepPart(encodeEncAsRepPart(part))).toEqual({ tag: 25, part });
  });

  it('rejects any other tag with ASN1_BAD_ID', () => {
    const bytes = encodeEncTgsRepPart(part);
    bytes[0] = 0x7b;
    expectAsn1Error(() => decodeEncKdcRepPart(bytes), 'ASN1_BAD_ID');
  });
});
