/**
 * A MIT realm with PKINIT: `kinitPkinit` gets a TGT whose service tickets carry the realm's
 * authentication indicators, which MIT's acceptor gives as the `auth-indicators` attribute of
 * the initiator name (RFC 6680).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import type { Name } from '../../../src/spec/handles.js';
import { MechType, NameType } from '../../../src/spec/oids.js';
import { describeNative } from '../../support/native.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

/** The initiator name of a context accepted from the default ccache's client. */
function acceptedName(realm: MitRealm): Name {
  const { gss } = realm;
  const target = gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });
  const first = gss.initSecContext(target, { flags: 0, mech: MechType.kerberos });
  if (first.token === null) throw new Error('expected an AP-REQ');
  return gss.acceptSecContext(first.token).initiatorName;
}

function attributes(realm: MitRealm, name: Name): string[] {
  return realm.gss.inquireName(name).attrs.map(text);
}

describeNative('MitRealm with pkinitIndicators', () => {
  let realm: MitRealm;
  beforeAll(async () => {
    realm = await startMitRealm({ pkinitIndicators: ['pkinit-test', 'second'] });
  }, 60_000);
  afterAll(() => realm.close());

  it('gives a PKINIT login the indicators, as auth-indicators of the accepted name', async () => {
    await realm.kinitPkinit('user');
    const name = acceptedName(realm);

    expect(attributes(realm, name)).toContain('auth-indicators');
    const got = realm.gss.getNameAttribute(name, 'auth-indicators');
    expect(got.values.map(text)).toEqual(['pkinit-test', 'second']);
    expect(got.authenticated).toBe(true);
    expect(got.complete).toBe(true);
  });

  it('gives a password login no indicators', async () => {
    await realm.kinit('user', realm.userPassword);

    expect(attributes(realm, acceptedName(realm))).not.toContain('auth-indicators');
  });

  it('logs in another principal with a certificate of its own', async () => {
    await realm.addPrincipal('alice', { password: 'alice-pw' });
    await realm.kinitPkinit('alice');
    const name = acceptedName(realm);

    expect(text(realm.gss.displayName(name).name)).toBe(`alice@${realm.name}`);
    expect(realm.gss.getNameAttribute(name, 'auth-indicators').values.map(text)).toEqual([
      'pkinit-test',
      'second',
    ]);
  });
});

describeNative('MitRealm without pkinitIndicators', () => {
  let realm: MitRealm;
  beforeAll(async () => {
    realm = await startMitRealm();
  }, 60_000);
  afterAll(() => realm.close());

  it('refuses kinitPkinit', () => {
    expect(() => realm.kinitPkinit('user')).toThrow(
      new Error(
        `kinitPkinit: expected a realm started with pkinitIndicators, but ${realm.name} has no PKINIT`,
      ),
    );
  });
});

describe('startMitRealm with pkinitIndicators', () => {
  it('rejects an indicator with a quote before starting anything', async () => {
    await expect(startMitRealm({ pkinitIndicators: ['a"b'] })).rejects.toThrow(
      new TypeError(
        'expected an indicator without quotes, backslashes or control characters, got "a\\"b"',
      ),
    );
  });
});
