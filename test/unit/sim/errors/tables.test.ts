/**
 * The sim's copies of MIT's com_err tables, checked code by code against `error_message` of the
 * installed libcom_err with every table registered the way MIT registers them: `libkrb5`'s on
 * `krb5_init_context`, `libgssapi_krb5`'s when the krb5 mechanism initializes.
 */
import koffi from 'koffi';
import { beforeAll, describe, expect, it } from 'vitest';
import * as codes from '../../../../src/sim/errors/codes.js';
import { ERRNO_ENTRIES, strerror } from '../../../../src/sim/errors/errno.js';
import { errorMessage } from '../../../../src/sim/errors/error-message.js';
import { tableBase, tableName } from '../../../../src/sim/errors/error-table.js';
import { minorMessage } from '../../../../src/sim/errors/minor-message.js';
import {
  code,
  codeName,
  MIT_ERROR_TABLES,
  type MinorName,
  tableOf,
} from '../../../../src/sim/errors/tables.js';
import { describeNative } from '../../../support/native.js';

/**
 * Bases that follow from minor statuses MIT returned in the conformance tests: 2529638919 is
 * krb5 + 7, 39756033 is k5g + 1, 2249944333 is ggss + 13. The other tables' bases are checked
 * below by comparing every code's text with MIT's.
 */
const MEASURED_BASES = { krb5: 2529638912, k5g: 39756032, ggss: 2249944320 } as const;

describe('com_err table bases', () => {
  it('computes each table base from its name as compile_et does', () => {
    for (const [name, base] of Object.entries(MEASURED_BASES)) expect(tableBase(name)).toBe(base);
    for (const table of MIT_ERROR_TABLES) expect(tableBase(table.name)).toBe(table.base);
    expect(tableBase('krb5') | 0).toBe(-1765328384);
  });

  it('names the table of any code in it, as com_err prints it', () => {
    for (const table of MIT_ERROR_TABLES) {
      expect(tableName(table.base)).toBe(table.name);
      expect(tableName(table.base + 255)).toBe(table.name);
    }
    expect(tableName(0x100)).toBe('A');
  });

  it('refuses a table name com_err cannot encode', () => {
    expect(() => tableBase('')).toThrow(RangeError);
    expect(() => tableBase('krb55')).toThrow(RangeError);
    expect(() => tableBase('k-5')).toThrow(RangeError);
  });
});

describe('code names', () => {
  it('gives every name a single code and reads the name back', () => {
    const names = MIT_ERROR_TABLES.flatMap((table) => table.entries.map(([name]) => name));

    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(codeName(code(name))).toBe(name);
  });

  it('numbers the protocol codes of the krb5 table as RFC 4120 §7.5.9 does', () => {
    const base = tableBase('krb5');

    expect(code('KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN') - base).toBe(6);
    expect(code('KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN') - base).toBe(7);
    expect(code('KRB5KDC_ERR_PREAUTH_FAILED') - base).toBe(24);
    expect(code('KRB5KRB_AP_ERR_BAD_INTEGRITY') - base).toBe(31);
    expect(code('KRB5KRB_AP_ERR_TKT_EXPIRED') - base).toBe(32);
    expect(code('KRB5KRB_AP_ERR_REPEAT') - base).toBe(34);
    expect(code('KRB5KRB_AP_ERR_SKEW') - base).toBe(37);
    expect(code('KRB5KRB_AP_ERR_MODIFIED') - base).toBe(41);
    expect(code('KRB5KRB_ERR_GENERIC') - base).toBe(60);
  });

  it('exports each named constant as the code of its name', () => {
    const constants = Object.entries(codes);

    expect(constants.length).toBeGreaterThan(50);
    for (const [name, value] of constants) {
      // The module's export names are MinorNames; codeName checks that at run time.
      expect(codeName(value), name).toBe(name);
      expect(code(name as MinorName)).toBe(value);
    }
  });

  it('knows the errno names MIT passes through', () => {
    expect([code('EPERM'), code('ENOENT'), code('ENOMEM'), code('EINVAL')]).toEqual([1, 2, 12, 22]);
    expect(codeName(22)).toBe('EINVAL');
    expect(codeName(41)).toBeUndefined();
  });

  it('finds no table for a code outside the six', () => {
    expect(tableOf(0x12345600)).toBeUndefined();
    expect(codeName(0x12345600)).toBeUndefined();
    expect(tableOf(code('G_WRONG_MECH'))?.name).toBe('ggss');
  });
});

describe('messages without MIT', () => {
  it('prints Unknown error for minor 0, as the mechglue does, and Success for com_err 0', () => {
    expect(minorMessage(0)).toBe('Unknown error');
    expect(errorMessage(0)).toBe('Success');
    expect(strerror(0)).toBe('Success');
  });

  it('prints an unknown code with its table name and offset', () => {
    expect(errorMessage(code('KG_IAKERB_CONTEXT') + 1)).toBe('Unknown code k5g 17');
    expect(errorMessage(tableBase('krb5') + 300)).toBe('Unknown code krb6 44');
    expect(errorMessage(145)).toBe('Unknown error 145');
  });

  it('prints the table text for a minor status of the krb5 mechanism', () => {
    expect(minorMessage(codes.KRB5KRB_AP_ERR_REPEAT)).toBe('Request is a replay');
    expect(minorMessage(codes.G_BAD_DIRECTION)).toBe('Packet was replayed in wrong direction');
    expect(minorMessage(codes.EINVAL)).toBe('Invalid argument');
  });
});

describeNative("the tables against MIT's libcom_err", () => {
  let mitErrorMessage: (code: number) => string;
  let mitStrerror: (errno: number) => string;

  beforeAll(() => {
    const krb5 = koffi.load('libkrb5.so.3');
    const gssapi = koffi.load('libgssapi_krb5.so.2');
    const comErr = koffi.load('libcom_err.so.2');
    const libc = koffi.load('libc.so.6');
    const initContext = krb5.func('int krb5_init_context(_Out_ void **context)');
    const indicateMechs = gssapi.func(
      'uint32_t gss_indicate_mechs(_Out_ uint32_t *minor, _Out_ void **mechs)',
    );
    const errorMessageC = comErr.func('const char *error_message(long code)');
    const strerrorC = libc.func('const char *strerror(int errnum)');

    expect(initContext([null])).toBe(0);
    expect(indicateMechs([0], [null])).toBe(0);
    mitErrorMessage = (value) => String(errorMessageC(value));
    mitStrerror = (value) => String(strerrorC(value));
  });

  for (const table of MIT_ERROR_TABLES) {
    it(`gives each of the ${table.entries.length} codes of table ${table.name} MIT's text`, () => {
      const ours = table.entries.map((_, index) => errorMessage(table.base + index));
      const theirs = table.entries.map((_, index) => mitErrorMessage(table.base + index));

      expect(ours).toEqual(theirs);
    });

    it(`prints the code after the end of table ${table.name} as MIT does`, () => {
      const after = table.base + table.entries.length;

      expect(errorMessage(after)).toBe(mitErrorMessage(after));
    });
  }

  it('gives each code below 256 the errno text MIT gives', () => {
    for (let errno = 0; errno < 256; errno++) {
      expect(errorMessage(errno), `errno ${errno}`).toBe(mitErrorMessage(errno));
    }
  });

  it("keeps glibc's text for every errno it names", () => {
    for (const [errno, , text] of ERRNO_ENTRIES) expect(text).toBe(mitStrerror(errno));
  });

  it('prints codes of unregistered tables as MIT does', () => {
    for (const value of [0x100, 0x3e7, 0x12345600, 0xffffffff, tableBase('krb5') + 300]) {
      expect(errorMessage(value)).toBe(mitErrorMessage(value));
    }
  });
});
