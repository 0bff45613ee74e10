/**
 * The exported-context token in MIT krb5 1.20's format: snapshots survive a round trip, a
 * token MIT wrote reads field by field and writes back to the same bytes, and no input makes
 * the reader throw anything but a `GssError` with MIT's codes (measured against MIT in
 * export-token-mit.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enctypeProfile, KeyBlock } from '../../../../src/sim/crypto/index.js';
import { EINVAL, ENOMEM } from '../../../../src/sim/errors/index.js';
import type { KrbPrincipal } from '../../../../src/sim/krb5/client/principal.js';
import type { ContextSnapshot } from '../../../../src/sim/krb5/context/context-snapshot.js';
import type { EstablishedContext } from '../../../../src/sim/krb5/context/established-context.js';
import { inferredNameType } from '../../../../src/sim/krb5/context/export-principal.js';
import {
  exportContextToken,
  importContextToken,
  KRB5_MECH_OID,
} from '../../../../src/sim/krb5/context/export-token.js';
import type { InitiatorState } from '../../../../src/sim/krb5/context/initiator-token.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { SequenceState } from '../../../../src/spec/machines/sequence.js';
import {
  GSS_S_BAD_MECH,
  GSS_S_CALL_BAD_STRUCTURE,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
} from '../../../../src/spec/status.js';
import { catchGssError } from '../../../support/gss-flows.js';

const F = RequirementFlag;
const SEED = 0x5eed_0e1;

/** Keys as comparable data: vitest's `toEqual` does not see a KeyBlock's private octets. */
function comparable(value: unknown): unknown {
  if (value instanceof KeyBlock) {
    return { enctype: value.enctype, key: Buffer.from(value.contents()).toString('hex') };
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

const uint32 = fc.integer({ min: 0, max: 0xffff_ffff });
const key = fc
  .constantFrom(17, 18, 19, 20)
  .chain((enctype) =>
    fc
      .uint8Array({ minLength: enctypeProfile(enctype).keyLength, maxLength: 64 })
      .map((bytes) => new KeyBlock(enctype, bytes.subarray(0, enctypeProfile(enctype).keyLength))),
  );
const text = fc.string({ minLength: 1, maxLength: 8, unit: 'binary' });
const principal: fc.Arbitrary<KrbPrincipal> = fc
  .record({ components: fc.array(text, { minLength: 1, maxLength: 3 }), realm: text })
  .map(({ components, realm }) => ({
    realm,
    name: { nameType: inferredNameType(components), nameString: components },
  }));
const window: fc.Arbitrary<SequenceState> = fc
  .record({
    doReplay: fc.boolean(),
    doSequence: fc.boolean(),
    wide: fc.boolean(),
    baseHi: uint32,
    baseLo: uint32,
    nextHi: uint32,
    nextLo: uint32,
    mapHi: uint32,
    mapLo: uint32,
  })
  .map((state) => ({ ...state, baseHi: state.wide ? state.baseHi : 0 }));
/** GSS flags; MIT's one-leg initiator returns them without PROT_READY. */
const flagsFor = (initiator: boolean) =>
  fc.integer({ min: 0, max: 0x3fff }).map((flags) => {
    const oneLeg = initiator && (flags & F.mutualAuthentication) === 0;
    return oneLeg ? flags & ~F.protectionReady : flags;
  });

const established = (initiator: boolean): fc.Arbitrary<EstablishedContext> =>
  fc.record({
    initiator: fc.constant(initiator),
    flags: flagsFor(initiator),
    ctxKey: key,
    acceptorSubkey: fc.option(key, { nil: null }),
    sendSeq: uint32,
    recvSeq: uint32,
    endtime: uint32,
  });
const pending: fc.Arbitrary<InitiatorState> = fc.record({
  flags: fc.integer({ min: 0, max: 0x3fff }),
  sessionKey: key,
  subkey: key,
  seqNumber: uint32,
  ctime: uint32,
  cusec: uint32,
  endtime: uint32,
});
/** MIT's fields beyond the snapshot, each different from what export would write. */
const mit = fc.record(
  {
    krbFlags: fc.integer({ min: 1, max: 0x7fff_ffff }),
    renewTill: fc.integer({ min: 1, max: 0x7fff_ffff }),
    credRcache: fc.constant(1),
    authdata: fc.array(
      fc.record({ adType: fc.integer({ min: 1, max: 600 }), contents: fc.uint8Array() }),
      { minLength: 1, maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const snapshot: fc.Arbitrary<ContextSnapshot> = fc
  .record({
    initiator: fc.boolean(),
    waiting: fc.boolean(),
    initiatorName: principal,
    targetName: principal,
    authtime: uint32,
    sendSeq: fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn }),
    window: fc.option(window, { nil: undefined }),
    mit: fc.option(mit, { nil: undefined }),
  })
  .chain(({ initiator, waiting, window, mit, ...rest }): fc.Arbitrary<ContextSnapshot> => {
    const common = {
      ...rest,
      initiator,
      ...(mit === undefined || Object.keys(mit).length === 0 ? {} : { mit }),
    };
    if (initiator && waiting) return pending.map((state) => ({ ...common, pending: state }));
    return established(initiator).map((end) => ({
      ...common,
      established: end,
      ...(window === undefined ? {} : { window }),
    }));
  });

/**
 * A token MIT krb5 1.20 exported: an initiator with mutual authentication, replay and sequence
 * detection, after one wrap (keys of a throwaway test realm).
 */
const MIT_INITIATOR = Uint8Array.from(
  Buffer.from(
    '000000092a864886f712010202025ea108000000010000000100000001000000000000013e0000000000000000' +
      '0000000000000000ffffffff00000000ffffffff6b118a3b6b118a3b6b12dbbb00000000402900000000000023' +
      'dad84200000000328e4236970ea737000000092a864886f712010202970ea737970ea7010000001075736572' +
      '404b5242544553542e434f4d970ea701970ea7010000001a686f73742f6c6f63616c686f7374404b52425445' +
      '53542e434f4d970ea701970ea7030000001200000020bf4245e045153b21dca994ae64caf7e78498766732b4' +
      'd32fd0038fdc70b2fa77970ea703970ea7380100000001000000ffffffffffffffff36428e32000000000000' +
      '0000000000000000000000000000970ea738970ea72400000000000000000000012c00000010000000010000' +
      '000000000504970ea725000000000000000000000001970ea725aaca601200000001000000242f746d702f67' +
      '73736170692d73696d2d6d69742d6c744f5056502f6b7262352e636f6e66aaca6012970ea724970ea7290000' +
      '0004328e423623dad841000080030000000000000000000e8288970ea70300000012000000207e896cc54220' +
      '1fda04a7e93410b7cea5628fa9937fd47f482a2431a8926ef6c6970ea703000e8289970ea703000000120000' +
      '00203e52470d0f1fc1aa0a262aa11bc4ef3b89fb1d11021fc59ff6da6c0dc4eb469b970ea703000e828a970e' +
      'a70300000012000000203e52470d0f1fc1aa0a262aa11bc4ef3b89fb1d11021fc59ff6da6c0dc4eb469b970e' +
      'a703970ea70e6b118a3b000bd2d423dad841970ea7030000001200000020bf4245e045153b21dca994ae64ca' +
      'f7e78498766732b4d32fd0038fdc70b2fa77970ea70300000000970ea70e970ea72900000001000000109' +
      '70ea70300000012000000203e52470d0f1fc1aa0a262aa11bc4ef3b89fb1d11021fc59ff6da6c0dc4eb469b' +
      '970ea703000000100000000000000000025ea108',
    'hex',
  ),
);

describe('exportContextToken and importContextToken', () => {
  it('a snapshot comes back from its token unchanged', () => {
    fc.assert(
      fc.property(snapshot, (original) => {
        const back = importContextToken(exportContextToken(original));
        expect(comparable(back)).toEqual(comparable(original));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("a token comes back from its snapshot byte for byte, MIT's included", () => {
    fc.assert(
      fc.property(snapshot, (original) => {
        const token = exportContextToken(original);
        expect(exportContextToken(importContextToken(token))).toEqual(token);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(exportContextToken(importContextToken(MIT_INITIATOR))).toEqual(MIT_INITIATOR);
  });

  it("reads MIT's initiator token field by field", () => {
    const read = importContextToken(MIT_INITIATOR);
    const end = read.established;
    if (end === undefined) throw new Error('expected an established snapshot');

    expect(read.initiator).toBe(true);
    expect(read.authtime).toBe(0x6b11_8a3b);
    expect(read.initiatorName).toEqual({
      realm: 'KRBTEST.COM',
      name: { nameType: 1, nameString: ['user'] },
    });
    expect(read.targetName.name.nameString).toEqual(['host', 'localhost']);
    expect(end.flags).toBe(
      F.mutualAuthentication |
        F.replayDetection |
        F.outOfSequenceDetection |
        F.confidentiality |
        F.integrity |
        F.transferable,
    );
    expect(end.sendSeq).toBe(0x23da_d841);
    expect(read.sendSeq).toBe(0x23da_d842n);
    expect(end.recvSeq).toBe(0x328e_4236);
    expect(end.endtime).toBe(0x6b12_dbbb);
    expect(end.ctxKey.enctype).toBe(18);
    expect(Buffer.from(end.ctxKey.contents()).toString('hex')).toMatch(/^bf4245e0/);
    expect(end.acceptorSubkey?.enctype).toBe(18);
    expect(read.window).toEqual({
      doReplay: true,
      doSequence: true,
      wide: true,
      baseHi: 0,
      baseLo: 0x328e_4236,
      nextHi: 0,
      nextLo: 0,
      mapHi: 0,
      mapLo: 0,
    });
    // Every other field is what export writes for the snapshot alone.
    expect(Object.keys(read.mit ?? {}).sort()).toEqual(['authContext', 'krb5Context', 'krbFlags']);
    expect(read.mit?.krbFlags).toBe(0x4029_0000);
    expect(read.mit?.krb5Context?.profileFiles).toEqual(['/tmp/gssapi-sim-mit-ltOPVP/krb5.conf']);
    expect(read.mit?.authContext?.key?.enctype).toBe(18);
  });

  it('writes the mechglue prefix, the krb5 OID and the KG_CONTEXT magic numbers', () => {
    const token = exportContextToken(importContextToken(MIT_INITIATOR));
    expect(token.subarray(0, 4)).toEqual(Uint8Array.of(0, 0, 0, 9));
    expect(token.subarray(4, 13)).toEqual(KRB5_MECH_OID);
    expect(token.subarray(13, 17)).toEqual(Uint8Array.of(0x02, 0x5e, 0xa1, 0x08));
    expect(token.subarray(-4)).toEqual(Uint8Array.of(0x02, 0x5e, 0xa1, 0x08));
  });

  it('refuses to export an acceptor that is not established', () => {
    const read = importContextToken(MIT_INITIATOR);
    const { established: _end, ...rest } = read;
    expect(() => exportContextToken({ ...rest, initiator: false })).toThrow(RangeError);
  });

  describe('damaged tokens fail as MIT fails (measured)', () => {
    const cases: [string, Uint8Array, number, number][] = [
      [
        'an empty token',
        new Uint8Array(0),
        GSS_S_CALL_INACCESSIBLE_READ | GSS_S_DEFECTIVE_TOKEN,
        0,
      ],
      ['one octet', Uint8Array.of(1), GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN, 0],
      [
        'an OID length of 0',
        Uint8Array.of(0, 0, 0, 0, 1),
        GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN,
        0,
      ],
      [
        'an OID past the end',
        Uint8Array.of(0, 0, 0, 9, 1),
        GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN,
        0,
      ],
      [
        'an unknown mechanism',
        Uint8Array.from([0, 0, 0, 3, 0x2a, 3, 4, ...MIT_INITIATOR.subarray(13)]),
        GSS_S_BAD_MECH,
        0,
      ],
      [
        'the SPNEGO OID',
        Uint8Array.from([0, 0, 0, 6, 0x2b, 6, 1, 5, 5, 2, ...MIT_INITIATOR.subarray(13)]),
        GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN,
        0,
      ],
      ['the OID alone', MIT_INITIATOR.subarray(0, 13), GSS_S_FAILURE, EINVAL],
      [
        'a wrong KG_CONTEXT magic',
        Uint8Array.from([
          ...MIT_INITIATOR.subarray(0, 13),
          0,
          0,
          0,
          0,
          ...MIT_INITIATOR.subarray(17),
        ]),
        GSS_S_FAILURE,
        EINVAL,
      ],
      ['the magic alone', MIT_INITIATOR.subarray(0, 17), GSS_S_FAILURE, ENOMEM],
      ['99 octets after the magic', MIT_INITIATOR.subarray(0, 17 + 99), GSS_S_FAILURE, ENOMEM],
      ['100 octets after the magic', MIT_INITIATOR.subarray(0, 17 + 100), GSS_S_FAILURE, EINVAL],
      [
        'a truncated closing magic',
        MIT_INITIATOR.subarray(0, MIT_INITIATOR.length - 1),
        GSS_S_FAILURE,
        ENOMEM,
      ],
      [
        'no closing magic',
        MIT_INITIATOR.subarray(0, MIT_INITIATOR.length - 4),
        GSS_S_FAILURE,
        ENOMEM,
      ],
    ];
    for (const [label, token, major, minor] of cases) {
      it(`${label}: major ${major.toString(16)}, minor ${minor}`, () => {
        const error = catchGssError(() => importContextToken(token));
        expect(error.major).toBe(major);
        expect(error.minor).toBe(minor);
      });
    }

    it('bytes after the context are ignored', () => {
      const longer = Uint8Array.from([...MIT_INITIATOR, 1, 2, 3]);
      expect(exportContextToken(importContextToken(longer))).toEqual(MIT_INITIATOR);
    });

    it('the pre-RFC, Microsoft and IAKERB OIDs reach the krb5 mechanism', () => {
      for (const oid of [
        [0x2b, 5, 1, 5, 2],
        [0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 1, 2, 2],
        [0x2b, 6, 1, 5, 2, 5],
      ]) {
        const token = Uint8Array.from([0, 0, 0, oid.length, ...oid, ...MIT_INITIATOR.subarray(13)]);
        expect(importContextToken(token).initiator).toBe(true);
      }
    });

    it('random and mutated inputs throw nothing but GssError', () => {
      const valid = fc.oneof(
        fc.constant(MIT_INITIATOR),
        snapshot.map((value) => exportContextToken(value)),
      );
      const mutated = fc
        .tuple(
          valid,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
          fc.nat(),
        )
        .map(([token, edits, cut]) => {
          const copy = token.slice(0, token.length - (cut % 8 === 0 ? cut % token.length : 0));
          for (const [at, byte] of edits) if (copy.length > 0) copy[at % copy.length] = byte;
          return copy;
        });
      const input = fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated);
      fc.assert(
        fc.property(input, (token) => {
          try {
            importContextToken(token);
          } catch (error) {
            expect(error).toBeInstanceOf(GssError);
          }
        }),
        { seed: SEED, numRuns: 10_000 },
      );
    });
  });
});
