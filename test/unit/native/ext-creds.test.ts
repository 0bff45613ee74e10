/**
 * The credential extensions of the native backend against a MIT realm: passwords, credential
 * stores, storing a delegated credential, export and import, S4U2Self and credential options.
 * Each credential is proven by establishing a context with it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { runCommand } from '../../../src/backends/native/realm/command.js';
import { requireMitPrograms } from '../../../src/backends/native/realm/programs.js';
import {
  DuplicateCredentialsElementError,
  InvalidTokenError,
  MissingCredentialsError,
  OperationUnavailableError,
} from '../../../src/spec/errors.js';
import { type FlagsInput, RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import type { Creds, Name } from '../../../src/spec/handles.js';
import { ExtensionOid, MechType, NameType } from '../../../src/spec/oids.js';
import type { AcceptSecContextResult } from '../../../src/spec/results.js';
import { catchGssError } from '../../support/gss-flows.js';
import { describeNative } from '../../support/native.js';

const { confidentiality, delegateToPeer, integrity, mutualAuthentication } = RequirementFlag;

const decoder = new TextDecoder();
const dotted = (oids: readonly { dottedForm: string }[]): string[] => oids.map((o) => o.dottedForm);

/** KRB5KDC_ERR_PREAUTH_FAILED as an unsigned minor status (the realm requires preauth). */
const PREAUTH_FAILED = 2529638936;
/** KRB5_FCC_NOFILE as an unsigned minor status. */
const FCC_NOFILE = 2529639107;

describeNative('native credential extensions', () => {
  let realm: MitRealm;
  let gss: GssApi;
  let user: Name;
  let host: Name;
  let target: Name;

  /** Establishes a context to `host@<hostname>` and returns the acceptor's result. */
  const establish = (
    creds: Creds | null,
    options: {
      flags?: FlagsInput<RequirementFlag>;
      acceptorCreds?: Creds;
      mech?: typeof MechType.kerberos;
    } = {},
  ): AcceptSecContextResult => {
    const first = gss.initSecContext(target, {
      creds,
      flags: options.flags ?? [mutualAuthentication],
      mech: options.mech ?? null,
    });
    if (first.token === null) throw new Error('expected an AP-REQ');
    return gss.acceptSecContext(first.token, { acceptorCreds: options.acceptorCreds ?? null });
  };
  const initiator = (accepted: AcceptSecContextResult): string =>
    decoder.decode(gss.displayName(accepted.initiatorName).name);
  const path = (file: string): string => join(realm.directory, file);

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    user = gss.importName(realm.userPrincipal, { nameType: NameType.kerberosPrincipal });
    host = gss.importName(realm.hostPrincipal, { nameType: NameType.kerberosPrincipal });
    target = gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });
  });

  afterAll(async () => {
    await realm?.close();
  });

  it('declares every credential extension', () => {
    for (const extension of [
      'rfc5588',
      'credStore',
      'credImpExp',
      's4u',
      'password',
      'passwordAdd',
      'setCredOpt',
    ] as const) {
      expect(gss.has(extension)).toBe(true);
    }
  });

  describe('password', () => {
    it("gets the user's TGT from the password and initiates with it", () => {
      const result = gss.acquireCredWithPassword(user, realm.userPassword);

      expect(dotted(result.mechs)).toEqual([MechType.kerberos.dottedForm]);
      expect(result.lifetime).toBeGreaterThan(0);
      expect(initiator(establish(result.creds))).toBe(realm.userPrincipal);
    });

    it("fails a wrong password with the KDC's 'Preauthentication failed'", () => {
      const error = catchGssError(() => gss.acquireCredWithPassword(user, 'not the password'));

      expect(error).toBeInstanceOf(MissingCredentialsError);
      expect(error).toMatchObject({ major: 0x00070000, minor: PREAUTH_FAILED });
      expect(error.minorMessages).toEqual(['Preauthentication failed']);
      expect(error.message).not.toContain('not the password');
    });

    it('fails an unknown client with the KDC’s answer', () => {
      const nobody = gss.importName(`nobody@${realm.name}`, {
        nameType: NameType.kerberosPrincipal,
      });
      const error = catchGssError(() => gss.acquireCredWithPassword(nobody, 'x'));

      expect(error).toBeInstanceOf(MissingCredentialsError);
      expect(error.minorMessages).toEqual([
        `Client 'nobody@${realm.name}' not found in Kerberos database`,
      ]);
    });

    it('fails an empty password with GSS_S_FAILURE and EINVAL', () => {
      const error = catchGssError(() => gss.acquireCredWithPassword(user, ''));

      expect(error).toMatchObject({ code: 'FAILURE', major: 0x000d0000, minor: 22 });
      expect(error.minorMessages).toEqual(['Invalid argument']);
    });

    it('refuses a password with a NUL byte, without showing it', () => {
      expect(() => gss.acquireCredWithPassword(user, 'sec\0ret')).toThrow(
        /^acquireCredWithPassword: the password contains a NUL byte$/,
      );
      expect(() => gss.acquireCredWithPassword(user, 5 as never)).toThrow(TypeError);
    });
  });

  describe('passwordAdd', () => {
    it('adds a krb5 element got from the password to a SPNEGO credential', () => {
      const base = gss.acquireCred({ usage: 'initiate', mechs: [MechType.spnego] });
      const added = gss.addCredWithPassword(
        base.creds,
        user,
        MechType.kerberos,
        realm.userPassword,
      );

      expect(dotted(added.mechs)).toEqual([
        MechType.spnego.dottedForm,
        MechType.kerberos.dottedForm,
      ]);
      expect(added.initLifetime).toBeGreaterThan(0);
      expect(added.acceptLifetime).toBe(0);
      if (added.creds === null) throw new Error('expected a new credential');
      expect(initiator(establish(added.creds, { mech: MechType.kerberos }))).toBe(
        realm.userPrincipal,
      );
    });

    it('fails a wrong password, and a mechanism the credential already has', () => {
      const spnego = gss.acquireCred({ usage: 'initiate', mechs: [MechType.spnego] }).creds;
      const krb5 = gss.acquireCred({ usage: 'initiate' }).creds;

      const wrong = catchGssError(() =>
        gss.addCredWithPassword(spnego, user, MechType.kerberos, 'wrong'),
      );
      const duplicate = catchGssError(() =>
        gss.addCredWithPassword(krb5, user, MechType.kerberos, realm.userPassword),
      );

      expect(wrong).toBeInstanceOf(MissingCredentialsError);
      expect(wrong.minor).toBe(PREAUTH_FAILED);
      expect(duplicate).toBeInstanceOf(DuplicateCredentialsElementError);
      expect(duplicate).toMatchObject({ major: 0x00110000, minor: 0 });
    });
  });

  describe('credStore', () => {
    it("acquires the user's credential from a named ccache", () => {
      const result = gss.acquireCredFrom({
        store: { ccache: `FILE:${path('ccache')}` },
        usage: 'initiate',
      });

      expect(result.lifetime).toBeGreaterThan(0);
      expect(initiator(establish(result.creds))).toBe(realm.userPrincipal);
    });

    it("acquires the host's credential from a client keytab and a keytab, for both uses", () => {
      const keytab = `FILE:${path('keytab')}`;
      const result = gss.acquireCredFrom({
        name: host,
        usage: 'both',
        store: { client_keytab: keytab, keytab, ccache: 'MEMORY:host-both' },
      });
      const accepted = establish(result.creds, { acceptorCreds: result.creds });

      expect(dotted(result.mechs)).toContain(MechType.kerberos.dottedForm);
      expect(initiator(accepted)).toBe(realm.hostPrincipal);
    });

    it("fails a ccache that does not exist with 'No credentials cache found'", () => {
      const error = catchGssError(() =>
        gss.acquireCredFrom({ store: { ccache: `FILE:${path('nothere')}` }, usage: 'initiate' }),
      );

      expect(error).toBeInstanceOf(MissingCredentialsError);
      expect(error).toMatchObject({ major: 0x00070000, minor: FCC_NOFILE });
      expect(error.minorMessages[0]).toMatch(/^No credentials cache found/);
    });

    it('ignores a key it does not know, as MIT does', () => {
      const result = gss.acquireCredFrom({ store: { 'no-such-key': 'x' }, usage: 'initiate' });

      expect(initiator(establish(result.creds))).toBe(realm.userPrincipal);
    });

    it('stores a credential into a fresh ccache, and initiates with it from there', () => {
      const ccache = `FILE:${path('stored-ccache')}`;
      const { creds } = gss.acquireCredWithPassword(user, realm.userPassword);

      const stored = gss.storeCredInto({ ccache }, creds);
      const again = catchGssError(() => gss.storeCredInto({ ccache }, creds));
      const overwritten = gss.storeCredInto({ ccache }, creds, { overwrite: true });
      const reread = gss.acquireCredFrom({ store: { ccache }, usage: 'initiate' });

      expect(dotted(stored.mechs)).toEqual([MechType.kerberos.dottedForm]);
      expect(stored.usage).toBe('initiate');
      expect(again).toBeInstanceOf(DuplicateCredentialsElementError);
      expect(again.major).toBe(0x00110000);
      expect(overwritten.usage).toBe('initiate');
      expect(initiator(establish(reread.creds))).toBe(realm.userPrincipal);
    });

    it('adds an element from a store to a SPNEGO credential', () => {
      const base = gss.acquireCred({ usage: 'initiate', mechs: [MechType.spnego] });
      const added = gss.addCredFrom(
        { ccache: `FILE:${path('ccache')}` },
        base.creds,
        user,
        MechType.kerberos,
        { usage: 'initiate' },
      );

      expect(dotted(added.mechs)).toEqual([
        MechType.spnego.dottedForm,
        MechType.kerberos.dottedForm,
      ]);
      if (added.creds === null) throw new Error('expected a new credential');
      expect(initiator(establish(added.creds, { mech: MechType.kerberos }))).toBe(
        realm.userPrincipal,
      );
    });

    it('checks the store before calling C, without showing its values', () => {
      expect(() => gss.acquireCredFrom({ store: { password: 'se\0cret' } })).toThrow(
        /^acquireCredFrom: the value of store key "password" contains a NUL byte$/,
      );
      expect(() => gss.acquireCredFrom({ store: { ccache: 5 } as never })).toThrow(TypeError);
      expect(() => gss.acquireCredFrom({ store: ['ccache'] as never })).toThrow(TypeError);
      expect(() => gss.acquireCredFrom({ store: 'FILE:/x' as never })).toThrow(TypeError);
      expect(() => gss.acquireCredFrom({ usage: 'sometimes' as never })).toThrow(TypeError);
      expect(() => gss.acquireCredFrom({ lifetime: -1 })).toThrow(RangeError);
      expect(() => gss.storeCredInto(null, null as never)).toThrow(TypeError);
    });
  });

  describe('rfc5588', () => {
    it('stores a delegated credential in the default ccache, which then initiates', () => {
      const accepted = establish(null, { flags: [delegateToPeer, mutualAuthentication] });
      const delegated = accepted.delegatedCreds;
      if (delegated === null) throw new Error('expected a delegated credential');

      const occupied = catchGssError(() => gss.storeCred(delegated));
      const stored = gss.storeCred(delegated, { overwrite: true });
      const reacquired = gss.acquireCred({ usage: 'initiate' });

      expect(occupied).toBeInstanceOf(DuplicateCredentialsElementError);
      expect(occupied.major).toBe(0x00110000);
      expect(dotted(stored.mechs)).toEqual([MechType.kerberos.dottedForm]);
      expect(stored.usage).toBe('initiate');
      expect(initiator(establish(reacquired.creds))).toBe(realm.userPrincipal);
    });

    it('gets no delegated credential from a TGT that is not forwardable', async () => {
      // The realm's tickets are forwardable; `kinit -F` asks for one that is not.
      const { kinit } = requireMitPrograms();
      const env = { ...process.env, LC_ALL: 'C' };
      const input = `${realm.userPassword}\n`;
      expect((await runCommand(kinit, ['-F', realm.userPrincipal], { env, input })).code).toBe(0);

      const accepted = establish(null, { flags: [delegateToPeer] });
      await realm.kinit(realm.userPrincipal, realm.userPassword);

      expect(accepted.flags.has(delegateToPeer)).toBe(false);
      expect(accepted.delegatedCreds).toBeNull();
    });

    it('checks its arguments before calling C', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate' });

      expect(() => gss.storeCred(null as never)).toThrow(TypeError);
      expect(() => gss.storeCred(creds, { overwrite: 'yes' as never })).toThrow(TypeError);
      expect(() => gss.storeCred(creds, { mech: 'krb5' as never })).toThrow(TypeError);
    });
  });

  describe('credImpExp', () => {
    it('exports a credential as a token, which imports into one that initiates', () => {
      const { creds } = gss.acquireCredWithPassword(user, realm.userPassword);

      const token = gss.exportCred(creds);
      const imported = gss.importCred(token);

      // MIT's token: the mechanism OID with its length, then krb5's JSON starting "K5C1".
      expect(token.subarray(0, 4)).toEqual(new Uint8Array([0, 0, 0, 9]));
      expect(decoder.decode(token.subarray(4 + 9 + 4, 4 + 9 + 4 + 8))).toBe('["K5C1",');
      expect(initiator(establish(imported))).toBe(realm.userPrincipal);
    });

    it('refuses a token that is not one, with InvalidTokenError', () => {
      for (const token of [new Uint8Array([1, 2, 3]), new Uint8Array(0)]) {
        const error = catchGssError(() => gss.importCred(token));
        expect(error).toBeInstanceOf(InvalidTokenError);
        expect(error).toMatchObject({ major: 0x00090000, minor: 0 });
      }
      expect(() => gss.importCred('token' as never)).toThrow(TypeError);
    });
  });

  describe('s4u', () => {
    /** The host's credential from its keys: S4U2Self needs no ok_to_auth_as_delegate. */
    const hostCreds = (ccache: string): Creds => {
      const keytab = `FILE:${path('keytab')}`;
      return gss.acquireCredFrom({
        name: host,
        usage: 'both',
        store: { client_keytab: keytab, ccache },
      }).creds;
    };

    it('impersonates the user to the host itself (S4U2Self)', () => {
      const impersonator = hostCreds('MEMORY:s4u-acquire');

      const result = gss.acquireCredImpersonateName(impersonator, user);
      const accepted = establish(result.creds);

      expect(dotted(result.mechs)).toEqual([MechType.kerberos.dottedForm]);
      expect(result.lifetime).toBeGreaterThan(0);
      expect(initiator(accepted)).toBe(realm.userPrincipal);
      expect(accepted.flags.has(confidentiality)).toBe(true);
      const inquired = gss.inquireCred(result.creds);
      expect(inquired.name && decoder.decode(gss.displayName(inquired.name).name)).toBe(
        realm.userPrincipal,
      );
    });

    it('gets a forwardable S4U2Self ticket, with or without ok_to_auth_as_delegate', async () => {
      // MIT 1.20's KDC clears FORWARDABLE on an S4U2Self ticket only when the service has
      // delegation targets (s4u2self_forwardable in kdc_util.c); a db2 database has none.
      const forwardable = 0x40000000; // TKT_FLG_FORWARDABLE (RFC 4120 §5.3)
      const ticketFlags = (ccache: string): number => {
        const impersonated = gss.acquireCredImpersonateName(hostCreds(ccache), user).creds;
        return gss.krb5GetTktFlags(establish(impersonated).context);
      };

      const plain = ticketFlags('MEMORY:s4u-plain');
      await realm.modifyPrincipal(realm.hostPrincipal, ['+ok_to_auth_as_delegate']);
      const trusted = ticketFlags('MEMORY:s4u-trusted');
      await realm.modifyPrincipal(realm.hostPrincipal, ['-ok_to_auth_as_delegate']);

      expect(plain & forwardable).toBe(forwardable);
      expect(trusted & forwardable).toBe(forwardable);
      expect(() => realm.modifyPrincipal(realm.hostPrincipal, ['+no_such' as never])).toThrow(
        TypeError,
      );
    });

    it('adds an impersonated element to a new credential', () => {
      const impersonator = hostCreds('MEMORY:s4u-add');

      const added = gss.addCredImpersonateName(null, impersonator, user, MechType.kerberos);

      expect(dotted(added.mechs)).toEqual([MechType.kerberos.dottedForm]);
      expect(added.initLifetime).toBeGreaterThan(0);
      expect(added.acceptLifetime).toBe(0);
      if (added.creds === null) throw new Error('expected a new credential');
      expect(initiator(establish(added.creds))).toBe(realm.userPrincipal);
    });

    it('checks its arguments before calling C', () => {
      expect(() => gss.acquireCredImpersonateName(null as never, user)).toThrow(TypeError);
      const impersonator = hostCreds('MEMORY:s4u-check');
      expect(() => gss.acquireCredImpersonateName(impersonator, 'user' as never)).toThrow(
        TypeError,
      );
      expect(() =>
        gss.addCredImpersonateName(null, impersonator, user, '1.2.840.113554.1.2.2' as never),
      ).toThrow(TypeError);
    });
  });

  describe('setCredOpt', () => {
    it('stops a credential from asserting confidentiality and integrity (NO_CI_FLAGS_X)', () => {
      // MIT adds CONF and INTEG to every context's flags unless the credential says not to
      // (init_sec_context.c); asked for explicitly, they are still given.
      const { creds } = gss.acquireCred({ usage: 'initiate' });
      const flags = [mutualAuthentication];
      const before = establish(creds, { flags });

      const changed = gss.setCredOption(ExtensionOid.krb5CredNoCiFlagsX, { creds });
      const after = establish(creds, { flags });
      const asked = establish(creds, { flags: [mutualAuthentication, confidentiality] });

      expect(changed).toBe(creds);
      expect(before.flags.has(confidentiality) && before.flags.has(integrity)).toBe(true);
      expect(after.flags.has(confidentiality)).toBe(false);
      expect(after.flags.has(integrity)).toBe(false);
      expect(asked.flags.has(confidentiality)).toBe(true);
    });

    it('is unavailable for an option no mechanism knows', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate' });

      const withCreds = catchGssError(() => gss.setCredOption(MechType.kerberos, { creds }));
      const without = catchGssError(() => gss.setCredOption(MechType.kerberos));

      expect(withCreds).toBeInstanceOf(OperationUnavailableError);
      expect(withCreds).toMatchObject({ major: 0x00100000, minor: 0 });
      expect(without).toBeInstanceOf(OperationUnavailableError);
      expect(without.minorMessages).toEqual(['Invalid argument']);
    });

    it('refuses the options MIT would crash on, before calling C', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate' });

      expect(() => gss.setCredOption(ExtensionOid.krb5CredNoCiFlagsX)).toThrow(TypeError);
      for (const option of [
        ExtensionOid.krb5ImportCred,
        ExtensionOid.krb5CopyCcache,
        ExtensionOid.krb5SetAllowableEnctypes,
        ExtensionOid.krb5SetCredRcache,
      ]) {
        expect(() => gss.setCredOption(option, { creds, value: new Uint8Array(24) })).toThrow(
          /takes C pointers/,
        );
      }
      expect(() => gss.setCredOption('1.2' as never)).toThrow(TypeError);
      expect(() => gss.setCredOption(MechType.kerberos, { value: 'x' as never })).toThrow(
        TypeError,
      );
    });
  });
});
