/**
 * The com_err tables whose codes the krb5 GSS-API mechanism of MIT krb5 1.20 returns as minor
 * statuses, registered as `libkrb5` and `libgssapi_krb5` register them, and lookups by name and
 * by code.
 *
 * @module
 */

import { asn1ErrorTable } from './asn1-table.js';
import { ERRNO_ENTRIES, type ErrnoName } from './errno.js';
import type { ErrorTable } from './error-table.js';
import { ggssErrorTable } from './ggss-table.js';
import { k5e1ErrorTable } from './k5e1-table.js';
import { k5gErrorTable } from './k5g-table.js';
import { krb5ErrorTable } from './krb5-table.js';
import { kv5mErrorTable } from './kv5m-table.js';

/** The symbolic name of a code of one of {@link MIT_ERROR_TABLES}, or of an errno. */
export type MinorName =
  | (typeof krb5ErrorTable.entries)[number][0]
  | (typeof k5e1ErrorTable.entries)[number][0]
  | (typeof kv5mErrorTable.entries)[number][0]
  | (typeof asn1ErrorTable.entries)[number][0]
  | (typeof k5gErrorTable.entries)[number][0]
  | (typeof ggssErrorTable.entries)[number][0]
  | ErrnoName;

/** The tables, each with its base: `krb5`, `k5e1`, `kv5m`, `asn1`, `k5g` and `ggss`. */
export const MIT_ERROR_TABLES: readonly ErrorTable<MinorName>[] = [
  krb5ErrorTable,
  k5e1ErrorTable,
  kv5mErrorTable,
  asn1ErrorTable,
  k5gErrorTable,
  ggssErrorTable,
];

const TABLES_BY_BASE = new Map(MIT_ERROR_TABLES.map((table) => [table.base, table]));

const CODES_BY_NAME = new Map<string, number>([
  ...ERRNO_ENTRIES.map(([number, name]): [string, number] => [name, number]),
  ...MIT_ERROR_TABLES.flatMap((table) =>
    table.entries.map(([name], index): [string, number] => [name, table.base + index]),
  ),
]);

/**
 * The code of a symbolic name as an unsigned 32-bit minor status:
 * `code('KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN')` is 2529638919, `code('EINVAL')` is 22.
 * @throws {RangeError} when the name is in no table (only possible for an unchecked string).
 */
export function code(name: MinorName): number {
  const value = CODES_BY_NAME.get(name);
  if (value === undefined) throw new RangeError(`expected a com_err or errno name, got ${name}`);
  return value;
}

/** The table a code belongs to, if it is one of {@link MIT_ERROR_TABLES}. */
export function tableOf(code: number): ErrorTable<MinorName> | undefined {
  const unsigned = code >>> 0;
  return TABLES_BY_BASE.get(unsigned - (unsigned % 256));
}

/** The symbolic name of a code of the tables or of an errno, if it has one. */
export function codeName(code: number): MinorName | undefined {
  const unsigned = code >>> 0;
  if (unsigned < 256) return ERRNO_ENTRIES.find(([number]) => number === unsigned)?.[1];
  const table = tableOf(unsigned);
  return table?.entries[unsigned - table.base]?.[0];
}
