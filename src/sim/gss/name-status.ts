/**
 * How a name call fails: a major status with the minor code of the layer that chose it. The
 * mechglue's own failures carry minor 0 as they are; the krb5 mechanism's codes go through the
 * mechglue's minor map (`map_error`), which turns a 0 into a made-up number (see
 * `minor-map.ts`).
 *
 * @module
 */

import { type GssError, gssError } from '../../spec/errors.js';
import { errorMessage } from '../errors/index.js';

/** A failed step of a name call. */
export interface NameFailure {
  readonly ok: false;
  /** The major status. */
  readonly major: number;
  /** The minor code, as the layer that failed chose it. */
  readonly minor: number;
  /** True when the krb5 mechanism chose the minor code, so the mechglue maps it. */
  readonly mechanism: boolean;
}

/** A step's result: its value, or why it failed. */
export type NameResult<T> = { readonly ok: true; readonly value: T } | NameFailure;

/** The mechglue's map of mechanism minor codes; {@link MinorMap} of `minor-map.ts` is one. */
export interface MinorMapper {
  /** The number the caller sees for the mechanism's `minor`. */
  map(minor: number): number;
}

/** A failure of the mechglue itself (its minor is not mapped). */
export function glueFailure(major: number, minor = 0): NameFailure {
  return { ok: false, major, minor, mechanism: false };
}

/** A failure of the krb5 mechanism (its minor goes through the mechglue's map). */
export function mechFailure(major: number, minor = 0): NameFailure {
  return { ok: false, major, minor, mechanism: true };
}

/** A step that worked. */
export function success<T>(value: T): NameResult<T> {
  return { ok: true, value };
}

/**
 * The error a caller sees for `failure` in `operation`: a mechanism's minor is mapped by
 * `minors` and reads as com_err's text of the mechanism's code; the mechglue's minor 0 reads
 * `Unknown error`.
 */
export function nameError(
  failure: NameFailure,
  operation: string,
  minors: MinorMapper | undefined,
): GssError {
  if (!failure.mechanism) return gssError(failure.major, failure.minor, { operation });

  const minor = minors === undefined ? failure.minor : minors.map(failure.minor);
  return gssError(failure.major, minor, { operation, minorMessage: errorMessage(failure.minor) });
}
