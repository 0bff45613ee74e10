/**
 * GSS-API major status codes (RFC 2743 §1.2.1.1, RFC 2744 §3.9.1) and the text MIT krb5's
 * `gss_display_status` gives for each.
 *
 * A major status is three non-overlapping fields:
 *
 * ```
 *  31      24 23      16 15                0
 * | calling  | routine  |  supplementary   |
 * ```
 *
 * The constants below carry their field already shifted into place, as in the C header, so
 * `GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME` is a complete major status.
 *
 * @module
 */

/** Bit offset of the calling-error field. */
export const GSS_C_CALLING_ERROR_OFFSET = 24;
/** Bit offset of the routine-error field. */
export const GSS_C_ROUTINE_ERROR_OFFSET = 16;
/** Bit offset of the supplementary-information field. */
export const GSS_C_SUPPLEMENTARY_OFFSET = 0;
/** Unshifted mask of the calling-error field (8 bits). */
export const GSS_C_CALLING_ERROR_MASK = 0o377;
/** Unshifted mask of the routine-error field (8 bits). */
export const GSS_C_ROUTINE_ERROR_MASK = 0o377;
/** Unshifted mask of the supplementary-information field (16 bits). */
export const GSS_C_SUPPLEMENTARY_MASK = 0o177777;

/** The call completed. */
export const GSS_S_COMPLETE = 0;

/** A required input parameter could not be read. */
export const GSS_S_CALL_INACCESSIBLE_READ = (1 << GSS_C_CALLING_ERROR_OFFSET) >>> 0;
/** A required output parameter could not be written. */
export const GSS_S_CALL_INACCESSIBLE_WRITE = (2 << GSS_C_CALLING_ERROR_OFFSET) >>> 0;
/** A parameter was malformed. */
export const GSS_S_CALL_BAD_STRUCTURE = (3 << GSS_C_CALLING_ERROR_OFFSET) >>> 0;

/** An unsupported mechanism was requested. */
export const GSS_S_BAD_MECH = 1 << GSS_C_ROUTINE_ERROR_OFFSET;
/** An invalid name was supplied. */
export const GSS_S_BAD_NAME = 2 << GSS_C_ROUTINE_ERROR_OFFSET;
/** A supplied name was of an unsupported type. */
export const GSS_S_BAD_NAMETYPE = 3 << GSS_C_ROUTINE_ERROR_OFFSET;
/** Incorrect channel bindings were supplied. */
export const GSS_S_BAD_BINDINGS = 4 << GSS_C_ROUTINE_ERROR_OFFSET;
/** An invalid status code was supplied. */
export const GSS_S_BAD_STATUS = 5 << GSS_C_ROUTINE_ERROR_OFFSET;
/** A token had an invalid MIC (the RFC 2744 name). */
export const GSS_S_BAD_MIC = 6 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The GSS-API v1 name of {@link GSS_S_BAD_MIC}. */
export const GSS_S_BAD_SIG = GSS_S_BAD_MIC;
/** No credentials were supplied, or they were unavailable. */
export const GSS_S_NO_CRED = 7 << GSS_C_ROUTINE_ERROR_OFFSET;
/** No context has been established. */
export const GSS_S_NO_CONTEXT = 8 << GSS_C_ROUTINE_ERROR_OFFSET;
/** A token was invalid. */
export const GSS_S_DEFECTIVE_TOKEN = 9 << GSS_C_ROUTINE_ERROR_OFFSET;
/** A credential was invalid. */
export const GSS_S_DEFECTIVE_CREDENTIAL = 10 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The referenced credentials have expired. */
export const GSS_S_CREDENTIALS_EXPIRED = 11 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The context has expired. */
export const GSS_S_CONTEXT_EXPIRED = 12 << GSS_C_ROUTINE_ERROR_OFFSET;
/** Unspecified failure; the minor status says more. */
export const GSS_S_FAILURE = 13 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The requested quality of protection could not be provided. */
export const GSS_S_BAD_QOP = 14 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The operation is forbidden by local security policy. */
export const GSS_S_UNAUTHORIZED = 15 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The operation or option is not available. */
export const GSS_S_UNAVAILABLE = 16 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The requested credential element already exists. */
export const GSS_S_DUPLICATE_ELEMENT = 17 << GSS_C_ROUTINE_ERROR_OFFSET;
/** The name was not a mechanism name. */
export const GSS_S_NAME_NOT_MN = 18 << GSS_C_ROUTINE_ERROR_OFFSET;
/** A mechanism attribute was invalid (RFC 5587). */
export const GSS_S_BAD_MECH_ATTR = 19 << GSS_C_ROUTINE_ERROR_OFFSET;

/** The routine must be called again to complete its function. */
export const GSS_S_CONTINUE_NEEDED = 1 << (GSS_C_SUPPLEMENTARY_OFFSET + 0);
/** The token was a duplicate of an earlier token. */
export const GSS_S_DUPLICATE_TOKEN = 1 << (GSS_C_SUPPLEMENTARY_OFFSET + 1);
/** The token's validity period has expired (it is too old to be checked for duplication). */
export const GSS_S_OLD_TOKEN = 1 << (GSS_C_SUPPLEMENTARY_OFFSET + 2);
/** A later token has already been processed. */
export const GSS_S_UNSEQ_TOKEN = 1 << (GSS_C_SUPPLEMENTARY_OFFSET + 3);
/** An expected per-message token was not received. */
export const GSS_S_GAP_TOKEN = 1 << (GSS_C_SUPPLEMENTARY_OFFSET + 4);

/** The calling-error field of a major status, still shifted (RFC 2744 `GSS_CALLING_ERROR`). */
export function callingError(major: number): number {
  return (major & (GSS_C_CALLING_ERROR_MASK << GSS_C_CALLING_ERROR_OFFSET)) >>> 0;
}

/** The routine-error field of a major status, still shifted (RFC 2744 `GSS_ROUTINE_ERROR`). */
export function routineError(major: number): number {
  return (major & (GSS_C_ROUTINE_ERROR_MASK << GSS_C_ROUTINE_ERROR_OFFSET)) >>> 0;
}

/** The supplementary-information field of a major status (RFC 2744 `GSS_SUPPLEMENTARY_INFO`). */
export function supplementaryInfo(major: number): number {
  return (major & (GSS_C_SUPPLEMENTARY_MASK << GSS_C_SUPPLEMENTARY_OFFSET)) >>> 0;
}

/** True when the major status carries a calling or routine error (RFC 2744 `GSS_ERROR`). */
export function isGssError(major: number): boolean {
  return callingError(major) !== 0 || routineError(major) !== 0;
}

/** The C names of the calling errors, by shifted value. */
export const CALLING_ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [GSS_S_CALL_INACCESSIBLE_READ, 'GSS_S_CALL_INACCESSIBLE_READ'],
  [GSS_S_CALL_INACCESSIBLE_WRITE, 'GSS_S_CALL_INACCESSIBLE_WRITE'],
  [GSS_S_CALL_BAD_STRUCTURE, 'GSS_S_CALL_BAD_STRUCTURE'],
]);

/** The C names of the routine errors, by shifted value. */
export const ROUTINE_ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [GSS_S_BAD_MECH, 'GSS_S_BAD_MECH'],
  [GSS_S_BAD_NAME, 'GSS_S_BAD_NAME'],
  [GSS_S_BAD_NAMETYPE, 'GSS_S_BAD_NAMETYPE'],
  [GSS_S_BAD_BINDINGS, 'GSS_S_BAD_BINDINGS'],
  [GSS_S_BAD_STATUS, 'GSS_S_BAD_STATUS'],
  [GSS_S_BAD_MIC, 'GSS_S_BAD_MIC'],
  [GSS_S_NO_CRED, 'GSS_S_NO_CRED'],
  [GSS_S_NO_CONTEXT, 'GSS_S_NO_CONTEXT'],
  [GSS_S_DEFECTIVE_TOKEN, 'GSS_S_DEFECTIVE_TOKEN'],
  [GSS_S_DEFECTIVE_CREDENTIAL, 'GSS_S_DEFECTIVE_CREDENTIAL'],
  [GSS_S_CREDENTIALS_EXPIRED, 'GSS_S_CREDENTIALS_EXPIRED'],
  [GSS_S_CONTEXT_EXPIRED, 'GSS_S_CONTEXT_EXPIRED'],
  [GSS_S_FAILURE, 'GSS_S_FAILURE'],
  [GSS_S_BAD_QOP, 'GSS_S_BAD_QOP'],
  [GSS_S_UNAUTHORIZED, 'GSS_S_UNAUTHORIZED'],
  [GSS_S_UNAVAILABLE, 'GSS_S_UNAVAILABLE'],
  [GSS_S_DUPLICATE_ELEMENT, 'GSS_S_DUPLICATE_ELEMENT'],
  [GSS_S_NAME_NOT_MN, 'GSS_S_NAME_NOT_MN'],
  [GSS_S_BAD_MECH_ATTR, 'GSS_S_BAD_MECH_ATTR'],
]);

/** The C names of the supplementary bits, by value. */
export const SUPPLEMENTARY_NAMES: ReadonlyMap<number, string> = new Map([
  [GSS_S_CONTINUE_NEEDED, 'GSS_S_CONTINUE_NEEDED'],
  [GSS_S_DUPLICATE_TOKEN, 'GSS_S_DUPLICATE_TOKEN'],
  [GSS_S_OLD_TOKEN, 'GSS_S_OLD_TOKEN'],
  [GSS_S_UNSEQ_TOKEN, 'GSS_S_UNSEQ_TOKEN'],
  [GSS_S_GAP_TOKEN, 'GSS_S_GAP_TOKEN'],
]);

/**
 * A major status written as its C names joined by `|`, for messages and traces:
 * `GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME`, `GSS_S_COMPLETE`, or a hex number for
 * fields that have no name.
 */
export function majorStatusName(major: number): string {
  const parts: string[] = [];
  const calling = callingError(major);
  const routine = routineError(major);
  const supplementary = supplementaryInfo(major);

  if (calling !== 0) parts.push(CALLING_ERROR_NAMES.get(calling) ?? hex(calling));
  if (routine !== 0) parts.push(ROUTINE_ERROR_NAMES.get(routine) ?? hex(routine));
  for (let bit = 1; bit <= GSS_C_SUPPLEMENTARY_MASK; bit <<= 1) {
    if ((supplementary & bit) !== 0) parts.push(SUPPLEMENTARY_NAMES.get(bit) ?? hex(bit));
  }
  return parts.length === 0 ? 'GSS_S_COMPLETE' : parts.join(' | ');
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
