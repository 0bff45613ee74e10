import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checksumProfile,
  cryptoLength,
  Enctype,
  enctypeProfile,
} from '../../../../src/sim/crypto/index.js';
import {
  G_BAD_DIRECTION,
  G_BAD_TOK_HEADER,
  G_UNKNOWN_QOP,
  G_WRONG_MECH,
  KRB5_BAD_MSIZE,
  KRB5KRB_AP_ERR_BAD_INTEGRITY,
} from '../../../../src/sim/errors/index.js';
import { rotateLeft } from '../../../../src/sim/krb5/tokens/index.js';
import { checkSequence, createSequenceState } from '../../../../src/spec/machines/sequence.js';
import { MechType } from '../../../../src/spec/oids.js';
import {
  GSS_S_BAD_QOP,
  GSS_S_BAD_SIG,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_COMPLETE,
  GSS_S_DEFECTIVE_TOKEN,
} from '../../../../src/spec/status.js';
import { ENCTYPES, outcome, simPair } from './sim-pair.js';

const hello = new TextEncoder().encode('hello');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const checksumLength = (enctype: Enctype) =>
  checksumProfile(enctypeProfile(enctype).checksumType).outputLength;

/** The RFC 2743 §3.1 framing MIT still accepts around a per-message token. */
function framed(token: Uint8Array, oid: Uint8Array): Uint8Array {
  const inner = [0x06, oid.length, ...oid, ...token];
  const length =
    inner.length < 0x80 ? [inner.length] : [0x82, inner.length >> 8, inner.length & 0xff];
  return Uint8Array.from([0x60, ...length, ...inner]);
}

describe('RFC 4121 token layout', () => {
  it('lays out a MIC token as 04 04, flags, FF x5, SND_SEQ and the checksum', () => {
    const pair = simPair({ enctype: Enctype.AES256_CTS_HMAC_SHA1_96 });
    const fromInitiator = pair.initiator.getMic(hello);
    const fromAcceptor = pair.acceptor.getMic(hello);

    expect(hex(fromInitiator.subarray(0, 16))).toBe('040404ffffffffff0000000012345678');
    expect(hex(fromAcceptor.subarray(0, 16))).toBe('040405ffffffffff000000000abcdef0');
    expect(fromInitiator.length).toBe(16 + 12);
    expect(pair.initiator.sendSeq).toBe(0x1234_5679n);
  });

  it('lays out a Wrap token sealed with EC 0 and RRC 0, and unsealed with EC = checksum length', () => {
    for (const enctype of ENCTYPES) {
      const pair = simPair({ enctype, acceptorSubkey: false });
      const sealed = pair.initiator.wrap(hello);
      const unsealed = pair.initiator.wrap(hello, { confidential: false });
      const trailer = cryptoLength(enctype, 'trailer');

      expect(sealed.encrypted).toBe(true);
      expect(hex(sealed.message.subarray(0, 16))).toBe('050402ff000000000000000012345678');
      expect(sealed.message.length).toBe(16 + 16 + hello.length + 16 + trailer);
      expect(unsealed.encrypted).toBe(false);
      const ec = checksumLength(enctype).toString(16).padStart(4, '0');
      expect(hex(unsealed.message.subarray(0, 16))).toBe(`050400ff${ec}00000000000012345679`);
      expect(hex(unsealed.message.subarray(16, 21))).toBe(hex(hello));
    }
  });

  it('sets SentByAcceptor and AcceptorSubkey from the sender', () => {
    const pair = simPair({ enctype: Enctype.AES128_CTS_HMAC_SHA256_128 });
    expect(pair.initiator.wrap(hello).message[2]).toBe(0x06);
    expect(pair.acceptor.wrap(hello).message[2]).toBe(0x07);
    expect(pair.acceptor.getMic(hello)[2]).toBe(0x05);
  });

  it('rotates left modulo the length, leaving empty data alone', () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5]);
    expect([...rotateLeft(data, 2)]).toEqual([3, 4, 5, 1, 2]);
    expect([...rotateLeft(data, 7)]).toEqual([3, 4, 5, 1, 2]);
    expect([...rotateLeft(data, 5)]).toEqual([1, 2, 3, 4, 5]);
    expect(rotateLeft(new Uint8Array(0), 3).length).toBe(0);
  });
});

describe('round trips between two sim ends', () => {
  const ends = fc.record({
    enctype: fc.constantFrom(...ENCTYPES),
    acceptorSubkey: fc.boolean(),
    confidential: fc.boolean(),
    fromInitiator: fc.boolean(),
    message: fc.uint8Array({ maxLength: 300 }),
  });

  it('unwraps every Wrap token and verifies every MIC token of the peer', () => {
    fc.assert(
      fc.property(ends, ({ enctype, acceptorSubkey, confidential, fromInitiator, message }) => {
        const pair = simPair({ enctype, acceptorSubkey });
        const [sender, receiver] = fromInitiator
          ? [pair.initiator, pair.acceptor]
          : [pair.acceptor, pair.initiator];

        const wrapped = sender.wrap(message, { confidential });
        const unwrapped = receiver.unwrap(wrapped.message);
        expect(unwrapped).toEqual({ message, encrypted: confidential, qop: 0 });
        expect(receiver.verifyMic(message, sender.getMic(message))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('unwraps a token whatever right rotation (RRC) the sender applied', () => {
    fc.assert(
      fc.property(ends, fc.nat(0xffff), (given, rrc) => {
        const pair = simPair({ enctype: given.enctype });
        const token = pair.initiator.wrap(given.message, { confidential: given.confidential });
        const data = token.message.subarray(16);
        const shift = data.length === 0 ? 0 : rrc % data.length;
        const rotated = Uint8Array.from([
          ...token.message.subarray(0, 16),
          ...data.subarray(data.length - shift),
          ...data.subarray(0, data.length - shift),
        ]);
        rotated[6] = rrc >> 8;
        rotated[7] = rrc & 0xff;

        expect(pair.acceptor.unwrap(rotated).message).toEqual(given.message);
      }),
      { numRuns: 100 },
    );
  });

  it('makes the same sealed token from the same confounder, and another from another', () => {
    const a = simPair({ enctype: Enctype.AES256_CTS_HMAC_SHA384_192, seed: 's' });
    const b = simPair({ enctype: Enctype.AES256_CTS_HMAC_SHA384_192, seed: 's' });
    const first = a.initiator.wrap(hello).message;
    expect(b.initiator.wrap(hello).message).toEqual(first);
    expect(a.initiator.wrap(hello).message.subarray(16)).not.toEqual(first.subarray(16));
  });
});

describe('tampering', () => {
  const cases = fc.record({
    enctype: fc.constantFrom(...ENCTYPES),
    kind: fc.constantFrom('sealed', 'unsealed', 'mic'),
    message: fc.uint8Array({ maxLength: 100 }),
    bit: fc.nat(),
  });

  it('rejects every single-bit flip, but a flip of RRC to a multiple of the data length', () => {
    fc.assert(
      fc.property(cases, ({ enctype, kind, message, bit }) => {
        const pair = simPair({ enctype, replayDetection: false, outOfSequenceDetection: false });
        const token =
          kind === 'mic'
            ? pair.initiator.getMic(message)
            : pair.initiator.wrap(message, { confidential: kind === 'sealed' }).message;
        const position = bit % (token.length * 8);
        const flipped = Uint8Array.from(token);
        flipped[position >> 3] = (flipped[position >> 3] ?? 0) ^ (1 << (position & 7));

        const result = outcome(() =>
          kind === 'mic'
            ? pair.acceptor.verifyMic(message, flipped)
            : pair.acceptor.unwrap(flipped),
        );
        const rrc = kind !== 'mic' && position >> 3 >= 6 && position >> 3 < 8;
        const rrcValue = ((flipped[6] ?? 0) << 8) | (flipped[7] ?? 0);
        if (rrc && rrcValue % (token.length - 16) === 0) {
          expect(result.ok).toBe(true);
          return;
        }
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['BadMICError', 'InvalidTokenError']).toContain(result.name);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports a token sent by this end as BAD_SIG, G_BAD_DIRECTION', () => {
    const pair = simPair({ enctype: Enctype.AES128_CTS_HMAC_SHA1_96 });
    const own = pair.initiator.wrap(hello).message;
    expect(outcome(() => pair.initiator.unwrap(own))).toEqual({
      ok: false,
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      minor: G_BAD_DIRECTION,
    });
    expect(outcome(() => pair.initiator.verifyMic(hello, own))).toMatchObject({
      minor: G_BAD_DIRECTION,
    });
  });

  it('reports a sealed token that does not decrypt with KRB5KRB_AP_ERR_BAD_INTEGRITY', () => {
    const pair = simPair({ enctype: Enctype.AES256_CTS_HMAC_SHA1_96 });
    const token = pair.initiator.wrap(hello).message;
    token[30] = (token[30] ?? 0) ^ 0x80;
    expect(outcome(() => pair.acceptor.unwrap(token))).toEqual({
      ok: false,
      name: 'BadMICError',
      major: GSS_S_BAD_SIG,
      minor: KRB5KRB_AP_ERR_BAD_INTEGRITY,
    });
    expect(outcome(() => pair.acceptor.unwrap(token.subarray(0, 16 + 27)))).toMatchObject({
      major: GSS_S_BAD_SIG,
      minor: KRB5_BAD_MSIZE,
    });
  });

  it('reports a sealed token whose outer EC was changed as defective (CVE-2024-37370 fix)', () => {
    const pair = simPair({ enctype: Enctype.AES256_CTS_HMAC_SHA1_96 });
    const token = pair.initiator.wrap(hello).message;
    token[5] = 1;
    expect(outcome(() => pair.acceptor.unwrap(token))).toMatchObject({
      name: 'InvalidTokenError',
      major: GSS_S_DEFECTIVE_TOKEN,
      minor: 0,
    });
  });

  it('reports header faults with MIT statuses', () => {
    const pair = simPair({ enctype: Enctype.AES128_CTS_HMAC_SHA1_96 });
    const mic = pair.initiator.getMic(hello);
    const wrap = pair.initiator.wrap(hello, { confidential: false }).message;
    const expectFailure = (action: () => unknown, major: number, minor: number) =>
      expect(outcome(action)).toMatchObject({ ok: false, major, minor });

    expectFailure(() => pair.acceptor.unwrap(new Uint8Array(0)), GSS_S_CALL_INACCESSIBLE_READ, 0);
    expectFailure(
      () => pair.acceptor.verifyMic(hello, new Uint8Array(0)),
      GSS_S_CALL_INACCESSIBLE_READ,
      0,
    );
    expectFailure(
      () => pair.acceptor.unwrap(Uint8Array.of(5)),
      GSS_S_DEFECTIVE_TOKEN,
      G_BAD_TOK_HEADER,
    );
    expectFailure(() => pair.acceptor.unwrap(Uint8Array.of(1, 2, 3)), GSS_S_DEFECTIVE_TOKEN, 0);
    expectFailure(
      () => pair.acceptor.unwrap(Uint8Array.of(7, 7, 7)),
      GSS_S_DEFECTIVE_TOKEN,
      G_BAD_TOK_HEADER,
    );
    expectFailure(() => pair.acceptor.unwrap(wrap.subarray(0, 15)), GSS_S_DEFECTIVE_TOKEN, 0);
    expectFailure(() => pair.acceptor.unwrap(mic), GSS_S_DEFECTIVE_TOKEN, 0);
    expectFailure(() => pair.acceptor.verifyMic(hello, wrap), GSS_S_DEFECTIVE_TOKEN, 0);
    expectFailure(
      () => pair.acceptor.verifyMic(hello, Uint8Array.from([...mic, 0])),
      GSS_S_BAD_SIG,
      KRB5_BAD_MSIZE,
    );
    expectFailure(() => pair.acceptor.verifyMic(Uint8Array.of(1), mic), GSS_S_BAD_SIG, 0);
    const badEc = Uint8Array.from(wrap);
    badEc[5] = 0xff;
    expectFailure(() => pair.acceptor.unwrap(badEc), GSS_S_DEFECTIVE_TOKEN, 0);
    badEc[5] = 11;
    expectFailure(() => pair.acceptor.unwrap(badEc), GSS_S_BAD_SIG, 0);
    expectFailure(
      () => pair.acceptor.unwrap(framed(wrap, MechType.kerberosOld.bytes)),
      GSS_S_DEFECTIVE_TOKEN,
      G_WRONG_MECH,
    );
    expectFailure(() => pair.initiator.wrap(hello, { qop: 1 }), GSS_S_BAD_QOP, G_UNKNOWN_QOP);
    expectFailure(() => pair.initiator.getMic(hello, { qop: 1 }), GSS_S_BAD_QOP, G_UNKNOWN_QOP);
    expectFailure(
      () => pair.initiator.wrapSizeLimit(100, { qop: 1 }),
      GSS_S_BAD_QOP,
      G_UNKNOWN_QOP,
    );
  });

  it('accepts a token in the RFC 2743 framing of the context mechanism, as MIT does', () => {
    const pair = simPair({ enctype: Enctype.AES128_CTS_HMAC_SHA1_96 });
    const wrap = pair.initiator.wrap(new Uint8Array(200)).message;
    expect(pair.acceptor.unwrap(framed(wrap, MechType.kerberos.bytes)).message.length).toBe(200);
  });
});

describe('wrapSizeLimit', () => {
  it('is the longest message whose token fits, for every enctype and both protections', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENCTYPES),
        fc.boolean(),
        fc.nat(400),
        (enctype, confidential, size) => {
          const pair = simPair({ enctype });
          const limit = pair.initiator.wrapSizeLimit(size, { confidential });
          const tokenLength = (n: number) =>
            pair.initiator.wrap(new Uint8Array(n), { confidential }).message.length;
          if (limit > 0) expect(tokenLength(limit)).toBeLessThanOrEqual(size);
          expect(tokenLength(limit + 1)).toBeGreaterThan(size);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the sequence window', () => {
  it('throws exactly the supplementary status checkSequence predicts, for each flag pair', () => {
    const deliveries = fc.array(fc.nat(80), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        deliveries,
        (replay, sequence, mic, order) => {
          const pair = simPair({
            enctype: Enctype.AES128_CTS_HMAC_SHA1_96,
            replayDetection: replay,
            outOfSequenceDetection: sequence,
            initiatorSeq: 0xffff_fff0n,
          });
          const count = Math.max(...order) + 1;
          const tokens = Array.from({ length: count }, (_, index) =>
            mic
              ? pair.initiator.getMic(Uint8Array.of(index))
              : pair.initiator.wrap(Uint8Array.of(index)).message,
          );
          const model = createSequenceState(0xffff_fff0n, {
            replayDetection: replay,
            outOfSequenceDetection: sequence,
            wide: true,
          });

          for (const index of order) {
            const token = tokens[index] ?? new Uint8Array(0);
            const expected = checkSequence(model, 0xffff_fff0 + index);
            const result = outcome(() =>
              mic
                ? pair.acceptor.verifyMic(Uint8Array.of(index), token)
                : pair.acceptor.unwrap(token),
            );
            if (expected === GSS_S_COMPLETE) expect(result.ok).toBe(true);
            else expect(result).toMatchObject({ ok: false, major: expected, minor: 0 });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
