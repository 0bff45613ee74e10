/**
 * Credential delegation against MIT krb5 1.20 on a real realm: the sim reads the KRB-CRED MIT's
 * initiator puts in the 0x8003 checksum into a TGT that works at MIT's KDC, the sim's KRB-CRED
 * equals MIT's field by field, and MIT's acceptor takes the TGT the sim delegates.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt, encrypt, KeyBlock, makeRandomKey } from '../../../../src/sim/crypto/index.js';
import {
  type Credential,
  InitCredsContext,
  makeTgsRequest,
  parseKrbPrincipal,
  processTgsReply,
  unparseKrbPrincipal,
} from '../../../../src/sim/krb5/client/index.js';
import { readAuthenticatorChecksum } from '../../../../src/sim/krb5/context/acceptor-checksum.js';
import {
  frameContextToken,
  parseContextToken,
  TOK_ID_AP_REQ,
} from '../../../../src/sim/krb5/context/context-token.js';
import {
  KEY_USAGE_KRB_CRED_ENCPART,
  makeDelegation,
  makeKrbCred,
  readDelegation,
} from '../../../../src/sim/krb5/context/delegation.js';
import {
  CKSUMTYPE_KG_CB,
  encodeGssChecksum,
} from '../../../../src/sim/krb5/context/gss-checksum.js';
import { makeInitiatorToken } from '../../../../src/sim/krb5/context/initiator-token.js';
import type { ServiceKey } from '../../../../src/sim/krb5/context/service-keys.js';
import {
  decodeApReq,
  decodeAuthenticator,
  encodeApReq,
  encodeAuthenticator,
} from '../../../../src/sim/krb5/messages/ap-req.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import {
  decodeEncKrbCredPart,
  decodeKrbCred,
  type EncKrbCredPart,
} from '../../../../src/sim/krb5/messages/krb-cred.js';
import {
  decodeEncTicketPart,
  decodeTicket,
  encodeTicket,
} from '../../../../src/sim/krb5/messages/ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { Name } from '../../../../src/spec/handles.js';
import { NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';
import { udpExchange } from '../udp-kdc.js';
import { syncKdc } from './mit-tickets.js';

const F = RequirementFlag;

/** What an acceptor learns from an AP-REQ token: keys, authenticator, the Deleg field. */
function openApReq(token: Uint8Array, keys: readonly ServiceKey[]) {
  const parsed = parseContextToken(token);
  if (parsed === null) throw new Error('expected a context token');
  const apReq = decodeApReq(parsed.message);
  const hostKey = keys.find((key) => key.enctype === apReq.ticket.encPart.etype);
  if (hostKey === undefined) throw new Error('expected a host key of the ticket enctype');
  const ticketPart = decodeEncTicketPart(decrypt(hostKey.key, 2, apReq.ticket.encPart.cipher));
  const sessionKey = new KeyBlock(ticketPart.key.keytype, ticketPart.key.keyvalue);
  const authenticator = decodeAuthenticator(decrypt(sessionKey, 11, apReq.authenticator.cipher));
  const { deleg } = readAuthenticatorChecksum(authenticator.cksum, null);
  if (deleg === undefined) throw new Error('expected a Deleg field');
  const subkey =
    authenticator.subkey === undefined
      ? undefined
      : new KeyBlock(authenticator.subkey.keytype, authenticator.subkey.keyvalue);
  return { sessionKey, subkey, authenticator, deleg };
}

function openKrbCred(deleg: Uint8Array, sessionKey: KeyBlock): EncKrbCredPart {
  const cipher = decodeKrbCred(deleg).encPart.cipher;
  return decodeEncKrbCredPart(decrypt(sessionKey, KEY_USAGE_KRB_CRED_ENCPART, cipher));
}

describeNative('credential delegation against MIT', () => {
  let realm: MitRealm;
  let target: Name;
  let keys: ServiceKey[];
  let tgt: Credential;
  const clock = createClock();
  const random = createRandom('delegation vs MIT');

  const serviceTicket = async (with_: Credential): Promise<Credential> => {
    const server = parseKrbPrincipal(`host/${realm.hostname}`, with_.client.realm);
    const tgs = makeTgsRequest({
      tgt: with_,
      server,
      kdcOptions: (with_.flags & TicketFlags.forwardable) | KdcOptions.canonicalize,
      enctypes: [18, 17, 20, 19],
      random,
      clock,
    });
    const reply = await udpExchange(realm.kdcPort, tgs.bytes);
    return processTgsReply(reply, { tgt: with_, request: tgs, server });
  };

  beforeAll(async () => {
    realm = await startMitRealm();
    target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    keys = readKeytab(readFileSync(`${realm.directory}/keytab`));
    const context = new InitCredsContext({
      client: 'user@KRBTEST.COM',
      password: realm.userPassword,
      clock,
      random,
    });
    let request = context.start();
    let done: Credential | undefined;
    while (done === undefined) {
      const next = context.step(await udpExchange(realm.kdcPort, request));
      if (next.done !== undefined) done = next.done.credential;
      else request = next.request;
    }
    tgt = done;
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  it("reads MIT's delegated TGT into a credential that gets a service ticket MIT accepts", async () => {
    const step = realm.gss.initSecContext(target, { flags: [F.delegateToPeer] });
    if (step.token === null) throw new Error('expected an AP-REQ token');
    const { sessionKey, subkey, authenticator, deleg } = openApReq(step.token, keys);

    const delegated = readDelegation(
      deleg,
      subkey === undefined ? { sessionKey } : { subkey, sessionKey },
    );
    expect(unparseKrbPrincipal(delegated.client)).toBe('user@KRBTEST.COM');
    expect(unparseKrbPrincipal(delegated.server)).toBe('krbtgt/KRBTEST.COM@KRBTEST.COM');
    expect(delegated.flags & TicketFlags.forwarded).toBe(TicketFlags.forwarded);
    // MIT's KRB-CRED consumed the initial sequence number: the authenticator has the next.
    expect(openKrbCred(deleg, sessionKey).nonce).toBe((authenticator.seqNumber ?? 0) - 1);

    const service = await serviceTicket(delegated);
    const { token } = makeInitiatorToken({ credential: service, flags: 0, random, clock });
    const accepted = realm.gss.acceptSecContext(token);
    expect(new TextDecoder().decode(realm.gss.displayName(accepted.initiatorName).name)).toBe(
      'user@KRBTEST.COM',
    );
    realm.gss.deleteSecContext(accepted.context);
    realm.gss.deleteSecContext(step.context);
  });

  it("makes of MIT's delegated credential the KRB-CRED MIT made, field by field", () => {
    const step = realm.gss.initSecContext(target, { flags: [F.delegateToPeer] });
    if (step.token === null) throw new Error('expected an AP-REQ token');
    const { sessionKey, deleg } = openApReq(step.token, keys);
    const mitPart = openKrbCred(deleg, sessionKey);
    const { timestamp, usec, nonce } = mitPart;
    if (timestamp === undefined || usec === undefined || nonce === undefined) {
      throw new Error('expected a timestamp, usec and nonce in MIT KRB-CRED');
    }
    expect(mitPart.sAddress).toBeUndefined();
    expect(mitPart.rAddress).toBeUndefined();

    const simDeleg = makeKrbCred({
      credential: readDelegation(deleg, { sessionKey }),
      sessionKey,
      seqNumber: nonce,
      random,
      clock: createClock(timestamp * 1000 + usec / 1000),
    });
    expect(openKrbCred(simDeleg, sessionKey)).toEqual(mitPart);
    const mitCred = decodeKrbCred(deleg);
    const simCred = decodeKrbCred(simDeleg);
    expect(simCred.tickets.map(encodeTicket)).toEqual(mitCred.tickets.map(encodeTicket));
    expect(simCred.encPart.etype).toBe(mitCred.encPart.etype);
    expect(simCred.encPart.kvno).toBe(mitCred.encPart.kvno);
    expect(simDeleg.length).toBe(deleg.length);
    realm.gss.deleteSecContext(step.context);
  });

  it("delegates a forwarded TGT from MIT's KDC that MIT's acceptor stores", async () => {
    const service = await serviceTicket(tgt);
    const seqNumber = 0x1234567;
    const deleg = makeDelegation({
      kdc: syncKdc(realm.kdcPort),
      tgt,
      sessionKey: service.sessionKey,
      seqNumber,
      random,
      clock,
    });
    if (deleg === undefined) throw new Error('expected a KRB-CRED');
    const part = openKrbCred(deleg, service.sessionKey);
    expect(Object.keys(part).sort()).toEqual(['nonce', 'ticketInfo', 'timestamp', 'usec']);
    expect(part.nonce).toBe(seqNumber);
    const info = part.ticketInfo[0];
    expect(info?.key.keytype).toBe(service.sessionKey.enctype);
    expect((info?.flags ?? 0) & TicketFlags.forwarded).toBe(TicketFlags.forwarded);

    // An AP-REQ as MIT's initiator makes it with delegation: the authenticator has seq + 1.
    const subkey = makeRandomKey(service.sessionKey.enctype, (n) => random.bytes(n));
    const flags = F.delegateToPeer | F.confidentiality | F.integrity;
    const checksum = encodeGssChecksum({ bnd: new Uint8Array(16), flags, deleg });
    const { seconds: ctime, microseconds: cusec } = clock.usTimeOfDay();
    const authenticator = encodeAuthenticator({
      crealm: service.client.realm,
      cname: service.client.name,
      cksum: { cksumtype: CKSUMTYPE_KG_CB, checksum },
      cusec,
      ctime,
      subkey: { keytype: subkey.enctype, keyvalue: subkey.contents() },
      seqNumber: seqNumber + 1,
    });
    const cipher = encrypt(service.sessionKey, 11, authenticator, (n) => random.bytes(n));
    const token = frameContextToken(
      TOK_ID_AP_REQ,
      encodeApReq({
        apOptions: 0,
        ticket: decodeTicket(service.ticket),
        authenticator: { etype: service.sessionKey.enctype, cipher },
      }),
    );
    const accepted = realm.gss.acceptSecContext(token);
    expect(accepted.flags).toContain(F.delegateToPeer);
    expect(accepted.delegatedCreds).not.toBeNull();
    realm.gss.deleteSecContext(accepted.context);
  });
});
