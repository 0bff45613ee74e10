/**
 * The minor status text MIT krb5 1.20's `gss_display_status(GSS_C_MECH_CODE)` prints for a
 * minor status of the krb5 mechanism, when no extended message was saved for it.
 *
 * @module
 */

import { errorMessage } from './error-message.js';

/** The text MIT's mechglue prints for a minor status of 0 (`g_dsp_status.c`). */
export const MECHGLUE_ZERO_MINOR_TEXT = 'Unknown error';

/**
 * The text of a krb5 mechanism minor status as `gss_display_status` prints it: the mechglue
 * answers 0 itself with `Unknown error`; any other code goes to the krb5 mechanism, which
 * prints the extended message it saved for that code in this thread if there is one (see
 * `extended-messages.ts`) and otherwise com_err's {@link errorMessage}.
 *
 * A mechanism minor of 0 that came with a failure is renumbered by the mechglue (from 100001
 * up) and then prints as `errorMessage(0)`, that is `Success`.
 */
export function minorMessage(code: number): string {
  if (code >>> 0 === 0) return MECHGLUE_ZERO_MINOR_TEXT;
  return errorMessage(code);
}
