/**
 * The sim KDC's TGS exchange with a fixed seed and clock, fed by the sim client's requests and
 * tampered copies of them: the service ticket and its reply key, every refusal with MIT's code
 * and e-text, forwarded TGTs, key rotation, determinism, and robustness against mutations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt, encrypt, type KeyBlock } from '../../../../src/sim/crypto/index.js';
import type { SimKdc } from '../../../../src/sim/kdc/kdc.js';
import { firstCurrentKey } from '../../../../src/sim/kdc/principal-entry.js';
import {
  type Credential,
  getInitialCredentials,
  makeTgsRequest,
  type TgsRequestOptions,
} from '../../../../src/sim/krb5/client/index.js';
import {
  decodeApReq,
  decodeAuthenticator,
  encodeApReq,
  encodeAuthenticator,
} from '../../../../src/sim/krb5/messages/ap-req.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { decodeEncKdcRepPart, decodeTgsRep } from '../../../../src/sim/krb5/messages/kdc-rep.js';
import { decodeTgsReq, encodeTgsReq } from '../../../../src/sim/krb5/messages/kdc-req.js';
import { decodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import { decodeEncTicketPart } from '../../../../src/sim/krb5/messages/ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { makeKdc, PASSWORD, REALM, START } from './fixture.js';

const NOW = START / 1000;
const HOST = { realm: REALM, name: { nameType: 1, nameString: ['host', 'localhost'] } };

function setup(seed: number | string = 1, options: { forwardable?: boolean } = {}) {
  const clock = createClock(START);
  const kdc = makeKdc({ seed, clock });
  const random = createRandom('client');
  const { credential: tgt } = getInitialCredentials({
    kdc,
    client: `user@${REALM}`,
    password: PASSWORD,
    random,
    clock,
    ...options,
  });
  const request = (changes: Partial<TgsRequestOptions> = {}) =>
    makeTgsRequest({
      tgt,
      server: HOST,
      kdcOptions: KdcOptions.forwardable,
      enctypes: [18, 17],
      random,
      clock,
      ...changes,
    });
  return { kdc, clock, tgt, request };
}

function errorOf(reply: Uint8Array | undefined) {
  if (reply === undefined || reply[0] !== 0x7e) throw new Error('expected a KRB-ERROR');
  return decodeKrbError(reply);
}

function replyPart(reply: Uint8Array | undefined, key: KeyBlock, usage: number) {
  const tgsRep = decodeTgsRep(reply ?? new Uint8Array(0));
  return { tgsRep, part: decodeEncKdcRepPart(decrypt(key, usage, tgsRep.encPart.cipher)).part };
}

function hostKey(kdc: SimKdc): KeyBlock {
  const entry = kdc.database.lookup('host/localhost');
  const key = entry === undefined ? undefined : firstCurrentKey(entry)?.key;
  if (key === undefined) throw new Error('expected a host key');
  return key;
}

/** The request with its authenticator rewritten by `change` (re-encrypted in the TGT key). */
function withAuthenticator(
  bytes: Uint8Array,
  tgt: Credential,
  change: (a: ReturnType<typeof decodeAuthenticator>) => ReturnType<typeof decodeAuthenticator>,
): Uint8Array {
  const request = decodeTgsReq(bytes);
  const apReq = decodeApReq(request.padata?.[0]?.padataValue ?? new Uint8Array(0));
  const authenticator = decodeAuthenticator(decrypt(tgt.sessionKey, 7, apReq.authenticator.cipher));
  const cipher = encrypt(
    tgt.sessionKey,
    7,
    encodeAuthenticator(change(authenticator)),
    new Uint8Array(16),
  );
  const padataValue = encodeApReq({ ...apReq, authenticator: { etype: 18, cipher } });
  return encodeTgsReq({ ...request, padata: [{ padataType: 1, padataValue }] });
}

describe('the TGS exchange', () => {
  it('issues a service ticket in the host key (kvno 2) with the TGT client and FAT flags', () => {
    const { kdc, tgt, request } = setup();
    const sent = request();
    const { tgsRep, part } = replyPart(kdc.exchange(sent.bytes), sent.subkey ?? tgt.sessionKey, 9);

    expect(tgsRep.ticket.encPart).toMatchObject({ etype: 18, kvno: 2 });
    expect(part.nonce).toBe(sent.body.nonce);
    expect(part.authtime).toBe(NOW);
    expect(part.sname).toEqual(HOST.name);
    const ticket = decodeEncTicketPart(decrypt(hostKey(kdc), 2, tgsRep.ticket.encPart.cipher));
    expect(ticket.cname).toEqual(tgt.client.name);
    expect(ticket.key).toEqual(part.key);
    const fat =
      TicketFlags.forwardable | TicketFlags.preAuthent | TicketFlags.transitedPolicyChecked;
    expect(ticket.flags & fat).toBe(fat >>> 0);
  });

  it('encrypts the reply in the subkey (usage 9), or the session key (usage 8) without one', () => {
    const { kdc, tgt, request } = setup();
    const withSubkey = request();
    const subkeyReply = kdc.exchange(withSubkey.bytes);
    expect(() => replyPart(subkeyReply, withSubkey.subkey ?? tgt.sessionKey, 9)).not.toThrow();
    expect(() => replyPart(subkeyReply, tgt.sessionKey, 8)).toThrow();

    const withoutSubkey = request({ subkey: false });
    expect(withoutSubkey.subkey).toBeUndefined();
    expect(() => replyPart(kdc.exchange(withoutSubkey.bytes), tgt.sessionKey, 8)).not.toThrow();
  });

  it('refuses an unknown server with error 7, its name and the TGT client', () => {
    const { kdc, request } = setup();
    const nosuch = { realm: REALM, name: { nameType: 1, nameString: ['nosuch', 'localhost'] } };
    const error = errorOf(kdc.exchange(request({ server: nosuch }).bytes));
    expect([error.errorCode, error.eText]).toEqual([7, 'LOOKING_UP_SERVER']);
    expect(error.sname).toEqual(nosuch.name);
    expect(error.cname).toEqual({ nameType: 1, nameString: ['user'] });
  });

  it('refuses an expired TGT with KRB_AP_ERR_TKT_EXPIRED (32), allowing the 300 s skew', () => {
    const { kdc, clock, request } = setup();
    clock.advance(86_400 + 300);
    expect(kdc.exchange(request().bytes)?.[0]).toBe(0x6d);
    clock.advance(1);
    const error = errorOf(kdc.exchange(request().bytes));
    expect([error.errorCode, error.eText]).toEqual([32, 'PROCESS_TGS']);
  });

  it('refuses an authenticator 301 s off with KRB_AP_ERR_SKEW (37), accepts 300 s', () => {
    const { kdc, clock, request } = setup();
    const off = (seconds: number) => kdc.exchange(request({ clock: clock.skewed(seconds) }).bytes);
    expect(off(-300)?.[0]).toBe(0x6d);
    expect(errorOf(off(301)).errorCode).toBe(37);
    expect(errorOf(off(-301)).errorCode).toBe(37);
  });

  it('refuses a req-body changed after its checksum with KRB_AP_ERR_MODIFIED (41)', () => {
    const { kdc, request } = setup();
    const original = decodeTgsReq(request().bytes);
    const changed = encodeTgsReq({
      ...original,
      reqBody: { ...original.reqBody, till: original.reqBody.till - 1 },
    });
    expect(errorOf(kdc.exchange(changed)).errorCode).toBe(41);
  });

  it('refuses an authenticator without a checksum with KRB_AP_ERR_INAPP_CKSUM (50)', () => {
    const { kdc, tgt, request } = setup();
    const bytes = withAuthenticator(request().bytes, tgt, ({ cksum: _cksum, ...rest }) => rest);
    expect(errorOf(kdc.exchange(bytes)).errorCode).toBe(50);
  });

  it('refuses an authenticator for another client with KRB_AP_ERR_BADMATCH (36)', () => {
    const { kdc, tgt, request } = setup();
    const bytes = withAuthenticator(request().bytes, tgt, (a) => ({
      ...a,
      cname: { nameType: 1, nameString: ['mallory'] },
    }));
    expect(errorOf(kdc.exchange(bytes)).errorCode).toBe(36);
  });

  it('refuses a request without PA-TGS-REQ with KDC_ERR_PADATA_TYPE_NOSUPP (16)', () => {
    const { kdc, request } = setup();
    const bare = encodeTgsReq({ ...decodeTgsReq(request().bytes), padata: [] });
    expect(errorOf(kdc.exchange(bare)).errorCode).toBe(16);
  });

  it('issues a forwarded TGT for KDC_OPT_FORWARDED from a forwardable TGT', () => {
    const { kdc, tgt, request } = setup();
    const sent = request({
      server: tgt.server,
      kdcOptions: KdcOptions.forwardable | KdcOptions.forwarded,
    });
    const { part } = replyPart(kdc.exchange(sent.bytes), sent.subkey ?? tgt.sessionKey, 9);
    const flags = TicketFlags.forwarded | TicketFlags.forwardable;
    expect(part.flags & flags).toBe(flags >>> 0);
    expect(part.sname).toEqual(tgt.server.name);
  });

  it('refuses forwarding from a TGT that is not forwardable with KDC_ERR_BADOPTION (13)', () => {
    const { kdc, request } = setup(1, { forwardable: false });
    const error = errorOf(kdc.exchange(request({ kdcOptions: KdcOptions.forwarded }).bytes));
    expect([error.errorCode, error.eText]).toEqual([13, 'TGT NOT FORWARDABLE']);
  });

  it("issues tickets of the service's new kvno after changeKeys, the old TGT still valid", () => {
    const { kdc, tgt, request } = setup();
    kdc.database.changeKeys('host/localhost');
    const sent = request();
    const { tgsRep } = replyPart(kdc.exchange(sent.bytes), sent.subkey ?? tgt.sessionKey, 9);
    expect(tgsRep.ticket.encPart.kvno).toBe(3);
    expect(() => decrypt(hostKey(kdc), 2, tgsRep.ticket.encPart.cipher)).not.toThrow();
  });

  it('refuses a TGT of a krbtgt kvno no longer kept with KRB_AP_ERR_BADKEYVER (44)', () => {
    const { kdc, request } = setup();
    kdc.database.changeKeys(`krbtgt/${REALM}`);
    expect(errorOf(kdc.exchange(request().bytes)).errorCode).toBe(44);
  });

  it('gives the same reply bytes for the same seeds and request', () => {
    const first = setup(5);
    const second = setup(5);
    const a = first.request();
    const b = second.request();
    expect(b.bytes).toEqual(a.bytes);
    expect(second.kdc.exchange(b.bytes)).toEqual(first.kdc.exchange(a.bytes));
  });

  it('answers mutated requests with a reply or nothing, never an exception', () => {
    const { kdc, request } = setup();
    const valid = request().bytes;
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }), (at, bits) => {
        const copy = valid.slice();
        copy[at] = (copy[at] ?? 0) ^ bits;
        const reply = kdc.exchange(copy);
        expect(reply === undefined || [0x6d, 0x7e].includes(reply[0] ?? 0)).toBe(true);
      }),
      { seed: 4120, numRuns: 300 },
    );
  });
});
