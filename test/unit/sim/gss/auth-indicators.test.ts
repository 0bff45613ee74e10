/**
 * Authentication indicators on the sim: a principal whose logins assert indicators gets them
 * in its TGT, the TGS copies them into service tickets, and the acceptor gives them as the
 * `auth-indicators` attribute of the initiator name, as MIT does for a PKINIT login with
 * `pkinit_indicator` (measured in test/unit/native/mit-realm-pkinit.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildSimRealm, type SimRealm } from '../../../../src/sim/realm/sim-realm.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import type { Name } from '../../../../src/spec/handles.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

/** The initiator name the realm's default acceptor gets from `initiator`'s AP-REQ. */
function acceptedName(realm: SimRealm, initiator: GssApi): Name {
  const target = initiator.importName(`host@${realm.hostname}`, {
    nameType: NameType.hostbasedService,
  });
  const first = initiator.initSecContext(target, { flags: 0, mech: MechType.kerberos });
  if (first.token === null) throw new Error('expected an AP-REQ');
  return realm.gss.acceptSecContext(first.token).initiatorName;
}

function realmWithIndicators(indicators: readonly string[]): SimRealm {
  const realm = buildSimRealm({ seed: 'auth indicators', now: Date.UTC(2024, 0, 1) });
  realm.database.add('alice', { password: 'alice-pw', authIndicators: indicators });
  return realm;
}

describe('authentication indicators', () => {
  it('reach the acceptor as auth-indicators, after the PAC attributes', () => {
    const realm = realmWithIndicators(['pkinit-test', 'second']);
    const name = acceptedName(realm, realm.party({ ccache: 'alice' }));

    const attrs = realm.gss.inquireName(name).attrs.map(text);
    expect(attrs.at(-1)).toBe('auth-indicators');
    expect(attrs[0]).toBe('urn:mspac:');
    const got = realm.gss.getNameAttribute(name, 'auth-indicators');
    expect(got.values.map(text)).toEqual(['pkinit-test', 'second']);
    expect(got.displayValues.map(text)).toEqual(['', '']);
    expect(got.authenticated).toBe(true);
    expect(got.complete).toBe(true);
  });

  it('are absent for a principal without them', () => {
    const realm = realmWithIndicators(['pkinit-test']);
    const name = acceptedName(realm, realm.gss);

    expect(realm.gss.inquireName(name).attrs.map(text)).not.toContain('auth-indicators');
  });

  it('survive composite export and import', () => {
    const realm = realmWithIndicators(['pkinit-test']);
    const name = acceptedName(realm, realm.party({ ccache: 'alice' }));
    const token = realm.gss.exportNameComposite(name);
    const imported = realm.gss.importName(token, { nameType: NameType.compositeExport });

    expect(realm.gss.getNameAttribute(imported, 'auth-indicators').values.map(text)).toEqual([
      'pkinit-test',
    ]);
  });

  it('are not given for a server with no_auth_data_required', () => {
    const realm = realmWithIndicators(['pkinit-test']);
    realm.database.modify(realm.hostPrincipal, { attributes: { noAuthDataRequired: true } });
    const name = acceptedName(realm, realm.party({ ccache: 'alice' }));

    expect(realm.gss.inquireName(name).attrs.map(text)).toEqual([]);
  });
});
