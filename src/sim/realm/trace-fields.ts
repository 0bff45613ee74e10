/**
 * The vocabulary of decoded trace events: a JSON-able tree of named fields, and how the
 * numbers of RFC 4120 and RFC 3961 read in it (enctypes, padata types, flags, times, error
 * codes), so that a person with the RFCs open finds every field under its RFC name.
 *
 * @module
 */

import { enctypeProfile, isEnctype } from '../crypto/index.js';
import { codeName, errorMessage } from '../errors/index.js';
import { krb5ErrorTable } from '../errors/krb5-table.js';
import type { PrincipalName } from '../krb5/messages/principal-name.js';

/** A value of a decoded event: plain data, safe for `JSON.stringify`. */
export type DecodedValue =
  | string
  | number
  | boolean
  | null
  | readonly DecodedValue[]
  | DecodedFields;

/** Named fields. A part that could not be decoded is `{ error: '...' }`. */
export interface DecodedFields {
  readonly [field: string]: DecodedValue;
}

/**
 * Runs one decoding step; a failure becomes `{ error }` with its message, so that garbage
 * decodes to an error field instead of throwing.
 */
export function attempt(step: () => DecodedValue): DecodedValue {
  try {
    return step();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Octets as lowercase hex. */
export function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/**
 * The names of the enctypes MIT knows but the sim does not implement (RFC 3961 §8, RFC 4757,
 * RFC 6803).
 */
const OTHER_ENCTYPES: Readonly<Record<number, string>> = {
  1: 'des-cbc-crc',
  3: 'des-cbc-md5',
  16: 'des3-cbc-sha1',
  23: 'arcfour-hmac',
  24: 'arcfour-hmac-exp',
  25: 'camellia128-cts-cmac',
  26: 'camellia256-cts-cmac',
};

/** An enctype by MIT's name (`aes256-cts-hmac-sha1-96`), or `etype <n>` for an unknown one. */
export function enctypeName(etype: number): string {
  if (isEnctype(etype)) return enctypeProfile(etype).name;
  return OTHER_ENCTYPES[etype] ?? `etype ${etype}`;
}

/** The padata-type names of RFC 4120 §7.5.2, RFC 6113, RFC 6806 and MIT's `KRB5_PADATA_*`. */
const PADATA_TYPES: Readonly<Record<number, string>> = {
  1: 'PA-TGS-REQ',
  2: 'PA-ENC-TIMESTAMP',
  3: 'PA-PW-SALT',
  11: 'PA-ETYPE-INFO',
  19: 'PA-ETYPE-INFO2',
  128: 'PA-PAC-REQUEST',
  133: 'PA-FX-COOKIE',
  136: 'PA-FX-FAST',
  137: 'PA-FX-ERROR',
  138: 'PA-ENCRYPTED-CHALLENGE',
  149: 'PA-REQ-ENC-PA-REP',
  150: 'PA-AS-FRESHNESS',
  151: 'PA-SPAKE',
};

/** A padata-type by name, or `padata-type <n>`. */
export function padataTypeName(type: number): string {
  return PADATA_TYPES[type] ?? `padata-type ${type}`;
}

/**
 * The names of the bits set in KerberosFlags `flags` (bit 0 the most significant), in the
 * RFC's spelling (`renewable-ok`); a set bit the table lacks reads `bit <n>`.
 *
 * @param table masks by camelCase name, such as `KdcOptions`.
 */
export function kerberosFlagNames(
  table: Readonly<Record<string, number>>,
  flags: number,
): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const mask = 2 ** (31 - bit);
    if ((flags >>> 0) % (mask * 2) < mask) continue;
    const name = Object.entries(table).find(([, value]) => value === mask)?.[0];
    names.push(name === undefined ? `bit ${bit}` : kebab(name));
  }
  return names;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A PrincipalName as `krb5_unparse_name` writes its components: `host/localhost`. */
export function principalText(name: PrincipalName): string {
  return name.nameString.map((part) => part.replace(/[/@\\]/g, '\\$&')).join('/');
}

/** KerberosTime (seconds since 1970) in ISO 8601, UTC, without fractions. */
export function timeText(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return String(seconds);
  return date.toISOString().replace('.000Z', 'Z');
}

/** A KRB-ERROR error-code by its RFC 4120 §7.5.9 name, such as `KDC_ERR_PREAUTH_REQUIRED`. */
export function krbErrorCodeName(errorCode: number): string {
  const name = codeName(krb5ErrorTable.base + errorCode);
  if (errorCode > 255 || name === undefined) return `error-code ${errorCode}`;
  return name.replace(/^KRB5(?=KDC_|KRB_)/, '');
}

/** The text MIT gives a KRB-ERROR error-code (`error_message` of the krb5 table). */
export function krbErrorText(errorCode: number): string {
  return errorMessage(krb5ErrorTable.base + errorCode);
}
