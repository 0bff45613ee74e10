/**
 * The sim's RFC 4121 tokens against MIT krb5 on a real realm: a context is established on MIT,
 * one end is exported with `krb5ExportLucidSecContext` and rebuilt in the sim, and the sim then
 * talks to MIT's other end, which stays alive. A second sim end mirrors that live MIT end
 * (same keys and sequence numbers), so that every delivery can be made to both and compared.
 */

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import {
  aesCtsDecrypt,
  type Enctype,
  enctypeProfile,
  KeyBlock,
  usageKey,
} from '../../../../src/sim/crypto/index.js';
import {
  createMessageProtection,
  type MessageProtection,
  tokenKeyUsage,
} from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import type { SecurityContext } from '../../../../src/spec/handles.js';
import type { Krb5LucidContext } from '../../../../src/spec/results.js';
import { mechglueMappedMinor } from '../../../conformance/flows.js';
import { establishPair } from '../../../support/gss-flows.js';
import { describeNative } from '../../../support/native.js';
import { ENCTYPES, type Outcome, outcome } from './sim-pair.js';

const BASE_FLAGS = [
  RequirementFlag.mutualAuthentication,
  RequirementFlag.confidentiality,
  RequirementFlag.integrity,
];
const ALL_FLAGS = [
  ...BASE_FLAGS,
  RequirementFlag.replayDetection,
  RequirementFlag.outOfSequenceDetection,
];
const random = createRandom('mit interop');
const randomBytes = (n: number) => random.bytes(n);

/** A live MIT end, the sim end rebuilt from its peer's lucid export, and a sim mirror of it. */
interface Link {
  /** The MIT end that was not exported. */
  readonly live: SecurityContext;
  /** The sim end made from the other end's lucid context. */
  readonly sim: MessageProtection;
  /** A sim end with the live end's keys, sequence numbers and flags. */
  readonly mirror: MessageProtection;
  /** The exported end's lucid context. */
  readonly lucid: Krb5LucidContext;
  /** Tokens the exported end made on MIT before its export, in order. */
  readonly recorded: readonly Uint8Array[];
}

interface LinkOptions {
  readonly enctype: Enctype;
  readonly exported: 'initiator' | 'acceptor';
  readonly flags?: readonly RequirementFlag[];
  /** Makes tokens on the end about to be exported, which the sim must then reproduce. */
  readonly record?: (context: SecurityContext) => Uint8Array[];
  /** Where the sim end's confounders come from. */
  readonly random?: (n: number) => Uint8Array;
}

/** Whether a sim outcome is MIT's: same class, major, message; minor 0 may be renumbered. */
function expectSameOutcome(sim: Outcome, mit: Outcome): void {
  if (mit.ok || sim.ok) {
    expect({ ok: sim.ok, value: sim.ok ? plain(sim.value) : sim }).toEqual({
      ok: mit.ok,
      value: mit.ok ? plain(mit.value) : mit,
    });
    return;
  }
  expect(sim.name).toBe(mit.name);
  expect(sim.major).toBe(mit.major);
  if (sim.minor === 0) expect(mit.minor === 0 || mechglueMappedMinor(mit.minor)).toBe(true);
  else expect(sim.minor).toBe(mit.minor);
}

/** A call result with its byte arrays as plain `Uint8Array`s, to compare across backends. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

describeNative('RFC 4121 tokens of the sim against MIT krb5', () => {
  let realm: MitRealm;
  let gss: GssApi;

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    // The host principal's keys are aes*-sha1 only; let the KDC issue aes*-sha2 session keys.
    execFileSync(
      'kadmin.local',
      [
        '-q',
        `setstr host/${realm.hostname} session_enctypes aes256-sha2,aes128-sha2,aes256-cts,aes128-cts`,
      ],
      { stdio: 'ignore' },
    );
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  function link(options: LinkOptions): Link {
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    gss.krb5SetAllowableEnctypes(creds, [options.enctype]);
    const pair = establishPair(gss, realm.hostname, { flags: options.flags ?? ALL_FLAGS, creds });
    gss.releaseCred(creds);
    const [exported, live] =
      options.exported === 'initiator'
        ? [pair.initiator, pair.acceptor]
        : [pair.acceptor, pair.initiator];
    const exportedFlags = gss.inquireContext(exported).flags;
    const liveFlags = gss.inquireContext(live).flags;
    const recorded = options.record?.(exported) ?? [];

    const lucid = gss.krb5ExportLucidSecContext(exported, 1);
    if (lucid.protocol !== 1) throw new Error('expected an RFC 4121 context');
    const kd = lucid.cfxKd;
    expect(kd.ctxKeyType).toBe(options.enctype);
    const ctxKey = new KeyBlock(kd.ctxKeyType, kd.ctxKey);
    const acceptorSubkey =
      kd.acceptorSubkey === null || kd.acceptorSubkeyType === null
        ? null
        : new KeyBlock(kd.acceptorSubkeyType, kd.acceptorSubkey);
    const exportedInitialSeq = lucid.sendSeq - BigInt(recorded.length);

    return {
      live,
      lucid,
      recorded,
      sim: createMessageProtection({
        initiator: lucid.isInitiator,
        ctxKey,
        acceptorSubkey,
        sendSeq: lucid.sendSeq,
        recvSeq: lucid.recvSeq,
        replayDetection: exportedFlags?.has(RequirementFlag.replayDetection) === true,
        outOfSequenceDetection: exportedFlags?.has(RequirementFlag.outOfSequenceDetection) === true,
        random: options.random ?? randomBytes,
      }),
      mirror: createMessageProtection({
        initiator: !lucid.isInitiator,
        ctxKey,
        acceptorSubkey,
        sendSeq: lucid.recvSeq,
        recvSeq: exportedInitialSeq,
        replayDetection: liveFlags?.has(RequirementFlag.replayDetection) === true,
        outOfSequenceDetection: liveFlags?.has(RequirementFlag.outOfSequenceDetection) === true,
        random: randomBytes,
      }),
    };
  }

  const sides = ['initiator', 'acceptor'] as const;
  const messages = [new Uint8Array(0), Uint8Array.of(0x42), random.bytes(1000)];

  describe.each(ENCTYPES)('enctype %i', (enctype) => {
    it.each(sides)('verifies and unwraps what MIT makes, when the %s is the sim', (exported) => {
      const { live, sim } = link({ enctype, exported });

      for (const message of messages) {
        expect(sim.verifyMic(message, gss.getMic(live, message))).toBe(0);
        for (const confidential of [true, false]) {
          const token = gss.wrap(live, message, { confidential }).message;
          expect(sim.unwrap(token)).toEqual({ message, encrypted: confidential, qop: 0 });
        }
      }
      gss.deleteSecContext(live);
    });

    it.each(sides)('makes tokens MIT verifies and unwraps, when the %s is the sim', (exported) => {
      const { live, sim } = link({ enctype, exported });

      for (const message of messages) {
        expect(gss.verifyMic(live, message, sim.getMic(message))).toBe(0);
        for (const confidential of [true, false]) {
          const unwrapped = gss.unwrap(live, sim.wrap(message, { confidential }).message);
          expect(plain(unwrapped)).toEqual({ message, encrypted: confidential, qop: 0 });
        }
      }
      gss.deleteSecContext(live);
    });

    it.each(sides)(
      'makes the %s tokens MIT made, byte for byte, from the same sequence number',
      (exported) => {
        const [m1, m2, m3] = [random.bytes(33), random.bytes(17), random.bytes(64)];
        let confounder = new Uint8Array(0);
        const { recorded, live, mirror, lucid } = link({
          enctype,
          exported,
          record: (context) => [
            gss.getMic(context, m1),
            gss.wrap(context, m2, { confidential: false }).message,
            gss.wrap(context, m3, { confidential: true }).message,
          ],
          random: () => confounder,
        });
        const kd = lucid.cfxKd;
        if (kd === null) throw new Error('expected an RFC 4121 context');
        const key =
          kd.acceptorSubkey !== null && kd.acceptorSubkeyType !== null
            ? new KeyBlock(kd.acceptorSubkeyType, kd.acceptorSubkey)
            : new KeyBlock(kd.ctxKeyType, kd.ctxKey);
        const [mic, unsealed, sealed] = recorded;
        if (mic === undefined || unsealed === undefined || sealed === undefined) throw new Error();

        // MIT's confounder: the first block of the CTS plaintext under Ke of the sender's usage.
        const profile = enctypeProfile(enctype);
        const ke = usageKey(profile, key, tokenKeyUsage('wrap', lucid.isInitiator), 'Ke');
        const ciphertext = sealed.subarray(16, sealed.length - profile.trailerLength);
        confounder = aesCtsDecrypt(ke, new Uint8Array(16), ciphertext).output.slice(0, 16);

        const replay = createMessageProtection({
          initiator: lucid.isInitiator,
          ctxKey: new KeyBlock(kd.ctxKeyType, kd.ctxKey),
          acceptorSubkey:
            kd.acceptorSubkey === null || kd.acceptorSubkeyType === null
              ? null
              : new KeyBlock(kd.acceptorSubkeyType, kd.acceptorSubkey),
          sendSeq: lucid.sendSeq - 3n,
          recvSeq: lucid.recvSeq,
          replayDetection: true,
          outOfSequenceDetection: true,
          random: () => confounder,
        });
        expect(replay.getMic(m1)).toEqual(Uint8Array.from(mic));
        expect(replay.wrap(m2, { confidential: false }).message).toEqual(Uint8Array.from(unsealed));
        expect(replay.wrap(m3).message).toEqual(Uint8Array.from(sealed));

        // And the mirror of the live end makes what the live end makes.
        expect(mirror.getMic(m1)).toEqual(Uint8Array.from(gss.getMic(live, m1)));
        const liveUnsealed = gss.wrap(live, m2, { confidential: false }).message;
        expect(mirror.wrap(m2, { confidential: false }).message).toEqual(
          Uint8Array.from(liveUnsealed),
        );
        gss.deleteSecContext(live);
      },
    );

    it('gives MIT wrapSizeLimit for sizes 0 to 65536, sealed and unsealed', () => {
      const { live, mirror } = link({ enctype, exported: 'initiator' });
      const sizes = [
        ...Array.from({ length: 300 }, (_, index) => index),
        ...Array.from({ length: 300 }, () => random.uint32() % 65537),
        65535,
        65536,
      ];

      for (const confidential of [true, false]) {
        for (const size of sizes) {
          expect(mirror.wrapSizeLimit(size, { confidential }), `size ${size}`).toBe(
            gss.wrapSizeLimit(live, size, { confidential }),
          );
        }
      }
      gss.deleteSecContext(live);
    });

    it('answers every single-bit flip of a sim token as MIT answers it', () => {
      const { live, sim, mirror } = link({ enctype, exported: 'initiator' });

      fc.assert(
        fc.property(
          fc.constantFrom('sealed', 'unsealed', 'mic'),
          fc.uint8Array({ maxLength: 64 }),
          fc.nat(),
          (kind, message, bit) => {
            const token =
              kind === 'mic'
                ? sim.getMic(message)
                : sim.wrap(message, { confidential: kind === 'sealed' }).message;
            const position = bit % (token.length * 8);
            token[position >> 3] = (token[position >> 3] ?? 0) ^ (1 << (position & 7));

            const deliver = (receiver: {
              verifyMic(m: Uint8Array, t: Uint8Array): number;
              unwrap(t: Uint8Array): unknown;
            }) =>
              outcome(() =>
                kind === 'mic' ? receiver.verifyMic(message, token) : receiver.unwrap(token),
              );
            const mit = deliver({
              verifyMic: (m, t) => gss.verifyMic(live, m, t),
              unwrap: (t) => gss.unwrap(live, t),
            });
            expectSameOutcome(deliver(mirror), mit);
          },
        ),
        { numRuns: 300 },
      );
      gss.deleteSecContext(live);
    });
  });

  it('answers truncated, extended, reframed and foreign tokens as MIT answers them', () => {
    const { live, sim, mirror } = link({ enctype: 18, exported: 'acceptor' });
    const krb5Oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];
    const frame = (token: Uint8Array, oid: readonly number[]) => {
      const inner = [0x06, oid.length, ...oid, ...token];
      const length =
        inner.length < 0x80 ? [inner.length] : [0x82, inner.length >> 8, inner.length & 0xff];
      return Uint8Array.from([0x60, ...length, ...inner]);
    };
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('append' as const),
        extra: fc.uint8Array({ minLength: 1, maxLength: 20 }),
      }),
      fc.record({
        kind: fc.constant('frame' as const),
        oid: fc.constantFrom(krb5Oid, [0x2b, 0x05, 0x01, 0x05, 0x02]),
      }),
      fc.record({ kind: fc.constant('header' as const), at: fc.nat(15), value: fc.nat(255) }),
      fc.record({ kind: fc.constant('own' as const) }),
      fc.record({
        kind: fc.constant('garbage' as const),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }),
      }),
    );

    fc.assert(
      fc.property(
        fc.constantFrom('sealed', 'unsealed', 'mic'),
        fc.uint8Array({ maxLength: 40 }),
        mutation,
        (kind, message, change) => {
          const maker = change.kind === 'own' ? mirror : sim;
          const made =
            kind === 'mic'
              ? maker.getMic(message)
              : maker.wrap(message, { confidential: kind === 'sealed' }).message;
          let token: Uint8Array;
          if (change.kind === 'truncate') token = made.subarray(0, change.at % made.length);
          else if (change.kind === 'append') token = Uint8Array.from([...made, ...change.extra]);
          else if (change.kind === 'frame') token = frame(made, change.oid);
          else if (change.kind === 'header')
            token = Uint8Array.from(made).fill(change.value, change.at, change.at + 1);
          else if (change.kind === 'garbage') token = change.bytes;
          else token = made;

          const mit = outcome(() =>
            kind === 'mic' ? gss.verifyMic(live, message, token) : gss.unwrap(live, token),
          );
          expectSameOutcome(
            outcome(() =>
              kind === 'mic' ? mirror.verifyMic(message, token) : mirror.unwrap(token),
            ),
            mit,
          );
        },
      ),
      { numRuns: 500 },
    );
    gss.deleteSecContext(live);
  });

  describe('the sequence window', () => {
    const combinations = [
      { replay: false, sequence: false },
      { replay: true, sequence: false },
      { replay: false, sequence: true },
      { replay: true, sequence: true },
    ];

    it.each(combinations)(
      'reports duplicate, old, late and early tokens as MIT does (replay $replay, sequence $sequence)',
      ({ replay, sequence }) => {
        const flags = [
          ...BASE_FLAGS,
          ...(replay ? [RequirementFlag.replayDetection] : []),
          ...(sequence ? [RequirementFlag.outOfSequenceDetection] : []),
        ];
        const deliveries = fc.record({
          mic: fc.boolean(),
          exported: fc.constantFrom(...sides),
          order: fc.array(fc.nat(90), { minLength: 1, maxLength: 30 }),
        });

        fc.assert(
          fc.property(deliveries, ({ mic, exported, order }) => {
            const { live, sim, mirror } = link({
              enctype: ENCTYPES[order.length % ENCTYPES.length] ?? 17,
              exported,
              flags,
            });
            const count = Math.max(...order) + 1;
            const tokens = Array.from({ length: count }, (_, index) =>
              mic
                ? sim.getMic(Uint8Array.of(index))
                : sim.wrap(Uint8Array.of(index), { confidential: index % 2 === 0 }).message,
            );

            for (const index of order) {
              const token = tokens[index] ?? new Uint8Array(0);
              const message = Uint8Array.of(index);
              const mit = outcome(() =>
                mic ? gss.verifyMic(live, message, token) : gss.unwrap(live, token),
              );
              const simmed = outcome(() =>
                mic ? mirror.verifyMic(message, token) : mirror.unwrap(token),
              );
              expectSameOutcome(simmed, mit);
            }
            gss.deleteSecContext(live);
          }),
          { numRuns: 15 },
        );
      },
    );
  });
});
