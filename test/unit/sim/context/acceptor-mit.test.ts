/**
 * MIT krb5 1.20's initiator against the sim's acceptor on a real realm: MIT's
 * `gss_init_sec_context` makes the AP-REQ for `host@<hostname>`, the sim accepts it with the host
 * keys of the realm's keytab, MIT's initiator completes with the sim's AP-REP, and the two ends
 * exchange wrap and MIC tokens. Replays, tampered authenticators and keytab misses give MIT's
 * statuses, and MIT's initiator reads the sim's KRB-ERROR token.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createClock } from '../../../../src/sim/clock.js';
import { KeyBlock } from '../../../../src/sim/crypto/index.js';
import {
  type AcceptorOptions,
  acceptContextToken,
} from '../../../../src/sim/krb5/context/acceptor-token.js';
import {
  frameContextToken,
  parseContextToken,
  TOK_ID_AP_REQ,
} from '../../../../src/sim/krb5/context/context-token.js';
import { protectionOptions } from '../../../../src/sim/krb5/context/established-context.js';
import { ReplayCache } from '../../../../src/sim/krb5/context/replay-cache.js';
import type { ServiceKey } from '../../../../src/sim/krb5/context/service-keys.js';
import { decodeApReq, encodeApReq } from '../../../../src/sim/krb5/messages/ap-req.js';
import { decodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { ChannelBindings } from '../../../../src/spec/channel-bindings.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { Name } from '../../../../src/spec/handles.js';
import { NameType } from '../../../../src/spec/oids.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { catchGssError } from '../../../support/gss-flows.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';

const F = RequirementFlag;
const sorted = (flags: Iterable<number>) => [...flags].sort((a, b) => a - b);
const bitsOf = (word: number) => sorted(Object.values(F).filter((bit) => (word & bit) !== 0));

describeNative("MIT's initiator against the sim's acceptor", () => {
  let realm: MitRealm;
  let target: Name;
  let keys: ServiceKey[];
  // Real time: MIT's initiator stamps the authenticator with its clock.
  const clock = createClock();
  const random = createRandom('acceptor vs MIT');
  const acceptor = (): AcceptorOptions => ({
    keys,
    clock,
    random,
    replayCache: new ReplayCache(),
  });

  beforeAll(async () => {
    realm = await startMitRealm();
    target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    keys = readKeytab(readFileSync(`${realm.directory}/keytab`));
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  it("completes MIT's mutual context with the sim's AP-REP and exchanges wrap tokens", () => {
    const asked = [F.mutualAuthentication, F.replayDetection, F.outOfSequenceDetection];
    const firstStep = realm.gss.initSecContext(target, { flags: asked });
    expect(firstStep.moreSteps).toBe(true);
    if (firstStep.token === null) throw new Error('expected an AP-REQ token');

    const accepted = acceptContextToken(firstStep.token, acceptor());
    expect(bitsOf(accepted.context.flags)).toEqual(
      sorted([...asked, F.confidentiality, F.integrity, F.transferable, F.protectionReady]),
    );
    expect(accepted.initiatorName).toBe('user@KRBTEST.COM');
    if (accepted.token === null) throw new Error('expected an AP-REP token');
    const last = realm.gss.initSecContext(target, {
      context: firstStep.context,
      inputToken: accepted.token,
    });
    expect(last.moreSteps).toBe(false);
    expect(last.token).toBeNull();

    const sim = createMessageProtection(
      protectionOptions(accepted.context, (n) => random.bytes(n)),
    );
    const hello = new TextEncoder().encode('hello sim');
    const sealed = realm.gss.wrap(last.context, hello);
    expect(sim.unwrap(sealed.message).message).toEqual(hello);
    const reply = sim.wrap(Uint8Array.of(4, 5, 6));
    expect(realm.gss.unwrap(last.context, reply.message).message).toEqual(Uint8Array.of(4, 5, 6));
    expect(sim.verifyMic(hello, realm.gss.getMic(last.context, hello))).toBe(0);
    expect(realm.gss.verifyMic(last.context, hello, sim.getMic(hello))).toBe(0);
    realm.gss.deleteSecContext(last.context);
  });

  it("accepts MIT's one-token context and both ends start from MIT's sequence number", () => {
    const firstStep = realm.gss.initSecContext(target, { flags: [] });
    expect(firstStep.moreSteps).toBe(false);
    if (firstStep.token === null) throw new Error('expected an AP-REQ token');
    const accepted = acceptContextToken(firstStep.token, acceptor());

    expect(accepted.token).toBeNull();
    expect(bitsOf(accepted.context.flags)).toEqual(
      sorted([F.confidentiality, F.integrity, F.transferable]),
    );
    const sim = createMessageProtection(
      protectionOptions(accepted.context, (n) => random.bytes(n)),
    );
    const message = Uint8Array.of(9, 8, 7);
    expect(sim.unwrap(realm.gss.wrap(firstStep.context, message).message).message).toEqual(message);
    expect(realm.gss.unwrap(firstStep.context, sim.wrap(message).message).message).toEqual(message);
    realm.gss.deleteSecContext(firstStep.context);
  });

  it("refuses a replay as MIT does, and MIT's initiator reads the KRB-ERROR token", () => {
    const firstStep = realm.gss.initSecContext(target, { flags: [F.mutualAuthentication] });
    if (firstStep.token === null) throw new Error('expected an AP-REQ token');
    const options = acceptor();
    acceptContextToken(firstStep.token, options);
    const error = catchGssError(() =>
      acceptContextToken(firstStep.token ?? new Uint8Array(), options),
    );

    expect([error.major, error.minor]).toEqual([GSS_S_FAILURE, 2529638946]);
    expect(error.message).toContain('Request is a replay');
    const errorToken = error.token;
    if (errorToken === null) throw new Error('expected a KRB-ERROR token');
    const mit = catchGssError(() =>
      realm.gss.initSecContext(target, { context: firstStep.context, inputToken: errorToken }),
    );
    expect([mit.major, mit.minor]).toEqual([GSS_S_FAILURE, 2529638946]);
  });

  it('refuses a tampered authenticator and a keytab without the host key with MIT codes', () => {
    const firstStep = realm.gss.initSecContext(target, { flags: [] });
    if (firstStep.token === null) throw new Error('expected an AP-REQ token');
    const parsed = parseContextToken(firstStep.token);
    if (parsed === null) throw new Error('expected a context token');
    const apReq = decodeApReq(parsed.message);
    const cipher = Uint8Array.from(apReq.authenticator.cipher);
    cipher[30] = (cipher[30] ?? 0) ^ 0x80;
    const tampered = frameContextToken(
      TOK_ID_AP_REQ,
      encodeApReq({ ...apReq, authenticator: { ...apReq.authenticator, cipher } }),
    );
    const bad = catchGssError(() => acceptContextToken(tampered, acceptor()));
    expect([bad.major, bad.minor]).toEqual([GSS_S_FAILURE, 2529638943]);

    // A keytab of another principal whose keys do not open the ticket.
    const without = keys.map((key) => ({
      ...key,
      principal: 'other@KRBTEST.COM',
      key: new KeyBlock(key.enctype, new Uint8Array(key.key.length)),
    }));
    const none = catchGssError(() =>
      acceptContextToken(firstStep.token ?? new Uint8Array(), { ...acceptor(), keys: without }),
    );
    expect([none.major, none.minor]).toEqual([GSS_S_FAILURE, 2529638947]);
    expect(none.message).toContain(
      `Request ticket server host/${realm.hostname}@KRBTEST.COM not found in keytab (ticket kvno`,
    );
  });

  it("agrees with MIT's acceptor on the same tokens: flags, statuses and KRB-ERROR codes", () => {
    const tls = new ChannelBindings({ applicationData: new TextEncoder().encode('tls') });
    const other = new ChannelBindings({ applicationData: new TextEncoder().encode('TLS') });
    const errorCode = (token: Uint8Array | null) => {
      const parsed = token === null ? null : parseContextToken(token);
      return parsed === null ? null : decodeKrbError(parsed.message).errorCode;
    };
    const outcome = (run: () => { readonly flags: number }) => {
      try {
        return { flags: run().flags };
      } catch (error) {
        if (!(error instanceof GssError)) throw error;
        // MIT's mechglue renumbers a mechanism minor of 0 from 100001 up; the sim's mechanism
        // gives the minor before that layer.
        const minor = error.minor > 100_000 && error.minor < 200_000 ? 0 : error.minor;
        return { major: error.major, minor, errorCode: errorCode(error.token) };
      }
    };
    const mitFlags = (word: Iterable<number>) => sorted(word).reduce((a, b) => a | b, 0);
    const mutual = [F.mutualAuthentication, F.replayDetection];
    const cases = [
      { flags: [], initiator: null, acceptor: null, replay: false },
      { flags: mutual, initiator: tls, acceptor: tls, replay: false },
      { flags: mutual, initiator: tls, acceptor: other, replay: false },
      { flags: [], initiator: tls, acceptor: other, replay: false },
      { flags: mutual, initiator: null, acceptor: tls, replay: true },
    ];
    for (const c of cases) {
      const step = realm.gss.initSecContext(target, {
        flags: c.flags,
        ...(c.initiator === null ? {} : { channelBindings: c.initiator }),
      });
      const token = step.token ?? new Uint8Array();
      const options = { ...acceptor(), channelBindings: c.acceptor };
      const mitOptions = c.acceptor === null ? {} : { channelBindings: c.acceptor };
      if (c.replay) {
        realm.gss.acceptSecContext(token, mitOptions);
        acceptContextToken(token, options);
      }
      const mit = outcome(() => {
        const accepted = realm.gss.acceptSecContext(token, mitOptions);
        return { flags: mitFlags(accepted.flags) };
      });
      const sim = outcome(() => acceptContextToken(token, options).context);
      expect(sim).toEqual(mit);
      realm.gss.deleteSecContext(step.context);
    }
  });
});
