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
import { decodeKgContext } from '../../../../src/sim/krb5/context/export-decode.js';
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
/** A DCE-style acceptor between its legs: MIT's flags always hold DCE style and mutual. */
const dce = fc.record({
  context: fc.record({
    initiator: fc.constant(false),
    flags: flagsFor(false).map((flags) => flags | F.dceStyle | F.mutualAuthentication),
    ctxKey: key,
    acceptorSubkey: key,
    sendSeq: uint32,
    recvSeq: uint32,
    endtime: uint32,
  }),
  sessionKey: key,
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
    // Import always reads a window: the one given, or the one MIT writes between the legs.
    if (waiting) {
      return dce.map((state) => ({
        ...common,
        dce: state,
        window: window ?? {
          doReplay: (state.context.flags & F.replayDetection) !== 0,
          doSequence: (state.context.flags & F.outOfSequenceDetection) !== 0,
          wide: false,
          baseHi: 0,
          baseLo: state.context.recvSeq,
          nextHi: 0,
          nextLo: 0,
          mapHi: 0,
          mapLo: 0,
        },
      }));
    }
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

/**
 * A token MIT krb5 1.20 exported: a DCE-style acceptor (flags DCE, mutual, confidentiality,
 * integrity, transferable) after its AP-REP, waiting for the initiator's third token (keys of
 * a throwaway test realm).
 */
const MIT_DCE_ACCEPTOR = Uint8Array.from(
  Buffer.from(
    '000000092a864886f712010202025ea108000000000000000000000001000000000000113200000000000000' +
      '000000000000000000ffffffff00000000ffffffff6b119c2b000000006b12edab0000000040290000000000' +
      '0035ba633500000000277f9a03970ea737000000092a864886f712010202970ea737970ea7010000001a686f' +
      '73742f6c6f63616c686f7374404b5242544553542e434f4d970ea701970ea7010000001075736572404b5242' +
      '544553542e434f4d970ea701970ea7030000001200000020db72d12c4659961aba62a7f041474adc1e28f49d' +
      '38535d53ae99abeaed6f5004970ea703970ea7380000000000000000ffffffff00000000039a7f2700000000' +
      '00000000000000000000000000000000970ea738970ea72400000000000000000000012c0000001000000001' +
      '0000000000000504970ea725000000000000000000000000970ea725aaca601200000001000000242f746d70' +
      '2f6773736170692d73696d2d6d69742d6e58726172612f6b7262352e636f6e66aaca6012970ea724970ea729' +
      '00000024277f9a0335ba6335000000000000000000000000000e8288970ea70300000012000000200770335a' +
      'ab6f28ea4ab193ad7f4e075d7dcde116b84bc3def55d0dc976fc22f5970ea703000e8289970ea70300000012' +
      '0000002070b081f5255a9368980a2f69f35ddbed8cea358ee96968dbdfbec3dd6c4c6250970ea703000e828a' +
      '970ea703000000120000002070b081f5255a9368980a2f69f35ddbed8cea358ee96968dbdfbec3dd6c4c6250' +
      '970ea703970ea70e6b119c2b00025a1e277f9a03970ea7010000001075736572404b5242544553542e434f4d' +
      '970ea701970ea7040000800300000018100000000000000000000000000000000000000032110000970ea704' +
      '970ea7030000001200000020db72d12c4659961aba62a7f041474adc1e28f49d38535d53ae99abeaed6f5004' +
      '970ea70300000000970ea70e970ea7290000000100000000970ea703000000120000002070b081f5255a9368' +
      '980a2f69f35ddbed8cea358ee96968dbdfbec3dd6c4c6250970ea703000000100000000000000001970ea70a' +
      '00000001000000a230819f30819ca00402020080a1819304819004000000000000000a000000120000004800' +
      '0000000000001000000010000000600000000000000006000000100000007000000000000000070000001000' +
      '0000800000000000000080c715694583dd0108007500730065007200000000000000100000001590ded74403' +
      'f3ae8694e52310000000da4554e3f6fce3f73de3666a100000000ebeef6bb83296a14f8250b1970ea70a970e' +
      'a73c00000002000000056d737061630000009004000000000000000a00000012000000480000000000000010' +
      '0000001000000060000000000000000600000010000000700000000000000007000000100000008000000000' +
      '00000080c715694583dd0108007500730065007200000000000000100000001590ded74403f3ae8694e52310' +
      '000000da4554e3f6fce3f73de3666a100000000ebeef6bb83296a14f8250b100000001000000196175746865' +
      '6e7469636174696f6e2d696e64696361746f727300000000970ea73c025ea108',
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

  it('refuses to export an acceptor neither established nor waiting for a DCE third token', () => {
    const read = importContextToken(MIT_INITIATOR);
    const { established: _end, ...rest } = read;
    expect(() => exportContextToken({ ...rest, initiator: false })).toThrow(RangeError);
  });

  it("reads MIT's DCE-style acceptor between its legs field by field and writes it back", () => {
    const read = importContextToken(MIT_DCE_ACCEPTOR);
    const state = read.dce;
    if (state === undefined) throw new Error('expected a waiting DCE acceptor');

    expect(read.initiator).toBe(false);
    expect(read.established).toBeUndefined();
    expect(read.pending).toBeUndefined();
    expect(read.initiatorName.name.nameString).toEqual(['user']);
    expect(read.targetName.name.nameString).toEqual(['host', 'localhost']);
    expect(read.authtime).toBe(0x6b11_9c2b);
    expect(state.context).toMatchObject({
      initiator: false,
      flags: F.dceStyle | F.mutualAuthentication | F.confidentiality | F.integrity | F.transferable,
      sendSeq: 0x35ba_6335,
      recvSeq: 0x277f_9a03,
      endtime: 0x6b12_edab,
    });
    expect(read.sendSeq).toBe(0x35ba_6335n);
    const hex = (value: KeyBlock | null | undefined) =>
      value ? Buffer.from(value.contents()).toString('hex').slice(0, 8) : null;
    expect([state.sessionKey, state.context.ctxKey, state.context.acceptorSubkey].map(hex)).toEqual(
      ['0770335a', 'db72d12c', '70b081f5'],
    );
    expect(read.window).toEqual({
      doReplay: false,
      doSequence: false,
      wide: false,
      baseHi: 0,
      baseLo: 0x277f_9a03,
      nextHi: 0,
      nextLo: 0,
      mapHi: 0,
      mapLo: 0,
    });
    // Every other field is what export writes for the snapshot alone.
    expect(Object.keys(read.mit ?? {}).sort()).toEqual([
      'adContext',
      'authContext',
      'authdata',
      'krb5Context',
      'krbFlags',
    ]);
    expect(read.mit?.authContext?.authenticator?.seqNumber).toBe(0x277f_9a03);
    expect(exportContextToken(read)).toEqual(MIT_DCE_ACCEPTOR);
  });

  it("a waiting DCE acceptor's own snapshot writes what MIT holds between the legs", () => {
    const { mit: _mit, window: _window, ...own } = importContextToken(MIT_DCE_ACCEPTOR);
    const token = exportContextToken(own);
    const record = decodeKgContext(token.subarray(13));
    const ours = importContextToken(token);
    const theirs = decodeKgContext(MIT_DCE_ACCEPTOR.subarray(13));

    expect([record.initiate, record.established, record.haveAcceptorSubkey]).toEqual([0, 0, 1]);
    for (const field of ['gssFlags', 'seqSend', 'seqRecv', 'seqState', 'cksumtype'] as const) {
      expect(comparable(record[field]), field).toEqual(comparable(theirs[field]));
    }
    expect(record.acceptorSubkeyCksumtype).toBe(theirs.acceptorSubkeyCksumtype);
    const { authenticator: _a, ...auth } = record.authContext;
    const { authenticator: _b, ...mitAuth } = theirs.authContext;
    expect(comparable(auth)).toEqual(comparable(mitAuth));
    expect(ours.mit).toBeUndefined();
    expect(comparable(ours.dce)).toEqual(comparable(own.dce));
  });

  it('refuses a waiting acceptor without DCE style, which the sim cannot continue', () => {
    const token = MIT_DCE_ACCEPTOR.slice();
    // gssFlags is the fifth word after the KG_CONTEXT magic: clear GSS_C_DCE_STYLE.
    const flags = new DataView(token.buffer).getUint32(33);
    new DataView(token.buffer).setUint32(33, flags & ~F.dceStyle);

    const error = catchGssError(() => importContextToken(token));
    expect([error.major, error.minor]).toEqual([GSS_S_FAILURE, EINVAL]);
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
