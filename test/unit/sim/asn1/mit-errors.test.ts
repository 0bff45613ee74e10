/**
 * The decoder's errors are MIT's: the codes are pinned as measured from MIT krb5 1.20.1 (Debian
 * 12), and, where MIT is installed, the same malformed AP-REP and KRB-ERROR tokens are given to
 * MIT's `gss_init_sec_context` and to the sim's decoder, which must fail with the same major
 * status, minor status and text. MIT reports these decoder errors for replies only: its acceptor
 * drops the code of a malformed AP-REQ (see the last test).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { code, errorMessage } from '../../../../src/sim/errors/index.js';
import { decodeApRep, encodeApRep } from '../../../../src/sim/krb5/messages/ap-rep.js';
import { decodeKrbError, encodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import type { Name } from '../../../../src/spec/handles.js';
import { NameType } from '../../../../src/spec/oids.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { describeNative } from '../../../support/native.js';
import { bytesOf, ctx, int, seq, tlv } from './expect-asn1-error.js';

/** What MIT 1.20.1 returned, measured through the native backend. */
const MEASURED = {
  ASN1_MISSING_FIELD: [1859794433, 'ASN.1 structure is missing a required field'],
  ASN1_OVERFLOW: [1859794436, 'ASN.1 value too large'],
  ASN1_OVERRUN: [1859794437, 'ASN.1 encoding ended unexpectedly'],
  ASN1_BAD_ID: [1859794438, "ASN.1 identifier doesn't match expected value"],
  ASN1_BAD_LENGTH: [1859794439, "ASN.1 length doesn't match expected value"],
  ASN1_INDEF: [1859794443, 'ASN.1 indefinite encoding'],
  KRB5KDC_ERR_BAD_PVNO: [2529638915, 'Requested protocol version not supported'],
} as const;

/** A status as a comparable record. */
const statusOf = (error: unknown) =>
  error instanceof GssError
    ? { major: error.major, minor: error.minor, texts: error.minorMessages }
    : { notAGssError: String(error) };

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return statusOf(error);
  }
  return { accepted: true };
};

/** An RFC 2743 token: 0x60, the krb5 OID, a TOK_ID and the message. */
function frame(tokId: number, message: Uint8Array): Uint8Array {
  const body = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02, tokId, 0x00];
  return bytesOf(tlv(0x60, body, message));
}

const AP_REP = 0x02;
const KRB_ERROR = 0x03;

const encData = seq(ctx(0, int(18)), ctx(2, tlv(0x04, [1, 2, 3])));
const name = seq(ctx(0, int(2)), ctx(1, seq(tlv(0x1b, [0x68]))));
const time = tlv(0x18, [...new TextEncoder().encode('20260101000000Z')]);

/** Malformed replies: [description, TOK_ID, message, the error MIT gives]. */
const MALFORMED: readonly [string, number, Uint8Array, keyof typeof MEASURED][] = [
  ['a lone tag', AP_REP, Uint8Array.of(0x6f), 'ASN1_OVERRUN'],
  ['a length past the end', AP_REP, Uint8Array.of(0x6f, 0x05, 0x30, 0x03), 'ASN1_OVERRUN'],
  [
    'a 2^31 length',
    AP_REP,
    Uint8Array.of(0x6f, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30, 0),
    'ASN1_OVERRUN',
  ],
  ['an indefinite length', AP_REP, Uint8Array.of(0x6f, 0x80, 0x30, 0, 0, 0), 'ASN1_INDEF'],
  [
    'nine length octets',
    AP_REP,
    bytesOf([0x6f, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x30, 0]),
    'ASN1_OVERFLOW',
  ],
  ['an empty SEQUENCE', AP_REP, bytesOf(tlv(0x6f, seq())), 'ASN1_MISSING_FIELD'],
  ['a SET for the SEQUENCE', AP_REP, bytesOf(tlv(0x6f, tlv(0x31))), 'ASN1_BAD_ID'],
  ['pvno 4', AP_REP, bytesOf(tlv(0x6f, seq(ctx(0, int(4))))), 'KRB5KDC_ERR_BAD_PVNO'],
  [
    'no enc-part',
    AP_REP,
    bytesOf(tlv(0x6f, seq(ctx(0, int(5)), ctx(1, int(15))))),
    'ASN1_MISSING_FIELD',
  ],
  ['an empty INTEGER', AP_REP, bytesOf(tlv(0x6f, seq(ctx(0, int())))), 'ASN1_BAD_LENGTH'],
  [
    'a 9-octet INTEGER',
    AP_REP,
    bytesOf(tlv(0x6f, seq(ctx(0, int(0, 0, 0, 0, 0, 0, 0, 0, 5))))),
    'ASN1_OVERFLOW',
  ],
  [
    'two elements in [0]',
    AP_REP,
    bytesOf(tlv(0x6f, seq(ctx(0, int(5), int(5))))),
    'ASN1_BAD_LENGTH',
  ],
  ['an OCTET STRING pvno', AP_REP, bytesOf(tlv(0x6f, seq(ctx(0, tlv(0x04, [5]))))), 'ASN1_BAD_ID'],
  ['a primitive [0]', AP_REP, bytesOf(tlv(0x6f, seq(tlv(0x80, int(5))))), 'ASN1_MISSING_FIELD'],
  [
    'an Int32 etype over 32 bits',
    AP_REP,
    bytesOf(
      tlv(0x6f, seq(ctx(0, int(5)), ctx(1, int(15)), ctx(2, seq(ctx(0, int(1, 0, 0, 0, 0)))))),
    ),
    'ASN1_OVERFLOW',
  ],
  [
    'an OCTET STRING msg-type',
    AP_REP,
    bytesOf(tlv(0x6f, seq(ctx(0, int(5)), ctx(1, tlv(0x04, [15])), ctx(2, encData)))),
    'ASN1_BAD_ID',
  ],
  ['a lone KRB-ERROR tag', KRB_ERROR, Uint8Array.of(0x7e), 'ASN1_OVERRUN'],
  [
    'a KRB-ERROR with pvno 4',
    KRB_ERROR,
    bytesOf(tlv(0x7e, seq(ctx(0, int(4))))),
    'KRB5KDC_ERR_BAD_PVNO',
  ],
  [
    'a KRB-ERROR without stime',
    KRB_ERROR,
    bytesOf(tlv(0x7e, seq(ctx(0, int(5)), ctx(1, int(30)), ctx(5, int(0))))),
    'ASN1_MISSING_FIELD',
  ],
  [
    'a negative error-code',
    KRB_ERROR,
    bytesOf(
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
    ),
    'ASN1_OVERFLOW',
  ],
  [
    'a bad time',
    KRB_ERROR,
    bytesOf(tlv(0x7e, seq(ctx(0, int(5)), ctx(1, int(30)), ctx(4, tlv(0x18, [0x5a]))))),
    'ASN1_BAD_LENGTH',
  ],
];

describe('MIT error codes as measured', () => {
  it('computes the codes and texts MIT returned for each ASN.1 error', () => {
    for (const [errorName, [minor, text]] of Object.entries(MEASURED)) {
      // Object.entries loses the key type; the keys are MEASURED's own.
      const measured = code(errorName as keyof typeof MEASURED);
      expect([errorName, measured, errorMessage(measured)]).toEqual([errorName, minor, text]);
    }
  });

  it('fails each malformed reply with GSS_S_FAILURE and the measured code and text', () => {
    for (const [what, tokId, message, expected] of MALFORMED) {
      const decode = tokId === AP_REP ? decodeApRep : decodeKrbError;
      const [minor, text] = MEASURED[expected];
      expect([what, failure(() => decode(message))]).toEqual([
        what,
        { major: GSS_S_FAILURE, minor, texts: [text] },
      ]);
    }
  });
});

describeNative("MIT's decoder and the sim's agree", () => {
  let realm: MitRealm;
  let gss: GssApi;
  let target: Name;

  /** MIT's answer to `reply` as the second step of a fresh mutual-authentication context. */
  const mitReply = (token: Uint8Array) => {
    const flags = [RequirementFlag.mutualAuthentication];
    const first = gss.initSecContext(target, { flags });
    return failure(() => gss.initSecContext(target, { context: first.context, inputToken: token }));
  };

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    target = gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });
  });

  afterAll(async () => {
    await realm?.close();
  });

  it('fails every malformed reply with the same status as the sim decoder', () => {
    for (const [what, tokId, message] of MALFORMED) {
      const decode = tokId === AP_REP ? decodeApRep : decodeKrbError;
      expect([what, mitReply(frame(tokId, message))]).toEqual([
        what,
        failure(() => decode(message)),
      ]);
    }
  });

  it("reads a KRB-ERROR the sim encodes, and reports its error-code as MIT's minor status", () => {
    const error = encodeKrbError({
      stime: 1767225600,
      susec: 0,
      errorCode: 41,
      realm: realm.name,
      sname: { nameType: 3, nameString: ['host', realm.hostname] },
      eText: 'tampered',
    });
    const modified = code('KRB5KRB_AP_ERR_MODIFIED');
    expect(mitReply(frame(KRB_ERROR, error))).toEqual({
      major: GSS_S_FAILURE,
      minor: modified,
      texts: [errorMessage(modified)],
    });
  });

  it('rejects a mutated AP-REP with the same ASN.1 error as the sim, or else with no ASN.1 error', () => {
    const valid = encodeApRep({ encPart: { etype: 18, kvno: 3, cipher: new Uint8Array(40) } });
    const asn1Codes = new Set<number>(Object.values(MEASURED).map(([minor]) => minor));
    const edit = fc.record({ at: fc.nat({ max: valid.length - 1 }), byte: fc.nat({ max: 255 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const bytes = valid.slice();
        for (const { at, byte } of edits) bytes[at] = byte;
        // MIT's krb5_rd_rep first checks the identifier octet (KRB5KRB_AP_ERR_MSG_TYPE).
        fc.pre(((bytes[0] ?? 0) & ~0x20) === 0x4f);
        const mit = mitReply(frame(AP_REP, bytes));
        const sim = failure(() => decodeApRep(bytes));
        if ('minor' in sim) expect(mit).toEqual(sim);
        else expect('minor' in mit && asn1Codes.has(mit.minor)).toBe(false);
      }),
      { seed: 1859794432, numRuns: 300 },
    );
  });

  it("loses the ASN.1 code of a malformed AP-REQ in MIT's acceptor (minor 0 of the krb5 mech)", () => {
    const broken = frame(0x01, Uint8Array.of(0x6e, 0x02, 0x30, 0x00));
    let thrown: unknown;
    try {
      gss.acceptSecContext(broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GssError);
    if (!(thrown instanceof GssError)) return;
    // accept_sec_context.c jumps past `*minor_status = code` when decode_krb5_ap_req fails:
    // the krb5 mech's minor 0 reaches the caller as 0 ("Unknown error") or, depending on what
    // the process's mechglue mapped before, as a made-up number such as 100001 ("Success").
    expect(thrown.major).toBe(GSS_S_FAILURE);
    expect(thrown.minor).not.toBe(code('ASN1_MISSING_FIELD'));
    expect(thrown.minor === 0 ? ['Unknown error'] : ['Success']).toEqual(thrown.minorMessages);
  });
});
