import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  frameInitialContextToken,
  mechOfAcceptorToken,
  parseInitialContextToken,
} from '../../src/spec/framing.js';
import { OID } from '../../src/spec/oid.js';
import { MechType } from '../../src/spec/oids.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const KRB5 = '06092a864886f712010202';

describe('initial context token framing (RFC 2743 §3.1)', () => {
  it('frames a short krb5 token with a one-octet length', () => {
    const token = frameInitialContextToken(MechType.kerberos, Uint8Array.of(0x01, 0x00, 0xaa));

    expect(hex(token)).toBe(`600e${KRB5}0100aa`);
  });

  it('uses the long length form from 128 octets of content on', () => {
    const token = frameInitialContextToken(MechType.kerberos, new Uint8Array(200));

    expect(hex(token.subarray(0, 14))).toBe(`6081d3${KRB5}`);
    expect(token.length).toBe(3 + 211);
  });

  it('gives back the mechanism and inner token it framed, for any OID and token', () => {
    const arcs = fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }))
      .chain(([first, second]) =>
        fc
          .array(fc.integer({ min: 0, max: 2 ** 31 }), { maxLength: 8 })
          .map((rest) => [first, second, ...rest]),
      );

    fc.assert(
      fc.property(arcs, fc.uint8Array({ maxLength: 70_000 }), (mechArcs, inner) => {
        const mech = OID.fromArcs(mechArcs);
        const parsed = parseInitialContextToken(frameInitialContextToken(mech, inner));

        expect(parsed?.mech.equals(mech)).toBe(true);
        expect(parsed?.innerToken).toEqual(inner);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a wrong tag, a length that disagrees with the size, and a missing OID', () => {
    const token = frameInitialContextToken(MechType.kerberos, Uint8Array.of(1, 2, 3));

    expect(parseInitialContextToken(Uint8Array.of(0x61, ...token.subarray(1)))).toBeNull();
    expect(parseInitialContextToken(token.subarray(0, token.length - 1))).toBeNull();
    expect(parseInitialContextToken(Uint8Array.of(...token, 0))).toBeNull();
    expect(parseInitialContextToken(Uint8Array.of(0x60, 0x02, 0x05, 0x00))).toBeNull();
    expect(parseInitialContextToken(new Uint8Array())).toBeNull();
  });

  it('rejects lengths that are not minimal DER', () => {
    expect(parseInitialContextToken(Uint8Array.of(0x60, 0x81, 0x03, 0x06, 0x01, 0x2a))).toBeNull();
    expect(parseInitialContextToken(Uint8Array.of(0x60, 0x80, 0x06, 0x01, 0x2a))).toBeNull();
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const withTag = Uint8Array.of(0x60, ...bytes);
        expect(() => parseInitialContextToken(withTag)).not.toThrow();
        expect(() => parseInitialContextToken(bytes)).not.toThrow();
      }),
    );
  });
});

describe('mechOfAcceptorToken', () => {
  it("chooses the mechanism of a first token as MIT's mechglue does", () => {
    const ntlm = Uint8Array.of(...new TextEncoder().encode('NTLMSSP'), 0, 1, 0, 0, 0);
    const framed = frameInitialContextToken(MechType.iakerb, Uint8Array.of(5));

    expect(mechOfAcceptorToken(ntlm)?.dottedForm).toBe('1.3.6.1.4.1.311.2.2.10');
    expect(mechOfAcceptorToken(Uint8Array.of(0x6e, 0x82, 0x01))).toBe(MechType.kerberos);
    expect(mechOfAcceptorToken(new Uint8Array())).toBe(MechType.spnego);
    expect(mechOfAcceptorToken(framed)?.equals(MechType.iakerb)).toBe(true);
    expect(mechOfAcceptorToken(Uint8Array.of(0x30, 0x00))).toBeNull();
  });
});
