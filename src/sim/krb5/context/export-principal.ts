/**
 * Principal names in an exported context: written as `krb5_unparse_name` writes them and read
 * as `krb5_parse_name_flags(..., KRB5_PRINCIPAL_PARSE_REQUIRE_REALM)` reads them in MIT krb5
 * 1.20, with the name type inferred as `k5_infer_principal_type` does (the name type itself is
 * not exported).
 *
 * @module
 */

import { KRB5_PARSE_MALFORMED } from '../../errors/index.js';
import { type KrbPrincipal, unparseKrbPrincipal } from '../client/principal.js';
import { NameType } from '../messages/principal-name.js';

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', b: '\b', '0': '\0' };

/** The text MIT exports for a principal. */
export function exportedPrincipalText(principal: KrbPrincipal): string {
  return unparseKrbPrincipal(principal);
}

/**
 * Reads an exported principal, or returns `KRB5_PARSE_MALFORMED` for a name MIT's parser
 * rejects: no realm, a second `@`, a `/` in the realm, or a trailing `\`.
 */
export function parseExportedPrincipal(text: string): KrbPrincipal | number {
  const components: string[] = [''];
  let realm: string | null = null;

  for (let index = 0; index < text.length; index++) {
    let char = text[index] ?? '';
    if (char === '/' || char === '@') {
      if (realm !== null) return KRB5_PARSE_MALFORMED;
      if (char === '/') components.push('');
      else realm = '';
      continue;
    }
    if (char === '\\') {
      const next = text[++index];
      if (next === undefined) return KRB5_PARSE_MALFORMED;
      char = ESCAPES[next] ?? next;
    }
    if (realm === null) components[components.length - 1] += char;
    else realm += char;
  }

  if (realm === null) return KRB5_PARSE_MALFORMED;
  return { realm, name: { nameType: inferredNameType(components), nameString: components } };
}

/** `k5_infer_principal_type`: SRV-INST for `krbtgt/X`, WELLKNOWN, else PRINCIPAL. */
export function inferredNameType(components: readonly string[]): number {
  if (components.length === 2 && components[0] === 'krbtgt') return NameType.srvInst;
  if (components.length >= 2 && components[0] === 'WELLKNOWN') return NameType.wellknown;
  return NameType.principal;
}
