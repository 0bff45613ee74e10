/**
 * The sim's initiator against MIT krb5 1.20's acceptor on a real realm: the service ticket
 * comes from MIT's KDC (sim client over UDP), MIT's `gss_accept_sec_context` accepts the sim's
 * AP-REQ token with the flags MIT grants, the sim reads MIT's AP-REP, and the two ends then
 * exchange wrap and MIC tokens.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createClock } from '../../../../src/sim/clock.js';
import {
  type Credential,
  InitCredsContext,
  makeTgsRequest,
  parseKrbPrincipal,
  processTgsReply,
} from '../../../../src/sim/krb5/client/index.js';
import { readApRepToken } from '../../../../src/sim/krb5/context/ap-rep-reply.js';
import { protectionOptions } from '../../../../src/sim/krb5/context/established-context.js';
import { makeInitiatorToken } from '../../../../src/sim/krb5/context/initiator-token.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { ChannelBindings } from '../../../../src/spec/channel-bindings.js';
import { BadChannelBindingsError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import { describeNative } from '../../../support/native.js';
import { udpExchange } from '../udp-kdc.js';

const F = RequirementFlag;
const ALWAYS = [F.confidentiality, F.integrity, F.transferable];
const sorted = (flags: Iterable<number>) => [...flags].sort((a, b) => a - b);
const bitsOf = (word: number) => sorted(Object.values(F).filter((bit) => (word & bit) !== 0));

describeNative("the sim's initiator tokens against MIT's acceptor", () => {
  let realm: MitRealm;
  let service: Credential;
  // Real time: MIT's acceptor checks the authenticator's ctime against its clock.
  const clock = createClock();
  const random = createRandom('context vs MIT');

  beforeAll(async () => {
    realm = await startMitRealm();
    const context = new InitCredsContext({
      client: 'user@KRBTEST.COM',
      password: realm.userPassword,
      clock,
      random,
    });
    let request = context.start();
    let tgt: Credential | undefined;
    while (tgt === undefined) {
      const next = context.step(await udpExchange(realm.kdcPort, request));
      if (next.done !== undefined) tgt = next.done.credential;
      else request = next.request;
    }
    const server = parseKrbPrincipal(`host/${realm.hostname}`, tgt.client.realm);
    const tgs = makeTgsRequest({
      tgt,
      server,
      kdcOptions: (tgt.flags & TicketFlags.forwardable) | KdcOptions.canonicalize,
      enctypes: [18, 17, 20, 19],
      random,
      clock,
    });
    service = processTgsReply(await udpExchange(realm.kdcPort, tgs.bytes), {
      tgt,
      request: tgs,
      server,
    });
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  const cases = [
    { label: 'no flag', asked: 0, acceptor: ALWAYS },
    {
      label: 'replay and sequence',
      asked: F.replayDetection | F.outOfSequenceDetection,
      acceptor: [F.replayDetection, F.outOfSequenceDetection, ...ALWAYS],
    },
    {
      label: 'identify and extended error',
      asked: F.identify | F.extendedError,
      acceptor: [F.identify, F.extendedError, ...ALWAYS],
    },
  ];
  for (const { label, asked, acceptor } of cases) {
    it(`MIT accepts a one-token context asking ${label} and grants MIT's flags`, () => {
      const { token, state } = makeInitiatorToken({
        credential: service,
        flags: asked,
        random,
        clock,
      });
      const accepted = realm.gss.acceptSecContext(token);

      expect(accepted.token).toBeNull();
      expect(accepted.moreSteps).toBe(false);
      expect(sorted(accepted.flags)).toEqual(sorted(acceptor));
      expect(bitsOf(state.flags)).toEqual(sorted([...ALWAYS, ...bitsOf(asked)]));
      expect(new TextDecoder().decode(realm.gss.displayName(accepted.initiatorName).name)).toBe(
        'user@KRBTEST.COM',
      );
      realm.gss.deleteSecContext(accepted.context);
    });
  }

  it('with mutual authentication the sim reads MIT AP-REP and the ends exchange wrap tokens', () => {
    const flags = F.mutualAuthentication | F.replayDetection | F.outOfSequenceDetection;
    const { token, state } = makeInitiatorToken({ credential: service, flags, random, clock });
    const accepted = realm.gss.acceptSecContext(token);
    expect(accepted.token?.subarray(0, 1)).toEqual(Uint8Array.of(0x60));
    expect(sorted(accepted.flags)).toEqual(
      sorted([...bitsOf(flags), F.protectionReady, ...ALWAYS]),
    );
    if (accepted.token === null) throw new Error('expected an AP-REP token');

    const established = readApRepToken(state, accepted.token);
    expect(established.acceptorSubkey?.enctype).toBe(service.sessionKey.enctype);
    const sim = createMessageProtection(protectionOptions(established, (n) => random.bytes(n)));
    const hello = new TextEncoder().encode('hello MIT');

    const sealed = sim.wrap(hello);
    expect(realm.gss.unwrap(accepted.context, sealed.message).message).toEqual(hello);
    const reply = realm.gss.wrap(accepted.context, Uint8Array.of(1, 2, 3));
    expect(sim.unwrap(reply.message).message).toEqual(Uint8Array.of(1, 2, 3));
    const mic = realm.gss.getMic(accepted.context, hello);
    expect(sim.verifyMic(hello, mic)).toBe(0);
    expect(realm.gss.verifyMic(accepted.context, hello, sim.getMic(hello))).toBe(0);
    realm.gss.deleteSecContext(accepted.context);
  });

  it('without mutual authentication both ends start from the initiator sequence number', () => {
    const { token, state } = makeInitiatorToken({ credential: service, flags: 0, random, clock });
    const accepted = realm.gss.acceptSecContext(token);
    const sim = createMessageProtection(
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
    const message = Uint8Array.of(9, 8, 7);

    expect(realm.gss.unwrap(accepted.context, sim.wrap(message).message).message).toEqual(message);
    expect(sim.unwrap(realm.gss.wrap(accepted.context, message).message).message).toEqual(message);
    realm.gss.deleteSecContext(accepted.context);
  });

  it('MIT checks the Bnd hash: same bindings pass, other bindings fail, none on its side pass', () => {
    const bindings = new ChannelBindings({ applicationData: new TextEncoder().encode('tls') });
    const other = new ChannelBindings({ applicationData: new TextEncoder().encode('TLS') });
    const make = () =>
      makeInitiatorToken({
        credential: service,
        flags: 0,
        channelBindings: bindings,
        random,
        clock,
      }).token;

    const bound = realm.gss.acceptSecContext(make(), { channelBindings: bindings });
    expect(sorted(bound.flags)).toEqual(sorted([F.channelBound, ...ALWAYS]));
    expect(() => realm.gss.acceptSecContext(make(), { channelBindings: other })).toThrow(
      BadChannelBindingsError,
    );
    expect(sorted(realm.gss.acceptSecContext(make()).flags)).toEqual(sorted(ALWAYS));
  });

  it('MIT refuses the same token twice as a replay', () => {
    const { token } = makeInitiatorToken({ credential: service, flags: 0, random, clock });
    realm.gss.acceptSecContext(token);

    expect(() => realm.gss.acceptSecContext(token)).toThrow(/Request is a replay/);
  });
});
