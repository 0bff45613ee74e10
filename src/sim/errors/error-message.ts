/**
 * com_err's `error_message` as MIT krb5 on Debian 12 runs it: Debian links `libkrb5` against
 * e2fsprogs' `libcom_err.so.2`, whose rules differ from MIT's bundled copy for code 0.
 *
 * @module
 */

import { strerror } from './errno.js';
import { TABLE_OFFSET_BITS, tableName } from './error-table.js';
import { tableOf } from './tables.js';

/**
 * The text `error_message(code)` gives with MIT's tables registered:
 *
 * - a code below 256 is an errno, answered by `strerror` (so 0 reads `Success`; MIT's own
 *   com_err would say `Unknown code 0` here);
 * - a code of a registered table within its length reads the table's message;
 * - any other code reads `Unknown code <table name> <offset>`, the table name derived from the
 *   code's upper 24 bits (so `krb5` base + 300 reads `Unknown code krb6 44`).
 */
export function errorMessage(code: number): string {
  const unsigned = code >>> 0;
  const offset = unsigned % 2 ** TABLE_OFFSET_BITS;

  if (unsigned === offset) return strerror(unsigned);

  const message = tableOf(unsigned)?.entries[offset]?.[1];
  if (message !== undefined) return message;

  return `Unknown code ${tableName(unsigned)} ${offset}`;
}
