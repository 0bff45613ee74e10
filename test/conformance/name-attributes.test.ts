/**
 * Name attributes (RFC 6680): `inquireName`, `displayNameExt`, attributes set, got and deleted,
 * composite export (`04 02`) and its import. Every expected value was measured on MIT krb5
 * 1.20.1 (Debian 12) with its krb5 mechanism, whose attributes come from two
 * authorization-data modules, `mspac` and `authentication-indicators`.
 *
 * Both KDCs put a PAC in every service ticket (buffers client-info, 16 for the ticket
 * checksum, server-checksum, privsvr-checksum), and both acceptors verify its server checksum
 * and client info, so the initiator name an acceptor returns lists the same `urn:mspac:`
 * attributes and gives the PAC's values.
 */
import { expect } from 'vitest';
import type { Name } from '../../src/spec/handles.js';
import type { OID } from '../../src/spec/oid.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import { GSS_S_BAD_NAME, GSS_S_UNAVAILABLE } from '../../src/spec/status.js';
import { describeConformance } from './backends.js';
import { bytes, type ExpectedError, establish, expectGssError, text } from './flows.js';

const hex = (value: Uint8Array): string => Buffer.from(value).toString('hex');
const int32 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');
const counted = (value: string): string => int32(value.length) + hex(bytes(value));

/** The krb5 mechanism's OID, 1.2.840.113554.1.2.2. */
const KRB5_OID = '2a864886f712010202';

/** The mechglue's answer for a call it cannot make: UNAVAILABLE, minor 0. */
const GLUE_UNAVAILABLE: ExpectedError = {
  name: 'OperationUnavailableError',
  major: GSS_S_UNAVAILABLE,
  minor: 0,
  minorMessages: ['Unknown error'],
};
/** No module has the attribute (ENOENT). */
const NO_SUCH_ATTRIBUTE: ExpectedError = {
  name: 'OperationUnavailableError',
  major: GSS_S_UNAVAILABLE,
  minor: 2,
  minorMessages: ['No such file or directory'],
};
/** The indicators module refuses to set `auth-indicators` (EPERM). */
const NOT_PERMITTED: ExpectedError = {
  name: 'OperationUnavailableError',
  major: GSS_S_UNAVAILABLE,
  minor: 1,
  minorMessages: ['Operation not permitted'],
};

/** The attribute data of an empty context: both modules, no PAC, no indicator. */
const EMPTY_CONTEXT = `${int32(2)}${counted('mspac')}${int32(0)}${int32(0)}${counted('authentication-indicators')}${int32(0)}`;

/** What an accepted initiator name lists: the PAC, then its buffers in table order. */
const ACCEPTED_ATTRIBUTES = [
  'urn:mspac:',
  'urn:mspac:client-info',
  'urn:mspac:16',
  'urn:mspac:server-checksum',
  'urn:mspac:privsvr-checksum',
];

/** The PAC's buffer table: type and size of each entry (MS-PAC PAC_INFO_BUFFER). */
const pacTable = (pac: Uint8Array): (readonly [number, number])[] => {
  const view = Buffer.from(pac);
  return Array.from({ length: view.readUInt32LE(0) }, (_, index) => [
    view.readUInt32LE(8 + index * 16),
    view.readUInt32LE(12 + index * 16),
  ]);
};

/** Attribute names the krb5 mechanism of a name without a PAC takes for none of its own. */
const UNKNOWN_ATTRIBUTES = [
  'AUTH-INDICATORS',
  'urn:mspac:',
  'urn:mspac:client-info',
  'urn:mspac:logon-info',
  'urn:mspac:16',
  'urn:example:role',
  'urn:ietf:params:gss:local-login-user',
  '',
];

describeConformance('name-attributes', ({ realm, test }) => {
  const principalHex = () => counted(realm().userPrincipal);
  /** `04 02`, the krb5 OID, the user's principal and `attributes` (hex). */
  const compositeOfUser = (attributes: string) =>
    `0402000b0609${KRB5_OID}${principalHex()}${int32(attributes.length / 2)}${attributes}`;

  const user = () => realm().gss.importName('user', { nameType: NameType.user });
  const canonical = (mech: OID = MechType.kerberos) => realm().gss.canonicalizeName(user(), mech);
  const accepted = () => establish(realm()).acceptSteps[0]?.initiatorName ?? null;
  const importComposite = (token: string) =>
    realm().gss.importName(Buffer.from(token, 'hex'), { nameType: NameType.compositeExport });
  const composite = (name: Name) => hex(realm().gss.exportNameComposite(name));

  const notMechNames = () => {
    const { gss } = realm();
    return [
      user(),
      gss.importName(realm().userPrincipal, { nameType: NameType.kerberosPrincipal }),
      gss.importName(`host@${realm().hostname}`, { nameType: NameType.hostbasedService }),
      gss.importName('user'),
    ];
  };

  test('the backend has rfc6680 and rfc6680CompOid', () => {
    expect(realm().gss.has('rfc6680')).toBe(true);
    expect(realm().gss.has('rfc6680CompOid')).toBe(true);
  });

  test('inquireName: an imported name is no mechanism name and has no attributes', () => {
    const { gss } = realm();
    for (const name of notMechNames()) {
      expect(gss.inquireName(name)).toEqual({ attrs: [], isMechName: false, mech: null });
      expect(gss.inquireName(name, { attrs: false })).toEqual({
        attrs: [],
        isMechName: false,
        mech: null,
      });
    }
  });

  test('inquireName: a canonicalized name is a mechanism name of its mechanism, no attributes', () => {
    const { gss } = realm();
    for (const mech of [MechType.kerberos, MechType.kerberosOld]) {
      const result = gss.inquireName(canonical(mech));

      expect(result.isMechName).toBe(true);
      expect(result.mech?.equals(mech)).toBe(true);
      expect(result.attrs).toEqual([]);
    }
  });

  test('inquireName leaves out what is not asked for', () => {
    const { gss } = realm();
    const name = canonical();

    expect(gss.inquireName(name, { mechName: false, attrs: false })).toEqual({
      attrs: [],
      isMechName: false,
      mech: null,
    });
    expect(gss.inquireName(name, { mechName: false }).isMechName).toBe(false);
    expect(gss.inquireName(name, { attrs: false }).mech?.equals(MechType.kerberos)).toBe(true);
  });

  test("inquireName: an accepted initiator's name is a krb5 name listing its PAC's buffers", () => {
    const { gss } = realm();
    const name = accepted();
    if (name === null) throw new Error('expected an initiator name');
    const result = gss.inquireName(name);

    expect(result.isMechName).toBe(true);
    expect(result.mech?.equals(MechType.kerberos)).toBe(true);
    expect(result.attrs.map(text)).toEqual(ACCEPTED_ATTRIBUTES);
  });

  test("getNameAttribute gives an accepted name's verified PAC and each of its buffers", () => {
    const { gss } = realm();
    const name = accepted();
    if (name === null) throw new Error('expected an initiator name');
    const whole = gss.getNameAttribute(name, 'urn:mspac:');
    const [pac] = whole.values;
    if (pac === undefined) throw new Error('expected the PAC');

    expect(whole).toMatchObject({ authenticated: true, complete: true });
    expect(whole.displayValues.map(hex)).toEqual(['']);
    expect(pacTable(pac)).toEqual([
      [10, 18],
      [16, 16],
      [6, 16],
      [7, 16],
    ]);
    // PAC_CLIENT_INFO: authtime (8 octets), then the name without realm in UTF-16LE.
    const [info] = gss.getNameAttribute(name, 'urn:mspac:client-info').values;
    expect(info === undefined ? '' : hex(info.subarray(8))).toBe('08007500730065007200');
    for (const attr of ['urn:mspac:16', 'URN:MSPAC:SERVER-CHECKSUM', 'urn:mspac:7']) {
      const [value] = gss.getNameAttribute(name, attr).values;
      // PAC_SIGNATURE_DATA: HMAC-SHA1-96-AES256 (16), then 12 octets of checksum.
      expect(value?.length).toBe(16);
      expect(value === undefined ? -1 : Buffer.from(value).readUInt32LE(0)).toBe(16);
    }
    expectGssError(() => gss.getNameAttribute(name, 'urn:mspac:logon-info'), NO_SUCH_ATTRIBUTE);
  });

  test('displayNameExt shows a name only in the syntax it was imported with', () => {
    const { gss } = realm();
    const initiator = accepted();
    if (initiator === null) throw new Error('expected an initiator name');
    const exported = gss.exportName(canonical());
    const cases: readonly (readonly [Name, OID, string])[] = [
      [user(), NameType.user, 'user'],
      [
        gss.importName(`host@${realm().hostname}`, { nameType: NameType.hostbasedService }),
        NameType.hostbasedService,
        `host@${realm().hostname}`,
      ],
      [canonical(), NameType.user, realm().userPrincipal],
      [initiator, NameType.kerberosPrincipal, realm().userPrincipal],
      [
        gss.importName(exported, { nameType: NameType.export }),
        NameType.export,
        realm().userPrincipal,
      ],
      [
        importComposite(hex(gss.exportNameComposite(canonical()))),
        NameType.compositeExport,
        realm().userPrincipal,
      ],
    ];
    const types = [
      NameType.user,
      NameType.hostbasedService,
      NameType.kerberosPrincipal,
      NameType.export,
      NameType.compositeExport,
      NameType.anonymous,
    ];

    for (const [name, own, shown] of cases) {
      expect(text(gss.displayNameExt(name, own))).toBe(shown);
      for (const other of types.filter((type) => !type.equals(own))) {
        expectGssError(() => gss.displayNameExt(name, other), GLUE_UNAVAILABLE);
      }
    }
    expectGssError(
      () => gss.displayNameExt(gss.importName('user'), NameType.user),
      GLUE_UNAVAILABLE,
    );
  });

  test('attribute calls and composite export need a mechanism name: UNAVAILABLE, minor 0', () => {
    const { gss } = realm();
    for (const name of notMechNames()) {
      expectGssError(
        () => gss.setNameAttribute(name, 'urn:example:role', ['admin']),
        GLUE_UNAVAILABLE,
      );
      expectGssError(() => gss.getNameAttribute(name, 'auth-indicators'), GLUE_UNAVAILABLE);
      expectGssError(() => gss.deleteNameAttribute(name, 'auth-indicators'), GLUE_UNAVAILABLE);
      expectGssError(() => gss.exportNameComposite(name), GLUE_UNAVAILABLE);
    }
  });

  test('setNameAttribute with no values calls nothing, whatever the name', () => {
    const { gss } = realm();
    for (const name of [user(), canonical()]) {
      expect(gss.setNameAttribute(name, 'auth-indicators', [])).toBeUndefined();
    }
  });

  test('setNameAttribute: auth-indicators is refused (EPERM), any other name is ENOENT', () => {
    const { gss } = realm();
    const initiator = accepted();
    if (initiator === null) throw new Error('expected an initiator name');

    for (const complete of [false, true]) {
      for (const name of [canonical(), initiator]) {
        expectGssError(
          () => gss.setNameAttribute(name, 'auth-indicators', ['otp'], { complete }),
          NOT_PERMITTED,
        );
        for (const attr of ['AUTH-INDICATORS', 'urn:example:role', '']) {
          expectGssError(
            () => gss.setNameAttribute(name, attr, ['x'], { complete }),
            NO_SUCH_ATTRIBUTE,
          );
        }
      }
      for (const attr of UNKNOWN_ATTRIBUTES) {
        expectGssError(
          () => gss.setNameAttribute(canonical(), attr, ['x'], { complete }),
          NO_SUCH_ATTRIBUTE,
        );
      }
    }
  });

  test('getNameAttribute finds nothing on a name without a PAC; no module deletes', () => {
    const { gss } = realm();
    const initiator = accepted();
    if (initiator === null) throw new Error('expected an initiator name');

    for (const attr of ['auth-indicators', ...UNKNOWN_ATTRIBUTES]) {
      expectGssError(() => gss.getNameAttribute(canonical(), attr), NO_SUCH_ATTRIBUTE);
      expectGssError(() => gss.deleteNameAttribute(canonical(), attr), NO_SUCH_ATTRIBUTE);
    }
    expectGssError(() => gss.getNameAttribute(initiator, 'auth-indicators'), NO_SUCH_ATTRIBUTE);
    // No module deletes, not even a PAC's attribute.
    for (const attr of ['auth-indicators', 'urn:mspac:', 'urn:mspac:client-info']) {
      expectGssError(() => gss.deleteNameAttribute(initiator, attr), NO_SUCH_ATTRIBUTE);
    }
  });

  test('exportNameComposite of a name with no context writes an empty attribute field', () => {
    const { gss } = realm();
    const name = canonical();
    const plain = hex(gss.exportName(name));

    expect(composite(name)).toBe(compositeOfUser(''));
    expect(composite(name)).toBe(`0402${plain.slice(4)}00000000`);
    expect(composite(canonical(MechType.kerberosOld))).toBe(compositeOfUser(''));
  });

  test('the first attribute call gives a name an empty context, which composite export writes', () => {
    const { gss } = realm();
    const calls: readonly ((name: Name) => unknown)[] = [
      (name) => gss.inquireName(name),
      (name) => gss.inquireName(name, { mechName: false, attrs: false }),
      (name) => gss.getNameAttribute(name, 'x'),
      (name) => gss.setNameAttribute(name, 'x', ['y']),
      (name) => gss.deleteNameAttribute(name, 'x'),
    ];

    for (const call of calls) {
      const name = canonical();
      try {
        call(name);
      } catch {
        // The call's own answer is tested elsewhere; here only its effect on the name counts.
      }
      expect(composite(name)).toBe(compositeOfUser(EMPTY_CONTEXT));
    }
    const untouched = canonical();
    gss.setNameAttribute(untouched, 'x', []);
    expect(composite(untouched)).toBe(compositeOfUser(''));
  });

  test('duplicates and canonical forms of the same mechanism keep the context, others do not', () => {
    const { gss } = realm();
    const name = canonical();
    const before = gss.duplicateName(name);
    gss.inquireName(name);

    expect(composite(before)).toBe(compositeOfUser(''));
    expect(composite(gss.duplicateName(name))).toBe(compositeOfUser(EMPTY_CONTEXT));
    expect(composite(gss.canonicalizeName(name, MechType.kerberos))).toBe(
      compositeOfUser(EMPTY_CONTEXT),
    );
    expect(composite(gss.canonicalizeName(name, MechType.kerberosOld))).toBe(compositeOfUser(''));
  });

  test("only an acceptor's initiator name comes with a context", () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm());
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    const credName = gss.inquireCred(creds).name;
    const ours = gss.inquireContext(initiator);
    const theirs = gss.inquireContext(acceptor);
    if (credName === null || ours.initiatorName === null || theirs.initiatorName === null) {
      throw new Error('expected names');
    }

    expect(composite(credName)).toBe(compositeOfUser(''));
    expect(composite(ours.initiatorName)).toBe(compositeOfUser(''));
    expect(composite(theirs.initiatorName)).not.toBe(compositeOfUser(''));
    gss.releaseCred(creds);
  });

  test("an accepted name's composite export holds both modules and no indicator", () => {
    const name = accepted();
    if (name === null) throw new Error('expected an initiator name');
    const token = Buffer.from(realm().gss.exportNameComposite(name));
    const head = compositeOfUser('').length / 2 - 4;
    const attributes = token.subarray(head + 4);
    const pacLength = attributes.readInt32BE(13);
    const verified = attributes.readInt32BE(17 + pacLength);

    expect(token.readUInt32BE(head)).toBe(attributes.length);
    expect(attributes.subarray(0, 13).toString('hex')).toBe(int32(2) + counted('mspac'));
    // The service ticket's PAC, verified: 4 buffers, 8 + 4 * 16 + 24 + 3 * 16 octets.
    expect(pacLength).toBe(144);
    expect(verified).toBe(1);
    expect(attributes.subarray(21 + pacLength).toString('hex')).toBe(
      `${counted('authentication-indicators')}${int32(0)}`,
    );
  });

  test('importName of a composite export gives the same name, with its context or without', () => {
    const { gss } = realm();
    const name = canonical();
    const bare = gss.exportNameComposite(name);
    gss.inquireName(name);
    const withContext = gss.exportNameComposite(name);

    for (const token of [bare, withContext]) {
      const imported = gss.importName(token, { nameType: NameType.compositeExport });
      expect(gss.compareName(imported, name)).toBe(true);
      expect(text(gss.displayName(imported).name)).toBe(realm().userPrincipal);
      expect(gss.exportName(imported)).toEqual(gss.exportName(name));
      expect(gss.exportNameComposite(imported)).toEqual(token);
    }
    // Either token id reads with either name type.
    const asExport = gss.importName(withContext, { nameType: NameType.export });
    expect(composite(asExport)).toBe(hex(withContext));
    const plain = gss.importName(gss.exportName(name), { nameType: NameType.compositeExport });
    expect(composite(plain)).toBe(compositeOfUser(''));
  });

  test('authentication indicators of a composite import are authenticated, complete values', () => {
    const { gss } = realm();
    const indicators = `${counted('authentication-indicators')}${int32(2)}${counted('otp')}${counted('hw')}`;
    const name = importComposite(compositeOfUser(int32(1) + indicators));

    expect(gss.inquireName(name).attrs.map(text)).toEqual(['auth-indicators']);
    expect(gss.getNameAttribute(name, 'auth-indicators')).toEqual({
      values: [bytes('otp'), bytes('hw')],
      displayValues: [new Uint8Array(0), new Uint8Array(0)],
      authenticated: true,
      complete: true,
    });
    expectGssError(() => gss.getNameAttribute(name, 'AUTH-INDICATORS'), NO_SUCH_ATTRIBUTE);
    expectGssError(() => gss.setNameAttribute(name, 'auth-indicators', ['x']), NOT_PERMITTED);
    expectGssError(() => gss.deleteNameAttribute(name, 'auth-indicators'), NO_SUCH_ATTRIBUTE);
    expect(composite(name)).toBe(
      compositeOfUser(`${int32(2)}${counted('mspac')}${int32(0)}${int32(0)}${indicators}`),
    );
  });

  test('importName reads an attribute field as MIT does: a count of 0 or less is no module', () => {
    const { gss } = realm();
    for (const attributes of [int32(0), int32(-1), `${int32(0)}ff`]) {
      const name = importComposite(compositeOfUser(attributes));
      expect(composite(name)).toBe(compositeOfUser(EMPTY_CONTEXT));
      expect(gss.inquireName(name).attrs).toEqual([]);
    }
  });

  test('importName refuses a malformed attribute field: BAD_NAME with the errno', () => {
    const cases: readonly (readonly [string, number, string])[] = [
      [`${int32(1)}${counted('foo')}${int32(0)}`, 22, 'Invalid argument'],
      // Two indicators announced, one there: the second length is missing.
      [
        `${int32(1)}${counted('authentication-indicators')}${int32(2)}${counted('otp')}`,
        12,
        'Cannot allocate memory',
      ],
      // More indicators announced than octets left.
      [
        `${int32(1)}${counted('authentication-indicators')}${int32(2)}`,
        34,
        'Numerical result out of range',
      ],
      [
        `${int32(1)}${counted('authentication-indicators')}${int32(-1)}`,
        34,
        'Numerical result out of range',
      ],
      [`${int32(1)}${counted('mspac')}${int32(0)}`, 12, 'Cannot allocate memory'],
      [
        `${int32(1)}${counted('mspac')}${int32(4)}deadbeef${int32(0)}`,
        34,
        'Numerical result out of range',
      ],
      [int32(1), 12, 'Cannot allocate memory'],
      ['000000', 12, 'Cannot allocate memory'],
    ];
    for (const [attributes, minor, message] of cases) {
      expectGssError(() => importComposite(compositeOfUser(attributes)), {
        name: 'BadNameError',
        major: GSS_S_BAD_NAME,
        minor,
        minorMessages: [message],
      });
    }
  });
});
