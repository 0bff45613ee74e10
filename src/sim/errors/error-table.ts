/**
 * com_err error tables as MIT krb5 defines them: a table is named by up to four characters, and
 * its codes are consecutive 32-bit numbers from a base computed from that name.
 *
 * @module
 */

/**
 * The 63 characters a table name may use; a character's number is its index plus one, so that
 * 0 can stand for "no character" (`src/util/et/et_name.c`).
 */
const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';

/** Bits of a code that number the message inside its table (`ERRCODE_RANGE`). */
export const TABLE_OFFSET_BITS = 8;

/** Bits per character of a table name (`BITS_PER_CHAR`). */
const BITS_PER_CHAR = 6;

/** One com_err table: its name, its base and its codes in order from the base. */
export interface ErrorTable<Name extends string = string> {
  /** The table's name as in its `.et` file's `error_table` line, e.g. `krb5`. */
  readonly name: string;
  /** The first code of the table, as an unsigned 32-bit number (an `OM_uint32` minor status). */
  readonly base: number;
  /** The symbolic name and message of each code, the code being `base` plus the index. */
  readonly entries: readonly (readonly [Name, string])[];
}

/**
 * The base of the com_err table called `name`: each character as a 6-bit number, the name read
 * as a base-64 number, shifted left by 8 bits (`compile_et`'s rule). `krb5` gives 0x96c73a00.
 * @throws {RangeError} when `name` is empty, longer than 4 characters or outside the charset.
 */
export function tableBase(name: string): number {
  if (name.length === 0 || name.length > 4) {
    throw new RangeError(`expected a table name of 1 to 4 characters, got ${name.length}`);
  }

  let number = 0;
  for (const character of name) {
    const index = CHARSET.indexOf(character);
    if (index < 0) throw new RangeError(`expected a table name in [A-Za-z0-9_], got '${name}'`);
    number = number * 2 ** BITS_PER_CHAR + index + 1;
  }

  return number * 2 ** TABLE_OFFSET_BITS;
}

/**
 * The name com_err prints for the table a code belongs to (`error_table_name`): the code's upper
 * 24 bits as four 6-bit characters, leaving out zeros.
 */
export function tableName(code: number): string {
  const number = Math.floor((code >>> 0) / 2 ** TABLE_OFFSET_BITS);
  let name = '';

  for (let shift = 3 * BITS_PER_CHAR; shift >= 0; shift -= BITS_PER_CHAR) {
    const index = (number >>> shift) & (2 ** BITS_PER_CHAR - 1);
    if (index !== 0) name += CHARSET.charAt(index - 1);
  }

  return name;
}

/** Declares a table from its name and its entries, computing the base. */
export function defineErrorTable<const Name extends string>(
  name: string,
  entries: readonly (readonly [Name, string])[],
): ErrorTable<Name> {
  if (entries.length > 2 ** TABLE_OFFSET_BITS) {
    throw new RangeError(`expected at most 256 codes in table ${name}, got ${entries.length}`);
  }
  return { name, base: tableBase(name), entries };
}
