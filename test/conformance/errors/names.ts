/**
 * Catalogue situations of names and mechanisms: unknown name types, empty and malformed
 * names, exported names, unknown mechanisms. Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { OID } from '../../../src/spec/oid.js';
import { MechType, NameType } from '../../../src/spec/oids.js';
import {
  GSS_S_BAD_MECH,
  GSS_S_BAD_NAME,
  GSS_S_BAD_NAMETYPE,
  GSS_S_FAILURE,
  GSS_S_NAME_NOT_MN,
} from '../../../src/spec/status.js';
import { hostTarget } from '../flows.js';
import { bare, krb5, mapped, principal, type Situation } from './catalogue.js';

/** A mechanism and a name type no implementation knows. */
const UNKNOWN_MECH = OID.fromDotted('1.2.3.4.5');
const UNKNOWN_NAME_TYPE = OID.fromDotted('1.2.3.4.5.6');

/** The name and mechanism situations. */
export const NAME_SITUATIONS: readonly Situation[] = [
  {
    name: 'a name of an unknown name type imports but does not canonicalize',
    expected: mapped('BadNameTypeError', GSS_S_BAD_NAMETYPE),
    token: 'none',
    arrange: ({ gss }) => {
      const name = gss.importName('foo', { nameType: UNKNOWN_NAME_TYPE });
      return () => gss.canonicalizeName(name, MechType.kerberos);
    },
  },
  {
    name: 'a name of an unknown name type is a bad name type as a target',
    expected: mapped('BadNameTypeError', GSS_S_BAD_NAMETYPE),
    token: 'none',
    arrange: ({ gss }) => {
      const name = gss.importName('foo', { nameType: UNKNOWN_NAME_TYPE });
      return () => gss.initSecContext(name);
    },
  },
  {
    name: "a name of an unknown name type is a bad name as a credential's name",
    expected: mapped('BadNameError', GSS_S_BAD_NAME),
    token: 'none',
    arrange: ({ gss }) => {
      const name = gss.importName('foo', { nameType: UNKNOWN_NAME_TYPE });
      return () => gss.acquireCred({ name, usage: 'initiate' });
    },
  },
  {
    name: 'an empty principal name does not import',
    expected: bare('BadNameError', GSS_S_BAD_NAME),
    token: 'none',
    arrange: ({ gss }) => {
      return () => gss.importName('', { nameType: NameType.kerberosPrincipal });
    },
  },
  {
    name: 'a malformed principal as a target fails at the initiator',
    expected: krb5('GssError', GSS_S_FAILURE, 2529639046, 'Malformed representation of principal'),
    token: 'none',
    arrange: ({ gss }) => {
      const name = principal(gss, 'a@b@c');
      return () => gss.initSecContext(name);
    },
  },
  {
    name: "a malformed principal as a credential's name is a bad name",
    expected: krb5(
      'BadNameError',
      GSS_S_BAD_NAME,
      2529639046,
      'Malformed representation of principal',
    ),
    token: 'none',
    arrange: ({ gss }) => {
      const name = principal(gss, 'a@b@c');
      return () => gss.acquireCred({ name, usage: 'initiate' });
    },
  },
  {
    name: 'a name that is not a mechanism name cannot be exported',
    expected: bare('MechanismNameRequiredError', GSS_S_NAME_NOT_MN),
    token: 'none',
    arrange: (realm) => {
      const name = hostTarget(realm);
      return () => realm.gss.exportName(name);
    },
  },
  {
    name: 'an exported name of another mechanism is a bad mechanism',
    expected: bare('BadMechanismError', GSS_S_BAD_MECH),
    token: 'none',
    arrange: ({ gss }) => {
      const otherMech = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x03];
      const token = new Uint8Array([0x04, 0x01, 0x00, 0x0b, ...otherMech, 0, 0, 0, 1, 0x41]);
      return () => gss.importName(token, { nameType: NameType.export });
    },
  },
  {
    name: 'canonicalizing for an unknown mechanism is a bad mechanism',
    expected: bare('BadMechanismError', GSS_S_BAD_MECH),
    token: 'none',
    arrange: (realm) => {
      const name = hostTarget(realm);
      return () => realm.gss.canonicalizeName(name, UNKNOWN_MECH);
    },
  },
  {
    name: 'a credential for an unknown mechanism is a bad mechanism',
    expected: bare('BadMechanismError', GSS_S_BAD_MECH),
    token: 'none',
    arrange: ({ gss }) => {
      return () => gss.acquireCred({ usage: 'initiate', mechs: [UNKNOWN_MECH] });
    },
  },
  {
    name: 'initiating with an unknown mechanism is a bad mechanism',
    expected: bare('BadMechanismError', GSS_S_BAD_MECH),
    token: 'none',
    arrange: (realm) => {
      const target = hostTarget(realm);
      return () => realm.gss.initSecContext(target, { mech: UNKNOWN_MECH });
    },
  },
];
