/**
 * The initiator's tokens without a peer: the same seed and clock give the same bytes, the
 * AP-REQ carries MIT's authenticator, the 0x8003 checksum and Bnd are laid out as MIT lays them
 * out, and an AP-REP is read as MIT's `krb5_rd_rep` reads it.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt, encrypt, KeyBlock } from '../../../../src/sim/crypto/index.js';
import { KRB5_MUTUAL_FAILED } from '../../../../src/sim/errors/index.js';
import type { Credential } from '../../../../src/sim/krb5/client/index.js';
import { readApRepToken } from '../../../../src/sim/krb5/context/ap-rep-reply.js';
import { channelBindingsHash } from '../../../../src/sim/krb5/context/channel-bindings-hash.js';
import {
  frameContextToken,
  parseContextToken,
  TOK_ID_AP_REP,
  TOK_ID_AP_REQ,
} from '../../../../src/sim/krb5/context/context-token.js';
import { encodeGssChecksum } from '../../../../src/sim/krb5/context/gss-checksum.js';
import {
  type InitiatorState,
  initiatorFlags,
  makeInitiatorToken,
} from '../../../../src/sim/krb5/context/initiator-token.js';
import { initialSequenceNumber } from '../../../../src/sim/krb5/context/sequence-number.js';
import { encodeApRep, encodeEncApRepPart } from '../../../../src/sim/krb5/messages/ap-rep.js';
import { decodeApReq, decodeAuthenticator } from '../../../../src/sim/krb5/messages/ap-req.js';
import { ApOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { encodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { ChannelBindings } from '../../../../src/spec/channel-bindings.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import { GSS_S_DEFECTIVE_TOKEN, GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { catchGssError } from '../../../support/gss-flows.js';

const F = RequirementFlag;
const START = Date.UTC(2026, 0, 1);
const sessionKey = new KeyBlock(18, new Uint8Array(32).fill(7));
const credential: Credential = {
  client: { realm: 'KRBTEST.COM', name: { nameType: 1, nameString: ['user'] } },
  server: { realm: 'KRBTEST.COM', name: { nameType: 3, nameString: ['host', 'localhost'] } },
  sessionKey,
  ticket: encodeTicket({
    realm: 'KRBTEST.COM',
    sname: { nameType: 3, nameString: ['host', 'localhost'] },
    encPart: { etype: 18, kvno: 2, cipher: new Uint8Array(64).fill(1) },
  }),
  times: { authtime: START / 1000, starttime: START / 1000, endtime: START / 1000 + 86_400 },
  flags: 0,
};

function firstToken(seed: string, flags: number, bindings?: ChannelBindings) {
  return makeInitiatorToken({
    credential,
    flags,
    channelBindings: bindings ?? null,
    random: createRandom(seed),
    clock: createClock(START),
  });
}

function apRepToken(state: InitiatorState, ctime: number, cusec: number): Uint8Array {
  const part = encodeEncApRepPart({
    ctime,
    cusec,
    subkey: { keytype: 18, keyvalue: new Uint8Array(32).fill(9) },
    seqNumber: 12345,
  });
  const cipher = encrypt(state.sessionKey, 12, part, new Uint8Array(16));
  return frameContextToken(TOK_ID_AP_REP, encodeApRep({ encPart: { etype: 18, cipher } }));
}

describe('the initiator token', () => {
  it('is the same bytes for the same seed and clock, and other bytes for another seed', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 0xffff }), (seed, asked) => {
        const flags = asked & ~F.dceStyle;
        const a = firstToken(seed, flags).token;
        expect(firstToken(seed, flags).token).toEqual(a);
        expect(firstToken(`${seed}!`, flags).token).not.toEqual(a);
      }),
      { numRuns: 30 },
    );
  });

  it("carries TOK_ID 01 00, mutual-required when mutual, and MIT's authenticator", () => {
    const bindings = new ChannelBindings({ applicationData: Uint8Array.of(1, 2) });
    const { token, state } = firstToken('layout', F.mutualAuthentication, bindings);
    const parsed = parseContextToken(token);
    if (parsed === null) throw new Error('expected a krb5 context token');
    const apReq = decodeApReq(parsed.message);
    const authenticator = decodeAuthenticator(decrypt(sessionKey, 11, apReq.authenticator.cipher));

    expect(parsed.tokId).toBe(TOK_ID_AP_REQ);
    expect(apReq.apOptions).toBe(ApOptions.mutualRequired);
    expect(authenticator.seqNumber).toBe(state.seqNumber);
    expect(authenticator.subkey?.keyvalue).toEqual(state.subkey.contents());
    expect([authenticator.ctime, authenticator.cusec]).toEqual([START / 1000, 0]);
    expect(authenticator.cksum).toEqual({
      cksumtype: 0x8003,
      checksum: encodeGssChecksum({ bnd: channelBindingsHash(bindings), flags: state.flags }),
    });
    expect(authenticator.authorizationData).toBeUndefined();
  });

  it('sends the AP-REQ raw with DCE style, mutual-required, with mutual in the checksum', () => {
    const { token, state } = firstToken('dce', F.dceStyle);
    const apReq = decodeApReq(token);
    const authenticator = decodeAuthenticator(decrypt(sessionKey, 11, apReq.authenticator.cipher));

    expect(token[0]).toBe(0x6e);
    expect(parseContextToken(token)).toBeNull();
    expect(apReq.apOptions).toBe(ApOptions.mutualRequired);
    expect(state.flags & (F.dceStyle | F.mutualAuthentication)).toBe(
      F.dceStyle | F.mutualAuthentication,
    );
    expect(authenticator.seqNumber).toBe(state.seqNumber);
  });

  it('asks for no ap-option without mutual authentication', () => {
    const parsed = parseContextToken(firstToken('plain', 0).token);
    if (parsed === null) throw new Error('expected a krb5 context token');

    expect(decodeApReq(parsed.message).apOptions).toBe(0);
  });

  it("sets MIT's context flags: conf, integ, trans always, mutual with DCE, deleg, no anon", () => {
    const always = F.confidentiality | F.integrity | F.transferable;
    expect(initiatorFlags(0)).toBe(always);
    expect(initiatorFlags(F.dceStyle)).toBe(F.dceStyle | F.mutualAuthentication | always);
    expect(initiatorFlags(F.delegateToPeer | F.anonymity | F.channelBound)).toBe(
      F.delegateToPeer | always,
    );
  });

  it('delegates under GSS_C_DELEG_POLICY_FLAG only when the ticket is ok-as-delegate', () => {
    const always = F.confidentiality | F.integrity | F.transferable;
    expect(initiatorFlags(F.okAsDelegate)).toBe(always);
    expect(initiatorFlags(F.okAsDelegate, TicketFlags.okAsDelegate)).toBe(
      F.delegateToPeer | F.okAsDelegate | always,
    );
    expect(initiatorFlags(0, TicketFlags.okAsDelegate)).toBe(always);
  });

  it("draws initial sequence numbers in MIT's range, 1 to 2^30 - 1", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const seq = initialSequenceNumber(createRandom(seed));
        expect(seq).toBeGreaterThanOrEqual(1);
        expect(seq).toBeLessThanOrEqual(0x3fff_ffff);
      }),
    );
  });
});

describe('the 0x8003 checksum', () => {
  it('is Lgth 16 little-endian, Bnd, then the flags little-endian', () => {
    const bnd = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(encodeGssChecksum({ bnd, flags: 0x1032 })).toEqual(
      Uint8Array.of(16, 0, 0, 0, ...bnd, 0x32, 0x10, 0, 0),
    );
  });

  it('appends DlgOpt 1 and Dlgth little-endian before Deleg', () => {
    const value = encodeGssChecksum({ bnd: new Uint8Array(16), flags: 1, deleg: Uint8Array.of(7) });
    expect(value.subarray(24)).toEqual(Uint8Array.of(1, 0, 1, 0, 7));
  });

  it('Bnd is zeros without bindings and MD5 of the little-endian layout with them', () => {
    const bindings = new ChannelBindings({
      initiatorAddressType: 2,
      initiatorAddress: Uint8Array.of(127, 0, 0, 1),
      applicationData: Uint8Array.of(0xaa),
    });
    const layout = Uint8Array.of(
      ...[2, 0, 0, 0, 4, 0, 0, 0, 127, 0, 0, 1],
      ...[0, 0, 0, 0, 0, 0, 0, 0],
      ...[1, 0, 0, 0, 0xaa],
    );

    expect(channelBindingsHash(null)).toEqual(new Uint8Array(16));
    expect(channelBindingsHash(bindings)).toEqual(
      new Uint8Array(createHash('md5').update(layout).digest()),
    );
  });
});

describe('the AP-REP token', () => {
  it('establishes the initiator with the acceptor subkey and sequence number', () => {
    const { state } = firstToken('reply', F.mutualAuthentication);
    const context = readApRepToken(state, apRepToken(state, state.ctime, state.cusec));

    expect(context.acceptorSubkey?.contents()).toEqual(new Uint8Array(32).fill(9));
    expect([context.sendSeq, context.recvSeq]).toEqual([state.seqNumber, 12345]);
    expect(context.ctxKey).toBe(state.subkey);
  });

  it('is refused with KRB5_MUTUAL_FAILED when it does not repeat ctime and cusec', () => {
    const { state } = firstToken('reply', F.mutualAuthentication);
    const error = catchGssError(() => readApRepToken(state, apRepToken(state, state.ctime, 1)));

    expect([error.major, error.minor]).toEqual([GSS_S_FAILURE, KRB5_MUTUAL_FAILED]);
  });

  it('is refused as a defective token when it carries another TOK_ID', () => {
    const { state, token } = firstToken('reply', F.mutualAuthentication);
    const error = catchGssError(() => readApRepToken(state, token));

    expect([error.major, error.minor]).toEqual([GSS_S_DEFECTIVE_TOKEN, 0]);
  });
});
