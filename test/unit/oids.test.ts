import { describe, expect, it } from 'vitest';
import type { OID } from '../../src/spec/oid.js';
import { ExtensionOid, MechAttr, MechType, NameType } from '../../src/spec/oids.js';

const hex = (oid: OID) => Buffer.from(oid.bytes).toString('hex');

describe('well-known OIDs', () => {
  it('have the DER bytes MIT krb5 1.20 compiles in for the mechanisms', () => {
    expect(hex(MechType.kerberos)).toBe('2a864886f712010202');
    expect(hex(MechType.kerberosOld)).toBe('2b05010502');
    expect(hex(MechType.kerberosWrong)).toBe('2a864882f712010202');
    expect(hex(MechType.iakerb)).toBe('2b0601050205');
    expect(hex(MechType.spnego)).toBe('2b0601050502');
  });

  it('have the DER bytes MIT krb5 1.20 compiles in for the name types', () => {
    expect(hex(NameType.user)).toBe('2a864886f712010201' + '01');
    expect(hex(NameType.machineUid)).toBe('2a864886f71201020102');
    expect(hex(NameType.stringUid)).toBe('2a864886f71201020103');
    expect(hex(NameType.hostbasedService)).toBe('2a864886f71201020104');
    expect(hex(NameType.hostbasedServiceX)).toBe('2b0601050602');
    expect(hex(NameType.anonymous)).toBe('2b0601050603');
    expect(hex(NameType.export)).toBe('2b0601050604');
    expect(hex(NameType.compositeExport)).toBe('2b0601050606');
    expect(hex(NameType.kerberosPrincipal)).toBe('2a864886f71201020201');
    expect(NameType.krb5NtPrincipalName.equals(NameType.kerberosPrincipal)).toBe(true);
  });

  it('number the RFC 5587 attributes 1.3.6.1.5.5.13.1 to .27 in MIT order', () => {
    const names = Object.keys(MechAttr).filter((name) => name !== 'GSS_C_MA_NEGOEX_AND_SPNEGO');

    expect(names).toHaveLength(27);
    names.forEach((name, index) => {
      expect(MechAttr[name as keyof typeof MechAttr].dottedForm).toBe(
        `1.3.6.1.5.5.13.${index + 1}`,
      );
    });
  });

  it('have the krb5 extension OIDs of gssapiP_krb5.h', () => {
    expect(hex(ExtensionOid.inqSspiSessionKey)).toBe('2a864886f71201020205' + '05');
    expect(hex(ExtensionOid.krb5CredNoCiFlagsX)).toBe('2a85702b0d1d');
    expect(hex(ExtensionOid.krb5GetCredImpersonator)).toBe('2a864886f7120102020' + '50e');
    expect(ExtensionOid.krb5ExportLucidSecContext.dottedForm).toBe('1.2.840.113554.1.2.2.5.6');
  });

  it('are all distinct except the reference alias of the krb5 principal name type', () => {
    const all = [
      ...Object.values(MechType),
      ...Object.values(NameType),
      ...Object.values(MechAttr),
      ...Object.values(ExtensionOid),
    ];
    const dotted = new Set(all.map((oid) => oid.dottedForm));

    expect(dotted.size).toBe(all.length - 1);
  });
});
