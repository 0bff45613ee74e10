/**
 * The text of a major status as MIT krb5 1.20's `gss_display_status` (mechglue) gives it,
 * one message per call, with the same `message_context` protocol.
 *
 * @module
 */

import {
  callingError,
  GSS_S_BAD_BINDINGS,
  GSS_S_BAD_MECH,
  GSS_S_BAD_MIC,
  GSS_S_BAD_NAME,
  GSS_S_BAD_NAMETYPE,
  GSS_S_BAD_QOP,
  GSS_S_BAD_STATUS,
  GSS_S_CALL_BAD_STRUCTURE,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_CALL_INACCESSIBLE_WRITE,
  GSS_S_COMPLETE,
  GSS_S_CONTEXT_EXPIRED,
  GSS_S_CONTINUE_NEEDED,
  GSS_S_CREDENTIALS_EXPIRED,
  GSS_S_DEFECTIVE_CREDENTIAL,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_DUPLICATE_ELEMENT,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_FAILURE,
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

/** What MIT says of a field value it has no text for, and of anything it cannot place. */
export const INVALID_STATUS_TEXT = 'An invalid status code was supplied';

/** MIT's text for a successful major status. */
export const COMPLETE_TEXT = 'The routine completed successfully';

/** MIT's text for each calling error. */
export const CALLING_ERROR_TEXT: ReadonlyMap<number, string> = new Map([
  [GSS_S_CALL_INACCESSIBLE_READ, 'A required input parameter could not be read'],
  [GSS_S_CALL_INACCESSIBLE_WRITE, 'A required output parameter could not be written'],
  [GSS_S_CALL_BAD_STRUCTURE, 'A parameter was malformed'],
]);

/**
 * MIT's text for each routine error. `GSS_S_BAD_STATUS` and routine values MIT does not know
 * (`GSS_S_BAD_MECH_ATTR` among them) read {@link INVALID_STATUS_TEXT}.
 */
export const ROUTINE_ERROR_TEXT: ReadonlyMap<number, string> = new Map([
  [GSS_S_BAD_MECH, 'An unsupported mechanism was requested'],
  [GSS_S_BAD_NAME, 'An invalid name was supplied'],
  [GSS_S_BAD_NAMETYPE, 'A supplied name was of an unsupported type'],
  [GSS_S_BAD_BINDINGS, 'Incorrect channel bindings were supplied'],
  [GSS_S_BAD_STATUS, INVALID_STATUS_TEXT],
  [GSS_S_BAD_MIC, 'A token had an invalid Message Integrity Check (MIC)'],
  [
    GSS_S_NO_CRED,
    'No credentials were supplied, or the credentials were unavailable or inaccessible',
  ],
  [GSS_S_NO_CONTEXT, 'No context has been established'],
  [GSS_S_DEFECTIVE_TOKEN, 'Invalid token was supplied'],
  [GSS_S_DEFECTIVE_CREDENTIAL, 'Invalid credential was supplied'],
  [GSS_S_CREDENTIALS_EXPIRED, 'The referenced credential has expired'],
  [GSS_S_CONTEXT_EXPIRED, 'The referenced context has expired'],
  [GSS_S_FAILURE, 'Unspecified GSS failure.  Minor code may provide more information'],
  [GSS_S_BAD_QOP, 'The quality-of-protection (QOP) requested could not be provided'],
  [GSS_S_UNAUTHORIZED, 'The operation is forbidden by local security policy'],
  [GSS_S_UNAVAILABLE, 'The operation or option is not available or unsupported'],
  [GSS_S_DUPLICATE_ELEMENT, 'The requested credential element already exists'],
  [GSS_S_NAME_NOT_MN, 'The provided name was not mechanism specific (MN)'],
]);

/** MIT's text for each supplementary bit. */
export const SUPPLEMENTARY_TEXT: ReadonlyMap<number, string> = new Map([
  [GSS_S_CONTINUE_NEEDED, 'The routine must be called again to complete its function'],
  [GSS_S_DUPLICATE_TOKEN, 'The token was a duplicate of an earlier token'],
  [GSS_S_OLD_TOKEN, "The token's validity period has expired"],
  [GSS_S_UNSEQ_TOKEN, 'A later token has already been processed'],
  [GSS_S_GAP_TOKEN, 'An expected per-message token was not received'],
]);

/** One step of {@link displayMajorStatus}. */
export interface MajorStatusText {
  /** The text of one field of the status. */
  readonly message: string;
  /** The context to pass to the next call; 0 when this was the last message. */
  readonly messageContext: number;
}

/**
 * One message of a major status, as MIT's `gss_display_status(GSS_C_GSS_CODE)` gives it: the
 * calling error first, then the routine error, then each supplementary bit from the least
 * significant up. Start with `messageContext` 0 and call again while the returned context is
 * not 0. MIT's context encoding is kept (1 = routine error next, `bits << 1` = supplementary
 * bits next), so contexts are interchangeable with the native library's.
 * A status written as a signed 32-bit integer (as `|` gives in JavaScript) reads as its word.
 * @throws {RangeError} when `status` or `messageContext` does not fit in 32 bits.
 */
export function displayMajorStatus(status: number, messageContext = 0): MajorStatusText {
  checkWord('status', status);
  checkWord('messageContext', messageContext);
  status >>>= 0;
  messageContext >>>= 0;
  const calling = callingError(status);
  const routine = routineError(status);
  const supplementary = supplementaryInfo(status);

  if (status === GSS_S_COMPLETE) return { message: COMPLETE_TEXT, messageContext };

  if (messageContext === 0 && calling !== 0) {
    const message = CALLING_ERROR_TEXT.get(calling) ?? INVALID_STATUS_TEXT;
    if (routine !== 0) return { message, messageContext: 1 };
    return { message, messageContext: supplementary << 1 };
  }

  if ((messageContext === 0 || messageContext === 1) && routine !== 0) {
    const message = ROUTINE_ERROR_TEXT.get(routine) ?? INVALID_STATUS_TEXT;
    return { message, messageContext: supplementary << 1 };
  }

  if ((messageContext === 0 || messageContext >= 2) && supplementary !== 0) {
    const pending = messageContext >= 2 ? messageContext >>> 1 : supplementary;
    const bit = lowestBit(pending & 0xffff);
    if (bit === 0) return { message: INVALID_STATUS_TEXT, messageContext: 0 };
    const message = SUPPLEMENTARY_TEXT.get(bit) ?? INVALID_STATUS_TEXT;
    return { message, messageContext: ((pending & 0xffff) ^ bit) << 1 };
  }

  return { message: INVALID_STATUS_TEXT, messageContext };
}

/** Every message of a major status, in the order {@link displayMajorStatus} gives them. */
export function majorStatusMessages(status: number): string[] {
  const messages: string[] = [];
  let messageContext = 0;

  do {
    const step = displayMajorStatus(status, messageContext);
    messages.push(step.message);
    messageContext = step.messageContext;
  } while (messageContext !== 0 && messages.length < 32);
  return messages;
}

function checkWord(name: string, value: number): void {
  if (typeof value !== 'number') {
    throw new TypeError(`displayMajorStatus: expected ${name} as a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    throw new RangeError(`displayMajorStatus: ${name} is a 32-bit integer, got ${value}`);
  }
}

function lowestBit(value: number): number {
  return value & -value;
}
