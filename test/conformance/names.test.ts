/**
 * Names (RFC 2743 §2.4): import in each name type MIT accepts, display, compare, canonicalize
 * to a krb5 mechanism name, export in the RFC 2743 §3.2 `04 01` form, duplicate, release.
 * Every expected value was measured on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import type { OID } from '../../src/spec/oid.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import { describeConformance } from './backends.js';
import { displayed, expectGssError, expectTypeError, text } from './flows.js';

/** The DER of the krb5 mechanism OID 1.2.840.113554.1.2.2 with its `06` tag. */
const KRB5_OID_DER = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

describeConformance('names', ({ realm, test }) => {
  const importAs = (name: string | Uint8Array, nameType: OID | null) =>
    realm().gss.importName(name, { nameType });

  const canonical = (name: string | Uint8Array, nameType: OID | null) => {
    const { gss } = realm();
    const mechName = gss.canonicalizeName(importAs(name, nameType), MechType.kerberos);
    const shown = gss.displayName(mechName);
    return { text: text(shown.name), nameType: shown.nameType };
  };

  const IMPORTABLE: readonly (readonly [string, string, OID])[] = [
    ['hostbasedService', 'host@localhost', NameType.hostbasedService],
    ['hostbasedServiceX', 'host@localhost', NameType.hostbasedServiceX],
    ['user', 'user', NameType.user],
    ['kerberosPrincipal', 'user@KRBTEST.COM', NameType.kerberosPrincipal],
    ['stringUid', '0', NameType.stringUid],
    ['anonymous', '', NameType.anonymous],
    ['krb5EnterpriseName', 'user@KRBTEST.COM', NameType.krb5EnterpriseName],
  ];
  for (const [label, value, nameType] of IMPORTABLE) {
    test(`a ${label} name imports and displays as given, with its name type`, () => {
      const shown = realm().gss.displayName(importAs(value, nameType));

      expect(text(shown.name)).toBe(value);
      expect(shown.nameType?.equals(nameType)).toBe(true);
    });
  }

  test('a name imported without a name type displays without one', () => {
    const shown = realm().gss.displayName(importAs('user', null));

    expect(text(shown.name)).toBe('user');
    expect(shown.nameType).toBeNull();
  });

  test('displayName leaves out the name type when asked to', () => {
    const name = importAs('user', NameType.user);

    expect(realm().gss.displayName(name, { nameType: false }).nameType).toBeNull();
  });

  test('host@localhost canonicalizes to the host principal of the realm', () => {
    const result = canonical('host@localhost', NameType.hostbasedService);

    expect(result.text).toBe('host/localhost@KRBTEST.COM');
    expect(result.text).toBe(realm().hostPrincipal);
    expect(result.nameType?.equals(NameType.kerberosPrincipal)).toBe(true);
  });

  test('a user name and a name without type canonicalize into the default realm', () => {
    expect(canonical('user', NameType.user).text).toBe('user@KRBTEST.COM');
    expect(canonical('user', null).text).toBe('user@KRBTEST.COM');
  });

  test('the anonymous name canonicalizes to WELLKNOWN/ANONYMOUS and keeps its type', () => {
    const result = canonical('', NameType.anonymous);

    expect(result.text).toBe('WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS');
    expect(result.nameType?.equals(NameType.anonymous)).toBe(true);
  });

  test('an enterprise name canonicalizes to an escaped principal in the default realm', () => {
    const result = canonical('user@KRBTEST.COM', NameType.krb5EnterpriseName);

    expect(result.text).toBe('user\\@KRBTEST.COM@KRBTEST.COM');
    expect(result.nameType?.equals(NameType.kerberosPrincipal)).toBe(true);
  });

  test('a principal with two realms imports but fails to canonicalize', () => {
    const name = importAs('a@b@c', NameType.kerberosPrincipal);

    expectGssError(() => realm().gss.canonicalizeName(name, MechType.kerberos), {
      name: 'GssError',
      major: 0xd0000,
      minor: 2529639046,
      minorMessages: ['Malformed representation of principal'],
    });
  });

  test('a machine uid that resolves to no user fails to canonicalize', () => {
    const name = importAs(new Uint8Array([0x75, 0x73, 0x65, 0x72]), NameType.machineUid);

    expectGssError(() => realm().gss.canonicalizeName(name, MechType.kerberos), {
      name: 'BadNameError',
      major: 0x20000,
      minor: 2249944322,
      minorMessages: ['UID does not resolve to username'],
    });
  });

  test('compareName tells the same principal from a different one', () => {
    const { gss } = realm();
    const host = importAs('host/localhost@KRBTEST.COM', NameType.kerberosPrincipal);

    expect(
      gss.compareName(host, importAs('host/localhost@KRBTEST.COM', NameType.kerberosPrincipal)),
    ).toBe(true);
    expect(gss.compareName(host, importAs('user@KRBTEST.COM', NameType.kerberosPrincipal))).toBe(
      false,
    );
  });

  test('names of different types are unequal until one side is canonical', () => {
    const { gss } = realm();
    const service = importAs('host@localhost', NameType.hostbasedService);
    const principal = importAs('host/localhost@KRBTEST.COM', NameType.kerberosPrincipal);
    const untyped = importAs('host/localhost@KRBTEST.COM', null);

    expect(gss.compareName(service, principal)).toBe(false);
    expect(gss.compareName(principal, untyped)).toBe(false);
    expect(gss.compareName(gss.canonicalizeName(untyped, MechType.kerberos), principal)).toBe(true);
    expect(gss.compareName(gss.canonicalizeName(service, MechType.kerberos), principal)).toBe(true);
    expect(gss.compareName(service, gss.canonicalizeName(principal, MechType.kerberos))).toBe(true);
  });

  test('an exported name is 04 01, the krb5 OID in DER, a 4-byte length and the name', () => {
    const { gss } = realm();
    const service = importAs('host@localhost', NameType.hostbasedService);
    const mechName = gss.canonicalizeName(service, MechType.kerberos);
    const exported = gss.exportName(mechName);
    const principal = new TextEncoder().encode('host/localhost@KRBTEST.COM');
    const view = new DataView(exported.buffer, exported.byteOffset, exported.byteLength);

    expect([...exported.subarray(0, 2)]).toEqual([0x04, 0x01]);
    expect(view.getUint16(2)).toBe(KRB5_OID_DER.length);
    expect([...exported.subarray(4, 4 + KRB5_OID_DER.length)]).toEqual(KRB5_OID_DER);
    expect(view.getUint32(4 + KRB5_OID_DER.length)).toBe(principal.length);
    expect([...exported.subarray(8 + KRB5_OID_DER.length)]).toEqual([...principal]);
  });

  test('a name that is not a mechanism name cannot be exported', () => {
    const name = importAs('host@localhost', NameType.hostbasedService);

    expectGssError(() => realm().gss.exportName(name), {
      name: 'MechanismNameRequiredError',
      major: 0x120000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('an exported name imports back as an equal krb5 principal', () => {
    const { gss } = realm();
    const mechName = gss.canonicalizeName(importAs('user', NameType.user), MechType.kerberos);
    const back = gss.importName(gss.exportName(mechName), { nameType: NameType.export });

    expect(gss.compareName(back, mechName)).toBe(true);
    expect(displayed(realm(), back)).toBe('user@KRBTEST.COM');
    expect(gss.displayName(back).nameType?.equals(NameType.kerberosPrincipal)).toBe(true);
  });

  test('a truncated exported name is an invalid token', () => {
    expectGssError(() => importAs(new Uint8Array([0x04, 0x01, 0x00, 0x00]), NameType.export), {
      name: 'InvalidTokenError',
      major: 0x90000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('an exported name of an unknown mechanism is a bad mechanism', () => {
    const unknownMech = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x03];
    const token = new Uint8Array([0x04, 0x01, 0x00, 0x0b, ...unknownMech, 0, 0, 0, 1, 0x41]);

    expectGssError(() => importAs(token, NameType.export), {
      name: 'BadMechanismError',
      major: 0x10000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('names imported without a type compare by their text, both ways round', () => {
    const { gss } = realm();
    const first = importAs('host', null);
    const second = importAs('host', null);
    const principal = importAs('user', NameType.kerberosPrincipal);

    expect(gss.compareName(first, second)).toBe(true);
    expect(gss.compareName(second, first)).toBe(true);
    expect(gss.compareName(first, principal)).toBe(false);
    expect(gss.compareName(principal, first)).toBe(false);
    expect(displayed(realm(), first)).toBe('host');
    expect(canonical('host', null).text).toBe('host@KRBTEST.COM');
    for (const name of [first, second, principal]) gss.releaseName(name);
  });

  test('a duplicate equals its original and outlives its release', () => {
    const { gss } = realm();
    const original = gss.canonicalizeName(importAs('user', NameType.user), MechType.kerberos);
    const copy = gss.duplicateName(original);

    expect(gss.compareName(copy, original)).toBe(true);
    gss.releaseName(original);
    expect(displayed(realm(), copy)).toBe('user@KRBTEST.COM');
  });

  test('a released name is a TypeError everywhere, releasing again included', () => {
    const { gss } = realm();
    const name = importAs('user', NameType.user);
    const other = importAs('user', NameType.user);
    gss.releaseName(name);

    expectTypeError(() => gss.displayName(name));
    expectTypeError(() => gss.compareName(name, other));
    expectTypeError(() => gss.canonicalizeName(name, MechType.kerberos));
    expectTypeError(() => gss.duplicateName(name));
    expectTypeError(() => gss.exportName(name));
    expectTypeError(() => gss.releaseName(name));
  });
});
