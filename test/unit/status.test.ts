import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as status from '../../src/spec/status.js';
import {
  callingError,
  GSS_S_BAD_MECH_ATTR,
  GSS_S_BAD_MIC,
  GSS_S_BAD_NAME,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_CONTINUE_NEEDED,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
  isGssError,
  majorStatusName,
  routineError,
  supplementaryInfo,
} from '../../src/spec/status.js';

/** Every constant with its value in MIT krb5 1.20's gssapi.h, written out by hand. */
const CONSTANTS: [name: string, value: number][] = [
  ['GSS_S_COMPLETE', 0],
  ['GSS_S_CALL_INACCESSIBLE_READ', 0x01000000],
  ['GSS_S_CALL_INACCESSIBLE_WRITE', 0x02000000],
  ['GSS_S_CALL_BAD_STRUCTURE', 0x03000000],
  ['GSS_S_BAD_MECH', 0x00010000],
  ['GSS_S_BAD_NAME', 0x00020000],
  ['GSS_S_BAD_NAMETYPE', 0x00030000],
  ['GSS_S_BAD_BINDINGS', 0x00040000],
  ['GSS_S_BAD_STATUS', 0x00050000],
  ['GSS_S_BAD_MIC', 0x00060000],
  ['GSS_S_BAD_SIG', 0x00060000],
  ['GSS_S_NO_CRED', 0x00070000],
  ['GSS_S_NO_CONTEXT', 0x00080000],
  ['GSS_S_DEFECTIVE_TOKEN', 0x00090000],
  ['GSS_S_DEFECTIVE_CREDENTIAL', 0x000a0000],
  ['GSS_S_CREDENTIALS_EXPIRED', 0x000b0000],
  ['GSS_S_CONTEXT_EXPIRED', 0x000c0000],
  ['GSS_S_FAILURE', 0x000d0000],
  ['GSS_S_BAD_QOP', 0x000e0000],
  ['GSS_S_UNAUTHORIZED', 0x000f0000],
  ['GSS_S_UNAVAILABLE', 0x00100000],
  ['GSS_S_DUPLICATE_ELEMENT', 0x00110000],
  ['GSS_S_NAME_NOT_MN', 0x00120000],
  ['GSS_S_BAD_MECH_ATTR', 0x00130000],
  ['GSS_S_CONTINUE_NEEDED', 1],
  ['GSS_S_DUPLICATE_TOKEN', 2],
  ['GSS_S_OLD_TOKEN', 4],
  ['GSS_S_UNSEQ_TOKEN', 8],
  ['GSS_S_GAP_TOKEN', 16],
  ['GSS_C_CALLING_ERROR_OFFSET', 24],
  ['GSS_C_ROUTINE_ERROR_OFFSET', 16],
  ['GSS_C_SUPPLEMENTARY_OFFSET', 0],
  ['GSS_C_CALLING_ERROR_MASK', 0xff],
  ['GSS_C_ROUTINE_ERROR_MASK', 0xff],
  ['GSS_C_SUPPLEMENTARY_MASK', 0xffff],
];

/** A 32-bit unsigned major status: random words, and words built from known fields. */
const majorStatus = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.nat(0xffff))
    .map(
      ([calling, routine, supplementary]) => calling * 2 ** 24 + routine * 2 ** 16 + supplementary,
    ),
);

/** The module's exports by name, to look each constant up by the name written above. */
const exported: Readonly<Record<string, unknown>> = { ...status };

describe('major status constants', () => {
  test.each(CONSTANTS)('%s has the value %i', (name, value) => {
    expect(exported[name]).toBe(value);
  });

  test('every constant the module exports with a GSS_ prefix is checked above', () => {
    const names = Object.keys(exported).filter((name) => name.startsWith('GSS_'));

    expect(names.sort()).toEqual(CONSTANTS.map(([name]) => name).sort());
  });
});

describe('the three fields of a major status (RFC 2744 §3.9.1)', () => {
  test('any 32-bit word splits into three disjoint fields whose sum is the word', () => {
    fc.assert(
      fc.property(majorStatus, (major) => {
        const calling = callingError(major);
        const routine = routineError(major);
        const supplementary = supplementaryInfo(major);

        expect(calling + routine + supplementary).toBe(major);
        expect(calling % 2 ** 24).toBe(0);
        expect(calling).toBeLessThanOrEqual(0xff000000);
        expect(routine % 2 ** 16).toBe(0);
        expect(routine).toBeLessThanOrEqual(0x00ff0000);
        expect(supplementary).toBeLessThanOrEqual(0xffff);
        expect(Number(BigInt(calling) | BigInt(routine) | BigInt(supplementary))).toBe(major);
      }),
    );
  });

  test('each field is the word masked with its field, as an unsigned number', () => {
    fc.assert(
      fc.property(majorStatus, (major) => {
        expect(callingError(major)).toBe(Number(BigInt(major) & 0xff000000n));
        expect(routineError(major)).toBe(Number(BigInt(major) & 0x00ff0000n));
        expect(supplementaryInfo(major)).toBe(Number(BigInt(major) & 0x0000ffffn));
      }),
    );
  });

  test('a word given as a signed int32 has the same fields as the unsigned word', () => {
    fc.assert(
      fc.property(majorStatus, (major) => {
        const signed = major | 0;

        expect(callingError(signed)).toBe(callingError(major));
        expect(routineError(signed)).toBe(routineError(major));
        expect(supplementaryInfo(signed)).toBe(supplementaryInfo(major));
      }),
    );
  });

  test('isGssError is true exactly when the word has a bit above the supplementary field', () => {
    fc.assert(
      fc.property(majorStatus, (major) => {
        expect(isGssError(major)).toBe(major >= 0x10000);
      }),
    );
  });

  test('a status with only supplementary bits, such as CONTINUE_NEEDED, is not an error', () => {
    expect(isGssError(GSS_S_CONTINUE_NEEDED)).toBe(false);
    expect(isGssError(GSS_S_DUPLICATE_TOKEN | GSS_S_GAP_TOKEN)).toBe(false);
    expect(isGssError(0)).toBe(false);
    expect(isGssError(GSS_S_BAD_MIC)).toBe(true);
    expect(isGssError(GSS_S_CALL_INACCESSIBLE_READ)).toBe(true);
  });
});

describe('majorStatusName', () => {
  test.each(CONSTANTS.filter(([name]) => name.startsWith('GSS_S_') && name !== 'GSS_S_BAD_SIG'))(
    '%s is named after itself',
    (name, value) => {
      expect(majorStatusName(value)).toBe(name);
    },
  );

  test('GSS_S_BAD_SIG, the same code as GSS_S_BAD_MIC, is named GSS_S_BAD_MIC', () => {
    expect(majorStatusName(status.GSS_S_BAD_SIG)).toBe('GSS_S_BAD_MIC');
  });

  test('a combined status names its calling, routine and supplementary parts in that order', () => {
    expect(majorStatusName(GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME)).toBe(
      'GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME',
    );
    expect(majorStatusName(GSS_S_GAP_TOKEN | GSS_S_BAD_MIC | GSS_S_DUPLICATE_TOKEN)).toBe(
      'GSS_S_BAD_MIC | GSS_S_DUPLICATE_TOKEN | GSS_S_GAP_TOKEN',
    );
  });

  test('fields with no name are written as eight hex digits', () => {
    expect(majorStatusName(0x04000000)).toBe('0x04000000');
    expect(majorStatusName(0xff000000)).toBe('0xff000000');
    expect(majorStatusName(0x00140000)).toBe('0x00140000');
    expect(majorStatusName(0x00000020)).toBe('0x00000020');
    expect(majorStatusName(0x00008000 + GSS_S_BAD_MECH_ATTR)).toBe(
      'GSS_S_BAD_MECH_ATTR | 0x00008000',
    );
  });

  test('the name has one part per field and per supplementary bit', () => {
    fc.assert(
      fc.property(
        majorStatus.filter((major) => major !== 0),
        (major) => {
          const supplementaryBits = supplementaryInfo(major).toString(2).replaceAll('0', '').length;
          const expected =
            (callingError(major) !== 0 ? 1 : 0) +
            (routineError(major) !== 0 ? 1 : 0) +
            supplementaryBits;

          expect(majorStatusName(major).split(' | ')).toHaveLength(expected);
        },
      ),
    );
  });
});
