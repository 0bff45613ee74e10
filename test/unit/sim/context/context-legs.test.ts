/**
 * Delegation and DCE style between the sim's own initiator and acceptor, with tickets from the
 * sim KDC in process: the KRB-CRED goes into Deleg and moves the sequence number on, the
 * acceptor hands out the TGT; DCE style takes three raw tokens and leaves both ends able to
 * exchange wrap tokens; bad third tokens fail with MIT's codes.
 */
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt } from '../../../../src/sim/crypto/index.js';
import {
  KRB5_MUTUAL_FAILED,
  KRB5KRB_AP_ERR_BAD_INTEGRITY,
  KRB5KRB_AP_ERR_MSG_TYPE,
} from '../../../../src/sim/errors/index.js';
import {
  type Credential,
  getServiceCredentials,
  unparseKrbPrincipal,
} from '../../../../src/sim/krb5/client/index.js';
import { readAuthenticatorChecksum } from '../../../../src/sim/krb5/context/acceptor-checksum.js';
import {
  type AcceptorOptions,
  acceptContextToken,
} from '../../../../src/sim/krb5/context/acceptor-token.js';
import {
  completeInitiator,
  readApRepToken,
} from '../../../../src/sim/krb5/context/ap-rep-reply.js';
import { parseContextToken } from '../../../../src/sim/krb5/context/context-token.js';
import { acceptDceReply } from '../../../../src/sim/krb5/context/dce-acceptor.js';
import { makeDelegation } from '../../../../src/sim/krb5/context/delegation.js';
import {
  type EstablishedContext,
  protectionOptions,
} from '../../../../src/sim/krb5/context/established-context.js';
import {
  type InitiatorTokenOptions,
  makeInitiatorToken,
} from '../../../../src/sim/krb5/context/initiator-token.js';
import { ReplayCache } from '../../../../src/sim/krb5/context/replay-cache.js';
import { initialSequenceNumber } from '../../../../src/sim/krb5/context/sequence-number.js';
import { decodeApRep, encodeApRep } from '../../../../src/sim/krb5/messages/ap-rep.js';
import { decodeApReq, decodeAuthenticator } from '../../../../src/sim/krb5/messages/ap-req.js';
import { TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { catchGssError } from '../../../support/gss-flows.js';
import { REALM, START, simRealm, userTgt } from '../client/sim-realm.js';

const F = RequirementFlag;
const ALWAYS = F.confidentiality | F.integrity | F.transferable;

function setup() {
  const realm = simRealm();
  const { credential: tgt } = userTgt(realm);
  const service = getServiceCredentials({
    kdc: realm.kdc,
    tgt,
    server: 'host/localhost',
    random: realm.random,
    clock: realm.clock,
  });
  const host = realm.kdc.database.lookup('host/localhost');
  if (host === undefined) throw new Error('expected a host principal');
  const keys = host.keys.map(({ kvno, key }) => ({
    principal: `host/localhost@${REALM}`,
    kvno,
    enctype: key.enctype,
    key,
  }));
  const acceptor: AcceptorOptions = {
    keys,
    clock: createClock(START),
    random: createRandom('acceptor'),
    replayCache: new ReplayCache(),
  };
  const delegate: InitiatorTokenOptions['delegate'] = ({ sessionKey, seqNumber }) =>
    makeDelegation({
      kdc: realm.kdc,
      tgt,
      sessionKey,
      seqNumber,
      random: realm.random,
      clock: realm.clock,
    });
  const first = (flags: number, seed = 'initiator', withDelegate = true) =>
    makeInitiatorToken({
      credential: service,
      flags,
      random: createRandom(seed),
      clock: realm.clock,
      ...(withDelegate ? { delegate } : {}),
    });
  return { realm, tgt, service, acceptor, first };
}

function talk(a: EstablishedContext, b: EstablishedContext) {
  const random = createRandom('protect');
  const one = createMessageProtection(protectionOptions(a, (n) => random.bytes(n)));
  const two = createMessageProtection(protectionOptions(b, (n) => random.bytes(n)));
  const hello = new TextEncoder().encode('hello');
  for (let i = 0; i < 2; i += 1) {
    expect(two.unwrap(one.wrap(hello).message).message).toEqual(hello);
    expect(one.unwrap(two.wrap(hello).message).message).toEqual(hello);
  }
  expect(one.verifyMic(hello, two.getMic(hello))).toBe(0);
}

function openAuthenticator(token: Uint8Array, service: Credential) {
  const message = parseContextToken(token)?.message ?? token;
  const apReq = decodeApReq(message);
  return decodeAuthenticator(decrypt(service.sessionKey, 11, apReq.authenticator.cipher));
}

describe('delegation between the sim ends', () => {
  it('puts the KRB-CRED in Deleg made with the drawn number, and sends the next one', () => {
    const { first, service } = setup();
    let seen: number | undefined;
    const { token, state } = makeInitiatorToken({
      credential: service,
      flags: F.delegateToPeer,
      random: createRandom('order'),
      clock: createClock(START),
      delegate: ({ sessionKey, seqNumber }) => {
        expect(sessionKey).toBe(service.sessionKey);
        seen = seqNumber;
        return Uint8Array.of(9, 9);
      },
    });
    const drawn = initialSequenceNumber(createRandom('order'));
    const authenticator = openAuthenticator(token, service);

    expect(seen).toBe(drawn);
    expect(state.seqNumber).toBe(drawn + 1);
    expect(authenticator.seqNumber).toBe(drawn + 1);
    expect(readAuthenticatorChecksum(authenticator.cksum, null).deleg).toEqual(Uint8Array.of(9, 9));
    expect(state.flags).toBe(F.delegateToPeer | ALWAYS);

    // Without a KRB-CRED: the flag goes, the number stays, the subkey is drawn the same.
    const plain = first(F.delegateToPeer, 'order', false).state;
    expect(plain.flags).toBe(ALWAYS);
    expect(plain.seqNumber).toBe(drawn);
    expect(plain.subkey.contents()).toEqual(state.subkey.contents());
  });

  it('hands the forwarded TGT to the acceptor, with GSS_C_DELEG_FLAG, mutual or not', () => {
    for (const mutual of [0, F.mutualAuthentication]) {
      const { first, acceptor } = setup();
      const flags = F.delegateToPeer | mutual | F.replayDetection | F.outOfSequenceDetection;
      const { token, state } = first(flags);
      const accepted = acceptContextToken(token, acceptor);

      expect(accepted.context.flags).toBe(flags | ALWAYS | (mutual ? F.protectionReady : 0));
      const delegated = accepted.delegated;
      if (delegated === undefined) throw new Error('expected a delegated credential');
      expect(unparseKrbPrincipal(delegated.client)).toBe(`user@${REALM}`);
      expect(unparseKrbPrincipal(delegated.server)).toBe(`krbtgt/${REALM}@${REALM}`);
      expect(delegated.flags & TicketFlags.forwarded).toBe(TicketFlags.forwarded);
      expect(accepted.context.recvSeq).toBe(state.seqNumber);
      const initiator =
        accepted.token === null
          ? { ...accepted.context, initiator: true, ctxKey: state.subkey, flags: state.flags }
          : readApRepToken(state, accepted.token);
      talk(initiator, accepted.context);
    }
  });
});

describe('DCE style between the sim ends', () => {
  it('takes three raw tokens and leaves both ends with the same keys and numbers', () => {
    const { first, acceptor, realm } = setup();
    const { token, state } = first(F.dceStyle | F.delegateToPeer);
    const second = acceptContextToken(token, acceptor);
    const { dce } = second;
    if (dce === undefined || second.token === null) throw new Error('expected a DCE AP-REP');
    expect(second.delegated).toBeUndefined();
    expect(() => readApRepToken(state, second.token ?? new Uint8Array())).toThrow(RangeError);

    const done = completeInitiator(state, second.token, {
      clock: realm.clock,
      random: createRandom('third'),
    });
    if (done.token === null) throw new Error('expected the third token');
    expect(parseContextToken(done.token)).toBeNull();
    const last = acceptDceReply(dce, done.token);

    const dceFlags = F.dceStyle | F.mutualAuthentication | ALWAYS;
    expect(done.context.flags).toBe(dceFlags | F.delegateToPeer);
    // The context keeps GSS_C_DELEG_FLAG; acceptSecContext leaves it out of its last result.
    expect(last.context.flags).toBe(dceFlags | F.delegateToPeer);
    expect(last.token).toBeNull();
    expect(last.initiatorName).toBe(`user@${REALM}`);
    expect([done.context.sendSeq, done.context.recvSeq]).toEqual([
      last.context.recvSeq,
      last.context.sendSeq,
    ]);
    talk(done.context, last.context);
  });

  it("refuses a third token that is not an AP-REP, tampered, or not echoing the acceptor's number", () => {
    const { first, acceptor, realm } = setup();
    const { token, state } = first(F.dceStyle);
    const second = acceptContextToken(token, acceptor);
    const { dce } = second;
    if (dce === undefined || second.token === null) throw new Error('expected a DCE AP-REP');
    const reply = completeInitiator(state, second.token, {
      clock: realm.clock,
      random: createRandom('third'),
    }).token;
    if (reply === null) throw new Error('expected the third token');
    const tampered = decodeApRep(reply);
    const cipher = Uint8Array.from(tampered.encPart.cipher);
    cipher[cipher.length - 1] = (cipher.at(-1) ?? 0) ^ 1;
    const fail = (bad: Uint8Array) => {
      const error = catchGssError(() => acceptDceReply(dce, bad));
      return [error.major, error.minor];
    };

    expect(fail(Uint8Array.of(0x30, 0))).toEqual([GSS_S_FAILURE, KRB5KRB_AP_ERR_MSG_TYPE]);
    expect(fail(encodeApRep({ encPart: { ...tampered.encPart, cipher } }))).toEqual([
      GSS_S_FAILURE,
      KRB5KRB_AP_ERR_BAD_INTEGRITY,
    ]);
    // The acceptor's own AP-REP carries a subkey.
    expect(fail(second.token)).toEqual([GSS_S_FAILURE, KRB5_MUTUAL_FAILED]);
    expect(acceptDceReply(dce, reply).context).toBe(dce.context);
  });
});
