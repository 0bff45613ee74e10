import { describe, expect, it } from 'vitest';
import { Enctype } from '../../../../src/sim/crypto/index.js';
import { buildSimRealm, createSimRealm } from '../../../../src/sim/index.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import { NameType } from '../../../../src/spec/oids.js';
import { bytes, displayed, establish, text } from '../../../conformance/flows.js';

const START = Date.UTC(2026, 0, 1);

describe('createSimRealm', () => {
  it("is laid out like startMitRealm's realm, with the defaults", async () => {
    const realm = await createSimRealm();

    expect(realm.backend).toBe('sim');
    expect(realm.name).toBe('KRBTEST.COM');
    expect(realm.userPrincipal).toBe('user@KRBTEST.COM');
    expect(realm.hostPrincipal).toBe('host/localhost@KRBTEST.COM');
    expect(realm.database.names()).toEqual([
      'host/localhost@KRBTEST.COM',
      'krbtgt/KRBTEST.COM@KRBTEST.COM',
      'user@KRBTEST.COM',
    ]);
    // ktadd at creation, as MIT's realm does it: the host's key is at version 2.
    expect(realm.database.lookup(realm.hostPrincipal)?.keys[0]?.kvno).toBe(2);
    await realm.close();
    await realm.close();
  });

  it('runs on the real clock without `now` and on a still virtual clock with it', () => {
    const real = buildSimRealm();
    const virtual = buildSimRealm({ now: START });

    expect(Math.abs(real.clock.now() - Date.now())).toBeLessThan(5_000);
    expect(virtual.clock.now()).toBe(START);
    virtual.clock.advance(60);
    expect(virtual.clock.now()).toBe(START + 60_000);
  });

  it('takes another realm name and host name', () => {
    const realm = buildSimRealm({ name: 'EXAMPLE.ORG', hostname: 'svc.example.org', now: START });
    const { gss } = realm;
    const target = gss.importName('host@svc.example.org', {
      nameType: NameType.hostbasedService,
    });

    const { acceptSteps } = establish(realm, {
      target,
      flags: RequirementFlag.mutualAuthentication,
    });
    expect(displayed(realm, acceptSteps[0]?.initiatorName ?? null)).toBe('user@EXAMPLE.ORG');
    expect(realm.hostPrincipal).toBe('host/svc.example.org@EXAMPLE.ORG');
  });

  for (const [name, enctype] of Object.entries(Enctype)) {
    it(`issues and uses ${name} keys alone when asked to`, () => {
      const realm = buildSimRealm({ enctypes: [enctype], seed: 1, now: START });
      const { gss } = realm;
      const { initiator, acceptor } = establish(realm, {
        flags: RequirementFlag.mutualAuthentication,
      });

      const keys = realm.database.lookup(realm.hostPrincipal)?.keys ?? [];
      expect(keys.map((key) => key.key.enctype)).toEqual([enctype]);
      expect(text(gss.unwrap(acceptor, gss.wrap(initiator, bytes('hi')).message).message)).toBe(
        'hi',
      );
    });
  }

  it('adds principals, keytab entries and TGTs as kadmin and kinit do', async () => {
    const realm = buildSimRealm({ seed: 2, now: START });
    const { gss } = realm;
    await realm.addPrincipal('alice', { password: 'alice-pw' });
    await realm.addPrincipal('HTTP/localhost');
    await realm.addToKeytab('HTTP/localhost');
    await realm.kinit('alice', 'alice-pw');
    const target = gss.importName('HTTP@localhost', { nameType: NameType.hostbasedService });

    const { acceptSteps } = establish(realm, { target, flags: 0 });
    expect(displayed(realm, acceptSteps[0]?.initiatorName ?? null)).toBe('alice@KRBTEST.COM');
    expect(realm.database.lookup('HTTP/localhost')?.keys[0]?.kvno).toBe(2);
    await expect(realm.addPrincipal('alice')).rejects.toThrow(/already exists/);
    await expect(realm.kinit('alice', 'wrong')).rejects.toThrow(/Preauthentication failed/);
    await expect(realm.addToKeytab('nobody')).rejects.toThrow(/does not exist/);
  });

  it('gives parties their own ccache, keytab and replay cache', async () => {
    const realm = buildSimRealm({ seed: 3, now: START });
    await realm.addPrincipal('alice', { password: 'pw' });
    const alice = realm.party({ ccache: 'alice' });
    const server = realm.party({ keytab: [realm.hostPrincipal] });
    const target = alice.importName('host@localhost', { nameType: NameType.hostbasedService });

    const first = alice.initSecContext(target, { flags: 0 });
    const token = first.token ?? bytes('');
    const accepted = server.acceptSecContext(token);
    expect(text(server.displayName(accepted.initiatorName).name)).toBe('alice@KRBTEST.COM');
    // Another process has its own replay cache: the same AP-REQ is new to it.
    expect(realm.gss.acceptSecContext(token).moreSteps).toBe(false);
    expect(() => server.acceptSecContext(token)).toThrow(/replay/);
    // A party without a ccache has no initiator credential.
    expect(() => server.acquireCred({ usage: 'initiate' })).toThrow(/No Kerberos credentials/);
    expect(() => alice.acquireCred({ usage: 'accept' })).toThrow(/nonexistent or empty/);
  });

  it('never shows a key in inspect output or JSON', async () => {
    const { inspect } = await import('node:util');
    const realm = buildSimRealm({ seed: 4, now: START });
    const { initiator } = establish(realm, { flags: 0 });
    const key = realm.database.lookup(realm.hostPrincipal)?.keys[0]?.key;
    const hex = Buffer.from(key?.contents() ?? new Uint8Array()).toString('hex');

    const shown = [
      inspect(realm, { depth: 6 }),
      inspect(initiator, { depth: 6 }),
      JSON.stringify(realm.database),
    ].join('\n');
    expect(hex).toHaveLength(64);
    expect(shown).not.toContain(hex);
  });
});
