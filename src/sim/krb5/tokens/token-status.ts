/**
 * How a per-message check fails: a major and a minor status as MIT's krb5 mechanism returns
 * them (before the mechglue maps the minor), and the `GssError` made of them.
 *
 * @module
 */

import { type GssError, gssError } from '../../../spec/errors.js';
import { minorMessage } from '../../errors/index.js';

/** A failed check: MIT's major status and the krb5 mechanism's minor status. */
export interface TokenFailure {
  readonly ok: false;
  /** The major status: a routine error, or a supplementary bit alone. */
  readonly major: number;
  /** The mechanism's minor status (0 where MIT sets none). */
  readonly minor: number;
}

/**
 * Makes the error a failed call throws. The GSS layer may pass its own, to renumber a minor
 * status as MIT's mechglue does (`util_errmap.c`: a minor 0 another mechanism already used
 * becomes 100001 and up, printed `Success`).
 */
export type TokenErrorFactory = (operation: string, major: number, minor: number) => GssError;

/**
 * The default {@link TokenErrorFactory}: the reference's class for the major status, the
 * mechanism's minor status unmapped, and the text `gss_display_status` gives for it.
 */
export const tokenError: TokenErrorFactory = (operation, major, minor) =>
  gssError(major, minor, { operation, minorMessage: minorMessage(minor) });

/**
 * A failure.
 *
 * @param major the major status.
 * @param minor the minor status.
 */
export function failure(major: number, minor: number): TokenFailure {
  return { ok: false, major, minor };
}
