/**
 * Delegation through the context tokens against MIT krb5 1.20 on a real realm: the sim's
 * initiator delegates a TGT that MIT's acceptor stores and `inquireCred` reads, with MIT's
 * flags and sequence numbers; the sim's acceptor reads MIT's delegated TGT with MIT's flags;
 * a Deleg field that does not read fails both acceptors alike; GSS_C_DELEG_POLICY_FLAG
 * delegates only to a service flagged ok-as-delegate.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createClock } from '../../../../src/sim/clock.js';
import { makeRandomKey } from '../../../../src/sim/crypto/index.js';
import { type Credential, unparseKrbPrincipal } from '../../../../src/sim/krb5/client/index.js';
import {
  type AcceptorOptions,
  acceptContextToken,
} from '../../../../src/sim/krb5/context/acceptor-token.js';
import { readApRepToken } from '../../../../src/sim/krb5/context/ap-rep-reply.js';
import { parseContextToken } from '../../../../src/sim/krb5/context/context-token.js';
import {
  credentialInfo,
  makeDelegation,
  makeKrbCred,
} from '../../../../src/sim/krb5/context/delegation.js';
import { protectionOptions } from '../../../../src/sim/krb5/context/established-context.js';
import {
  type DelegateArgs,
  makeInitiatorToken,
} from '../../../../src/sim/krb5/context/initiator-token.js';
import { ReplayCache } from '../../../../src/sim/krb5/context/replay-cache.js';
import type { ServiceKey } from '../../../../src/sim/krb5/context/service-keys.js';
import { TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { encodeEncKrbCredPart, encodeKrbCred } from '../../../../src/sim/krb5/messages/krb-cred.js';
import { decodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import { decodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { Name } from '../../../../src/spec/handles.js';
import { NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';
import { mitServiceTicket, mitTgt, syncKdc } from './mit-tickets.js';

const F = RequirementFlag;
const ALWAYS = [F.confidentiality, F.integrity, F.transferable];
const sorted = (flags: Iterable<number>) => [...flags].sort((a, b) => a - b);
const bitsOf = (word: number) => sorted(Object.values(F).filter((bit) => (word & bit) !== 0));

describeNative('delegation in the context tokens against MIT', () => {
  let realm: MitRealm;
  let target: Name;
  let keys: ServiceKey[];
  let tgt: Credential;
  let service: Credential;
  // Real time: MIT checks the authenticator's ctime against its clock.
  const clock = createClock();
  const random = createRandom('delegating vs MIT');
  const acceptor = (): AcceptorOptions => ({
    keys,
    clock,
    random,
    replayCache: new ReplayCache(),
  });
  const delegate = ({ sessionKey, seqNumber }: DelegateArgs) =>
    makeDelegation({ kdc: syncKdc(realm.kdcPort), tgt, sessionKey, seqNumber, random, clock });
  const nameOf = (name: Name) => new TextDecoder().decode(realm.gss.displayName(name).name);

  beforeAll(async () => {
    realm = await startMitRealm();
    target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    keys = readKeytab(readFileSync(`${realm.directory}/keytab`));
    tgt = await mitTgt(realm, clock, random);
    service = await mitServiceTicket(realm, tgt, clock, random);
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  it('MIT accepts the TGT the sim delegates, with its flags, and inquireCred reads it', () => {
    const { token, state } = makeInitiatorToken({
      credential: service,
      flags: F.delegateToPeer,
      random,
      clock,
      delegate,
    });
    expect(bitsOf(state.flags)).toEqual(sorted([F.delegateToPeer, ...ALWAYS]));

    const accepted = realm.gss.acceptSecContext(token);
    expect(sorted(accepted.flags)).toEqual(sorted([F.delegateToPeer, ...ALWAYS]));
    const delegated = accepted.delegatedCreds;
    if (delegated === null) throw new Error('expected delegated credentials');
    const inquired = realm.gss.inquireCred(delegated);
    if (inquired.name === null) throw new Error('expected a name');
    expect(nameOf(inquired.name)).toBe('user@KRBTEST.COM');
    expect(inquired.lifetime).toBeGreaterThan(0);
    realm.gss.deleteSecContext(accepted.context);
  });

  it('with mutual authentication both ends agree on the sequence numbers after delegating', () => {
    const flags =
      F.delegateToPeer | F.mutualAuthentication | F.replayDetection | F.outOfSequenceDetection;
    const { token, state } = makeInitiatorToken({
      credential: service,
      flags,
      random,
      clock,
      delegate,
    });
    const accepted = realm.gss.acceptSecContext(token);
    expect(sorted(accepted.flags)).toEqual(
      sorted([...bitsOf(flags), F.protectionReady, ...ALWAYS]),
    );
    expect(accepted.delegatedCreds).not.toBeNull();
    if (accepted.token === null) throw new Error('expected an AP-REP');

    const sim = createMessageProtection(
      protectionOptions(readApRepToken(state, accepted.token), (n) => random.bytes(n)),
    );
    const hello = new TextEncoder().encode('delegated');
    for (let i = 0; i < 2; i += 1) {
      expect(realm.gss.unwrap(accepted.context, sim.wrap(hello).message).message).toEqual(hello);
      expect(sim.unwrap(realm.gss.wrap(accepted.context, hello).message).message).toEqual(hello);
    }
    realm.gss.deleteSecContext(accepted.context);
  });

  it('drops GSS_C_DELEG_FLAG when no KRB-CRED is made, and MIT grants none', () => {
    for (const made of [undefined, () => undefined]) {
      const { token, state } = makeInitiatorToken({
        credential: service,
        flags: F.delegateToPeer,
        random,
        clock,
        ...(made === undefined ? {} : { delegate: made }),
      });
      expect(bitsOf(state.flags)).toEqual(sorted(ALWAYS));
      const accepted = realm.gss.acceptSecContext(token);
      expect(sorted(accepted.flags)).toEqual(sorted(ALWAYS));
      expect(accepted.delegatedCreds).toBeNull();
    }
  });

  it("reads MIT's delegated TGT with MIT's flags, alone and with mutual authentication", () => {
    const cases = [[F.delegateToPeer], [F.delegateToPeer, F.mutualAuthentication]];
    for (const asked of cases) {
      const step = realm.gss.initSecContext(target, { flags: asked });
      if (step.token === null) throw new Error('expected an AP-REQ');
      const mit = realm.gss.acceptSecContext(step.token);
      const sim = acceptContextToken(step.token, acceptor());

      expect(bitsOf(sim.context.flags)).toEqual(sorted(mit.flags));
      expect(bitsOf(sim.context.flags)).toContain(F.delegateToPeer);
      const delegated = sim.delegated;
      if (delegated === undefined) throw new Error('expected a delegated credential');
      expect(unparseKrbPrincipal(delegated.client)).toBe('user@KRBTEST.COM');
      expect(unparseKrbPrincipal(delegated.server)).toBe('krbtgt/KRBTEST.COM@KRBTEST.COM');
      expect(delegated.flags & TicketFlags.forwarded).toBe(TicketFlags.forwarded);
      realm.gss.deleteSecContext(mit.context);
      realm.gss.deleteSecContext(step.context);
    }
  });

  it('fails a Deleg field that does not read as MIT does, with its KRB-ERROR code', () => {
    const wrongKey = makeRandomKey(service.sessionKey.enctype, (n) => random.bytes(n));
    const sealed = (seqNumber: number, key = wrongKey) =>
      makeKrbCred({ credential: tgt, sessionKey: key, seqNumber, random, clock });
    // RFC 6448: an enc-part in clear text, which MIT reads after both keys fail.
    const clear = () =>
      encodeKrbCred({
        tickets: [decodeTicket(tgt.ticket)],
        encPart: { etype: 0, cipher: encodeEncKrbCredPart({ ticketInfo: [credentialInfo(tgt)] }) },
      });
    const fields: ((seqNumber: number) => Uint8Array)[] = [
      () => Uint8Array.of(1, 2, 3),
      () => new Uint8Array(),
      (seqNumber) => sealed(seqNumber),
      (seqNumber) => sealed(seqNumber, service.sessionKey).subarray(0, 40),
      clear,
    ];
    const errorCode = (token: Uint8Array | null) => {
      const parsed = token === null ? null : parseContextToken(token);
      return parsed === null ? null : decodeKrbError(parsed.message).errorCode;
    };
    const outcome = (run: () => { readonly flags: number }) => {
      try {
        return { flags: run().flags };
      } catch (error) {
        if (!(error instanceof GssError)) throw error;
        return { major: error.major, minor: error.minor, errorCode: errorCode(error.token) };
      }
    };

    for (const field of fields) {
      for (const mutual of [0, F.mutualAuthentication]) {
        const { token } = makeInitiatorToken({
          credential: service,
          flags: F.delegateToPeer | mutual,
          random,
          clock,
          delegate: ({ seqNumber }) => field(seqNumber),
        });
        const mit = outcome(() => {
          const accepted = realm.gss.acceptSecContext(token);
          return { flags: sorted(accepted.flags).reduce((a, b) => a | b, 0) };
        });
        const sim = outcome(() => acceptContextToken(token, acceptor()).context);
        expect(sim).toEqual(mit);
        expect(sim).toHaveProperty(field === clear ? 'flags' : 'major');
      }
    }
  });

  it('delegates under GSS_C_DELEG_POLICY_FLAG only to a service flagged ok-as-delegate', async () => {
    const plain = makeInitiatorToken({
      credential: service,
      flags: F.okAsDelegate,
      random,
      clock,
      delegate,
    });
    expect(bitsOf(plain.state.flags)).toEqual(sorted(ALWAYS));
    const mitPlain = realm.gss.initSecContext(target, { flags: [F.okAsDelegate] });
    expect(sorted(mitPlain.flags)).toEqual(sorted(ALWAYS));

    await realm.modifyPrincipal(`host/${realm.hostname}`, ['+ok_as_delegate']);
    const flagged = await mitServiceTicket(realm, tgt, clock, random);
    expect(flagged.flags & TicketFlags.okAsDelegate).toBe(TicketFlags.okAsDelegate);
    const { token, state } = makeInitiatorToken({
      credential: flagged,
      flags: F.okAsDelegate,
      random,
      clock,
      delegate,
    });
    // MIT's default ccache holds the ticket got before the change: start from a fresh one.
    const user = realm.gss.importName('user@KRBTEST.COM', { nameType: NameType.user });
    const { creds } = realm.gss.acquireCredWithPassword(user, realm.userPassword);
    const mitFlagged = realm.gss.initSecContext(target, { creds, flags: [F.okAsDelegate] });
    expect(bitsOf(state.flags)).toEqual(sorted(mitFlagged.flags));
    expect(bitsOf(state.flags)).toEqual(sorted([F.delegateToPeer, F.okAsDelegate, ...ALWAYS]));
    const accepted = realm.gss.acceptSecContext(token);
    expect(sorted(accepted.flags)).toEqual(sorted([F.delegateToPeer, ...ALWAYS]));
    expect(accepted.delegatedCreds).not.toBeNull();
    realm.gss.deleteSecContext(accepted.context);
    realm.gss.deleteSecContext(mitFlagged.context);
    realm.gss.releaseCred(creds);
    realm.gss.deleteSecContext(mitPlain.context);
  });
});
