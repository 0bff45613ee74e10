/**
 * The sim's IOV and AEAD tokens against MIT krb5 1.20 on a real realm. A context is
 * established on MIT (DCE style or not), one end is exported with
 * `krb5ExportLucidSecContext` and rebuilt in the sim; MIT's other end stays alive, and a sim
 * mirror of it (same keys, sequence numbers and flags) receives every delivery too, so that
 * MIT's answer and the sim's are compared: outcomes, codes and every buffer after the call.
 */

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { type Enctype, KeyBlock } from '../../../../src/sim/crypto/index.js';
import {
  createMessageProtection,
  type MessageProtection,
} from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { GssError } from '../../../../src/spec/errors.js';
import {
  type IOVBufferType,
  RequirementFlag,
  IOVBufferType as T,
} from '../../../../src/spec/flags.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import { IOV } from '../../../../src/spec/iov.js';
import { establish, mechglueMappedMinor } from '../../../conformance/flows.js';
import { describeNative } from '../../../support/native.js';
import { ENCTYPES } from './sim-pair.js';

const F = RequirementFlag;
const FLAGS = [
  F.mutualAuthentication,
  F.confidentiality,
  F.integrity,
  F.replayDetection,
  F.outOfSequenceDetection,
];
const random = createRandom('iov mit interop');
const randomBytes = (n: number) => random.bytes(n);

/** A buffer description: type, whether the mechanism allocates it, its octets. */
type Spec = readonly [IOVBufferType, boolean | null, Uint8Array | null];

/** An IOV of exactly these buffers (no standard layout around them). */
const iovOf = (buffers: readonly Spec[]): IOV => new IOV(buffers, { stdLayout: false });

/** A copy of an IOV, with every allocate flag as given. */
const copyOf = (iov: IOV, allocate?: boolean): IOV =>
  iovOf([...iov].map((b) => [b.type, allocate ?? b.allocate, b.value] as const));

/** The buffers of an IOV as plain values, to compare across backends. */
const contents = (iov: IOV) =>
  [...iov].map((b) => ({
    type: b.type,
    allocate: b.allocate,
    value: b.value === null ? null : Buffer.from(b.value).toString('hex'),
  }));

/** What a call did: its result, or the class and codes of the GssError it threw. */
type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly name: string; readonly major: number; readonly minor: number };

function outcome(action: () => unknown): Outcome {
  try {
    const value = action();
    return { ok: true, value: value instanceof Uint8Array ? Uint8Array.from(value) : value };
  } catch (error) {
    if (error instanceof GssError) {
      return { ok: false, name: error.name, major: error.major, minor: error.minor };
    }
    throw error;
  }
}

/** The sim's outcome is MIT's: same result, or same class, major and minor (0 may be mapped). */
function expectSameOutcome(sim: Outcome, mit: Outcome): void {
  if (sim.ok || mit.ok) {
    expect(sim).toEqual(mit);
    return;
  }
  expect(sim.name).toBe(mit.name);
  expect(sim.major).toBe(mit.major);
  if (sim.minor === 0) expect(mit.minor === 0 || mechglueMappedMinor(mit.minor)).toBe(true);
  else expect(sim.minor).toBe(mit.minor);
}

const message = () => random.bytes(1 + (random.uint32() % 70));

/** The layouts every wrap test runs over (ALLOCATE on HEADER, PADDING and TRAILER). */
const LAYOUTS: Record<string, () => Spec[]> = {
  standard: () => [
    [T.header, true, null],
    [T.data, false, message()],
    [T.padding, true, null],
    [T.trailer, true, null],
  ],
  'header only (DCE RPC)': () => [
    [T.header, true, null],
    [T.data, false, message()],
  ],
  'sign-only around data': () => [
    [T.signOnly, false, message()],
    [T.header, true, null],
    [T.data, false, message()],
    [T.signOnly, false, message()],
    [T.data, false, message()],
    [T.padding, true, null],
    [T.trailer, true, null],
  ],
  'no data, sign-only only': () => [
    [T.header, true, null],
    [T.signOnly, false, message()],
    [T.trailer, true, null],
  ],
  'empty and mech-params ignored': () => [
    [T.empty, false, null],
    [T.header, true, null],
    [T.mechParams, false, message()],
    [T.data, false, new Uint8Array(0)],
    [T.trailer, true, null],
  ],
  'two trailers count as none': () => [
    [T.header, true, null],
    [T.data, false, message()],
    [T.trailer, false, null],
    [T.trailer, false, null],
  ],
  'caller-supplied header and trailer, longer than needed': () => [
    [T.header, false, new Uint8Array(200).fill(0xaa)],
    [T.data, false, message()],
    [T.padding, false, Uint8Array.of(1, 2, 3)],
    [T.trailer, false, new Uint8Array(100).fill(0xbb)],
  ],
};

/** Layouts MIT refuses or fails, for wrap and unwrap. */
const BAD_LAYOUTS: Record<string, () => Spec[]> = {
  'no header': () => [
    [T.data, false, message()],
    [T.trailer, true, null],
  ],
  'two headers': () => [
    [T.header, true, null],
    [T.header, true, null],
    [T.data, false, message()],
  ],
  'header too short': () => [
    [T.header, false, new Uint8Array(20)],
    [T.data, false, message()],
    [T.trailer, true, null],
  ],
  'trailer too short': () => [
    [T.header, true, null],
    [T.data, false, message()],
    [T.trailer, false, new Uint8Array(5)],
  ],
  'empty IOV': () => [],
};

describeNative('RFC 4121 IOV tokens of the sim against MIT krb5', () => {
  let realm: MitRealm;
  let gss: GssApi;

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
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

  /** MIT's live end, the sim end from the other end's export, and a sim mirror of the live one. */
  function link(enctype: Enctype, exported: 'initiator' | 'acceptor', dce: boolean) {
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    gss.krb5SetAllowableEnctypes(creds, [enctype]);
    const pair = establish(realm, {
      flags: [...FLAGS, ...(dce ? [F.dceStyle] : [])],
      initiatorCreds: creds,
    });
    gss.releaseCred(creds);
    const [gone, live] =
      exported === 'initiator' ? [pair.initiator, pair.acceptor] : [pair.acceptor, pair.initiator];
    expect(gss.inquireContext(live).flags?.has(F.dceStyle)).toBe(dce);

    const lucid = gss.krb5ExportLucidSecContext(gone, 1);
    if (lucid.protocol !== 1) throw new Error('expected an RFC 4121 context');
    const kd = lucid.cfxKd;
    const ctxKey = new KeyBlock(kd.ctxKeyType, kd.ctxKey);
    const acceptorSubkey =
      kd.acceptorSubkey === null || kd.acceptorSubkeyType === null
        ? null
        : new KeyBlock(kd.acceptorSubkeyType, kd.acceptorSubkey);
    const common = {
      ctxKey,
      acceptorSubkey,
      replayDetection: true,
      outOfSequenceDetection: true,
      random: randomBytes,
    };
    const sim: MessageProtection = createMessageProtection({
      ...common,
      initiator: lucid.isInitiator,
      sendSeq: lucid.sendSeq,
      recvSeq: lucid.recvSeq,
    });
    const mirror: MessageProtection = createMessageProtection({
      ...common,
      initiator: !lucid.isInitiator,
      sendSeq: lucid.recvSeq,
      recvSeq: lucid.sendSeq,
    });
    return { live, sim, mirror, dceStyle: dce };
  }

  const sides = ['initiator', 'acceptor'] as const;
  const styles = [false, true];

  describe.each(ENCTYPES)('enctype %i', (enctype) => {
    describe.each(styles)('DCE style %s', (dce) => {
      it.each(sides)(
        'unwraps what the sim wraps as MIT does, buffer for buffer, when the %s is the sim',
        (exported) => {
          const { live, sim, mirror, dceStyle } = link(enctype, exported, dce);

          for (const [name, layout] of Object.entries(LAYOUTS)) {
            for (const confidential of [true, false]) {
              const wrapped = iovOf(layout());
              const encrypted = sim.wrapIov(wrapped, { confidential, dceStyle });
              const atMit = copyOf(wrapped, false);
              const atSim = copyOf(wrapped, false);

              const mit = outcome(() => gss.unwrapIov(live, atMit));
              expectSameOutcome(
                outcome(() => mirror.unwrapIov(atSim, { dceStyle })),
                mit,
              );
              expect(mit, name).toEqual({ ok: true, value: { encrypted, qop: 0 } });
              expect(contents(atSim), name).toEqual(contents(atMit));
            }
          }
          gss.deleteSecContext(live);
        },
      );

      it.each(sides)(
        'makes the IOVs MIT makes, and unwraps them, when the %s is the sim',
        (exported) => {
          const { live, sim, mirror, dceStyle } = link(enctype, exported, dce);

          for (const [name, layout] of Object.entries(LAYOUTS)) {
            for (const confidential of [true, false]) {
              const buffers = layout();
              const atMit = iovOf(buffers);
              const atSim = iovOf(buffers);
              const lengthMit = iovOf(buffers);
              const lengthSim = iovOf(buffers);

              expect(gss.wrapIovLength(live, lengthMit, { confidential })).toBe(
                mirror.wrapIovLength(lengthSim, { confidential, dceStyle }),
              );
              expect(contents(lengthSim), name).toEqual(contents(lengthMit));
              const encrypted = gss.wrapIov(live, atMit, { confidential });
              expect(mirror.wrapIov(atSim, { confidential, dceStyle })).toBe(encrypted);

              const mit = contents(atMit);
              const simmed = contents(atSim);
              if (encrypted) {
                // The confounders differ: compare sizes and the token header.
                expect(
                  simmed.map((b) => b.value?.length),
                  name,
                ).toEqual(mit.map((b) => b.value?.length));
                const header = buffers.findIndex(([type]) => type === T.header);
                expect(simmed[header]?.value?.slice(0, 32)).toBe(mit[header]?.value?.slice(0, 32));
              } else {
                expect(simmed, name).toEqual(mit);
              }
              const received = copyOf(atMit, false);
              expect(sim.unwrapIov(received, { dceStyle })).toEqual({ encrypted, qop: 0 });
              const data = buffers.flatMap(([type, , value], index) =>
                type === T.data ? [[index, value] as const] : [],
              );
              for (const [index, value] of data) {
                expect(received.at(index)?.value).toEqual(value ?? new Uint8Array(0));
              }
            }
          }
          gss.deleteSecContext(live);
        },
      );

      it('unwraps a wrapIov token given as one STREAM buffer as MIT does', () => {
        const { live, sim, mirror, dceStyle } = link(enctype, 'initiator', dce);

        for (const layout of [LAYOUTS.standard, LAYOUTS['header only (DCE RPC)']]) {
          for (const confidential of [true, false]) {
            for (const allocate of [true, false]) {
              if (layout === undefined) throw new Error('no layout');
              const wrapped = iovOf(layout());
              sim.wrapIov(wrapped, { confidential, dceStyle });
              const token = Buffer.concat(
                [...wrapped]
                  .filter((b) => b.type !== T.signOnly)
                  .map((b) => b.value ?? new Uint8Array(0)),
              );
              const stream = (): Spec[] => [
                [T.stream, false, token],
                [T.data, allocate, null],
              ];
              const atMit = iovOf(stream());
              const atSim = iovOf(stream());
              const mit = outcome(() => gss.unwrapIov(live, atMit));
              expectSameOutcome(
                outcome(() => mirror.unwrapIov(atSim, { dceStyle })),
                mit,
              );
              expect(contents(atSim)).toEqual(contents(atMit));
            }
          }
        }
        gss.deleteSecContext(live);
      });

      it('answers refused layouts as MIT does, for every IOV call', () => {
        const { live, sim, mirror, dceStyle } = link(enctype, 'acceptor', dce);
        const layouts = {
          ...BAD_LAYOUTS,
          'stream with two data': (): Spec[] => [
            [T.stream, false, random.bytes(80)],
            [T.data, false, null],
            [T.data, false, null],
          ],
          'stream without data': (): Spec[] => [[T.stream, false, random.bytes(80)]],
          'stream with one data': (): Spec[] => [
            [T.stream, false, random.bytes(80)],
            [T.data, true, null],
          ],
        };

        for (const [name, layout] of Object.entries(layouts)) {
          const buffers = layout();
          for (const call of ['wrapIov', 'wrapIovLength', 'unwrapIov', 'getMicIov'] as const) {
            const atMit = iovOf(buffers);
            const atSim = iovOf(buffers);
            const mit = outcome(() =>
              call === 'unwrapIov' ? gss.unwrapIov(live, atMit) : gss[call](live, atMit),
            );
            const simmed = outcome(() =>
              call === 'unwrapIov'
                ? mirror.unwrapIov(atSim, { dceStyle })
                : mirror[call](atSim, { dceStyle }),
            );
            expectSameOutcome(simmed, mit);
            if (mit.ok) expect(contents(atSim), `${name} ${call}`).toEqual(contents(atMit));
          }
        }
        sim.getMic(new Uint8Array(0));
        gss.deleteSecContext(live);
      });

      it('answers every single-bit flip of an IOV token as MIT does', () => {
        const { live, sim, mirror, dceStyle } = link(enctype, 'initiator', dce);
        const names = Object.keys(LAYOUTS);

        fc.assert(
          fc.property(
            fc.constantFrom(...names),
            fc.boolean(),
            fc.nat(),
            fc.nat(),
            (name, confidential, which, bit) => {
              const wrapped = iovOf(LAYOUTS[name]?.() ?? []);
              sim.wrapIov(wrapped, { confidential, dceStyle });
              const buffers = [...wrapped].filter((b) => (b.value?.length ?? 0) > 0);
              const target = buffers[which % buffers.length];
              if (target?.value == null) return;
              const index = [...wrapped].indexOf(target);
              const value = Uint8Array.from(target.value);
              const position = bit % (value.length * 8);
              value[position >> 3] = (value[position >> 3] ?? 0) ^ (1 << (position & 7));
              wrapped.fill(index, value, { allocated: false });

              const atMit = copyOf(wrapped, false);
              const atSim = copyOf(wrapped, false);
              const mit = outcome(() => gss.unwrapIov(live, atMit));
              expectSameOutcome(
                outcome(() => mirror.unwrapIov(atSim, { dceStyle })),
                mit,
              );
              if (mit.ok) expect(contents(atSim)).toEqual(contents(atMit));
            },
          ),
          { numRuns: 150 },
        );
        gss.deleteSecContext(live);
      });

      it('makes and checks IOV MICs as MIT does', () => {
        const { live, sim, mirror, dceStyle } = link(enctype, 'acceptor', dce);
        const layouts: Spec[][] = [
          [
            [T.data, false, message()],
            [T.micToken, true, null],
          ],
          [
            [T.signOnly, false, message()],
            [T.data, false, message()],
            [T.padding, false, null],
            [T.micToken, true, null],
          ],
          [
            [T.micToken, false, new Uint8Array(60)],
            [T.data, false, new Uint8Array(0)],
          ],
        ];

        for (const buffers of layouts) {
          const lengthMit = iovOf(buffers);
          const lengthSim = iovOf(buffers);
          gss.getMicIovLength(live, lengthMit);
          mirror.getMicIovLength(lengthSim, { dceStyle });
          expect(contents(lengthSim)).toEqual(contents(lengthMit));

          const atMit = iovOf(buffers);
          const atSim = iovOf(buffers);
          gss.getMicIov(live, atMit);
          mirror.getMicIov(atSim, { dceStyle });
          expect(contents(atSim)).toEqual(contents(atMit));
          expect(sim.verifyMicIov(copyOf(atMit, false), { dceStyle })).toBe(0);

          const made = iovOf(buffers);
          sim.getMicIov(made, { dceStyle });
          expect(gss.verifyMicIov(live, copyOf(made, false))).toBe(0);
          expect(mirror.verifyMicIov(copyOf(made, false), { dceStyle })).toBe(0);
          const tampered = copyOf(made, false);
          const mic = tampered.at(-1)?.value ?? new Uint8Array(0);
          const index = tampered.types.indexOf(T.micToken);
          const changed = Uint8Array.from(tampered.at(index)?.value ?? mic);
          changed[changed.length - 1] = (changed.at(-1) ?? 0) ^ 1;
          tampered.fill(index, changed, { allocated: false });
          expectSameOutcome(
            outcome(() => mirror.verifyMicIov(copyOf(tampered), { dceStyle })),
            outcome(() => gss.verifyMicIov(live, copyOf(tampered))),
          );
        }
        gss.deleteSecContext(live);
      });

      it('wraps and unwraps AEAD tokens as MIT does', () => {
        const { live, sim, mirror, dceStyle } = link(enctype, 'initiator', dce);

        for (const associated of [null, new Uint8Array(0), random.bytes(20)]) {
          for (const confidential of [true, false]) {
            const plaintext = message();
            const made = sim.wrapAead(plaintext, { associated, confidential, dceStyle });
            const mit = outcome(() => gss.unwrapAead(live, made.message, { associated }));
            expectSameOutcome(
              outcome(() => mirror.unwrapAead(made.message, { associated, dceStyle })),
              mit,
            );

            const fromMit = gss.wrapAead(live, plaintext, { associated, confidential });
            const fromMirror = mirror.wrapAead(plaintext, { associated, confidential, dceStyle });
            expect(fromMirror.encrypted).toBe(fromMit.encrypted);
            expect(fromMirror.message.length).toBe(fromMit.message.length);
            if (!confidential) expect(fromMirror.message).toEqual(Uint8Array.from(fromMit.message));
            const opened = outcome(() => sim.unwrapAead(fromMit.message, { associated, dceStyle }));
            if (dce) expectSameOutcome(opened, mit);
            else
              expect(opened).toEqual({
                ok: true,
                value: { message: plaintext, encrypted: confidential, qop: 0 },
              });

            if (!dce) {
              const other = Uint8Array.of(...(associated ?? []), 1);
              const again = sim.wrapAead(plaintext, { associated, confidential, dceStyle });
              expectSameOutcome(
                outcome(() => mirror.unwrapAead(again.message, { associated: other, dceStyle })),
                outcome(() => gss.unwrapAead(live, again.message, { associated: other })),
              );
            }
          }
        }
        gss.deleteSecContext(live);
      });
    });
  });

  it('answers arbitrary STREAM and HEADER octets as MIT does', () => {
    const { live, mirror } = link(17, 'initiator', false);
    const prefix = fc.constantFrom(
      [],
      [0x05, 0x04],
      [0x04, 0x04],
      [0x04, 0x05],
      [0x05, 0x04, 0x03, 0xff],
      [0x05, 0x04, 0x01, 0xff, 0x00, 0x0c, 0x00, 0x0c],
      [0x60],
      [0x60, 0x81],
      [0x60, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02],
      [0x01, 0x01],
      [0x02, 0x01],
    );

    fc.assert(
      fc.property(
        prefix,
        fc.uint8Array({ maxLength: 90 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (head, tail, stream, trailer, datas) => {
          const bytes = Uint8Array.from([...head, ...tail]);
          const buffers: Spec[] = stream
            ? [
                [T.stream, false, bytes],
                ...Array.from({ length: datas }, () => [T.data, trailer, null] as const),
              ]
            : [
                [T.header, false, bytes],
                [T.data, false, Uint8Array.of(1, 2, 3)],
                ...(trailer ? [[T.trailer, false, new Uint8Array(28)] as const] : []),
              ];
          const atMit = iovOf(buffers);
          const atSim = iovOf(buffers);
          const mit = outcome(() => gss.unwrapIov(live, atMit));
          expectSameOutcome(
            outcome(() => mirror.unwrapIov(atSim)),
            mit,
          );
        },
      ),
      { numRuns: 2000 },
    );
    gss.deleteSecContext(live);
  });

  it('shares SND_SEQ and the receive window between wrap, getMic and the IOV calls', () => {
    const { live, sim, mirror } = link(18, 'initiator', false);
    const tokens = [
      sim.wrap(Uint8Array.of(1)).message,
      (() => {
        const iov = iovOf([
          [T.header, true, null],
          [T.data, false, Uint8Array.of(2)],
        ]);
        sim.wrapIov(iov);
        return Buffer.concat([...iov].map((b) => b.value ?? new Uint8Array(0)));
      })(),
      sim.wrapAead(Uint8Array.of(3)).message,
    ];
    const seqs = tokens.map((token) =>
      new DataView(token.buffer, token.byteOffset).getBigUint64(8),
    );
    expect(seqs[1]).toBe((seqs[0] ?? 0n) + 1n);
    expect(seqs[2]).toBe((seqs[0] ?? 0n) + 2n);

    for (const index of [2, 0, 2, 1]) {
      const token = tokens[index] ?? new Uint8Array(0);
      const deliver = (unwrap: (t: Uint8Array) => unknown) => outcome(() => unwrap(token));
      expectSameOutcome(
        deliver((t) =>
          mirror.unwrapIov(
            iovOf([
              [T.stream, false, t],
              [T.data, true, null],
            ]),
          ),
        ),
        deliver((t) =>
          gss.unwrapIov(
            live,
            iovOf([
              [T.stream, false, t],
              [T.data, true, null],
            ]),
          ),
        ),
      );
    }
    gss.deleteSecContext(live);
  });
});
