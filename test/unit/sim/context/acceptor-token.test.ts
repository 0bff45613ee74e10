/**
 * The sim's acceptor against the sim's initiator, with a service ticket from the sim KDC in
 * process: the context is established with and without mutual authentication and both ends
 * exchange wrap tokens; replays, tampered authenticators, keytab misses, times and channel
 * bindings fail with MIT's major and minor statuses; the same seeds give the same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../src/sim/clock.js';
import { KeyBlock } from '../../../../src/sim/crypto/index.js';
import { code, KG_BAD_LENGTH } from '../../../../src/sim/errors/index.js';
import { firstCurrentKey } from '../../../../src/sim/kdc/principal-entry.js';
import { type Credential, getServiceCredentials } from '../../../../src/sim/krb5/client/index.js';
import { AcceptFailure } from '../../../../src/sim/krb5/context/accept-failure.js';
import { readAuthenticatorChecksum } from '../../../../src/sim/krb5/context/acceptor-checksum.js';
import {
  type AcceptorOptions,
  acceptContextToken,
} from '../../../../src/sim/krb5/context/acceptor-token.js';
import { readApRepToken } from '../../../../src/sim/krb5/context/ap-rep-reply.js';
import { channelBindingsHash } from '../../../../src/sim/krb5/context/channel-bindings-hash.js';
import {
  frameContextToken,
  parseContextToken,
  TOK_ID_AP_REQ,
  TOK_ID_KRB_ERROR,
} from '../../../../src/sim/krb5/context/context-token.js';
import { protectionOptions } from '../../../../src/sim/krb5/context/established-context.js';
import { encodeGssChecksum } from '../../../../src/sim/krb5/context/gss-checksum.js';
import { makeInitiatorToken } from '../../../../src/sim/krb5/context/initiator-token.js';
import { ReplayCache } from '../../../../src/sim/krb5/context/replay-cache.js';
import type { ServiceKey } from '../../../../src/sim/krb5/context/service-keys.js';
import { decodeApReq, encodeApReq } from '../../../../src/sim/krb5/messages/ap-req.js';
import { decodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { ChannelBindings } from '../../../../src/spec/channel-bindings.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import {
  GSS_S_BAD_BINDINGS,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
} from '../../../../src/spec/status.js';
import { catchGssError } from '../../../support/gss-flows.js';
import { NOW, REALM, START, simRealm, userTgt } from '../client/sim-realm.js';

const F = RequirementFlag;
const HOST = `host/localhost@${REALM}`;
const ALWAYS = F.confidentiality | F.integrity | F.transferable;

interface Setup {
  readonly credential: Credential;
  readonly keys: ServiceKey[];
  readonly acceptor: AcceptorOptions;
  readonly initiator: {
    readonly random: ReturnType<typeof createRandom>;
    clock: AcceptorOptions['clock'];
  };
}

function setup(acceptorSeed = 'acceptor', acceptorOffset = 0): Setup {
  const realm = simRealm();
  const { credential: tgt } = userTgt(realm);
  const credential = getServiceCredentials({
    kdc: realm.kdc,
    tgt,
    server: 'host/localhost',
    random: realm.random,
    clock: realm.clock,
  });
  const host = realm.kdc.database.lookup('host/localhost');
  const current = host === undefined ? undefined : firstCurrentKey(host);
  if (host === undefined || current === undefined) throw new Error('expected a host key');
  const keys = host.keys.map(({ kvno, key }) => ({
    principal: HOST,
    kvno,
    enctype: key.enctype,
    key,
  }));
  return {
    credential,
    keys,
    acceptor: {
      keys,
      clock: createClock(START + acceptorOffset * 1000),
      random: createRandom(acceptorSeed),
      replayCache: new ReplayCache(),
    },
    initiator: { random: createRandom('initiator'), clock: realm.clock },
  };
}

function first(s: Setup, flags: number, channelBindings: ChannelBindings | null = null) {
  return makeInitiatorToken({ credential: s.credential, flags, channelBindings, ...s.initiator });
}

describe('the sim acceptor with the sim initiator', () => {
  it('establishes a mutual context whose ends exchange wrap and MIC tokens both ways', () => {
    const s = setup();
    const flags = F.mutualAuthentication | F.replayDetection | F.outOfSequenceDetection;
    const { token, state } = first(s, flags);
    const accepted = acceptContextToken(token, s.acceptor);
    if (accepted.token === null) throw new Error('expected an AP-REP token');
    const initiator = readApRepToken(state, accepted.token);

    expect(accepted.context.flags).toBe(flags | ALWAYS | F.protectionReady);
    expect(accepted.initiatorName).toBe(`user@${REALM}`);
    expect(accepted.context.recvSeq).toBe(state.seqNumber);
    expect(initiator.recvSeq).toBe(accepted.context.sendSeq);
    expect(initiator.acceptorSubkey?.contents()).toEqual(
      accepted.context.acceptorSubkey?.contents(),
    );

    const random = createRandom('protect');
    const a = createMessageProtection(protectionOptions(accepted.context, (n) => random.bytes(n)));
    const i = createMessageProtection(protectionOptions(initiator, (n) => random.bytes(n)));
    const hello = new TextEncoder().encode('hello');
    expect(a.unwrap(i.wrap(hello).message).message).toEqual(hello);
    expect(i.unwrap(a.wrap(hello).message).message).toEqual(hello);
    expect(i.verifyMic(hello, a.getMic(hello))).toBe(0);
    expect(a.verifyMic(hello, i.getMic(hello))).toBe(0);
  });

  it('without mutual authentication sends no token and both ends start from one number', () => {
    const s = setup();
    const { token, state } = first(s, 0);
    const accepted = acceptContextToken(token, s.acceptor);

    expect(accepted.token).toBeNull();
    expect(accepted.context.flags).toBe(ALWAYS);
    expect([accepted.context.sendSeq, accepted.context.recvSeq]).toEqual([
      state.seqNumber,
      state.seqNumber,
    ]);
    const random = createRandom('protect');
    const a = createMessageProtection(protectionOptions(accepted.context, (n) => random.bytes(n)));
    const i = createMessageProtection(
      protectionOptions(
        {
          initiator: true,
          flags: state.flags,
          ctxKey: state.subkey,
          acceptorSubkey: null,
          sendSeq: state.seqNumber,
          recvSeq: state.seqNumber,
          endtime: state.endtime,
        },
        (n) => random.bytes(n),
      ),
    );
    const message = Uint8Array.of(1, 2, 3);
    expect(a.unwrap(i.wrap(message).message).message).toEqual(message);
    expect(i.unwrap(a.wrap(message).message).message).toEqual(message);
  });

  it('gives the same AP-REP for the same seeds and another for another acceptor seed', () => {
    const reply = (seed: string) => {
      const s = setup(seed);
      return acceptContextToken(first(s, F.mutualAuthentication).token, s.acceptor).token;
    };
    expect(reply('a')).toEqual(reply('a'));
    expect(reply('a')).not.toEqual(reply('b'));
  });

  it('refuses a replayed AP-REQ with KRB5KRB_AP_ERR_REPEAT and a KRB-ERROR token', () => {
    const s = setup();
    const { token, state } = first(s, F.mutualAuthentication);
    acceptContextToken(token, s.acceptor);
    const error = catchGssError(() => acceptContextToken(token, s.acceptor));

    expect([error.major, error.minor]).toEqual([GSS_S_FAILURE, 2529638946]);
    expect(error.message).toContain('Request is a replay');
    if (error.token === null) throw new Error('expected a KRB-ERROR token');
    const parsed = parseContextToken(error.token);
    expect(parsed?.tokId).toBe(TOK_ID_KRB_ERROR);
    const krbError = decodeKrbError(parsed?.message ?? new Uint8Array());
    expect(krbError).toMatchObject({ errorCode: 34, realm: REALM, stime: NOW });
    const back = catchGssError(() => readApRepToken(state, error.token ?? new Uint8Array()));
    expect([back.major, back.minor]).toEqual([GSS_S_FAILURE, 2529638946]);
  });

  it('sends no error token when the initiator does not wait for a reply', () => {
    const s = setup();
    const { token } = first(s, 0);
    acceptContextToken(token, s.acceptor);
    expect(catchGssError(() => acceptContextToken(token, s.acceptor)).token).toBeNull();
  });

  it('refuses a tampered authenticator with KRB5KRB_AP_ERR_BAD_INTEGRITY', () => {
    const s = setup();
    const parsed = parseContextToken(first(s, 0).token);
    if (parsed === null) throw new Error('expected a context token');
    const apReq = decodeApReq(parsed.message);
    const cipher = Uint8Array.from(apReq.authenticator.cipher);
    cipher[20] = (cipher[20] ?? 0) ^ 1;
    const tampered = frameContextToken(
      TOK_ID_AP_REQ,
      encodeApReq({ ...apReq, authenticator: { ...apReq.authenticator, cipher } }),
    );
    const error = catchGssError(() => acceptContextToken(tampered, s.acceptor));

    expect([error.major, error.minor]).toEqual([GSS_S_FAILURE, 2529638943]);
  });

  it('refuses every one-bit change of the authenticator ciphertext', () => {
    const s = setup();
    const parsed = parseContextToken(first(s, 0).token);
    if (parsed === null) throw new Error('expected a context token');
    const apReq = decodeApReq(parsed.message);
    const length = apReq.authenticator.cipher.length;
    fc.assert(
      fc.property(fc.nat(length * 8 - 1), (bit) => {
        const cipher = Uint8Array.from(apReq.authenticator.cipher);
        cipher[bit >> 3] = (cipher[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const tampered = frameContextToken(
          TOK_ID_AP_REQ,
          encodeApReq({ ...apReq, authenticator: { ...apReq.authenticator, cipher } }),
        );
        const error = catchGssError(() => acceptContextToken(tampered, s.acceptor));
        expect([error.major, error.minor]).toEqual([GSS_S_FAILURE, 2529638943]);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a token that is not a framed AP-REQ as defective', () => {
    const s = setup();
    const error = catchGssError(() => acceptContextToken(Uint8Array.of(1, 2, 3), s.acceptor));
    expect([error.major, error.minor]).toEqual([GSS_S_DEFECTIVE_TOKEN, 0]);
  });

  it('refuses an AP-REQ that does not decode with GSS_S_FAILURE and minor 0, as MIT', () => {
    const s = setup();
    const token = frameContextToken(TOK_ID_AP_REQ, Uint8Array.of(0x6e, 3, 1, 2, 3));
    const error = catchGssError(() => acceptContextToken(token, s.acceptor));
    expect([error.major, error.minor, error.token]).toEqual([GSS_S_FAILURE, 0, null]);
  });

  it('opens the ticket with any keytab entry of its enctype, as for an alias', () => {
    const s = setup();
    const keys = s.keys.map((key) => ({ ...key, principal: `alias/localhost@${REALM}`, kvno: 9 }));
    expect(acceptContextToken(first(s, 0).token, { ...s.acceptor, keys }).token).toBeNull();
  });

  it("names what the keytab lacks in MIT's words", () => {
    const s = setup();
    const { token } = first(s, 0);
    const kvno = s.keys[0]?.kvno ?? 0;
    const zero = (key: ServiceKey) => new KeyBlock(key.enctype, new Uint8Array(key.key.length));
    const wrong = s.keys.map((key) => ({ ...key, key: zero(key) }));
    const other = wrong.map((key) => ({ ...key, principal: `host/other@${REALM}` }));
    const older = wrong.map((key) => ({ ...key, kvno: kvno - 1 }));
    const accept = (keys: ServiceKey[]) =>
      catchGssError(() => acceptContextToken(token, { ...s.acceptor, keys }));

    expect([accept(other).minor, accept(other).message]).toEqual([
      2529638947,
      expect.stringContaining(`Request ticket server ${HOST} not found in keytab (ticket kvno 2)`),
    ]);
    expect(accept(older).message).toContain(
      `Request ticket server ${HOST} kvno 2 not found in keytab; keytab is likely out of date`,
    );
    expect(accept(wrong).message).toContain(
      `Request ticket server ${HOST} kvno 2 enctype aes256-cts found in keytab but cannot decrypt ticket`,
    );
    expect(accept([]).minor).toBe(code('KRB5KRB_AP_ERR_NOKEY'));
  });

  it('checks the clock skew and the ticket times, ticket times first', () => {
    const skewed = (offset: number) => {
      const s = setup('acceptor', offset);
      return catchGssError(() => acceptContextToken(first(s, 0).token, s.acceptor)).minor;
    };
    expect(skewed(301)).toBe(code('KRB5KRB_AP_ERR_SKEW'));
    expect(skewed(-301)).toBe(code('KRB5KRB_AP_ERR_TKT_NYV'));
    expect(skewed(86_400 + 301)).toBe(code('KRB5KRB_AP_ERR_TKT_EXPIRED'));
    const s = setup('acceptor', 300);
    expect(acceptContextToken(first(s, 0).token, s.acceptor).token).toBeNull();
  });
});

describe('channel bindings on the acceptor', () => {
  const tls = new ChannelBindings({ applicationData: new TextEncoder().encode('tls') });
  const other = new ChannelBindings({ applicationData: new TextEncoder().encode('TLS') });
  const accept = (initiator: ChannelBindings | null, acceptor: ChannelBindings | null) => {
    const s = setup();
    const { token } = first(s, F.mutualAuthentication, initiator);
    return acceptContextToken(token, { ...s.acceptor, channelBindings: acceptor });
  };

  it('adds channelBound when both ends have the same bindings', () => {
    expect(accept(tls, tls).context.flags & F.channelBound).toBe(F.channelBound);
  });

  it('accepts without channelBound when either end has none', () => {
    expect(accept(tls, null).context.flags & F.channelBound).toBe(0);
    expect(accept(null, tls).context.flags & F.channelBound).toBe(0);
  });

  it('refuses other bindings with GSS_S_BAD_BINDINGS and a generic KRB-ERROR', () => {
    const error = catchGssError(() => accept(tls, other));
    expect([error.major, error.minor]).toEqual([GSS_S_BAD_BINDINGS, 0]);
    const parsed = parseContextToken(error.token ?? new Uint8Array());
    expect(decodeKrbError(parsed?.message ?? new Uint8Array()).errorCode).toBe(60);
  });

  it('reads back the flags MIT keeps and drops the others, with or without Deleg', () => {
    fc.assert(
      fc.property(fc.nat(0xffff), fc.boolean(), (asked, delegating) => {
        const deleg = delegating ? Uint8Array.of(1, 2) : undefined;
        const checksum = encodeGssChecksum({
          bnd: new Uint8Array(16),
          flags: asked | (delegating ? F.delegateToPeer : 0),
          ...(deleg === undefined ? {} : { deleg }),
        });
        const read = readAuthenticatorChecksum({ cksumtype: 0x8003, checksum }, null);
        const kept =
          F.integrity |
          F.confidentiality |
          F.mutualAuthentication |
          F.replayDetection |
          F.outOfSequenceDetection |
          F.dceStyle |
          F.identify |
          F.extendedError;
        expect(read.flags).toBe(asked & kept);
        expect(read.deleg).toEqual(deleg);
      }),
    );
  });

  it('refuses a checksum under 24 octets as bad bindings and a Lgth not 16 as KG_BAD_LENGTH', () => {
    const value = encodeGssChecksum({ bnd: channelBindingsHash(tls), flags: 0 });
    const fail = (checksum: Uint8Array) =>
      catchAccept(() => readAuthenticatorChecksum({ cksumtype: 0x8003, checksum }, tls));
    expect(fail(value.subarray(0, 23))).toEqual([GSS_S_BAD_BINDINGS, 0]);
    const lgth = Uint8Array.from(value);
    lgth[0] = 15;
    expect(fail(lgth)).toEqual([GSS_S_FAILURE, KG_BAD_LENGTH]);
    expect(fail(Uint8Array.of(...value, 0, 0, 0, 1, 0, 0, 0, 9))).toEqual([
      GSS_S_FAILURE,
      KG_BAD_LENGTH,
    ]);
    expect(readAuthenticatorChecksum(undefined, tls)).toEqual({ flags: 0 });
  });
});

function catchAccept(run: () => unknown): [number, number] {
  try {
    run();
  } catch (error) {
    if (error instanceof AcceptFailure) return [error.major, error.status.minor];
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the replay cache', () => {
  it('forgets an authenticator once the skew has passed', () => {
    const cache = new ReplayCache(300);
    const entry = { client: 'u@R', server: 's@R', ctime: 1, cusec: 2, cipher: Uint8Array.of(1) };
    expect(cache.store(entry, 1000)).toBe(true);
    expect(cache.store(entry, 1300)).toBe(false);
    expect(cache.store({ ...entry, cipher: Uint8Array.of(2) }, 1300)).toBe(true);
    expect(cache.store(entry, 1301)).toBe(true);
  });
});
