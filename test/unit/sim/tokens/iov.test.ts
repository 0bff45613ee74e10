/**
 * The sim's IOV and AEAD calls on bytes (`iov-protection.ts` and the modules under it): the
 * tokens they make are the Wrap and MIC tokens of `wrap` and `getMic` laid out across buffers,
 * every layout the spec's `checkIovLayout` accepts round-trips and every one it refuses gets
 * its verdict, sizes agree with what is made, tampering is caught, and the sequence numbers
 * are shared with the other per-message calls.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Enctype } from '../../../../src/sim/crypto/index.js';
import { GSS_IOV_BUFFER_FLAG_ALLOCATE, IOVBufferType as T } from '../../../../src/spec/flags.js';
import { IOV } from '../../../../src/spec/iov.js';
import { checkIovLayout } from '../../../../src/spec/machines/iov.js';
import {
  GSS_S_BAD_SIG,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_FAILURE,
} from '../../../../src/spec/status.js';
import { ENCTYPES, outcome, simPair } from './sim-pair.js';

const EINVAL = 22;
const KRB5_BAD_MSIZE = 2529639102;
const KRB5KRB_AP_ERR_BAD_INTEGRITY = 2529638943;

type Spec = readonly [T, boolean | null, Uint8Array | null];
const iovOf = (buffers: readonly Spec[]): IOV => new IOV(buffers, { stdLayout: false });
const received = (iov: IOV): IOV =>
  iovOf([...iov].map((entry) => [entry.type, false, entry.value] as const));
const tokenOf = (iov: IOV): Uint8Array =>
  Uint8Array.from(
    [...iov]
      .filter((entry) => entry.type !== T.signOnly)
      .flatMap((entry) => [...(entry.value ?? [])]),
  );
const lengths = (iov: IOV) => [...iov].map((entry) => entry.value?.length ?? null);
const words = (iov: IOV) =>
  [...iov].map(
    (entry) => entry.type | (entry.allocate === true ? GSS_IOV_BUFFER_FLAG_ALLOCATE : 0),
  );

/** The keys of a pair's sender, to make reference tokens with. */
function senderKeys(enctype: Enctype, seed: string) {
  const pair = simPair({ enctype, seed });
  return { pair, seed };
}

const TYPES = [T.empty, T.data, T.header, T.mechParams, T.trailer, T.padding, T.signOnly] as const;
const arbitraryLayout = fc.array(
  fc.record({
    type: fc.constantFrom(...TYPES),
    allocate: fc.boolean(),
    value: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }),
  }),
  { maxLength: 7 },
);

describe.each(ENCTYPES)('IOV tokens, enctype %i', (enctype) => {
  it('a standard layout makes the bytes of wrap, sealed ones with the same confounder', () => {
    const seed = `same ${enctype}`;
    const { pair } = senderKeys(enctype, seed);
    const twin = simPair({ enctype, seed });
    const message = Uint8Array.from({ length: 33 }, (_, index) => index);

    for (const confidential of [false, true]) {
      const iov = new IOV([message]);
      pair.initiator.wrapIov(iov, { confidential });
      const reference = twin.initiator.wrap(message, { confidential }).message;
      expect(tokenOf(iov)).toEqual(reference);
    }
  });

  it('every layout checkIovLayout accepts round-trips, every other gets its verdict', () => {
    fc.assert(
      fc.property(arbitraryLayout, fc.boolean(), (layout, confidential) => {
        const { initiator, acceptor } = simPair({ enctype, seed: 'layouts' });
        const specs = layout.map((b) => [b.type, b.allocate, b.value] as const);
        const iov = iovOf(specs);
        const before = [...iov];
        const verdict = checkIovLayout('wrapIov', words(iov), { confidential });
        const wrapped = outcome(() => initiator.wrapIov(iov, { confidential }));

        if (!verdict.ok) {
          expect(wrapped).toEqual({
            ok: false,
            name: 'GssError',
            major: GSS_S_FAILURE,
            minor: EINVAL,
          });
          expect([...iov]).toEqual(before);
          return;
        }
        if (!wrapped.ok) {
          // Only a caller's buffer too short fails after the layout check.
          expect(wrapped).toEqual({
            ok: false,
            name: 'GssError',
            major: GSS_S_FAILURE,
            minor: KRB5_BAD_MSIZE,
          });
          expect([...iov]).toEqual(before);
          return;
        }
        expect(wrapped.value).toBe(confidential && !verdict.integrityOnly);
        const unwrapped = received(iov);
        expect(acceptor.unwrapIov(unwrapped)).toEqual({ encrypted: wrapped.value, qop: 0 });
        specs.forEach(([type, , value], index) => {
          if (type === T.data || type === T.signOnly) {
            expect(unwrapped.at(index)?.value ?? null).toEqual(value);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('wrapIovLength gives the lengths wrapIov fills, DCE style or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          [T.header, T.data, T.padding, T.trailer],
          [T.header, T.data],
          [T.signOnly, T.header, T.data, T.signOnly, T.trailer],
          [T.header, T.signOnly],
        ),
        fc.uint8Array({ maxLength: 100 }),
        fc.boolean(),
        fc.boolean(),
        (types, message, confidential, dceStyle) => {
          const { initiator } = simPair({ enctype });
          const make = () =>
            iovOf(
              types.map((type) =>
                type === T.data || type === T.signOnly
                  ? ([type, false, message] as const)
                  : ([type, true, null] as const),
              ),
            );
          const sized = make();
          const wrapped = make();

          const sizedConf = initiator.wrapIovLength(sized, { confidential, dceStyle });
          expect(initiator.wrapIov(wrapped, { confidential, dceStyle })).toBe(sizedConf);
          expect(lengths(sized)).toEqual(lengths(wrapped));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a single-bit flip anywhere in a token is rejected and changes no buffer', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 50 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        (message, confidential, rotate, bit) => {
          const { initiator, acceptor } = simPair({ enctype, seed: 'flip' });
          const iov = rotate
            ? iovOf([
                [T.header, true, null],
                [T.signOnly, false, Uint8Array.of(9, 9)],
                [T.data, false, message],
              ])
            : iovOf([
                [T.header, true, null],
                [T.signOnly, false, Uint8Array.of(9, 9)],
                [T.data, false, message],
                [T.trailer, true, null],
              ]);
          initiator.wrapIov(iov, { confidential });
          const tampered = received(iov);
          const sizes = lengths(tampered).map((length) => length ?? 0);
          let position = bit % (sizes.reduce((a, b) => a + b, 0) * 8);
          let index = 0;
          while (position >= (sizes[index] ?? 0) * 8) position -= (sizes[index++] ?? 0) * 8;
          const value = Uint8Array.from(tampered.at(index)?.value ?? []);
          value[position >> 3] = (value[position >> 3] ?? 0) ^ (1 << (position & 7));
          tampered.fill(index, value, { allocated: false });
          const before = [...tampered];

          const result = outcome(() => acceptor.unwrapIov(tampered));
          expect(result.ok).toBe(false);
          if (!result.ok) expect([GSS_S_BAD_SIG, GSS_S_DEFECTIVE_TOKEN]).toContain(result.major);
          expect([...tampered]).toEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a STREAM buffer unwraps a rotated token into a view or an allocated data buffer', () => {
    const { initiator, acceptor } = simPair({ enctype });
    for (const dataAllocate of [false, true]) {
      for (const confidential of [true, false]) {
        const iov = iovOf([
          [T.header, true, null],
          [T.data, false, Uint8Array.of(1, 2, 3)],
        ]);
        initiator.wrapIov(iov, { confidential });
        const stream = iovOf([
          [T.stream, false, tokenOf(iov)],
          [T.data, dataAllocate, null],
        ]);

        expect(acceptor.unwrapIov(stream)).toEqual({ encrypted: confidential, qop: 0 });
        expect(stream.at(1)).toEqual({
          type: T.data,
          allocate: dataAllocate ? null : false,
          value: Uint8Array.of(1, 2, 3),
        });
        // The stream itself was rotated back: RRC reads 0 now.
        expect(stream.at(0)?.value?.subarray(6, 8)).toEqual(Uint8Array.of(0, 0));
      }
    }
  });

  it('a getMicIov token over one data buffer is the getMic token', () => {
    const seed = `mic ${enctype}`;
    const { pair } = senderKeys(enctype, seed);
    const twin = simPair({ enctype, seed });
    const message = Uint8Array.of(5, 4, 3);
    const iov = iovOf([
      [T.data, false, message],
      [T.micToken, true, null],
    ]);

    pair.acceptor.getMicIov(iov);

    expect(iov.at(1)?.value).toEqual(twin.acceptor.getMic(message));
    expect(pair.initiator.verifyMicIov(received(iov))).toBe(0);
    expect(twin.initiator.verifyMic(message, iov.at(1)?.value ?? new Uint8Array(0))).toBe(0);
  });

  it('AEAD without associated data makes a wrap token; with it, only the same data opens it', () => {
    const seed = `aead ${enctype}`;
    const { pair } = senderKeys(enctype, seed);
    const twin = simPair({ enctype, seed });
    const message = Uint8Array.of(8, 8, 8);

    const plain = pair.initiator.wrapAead(message, { confidential: false });
    expect(plain.message).toEqual(twin.initiator.wrap(message, { confidential: false }).message);
    expect(pair.acceptor.unwrap(plain.message).message).toEqual(message);

    const sealed = pair.initiator.wrapAead(message, { associated: Uint8Array.of(1) });
    expect(
      outcome(() => pair.acceptor.unwrapAead(sealed.message, { associated: Uint8Array.of(2) })),
    ).toEqual({
      ok: false,
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      minor: KRB5KRB_AP_ERR_BAD_INTEGRITY,
    });
    expect(pair.acceptor.unwrapAead(sealed.message, { associated: Uint8Array.of(1) })).toEqual({
      message,
      encrypted: true,
      qop: 0,
    });
  });
});

describe('IOV calls and the rest of the context', () => {
  it('share SND_SEQ and the receive window with wrap and getMic', () => {
    const { initiator, acceptor } = simPair({ enctype: 18 });
    const first = initiator.sendSeq;
    const iov = new IOV([Uint8Array.of(1)]);
    initiator.wrapIov(iov);
    const mic = initiator.getMic(Uint8Array.of(2));
    const aead = initiator.wrapAead(Uint8Array.of(3));

    expect(initiator.sendSeq).toBe(first + 3n);
    expect(acceptor.unwrapIov(received(iov))).toEqual({ encrypted: true, qop: 0 });
    expect(outcome(() => acceptor.unwrap(tokenOf(iov)))).toMatchObject({
      ok: false,
      major: GSS_S_DUPLICATE_TOKEN,
    });
    expect(acceptor.verifyMic(Uint8Array.of(2), mic)).toBe(0);
    expect(acceptor.unwrap(aead.message).message).toEqual(Uint8Array.of(3));
  });

  it('a failed wrapIov takes no sequence number and leaves the IOV as it was', () => {
    const { initiator } = simPair({ enctype: 17 });
    const iov = iovOf([
      [T.header, false, new Uint8Array(3)],
      [T.data, false, Uint8Array.of(1)],
    ]);
    const before = [...iov];
    const seq = initiator.sendSeq;

    expect(outcome(() => initiator.wrapIov(iov))).toEqual({
      ok: false,
      name: 'GssError',
      major: GSS_S_FAILURE,
      minor: KRB5_BAD_MSIZE,
    });
    expect([...iov]).toEqual(before);
    expect(initiator.sendSeq).toBe(seq);
  });

  it('DCE style gives EC one block and RRC without it, and refuses STREAM unwraps', () => {
    const { initiator, acceptor } = simPair({ enctype: 20 });
    const iov = iovOf([
      [T.header, true, null],
      [T.data, false, Uint8Array.of(1, 2)],
    ]);
    initiator.wrapIov(iov, { dceStyle: true });
    const header = iov.at(0)?.value ?? new Uint8Array(0);

    // aes256-sha2: header 16 + confounder 16 + EC 16 + E(header) 16 + HMAC 24.
    expect(header).toHaveLength(88);
    expect([...header.subarray(4, 8)]).toEqual([0, 16, 0, 40]);
    expect(acceptor.unwrapIov(received(iov), { dceStyle: true })).toEqual({
      encrypted: true,
      qop: 0,
    });
    const stream = iovOf([
      [T.stream, false, tokenOf(iov)],
      [T.data, true, null],
    ]);
    expect(outcome(() => acceptor.unwrapIov(stream, { dceStyle: true }))).toEqual({
      ok: false,
      name: 'GssError',
      major: GSS_S_FAILURE,
      minor: EINVAL,
    });
  });

  it('a MIC checksum goes into a TRAILER of exactly the checksum length', () => {
    const { initiator, acceptor } = simPair({ enctype: 19 });
    const iov = iovOf([
      [T.data, false, Uint8Array.of(1)],
      [T.micToken, true, null],
      [T.trailer, false, new Uint8Array(16)],
    ]);

    initiator.getMicIov(iov);

    expect(iov.at(1)?.value?.subarray(16)).toEqual(new Uint8Array(16));
    expect(iov.at(2)?.value).not.toEqual(new Uint8Array(16));
    expect(acceptor.verifyMicIov(received(iov))).toBe(0);
  });
});
