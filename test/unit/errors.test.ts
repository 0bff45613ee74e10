import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BadChannelBindingsError,
  BadMechanismError,
  BadMICError,
  BadNameError,
  BadNameTypeError,
  BadQoPError,
  BadStatusError,
  ContextReadError,
  ContextWriteError,
  CredentialsReadError,
  CredentialsWriteError,
  DuplicateCredentialsElementError,
  DuplicateTokenError,
  ExpiredContextError,
  ExpiredCredentialsError,
  ExpiredTokenError,
  errorClassFor,
  GssError,
  gssError,
  InvalidCredentialsError,
  InvalidTokenError,
  MalformedParameterError,
  MechanismNameRequiredError,
  MissingContextError,
  MissingCredentialsError,
  NameReadError,
  NameTypeReadError,
  OperationUnavailableError,
  ParameterReadError,
  ParameterWriteError,
  SupplementaryError,
  TokenOutOfSequenceError,
  TokenReadError,
  TokenTooEarlyError,
  TokenTooLateError,
  UnauthorizedError,
  unavailable,
} from '../../src/spec/errors.js';
import { MechType } from '../../src/spec/oids.js';

// Shifted field values written out, so the test does not lean on status.ts.
const READ = 0x01000000;
const WRITE = 0x02000000;
const STRUCTURE = 0x03000000;
const routine = (n: number) => n << 16;
const [CONTINUE, DUPLICATE, OLD, UNSEQ, GAP] = [1, 2, 4, 8, 16];

type AnyErrorClass = abstract new (...args: never[]) => GssError;

const ROUTINE_CLASSES: ReadonlyArray<readonly [number, AnyErrorClass, string]> = [
  [1, BadMechanismError, 'BAD_MECH'],
  [2, BadNameError, 'BAD_NAME'],
  [3, BadNameTypeError, 'BAD_NAMETYPE'],
  [4, BadChannelBindingsError, 'BAD_BINDINGS'],
  [5, BadStatusError, 'BAD_STATUS'],
  [6, BadMICError, 'BAD_MIC'],
  [7, MissingCredentialsError, 'NO_CRED'],
  [8, MissingContextError, 'NO_CONTEXT'],
  [9, InvalidTokenError, 'DEFECTIVE_TOKEN'],
  [10, InvalidCredentialsError, 'DEFECTIVE_CREDENTIAL'],
  [11, ExpiredCredentialsError, 'CREDENTIALS_EXPIRED'],
  [12, ExpiredContextError, 'CONTEXT_EXPIRED'],
  [14, BadQoPError, 'BAD_QOP'],
  [15, UnauthorizedError, 'UNAUTHORIZED'],
  [16, OperationUnavailableError, 'UNAVAILABLE'],
  [17, DuplicateCredentialsElementError, 'DUPLICATE_ELEMENT'],
  [18, MechanismNameRequiredError, 'NAME_NOT_MN'],
];

const CALLING_CLASSES: ReadonlyArray<readonly [number, AnyErrorClass, string]> = [
  [READ, ParameterReadError, 'CALL_INACCESSIBLE_READ'],
  [WRITE, ParameterWriteError, 'CALL_INACCESSIBLE_WRITE'],
  [STRUCTURE, MalformedParameterError, 'CALL_BAD_STRUCTURE'],
];

const SUPPLEMENTARY_CLASSES: ReadonlyArray<readonly [number, AnyErrorClass, string]> = [
  [DUPLICATE, DuplicateTokenError, 'DUPLICATE_TOKEN'],
  [OLD, ExpiredTokenError, 'OLD_TOKEN'],
  [UNSEQ, TokenTooLateError, 'UNSEQ_TOKEN'],
  [GAP, TokenTooEarlyError, 'GAP_TOKEN'],
];

const COMBINED: ReadonlyArray<
  readonly [number, AnyErrorClass, AnyErrorClass, AnyErrorClass, string]
> = [
  [READ | routine(2), NameReadError, ParameterReadError, BadNameError, 'NAME_READ'],
  [READ | routine(3), NameTypeReadError, ParameterReadError, BadNameTypeError, 'NAME_TYPE_READ'],
  [READ | routine(9), TokenReadError, ParameterReadError, InvalidTokenError, 'TOKEN_READ'],
  [READ | routine(8), ContextReadError, ParameterReadError, MissingContextError, 'CONTEXT_READ'],
  [
    READ | routine(7),
    CredentialsReadError,
    ParameterReadError,
    MissingCredentialsError,
    'CREDENTIALS_READ',
  ],
  [
    WRITE | routine(8),
    ContextWriteError,
    ParameterWriteError,
    MissingContextError,
    'CONTEXT_WRITE',
  ],
  [
    WRITE | routine(7),
    CredentialsWriteError,
    ParameterWriteError,
    MissingCredentialsError,
    'CREDENTIALS_WRITE',
  ],
];

describe('gssError dispatch', () => {
  it.each(ROUTINE_CLASSES)('routine error %i alone gives its class', (code, errorClass, name) => {
    const error = gssError(routine(code), 0);

    expect(error.constructor).toBe(errorClass);
    expect(error).toBeInstanceOf(GssError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(name);
    expect(error.routineCode).toBe(routine(code));
    expect(error.callingCode).toBe(0);
    expect(error.supplementaryCode).toBe(0);
  });

  it.each(CALLING_CLASSES)('calling error %i alone gives its class', (code, errorClass, name) => {
    const error = gssError(code, 0);

    expect(error.constructor).toBe(errorClass);
    expect(error.code).toBe(name);
    expect(error.callingCode).toBe(code);
  });

  it.each(SUPPLEMENTARY_CLASSES)(
    'supplementary bit %i alone gives its class',
    (bit, errorClass) => {
      const error = gssError(bit, 0);

      expect(error.constructor).toBe(errorClass);
      expect(error).toBeInstanceOf(SupplementaryError);
      expect(error.supplementaryCode).toBe(bit);
    },
  );

  it('places the two out-of-sequence classes under TokenOutOfSequenceError', () => {
    expect(gssError(UNSEQ, 0)).toBeInstanceOf(TokenOutOfSequenceError);
    expect(gssError(GAP, 0)).toBeInstanceOf(TokenOutOfSequenceError);
    expect(gssError(DUPLICATE, 0)).not.toBeInstanceOf(TokenOutOfSequenceError);
  });

  it.each(COMBINED)(
    'calling and routine error %i give the combined class, an instance of both parents',
    (major, errorClass, callingParent, routineParent, name) => {
      const error = gssError(major, 0);

      expect(error.constructor).toBe(errorClass);
      expect(error).toBeInstanceOf(callingParent);
      expect(error).toBeInstanceOf(routineParent);
      expect(error.code).toBe(name);
    },
  );

  it('does not make a parent class an instance of its combined child', () => {
    expect(gssError(routine(2), 0)).not.toBeInstanceOf(NameReadError);
    expect(gssError(READ, 0)).not.toBeInstanceOf(BadNameError);
    expect(gssError(routine(8), 0)).not.toBeInstanceOf(ContextReadError);
  });

  it('falls back to the calling class when the routine error has no combined class', () => {
    expect(errorClassFor(READ | routine(1))).toBe(ParameterReadError);
    expect(errorClassFor(WRITE | routine(2))).toBe(ParameterWriteError);
    expect(errorClassFor(STRUCTURE | routine(9))).toBe(MalformedParameterError);
    expect(errorClassFor(READ | DUPLICATE)).toBe(ParameterReadError);
  });

  it('lets a routine error win over supplementary bits', () => {
    expect(errorClassFor(routine(6) | DUPLICATE)).toBe(BadMICError);
    expect(errorClassFor(routine(9) | GAP | CONTINUE)).toBe(InvalidTokenError);
  });

  it('gives the base class for GSS_S_FAILURE, unknown routine errors and several bits', () => {
    expect(errorClassFor(routine(13))).toBe(GssError);
    expect(errorClassFor(routine(19))).toBe(GssError);
    expect(errorClassFor(CONTINUE)).toBe(GssError);
    expect(errorClassFor(DUPLICATE | GAP)).toBe(GssError);
    expect(gssError(routine(13), 0).code).toBe('FAILURE');
    expect(gssError(routine(19), 0).code).toBe('BAD_MECH_ATTR');
  });

  it('keeps the reference quirk: an unregistered routine error falls back to the bits alone', () => {
    expect(errorClassFor(routine(13) | GAP)).toBe(TokenTooEarlyError);
    expect(errorClassFor(routine(13) | DUPLICATE)).toBe(DuplicateTokenError);
  });

  it('chooses a class for every 32-bit major status without throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffffffff }), (major) => {
        const error = gssError(major, 0);
        expect(error).toBeInstanceOf(GssError);
        expect(error.callingCode | error.routineCode | error.supplementaryCode).toBe(major | 0);
      }),
    );
  });
});

describe('GssError fields and message', () => {
  it('builds the message from MIT texts in the reference format', () => {
    const error = gssError(routine(13), 2529638919, {
      minorMessage: 'Server not found in Kerberos database',
    });

    expect(error.message).toBe(
      'Major (851968): Unspecified GSS failure.  Minor code may provide more information, ' +
        'Minor (2529638919): Server not found in Kerberos database',
    );
    expect(error.name).toBe('GssError');
  });

  it('joins several major texts with " -- " in MIT order', () => {
    const error = gssError(READ | routine(2), 0);

    expect(error.message).toBe(
      `Major (${READ | routine(2)}): A required input parameter could not be read -- ` +
        'An invalid name was supplied, Minor (0): Unknown error',
    );
    expect(error.name).toBe('NameReadError');
  });

  it('says "Unknown error" for minor 0 and names other unexplained minor codes', () => {
    expect(gssError(routine(6), 0).minorMessages).toEqual(['Unknown error']);
    expect(gssError(routine(6), 7).minorMessages).toEqual(['Unknown minor status 7']);
    expect(gssError(routine(6), 7, { minorMessage: ['a', 'b'] }).message).toMatch(/: a -- b$/);
  });

  it('keeps a copy of the output token and the mechanism', () => {
    const token = Uint8Array.of(0x7e, 0x03, 0x02, 0x01, 0x00);
    const error = gssError(routine(13), 1, { token, mech: MechType.kerberos });
    token[0] = 0;

    expect(error.token).toEqual(Uint8Array.of(0x7e, 0x03, 0x02, 0x01, 0x00));
    expect(error.mech?.equals(MechType.kerberos)).toBe(true);
    expect(gssError(routine(13), 1).token).toBeNull();
  });

  it('prefixes the failing operation and reports a missing extension as GSS_S_UNAVAILABLE', () => {
    const error = unavailable('wrapIov');

    expect(error).toBeInstanceOf(OperationUnavailableError);
    expect(error.major).toBe(routine(16));
    expect(error.minor).toBe(0);
    expect(error.operation).toBe('wrapIov');
    expect(error.message).toMatch(
      /^wrapIov: Major \(1048576\): The operation or option is not available or unsupported/,
    );
  });

  it('rejects status values that are not 32-bit unsigned integers', () => {
    expect(() => gssError(-1, 0)).toThrow(RangeError);
    expect(() => gssError(2 ** 32, 0)).toThrow(RangeError);
    expect(() => gssError(routine(13), 1.5)).toThrow(RangeError);
  });
});
