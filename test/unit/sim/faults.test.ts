/**
 * The sim's faults, each with the exact error MIT krb5 1.20.1 gives in the same situation.
 * The MIT values were measured with the native backend against `startMitRealm()`: a client
 * clock skewed with libfaketime (`FAKETIME=+400s`), a krb5.conf pointing at a dead KDC port,
 * a TGT from `kinit -l 4s` left to expire; acceptor-side checks were compared token for
 * token in test/unit/sim/context. Values pinned in the conformance suite (unknown server,
 * wrong password, replay, tampering, sequence errors) are pinned there on both backends.
 */
import { describe, expect, it } from 'vitest';
import { buildSimRealm, type SimRealm } from '../../../src/sim/index.js';
import { RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { NameType } from '../../../src/spec/oids.js';
import { bytes, establish, expectGssError, text } from '../../conformance/flows.js';

const F = RequirementFlag;
const FAILURE = 0xd0000;
const NO_CRED = 0x70000;
const CONTEXT_EXPIRED = 0xc0000;
const DAY = 86_400;

/** A mechglue-renumbered minor 0: the first one a process meets is 100001. */
const FIRST_FAKE = 100_001;

const START = Date.UTC(2026, 0, 1);

const fresh = (): SimRealm => buildSimRealm({ seed: 'faults', now: START });
const service = (gss: GssApi, name: string) =>
  gss.importName(name, { nameType: NameType.hostbasedService });
const user = (gss: GssApi, name = 'user@KRBTEST.COM') =>
  gss.importName(name, { nameType: NameType.kerberosPrincipal });

describe('sim faults, with the errors MIT gives', () => {
  it('a wrong password fails preauthentication', () => {
    const { gss } = fresh();

    expectGssError(() => gss.acquireCredWithPassword(user(gss), 'wrong'), {
      name: 'MissingCredentialsError',
      major: NO_CRED,
      minor: 2529638936,
      minorMessages: ['Preauthentication failed'],
    });
  });

  it('an unknown server fails at the initiator with no token', () => {
    const { gss } = fresh();

    const error = expectGssError(() => gss.initSecContext(service(gss, 'nosuch@localhost')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638919,
      minorMessages: ['Server nosuch/localhost@KRBTEST.COM not found in Kerberos database'],
    });
    expect(error.token).toBeNull();
  });

  it('an unknown client gets no credential, and a party cannot be made for it', () => {
    const realm = fresh();
    const { gss } = realm;

    expectGssError(() => gss.acquireCredWithPassword(user(gss, 'nobody@KRBTEST.COM'), 'x'), {
      name: 'MissingCredentialsError',
      major: NO_CRED,
      minor: 2529638918,
      minorMessages: ["Client 'nobody@KRBTEST.COM' not found in Kerberos database"],
    });
    expect(() => realm.party({ ccache: 'nobody' })).toThrow(/Principal does not exist/);
  });

  it('a client clock 400 s ahead or behind is refused by the KDC (TGS)', () => {
    for (const skew of [400, -400]) {
      const realm = fresh();
      realm.faults.skewClock(realm.gss, skew);

      expectGssError(() => realm.gss.initSecContext(service(realm.gss, 'host@localhost')), {
        name: 'GssError',
        major: FAILURE,
        minor: 2529638949,
        minorMessages: ['Clock skew too great'],
      });
    }
  });

  it('a skewed client still gets a TGT with a password: kdc_timesync corrects it', () => {
    const realm = fresh();
    realm.faults.skewClock(realm.gss, 400);

    const acquired = realm.gss.acquireCredWithPassword(user(realm.gss), realm.userPassword);
    expect(acquired.lifetime).toBeGreaterThan(DAY - 60);
  });

  it('a skew within 300 s is forgiven', () => {
    const realm = fresh();
    realm.faults.skewClock(realm.gss, 299);

    expect(establish(realm, { flags: F.mutualAuthentication }).tokens).toHaveLength(2);
  });

  it('an acceptor whose clock is 400 s off refuses the AP-REQ, with a KRB-ERROR if mutual', () => {
    const realm = fresh();
    const acceptor = realm.party({ keytab: [realm.hostPrincipal] });
    realm.faults.skewClock(acceptor, 400);
    const first = realm.gss.initSecContext(service(realm.gss, 'host@localhost'), {
      flags: F.mutualAuthentication,
    });

    const error = expectGssError(() => acceptor.acceptSecContext(first.token ?? bytes('')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638949,
      minorMessages: ['Clock skew too great'],
    });
    expect(error.token?.[0]).toBe(0x60);
  });

  it('an expired TGT fails the next service ticket; acquireCred reports 0 seconds', () => {
    const realm = fresh();
    realm.clock.advance(DAY + 1);

    expect(realm.gss.acquireCred({ usage: 'initiate' }).lifetime).toBe(0);
    const error = expectGssError(
      () => realm.gss.initSecContext(service(realm.gss, 'host@localhost')),
      {
        name: 'GssError',
        major: FAILURE,
        minor: 2529638944,
        minorMessages: ['Ticket expired'],
      },
    );
    expect(error.token).toBeNull();
  });

  it('an AP-REQ whose ticket expired before it arrived is refused as expired', () => {
    const realm = fresh();
    const first = realm.gss.initSecContext(service(realm.gss, 'host@localhost'), { flags: 0 });
    realm.clock.advance(DAY + 301);

    expectGssError(() => realm.gss.acceptSecContext(first.token ?? bytes('')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638944,
      minorMessages: ['Ticket expired'],
    });
  });

  it('an expired context refuses contextTime and inquireContext but still protects messages', () => {
    const realm = fresh();
    const { gss } = realm;
    const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
    realm.clock.advance(DAY + 1);

    const expired = {
      name: 'ExpiredContextError',
      major: CONTEXT_EXPIRED,
      minor: FIRST_FAKE,
      minorMessages: ['Success'],
    };
    expectGssError(() => gss.contextTime(initiator), expired);
    expectGssError(() => gss.inquireContext(initiator), expired);
    // The acceptor's context lives the clock skew longer.
    expect(gss.contextTime(acceptor)).toBe(299);
    // MIT checks the end time only in those two calls.
    const wrapped = gss.wrap(initiator, bytes('late'));
    expect(text(gss.unwrap(acceptor, wrapped.message).message)).toBe('late');
    realm.clock.advance(300);
    expectGssError(() => gss.contextTime(acceptor), expired);
  });

  it('an unreachable KDC fails a new service ticket and a password, not a cached ticket', async () => {
    const realm = fresh();
    const { gss } = realm;
    await realm.addPrincipal('imap/localhost');
    await realm.addToKeytab('imap/localhost');
    establish(realm, { flags: 0 });
    realm.faults.kdcUnreachable = true;
    const unreachable = "Cannot contact any KDC for realm 'KRBTEST.COM'";

    expectGssError(() => gss.initSecContext(service(gss, 'imap@localhost')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529639068,
      minorMessages: [unreachable],
    });
    expectGssError(() => gss.acquireCredWithPassword(user(gss), realm.userPassword), {
      name: 'MissingCredentialsError',
      major: NO_CRED,
      minor: 2529639068,
      minorMessages: [unreachable],
    });
    expect(establish(realm, { flags: 0 }).tokens).toHaveLength(1);
    realm.faults.kdcUnreachable = false;
    expect(establish(realm, { flags: 0, target: service(gss, 'imap@localhost') })).toBeDefined();
  });

  it('a rotated service key leaves the keytab out of date', () => {
    const realm = fresh();
    expect(realm.faults.rotateKey(realm.hostPrincipal)).toBe(3);
    const first = realm.gss.initSecContext(service(realm.gss, 'host@localhost'), { flags: 0 });

    expectGssError(() => realm.gss.acceptSecContext(first.token ?? bytes('')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638956,
      minorMessages: [
        'Request ticket server host/localhost@KRBTEST.COM kvno 3 not found in keytab; ' +
          'keytab is likely out of date',
      ],
    });
  });

  it('a ticket from before a rotation is still accepted while the keytab keeps the old key', async () => {
    const realm = fresh();
    const first = realm.gss.initSecContext(service(realm.gss, 'host@localhost'), { flags: 0 });
    realm.faults.rotateKey(realm.hostPrincipal);

    expect(realm.gss.acceptSecContext(first.token ?? bytes('')).moreSteps).toBe(false);
  });

  it('a deleted service is unknown to the KDC', () => {
    const realm = fresh();
    realm.faults.deletePrincipal(realm.hostPrincipal);

    expectGssError(() => realm.gss.initSecContext(service(realm.gss, 'host@localhost')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638919,
      minorMessages: ['Server host/localhost@KRBTEST.COM not found in Kerberos database'],
    });
  });

  it('a replayed AP-REQ is refused, with a KRB-ERROR when mutual', () => {
    const { gss } = fresh();
    const first = gss.initSecContext(service(gss, 'host@localhost'), {
      flags: F.mutualAuthentication,
    });
    gss.acceptSecContext(first.token ?? bytes(''));

    const error = expectGssError(() => gss.acceptSecContext(first.token ?? bytes('')), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638946,
      minorMessages: ['Request is a replay'],
    });
    expect(error.token?.[0]).toBe(0x60);
  });

  it("a shorter realm ticket life shortens the next TGT and the context's lifetime", async () => {
    const realm = fresh();
    realm.faults.ticketPolicy({ maxLife: 600 });
    await realm.kinit(realm.userPrincipal, realm.userPassword);

    const { initSteps } = establish(realm, { flags: 0 });
    expect(initSteps[0]?.lifetime).toBe(600);
    realm.faults.ticketPolicy({ principal: realm.hostPrincipal, maxLife: 60 });
    expect(realm.gss.acquireCred({ usage: 'initiate' }).lifetime).toBe(600);
  });

  it('refuses a fault that makes no sense with a TypeError or RangeError', () => {
    const realm = fresh();
    const other = fresh();

    expect(() => realm.faults.skewClock(other.gss, 10)).toThrow(TypeError);
    expect(() => realm.faults.skewClock(realm.gss, Number.NaN)).toThrow(RangeError);
    expect(() => realm.faults.ticketPolicy({ maxLife: 0 })).toThrow(RangeError);
    expect(() => realm.faults.rotateKey('nobody')).toThrow(/Principal does not exist/);
  });
});
