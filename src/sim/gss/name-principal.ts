/**
 * Principals as MIT krb5 1.20's libkrb5 parses, writes and compares them for the GSS name
 * calls (`krb5_parse_name_flags`, `krb5_unparse_name`, `krb5_principal_compare`), over octet
 * strings so that any byte a name holds survives exactly.
 *
 * An *octet string* here is a JavaScript string of which every code unit is one byte (0–255),
 * as `latin1` decoding gives it: `\` `/` `@` and the control characters are the same in it as
 * in UTF-8 text, and nothing is lost for bytes that are not UTF-8.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { KrbPrincipal } from '../krb5/client/index.js';
import { NameType as KrbNameType } from '../krb5/messages/principal-name.js';

/** A `krb5_principal`: name type, components and realm, all octet strings. */
export interface MitPrincipal {
  /** The Kerberos name type (RFC 4120 §6.2), such as 1 for NT-PRINCIPAL. */
  readonly type: number;
  /** The components, as octet strings. */
  readonly components: readonly string[];
  /** The realm, as an octet string; empty for the referral realm. */
  readonly realm: string;
}

/** `krb5_anonymous_principal()`: WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS (RFC 8062 §3). */
export const ANONYMOUS_PRINCIPAL: MitPrincipal = Object.freeze({
  type: KrbNameType.wellknown,
  components: Object.freeze(['WELLKNOWN', 'ANONYMOUS']),
  realm: 'WELLKNOWN:ANONYMOUS',
});

/** The octet string of `bytes`. */
export function octets(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The bytes of an octet string. */
export function octetBytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

/** The C string a buffer holds: its bytes up to the first NUL, as `strlen` sees them. */
export function cString(text: string): string {
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/** How {@link parseMitPrincipal} reads a name. */
export interface ParseOptions {
  /** The realm of a name without an unquoted `@`. */
  readonly defaultRealm: string;
  /** KRB5_PRINCIPAL_PARSE_ENTERPRISE: one component, the first `@` belongs to it. */
  readonly enterprise?: boolean;
}

const UNQUOTE: Readonly<Record<string, string>> = { n: '\n', t: '\t', b: '\b', '0': '\0' };

/**
 * `krb5_parse_name_flags`: `/` separates components, the first unquoted `@` starts the realm,
 * `\` quotes the next character (`\n`, `\t`, `\b`, `\0` stand for control characters). An
 * enterprise name has one component holding its first `@`. `text` is read as a C string.
 * @returns the principal, or null for KRB5_PARSE_MALFORMED (a `/` or second `@` in the realm,
 *   a `\` at the end).
 */
export function parseMitPrincipal(text: string, options: ParseOptions): MitPrincipal | null {
  const enterprise = options.enterprise === true;
  const name = cString(text);
  const components: string[] = [];
  let current = '';
  let inRealm = false;
  let firstAt = true;

  for (let index = 0; index < name.length; index++) {
    const char = name.charAt(index);
    if (char === '/' && !enterprise) {
      if (inRealm) return null;
      components.push(current);
      current = '';
    } else if (char === '@' && (!enterprise || !firstAt)) {
      if (inRealm) return null;
      components.push(current);
      current = '';
      inRealm = true;
    } else if (char === '\\') {
      index += 1;
      if (index >= name.length) return null;
      const quoted = name.charAt(index);
      current += UNQUOTE[quoted] ?? quoted;
    } else {
      if (char === '@') firstAt = false;
      current += char;
    }
  }

  if (!inRealm) components.push(current);
  const realm = inRealm ? current : options.defaultRealm;
  const type = enterprise ? KrbNameType.enterprise : inferType(components);
  return { type, components, realm };
}

/** `k5_infer_principal_type`: NT-SRV-INST for `krbtgt/x`, NT-WELLKNOWN for `WELLKNOWN/...`. */
export function inferType(components: readonly string[]): number {
  if (components.length === 2 && components[0] === 'krbtgt') return KrbNameType.srvInst;
  if (components.length >= 2 && components[0] === 'WELLKNOWN') return KrbNameType.wellknown;
  return KrbNameType.principal;
}

const QUOTE: Readonly<Record<string, string>> = {
  '/': '\\/',
  '@': '\\@',
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\b': '\\b',
  '\0': '\\0',
};

function quote(text: string): string {
  return text.replace(/[/@\\\t\n\b\0]/g, (char) => QUOTE[char] ?? char);
}

/** `krb5_unparse_name`: `a\/b/c@REALM`, quoting `/`, `@`, `\` and control characters. */
export function unparseMitPrincipal(principal: MitPrincipal): string {
  return `${principal.components.map(quote).join('/')}@${quote(principal.realm)}`;
}

/** `krb5_principal_compare`: the same realm and components; the name type is not compared. */
export function sameMitPrincipal(a: MitPrincipal, b: MitPrincipal): boolean {
  return (
    a.realm === b.realm &&
    a.components.length === b.components.length &&
    a.components.every((component, index) => component === b.components[index])
  );
}

/** Whether a principal is the anonymous one with NT-WELLKNOWN, as `krb5_gss_display_name` asks. */
export function isAnonymous(principal: MitPrincipal): boolean {
  return (
    principal.type === KrbNameType.wellknown && sameMitPrincipal(principal, ANONYMOUS_PRINCIPAL)
  );
}

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/**
 * The principal as the sim's Kerberos code carries it, its octets read as UTF-8 (bytes that
 * are not UTF-8 become U+FFFD, which no Kerberos name the sim's KDC holds contains).
 */
export function toKrbPrincipal(principal: MitPrincipal): KrbPrincipal {
  const text = (value: string) => utf8.decode(octetBytes(value));
  return {
    realm: text(principal.realm),
    name: { nameType: principal.type, nameString: principal.components.map(text) },
  };
}

/** A principal of the sim's Kerberos code as octet strings (its text in UTF-8). */
export function fromKrbPrincipal(principal: KrbPrincipal): MitPrincipal {
  const bytes = (value: string) => octets(utf8Encoder.encode(value));
  return {
    type: principal.name.nameType,
    components: principal.name.nameString.map(bytes),
    realm: bytes(principal.realm),
  };
}
