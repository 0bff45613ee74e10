/**
 * The sim's names against MIT krb5 1.20.1: the same table of imports, displays, canonical
 * forms, exports and comparisons runs on MIT's library (realm KRBTEST.COM, `localhost` in its
 * `[domain_realm]`) and on the sim's name values, and every result and every error (class,
 * major, minor, minor texts, operation) must be the same.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import type { OID } from '../../../../src/spec/oid.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';
import {
  exportToken,
  importRecord,
  machineEnvironment,
  mitDriver,
  type NameDriver,
  octetsOf,
  oidField,
  outcome,
  shown,
  simDriver,
  UNKNOWN_OID,
} from './name-driver.js';

const T = NameType;
const LOCAL = hostname();

/** Names in every printable type MIT takes, with the edge cases of each. */
const PRINTABLE: readonly (readonly [string, OID | null])[] = [
  ...[T.hostbasedService, T.hostbasedServiceX].flatMap((type) =>
    [
      'host@localhost',
      'host',
      'host@',
      'HTTP@LOCALHOST',
      'host@localhost.',
      'host@www.localhost',
      'host@other',
      'host@localhost:8080',
      'host@localhost:',
      'host@127.0.0.1',
      'host@::1',
      'host@a@b',
      '@localhost',
      'a/b@localhost',
      'host@loc\\alhost',
      'ho\0st@localhost',
      'host@\0x',
    ].map((text) => [text, type] as const),
  ),
  ...[T.user, null, T.kerberosPrincipal, T.krb5EnterpriseName].flatMap((type) =>
    [
      'user',
      'user@KRBTEST.COM',
      'user@OTHER',
      'a@b@c',
      'a@b@c@d',
      'a\\/b',
      'a\\@b',
      'a\\',
      '/',
      '@',
      'user@',
      'a/b/c',
      'a/b@c',
      'x\\n\\t\\b\\0y',
      'a\\qb',
      'user\0junk',
      '\0',
      'krbtgt/KRBTEST.COM',
      'WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS',
      'WELLKNOWN/ANONYMOUS',
      'a@b/c',
      'a@b\\/c',
      'r@RE\\@ALM',
      '\xe9t\xe9',
      'caf\xc3\xa9',
    ].map((text) => [text, type] as const),
  ),
  ['', T.user],
  ['', null],
  ['', T.hostbasedService],
  ['', T.anonymous],
  ['whatever', T.anonymous],
  ['0', T.stringUid],
  ['abc', T.stringUid],
  [' \t+0x', T.stringUid],
  ['-1', T.stringUid],
  ['4294967296', T.stringUid],
  ['18446744073709551616', T.stringUid],
  ['-9223372036854775809', T.stringUid],
  ['99999', T.stringUid],
  ['0\0' + '1', T.stringUid],
  ['user', T.machineUid],
  ['\0\0\0\0', T.machineUid],
  ['\0\0\0\0\x01', T.machineUid],
  ['cert/bytes@X', T.krb5X509Cert],
  ['c\0rt', T.krb5X509Cert],
  ['abc', T.krb5Principal],
  ['user', UNKNOWN_OID],
  ['user', T.export],
  ['user', T.compositeExport],
];

/** Exported names, well and badly formed (never with bytes after the name: MIT aborts). */
const EXPORTED: readonly (readonly [string, Uint8Array, OID])[] = [
  ['a principal', exportToken('user@KRBTEST.COM'), T.export],
  ['a principal, as a composite export', exportToken('user@KRBTEST.COM'), T.compositeExport],
  ['a principal without realm', exportToken('user'), T.export],
  ['two realms', exportToken('a@b@c'), T.export],
  ['an empty name', exportToken(''), T.export],
  ['a NUL in the name', exportToken('us\0er@X'), T.export],
  ['an escape', exportToken('a\\/b@KRBTEST.COM'), T.export],
  ['the anonymous principal', exportToken('WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS'), T.export],
  ['composite, no attributes', exportToken('u@R', { kind: 2, tail: [0, 0, 0, 0] }), T.export],
  [
    'composite, a count of 0',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 4, 0, 0, 0, 0] }),
    T.compositeExport,
  ],
  [
    'composite, a negative count',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff] }),
    T.compositeExport,
  ],
  ['composite, no attribute length', exportToken('u@R', { kind: 2 }), T.compositeExport],
  [
    'composite, 3 bytes of attributes',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 3, 1, 2, 3] }),
    T.compositeExport,
  ],
  [
    'composite, attributes cut short',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 5, 1, 2, 3] }),
    T.compositeExport,
  ],
  [
    'composite, one module without its name length',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 6, 0, 0, 0, 1, 0, 0] }),
    T.compositeExport,
  ],
  [
    'composite, a module name past the end',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 9, 0x61] }),
    T.compositeExport,
  ],
  [
    'composite, an unknown module',
    exportToken('u@R', { kind: 2, tail: [0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0x61] }),
    T.compositeExport,
  ],
  ['token id 04 03', exportToken('user', { kind: 3 }), T.export],
  ['token id 05 01', Uint8Array.from([5, ...exportToken('user').subarray(1)]), T.export],
  ['3 bytes', Uint8Array.of(4, 1, 0), T.export],
  ['no OID', Uint8Array.of(4, 1, 0, 0), T.export],
  ['an OID length and nothing', Uint8Array.of(4, 1, 0, 11), T.export],
  [
    'a wrong OID tag',
    exportToken('user', { oidField: [0x07, ...oidField(MechType.kerberos).slice(1)] }),
    T.export,
  ],
  [
    'an OID field longer than its DER',
    Uint8Array.from([4, 1, 0, 12, ...oidField(MechType.kerberos), 0, 0, 0, 0, 1, 0x41]),
    T.export,
  ],
  [
    'a long-form DER length',
    exportToken('user', { oidField: [0x06, 0x81, 9, ...MechType.kerberos.bytes] }),
    T.export,
  ],
  ['a name length past the end', exportToken('user', { nameLength: 9 }), T.export],
  ['no name length', Uint8Array.from([4, 1, 0, 11, ...oidField(MechType.kerberos)]), T.export],
  [
    'half a name length',
    Uint8Array.from([4, 1, 0, 11, ...oidField(MechType.kerberos), 0, 0]),
    T.export,
  ],
  ['an unknown mechanism', exportToken('A', { oidField: oidField(UNKNOWN_OID) }), T.export],
  ['NTLMSSP', exportToken('A', { oidField: oidField(MechType.ntlmssp) }), T.export],
  ['an empty OID', exportToken('A', { oidField: [0x06, 0] }), T.export],
];

describeNative('names on the sim and on MIT', () => {
  let realm: MitRealm;
  let mit: NameDriver<unknown>;
  let sim: NameDriver<unknown>;

  beforeAll(async () => {
    realm = await startMitRealm({ name: 'KRBTEST.COM', hostname: 'localhost' });
    mit = mitDriver(realm.gss) as NameDriver<unknown>;
    sim = simDriver(machineEnvironment(LOCAL)) as NameDriver<unknown>;
  });

  afterAll(async () => {
    await realm?.close();
  });

  const label = (text: string, type: OID | null) =>
    `${JSON.stringify(text)} as ${type === null ? 'no type' : (Object.entries(T).find(([, v]) => v.equals(type))?.[0] ?? type.dottedForm)}`;

  it('imports, displays, exports and canonicalizes every printable name as MIT does', () => {
    for (const [text, type] of PRINTABLE) {
      const input = octetsOf(text);
      expect(importRecord(sim, input, type), label(text, type)).toEqual(
        importRecord(mit, input, type),
      );
    }
  });

  it('imports every exported name as MIT does', () => {
    for (const [what, token, type] of EXPORTED) {
      expect(importRecord(sim, token, type), what).toEqual(importRecord(mit, token, type));
    }
  });

  it('compares every pair of names as MIT does', () => {
    const names = (driver: NameDriver<unknown>) => {
      const make = (text: string, type: OID | null) => driver.importName(octetsOf(text), type);
      const mn = (name: unknown, mech: OID = MechType.kerberos) =>
        driver.canonicalizeName(name, mech);
      const service = make('host@localhost', T.hostbasedService);
      return [
        service,
        make('host@localhost', T.hostbasedServiceX),
        make('host/localhost@KRBTEST.COM', T.kerberosPrincipal),
        make('host/localhost', T.kerberosPrincipal),
        make('host/localhost@KRBTEST.COM', null),
        make('host/localhost@KRBTEST.COM', T.user),
        make('host/localhost@KRBTEST.COM', UNKNOWN_OID),
        make('host/localhost@KRBTEST.COM', T.krb5EnterpriseName),
        make('host\\/localhost@KRBTEST.COM', T.krb5EnterpriseName),
        mn(service),
        mn(make('host/localhost@KRBTEST.COM', T.kerberosPrincipal)),
        mn(service, MechType.kerberosOld),
        mn(service, MechType.iakerb),
        driver.importName(driver.exportName(mn(service)), T.export),
        make('host', T.hostbasedService),
        mn(make('host', T.hostbasedService)),
        make(`host/${LOCAL}@`, T.kerberosPrincipal),
        make('', T.anonymous),
        mn(make('', T.anonymous)),
        make('WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS', T.kerberosPrincipal),
        make('0', T.stringUid),
        make('root', T.user),
        mn(make('root', T.user)),
        make('a@b@c', T.kerberosPrincipal),
        make('a@b@c', T.kerberosPrincipal),
        make('\0\0\0\0', T.machineUid),
      ];
    };
    const matrix = (driver: NameDriver<unknown>) => {
      const list = names(driver);
      return list.map((a) => list.map((b) => outcome(() => driver.compareName(a, b))));
    };

    expect(matrix(sim)).toEqual(matrix(mit));
  });

  it('canonicalizes for each mechanism OID MIT knows as krb5, and refuses others as MIT does', () => {
    const record = (driver: NameDriver<unknown>) => {
      const user = driver.importName(octetsOf('user'), T.user);
      const krb5 = driver.canonicalizeName(user, MechType.kerberos);
      return [
        MechType.kerberos,
        MechType.kerberosOld,
        MechType.kerberosWrong,
        MechType.iakerb,
        MechType.ntlmssp,
        UNKNOWN_OID,
      ].map((mech) =>
        outcome(() => {
          const name = driver.canonicalizeName(user, mech);
          const again = driver.canonicalizeName(name, MechType.kerberos);
          return {
            shown: shown(driver, name),
            exported: Buffer.from(driver.exportName(name)).toString('hex'),
            equalsKrb5: driver.compareName(name, krb5),
            equalsImported: driver.compareName(name, user),
            againEqualsKrb5: driver.compareName(again, krb5),
          };
        }),
      );
    };

    expect(record(sim)).toEqual(record(mit));
  });

  it('fails exported names of the other krb5 OIDs with BAD_NAME, as MIT does', () => {
    // MIT numbers a minor 0 once per mechanism OID, the sim once: only class and major compare.
    const status = (driver: NameDriver<unknown>) =>
      [MechType.kerberosOld, MechType.kerberosWrong, MechType.iakerb].map((mech) => {
        const result = outcome(() =>
          driver.importName(
            exportToken('user@KRBTEST.COM', { oidField: oidField(mech) }),
            T.export,
          ),
        );
        return 'error' in result ? [result.error, result.major] : result;
      });

    expect(status(sim)).toEqual(status(mit));
    expect(status(sim)).toEqual([
      ['BadNameError', 0x20000],
      ['BadNameError', 0x20000],
      ['BadNameError', 0x20000],
    ]);
  });
});
