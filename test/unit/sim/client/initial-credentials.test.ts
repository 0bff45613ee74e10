/**
 * The sim client's AS exchange against the sim KDC, with fixed seeds and a virtual clock: the
 * requests `kinit` sends, the PREAUTH_REQUIRED round trip, the credential, and every failure
 * with MIT's code and message.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decrypt, stringToKey } from '../../../../src/sim/crypto/index.js';
import { code } from '../../../../src/sim/errors/index.js';
import { firstCurrentKey } from '../../../../src/sim/kdc/principal-entry.js';
import {
  CredentialCache,
  getInitialCredentials,
  InitCredsContext,
  Krb5Error,
} from '../../../../src/sim/krb5/client/index.js';
import { decodeEncryptedData } from '../../../../src/sim/krb5/messages/encryption.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { decodeAsReq } from '../../../../src/sim/krb5/messages/kdc-req.js';
import { decodePaEncTsEnc } from '../../../../src/sim/krb5/messages/pa-data.js';
import { decodeEncTicketPart, decodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { NOW, PASSWORD, REALM, recording, simRealm, userTgt } from './sim-realm.js';

function failure(run: () => unknown): Krb5Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Krb5Error) return error;
    throw error;
  }
  throw new Error('expected a Krb5Error');
}

describe('getInitialCredentials', () => {
  it("sends kinit's padata: informational, then the cookie and an encrypted timestamp", () => {
    const realm = simRealm();
    const kdc = recording(realm.kdc);
    userTgt(realm, { kdc });

    const [first, second] = kdc.requests.map((request) => decodeAsReq(request));
    expect(kdc.requests).toHaveLength(2);
    expect(first?.padata).toEqual([
      { padataType: 150, padataValue: new Uint8Array(0) },
      { padataType: 149, padataValue: new Uint8Array(0) },
    ]);
    expect(second?.padata?.map((pa) => pa.padataType)).toEqual([133, 2, 150, 149]);
    expect(new TextDecoder().decode(second?.padata?.[0]?.padataValue)).toBe('MIT');
    expect(first?.reqBody).toMatchObject({
      kdcOptions: (KdcOptions.forwardable | KdcOptions.renewableOk) >>> 0,
      cname: { nameType: 1, nameString: ['user'] },
      realm: REALM,
      sname: { nameType: 2, nameString: ['krbtgt', REALM] },
      till: NOW + 86_400,
      etype: [18, 17, 20, 19, 16, 23, 25, 26],
    });
    expect(second?.reqBody.nonce).not.toBe(first?.reqBody.nonce);
  });

  it('encrypts the timestamp in the key of the ETYPE-INFO2 salt with key usage 1', () => {
    const realm = simRealm();
    const kdc = recording(realm.kdc);
    userTgt(realm, { kdc });

    const padata = decodeAsReq(kdc.requests[1] ?? new Uint8Array(0)).padata?.[1];
    const encrypted = decodeEncryptedData(padata?.padataValue ?? new Uint8Array(0));
    const key = stringToKey(18, PASSWORD, `${REALM}user`);
    expect(decodePaEncTsEnc(decrypt(key, 1, encrypted.cipher)).patimestamp).toBe(NOW);
  });

  it('returns a forwardable, initial, pre-authenticated TGT holding its session key', () => {
    const realm = simRealm();
    const { credential, timeOffset } = userTgt(realm);

    expect(credential.server).toEqual({
      realm: REALM,
      name: { nameType: 2, nameString: ['krbtgt', REALM] },
    });
    expect(credential.times).toEqual({ authtime: NOW, starttime: NOW, endtime: NOW + 86_400 });
    const wanted = TicketFlags.forwardable | TicketFlags.initial | TicketFlags.preAuthent;
    expect(credential.flags & wanted).toBe(wanted >>> 0);
    expect(timeOffset).toEqual({ seconds: 0, microseconds: 0 });

    const krbtgt = realm.kdc.database.lookup(`krbtgt/${REALM}`);
    const tgsKey = krbtgt === undefined ? undefined : firstCurrentKey(krbtgt)?.key;
    if (tgsKey === undefined) throw new Error('expected a krbtgt key');
    const ticket = decodeTicket(credential.ticket);
    const part = decodeEncTicketPart(decrypt(tgsKey, 2, ticket.encPart.cipher));
    expect(part.key.keyvalue).toEqual(credential.sessionKey.contents());
    expect(part.cname).toEqual({ nameType: 1, nameString: ['user'] });
  });

  it('asks for a renewable ticket without renewable-ok when given a renewable lifetime', () => {
    const realm = simRealm();
    for (const name of ['user', `krbtgt/${REALM}`]) {
      realm.kdc.database.modify(name, { maxRenewableLife: 7 * 86_400 });
    }
    const kdc = recording(realm.kdc);
    const { credential } = userTgt(realm, { kdc, renewLifetime: 7 * 86_400 });

    const body = decodeAsReq(kdc.requests[0] ?? new Uint8Array(0)).reqBody;
    expect(body.kdcOptions).toBe((KdcOptions.forwardable | KdcOptions.renewable) >>> 0);
    expect(body.rtime).toBe(NOW + 7 * 86_400);
    expect(credential.flags & TicketFlags.renewable).toBe(TicketFlags.renewable);
    expect(credential.times.renewTill).toBe(NOW + 7 * 86_400);
  });

  it('accepts the client key instead of the password', () => {
    const realm = simRealm();
    const key = stringToKey(18, PASSWORD, `${REALM}user`);
    const { credential } = getInitialCredentials({
      kdc: realm.kdc,
      client: `user@${REALM}`,
      key,
      random: realm.random,
      clock: realm.clock,
    });
    expect(credential.client.name.nameString).toEqual(['user']);
  });

  it('initializes a given cache with the client, the TGT and the time offset', () => {
    const realm = simRealm();
    const ccache = new CredentialCache(`someone@${REALM}`);
    const { credential } = userTgt(realm, { ccache });

    expect(ccache.principal.name.nameString).toEqual(['user']);
    expect(ccache.tgt({ now: NOW })).toBe(credential);
    expect(ccache.timeOffset).toEqual({ seconds: 0, microseconds: 0 });
  });

  it("fails a wrong password with the KDC's PREAUTH_FAILED: 'Preauthentication failed'", () => {
    const error = failure(() => userTgt(simRealm(), { password: 'wrong' }));
    expect(error.code).toBe(2_529_638_936);
    expect(error.codeName).toBe('KRB5KDC_ERR_PREAUTH_FAILED');
    expect(error.message).toBe('Preauthentication failed');
    expect(error.krbError?.errorCode).toBe(24);
  });

  it('gets a TGT in one round trip, not pre-authenticated, when the KDC does not ask', () => {
    const realm = simRealm();
    realm.kdc.database.modify('user', { attributes: { requiresPreauth: false } });
    const kdc = recording(realm.kdc);
    const { credential } = userTgt(realm, { kdc });
    expect(kdc.requests).toHaveLength(1);
    expect(credential.flags & TicketFlags.preAuthent).toBe(0);
  });

  it('fails a wrong password without pre-authentication when the reply does not decrypt', () => {
    const realm = simRealm();
    realm.kdc.database.modify('user', { attributes: { requiresPreauth: false } });
    const error = failure(() => userTgt(realm, { password: 'wrong' }));
    expect(error.code).toBe(code('KRB5KRB_AP_ERR_BAD_INTEGRITY'));
    expect(error.message).toBe('Decrypt integrity check failed');
  });

  it("fails an unknown client with MIT's message naming it", () => {
    const error = failure(() => userTgt(simRealm(), { client: `nosuch@${REALM}` }));
    expect(error.code).toBe(code('KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN'));
    expect(error.message).toBe("Client 'nosuch@KRBTEST.COM' not found in Kerberos database");
  });

  it("fails with KRB5_KDC_UNREACH when the KDC does not answer: 'Cannot contact any KDC'", () => {
    const realm = simRealm();
    realm.kdc.unreachable = true;
    const error = failure(() => userTgt(realm));
    expect(error.code).toBe(code('KRB5_KDC_UNREACH'));
    expect(error.code).toBe(2_529_639_068);
    expect(error.message).toBe("Cannot contact any KDC for realm 'KRBTEST.COM'");
  });

  it("learns the KDC's time with kdc_timesync, so a client 600 s ahead still gets its TGT", () => {
    const realm = simRealm();
    const kdc = recording(realm.kdc);
    const ccache = new CredentialCache(`user@${REALM}`);
    const { credential, timeOffset } = userTgt(realm, {
      kdc,
      ccache,
      clock: realm.clock.skewed(600),
    });

    expect(credential.times.authtime).toBe(NOW);
    expect(timeOffset).toEqual({ seconds: -600, microseconds: 0 });
    expect(ccache.timeOffset).toEqual(timeOffset);
    // The first request's till is the client's time; the second one's the KDC's.
    const tills = kdc.requests.map((request) => decodeAsReq(request).reqBody.till);
    expect(tills).toEqual([NOW + 600 + 86_400, NOW + 86_400]);
  });

  it("fails a skew beyond 300 s without kdc_timesync: the KDC's 'Clock skew too great'", () => {
    const realm = simRealm();
    const error = failure(() =>
      userTgt(realm, { clock: realm.clock.skewed(301), kdcTimesync: false }),
    );
    expect(error.code).toBe(code('KRB5KRB_AP_ERR_SKEW'));
    expect(error.message).toBe('Clock skew too great');
    expect(error.krbError?.errorCode).toBe(37);
  });

  it('accepts a skew of exactly 300 s without kdc_timesync, and learns no offset', () => {
    const realm = simRealm();
    const result = userTgt(realm, { clock: realm.clock.skewed(-300), kdcTimesync: false });
    expect(result.timeOffset).toBeUndefined();
  });

  it('rejects an AS-REP that answers another request: KRB5_KDCREP_MODIFIED', () => {
    const realm = simRealm();
    const start = (seed: string) =>
      new InitCredsContext({
        client: `user@${REALM}`,
        password: PASSWORD,
        random: createRandom(seed),
        clock: realm.clock,
      });
    const [mine, theirs] = [start('a'), start('b')];
    const preauth = (context: InitCredsContext) =>
      context.step(realm.kdc.exchange(context.start()) ?? new Uint8Array(0)).request;
    preauth(mine);
    const theirReply = realm.kdc.exchange(preauth(theirs) ?? new Uint8Array(0));

    const error = failure(() => mine.step(theirReply ?? new Uint8Array(0)));
    expect(error.code).toBe(code('KRB5_KDCREP_MODIFIED'));
    expect(error.message).toBe('KDC reply did not match expectations');
  });

  it('rejects a tampered AS-REP enc-part with KRB5KRB_AP_ERR_BAD_INTEGRITY', () => {
    const realm = simRealm();
    const context = new InitCredsContext({
      client: `user@${REALM}`,
      password: PASSWORD,
      random: realm.random,
      clock: realm.clock,
    });
    const second = context.step(realm.kdc.exchange(context.start()) ?? new Uint8Array(0));
    const reply = realm.kdc.exchange(second.request ?? new Uint8Array(0)) ?? new Uint8Array(0);
    const tampered = reply.slice();
    const at = tampered.length - 5;
    tampered[at] = (tampered[at] ?? 0) ^ 1;

    const error = failure(() => context.step(tampered));
    expect(error.code).toBe(code('KRB5KRB_AP_ERR_BAD_INTEGRITY'));
  });

  it('gives the same request and reply bytes for the same seeds, other bytes for another', () => {
    const run = (clientSeed: string) => {
      const realm = simRealm(7, clientSeed);
      const kdc = recording(realm.kdc);
      userTgt(realm, { kdc });
      return [...kdc.requests, ...kdc.replies];
    };
    expect(run('x')).toEqual(run('x'));
    expect(run('y')[1]).not.toEqual(run('x')[1]);
  });

  it('shows no password or key in inspect output', () => {
    const realm = simRealm();
    const context = new InitCredsContext({
      client: `user@${REALM}`,
      password: PASSWORD,
      random: realm.random,
      clock: realm.clock,
    });
    const ccache = new CredentialCache(`user@${REALM}`);
    userTgt(realm, { ccache });
    expect(inspect(context)).toBe(
      'InitCredsContext(user@KRBTEST.COM -> krbtgt/KRBTEST.COM@KRBTEST.COM)',
    );
    expect(inspect(ccache)).not.toContain(PASSWORD);
    expect(inspect(ccache.credentials(), { depth: 9 })).toContain(
      'KeyBlock(aes256-cts-hmac-sha1-96',
    );
  });

  it('refuses to start without a password or a key', () => {
    const realm = simRealm();
    expect(
      () =>
        new InitCredsContext({ client: `user@${REALM}`, random: realm.random, clock: realm.clock }),
    ).toThrow(TypeError);
  });
});
