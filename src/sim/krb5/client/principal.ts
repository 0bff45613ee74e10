/**
 * Principals as MIT's libkrb5 carries them in requests and credentials: a name type, the
 * components and the realm (`krb5_principal`).
 *
 * @module
 */

import { parsePrincipal, unparsePrincipal } from '../../kdc/principal.js';
import { NameType, type PrincipalName } from '../messages/principal-name.js';

/** A principal with its name type, such as `user@KRBTEST.COM` (NT-PRINCIPAL). */
export interface KrbPrincipal {
  /** The realm. */
  readonly realm: string;
  /** The name type and components, as a message carries them. */
  readonly name: PrincipalName;
}

/**
 * Parses `a/b@REALM` as `krb5_parse_name` does, with name type NT-PRINCIPAL unless told.
 * @param text the principal's text.
 * @param defaultRealm the realm of a name without `@`.
 * @param nameType the name type; `krb5_parse_name` gives NT-PRINCIPAL (1).
 * @throws {TypeError} for a name that does not parse, or one without a realm.
 */
export function parseKrbPrincipal(
  text: string,
  defaultRealm = '',
  nameType: number = NameType.principal,
): KrbPrincipal {
  const { components, realm } = parsePrincipal(text, defaultRealm);
  if (realm === '') throw new TypeError(`expected a principal with a realm, got '${text}'`);

  return { realm, name: { nameType, nameString: components } };
}

/** Writes a principal as `krb5_unparse_name` does: `host/localhost@KRBTEST.COM`. */
export function unparseKrbPrincipal(principal: KrbPrincipal): string {
  return unparsePrincipal({ components: principal.name.nameString, realm: principal.realm });
}

/** `krb5_principal_compare`: the same realm and components; the name type is not compared. */
export function samePrincipal(a: KrbPrincipal, b: KrbPrincipal): boolean {
  return a.realm === b.realm && sameComponents(a.name, b.name);
}

/** `krb5_principal_compare_any_realm`: the same components in any realm. */
export function sameComponents(a: PrincipalName, b: PrincipalName): boolean {
  return (
    a.nameString.length === b.nameString.length &&
    a.nameString.every((component, index) => component === b.nameString[index])
  );
}

/** `krbtgt/<realm>@<realm>` with NT-SRV-INST, as `krb5int_tgtname` builds it. */
export function tgsName(realm: string): KrbPrincipal {
  return { realm, name: { nameType: NameType.srvInst, nameString: ['krbtgt', realm] } };
}

/** Whether a principal is a ticket-granting service, as MIT's `IS_TGS_PRINC` tests it. */
export function isTgsName(principal: KrbPrincipal): boolean {
  return principal.name.nameString.length === 2 && principal.name.nameString[0] === 'krbtgt';
}

/** A principal given as text or as a value. */
export function toKrbPrincipal(principal: string | KrbPrincipal, defaultRealm = ''): KrbPrincipal {
  return typeof principal === 'string' ? parseKrbPrincipal(principal, defaultRealm) : principal;
}
