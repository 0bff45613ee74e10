/**
 * The sim's RFC 6680 calls against MIT krb5 1.20.1: one script of name attribute calls runs on
 * MIT's library and on a sim realm (both KRBTEST.COM, host `localhost`), and every result and
 * every error (class, major, minor, minor texts) must be the same.
 *
 * The script imports, on both, the composite export of a name MIT accepted (its ticket carries
 * MIT's PAC), so that the sim's `mspac` module meets a real PAC; the sim's own tickets have
 * none.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createSimRealm } from '../../../../src/sim/index.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import type { Name } from '../../../../src/spec/handles.js';
import { OID } from '../../../../src/spec/oid.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import type { Realm } from '../../../../src/spec/realm.js';
import { describeNative } from '../../../support/native.js';
import { type Outcome, outcome } from './name-driver.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** Results as records: bytes as hex, OIDs dotted. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return hex(value);
  if (value instanceof OID) return value.dottedForm;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
  }
  return value;
}

const record = (run: () => unknown): Outcome => {
  const result = outcome(run);
  return 'value' in result ? { value: plain(result.value) } : result;
};

const DISPLAY_TYPES: readonly OID[] = [
  NameType.hostbasedService,
  NameType.hostbasedServiceX,
  NameType.user,
  NameType.kerberosPrincipal,
  NameType.export,
  NameType.compositeExport,
  NameType.anonymous,
  NameType.machineUid,
  NameType.stringUid,
  OID.fromDotted('1.2.3.4'),
];

const ATTRIBUTES = [
  'auth-indicators',
  'AUTH-INDICATORS',
  'urn:mspac:',
  'URN:MSPAC:',
  'urn:mspac:client-info',
  'urn:MSPAC:Client-Info',
  'urn:mspac:logon-info',
  'urn:mspac:16',
  'urn:mspac:99',
  'urn:mspac:0',
  'urn:mspac:x',
  'urn:mspac:16x',
  'urn:mspac: +16',
  'urn:mspac:-1',
  'urn:mspac:4294967312',
  'urn:mspac:18446744073709551616',
  'urn:mspac:016',
  'urn:mspac:16\0junk',
  'urn:example:role',
  'urn:ietf:params:gss:local-login-user',
  '',
];

/**
 * An attribute name as a C caller passes it: a NUL follows it in memory. MIT reads a
 * `urn:mspac:<number>` name with `strtoul` and wants it to end at a NUL, looking past the
 * buffer's length; without one there, its answer depends on whatever memory follows.
 */
function attribute(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'latin1');
  return Uint8Array.from([...bytes, 0]).subarray(0, bytes.length);
}

/** The `04 02` token of `user@KRBTEST.COM` with `attributes` (hex) as its attribute data. */
function composite(attributes: string): Uint8Array {
  const head = '0402000b06092a864886f712010202000000107573657240' + '4b5242544553542e434f4d';
  return fromHex(head + (attributes.length / 2).toString(16).padStart(8, '0') + attributes);
}

const int32 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');
const counted = (text: string): string => int32(text.length) + Buffer.from(text).toString('hex');
const MSPAC_NONE = counted('mspac') + int32(0) + int32(0);
const indicators = (...values: string[]): string =>
  counted('authentication-indicators') + int32(values.length) + values.map(counted).join('');

/** Composite tokens MIT's `krb5_authdata_import_attributes` reads, well and badly formed. */
const CRAFTED: readonly (readonly [string, string])[] = [
  ['no attribute data', ''],
  ['a count of 0', int32(0)],
  ['a negative count', int32(-1)],
  ['an empty PAC module', int32(1) + MSPAC_NONE],
  ['an empty PAC marked verified', int32(1) + counted('mspac') + int32(0) + int32(1)],
  ['one indicator', int32(1) + indicators('otp')],
  ['two indicators', int32(1) + indicators('otp', 'hw')],
  ['no indicator', int32(1) + indicators()],
  ['both modules', int32(2) + MSPAC_NONE + indicators('otp')],
  ['a module twice, the last one wins', int32(2) + indicators('a') + indicators('b', 'c')],
  ['an unknown module', int32(1) + counted('foo') + int32(0)],
  ['a module name in another case', int32(1) + counted('MSPAC') + int32(0) + int32(0)],
  ['indicators cut short', int32(1) + counted('authentication-indicators') + int32(2)],
  ['a negative indicator count', int32(1) + counted('authentication-indicators') + int32(-1)],
  [
    'an indicator length past the end',
    `${int32(1) + counted('authentication-indicators') + int32(1) + int32(9)}6162`,
  ],
  ['a PAC without its verified flag', int32(1) + counted('mspac') + int32(0)],
  ['a PAC too short to parse', `${int32(1) + counted('mspac') + int32(4)}deadbeef${int32(0)}`],
  ['a PAC of version 1', `${int32(1) + counted('mspac') + int32(8)}0100000001000000${int32(1)}`],
  ['a PAC of no buffer', `${int32(1) + counted('mspac') + int32(8)}0000000000000000${int32(1)}`],
  [
    'a PAC buffer at an unaligned offset',
    `${int32(1)}${counted('mspac')}${int32(32)}0100000000000000` +
      `0a000000040000001900000000000000${'00'.repeat(8)}${int32(1)}`,
  ],
  [
    'a PAC buffer past the end',
    `${int32(1)}${counted('mspac')}${int32(32)}0100000000000000` +
      `0a000000090000001800000000000000${'00'.repeat(8)}${int32(1)}`,
  ],
  [
    'a PAC of one buffer',
    `${int32(1)}${counted('mspac')}${int32(32)}0100000000000000` +
      `0a000000050000001800000000000000${'61'.repeat(8)}${int32(1)}`,
  ],
  ['a module name length past the end', `${int32(1)}${int32(9)}6162`],
  ['a count and nothing', int32(1)],
  ['3 octets', '000000'],
  ['octets after the last module', `${int32(0)}ff`],
];

/** Everything the script does, as records, on one backend. */
function script(gss: GssApi, pacToken: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const note = (key: string, run: () => unknown) => {
    out[key] = record(run);
  };
  const user = gss.importName('user', { nameType: NameType.user });
  const canonical = () => gss.canonicalizeName(user, MechType.kerberos);
  const importComposite = (token: Uint8Array) =>
    gss.importName(token, { nameType: NameType.compositeExport });

  const names: readonly (readonly [string, () => Name])[] = [
    ['user', () => gss.importName('user', { nameType: NameType.user })],
    [
      'principal',
      () => gss.importName('user@KRBTEST.COM', { nameType: NameType.kerberosPrincipal }),
    ],
    ['host', () => gss.importName('host@localhost', { nameType: NameType.hostbasedService })],
    ['no type', () => gss.importName('user')],
    ['canonical user', canonical],
    [
      'canonical host',
      () =>
        gss.canonicalizeName(
          gss.importName('host@localhost', { nameType: NameType.hostbasedService }),
          MechType.kerberos,
        ),
    ],
    ['canonical for the old OID', () => gss.canonicalizeName(user, MechType.kerberosOld)],
    [
      'an imported export',
      () => gss.importName(gss.exportName(canonical()), { nameType: NameType.export }),
    ],
    ['a composite of a PAC', () => importComposite(pacToken)],
    ['a composite as an export', () => gss.importName(pacToken, { nameType: NameType.export })],
  ];
  for (const [label, make] of names) {
    const name = make();
    note(`${label}: display`, () => gss.displayName(name));
    note(`${label}: composite before`, () => gss.exportNameComposite(name));
    note(`${label}: inquire`, () => gss.inquireName(name));
    note(`${label}: inquire mech`, () => gss.inquireName(name, { attrs: false }));
    note(`${label}: inquire attrs`, () => gss.inquireName(name, { mechName: false }));
    note(`${label}: composite after`, () => gss.exportNameComposite(name));
    for (const type of DISPLAY_TYPES) {
      note(`${label}: as ${type.dottedForm}`, () => gss.displayNameExt(name, type));
    }
  }

  const bases: readonly (readonly [string, () => Name])[] = [
    ['canonical', canonical],
    ['PAC', () => importComposite(pacToken)],
    ['indicators', () => importComposite(composite(int32(1) + indicators('otp', 'hw')))],
    ['not an MN', () => gss.importName('user', { nameType: NameType.user })],
  ];
  for (const [label, make] of bases) {
    for (const text of ATTRIBUTES) {
      const attr = attribute(text);
      const name = make();
      const key = `${label} ${JSON.stringify(text)}`;
      note(`${key}: get`, () => gss.getNameAttribute(name, attr));
      note(`${key}: set`, () => gss.setNameAttribute(name, attr, ['v']));
      note(`${key}: set complete`, () =>
        gss.setNameAttribute(name, attr, ['w'], { complete: true }),
      );
      note(`${key}: set none`, () => gss.setNameAttribute(name, attr, []));
      note(`${key}: delete`, () => gss.deleteNameAttribute(name, attr));
      note(`${key}: inquire`, () => gss.inquireName(name));
      note(`${key}: get again`, () => gss.getNameAttribute(name, attr));
      note(`${key}: composite`, () => gss.exportNameComposite(name));
    }
  }

  const pac = importComposite(pacToken);
  const whole = gss.getNameAttribute(pac, 'urn:mspac:').values[0] ?? new Uint8Array(0);
  note('PAC: two values, the second exists', () =>
    gss.setNameAttribute(pac, attribute('urn:mspac:98'), ['first', 'second']),
  );
  note('PAC: after adding, inquire', () => gss.inquireName(pac));
  note('PAC: after adding, unverified', () => gss.getNameAttribute(pac, attribute('urn:mspac:98')));
  note('PAC: after adding, composite', () => gss.exportNameComposite(pac));
  note('PAC: a duplicate and its composite', () => gss.exportNameComposite(gss.duplicateName(pac)));
  const replaced = importComposite(pacToken);
  note('PAC: replaced by itself', () => gss.setNameAttribute(replaced, 'urn:mspac:', [whole]));
  note('PAC: replaced, inquire', () => gss.inquireName(replaced));
  note('PAC: replaced, unverified', () => gss.getNameAttribute(replaced, 'urn:mspac:'));
  note('PAC: replaced, composite', () => gss.exportNameComposite(replaced));
  note('PAC: replaced by a PAC of version 1', () =>
    gss.setNameAttribute(replaced, 'urn:mspac:', [latin1('\x01\0\0\0\x01\0\0\0')]),
  );

  const lazy = canonical();
  const before = gss.duplicateName(lazy);
  note('lazy: get makes a context', () => gss.getNameAttribute(lazy, 'x'));
  note('lazy: composite', () => gss.exportNameComposite(lazy));
  note('lazy: a duplicate made before', () => gss.exportNameComposite(before));
  note('lazy: a duplicate made after', () => gss.exportNameComposite(gss.duplicateName(lazy)));
  note('lazy: canonicalized again', () =>
    gss.exportNameComposite(gss.canonicalizeName(lazy, MechType.kerberos)),
  );
  note('lazy: canonicalized for the old OID', () =>
    gss.exportNameComposite(gss.canonicalizeName(lazy, MechType.kerberosOld)),
  );
  const empty = canonical();
  note('lazy: an empty set makes none', () => gss.setNameAttribute(empty, 'x', []));
  note('lazy: after an empty set', () => gss.exportNameComposite(empty));
  const nothing = canonical();
  note('lazy: inquire asking nothing', () =>
    gss.inquireName(nothing, { mechName: false, attrs: false }),
  );
  note('lazy: after inquire asking nothing', () => gss.exportNameComposite(nothing));

  for (const [label, attributes] of CRAFTED) {
    let name: Name | undefined;
    note(`crafted ${label}: import`, () => {
      name = importComposite(composite(attributes));
    });
    const imported = name;
    if (imported === undefined) continue;
    note(`crafted ${label}: composite before`, () => gss.exportNameComposite(imported));
    note(`crafted ${label}: inquire`, () => gss.inquireName(imported));
    note(`crafted ${label}: indicators`, () => gss.getNameAttribute(imported, 'auth-indicators'));
    note(`crafted ${label}: PAC`, () => gss.getNameAttribute(imported, 'urn:mspac:'));
    note(`crafted ${label}: composite`, () => gss.exportNameComposite(imported));
  }
  return out;
}

describeNative('RFC 6680 name attributes on the sim and on MIT', () => {
  let mit: MitRealm;
  let sim: Realm;
  let pacToken: Uint8Array;

  beforeAll(async () => {
    mit = await startMitRealm({ name: 'KRBTEST.COM', hostname: 'localhost' });
    sim = await createSimRealm({ name: 'KRBTEST.COM', hostname: 'localhost' });
    const { gss } = mit;
    const target = gss.importName('host@localhost', { nameType: NameType.hostbasedService });
    const first = gss.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');
    pacToken = gss.exportNameComposite(gss.acceptSecContext(first.token).initiatorName);
  });

  afterAll(async () => {
    await mit?.close();
    await sim?.close();
  });

  it("MIT's accepted name carries a verified PAC of client-info, ticket and KDC checksums", () => {
    const pac = mit.gss.importName(pacToken, { nameType: NameType.compositeExport });
    const attrs = mit.gss.inquireName(pac).attrs.map((attr) => Buffer.from(attr).toString());

    expect(attrs).toEqual([
      'urn:mspac:',
      'urn:mspac:client-info',
      'urn:mspac:16',
      'urn:mspac:server-checksum',
      'urn:mspac:privsvr-checksum',
    ]);
    // The PAC module's data ends with the verified flag 1; no indicators follow.
    expect(hex(pacToken).endsWith(`00000001${counted('authentication-indicators')}00000000`)).toBe(
      true,
    );
  });

  it('gives the same results and errors for every call of the script', () => {
    const ours = script(sim.gss, pacToken);
    const theirs = script(mit.gss, pacToken);

    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    for (const key of Object.keys(theirs)) expect(ours[key], key).toEqual(theirs[key]);
  });
});
