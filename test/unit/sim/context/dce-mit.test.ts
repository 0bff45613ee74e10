/**
 * GSS_C_DCE_STYLE against MIT krb5 1.20 on a real realm: three legs (raw AP-REQ, raw AP-REP,
 * the initiator's raw AP-REP of `krb5_mk_rep_dce`) complete from the sim's initiator to MIT's
 * acceptor and from MIT's initiator to the sim's acceptor, with MIT's flags at each leg, and
 * the ends then exchange wrap tokens. Bad tokens at each leg get MIT's statuses.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt, encrypt, KeyBlock } from '../../../../src/sim/crypto/index.js';
import {
  ASN1_OVERRUN,
  KRB5_MUTUAL_FAILED,
  KRB5KRB_AP_ERR_BAD_INTEGRITY,
  KRB5KRB_AP_ERR_MSG_TYPE,
} from '../../../../src/sim/errors/index.js';
import type { Credential } from '../../../../src/sim/krb5/client/index.js';
import {
  type AcceptorOptions,
  acceptContextToken,
} from '../../../../src/sim/krb5/context/acceptor-token.js';
import { completeInitiator } from '../../../../src/sim/krb5/context/ap-rep-reply.js';
import {
  frameContextToken,
  parseContextToken,
  TOK_ID_AP_REQ,
} from '../../../../src/sim/krb5/context/context-token.js';
import { acceptDceReply } from '../../../../src/sim/krb5/context/dce-acceptor.js';
import { protectionOptions } from '../../../../src/sim/krb5/context/established-context.js';
import { makeInitiatorToken } from '../../../../src/sim/krb5/context/initiator-token.js';
import { ReplayCache } from '../../../../src/sim/krb5/context/replay-cache.js';
import type { ServiceKey } from '../../../../src/sim/krb5/context/service-keys.js';
import {
  decodeApRep,
  decodeEncApRepPart,
  encodeApRep,
  encodeEncApRepPart,
} from '../../../../src/sim/krb5/messages/ap-rep.js';
import { decodeApReq, decodeAuthenticator } from '../../../../src/sim/krb5/messages/ap-req.js';
import { ApOptions } from '../../../../src/sim/krb5/messages/flags.js';
import { decodeEncTicketPart } from '../../../../src/sim/krb5/messages/ticket.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { Name, SecurityContext } from '../../../../src/spec/handles.js';
import { NameType } from '../../../../src/spec/oids.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';
import { mitServiceTicket, mitTgt } from './mit-tickets.js';

const F = RequirementFlag;
const DCE_FLAGS = [F.mutualAuthentication, F.confidentiality, F.integrity, F.transferable];
const sorted = (flags: Iterable<number>) => [...flags].sort((a, b) => a - b);
const bitsOf = (word: number) => sorted(Object.values(F).filter((bit) => (word & bit) !== 0));

/** A failure as `{ major, minor }`, or `'ok'`. */
function outcome(run: () => unknown): { major: number; minor: number } | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    return { major: error.major, minor: error.minor };
  }
}

describeNative('DCE style against MIT', () => {
  let realm: MitRealm;
  let target: Name;
  let keys: ServiceKey[];
  let service: Credential;
  // Real time: MIT checks the authenticator's ctime against its clock.
  const clock = createClock();
  const random = createRandom('dce vs MIT');
  const acceptor = (): AcceptorOptions => ({
    keys,
    clock,
    random,
    replayCache: new ReplayCache(),
  });
  const reply = { clock, random };

  /** The session key of an AP-REQ MIT made, opened with the host keys. */
  const sessionKeyOf = (apReq: Uint8Array) => {
    const { ticket } = decodeApReq(apReq);
    const hostKey = keys.find((key) => key.enctype === ticket.encPart.etype);
    if (hostKey === undefined) throw new Error('expected a host key of the ticket enctype');
    const part = decodeEncTicketPart(decrypt(hostKey.key, 2, ticket.encPart.cipher));
    return new KeyBlock(part.key.keytype, part.key.keyvalue);
  };

  beforeAll(async () => {
    realm = await startMitRealm();
    target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    keys = readKeytab(readFileSync(`${realm.directory}/keytab`));
    const tgt = await mitTgt(realm, clock, random);
    service = await mitServiceTicket(realm, tgt, clock, random);
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  const simFirst = (flags: number) =>
    makeInitiatorToken({ credential: service, flags, random, clock });

  /** Wrap, unwrap, MIC both ways between a sim end and a MIT context. */
  const exchange = (sim: ReturnType<typeof createMessageProtection>, mit: SecurityContext) => {
    const hello = new TextEncoder().encode('hello DCE');
    expect(realm.gss.unwrap(mit, sim.wrap(hello).message).message).toEqual(hello);
    expect(sim.unwrap(realm.gss.wrap(mit, hello).message).message).toEqual(hello);
    expect(realm.gss.verifyMic(mit, hello, sim.getMic(hello))).toBe(0);
    expect(sim.verifyMic(hello, realm.gss.getMic(mit, hello))).toBe(0);
  };

  it("completes the sim initiator's three legs with MIT's acceptor and exchanges wrap tokens", () => {
    const { token, state } = simFirst(F.dceStyle);
    expect(token[0]).toBe(0x6e);
    expect(bitsOf(state.flags)).toEqual(sorted([...DCE_FLAGS, F.dceStyle]));

    const second = realm.gss.acceptSecContext(token);
    expect(second.moreSteps).toBe(true);
    expect(sorted(second.flags)).toEqual([]);
    if (second.token === null) throw new Error('expected an AP-REP');
    expect(second.token[0]).toBe(0x6f);

    const done = completeInitiator(state, second.token, reply);
    if (done.token === null) throw new Error('expected the third token');
    expect(done.token[0]).toBe(0x6f);
    expect(bitsOf(done.context.flags)).toEqual(sorted([...DCE_FLAGS, F.dceStyle]));
    const mitPart = decodeEncApRepPart(
      decrypt(state.sessionKey, 12, decodeApRep(second.token).encPart.cipher),
    );
    expect(done.context.recvSeq).toBe(mitPart.seqNumber);
    expect(done.context.acceptorSubkey?.contents()).toEqual(mitPart.subkey?.keyvalue);

    const third = realm.gss.acceptSecContext(done.token, { context: second.context });
    expect(third.moreSteps).toBe(false);
    expect(third.token).toBeNull();
    expect(sorted(third.flags)).toEqual(sorted([...DCE_FLAGS, F.dceStyle]));
    exchange(
      createMessageProtection(protectionOptions(done.context, (n) => random.bytes(n))),
      third.context,
    );
    realm.gss.deleteSecContext(third.context);
  });

  it("answers MIT's initiator with a raw AP-REP, completes on its third token, and wraps", () => {
    const first = realm.gss.initSecContext(target, { flags: [F.dceStyle] });
    expect(first.moreSteps).toBe(true);
    if (first.token === null) throw new Error('expected an AP-REQ');

    const accepted = acceptContextToken(first.token, acceptor());
    const { dce, token } = accepted;
    if (dce === undefined || token === null) throw new Error('expected a DCE AP-REP');
    expect(token[0]).toBe(0x6f);
    expect(parseContextToken(token)).toBeNull();
    const sessionKey = sessionKeyOf(first.token);
    const part = decodeEncApRepPart(decrypt(sessionKey, 12, decodeApRep(token).encPart.cipher));
    const authenticator = decodeAuthenticator(
      decrypt(sessionKey, 11, decodeApReq(first.token).authenticator.cipher),
    );
    expect([part.ctime, part.cusec]).toEqual([authenticator.ctime, authenticator.cusec]);
    expect(part.seqNumber).toBe(accepted.context.sendSeq);
    expect(part.subkey?.keyvalue).toEqual(accepted.context.acceptorSubkey?.contents());

    const last = realm.gss.initSecContext(target, { context: first.context, inputToken: token });
    expect(last.moreSteps).toBe(false);
    expect(sorted(last.flags)).toEqual(sorted([...DCE_FLAGS, F.dceStyle]));
    if (last.token === null) throw new Error('expected the third token');
    const mitReply = decodeEncApRepPart(
      decrypt(sessionKey, 12, decodeApRep(last.token).encPart.cipher),
    );
    expect(mitReply.subkey).toBeUndefined();
    expect(mitReply.seqNumber).toBe(accepted.context.sendSeq);

    const done = acceptDceReply(dce, last.token);
    expect(done.token).toBeNull();
    expect(done.initiatorName).toBe('user@KRBTEST.COM');
    expect(bitsOf(done.context.flags)).toEqual(sorted([...DCE_FLAGS, F.dceStyle]));
    exchange(
      createMessageProtection(protectionOptions(done.context, (n) => random.bytes(n))),
      last.context,
    );
    realm.gss.deleteSecContext(last.context);
  });

  it('gives no delegated credential and no GSS_C_DELEG_FLAG at the end, as MIT', () => {
    const first = realm.gss.initSecContext(target, { flags: [F.dceStyle, F.delegateToPeer] });
    expect(sorted(first.flags)).toContain(F.delegateToPeer);
    if (first.token === null) throw new Error('expected an AP-REQ');

    const accepted = acceptContextToken(first.token, acceptor());
    expect(accepted.delegated).toBeUndefined();
    const mit = realm.gss.acceptSecContext(first.token);
    expect(mit.delegatedCreds).toBeNull();
    if (accepted.dce === undefined || accepted.token === null) throw new Error('expected DCE');
    const last = realm.gss.initSecContext(target, {
      context: first.context,
      inputToken: accepted.token,
    });
    expect(sorted(last.flags)).toContain(F.delegateToPeer);
    if (last.token === null) throw new Error('expected the third token');

    const done = acceptDceReply(accepted.dce, last.token);
    // MIT keeps GSS_C_DELEG_FLAG in the context (inquireContext shows it), not in the result.
    const kept = [...DCE_FLAGS, F.dceStyle, F.delegateToPeer];
    expect(bitsOf(done.context.flags)).toEqual(sorted(kept));
    expect(done.delegated).toBeUndefined();
    realm.gss.deleteSecContext(last.context);
    realm.gss.deleteSecContext(mit.context);
  });

  it("refuses the same bad third tokens as MIT's acceptor, with MIT's statuses", () => {
    const sessionKey = service.sessionKey;
    const badTokens = (sendSeq: number, apRep: Uint8Array) => {
      const sealed = (seq: number, withSubkey: boolean) =>
        encodeApRep({
          encPart: {
            etype: sessionKey.enctype,
            cipher: encrypt(
              sessionKey,
              12,
              encodeEncApRepPart({
                ctime: 1,
                cusec: 2,
                seqNumber: seq,
                ...(withSubkey ? { subkey: { keytype: 18, keyvalue: new Uint8Array(32) } } : {}),
              }),
              (n) => random.bytes(n),
            ),
          },
        });
      const tampered = decodeApRep(apRep);
      const cipher = Uint8Array.from(tampered.encPart.cipher);
      cipher[20] = (cipher[20] ?? 0) ^ 1;
      return [
        Uint8Array.of(1, 2, 3),
        Uint8Array.of(0x6f, 1, 0),
        apRep,
        encodeApRep({ encPart: { ...tampered.encPart, cipher } }),
        sealed(sendSeq + 1, false),
        sealed(sendSeq, true),
        sealed(sendSeq, false),
      ];
    };

    const indexes = [0, 1, 2, 3, 4, 5, 6];
    const tokens = indexes.map(() => simFirst(F.dceStyle).token);
    const mitOutcomes = indexes.map((index) => {
      const second = realm.gss.acceptSecContext(tokens[index] ?? new Uint8Array());
      if (second.token === null) throw new Error('expected an AP-REP');
      const sendSeq = decodeEncApRepPart(
        decrypt(sessionKey, 12, decodeApRep(second.token).encPart.cipher),
      ).seqNumber;
      const bad = badTokens(sendSeq ?? 0, second.token)[index] ?? new Uint8Array();
      return outcome(() => realm.gss.acceptSecContext(bad, { context: second.context }));
    });
    const simOutcomes = indexes.map((index) => {
      const accepted = acceptContextToken(tokens[index] ?? new Uint8Array(), acceptor());
      const { dce, token: apRep, context } = accepted;
      if (dce === undefined || apRep === null) throw new Error('expected DCE');
      const bad = badTokens(context.sendSeq, apRep)[index] ?? new Uint8Array();
      return outcome(() => acceptDceReply(dce, bad));
    });

    expect(simOutcomes).toEqual(mitOutcomes);
    const failure = (minor: number) => ({ major: GSS_S_FAILURE, minor });
    expect(mitOutcomes).toEqual([
      failure(KRB5KRB_AP_ERR_MSG_TYPE),
      failure(ASN1_OVERRUN),
      failure(KRB5_MUTUAL_FAILED),
      failure(KRB5KRB_AP_ERR_BAD_INTEGRITY),
      failure(KRB5_MUTUAL_FAILED),
      failure(KRB5_MUTUAL_FAILED),
      'ok',
    ]);
  });

  it("refuses the same bad second tokens as MIT's DCE initiator, with MIT's statuses", () => {
    const mitFirst = realm.gss.initSecContext(target, { flags: [F.dceStyle] });
    if (mitFirst.token === null) throw new Error('expected an AP-REQ');
    const goodReply = acceptContextToken(mitFirst.token, acceptor()).token ?? new Uint8Array();
    const framed = frameContextToken(0x0200, goodReply);
    const cipher = Uint8Array.from(decodeApRep(goodReply).encPart.cipher);
    cipher[20] = (cipher[20] ?? 0) ^ 1;
    const tampered = encodeApRep({ encPart: { ...decodeApRep(goodReply).encPart, cipher } });
    const cases = [Uint8Array.of(1, 2, 3), framed, tampered, Uint8Array.of(0x6f, 1, 0)];

    const mitOutcomes = cases.map((bad) => {
      const step = realm.gss.initSecContext(target, { flags: [F.dceStyle] });
      return outcome(() =>
        realm.gss.initSecContext(target, { context: step.context, inputToken: bad }),
      );
    });
    const simOutcomes = cases.map((bad) => {
      const { state } = simFirst(F.dceStyle);
      return outcome(() => completeInitiator(state, bad, reply));
    });

    expect(simOutcomes).toEqual(mitOutcomes);
    expect(mitOutcomes).toEqual(
      [
        KRB5KRB_AP_ERR_MSG_TYPE,
        KRB5KRB_AP_ERR_MSG_TYPE,
        KRB5KRB_AP_ERR_BAD_INTEGRITY,
        ASN1_OVERRUN,
      ].map((minor) => ({ major: GSS_S_FAILURE, minor })),
    );
    realm.gss.deleteSecContext(mitFirst.context);
  });

  it('refuses a framed DCE AP-REQ and a raw AP-REQ without DCE style, as MIT', () => {
    const dce = simFirst(F.dceStyle).token;
    const framedDce = frameContextToken(TOK_ID_AP_REQ, dce);
    const plain = simFirst(F.mutualAuthentication).token;
    const rawPlain = parseContextToken(plain)?.message ?? new Uint8Array();
    expect(decodeApReq(rawPlain).apOptions).toBe(ApOptions.mutualRequired);

    for (const token of [framedDce, rawPlain, Uint8Array.of(0x30, 0)]) {
      const mit = outcome(() => realm.gss.acceptSecContext(token));
      const sim = outcome(() => acceptContextToken(token, acceptor()));
      // MIT's mechanism glue renumbers a mechanism minor of 0.
      const mitMinor = mit === 'ok' ? mit : { ...mit, minor: mit.minor > 100_000 ? 0 : mit.minor };
      expect(sim).toEqual(mitMinor);
      expect(sim).not.toBe('ok');
    }
  });
});
