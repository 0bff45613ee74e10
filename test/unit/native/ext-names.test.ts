/**
 * The naming extensions of the native backend against MIT (rfc6680, rfc6680CompOid): name
 * attributes of imported, canonicalized and accepted names, extended display, and composite
 * export through `importName` with GSS_C_NT_COMPOSITE_EXPORT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { OperationUnavailableError } from '../../../src/spec/errors.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import type { Name } from '../../../src/spec/handles.js';
import { MechType, NameType } from '../../../src/spec/oids.js';
import { catchGssError } from '../../support/gss-flows.js';
import { describeNative } from '../../support/native.js';

const decoder = new TextDecoder();
const text = (bytes: Uint8Array): string => decoder.decode(bytes);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** ENOENT and EPERM, the minor statuses of MIT's krb5 attribute calls. */
const ENOENT = 2;
const EPERM = 1;

/** The PAC attributes MIT 1.20's krb5 mechanism gives a name accepted with a PAC'd ticket. */
const PAC_ATTRIBUTES = [
  'urn:mspac:',
  'urn:mspac:client-info',
  'urn:mspac:16',
  'urn:mspac:server-checksum',
  'urn:mspac:privsvr-checksum',
];

describeNative('native naming extensions', () => {
  let realm: MitRealm;
  let gss: GssApi;
  let user: Name;
  let accepted: Name;

  const unavailable = (action: () => unknown, minor: number): void => {
    const error = catchGssError(action);
    expect(error).toBeInstanceOf(OperationUnavailableError);
    expect(error).toMatchObject({ major: 0x00100000, minor });
  };

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    user = gss.importName(realm.userPrincipal, { nameType: NameType.kerberosPrincipal });
    const target = gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = gss.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');
    accepted = gss.acceptSecContext(first.token).initiatorName;
  });

  afterAll(async () => {
    await realm?.close();
  });

  it('declares rfc6680 and rfc6680CompOid', () => {
    expect(gss.has('rfc6680')).toBe(true);
    expect(gss.has('rfc6680CompOid')).toBe(true);
  });

  describe('inquireName', () => {
    it('says an imported name is no mechanism name and has no attributes', () => {
      expect(gss.inquireName(user)).toEqual({ attrs: [], isMechName: false, mech: null });
    });

    it('gives the mechanism of a canonicalized name', () => {
      const name = gss.canonicalizeName(user, MechType.kerberos);
      const result = gss.inquireName(name);

      expect(result.isMechName).toBe(true);
      expect(result.mech?.equals(MechType.kerberos)).toBe(true);
      expect(result.attrs).toEqual([]);
    });

    it("lists the PAC attributes of an accepted initiator's name", () => {
      const result = gss.inquireName(accepted);

      expect(result.isMechName).toBe(true);
      expect(result.mech?.equals(MechType.kerberos)).toBe(true);
      expect(result.attrs.map(text)).toEqual(PAC_ATTRIBUTES);
    });

    it('leaves out the fields not asked for', () => {
      expect(gss.inquireName(accepted, { mechName: false, attrs: false })).toEqual({
        attrs: [],
        isMechName: false,
        mech: null,
      });
      expect(gss.inquireName(accepted, { attrs: false }).isMechName).toBe(true);
      expect(gss.inquireName(accepted, { mechName: false }).attrs).toHaveLength(5);
    });
  });

  describe('displayNameExt', () => {
    it('shows a mechanism name in its own syntax', () => {
      const name = gss.canonicalizeName(user, MechType.kerberos);

      expect(text(gss.displayNameExt(name, NameType.kerberosPrincipal))).toBe(realm.userPrincipal);
    });

    it('shows an imported name in the syntax it was imported with', () => {
      expect(text(gss.displayNameExt(user, NameType.kerberosPrincipal))).toBe(realm.userPrincipal);
    });

    it('is unavailable for another syntax', () => {
      const name = gss.canonicalizeName(user, MechType.kerberos);

      unavailable(() => gss.displayNameExt(name, NameType.hostbasedService), 0);
      unavailable(() => gss.displayNameExt(user, NameType.hostbasedService), 0);
    });
  });

  describe('attributes', () => {
    it('gives the raw PAC of an accepted name, authenticated and complete', () => {
      const pac = gss.getNameAttribute(accepted, 'urn:mspac:');

      expect(pac.values).toHaveLength(1);
      // PACTYPE (MS-PAC §2.3): cBuffers (32-bit little-endian), then Version 0.
      expect(pac.values[0]?.subarray(4, 8)).toEqual(new Uint8Array(4));
      expect(pac.displayValues).toEqual([new Uint8Array(0)]);
      expect(pac.authenticated).toBe(true);
      expect(pac.complete).toBe(true);
    });

    it('has no auth-indicators on a name accepted from a password-only AS exchange', () => {
      unavailable(() => gss.getNameAttribute(accepted, 'auth-indicators'), ENOENT);
    });

    it('refuses to set auth-indicators (EPERM) or an unknown attribute (ENOENT)', () => {
      unavailable(() => gss.setNameAttribute(accepted, 'auth-indicators', ['otp']), EPERM);
      unavailable(() => gss.setNameAttribute(accepted, 'urn:example:role', ['admin']), ENOENT);
      const name = gss.canonicalizeName(user, MechType.kerberos);
      unavailable(
        () => gss.setNameAttribute(name, 'urn:ietf:params:gss:local-login-user', ['user']),
        ENOENT,
      );
    });

    it('finds no attribute to delete, by ENOENT', () => {
      unavailable(() => gss.deleteNameAttribute(accepted, 'auth-indicators'), ENOENT);
      unavailable(() => gss.deleteNameAttribute(accepted, 'urn:example:role'), ENOENT);
    });

    it('is unavailable with minor 0 on a name that is no mechanism name', () => {
      unavailable(() => gss.setNameAttribute(user, 'urn:example:role', ['admin']), 0);
      unavailable(() => gss.getNameAttribute(user, 'urn:example:role'), 0);
      unavailable(() => gss.deleteNameAttribute(user, 'urn:example:role'), 0);
    });

    it('sets nothing for an empty value list', () => {
      expect(gss.setNameAttribute(accepted, 'urn:example:role', [])).toBeUndefined();
    });

    it('checks its arguments before calling C', () => {
      expect(() => gss.setNameAttribute(accepted, 'urn:x', 'one' as never)).toThrow(TypeError);
      expect(() => gss.setNameAttribute(accepted, 'urn:x', [5] as never)).toThrow(TypeError);
      expect(() => gss.setNameAttribute(accepted, 'urn:x', [], { complete: 1 as never })).toThrow(
        TypeError,
      );
      expect(() => gss.getNameAttribute(accepted, null as never)).toThrow(TypeError);
      expect(() => gss.deleteNameAttribute({} as never, 'urn:x')).toThrow(TypeError);
      expect(() => gss.inquireName(accepted, { attrs: 'yes' as never })).toThrow(TypeError);
      expect(() => gss.displayNameExt(accepted, 'krb5' as never)).toThrow(TypeError);
    });
  });

  describe('exportNameComposite', () => {
    it('exports an accepted name with its PAC, and importName gives it back', () => {
      const token = gss.exportNameComposite(accepted);
      const plain = gss.exportName(accepted);

      // RFC 6680 §8: 04 02, then the fields of the 04 01 token, then the attributes.
      expect(hex(token.subarray(0, 2))).toBe('0402');
      expect(hex(token.subarray(2, plain.length))).toBe(hex(plain.subarray(2)));
      expect(token.length).toBeGreaterThan(plain.length + 144);

      const imported = gss.importName(token, { nameType: NameType.compositeExport });
      const inquired = gss.inquireName(imported);
      expect(gss.compareName(imported, accepted)).toBe(true);
      expect(inquired.mech?.equals(MechType.kerberos)).toBe(true);
      expect(inquired.attrs.map(text)).toEqual(PAC_ATTRIBUTES);
      expect(gss.getNameAttribute(imported, 'urn:mspac:').values).toEqual(
        gss.getNameAttribute(accepted, 'urn:mspac:').values,
      );
    });

    it('exports a canonicalized name without attributes', () => {
      const name = gss.canonicalizeName(user, MechType.kerberos);
      const token = gss.exportNameComposite(name);

      expect(hex(token.subarray(0, 2))).toBe('0402');
      const imported = gss.importName(token, { nameType: NameType.compositeExport });
      expect(text(gss.displayName(imported).name)).toBe(realm.userPrincipal);
    });

    it('is unavailable for a name that is no mechanism name', () => {
      unavailable(() => gss.exportNameComposite(user), 0);
    });
  });
});
