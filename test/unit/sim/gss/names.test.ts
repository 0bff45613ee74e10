/**
 * The sim's name values (`name-value.ts`): every expected value was measured on MIT krb5
 * 1.20.1 (Debian 12) with realm KRBTEST.COM and `localhost` in `[domain_realm]`;
 * `names-mit.test.ts` runs the same calls against MIT where it is installed.
 */
import { describe, expect, it } from 'vitest';
import { MinorMap } from '../../../../src/sim/gss/minor-map.js';
import {
  acceptorPrincipalOfNameValue,
  canonicalizeNameValue,
  compareNameValues,
  displayNameValue,
  exportNameValue,
  importNameValue,
  isMechNameValue,
  mechNameValue,
  type NameEnvironment,
  partyNameEnvironment,
  principalOfNameValue,
  rootOnlyUsers,
  type SimNameValue,
} from '../../../../src/sim/gss/name-value.js';
import { GssError } from '../../../../src/spec/errors.js';
import type { OID } from '../../../../src/spec/oid.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import { exportToken, octetsOf, oidField, UNKNOWN_OID } from './name-driver.js';

const T = NameType;
const REALM = 'KRBTEST.COM';
const ENV: NameEnvironment = { defaultRealm: REALM, hostname: 'localhost' };

const named = (text: string, type: OID | null, env: NameEnvironment = ENV) =>
  importNameValue(octetsOf(text), type, env);
const shown = (value: SimNameValue) => {
  const result = displayNameValue(value);
  return [Buffer.from(result.name).toString('latin1'), result.nameType?.dottedForm ?? null];
};
const canonical = (text: string, type: OID | null, env: NameEnvironment = ENV) =>
  shown(canonicalizeNameValue(named(text, type, env), env));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The error `run` throws, as class, major, minor, texts and operation. */
function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    return [error.name, error.major, error.minor, error.minorMessages, error.operation];
  }
  throw new Error('expected a GssError, got none');
}

const KRB5_PRINCIPAL = T.kerberosPrincipal.dottedForm;
const ANONYMOUS = T.anonymous.dottedForm;

describe('importNameValue and displayNameValue', () => {
  it.each([
    ['host@localhost', T.hostbasedService],
    ['host@localhost', T.hostbasedServiceX],
    ['user', T.user],
    ['user@KRBTEST.COM', T.kerberosPrincipal],
    ['0', T.stringUid],
    ['', T.anonymous],
    ['user@KRBTEST.COM', T.krb5EnterpriseName],
    ['a@b@c', T.kerberosPrincipal],
    ['user', UNKNOWN_OID],
  ])('a printable name %j displays as given with the type it came with', (text, type) => {
    const value = named(text, type);

    expect(shown(value)).toEqual([text, type.dottedForm]);
    expect(isMechNameValue(value)).toBe(false);
  });

  it('a name without a type displays without one', () => {
    expect(shown(named('user', null))).toEqual(['user', null]);
  });

  it('keeps every byte of what it was given, NULs and non-UTF-8 included', () => {
    expect(shown(named('a\0b\xff', T.user))).toEqual(['a\0b\xff', T.user.dottedForm]);
  });

  it.each([[T.user], [null], [T.hostbasedService], [T.export]])(
    'refuses an empty name of type %s as BAD_NAME, minor 0',
    (type) => {
      expect(failure(() => named('', type))).toEqual([
        'BadNameError',
        0x20000,
        0,
        ['Unknown error'],
        'importName',
      ]);
    },
  );

  it('a value is frozen', () => {
    const value = canonicalizeNameValue(named('host@localhost', T.hostbasedService), ENV);

    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.mechName?.name.principal.components)).toBe(true);
  });
});

describe('canonicalizeNameValue', () => {
  it.each([
    ['host@localhost', T.hostbasedService, 'host/localhost@KRBTEST.COM'],
    ['host@localhost', T.hostbasedServiceX, 'host/localhost@KRBTEST.COM'],
    ['HTTP@LOCALHOST', T.hostbasedService, 'HTTP/localhost@KRBTEST.COM'],
    ['host@localhost.', T.hostbasedService, 'host/localhost@KRBTEST.COM'],
    ['host@www.localhost', T.hostbasedService, 'host/www.localhost@KRBTEST.COM'],
    ['host@localhost:8080', T.hostbasedService, 'host/localhost:8080@KRBTEST.COM'],
    ['host@localhost:', T.hostbasedService, 'host/localhost:@'],
    ['host@other', T.hostbasedService, 'host/other@'],
    ['host@::1', T.hostbasedService, 'host/::1@'],
    ['host@a@b', T.hostbasedService, 'host/a\\@b@'],
    ['@localhost', T.hostbasedService, '/localhost@KRBTEST.COM'],
    ['a/b@localhost', T.hostbasedService, 'a\\/b/localhost@KRBTEST.COM'],
    ['ho\0st@localhost', T.hostbasedService, 'ho/localhost@KRBTEST.COM'],
    ['user', T.user, 'user@KRBTEST.COM'],
    ['user', null, 'user@KRBTEST.COM'],
    ['user@OTHER', T.kerberosPrincipal, 'user@OTHER'],
    ['user@', T.kerberosPrincipal, 'user@'],
    ['@', T.user, '@'],
    ['/', T.user, '/@KRBTEST.COM'],
    ['a\\/b', T.kerberosPrincipal, 'a\\/b@KRBTEST.COM'],
    ['a\\qb', T.kerberosPrincipal, 'aqb@KRBTEST.COM'],
    ['x\\n\\t\\b\\0y', T.kerberosPrincipal, 'x\\n\\t\\b\\0y@KRBTEST.COM'],
    ['a@b\\/c', T.kerberosPrincipal, 'a@b\\/c'],
    ['user\0junk', T.kerberosPrincipal, 'user@KRBTEST.COM'],
    ['user@KRBTEST.COM', T.krb5EnterpriseName, 'user\\@KRBTEST.COM@KRBTEST.COM'],
    ['a@b@c', T.krb5EnterpriseName, 'a\\@b@c'],
    ['a/b@c', T.krb5EnterpriseName, 'a\\/b\\@c@KRBTEST.COM'],
    ['0', T.stringUid, 'root@KRBTEST.COM'],
    ['abc', T.stringUid, 'root@KRBTEST.COM'],
    ['4294967296', T.stringUid, 'root@KRBTEST.COM'],
    ['\0\0\0\0', T.machineUid, 'root@KRBTEST.COM'],
    ['cert/bytes@X', T.krb5X509Cert, 'cert\\/bytes\\@X@'],
  ])('%j of type %s is %j with type krb5 principal', (text, type, expected) => {
    expect(canonical(text, type)).toEqual([expected, KRB5_PRINCIPAL]);
  });

  it.each([
    ['', T.anonymous],
    ['whatever', T.anonymous],
    ['WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS', T.kerberosPrincipal],
    ['WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS', null],
  ])('%j of type %s is the anonymous principal with the anonymous type', (text, type) => {
    expect(canonical(text, type)).toEqual(['WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS', ANONYMOUS]);
  });

  it('WELLKNOWN/ANONYMOUS of the default realm is not the anonymous principal', () => {
    expect(canonical('WELLKNOWN/ANONYMOUS', T.kerberosPrincipal)).toEqual([
      'WELLKNOWN/ANONYMOUS@KRBTEST.COM',
      KRB5_PRINCIPAL,
    ]);
  });

  it('a host-based name without a host gets the local host name', () => {
    const env = { ...ENV, localHostname: 'Build.Example.' };

    expect(canonical('host', T.hostbasedService, env)).toEqual([
      'host/build.example@',
      KRB5_PRINCIPAL,
    ]);
    expect(canonical('host@', T.hostbasedService, env)).toEqual([
      'host/build.example@',
      KRB5_PRINCIPAL,
    ]);
    expect(canonical('host', T.hostbasedService)).toEqual([
      'host/localhost@KRBTEST.COM',
      KRB5_PRINCIPAL,
    ]);
  });

  it('a numeric address is never looked up in [domain_realm]', () => {
    const env = { ...ENV, hostname: '127.0.0.1' };

    expect(canonical('host@127.0.0.1', T.hostbasedService, env)).toEqual([
      'host/127.0.0.1@',
      KRB5_PRINCIPAL,
    ]);
  });

  it.each([
    ['a@b@c', T.kerberosPrincipal],
    ['a@b/c', T.user],
    ['a\\', null],
    ['a@b@c@d', T.krb5EnterpriseName],
  ])('%j of type %s is a malformed principal', (text, type) => {
    expect(failure(() => canonicalizeNameValue(named(text, type), ENV))).toEqual([
      'GssError',
      0xd0000,
      2529639046,
      ['Malformed representation of principal'],
      'canonicalizeName',
    ]);
  });

  it.each([
    ['user', T.machineUid],
    ['-1', T.stringUid],
    ['1000', T.stringUid],
  ])('the uid of %j (type %s) resolves to no user of the sim', (text, type) => {
    expect(failure(() => canonicalizeNameValue(named(text, type), ENV))).toEqual([
      'BadNameError',
      0x20000,
      2249944322,
      ['UID does not resolve to username'],
      'canonicalizeName',
    ]);
  });

  it('resolves uids through the environment', () => {
    const env = { ...ENV, userOfUid: (uid: number) => (uid === 1000 ? 'alice' : undefined) };

    expect(canonical('1000', T.stringUid, env)).toEqual(['alice@KRBTEST.COM', KRB5_PRINCIPAL]);
    expect(canonical('\xe8\x03\0\0', T.machineUid, env)).toEqual([
      'alice@KRBTEST.COM',
      KRB5_PRINCIPAL,
    ]);
    expect(rootOnlyUsers(0)).toBe('root');
    expect(rootOnlyUsers(1)).toBeUndefined();
  });

  it('refuses a C krb5_principal name as a buffer of the wrong size', () => {
    expect(failure(() => canonicalizeNameValue(named('12345678', T.krb5Principal), ENV))).toEqual([
      'BadNameError',
      0x20000,
      2249944326,
      ['Buffer is the wrong size'],
      'canonicalizeName',
    ]);
  });

  it('refuses an unknown name type with a mechanism minor 0, mapped by the minor map', () => {
    const minors = new MinorMap();
    const name = named('user', UNKNOWN_OID);
    const expected = ['BadNameTypeError', 0x30000, 100001, ['Success'], 'canonicalizeName'];

    expect(failure(() => canonicalizeNameValue(name, { ...ENV, minors }))).toEqual(expected);
    expect(failure(() => canonicalizeNameValue(name, { ...ENV, minors }))).toEqual(expected);
    expect(failure(() => canonicalizeNameValue(name, ENV))).toEqual([
      'BadNameTypeError',
      0x30000,
      0,
      ['Success'],
      'canonicalizeName',
    ]);
  });

  it('takes the krb5 OIDs MIT registers, and no other mechanism', () => {
    const user = named('user', T.user);
    const krb5 = canonicalizeNameValue(user, ENV);

    for (const mech of [MechType.kerberosOld, MechType.kerberosWrong, MechType.iakerb]) {
      const other = canonicalizeNameValue(user, ENV, mech);
      expect(shown(other)).toEqual(['user@KRBTEST.COM', KRB5_PRINCIPAL]);
      expect(compareNameValues(other, krb5, ENV)).toBe(false);
      expect(compareNameValues(other, user, ENV)).toBe(true);
      expect(exportNameValue(other)).toEqual(exportNameValue(krb5));
      expect(compareNameValues(canonicalizeNameValue(other, ENV), krb5, ENV)).toBe(true);
    }
    for (const mech of [MechType.spnego, MechType.ntlmssp, UNKNOWN_OID]) {
      expect(failure(() => canonicalizeNameValue(user, ENV, mech))).toEqual([
        'BadMechanismError',
        0x10000,
        0,
        ['Unknown error'],
        'canonicalizeName',
      ]);
    }
  });

  it('keeps what the name was imported as, and takes a realm name as the environment', () => {
    const value = canonicalizeNameValue(named('user', T.user), REALM);

    expect(value.external).toBe('user');
    expect(value.nameType?.equals(T.user)).toBe(true);
    expect(shown(value)).toEqual(['user@KRBTEST.COM', KRB5_PRINCIPAL]);
  });
});

describe('compareNameValues', () => {
  const service = () => named('host@localhost', T.hostbasedService);
  const principal = () => named('host/localhost@KRBTEST.COM', T.kerberosPrincipal);

  it('tells the same principal from a different one', () => {
    expect(compareNameValues(principal(), principal(), ENV)).toBe(true);
    expect(
      compareNameValues(principal(), named('user@KRBTEST.COM', T.kerberosPrincipal), ENV),
    ).toBe(false);
  });

  it('finds names of different types unequal until one side is canonical', () => {
    const untyped = named('host/localhost@KRBTEST.COM', null);

    expect(compareNameValues(service(), principal(), ENV)).toBe(false);
    expect(compareNameValues(principal(), untyped, ENV)).toBe(false);
    expect(compareNameValues(named('host@localhost', T.hostbasedServiceX), service(), ENV)).toBe(
      false,
    );
    expect(compareNameValues(canonicalizeNameValue(untyped, ENV), principal(), ENV)).toBe(true);
    expect(compareNameValues(canonicalizeNameValue(service(), ENV), principal(), ENV)).toBe(true);
    expect(compareNameValues(service(), canonicalizeNameValue(principal(), ENV), ENV)).toBe(true);
  });

  it('compares printable names by their bytes, even ones that do not parse', () => {
    expect(compareNameValues(named('a@b@c', null), named('a@b@c', null), ENV)).toBe(true);
    expect(compareNameValues(named('user', T.user), named('user ', T.user), ENV)).toBe(false);
  });

  it('finds a name that fails to import unequal to a mechanism name, without an error', () => {
    const mechName = canonicalizeNameValue(principal(), ENV);

    expect(compareNameValues(mechName, named('a@b@c', T.kerberosPrincipal), ENV)).toBe(false);
    expect(compareNameValues(named('user', UNKNOWN_OID), mechName, ENV)).toBe(false);
  });

  it('ignores the Kerberos name type: a host-based name equals the same principal', () => {
    const root = canonicalizeNameValue(named('root', T.user), ENV);

    expect(compareNameValues(root, named('0', T.stringUid), ENV)).toBe(true);
    expect(compareNameValues(canonicalizeNameValue(service(), ENV), principal(), ENV)).toBe(true);
  });
});

describe('exportNameValue', () => {
  it('writes 04 01, the krb5 OID in DER, a 4-byte length and the principal', () => {
    const exported = exportNameValue(
      canonicalizeNameValue(named('host@localhost', T.hostbasedService), ENV),
    );

    expect(hex(exported)).toBe(
      `0401000b06092a864886f7120102020000001a${Buffer.from('host/localhost@KRBTEST.COM').toString('hex')}`,
    );
  });

  it('refuses a name that is not a mechanism name', () => {
    expect(failure(() => exportNameValue(named('host@localhost', T.hostbasedService)))).toEqual([
      'MechanismNameRequiredError',
      0x120000,
      0,
      ['Unknown error'],
      'exportName',
    ]);
  });
});

describe('importNameValue of an exported name', () => {
  const imported = (token: Uint8Array, type: OID = T.export) => importNameValue(token, type, ENV);

  it('imports back as a mechanism name equal to the original', () => {
    const original = canonicalizeNameValue(named('user', T.user), ENV);
    const back = imported(exportNameValue(original));

    expect(isMechNameValue(back)).toBe(true);
    expect(compareNameValues(back, original, ENV)).toBe(true);
    expect(shown(back)).toEqual(['user@KRBTEST.COM', KRB5_PRINCIPAL]);
    expect(exportNameValue(back)).toEqual(exportNameValue(original));
  });

  it.each([
    ['user', 'user@KRBTEST.COM'],
    ['', '@KRBTEST.COM'],
    ['us\0er@X', 'us@KRBTEST.COM'],
    ['WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS', 'WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS'],
  ])('reads the name %j as a principal, %j', (text, expected) => {
    expect(shown(imported(exportToken(text)))[0]).toBe(expected);
  });

  it('takes a composite token without attributes under either name type', () => {
    const token = exportToken('u@R', { kind: 2, tail: [0, 0, 0, 0] });

    expect(shown(imported(token))).toEqual(['u@R', KRB5_PRINCIPAL]);
    expect(shown(imported(token, T.compositeExport))).toEqual(['u@R', KRB5_PRINCIPAL]);
  });

  it.each([
    ['4 bytes', Uint8Array.of(4, 1, 0, 0)],
    ['token id 04 03', exportToken('user', { kind: 3 })],
    [
      'a wrong OID tag',
      exportToken('A', { oidField: [0x07, ...oidField(MechType.kerberos).slice(1)] }),
    ],
    ['no name length', Uint8Array.from([4, 1, 0, 11, ...oidField(MechType.kerberos)])],
  ])('refuses %s as an invalid token', (_what, token) => {
    expect(failure(() => imported(token))).toEqual([
      'InvalidTokenError',
      0x90000,
      0,
      ['Unknown error'],
      'importName',
    ]);
  });

  it.each([
    ['an unknown mechanism', oidField(UNKNOWN_OID)],
    ['NTLMSSP', oidField(MechType.ntlmssp)],
    // A deviation: MIT makes a SPNEGO name of it; the sim has no SPNEGO.
    ['SPNEGO', oidField(MechType.spnego)],
  ])('refuses %s as a bad mechanism', (_what, field) => {
    expect(failure(() => imported(exportToken('A', { oidField: field })))).toEqual([
      'BadMechanismError',
      0x10000,
      0,
      ['Unknown error'],
      'importName',
    ]);
  });

  it.each([
    ['a name length past the end', exportToken('user', { nameLength: 9 })],
    [
      'a long-form OID length',
      exportToken('u', { oidField: [0x06, 0x81, 9, ...MechType.kerberos.bytes] }),
    ],
    ['the pre-RFC krb5 OID', exportToken('u', { oidField: oidField(MechType.kerberosOld) })],
    ['attributes cut short', exportToken('u@R', { kind: 2, tail: [0, 0, 0, 5, 1, 2, 3] })],
    // A deviation: MIT aborts the process on bytes after the name (an assertion).
    ['a byte after the name', exportToken('u@R', { tail: [0x41] })],
  ])('refuses %s as a bad name, mechanism minor 0', (_what, token) => {
    const minors = new MinorMap();

    expect(failure(() => importNameValue(token, T.export, { ...ENV, minors }))).toEqual([
      'BadNameError',
      0x20000,
      100001,
      ['Success'],
      'importName',
    ]);
  });

  it.each([
    ['3 bytes of attributes', [0, 0, 0, 3, 1, 2, 3], 12, 'Cannot allocate memory'],
    ['an attribute module', [0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0x61], 22, 'Invalid argument'],
  ])('refuses a composite name with %s as MIT does', (_what, tail, minor, text) => {
    const token = exportToken('u@R', { kind: 2, tail });

    expect(failure(() => imported(token, T.compositeExport))).toEqual([
      'BadNameError',
      0x20000,
      minor,
      [text],
      'importName',
    ]);
  });

  it('refuses a principal that does not parse', () => {
    expect(failure(() => imported(exportToken('a@b@c')))[2]).toBe(2529639046);
  });
});

describe('principalOfNameValue', () => {
  it('gives a host-based name its realm from [domain_realm], or the referral realm', () => {
    expect(principalOfNameValue(named('host@localhost', T.hostbasedService), ENV)).toEqual({
      realm: REALM,
      name: { nameType: 3, nameString: ['host', 'localhost'] },
    });
    expect(principalOfNameValue(named('HTTP@other', T.hostbasedService), ENV)).toEqual({
      realm: '',
      name: { nameType: 3, nameString: ['HTTP', 'other'] },
    });
  });

  it('gives each kind of name its Kerberos name type', () => {
    const typeOf = (text: string, type: OID | null) =>
      principalOfNameValue(named(text, type), ENV).name.nameType;

    expect(typeOf('user', T.user)).toBe(1);
    expect(typeOf('krbtgt/KRBTEST.COM', T.kerberosPrincipal)).toBe(2);
    expect(typeOf('a@b', T.krb5EnterpriseName)).toBe(10);
    expect(typeOf('', T.anonymous)).toBe(11);
  });

  it('decodes the principal as UTF-8 text', () => {
    expect(principalOfNameValue(named('caf\xc3\xa9', T.user), ENV).name.nameString).toEqual([
      'café',
    ]);
  });

  it('fails as canonicalize does, in the operation it is asked for', () => {
    expect(failure(() => principalOfNameValue(named('a@b@c', T.user), ENV, 'acquireCred'))).toEqual(
      ['GssError', 0xd0000, 2529639046, ['Malformed representation of principal'], 'acquireCred'],
    );
  });

  it('gives an acceptor any host and realm for a host-based name without a host', () => {
    const acceptor = (text: string, type: OID) =>
      acceptorPrincipalOfNameValue(named(text, type), ENV);

    expect(acceptor('host', T.hostbasedService)).toEqual({
      realm: '',
      name: { nameType: 3, nameString: ['host', ''] },
    });
    expect(acceptor('host@LocalHost', T.hostbasedService)).toEqual({
      realm: '',
      name: { nameType: 3, nameString: ['host', 'localhost'] },
    });
    expect(acceptor('host/localhost', T.kerberosPrincipal)).toEqual({
      realm: REALM,
      name: { nameType: 1, nameString: ['host', 'localhost'] },
    });
  });
});

describe('mechNameValue', () => {
  it('is a mechanism name that displays, exports and compares as the principal', () => {
    const value = mechNameValue({ realm: REALM, name: { nameType: 1, nameString: ['user'] } });

    expect(shown(value)).toEqual(['user@KRBTEST.COM', KRB5_PRINCIPAL]);
    expect(exportNameValue(value)).toEqual(
      exportNameValue(canonicalizeNameValue(named('user', T.user), ENV)),
    );
    expect(compareNameValues(value, named('user', T.user), ENV)).toBe(true);
    expect(compareNameValues(value, named('user', null), ENV)).toBe(true);
  });

  it('shows the anonymous principal with the anonymous type', () => {
    const value = mechNameValue({
      realm: 'WELLKNOWN:ANONYMOUS',
      name: { nameType: 11, nameString: ['WELLKNOWN', 'ANONYMOUS'] },
    });

    expect(shown(value)).toEqual(['WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS', ANONYMOUS]);
    expect(value.nameType?.equals(T.anonymous)).toBe(true);
  });

  it('quotes what krb5_unparse_name quotes', () => {
    const value = mechNameValue({ realm: 'R@', name: { nameType: 1, nameString: ['a/b', 'c\n'] } });

    expect(shown(value)[0]).toBe('a\\/b/c\\n@R\\@');
  });
});

describe('partyNameEnvironment', () => {
  it("takes a party's realm, host and minor map", () => {
    const minors = new MinorMap();
    const env = partyNameEnvironment({ realm: { name: 'EXAMPLE.ORG', hostname: 'svc' }, minors });

    expect(canonical('host', T.hostbasedService, env)).toEqual([
      'host/svc@EXAMPLE.ORG',
      KRB5_PRINCIPAL,
    ]);
    expect(failure(() => canonicalizeNameValue(named('u', UNKNOWN_OID), env))[2]).toBe(100001);
  });
});
