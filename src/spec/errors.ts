/**
 * The `GssError` family: one class per status the reference (python-gssapi's
 * `gssapi.raw.exceptions`) names, chosen from the major status the way the reference chooses.
 *
 * A caller's mistake (a wrong type, a wrong length) is a `TypeError` or `RangeError`, never a
 * `GssError`: a `GssError` is always a status that a GSS-API implementation returned.
 *
 * @module
 */

import { majorStatusMessages } from './display-status.js';
import type { OID } from './oid.js';
import {
  callingError,
  GSS_S_BAD_BINDINGS,
  GSS_S_BAD_MECH,
  GSS_S_BAD_MECH_ATTR,
  GSS_S_BAD_MIC,
  GSS_S_BAD_NAME,
  GSS_S_BAD_NAMETYPE,
  GSS_S_BAD_QOP,
  GSS_S_BAD_STATUS,
  GSS_S_CALL_BAD_STRUCTURE,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_CALL_INACCESSIBLE_WRITE,
  GSS_S_CONTEXT_EXPIRED,
  GSS_S_CREDENTIALS_EXPIRED,
  GSS_S_DEFECTIVE_CREDENTIAL,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_DUPLICATE_ELEMENT,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
  GSS_S_NAME_NOT_MN,
  GSS_S_NO_CONTEXT,
  GSS_S_NO_CRED,
  GSS_S_OLD_TOKEN,
  GSS_S_UNAUTHORIZED,
  GSS_S_UNAVAILABLE,
  GSS_S_UNSEQ_TOKEN,
  routineError,
  supplementaryInfo,
} from './status.js';

/** The string codes of the error classes, for `switch (error.code)`. */
export type GssErrorCode =
  | 'FAILURE'
  | 'BAD_MECH_ATTR'
  | 'CALL_INACCESSIBLE_READ'
  | 'CALL_INACCESSIBLE_WRITE'
  | 'CALL_BAD_STRUCTURE'
  | 'BAD_MECH'
  | 'BAD_NAME'
  | 'BAD_NAMETYPE'
  | 'BAD_BINDINGS'
  | 'BAD_STATUS'
  | 'BAD_MIC'
  | 'NO_CRED'
  | 'NO_CONTEXT'
  | 'DEFECTIVE_TOKEN'
  | 'DEFECTIVE_CREDENTIAL'
  | 'CREDENTIALS_EXPIRED'
  | 'CONTEXT_EXPIRED'
  | 'BAD_QOP'
  | 'UNAUTHORIZED'
  | 'UNAVAILABLE'
  | 'DUPLICATE_ELEMENT'
  | 'NAME_NOT_MN'
  | 'NAME_READ'
  | 'NAME_TYPE_READ'
  | 'TOKEN_READ'
  | 'CONTEXT_READ'
  | 'CREDENTIALS_READ'
  | 'CONTEXT_WRITE'
  | 'CREDENTIALS_WRITE'
  | 'SUPPLEMENTARY'
  | 'DUPLICATE_TOKEN'
  | 'OLD_TOKEN'
  | 'UNSEQ_TOKEN'
  | 'GAP_TOKEN';

/** What a backend knows of an error beyond its two status codes. */
export interface GssErrorOptions {
  /** The output token the C call produced with the error (a KRB-ERROR, say). Copied. */
  readonly token?: Uint8Array | null;
  /**
   * The minor status text(s), as `gss_display_status(GSS_C_MECH_CODE)` gives them. Without it
   * a minor status of 0 reads `Unknown error` (MIT's text) and any other `Unknown minor status N`.
   */
  readonly minorMessage?: string | readonly string[];
  /** The mechanism the minor status belongs to. */
  readonly mech?: OID | null;
  /** The GSS-API function that failed, such as `wrap`; it prefixes the message. */
  readonly operation?: string;
}

/** MIT mechglue's text for a minor status of 0. */
export const UNKNOWN_MINOR_TEXT = 'Unknown error';

const extraSubclasses = new WeakMap<object, Set<object>>();

/**
 * A GSS-API status other than success, with its major and minor codes.
 *
 * Build one with {@link gssError}, which picks the subclass the reference picks. The message
 * is the reference's: `Major (M): <major texts>, Minor (m): <minor texts>`, the texts joined by
 * ` -- `, and prefixed by the failing operation's name when known.
 */
export class GssError extends Error {
  /** The class's string code; a subclass sets its own. */
  static readonly CODE: GssErrorCode = 'FAILURE';

  /** The major status, as a C `OM_uint32`. */
  readonly major: number;
  /** The mechanism's minor status, as a C `OM_uint32`. */
  readonly minor: number;
  /** The calling-error field of `major`, still shifted (0 when absent). */
  readonly callingCode: number;
  /** The routine-error field of `major`, still shifted (0 when absent). */
  readonly routineCode: number;
  /** The supplementary bits of `major` (0 when absent). */
  readonly supplementaryCode: number;
  /** The output token that came with the error, or null. */
  readonly token: Uint8Array | null;
  /** The mechanism the minor status belongs to, or null. */
  readonly mech: OID | null;
  /** The failing operation, or null. */
  readonly operation: string | null;
  /** The texts of the major status, as MIT's `gss_display_status` gives them. */
  readonly majorMessages: readonly string[];
  /** The texts of the minor status. */
  readonly minorMessages: readonly string[];
  /** A string for `switch`, such as `BAD_MIC` or `NAME_READ`. */
  readonly code: GssErrorCode;

  /**
   * @param major the major status (a routine or calling error should be set).
   * @param minor the minor status.
   * @throws {RangeError} when a status is not a 32-bit unsigned integer.
   */
  constructor(major: number, minor: number, options: GssErrorOptions = {}) {
    checkStatus('major', major);
    checkStatus('minor', minor);
    const majorMessages = majorStatusMessages(major);
    const minorMessages = minorTexts(minor, options.minorMessage);
    const majorText = `Major (${major}): ${majorMessages.join(' -- ')}`;
    const text = `${majorText}, Minor (${minor}): ${minorMessages.join(' -- ')}`;
    super(options.operation === undefined ? text : `${options.operation}: ${text}`);

    this.name = new.target.name;
    this.major = major;
    this.minor = minor;
    this.callingCode = callingError(major);
    this.routineCode = routineError(major);
    this.supplementaryCode = supplementaryInfo(major);
    this.token = options.token ? Uint8Array.from(options.token) : null;
    this.mech = options.mech ?? null;
    this.operation = options.operation ?? null;
    this.majorMessages = majorMessages;
    this.minorMessages = minorMessages;
    this.code = new.target === GssError ? baseCode(major) : (new.target as typeof GssError).CODE;
  }

  /**
   * `instanceof` also answers true for the second parent of a combined class, as the
   * reference's multiple inheritance does: a `NameReadError` is a `BadNameError`.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of `instanceof`
    return isInstanceOrExtra(this, instance);
  }
}

/** Whether `instance` is an instance of `target` or of a class made to extend it too. */
function isInstanceOrExtra(target: object, instance: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(target, instance)) return true;
  const extra = extraSubclasses.get(target);
  if (extra === undefined) return false;
  for (const subclass of extra) {
    if (Function.prototype[Symbol.hasInstance].call(subclass, instance)) return true;
  }
  return false;
}

function baseCode(major: number): GssErrorCode {
  return routineError(major) === GSS_S_BAD_MECH_ATTR ? 'BAD_MECH_ATTR' : 'FAILURE';
}

function checkStatus(which: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`GssError: expected a 32-bit unsigned ${which} status, got ${value}`);
  }
}

function minorTexts(minor: number, given: string | readonly string[] | undefined): string[] {
  if (typeof given === 'string') return [given];
  if (given !== undefined && given.length > 0) return [...given];
  return [minor === 0 ? UNKNOWN_MINOR_TEXT : `Unknown minor status ${minor}`];
}

/** Makes `child` an `instanceof` match for `parent` too (a second base class). */
function alsoExtends(child: object, parent: object): void {
  const set = extraSubclasses.get(parent) ?? new Set();
  set.add(child);
  extraSubclasses.set(parent, set);
}

// Calling errors.

/** GSS_S_CALL_INACCESSIBLE_READ: a required input parameter could not be read. */
export class ParameterReadError extends GssError {
  static override readonly CODE: GssErrorCode = 'CALL_INACCESSIBLE_READ';
}
/** GSS_S_CALL_INACCESSIBLE_WRITE: a required output parameter could not be written. */
export class ParameterWriteError extends GssError {
  static override readonly CODE: GssErrorCode = 'CALL_INACCESSIBLE_WRITE';
}
/** GSS_S_CALL_BAD_STRUCTURE: a parameter was malformed. */
export class MalformedParameterError extends GssError {
  static override readonly CODE: GssErrorCode = 'CALL_BAD_STRUCTURE';
}

// Routine errors.

/** GSS_S_BAD_MECH: an unsupported mechanism was requested. */
export class BadMechanismError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_MECH';
}
/** GSS_S_BAD_NAME: an invalid name was supplied. */
export class BadNameError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_NAME';
}
/** GSS_S_BAD_NAMETYPE: a name was of an unsupported type. */
export class BadNameTypeError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_NAMETYPE';
}
/** GSS_S_BAD_BINDINGS: incorrect channel bindings were supplied. */
export class BadChannelBindingsError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_BINDINGS';
}
/** GSS_S_BAD_STATUS: an invalid status code was supplied. */
export class BadStatusError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_STATUS';
}
/** GSS_S_BAD_MIC (GSS_S_BAD_SIG): a token had an invalid MIC. */
export class BadMICError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_MIC';
}
/** GSS_S_NO_CRED: no credentials were supplied, or they were unavailable. */
export class MissingCredentialsError extends GssError {
  static override readonly CODE: GssErrorCode = 'NO_CRED';
}
/** GSS_S_NO_CONTEXT: no context has been established. */
export class MissingContextError extends GssError {
  static override readonly CODE: GssErrorCode = 'NO_CONTEXT';
}
/** GSS_S_DEFECTIVE_TOKEN: a token was invalid. */
export class InvalidTokenError extends GssError {
  static override readonly CODE: GssErrorCode = 'DEFECTIVE_TOKEN';
}
/** GSS_S_DEFECTIVE_CREDENTIAL: a credential was invalid. */
export class InvalidCredentialsError extends GssError {
  static override readonly CODE: GssErrorCode = 'DEFECTIVE_CREDENTIAL';
}
/** GSS_S_CREDENTIALS_EXPIRED: the referenced credentials have expired. */
export class ExpiredCredentialsError extends GssError {
  static override readonly CODE: GssErrorCode = 'CREDENTIALS_EXPIRED';
}
/** GSS_S_CONTEXT_EXPIRED: the context has expired. */
export class ExpiredContextError extends GssError {
  static override readonly CODE: GssErrorCode = 'CONTEXT_EXPIRED';
}
/** GSS_S_BAD_QOP: the requested quality of protection could not be provided. */
export class BadQoPError extends GssError {
  static override readonly CODE: GssErrorCode = 'BAD_QOP';
}
/** GSS_S_UNAUTHORIZED: the operation is forbidden by local security policy. */
export class UnauthorizedError extends GssError {
  static override readonly CODE: GssErrorCode = 'UNAUTHORIZED';
}
/** GSS_S_UNAVAILABLE: the operation or option is not available; also a missing extension. */
export class OperationUnavailableError extends GssError {
  static override readonly CODE: GssErrorCode = 'UNAVAILABLE';
}
/** GSS_S_DUPLICATE_ELEMENT: the requested credential element already exists. */
export class DuplicateCredentialsElementError extends GssError {
  static override readonly CODE: GssErrorCode = 'DUPLICATE_ELEMENT';
}
/** GSS_S_NAME_NOT_MN: the name was not a mechanism name. */
export class MechanismNameRequiredError extends GssError {
  static override readonly CODE: GssErrorCode = 'NAME_NOT_MN';
}

// Calling and routine errors together; each is also an instance of its routine class.

/** GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME: no name was given. */
export class NameReadError extends ParameterReadError {
  static override readonly CODE: GssErrorCode = 'NAME_READ';
}
/** GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAMETYPE. */
export class NameTypeReadError extends ParameterReadError {
  static override readonly CODE: GssErrorCode = 'NAME_TYPE_READ';
}
/** GSS_S_CALL_INACCESSIBLE_READ | GSS_S_DEFECTIVE_TOKEN: no token was given. */
export class TokenReadError extends ParameterReadError {
  static override readonly CODE: GssErrorCode = 'TOKEN_READ';
}
/** GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT: no context was given. */
export class ContextReadError extends ParameterReadError {
  static override readonly CODE: GssErrorCode = 'CONTEXT_READ';
}
/** GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CRED: no credentials were given. */
export class CredentialsReadError extends ParameterReadError {
  static override readonly CODE: GssErrorCode = 'CREDENTIALS_READ';
}
/** GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT. */
export class ContextWriteError extends ParameterWriteError {
  static override readonly CODE: GssErrorCode = 'CONTEXT_WRITE';
}
/** GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CRED. */
export class CredentialsWriteError extends ParameterWriteError {
  static override readonly CODE: GssErrorCode = 'CREDENTIALS_WRITE';
}

alsoExtends(NameReadError, BadNameError);
alsoExtends(NameTypeReadError, BadNameTypeError);
alsoExtends(TokenReadError, InvalidTokenError);
alsoExtends(ContextReadError, MissingContextError);
alsoExtends(CredentialsReadError, MissingCredentialsError);
alsoExtends(ContextWriteError, MissingContextError);
alsoExtends(CredentialsWriteError, MissingCredentialsError);

// Supplementary bits alone.

/** The base of the errors that a supplementary bit alone selects. */
export class SupplementaryError extends GssError {
  static override readonly CODE: GssErrorCode = 'SUPPLEMENTARY';
}
/** GSS_S_DUPLICATE_TOKEN: the token was a duplicate of an earlier token. */
export class DuplicateTokenError extends SupplementaryError {
  static override readonly CODE: GssErrorCode = 'DUPLICATE_TOKEN';
}
/** GSS_S_OLD_TOKEN: the token is too old to be checked for duplication. */
export class ExpiredTokenError extends SupplementaryError {
  static override readonly CODE: GssErrorCode = 'OLD_TOKEN';
}
/** The base of the out-of-sequence errors. */
export class TokenOutOfSequenceError extends SupplementaryError {}
/** GSS_S_UNSEQ_TOKEN: a later token has already been processed. */
export class TokenTooLateError extends TokenOutOfSequenceError {
  static override readonly CODE: GssErrorCode = 'UNSEQ_TOKEN';
}
/** GSS_S_GAP_TOKEN: an expected earlier token was not received. */
export class TokenTooEarlyError extends TokenOutOfSequenceError {
  static override readonly CODE: GssErrorCode = 'GAP_TOKEN';
}

type ErrorClass = new (major: number, minor: number, options?: GssErrorOptions) => GssError;

/** Which class the reference registers for each (calling, routine, supplementary) triple. */
const REGISTRY: ReadonlyArray<readonly [number, number, number, ErrorClass]> = [
  [GSS_S_CALL_INACCESSIBLE_READ, 0, 0, ParameterReadError],
  [GSS_S_CALL_INACCESSIBLE_WRITE, 0, 0, ParameterWriteError],
  [GSS_S_CALL_BAD_STRUCTURE, 0, 0, MalformedParameterError],
  [0, GSS_S_BAD_MECH, 0, BadMechanismError],
  [0, GSS_S_BAD_NAME, 0, BadNameError],
  [0, GSS_S_BAD_NAMETYPE, 0, BadNameTypeError],
  [0, GSS_S_BAD_BINDINGS, 0, BadChannelBindingsError],
  [0, GSS_S_BAD_STATUS, 0, BadStatusError],
  [0, GSS_S_BAD_MIC, 0, BadMICError],
  [0, GSS_S_NO_CRED, 0, MissingCredentialsError],
  [0, GSS_S_NO_CONTEXT, 0, MissingContextError],
  [0, GSS_S_DEFECTIVE_TOKEN, 0, InvalidTokenError],
  [0, GSS_S_DEFECTIVE_CREDENTIAL, 0, InvalidCredentialsError],
  [0, GSS_S_CREDENTIALS_EXPIRED, 0, ExpiredCredentialsError],
  [0, GSS_S_CONTEXT_EXPIRED, 0, ExpiredContextError],
  [0, GSS_S_BAD_QOP, 0, BadQoPError],
  [0, GSS_S_UNAUTHORIZED, 0, UnauthorizedError],
  [0, GSS_S_UNAVAILABLE, 0, OperationUnavailableError],
  [0, GSS_S_DUPLICATE_ELEMENT, 0, DuplicateCredentialsElementError],
  [0, GSS_S_NAME_NOT_MN, 0, MechanismNameRequiredError],
  [GSS_S_CALL_INACCESSIBLE_READ, GSS_S_BAD_NAME, 0, NameReadError],
  [GSS_S_CALL_INACCESSIBLE_READ, GSS_S_BAD_NAMETYPE, 0, NameTypeReadError],
  [GSS_S_CALL_INACCESSIBLE_READ, GSS_S_DEFECTIVE_TOKEN, 0, TokenReadError],
  [GSS_S_CALL_INACCESSIBLE_READ, GSS_S_NO_CONTEXT, 0, ContextReadError],
  [GSS_S_CALL_INACCESSIBLE_READ, GSS_S_NO_CRED, 0, CredentialsReadError],
  [GSS_S_CALL_INACCESSIBLE_WRITE, GSS_S_NO_CONTEXT, 0, ContextWriteError],
  [GSS_S_CALL_INACCESSIBLE_WRITE, GSS_S_NO_CRED, 0, CredentialsWriteError],
  [0, 0, GSS_S_DUPLICATE_TOKEN, DuplicateTokenError],
  [0, 0, GSS_S_OLD_TOKEN, ExpiredTokenError],
  [0, 0, GSS_S_UNSEQ_TOKEN, TokenTooLateError],
  [0, 0, GSS_S_GAP_TOKEN, TokenTooEarlyError],
];

/** calling → routine → supplementary → class; 0 stands for "absent" at each level. */
const TREE = new Map<number, Map<number, Map<number, ErrorClass>>>();
for (const [calling, routine, supplementary, errorClass] of REGISTRY) {
  const byRoutine = TREE.get(calling) ?? new Map<number, Map<number, ErrorClass>>();
  const bySupplementary = byRoutine.get(routine) ?? new Map<number, ErrorClass>();
  bySupplementary.set(supplementary, errorClass);
  byRoutine.set(routine, bySupplementary);
  TREE.set(calling, byRoutine);
}

/**
 * The class the reference raises for a major status. At each level (calling, then routine,
 * then supplementary) the exact field is looked up and, failing that, the "absent" entry:
 * `READ | BAD_MECH` is a `ParameterReadError`, `BAD_MIC | DUPLICATE_TOKEN` a `BadMICError`,
 * `FAILURE` the base `GssError`, and (a quirk kept on purpose) `FAILURE | GAP_TOKEN` a
 * `TokenTooEarlyError`, because an unregistered routine error falls back to the supplementary
 * table. Two supplementary bits together select no class.
 */
export function errorClassFor(major: number): ErrorClass {
  const calling = callingError(major);
  const routine = routineError(major);
  const supplementary = supplementaryInfo(major);

  const byRoutine = TREE.get(calling) ?? TREE.get(0);
  const bySupplementary = byRoutine?.get(routine) ?? byRoutine?.get(0);
  return bySupplementary?.get(supplementary) ?? bySupplementary?.get(0) ?? GssError;
}

/** The error of the reference's class for this major status. */
export function gssError(major: number, minor: number, options?: GssErrorOptions): GssError {
  const ErrorClass = errorClassFor(major);
  return new ErrorClass(major, minor, options);
}

/** The error an absent extension or option gives: GSS_S_UNAVAILABLE, minor 0. */
export function unavailable(operation: string): OperationUnavailableError {
  return new OperationUnavailableError(GSS_S_UNAVAILABLE, 0, { operation });
}
