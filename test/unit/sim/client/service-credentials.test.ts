/**
 * The sim client's TGS exchange against the sim KDC: the request `kvno` sends (less its FAST
 * wrapper), the reply in the subkey, the canonicalize fallback, delegation's forwarded TGT,
 * key rotation, the cache, and the failures with MIT's code and message.
 */
import { describe, expect, it } from 'vitest';
import { decrypt, KeyBlock } from '../../../../src/sim/crypto/index.js';
import { code } from '../../../../src/sim/errors/index.js';
import { firstCurrentKey } from '../../../../src/sim/kdc/principal-entry.js';
import {
  type Credential,
  CredentialCache,
  getForwardedTgt,
  getServiceCredentials,
  Krb5Error,
  type ServiceCredentialsOptions,
} from '../../../../src/sim/krb5/client/index.js';
import { decodeApReq, decodeAuthenticator } from '../../../../src/sim/krb5/messages/ap-req.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { decodeTgsRep } from '../../../../src/sim/krb5/messages/kdc-rep.js';
import { decodeTgsReq } from '../../../../src/sim/krb5/messages/kdc-req.js';
import { decodeEncTicketPart, decodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { NOW, REALM, recording, type SimRealm, simRealm, userTgt } from './sim-realm.js';

function failure(run: () => unknown): Krb5Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Krb5Error) return error;
    throw error;
  }
  throw new Error('expected a Krb5Error');
}

function service(
  realm: SimRealm,
  tgt: Credential,
  options: Partial<ServiceCredentialsOptions> = {},
): Credential {
  return getServiceCredentials({
    kdc: realm.kdc,
    tgt,
    server: 'host/localhost',
    random: realm.random,
    clock: realm.clock,
    ...options,
  });
}

function hostTicketPart(realm: SimRealm, credential: Credential) {
  const host = realm.kdc.database.lookup('host/localhost');
  const key = host === undefined ? undefined : firstCurrentKey(host)?.key;
  if (key === undefined) throw new Error('expected a host key');
  const ticket = decodeTicket(credential.ticket);
  return { ticket, part: decodeEncTicketPart(decrypt(key, 2, ticket.encPart.cipher)) };
}

describe('getServiceCredentials', () => {
  it("gets a forwardable service ticket (klist's FAT) that the host key decrypts", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const credential = service(realm, tgt);

    expect(credential.server).toEqual({
      realm: REALM,
      name: { nameType: 1, nameString: ['host', 'localhost'] },
    });
    const fat =
      TicketFlags.forwardable | TicketFlags.preAuthent | TicketFlags.transitedPolicyChecked;
    expect(credential.flags & fat).toBe(fat >>> 0);
    const { ticket, part } = hostTicketPart(realm, credential);
    expect(ticket.encPart.kvno).toBe(2);
    expect(part.key.keyvalue).toEqual(credential.sessionKey.contents());
    expect(part.cname).toEqual(tgt.client.name);
  });

  it("sends kvno's request: TGT flags as options, canonicalize, PA-TGS-REQ with a subkey", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const kdc = recording(realm.kdc);
    service(realm, tgt, { kdc });

    expect(kdc.requests).toHaveLength(1);
    const request = decodeTgsReq(kdc.requests[0] ?? new Uint8Array(0));
    expect(request.reqBody).toMatchObject({
      kdcOptions: (KdcOptions.forwardable | KdcOptions.canonicalize) >>> 0,
      realm: REALM,
      sname: { nameType: 1, nameString: ['host', 'localhost'] },
      till: tgt.times.endtime,
      etype: [18, 17, 20, 19, 16, 23, 25, 26],
    });
    expect(request.padata?.map((pa) => pa.padataType)).toEqual([1]);
    const apReq = decodeApReq(request.padata?.[0]?.padataValue ?? new Uint8Array(0));
    expect(apReq.apOptions).toBe(0);
    const authenticator = decodeAuthenticator(
      decrypt(tgt.sessionKey, 7, apReq.authenticator.cipher),
    );
    expect(authenticator).toMatchObject({ crealm: REALM, ctime: NOW, cksum: { cksumtype: 16 } });
    expect(authenticator.seqNumber).toBeUndefined();
    expect(authenticator.subkey?.keytype).toBe(18);
  });

  it('finds the reply in the subkey (usage 9), or in the session key (usage 8) without one', () => {
    for (const subkey of [true, false]) {
      const realm = simRealm();
      const { credential: tgt } = userTgt(realm);
      const kdc = recording(realm.kdc);
      service(realm, tgt, { kdc, subkey });

      const request = decodeTgsReq(kdc.requests[0] ?? new Uint8Array(0));
      const apReq = decodeApReq(request.padata?.[0]?.padataValue ?? new Uint8Array(0));
      const sent = decodeAuthenticator(decrypt(tgt.sessionKey, 7, apReq.authenticator.cipher));
      const reply = decodeTgsRep(kdc.replies[0] ?? new Uint8Array(0));
      if (subkey) {
        const key = new KeyBlock(
          sent.subkey?.keytype ?? 0,
          sent.subkey?.keyvalue ?? new Uint8Array(0),
        );
        expect(decrypt(key, 9, reply.encPart.cipher).length).toBeGreaterThan(0);
        expect(() => decrypt(tgt.sessionKey, 8, reply.encPart.cipher)).toThrow();
      } else {
        expect(sent.subkey).toBeUndefined();
        expect(decrypt(tgt.sessionKey, 8, reply.encPart.cipher).length).toBeGreaterThan(0);
      }
    }
  });

  it("fails an unknown server with MIT's message, after a second try without canonicalize", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const kdc = recording(realm.kdc);
    const error = failure(() => service(realm, tgt, { kdc, server: 'nosuch/localhost' }));

    expect(error.code).toBe(code('KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN'));
    expect(error.message).toBe(
      'Server nosuch/localhost@KRBTEST.COM not found in Kerberos database',
    );
    const options = kdc.requests.map((request) => decodeTgsReq(request).reqBody.kdcOptions);
    expect(options).toEqual([
      (KdcOptions.forwardable | KdcOptions.canonicalize) >>> 0,
      KdcOptions.forwardable >>> 0,
    ]);
  });

  it('asks the TGT realm for a referral-realm name, and names the credential as asked', () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const kdc = recording(realm.kdc);
    const asked = { realm: '', name: { nameType: 3, nameString: ['host', 'localhost'] } };
    const credential = service(realm, tgt, { kdc, server: asked });

    const body = decodeTgsReq(kdc.requests[0] ?? new Uint8Array(0)).reqBody;
    expect([body.realm, body.sname]).toEqual([REALM, asked.name]);
    expect(credential.server).toEqual(asked);
  });

  it('sends one request only when canonicalize is off', () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const kdc = recording(realm.kdc);
    failure(() => service(realm, tgt, { kdc, server: 'nosuch/localhost', canonicalize: false }));
    expect(kdc.requests).toHaveLength(1);
  });

  it("fails with an expired TGT: the KDC's KRB_AP_ERR_TKT_EXPIRED, 'Ticket expired'", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    realm.clock.advance(86_400 + 301);
    const error = failure(() => service(realm, tgt));
    expect(error.code).toBe(code('KRB5KRB_AP_ERR_TKT_EXPIRED'));
    expect(error.message).toBe('Ticket expired');
    expect(error.krbError?.errorCode).toBe(32);
  });

  it("fails when the client's clock moved 301 s after kinit: 'Clock skew too great'", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const error = failure(() => service(realm, tgt, { clock: realm.clock.skewed(301) }));
    expect(error.code).toBe(code('KRB5KRB_AP_ERR_SKEW'));
    expect(error.krbError?.errorCode).toBe(37);
  });

  it('corrects a skewed clock with the offset learned at kinit (kdc_timesync)', () => {
    const realm = simRealm();
    const ccache = new CredentialCache(`user@${REALM}`);
    const clock = realm.clock.skewed(900);
    const { credential: tgt } = userTgt(realm, { ccache, clock });
    expect(service(realm, tgt, { ccache, clock }).times.starttime).toBe(NOW);
  });

  it('fails with KRB5_KDC_UNREACH after one request when the KDC does not answer', () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    realm.kdc.unreachable = true;
    const kdc = recording(realm.kdc);
    const error = failure(() => service(realm, tgt, { kdc }));
    expect(error.message).toBe("Cannot contact any KDC for realm 'KRBTEST.COM'");
    expect(kdc.requests).toHaveLength(1);
  });

  it("gets a ticket of the service's new kvno after changeKeys", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    realm.kdc.database.changeKeys('host/localhost');
    const credential = service(realm, tgt);
    expect(hostTicketPart(realm, credential).ticket.encPart.kvno).toBe(3);
  });

  it('takes a current ticket from the cache, and stores a new one in it', () => {
    const realm = simRealm();
    const ccache = new CredentialCache(`user@${REALM}`);
    const { credential: tgt } = userTgt(realm, { ccache });
    const kdc = recording(realm.kdc);

    const first = service(realm, tgt, { kdc, ccache });
    const second = service(realm, tgt, { kdc, ccache });
    expect(second).toBe(first);
    expect(kdc.requests).toHaveLength(1);
    expect(ccache.credentials()).toHaveLength(2);
  });

  it('gives the same TGS request and reply bytes for the same seeds', () => {
    const run = () => {
      const realm = simRealm(3, 'same');
      const { credential: tgt } = userTgt(realm);
      const kdc = recording(realm.kdc);
      service(realm, tgt, { kdc });
      return [...kdc.requests, ...kdc.replies];
    };
    expect(run()).toEqual(run());
  });
});

describe('getForwardedTgt', () => {
  it('gets a forwarded, forwardable TGT with FORWARDED in the options', () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const kdc = recording(realm.kdc);
    const forwarded = getForwardedTgt({ kdc, tgt, random: realm.random, clock: realm.clock });

    const body = decodeTgsReq(kdc.requests[0] ?? new Uint8Array(0)).reqBody;
    expect(body.kdcOptions).toBe((KdcOptions.forwardable | KdcOptions.forwarded) >>> 0);
    expect(body.sname).toEqual(tgt.server.name);
    const flags = TicketFlags.forwarded | TicketFlags.forwardable;
    expect(forwarded.flags & flags).toBe(flags >>> 0);
    expect(forwarded.server).toEqual(tgt.server);
    expect(forwarded.times.endtime).toBe(tgt.times.endtime);
  });

  it('asks only for the given enctype, and drops forwardable when told', () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const kdc = recording(realm.kdc);
    const options = { kdc, tgt, random: realm.random, clock: realm.clock };
    const forwarded = getForwardedTgt({ ...options, forwardable: false, enctype: 18 });

    const body = decodeTgsReq(kdc.requests[0] ?? new Uint8Array(0)).reqBody;
    expect(body.etype).toEqual([18]);
    expect(body.kdcOptions).toBe(KdcOptions.forwarded >>> 0);
    expect(forwarded.flags & TicketFlags.forwardable).toBe(0);
  });

  it("fails for a TGT that is not forwardable: 'KDC can't fulfill requested option'", () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm, { forwardable: false });
    const error = failure(() =>
      getForwardedTgt({ kdc: realm.kdc, tgt, random: realm.random, clock: realm.clock }),
    );
    expect(error.code).toBe(code('KRB5KDC_ERR_BADOPTION'));
    expect(error.message).toBe("KDC can't fulfill requested option");
  });
});
