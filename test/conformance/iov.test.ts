/**
 * IOV and AEAD per-message calls (MIT `gssapi_ext.h`; python-gssapi `ext_dce`,
 * `ext_dce_aead`, `ext_iov_mic`) over RFC 4121 tokens split across buffers: every layout MIT
 * accepts wraps and unwraps, `wrapIovLength` sizes what `wrapIov` makes, a whole token unwraps
 * from one STREAM buffer, AEAD protects its associated data, IOV MICs verify, and refused
 * layouts, short buffers and tampered tokens get MIT's statuses. The realm's keys are
 * aes256-cts-hmac-sha1-96: a 16-byte confounder, a 12-byte HMAC. Values measured on MIT krb5
 * 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import { type IOVBufferType, RequirementFlag, IOVBufferType as T } from '../../src/spec/flags.js';
import { IOV } from '../../src/spec/iov.js';
import type { Realm } from '../../src/spec/realm.js';
import {
  GSS_S_BAD_QOP,
  GSS_S_BAD_SIG,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_FAILURE,
} from '../../src/spec/status.js';
import { describeConformance } from './backends.js';
import {
  bytes,
  type Established,
  establish,
  expectGssError,
  mechglueMappedMinor,
  text,
} from './flows.js';

const F = RequirementFlag;

/** aes256-cts-hmac-sha1-96 sizes: token header, confounder, HMAC (= checksum). */
const HEADER = 16;
const CONFOUNDER = 16;
const HMAC = 12;

/** Minor statuses MIT reports here, with their `gss_display_status` texts. */
const EINVAL = { minor: 22, minorMessages: ['Invalid argument'] };
const BAD_MSIZE = {
  minor: 2529639102,
  minorMessages: ['Message size is incompatible with encryption type'],
};
const BAD_INTEGRITY = { minor: 2529638943, minorMessages: ['Decrypt integrity check failed'] };
const MAPPED_ZERO = { minor: mechglueMappedMinor, minorMessages: ['Success'] };

/** One buffer: type, whether the mechanism allocates it, its octets. */
type Spec = readonly [IOVBufferType, boolean, Uint8Array | null];

const iovOf = (buffers: readonly Spec[]): IOV => new IOV(buffers, { stdLayout: false });

/** What a receiver is handed: the sender's buffers, none to allocate. */
const received = (iov: IOV): IOV =>
  iovOf([...iov].map((entry) => [entry.type, false, entry.value] as const));

/** The octets of the buffers of `iov` that travel, concatenated: a whole token. */
const tokenOf = (iov: IOV): Uint8Array =>
  Uint8Array.from(
    [...iov]
      .filter((entry) => entry.type !== T.signOnly)
      .flatMap((entry) => [...(entry.value ?? [])]),
  );

/** EC and RRC of the Wrap token header in `bytes` (RFC 4121 §4.2.6.2). */
const ecRrc = (header: Uint8Array | null): [number, number] => {
  const view = new DataView((header ?? new Uint8Array(8)).buffer, header?.byteOffset ?? 0);
  return [view.getUint16(4), view.getUint16(6)];
};

/** The first octets of a Wrap token header, `length` in all. */
const token16 = (length: number): Uint8Array =>
  Uint8Array.from({ length }, (_, index) => [0x05, 0x04, 0x00, 0xff][index] ?? 0);

const lengths = (iov: IOV) => [...iov].map((entry) => entry.value?.length ?? null);

/** The layouts that wrap and unwrap, with the index of every DATA buffer. */
const LAYOUTS: Record<string, () => Spec[]> = {
  'header, data, padding, trailer': () => [
    [T.header, true, null],
    [T.data, false, bytes('payload')],
    [T.padding, true, null],
    [T.trailer, true, null],
  ],
  'header and data only (the trailer rotated into the header)': () => [
    [T.header, true, null],
    [T.data, false, bytes('payload')],
  ],
  'sign-only buffers around two data buffers': () => [
    [T.signOnly, false, bytes('rpc header')],
    [T.header, true, null],
    [T.data, false, bytes('first')],
    [T.data, false, bytes('second')],
    [T.signOnly, false, bytes('rpc trailer')],
    [T.trailer, true, null],
  ],
  'empty and mechanism-parameter buffers, which are ignored': () => [
    [T.empty, false, null],
    [T.header, true, null],
    [T.mechParams, false, bytes('ignored')],
    [T.data, false, bytes('payload')],
    [T.trailer, true, null],
  ],
  'header and trailer supplied by the caller, longer than needed': () => [
    [T.header, false, new Uint8Array(100)],
    [T.data, false, bytes('payload')],
    [T.trailer, false, new Uint8Array(100)],
  ],
};

describeConformance('iov', ({ realm, test }) => {
  const gssOf = (): Realm['gss'] => realm().gss;
  const context = (dce = false): Established =>
    establish(realm(), {
      flags: [
        F.mutualAuthentication,
        F.replayDetection,
        F.outOfSequenceDetection,
        ...(dce ? [F.dceStyle] : []),
      ],
    });

  test('the backend has the dce, dceAead and iovMic extensions', () => {
    const gss = gssOf();

    expect([gss.has('dce'), gss.has('dceAead'), gss.has('iovMic')]).toEqual([true, true, true]);
  });

  for (const [name, layout] of Object.entries(LAYOUTS)) {
    test(`wrapIov and unwrapIov round-trip the layout: ${name}`, () => {
      const gss = gssOf();
      const { initiator, acceptor } = context();

      for (const confidential of [true, false]) {
        const buffers = layout();
        const wrapped = iovOf(buffers);
        expect(gss.wrapIov(initiator, wrapped, { confidential })).toBe(confidential);
        const data = buffers.flatMap(([type, , value], index) =>
          type === T.data ? [[index, value] as const] : [],
        );
        if (confidential) {
          for (const [index, value] of data) expect(wrapped.at(index)?.value).not.toEqual(value);
        }

        const unwrapped = received(wrapped);
        expect(gss.unwrapIov(acceptor, unwrapped)).toEqual({ encrypted: confidential, qop: 0 });
        for (const [index, value] of data) expect(unwrapped.at(index)?.value).toEqual(value);
      }
    });
  }

  test('wrapIov without a data buffer protects integrity only and says so', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const wrapped = iovOf([
      [T.header, true, null],
      [T.signOnly, false, bytes('signed')],
      [T.trailer, true, null],
    ]);

    expect(gss.wrapIov(initiator, wrapped, { confidential: true })).toBe(false);
    expect(ecRrc(wrapped.at(0)?.value ?? null)).toEqual([HMAC, 0]);
    expect(gss.unwrapIov(acceptor, received(wrapped))).toEqual({ encrypted: false, qop: 0 });
  });

  test('wrapIov allocates the flagged header and trailer, leaves padding empty and flagged', () => {
    const gss = gssOf();
    const { initiator } = context();
    const wrapped = new IOV([bytes('payload')]);

    gss.wrapIov(initiator, wrapped);

    expect([...wrapped].map((entry) => entry.allocate)).toEqual([null, false, true, null]);
    expect(lengths(wrapped)).toEqual([HEADER + CONFOUNDER, 7, null, HEADER + HMAC]);
    expect([...(wrapped.at(0)?.value ?? new Uint8Array(0)).subarray(0, 4)]).toEqual([
      0x05, 0x04, 0x06, 0xff,
    ]);
    expect(ecRrc(wrapped.at(0)?.value ?? null)).toEqual([0, 0]);
  });

  test('without a trailer buffer the trailer follows the header and RRC is its length', () => {
    const gss = gssOf();
    const { initiator } = context();
    const sealed = iovOf(
      LAYOUTS['header and data only (the trailer rotated into the header)']?.() ?? [],
    );
    const unsealed = iovOf(
      LAYOUTS['header and data only (the trailer rotated into the header)']?.() ?? [],
    );

    gss.wrapIov(initiator, sealed);
    gss.wrapIov(initiator, unsealed, { confidential: false });

    expect(sealed.at(0)?.value).toHaveLength(HEADER + CONFOUNDER + HEADER + HMAC);
    expect(ecRrc(sealed.at(0)?.value ?? null)).toEqual([0, HEADER + HMAC]);
    expect(unsealed.at(0)?.value).toHaveLength(HEADER + HMAC);
    expect(ecRrc(unsealed.at(0)?.value ?? null)).toEqual([HMAC, HMAC]);
    expect(unsealed.at(1)?.value).toEqual(bytes('payload'));
  });

  test('on a DCE-style context EC is one block and RRC leaves it out', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context(true);
    const wrapped = iovOf([
      [T.header, true, null],
      [T.data, false, bytes('dce payload')],
    ]);
    const sized = iovOf([
      [T.header, true, null],
      [T.data, false, bytes('dce payload')],
    ]);

    gss.wrapIov(initiator, wrapped);
    gss.wrapIovLength(initiator, sized);

    expect(ecRrc(wrapped.at(0)?.value ?? null)).toEqual([16, HEADER + HMAC]);
    expect(wrapped.at(0)?.value).toHaveLength(HEADER + CONFOUNDER + 16 + HEADER + HMAC);
    expect(lengths(sized)).toEqual(lengths(wrapped));
    const unwrapped = received(wrapped);
    expect(gss.unwrapIov(acceptor, unwrapped)).toEqual({ encrypted: true, qop: 0 });
    expect(text(unwrapped.at(1)?.value ?? new Uint8Array(0))).toBe('dce payload');
  });

  test('wrapIovLength gives zero-filled buffers of the sizes wrapIov fills', () => {
    const gss = gssOf();
    const { initiator } = context();

    for (const [name, layout] of Object.entries(LAYOUTS)) {
      for (const confidential of [true, false]) {
        const sized = iovOf(layout());
        const wrapped = iovOf(layout());
        expect(gss.wrapIovLength(initiator, sized, { confidential })).toBe(confidential);
        gss.wrapIov(initiator, wrapped, { confidential });

        expect(lengths(sized), name).toEqual(lengths(wrapped));
        const header = layout().findIndex(([type]) => type === T.header);
        expect([...(sized.at(header)?.value ?? [1])].every((octet) => octet === 0)).toBe(true);
      }
    }
    const standard = new IOV([bytes('payload')]);
    gss.wrapIovLength(initiator, standard);
    expect(lengths(standard)).toEqual([HEADER + CONFOUNDER, 7, null, HEADER + HMAC]);
  });

  test('a wrapIov token unwraps from one STREAM buffer into a data buffer', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();

    for (const name of [
      'header, data, padding, trailer',
      'header and data only (the trailer rotated into the header)',
    ]) {
      for (const allocate of [true, false]) {
        for (const confidential of [true, false]) {
          const wrapped = iovOf(LAYOUTS[name]?.() ?? []);
          gss.wrapIov(initiator, wrapped, { confidential });
          const stream = iovOf([
            [T.stream, false, tokenOf(wrapped)],
            [T.data, allocate, null],
          ]);

          expect(gss.unwrapIov(acceptor, stream)).toEqual({ encrypted: confidential, qop: 0 });
          expect(stream.at(1)?.value).toEqual(bytes('payload'));
          expect(stream.at(1)?.allocate).toBe(allocate ? null : false);
        }
      }
    }
  });

  test('wrap and wrapIov tokens are interchangeable', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const wrapped = new IOV([bytes('standard layout')]);
    gss.wrapIov(initiator, wrapped);

    expect(text(gss.unwrap(acceptor, tokenOf(wrapped)).message)).toBe('standard layout');
    const stream = iovOf([
      [T.stream, false, gss.wrap(initiator, bytes('from wrap')).message],
      [T.data, true, null],
    ]);
    gss.unwrapIov(acceptor, stream);
    expect(text(stream.at(1)?.value ?? new Uint8Array(0))).toBe('from wrap');
  });

  test('wrapAead and unwrapAead round-trip, with or without associated data', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();

    for (const associated of [null, bytes(''), bytes('associated')]) {
      for (const confidential of [true, false]) {
        const token = gss.wrapAead(initiator, bytes('aead'), { associated, confidential });
        expect(token.encrypted).toBe(confidential);
        expect(token.message).toHaveLength(
          confidential ? HEADER + CONFOUNDER + 4 + HEADER + HMAC : HEADER + 4 + HMAC,
        );

        const opened = gss.unwrapAead(acceptor, token.message, { associated });
        expect(opened).toEqual({ message: bytes('aead'), encrypted: confidential, qop: 0 });
      }
    }
  });

  test('unwrapAead rejects changed or missing associated data as a bad integrity check', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const sealed = gss.wrapAead(initiator, bytes('aead'), { associated: bytes('header v1') });

    expectGssError(() => gss.unwrapAead(acceptor, sealed.message, { associated: bytes('v2') }), {
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      ...BAD_INTEGRITY,
    });
    expectGssError(() => gss.unwrapAead(acceptor, sealed.message), {
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      ...BAD_INTEGRITY,
    });
  });

  test('unwrapAead refuses an empty token as a malformed header', () => {
    const gss = gssOf();
    const { acceptor } = context();

    expectGssError(() => gss.unwrapAead(acceptor, new Uint8Array(0)), {
      name: 'InvalidTokenError',
      major: GSS_S_DEFECTIVE_TOKEN,
      minor: 2249944332,
      minorMessages: ['Token header is malformed or corrupt'],
    });
  });

  test('unwrapAead on a DCE-style context is refused: the STREAM path is not for DCE', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context(true);
    const token = gss.wrapAead(initiator, bytes('aead'));

    expectGssError(() => gss.unwrapAead(acceptor, token.message), {
      name: 'GssError',
      major: GSS_S_FAILURE,
      ...EINVAL,
    });
  });

  test('getMicIov fills the MIC token, which verifyMicIov and verifyMic accept', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const signed = iovOf([
      [T.signOnly, false, bytes('header')],
      [T.data, false, bytes('body')],
      [T.micToken, true, null],
    ]);
    const sized = iovOf([
      [T.data, false, bytes('body')],
      [T.micToken, true, null],
    ]);

    gss.getMicIovLength(initiator, sized);
    gss.getMicIov(initiator, signed);

    expect(lengths(sized)).toEqual([4, HEADER + HMAC]);
    expect(signed.at(2)?.allocate).toBe(null);
    expect([...(signed.at(2)?.value ?? new Uint8Array(0)).subarray(0, 8)]).toEqual([
      0x04, 0x04, 0x04, 0xff, 0xff, 0xff, 0xff, 0xff,
    ]);
    expect(gss.verifyMicIov(acceptor, received(signed))).toBe(0);
    const plain = iovOf([
      [T.data, false, bytes('header')],
      [T.micToken, true, null],
    ]);
    gss.getMicIov(acceptor, plain);
    expect(gss.verifyMic(initiator, bytes('header'), plain.at(1)?.value ?? new Uint8Array(0))).toBe(
      0,
    );
  });

  test('verifyMicIov rejects a MIC over other data as a bad signature', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const signed = iovOf([
      [T.data, false, bytes('body')],
      [T.micToken, true, null],
    ]);
    gss.getMicIov(initiator, signed);

    const other = iovOf([
      [T.data, false, bytes('BODY')],
      [T.micToken, false, signed.at(1)?.value ?? null],
    ]);
    expectGssError(() => gss.verifyMicIov(acceptor, other), {
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      ...MAPPED_ZERO,
    });
  });

  test('every IOV call without its header buffer fails with EINVAL', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const noHeader = () =>
      iovOf([
        [T.data, false, bytes('payload')],
        [T.trailer, true, null],
      ]);
    const twoHeaders = () =>
      iovOf([
        [T.header, true, null],
        [T.header, true, null],
        [T.micToken, true, null],
        [T.micToken, true, null],
        [T.data, false, bytes('payload')],
      ]);
    const expected = { name: 'GssError', major: GSS_S_FAILURE, ...EINVAL };

    for (const make of [noHeader, twoHeaders, () => iovOf([])]) {
      expectGssError(() => gss.wrapIov(initiator, make()), expected);
      expectGssError(() => gss.wrapIovLength(initiator, make()), expected);
      expectGssError(() => gss.unwrapIov(acceptor, make()), expected);
      expectGssError(() => gss.getMicIov(initiator, make()), expected);
      expectGssError(() => gss.getMicIovLength(initiator, make()), expected);
      expectGssError(() => gss.verifyMicIov(acceptor, make()), expected);
    }
  });

  test('a STREAM unwrap needs exactly one data buffer', () => {
    const gss = gssOf();
    const { initiator, acceptor } = context();
    const token = gss.wrap(initiator, bytes('payload')).message;
    const expected = { name: 'GssError', major: GSS_S_FAILURE, ...EINVAL };

    expectGssError(
      () =>
        gss.unwrapIov(
          acceptor,
          iovOf([
            [T.stream, false, token],
            [T.data, true, null],
            [T.data, true, null],
          ]),
        ),
      expected,
    );
    expectGssError(() => gss.unwrapIov(acceptor, iovOf([[T.stream, false, token]])), expected);
  });

  test('a STREAM shorter than a token header is defective, before its data buffers count', () => {
    const gss = gssOf();
    const { acceptor } = context();
    const short = token16(10);

    for (const datas of [0, 1, 2]) {
      const stream = iovOf([
        [T.stream, false, short],
        ...Array.from({ length: datas }, () => [T.data, false, null] as const),
      ]);
      expectGssError(() => gss.unwrapIov(acceptor, stream), {
        name: 'InvalidTokenError',
        major: GSS_S_DEFECTIVE_TOKEN,
        ...MAPPED_ZERO,
      });
    }
    expectGssError(
      () =>
        gss.unwrapIov(
          acceptor,
          iovOf([
            [T.stream, false, Uint8Array.of(0x60)],
            [T.data, false, null],
            [T.data, false, null],
          ]),
        ),
      {
        name: 'InvalidTokenError',
        major: GSS_S_DEFECTIVE_TOKEN,
        minor: 2249944332,
        minorMessages: ['Token header is malformed or corrupt'],
      },
    );
  });

  test('caller-supplied header or trailer buffers too short fail with KRB5_BAD_MSIZE', () => {
    const gss = gssOf();
    const { initiator } = context();
    const expected = { name: 'GssError', major: GSS_S_FAILURE, ...BAD_MSIZE };

    for (const confidential of [true, false]) {
      const shortHeader = iovOf([
        [T.header, false, new Uint8Array(HEADER - 1)],
        [T.data, false, bytes('payload')],
        [T.trailer, true, null],
      ]);
      const shortTrailer = iovOf([
        [T.header, true, null],
        [T.data, false, bytes('payload')],
        [T.trailer, false, new Uint8Array(HMAC - 1)],
      ]);
      expectGssError(() => gss.wrapIov(initiator, shortHeader, { confidential }), expected);
      expectGssError(() => gss.wrapIov(initiator, shortTrailer, { confidential }), expected);
      expect(shortHeader.at(0)?.value).toEqual(new Uint8Array(HEADER - 1));
    }
    const micWithTrailer = iovOf([
      [T.data, false, bytes('payload')],
      [T.micToken, true, null],
      [T.trailer, true, null],
    ]);
    expectGssError(() => gss.getMicIov(initiator, micWithTrailer), expected);
  });

  test('a QOP other than the default is refused', () => {
    const gss = gssOf();
    const { initiator } = context();
    const expected = {
      name: 'BadQoPError',
      major: GSS_S_BAD_QOP,
      minor: 2249944328,
      minorMessages: ['Unknown quality of protection specified'],
    };

    expectGssError(() => gss.wrapIov(initiator, new IOV([bytes('m')]), { qop: 1 }), expected);
    expectGssError(() => gss.wrapIovLength(initiator, new IOV([bytes('m')]), { qop: 1 }), expected);
    expectGssError(() => gss.wrapAead(initiator, bytes('m'), { qop: 1 }), expected);
  });

  test('unwrapIov rejects tampered tokens, a non-empty padding and a replay', () => {
    const gss = gssOf();
    // Replay detection without sequencing: the rejected tokens leave no gap to report.
    const { initiator, acceptor } = establish(realm(), {
      flags: [F.mutualAuthentication, F.replayDetection],
    });
    const wrap = (confidential: boolean) => {
      const wrapped = new IOV([bytes('payload')]);
      gss.wrapIov(initiator, wrapped, { confidential });
      return received(wrapped);
    };
    const flipData = (iov: IOV) => {
      const data = Uint8Array.from(iov.at(1)?.value ?? []);
      data[0] = (data[0] ?? 0) ^ 1;
      iov.fill(1, data, { allocated: false });
      return iov;
    };

    expectGssError(() => gss.unwrapIov(acceptor, flipData(wrap(true))), {
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      ...BAD_INTEGRITY,
    });
    expectGssError(() => gss.unwrapIov(acceptor, flipData(wrap(false))), {
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      ...MAPPED_ZERO,
    });
    const padded = wrap(true);
    padded.fill(2, Uint8Array.of(1), { allocated: false });
    expectGssError(() => gss.unwrapIov(acceptor, padded), {
      name: 'InvalidTokenError',
      major: GSS_S_DEFECTIVE_TOKEN,
      ...MAPPED_ZERO,
    });

    const fresh = wrap(true);
    const again = iovOf([...fresh].map((entry) => [entry.type, false, entry.value] as const));
    expect(gss.unwrapIov(acceptor, fresh)).toEqual({ encrypted: true, qop: 0 });
    expectGssError(() => gss.unwrapIov(acceptor, again), {
      name: 'DuplicateTokenError',
      major: GSS_S_DUPLICATE_TOKEN,
      ...MAPPED_ZERO,
    });
  });
});
