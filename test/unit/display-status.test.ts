import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  COMPLETE_TEXT,
  displayMajorStatus,
  INVALID_STATUS_TEXT,
  majorStatusMessages,
} from '../../src/spec/display-status.js';

// The texts below are MIT krb5 1.20.1's, from displayMajor in
// src/lib/gssapi/mechglue/g_dsp_status.c, written out here rather than taken from the module.

const INVALID = 'An invalid status code was supplied';

const CALLING_TEXTS: [code: number, text: string][] = [
  [0x01000000, 'A required input parameter could not be read'],
  [0x02000000, 'A required output parameter could not be written'],
  [0x03000000, 'A parameter was malformed'],
];

const ROUTINE_TEXTS: [code: number, text: string][] = [
  [0x00010000, 'An unsupported mechanism was requested'],
  [0x00020000, 'An invalid name was supplied'],
  [0x00030000, 'A supplied name was of an unsupported type'],
  [0x00040000, 'Incorrect channel bindings were supplied'],
  [0x00050000, INVALID],
  [0x00060000, 'A token had an invalid Message Integrity Check (MIC)'],
  [0x00070000, 'No credentials were supplied, or the credentials were unavailable or inaccessible'],
  [0x00080000, 'No context has been established'],
  [0x00090000, 'Invalid token was supplied'],
  [0x000a0000, 'Invalid credential was supplied'],
  [0x000b0000, 'The referenced credential has expired'],
  [0x000c0000, 'The referenced context has expired'],
  [0x000d0000, 'Unspecified GSS failure.  Minor code may provide more information'],
  [0x000e0000, 'The quality-of-protection (QOP) requested could not be provided'],
  [0x000f0000, 'The operation is forbidden by local security policy'],
  [0x00100000, 'The operation or option is not available or unsupported'],
  [0x00110000, 'The requested credential element already exists'],
  [0x00120000, 'The provided name was not mechanism specific (MN)'],
  [0x00130000, INVALID],
];

const SUPPLEMENTARY_TEXTS: [bit: number, text: string][] = [
  [0x0001, 'The routine must be called again to complete its function'],
  [0x0002, 'The token was a duplicate of an earlier token'],
  [0x0004, "The token's validity period has expired"],
  [0x0008, 'A later token has already been processed'],
  [0x0010, 'An expected per-message token was not received'],
];

const READ = 0x01000000;
const WRITE = 0x02000000;
const BAD_STRUCTURE = 0x03000000;
const BAD_NAME = 0x00020000;
const BAD_MIC = 0x00060000;
const NO_CRED = 0x00070000;
const FAILURE = 0x000d0000;
const CONTINUE_NEEDED = 1;
const DUPLICATE_TOKEN = 2;
const OLD_TOKEN = 4;
const UNSEQ_TOKEN = 8;
const GAP_TOKEN = 16;

/** Drives displayMajorStatus from context 0 until it returns 0, or gives up after `limit` steps. */
function drive(status: number, limit = 64): { message: string; messageContext: number }[] {
  const steps: { message: string; messageContext: number }[] = [];
  let messageContext = 0;

  do {
    const step = displayMajorStatus(status, messageContext);
    steps.push({ message: step.message, messageContext: step.messageContext });
    messageContext = step.messageContext;
  } while (messageContext !== 0 && steps.length < limit);
  return steps;
}

/** The messages MIT gives, computed from the tables above: calling, routine, then bits upward. */
function expectedMessages(status: number): string[] {
  const calling = Number(BigInt(status) & 0xff000000n);
  const routine = Number(BigInt(status) & 0x00ff0000n);
  const supplementary = Number(BigInt(status) & 0x0000ffffn);
  const lookup = (table: [number, string][], code: number) =>
    table.find(([value]) => value === code)?.[1] ?? INVALID;
  const messages: string[] = [];

  if (calling !== 0) messages.push(lookup(CALLING_TEXTS, calling));
  if (routine !== 0) messages.push(lookup(ROUTINE_TEXTS, routine));
  for (let bit = 0; bit < 16; bit++) {
    if (Math.floor(supplementary / 2 ** bit) % 2 === 1) {
      messages.push(lookup(SUPPLEMENTARY_TEXTS, 2 ** bit));
    }
  }
  return messages;
}

/** Major statuses: random words, and words built from known and unknown field values. */
const majorStatus = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc
    .tuple(
      fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 255 })),
      fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 255 })),
      fc.oneof(fc.nat(0x1f), fc.nat(0xffff)),
    )
    .map(
      ([calling, routine, supplementary]) => calling * 2 ** 24 + routine * 2 ** 16 + supplementary,
    ),
);

describe('the text of each major status code (MIT krb5 1.20 displayMajor)', () => {
  test('status 0 reads "The routine completed successfully", in one message', () => {
    expect(displayMajorStatus(0)).toEqual({
      message: 'The routine completed successfully',
      messageContext: 0,
    });
    expect(majorStatusMessages(0)).toEqual(['The routine completed successfully']);
    expect(COMPLETE_TEXT).toBe('The routine completed successfully');
  });

  test('the invalid-status text is "An invalid status code was supplied"', () => {
    expect(INVALID_STATUS_TEXT).toBe('An invalid status code was supplied');
  });

  test.each(CALLING_TEXTS)('calling error %i reads %j', (code, text) => {
    expect(displayMajorStatus(code)).toEqual({ message: text, messageContext: 0 });
    expect(majorStatusMessages(code)).toEqual([text]);
  });

  test.each(ROUTINE_TEXTS)('routine error %i reads %j', (code, text) => {
    expect(displayMajorStatus(code)).toEqual({ message: text, messageContext: 0 });
    expect(majorStatusMessages(code)).toEqual([text]);
  });

  test.each(SUPPLEMENTARY_TEXTS)('supplementary bit %i reads %j', (bit, text) => {
    expect(displayMajorStatus(bit)).toEqual({ message: text, messageContext: 0 });
    expect(majorStatusMessages(bit)).toEqual([text]);
  });

  test('GSS_S_FAILURE has two spaces after its first sentence', () => {
    expect(majorStatusMessages(FAILURE)).toEqual([
      'Unspecified GSS failure.  Minor code may provide more information',
    ]);
  });

  test('GSS_S_BAD_MECH_ATTR, which MIT 1.20 has no text for, reads as an invalid status', () => {
    expect(majorStatusMessages(0x00130000)).toEqual([INVALID]);
  });

  test('every calling error value from 4 to 255 reads as an invalid status', () => {
    for (let value = 4; value <= 255; value++) {
      expect(majorStatusMessages(value * 2 ** 24)).toEqual([INVALID]);
    }
  });

  test('every routine error value from 20 to 255 reads as an invalid status', () => {
    for (let value = 20; value <= 255; value++) {
      expect(majorStatusMessages(value * 2 ** 16)).toEqual([INVALID]);
    }
  });

  test('every supplementary bit from 0x20 to 0x8000 reads as an invalid status', () => {
    for (let bit = 5; bit < 16; bit++) {
      expect(majorStatusMessages(2 ** bit)).toEqual([INVALID]);
    }
  });
});

describe('the message_context protocol for combined statuses', () => {
  test('READ | BAD_NAME gives the calling error with context 1, then the routine error', () => {
    expect(drive(READ | BAD_NAME)).toEqual([
      { message: 'A required input parameter could not be read', messageContext: 1 },
      { message: 'An invalid name was supplied', messageContext: 0 },
    ]);
    expect(majorStatusMessages(READ | BAD_NAME)).toEqual([
      'A required input parameter could not be read',
      'An invalid name was supplied',
    ]);
  });

  test('BAD_MIC | DUPLICATE_TOKEN | GAP_TOKEN gives 3 messages, pending bits << 1', () => {
    expect(drive(BAD_MIC | DUPLICATE_TOKEN | GAP_TOKEN)).toEqual([
      {
        message: 'A token had an invalid Message Integrity Check (MIC)',
        messageContext: (DUPLICATE_TOKEN | GAP_TOKEN) << 1,
      },
      { message: 'The token was a duplicate of an earlier token', messageContext: GAP_TOKEN << 1 },
      { message: 'An expected per-message token was not received', messageContext: 0 },
    ]);
  });

  test('WRITE | CONTINUE_NEEDED goes from the calling error straight to the bits', () => {
    expect(drive(WRITE | CONTINUE_NEEDED)).toEqual([
      { message: 'A required output parameter could not be written', messageContext: 2 },
      { message: 'The routine must be called again to complete its function', messageContext: 0 },
    ]);
  });

  test('BAD_STRUCTURE | NO_CRED | OLD_TOKEN | UNSEQ_TOKEN gives four messages', () => {
    expect(drive(BAD_STRUCTURE | NO_CRED | OLD_TOKEN | UNSEQ_TOKEN)).toEqual([
      { message: 'A parameter was malformed', messageContext: 1 },
      {
        message:
          'No credentials were supplied, or the credentials were unavailable or inaccessible',
        messageContext: 24,
      },
      { message: "The token's validity period has expired", messageContext: 16 },
      { message: 'A later token has already been processed', messageContext: 0 },
    ]);
  });

  test('DUPLICATE_TOKEN | OLD_TOKEN alone gives the lower bit first', () => {
    expect(drive(DUPLICATE_TOKEN | OLD_TOKEN)).toEqual([
      { message: 'The token was a duplicate of an earlier token', messageContext: 8 },
      { message: "The token's validity period has expired", messageContext: 0 },
    ]);
  });

  test('all sixteen supplementary bits give the five known texts, then eleven invalid ones', () => {
    expect(majorStatusMessages(0xffff)).toEqual([
      'The routine must be called again to complete its function',
      'The token was a duplicate of an earlier token',
      "The token's validity period has expired",
      'A later token has already been processed',
      'An expected per-message token was not received',
      ...Array.from({ length: 11 }, () => INVALID),
    ]);
  });

  test('an unknown calling error reads invalid and the routine error follows', () => {
    expect(majorStatusMessages(0x7f000000 + FAILURE)).toEqual([
      INVALID,
      'Unspecified GSS failure.  Minor code may provide more information',
    ]);
  });

  test('a context of 2 or more names the pending bits, whatever the status holds', () => {
    expect(displayMajorStatus(CONTINUE_NEEDED, GAP_TOKEN << 1)).toEqual({
      message: 'An expected per-message token was not received',
      messageContext: 0,
    });
  });

  test('a context with bits only above the 16 supplementary ones reads invalid, ends', () => {
    expect(displayMajorStatus(CONTINUE_NEEDED, 1 << 17)).toEqual({
      message: INVALID,
      messageContext: 0,
    });
  });

  test('context 1 with no routine error reads invalid and keeps context 1, as MIT', () => {
    expect(displayMajorStatus(CONTINUE_NEEDED, 1)).toEqual({ message: INVALID, messageContext: 1 });
  });

  test('status 0 leaves any context it is given unchanged, as MIT does', () => {
    expect(displayMajorStatus(0, 6)).toEqual({ message: COMPLETE_TEXT, messageContext: 6 });
  });
});

describe('the message sequence (properties)', () => {
  test('a nonzero status gives one message per error and per bit, and ends', () => {
    fc.assert(
      fc.property(
        majorStatus.filter((status) => status !== 0),
        (status) => {
          const steps = drive(status);
          const calling = status >= 0x01000000 ? 1 : 0;
          const routine = Math.floor(status / 0x10000) % 0x100 !== 0 ? 1 : 0;
          const popcount = (status % 0x10000).toString(2).replaceAll('0', '').length;

          expect(steps.at(-1)?.messageContext).toBe(0);
          expect(steps).toHaveLength(calling + routine + popcount);
          expect(majorStatusMessages(status)).toHaveLength(calling + routine + popcount);
        },
      ),
    );
  });

  test('the messages are the calling text, the routine text, then each bit lowest first', () => {
    fc.assert(
      fc.property(majorStatus, (status) => {
        const expected = status === 0 ? [COMPLETE_TEXT] : expectedMessages(status);

        expect(majorStatusMessages(status)).toEqual(expected);
        expect(drive(status).map((step) => step.message)).toEqual(expected);
      }),
    );
  });

  test('each context is 1 before a routine error, else the pending bits << 1', () => {
    fc.assert(
      fc.property(
        majorStatus.filter((status) => status !== 0),
        (status) => {
          const steps = drive(status);
          const hasRoutine = Math.floor(status / 0x10000) % 0x100 !== 0;
          let pending = status % 0x10000;
          let index = 0;

          if (status >= 0x01000000) {
            expect(steps[index]?.messageContext).toBe(hasRoutine ? 1 : pending * 2);
            index++;
          }
          if (hasRoutine) {
            expect(steps[index]?.messageContext).toBe(pending * 2);
            index++;
          }
          for (; index < steps.length; index++) {
            pending -= pending & -pending;
            expect(steps[index]?.messageContext).toBe(pending * 2);
          }
        },
      ),
    );
  });

  test('a status given as a signed int32 reads the same as the unsigned word', () => {
    fc.assert(
      fc.property(majorStatus, (status) => {
        expect(majorStatusMessages(status | 0)).toEqual(majorStatusMessages(status));
      }),
    );
  });
});

describe('displayMajorStatus input checks', () => {
  test('rejects a status or context that does not fit in 32 bits', () => {
    expect(() => displayMajorStatus(2 ** 32)).toThrow(RangeError);
    expect(() => displayMajorStatus(-(2 ** 31) - 1)).toThrow(RangeError);
    expect(() => displayMajorStatus(1.5)).toThrow(RangeError);
    expect(() => displayMajorStatus(0x00060000, 2 ** 32)).toThrow(RangeError);
    expect(() => displayMajorStatus('6' as never)).toThrow(TypeError);
  });
});
