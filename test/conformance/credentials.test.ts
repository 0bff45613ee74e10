/**
 * Credentials (RFC 2743 §2.1): acquire for each usage, lifetimes, mechanisms, add, inquire,
 * inquire by mechanism, release. The realm's user has a fresh TGT of MIT's default life (one
 * day) and the host's key is in the keytab. Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import type { OID } from '../../src/spec/oid.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import { describeConformance } from './backends.js';
import { bytes, displayed, establish, expectGssError, expectTypeError } from './flows.js';

/** The TGT's life: MIT's default `ticket_lifetime` and `max_life`, one day. */
const TGT_LIFE = 86_400;

/** A lifetime of the realm's TGT, allowing for the minutes a test run takes. */
const expectTgtLifetime = (lifetime: number | null): void => {
  expect(lifetime).not.toBeNull();
  expect(lifetime).toBeLessThanOrEqual(TGT_LIFE);
  expect(lifetime).toBeGreaterThan(TGT_LIFE - 600);
};

const hasKrb5 = (mechs: readonly OID[] | null): boolean =>
  mechs?.some((mech) => mech.equals(MechType.kerberos)) === true;

describeConformance('credentials', ({ realm, test }) => {
  const principal = (name: string) =>
    realm().gss.importName(name, { nameType: NameType.kerberosPrincipal });

  test('the default credential is for both usages, with krb5, for the TGT lifetime', () => {
    const { gss } = realm();
    const acquired = gss.acquireCred();
    const inquired = gss.inquireCred(acquired.creds);

    expect(hasKrb5(acquired.mechs)).toBe(true);
    expectTgtLifetime(acquired.lifetime);
    expect(inquired.usage).toBe('both');
    expect(displayed(realm(), inquired.name)).toBe('user@KRBTEST.COM');
    expect(hasKrb5(inquired.mechs)).toBe(true);
  });

  test('an initiate credential is the user from the ccache', () => {
    const { gss } = realm();
    const acquired = gss.acquireCred({ usage: 'initiate' });
    const inquired = gss.inquireCred(acquired.creds);

    expectTgtLifetime(acquired.lifetime);
    expect(inquired.usage).toBe('initiate');
    expect(displayed(realm(), inquired.name)).toBe(realm().userPrincipal);
    expectTgtLifetime(inquired.lifetime);
  });

  test('an accept credential is the host from the keytab, with no end', () => {
    const { gss } = realm();
    const acquired = gss.acquireCred({ usage: 'accept' });
    const inquired = gss.inquireCred(acquired.creds);

    expect(acquired.lifetime).toBeNull();
    expect(hasKrb5(acquired.mechs)).toBe(true);
    expect(inquired.usage).toBe('accept');
    expect(inquired.lifetime).toBeNull();
    expect(displayed(realm(), inquired.name)).toBe(realm().hostPrincipal);
  });

  test('a both credential for the user reports the TGT lifetime for each usage by mech', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'both' });
    const byMech = gss.inquireCredByMech(creds, MechType.kerberos);

    expect(byMech.usage).toBe('both');
    expect(displayed(realm(), byMech.name)).toBe('user@KRBTEST.COM');
    expectTgtLifetime(byMech.initLifetime);
    expectTgtLifetime(byMech.acceptLifetime);
  });

  test('by mech, an initiate credential has an accept lifetime of 0', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    const byMech = gss.inquireCredByMech(creds, MechType.kerberos);

    expect(byMech.usage).toBe('initiate');
    expectTgtLifetime(byMech.initLifetime);
    expect(byMech.acceptLifetime).toBe(0);
  });

  test('by mech, an accept credential has an init lifetime of 0 and no accept end', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'accept' });
    const byMech = gss.inquireCredByMech(creds, MechType.kerberos);

    expect(byMech.usage).toBe('accept');
    expect(byMech.initLifetime).toBe(0);
    expect(byMech.acceptLifetime).toBeNull();
    expect(displayed(realm(), byMech.name)).toBe(realm().hostPrincipal);
  });

  test('a shorter lifetime asked for is not granted: the TGT decides', () => {
    expectTgtLifetime(realm().gss.acquireCred({ usage: 'initiate', lifetime: 60 }).lifetime);
  });

  test('a credential asked for krb5 alone has krb5 among its mechanisms', () => {
    const acquired = realm().gss.acquireCred({ usage: 'initiate', mechs: [MechType.kerberos] });

    expect(hasKrb5(acquired.mechs)).toBe(true);
  });

  test('inquireCred leaves out the fields not asked for', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    const inquired = gss.inquireCred(creds, {
      name: false,
      lifetime: false,
      usage: false,
      mechs: false,
    });

    expect(inquired).toEqual({ name: null, lifetime: null, usage: null, mechs: null });
  });

  test('an initiate credential for the host, which has no TGT, is missing', () => {
    const host = principal(realm().hostPrincipal);

    expectGssError(() => realm().gss.acquireCred({ name: host, usage: 'initiate' }), {
      name: 'MissingCredentialsError',
      major: 0x70000,
      minor: 2529639053,
      minorMessages: ["Can't find client principal host/localhost@KRBTEST.COM in cache collection"],
    });
  });

  test('an accept credential for the user, who has no keytab entry, is missing', () => {
    const user = principal(realm().userPrincipal);

    expectGssError(() => realm().gss.acquireCred({ name: user, usage: 'accept' }), {
      name: 'MissingCredentialsError',
      major: 0x70000,
      minor: 39756033,
      minorMessages: ['No key table entry found for user@KRBTEST.COM'],
    });
  });

  test('a named initiate credential initiates a context as that principal', () => {
    const { gss } = realm();
    const user = principal(realm().userPrincipal);
    const { creds } = gss.acquireCred({ name: user, usage: 'initiate' });
    const established = establish(realm(), { initiatorCreds: creds });
    const accepted = established.acceptSteps.at(-1);

    expect(displayed(realm(), accepted?.initiatorName ?? null)).toBe('user@KRBTEST.COM');
  });

  test('addCred to no credential gives a new krb5 initiate credential', () => {
    const { gss } = realm();
    const added = gss.addCred(null, principal(realm().userPrincipal), MechType.kerberos);

    expect(added.creds).not.toBeNull();
    expect(added.mechs.map((mech) => mech.dottedForm)).toEqual([MechType.kerberos.dottedForm]);
    expectTgtLifetime(added.initLifetime);
    expect(added.acceptLifetime).toBe(0);
  });

  test('addCred for accepting as the host gives an accept lifetime with no end', () => {
    const { gss } = realm();
    const host = principal(realm().hostPrincipal);
    const added = gss.addCred(null, host, MechType.kerberos, { usage: 'accept' });

    expect(added.initLifetime).toBe(0);
    expect(added.acceptLifetime).toBeNull();
  });

  test('addCred of a second krb5 element is a duplicate element', () => {
    const { gss } = realm();
    const user = principal(realm().userPrincipal);
    const { creds } = gss.acquireCred({ name: user, usage: 'initiate' });

    expectGssError(() => gss.addCred(creds, user, MechType.kerberos), {
      name: 'DuplicateCredentialsElementError',
      major: 0x110000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('a both credential for the host, which has no TGT, is missing its initiator part', () => {
    const host = principal(realm().hostPrincipal);

    expectGssError(() => realm().gss.acquireCred({ name: host }), {
      name: 'MissingCredentialsError',
      major: 0x70000,
      minor: 2529639053,
      minorMessages: ["Can't find client principal host/localhost@KRBTEST.COM in cache collection"],
    });
  });

  test('an accept credential for a host-based name is the keytab entry of any realm', () => {
    const { gss } = realm();
    const service = gss.importName('host@localhost', { nameType: NameType.hostbasedService });
    const acquired = gss.acquireCred({ name: service, usage: 'accept' });
    const inquired = gss.inquireCred(acquired.creds);

    expect(acquired.lifetime).toBeNull();
    expect(displayed(realm(), inquired.name)).toBe(realm().hostPrincipal);
    expect(inquired.name && gss.compareName(inquired.name, principal(realm().hostPrincipal))).toBe(
      true,
    );
    expect(inquired.usage).toBe('accept');
  });

  test('an accept credential for a host-based name with no keytab entry is missing', () => {
    const { gss } = realm();
    const service = gss.importName('nosuch@localhost', { nameType: NameType.hostbasedService });

    expectGssError(() => gss.acquireCred({ name: service, usage: 'accept' }), {
      name: 'MissingCredentialsError',
      major: 0x70000,
      minor: 39756033,
      minorMessages: ['No key table entry found matching nosuch/localhost@'],
    });
  });

  test('addCred for the initiator name an acceptor learned gives a krb5 initiate element', () => {
    const { gss } = realm();
    const first = gss.initSecContext(
      gss.importName('host@localhost', { nameType: NameType.hostbasedService }),
    );
    const { initiatorName } = gss.acceptSecContext(first.token ?? new Uint8Array(0));
    const added = gss.addCred(null, initiatorName, MechType.kerberos);

    expect(hasKrb5(added.mechs)).toBe(true);
    expectTgtLifetime(added.initLifetime);
    expect(added.acceptLifetime).toBe(0);
  });

  test('with a password, the user gets an initiate credential for krb5 of the TGT lifetime', () => {
    const { gss } = realm();
    // Every backend of the suite has the password extension: its absence is a failure.
    expect(gss.has('password')).toBe(true);
    const user = principal('user');
    const acquired = gss.acquireCredWithPassword(user, realm().userPassword);
    const inquired = gss.inquireCred(acquired.creds);
    const byMech = gss.inquireCredByMech(acquired.creds, MechType.kerberos);

    expect(acquired.mechs.map((mech) => mech.dottedForm)).toEqual([MechType.kerberos.dottedForm]);
    expectTgtLifetime(acquired.lifetime);
    expect(inquired.usage).toBe('initiate');
    expect(displayed(realm(), inquired.name)).toBe(realm().userPrincipal);
    expectTgtLifetime(byMech.initLifetime);
    expect(byMech.acceptLifetime).toBe(0);
    gss.releaseCred(acquired.creds);
  });

  test('a password credential initiates a context as its user', () => {
    const { gss } = realm();
    // Every backend of the suite has the password extension: its absence is a failure.
    expect(gss.has('password')).toBe(true);
    const { creds } = gss.acquireCredWithPassword(principal('user'), bytes(realm().userPassword), {
      usage: 'initiate',
      lifetime: 3600,
    });
    const established = establish(realm(), { initiatorCreds: creds });

    expect(displayed(realm(), established.acceptSteps.at(-1)?.initiatorName ?? null)).toBe(
      realm().userPrincipal,
    );
  });

  test('with a password for accepting, the keytab is used and the password is not checked', () => {
    const { gss } = realm();
    // Every backend of the suite has the password extension: its absence is a failure.
    expect(gss.has('password')).toBe(true);
    const host = principal(realm().hostPrincipal);
    const acquired = gss.acquireCredWithPassword(host, 'not checked', { usage: 'accept' });
    const byMech = gss.inquireCredByMech(acquired.creds, MechType.kerberos);

    expect(acquired.lifetime).toBeNull();
    expect(byMech.usage).toBe('accept');
    expect(byMech.initLifetime).toBe(0);
    expect(byMech.acceptLifetime).toBeNull();
  });

  test('with a password for both usages, the keytab is looked at first', () => {
    const { gss } = realm();
    // Every backend of the suite has the password extension: its absence is a failure.
    expect(gss.has('password')).toBe(true);

    expectGssError(
      () => gss.acquireCredWithPassword(principal('user'), 'wrong', { usage: 'both' }),
      {
        name: 'MissingCredentialsError',
        major: 0x70000,
        minor: 39756033,
        minorMessages: ['No key table entry found for user@KRBTEST.COM'],
      },
    );
  });

  test('an empty password is an invalid argument, whatever the usage', () => {
    const { gss } = realm();
    // Every backend of the suite has the password extension: its absence is a failure.
    expect(gss.has('password')).toBe(true);

    for (const usage of ['initiate', 'accept', 'both'] as const) {
      expectGssError(() => gss.acquireCredWithPassword(principal('user'), '', { usage }), {
        name: 'GssError',
        major: 0xd0000,
        minor: 22,
        minorMessages: ['Invalid argument'],
      });
    }
  });

  test('a released credential is a TypeError everywhere, releasing again included', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    gss.releaseCred(creds);

    expectTypeError(() => gss.inquireCred(creds));
    expectTypeError(() => gss.inquireCredByMech(creds, MechType.kerberos));
    expectTypeError(() => gss.addCred(creds, principal('user'), MechType.kerberos));
    expectTypeError(() => gss.initSecContext(principal('user'), { creds }));
    expectTypeError(() => gss.releaseCred(creds));
  });
});
