/**
 * What a real call gave, reduced to what the spec machines predict, and the comparison of the
 * two: major status, the minor when the prediction names one, output token, flags.
 *
 * @module
 */

import { code } from '../../src/sim/errors/index.js';
import { GssError } from '../../src/spec/errors.js';
import type { Prediction } from '../../src/spec/machines/prediction.js';
import {
  callingError,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_CALL_INACCESSIBLE_WRITE,
  majorStatusName,
} from '../../src/spec/status.js';
import type { StepVerdict } from './model-paths.js';

/** The outcome of one real call. */
export type Outcome =
  | {
      readonly kind: 'status';
      readonly major: number;
      /** The minor status; null when the call succeeded and so reports none. */
      readonly minor: number | null;
      readonly outputToken?: boolean;
      readonly flags?: number;
    }
  | { readonly kind: 'typeError'; readonly message: string };

/** What the machine predicts, with the outputs an establishing call also reports. */
export interface Expected extends Prediction {
  readonly outputToken?: boolean;
  readonly flags?: number;
}

/**
 * Runs `call`: its return is `success(value)`, a `GssError` its major, minor and token, a
 * `TypeError` a caller's mistake. Anything else is rethrown.
 */
export function observe<T>(call: () => T, success: (value: T) => Outcome): Outcome {
  let value: T;
  try {
    value = call();
  } catch (error) {
    if (error instanceof GssError) {
      return {
        kind: 'status',
        major: error.major,
        minor: error.minor,
        outputToken: error.token !== null && error.token !== undefined,
      };
    }
    if (error instanceof TypeError) return { kind: 'typeError', message: error.message };
    throw error;
  }
  return success(value);
}

/** A call that returned: GSS_S_COMPLETE, no minor. */
export const complete = (): Outcome => ({ kind: 'status', major: 0, minor: null });

/**
 * Whether the prediction is the mechglue's answer for a null handle (GSS_C_NO_CONTEXT or
 * GSS_C_NO_NAME): a calling error. In this API such a handle is released or absent, which is a
 * caller's mistake and a `TypeError` by design (DESIGN.md, "Handles").
 */
export function predictsNullHandle(prediction: Prediction): boolean {
  const calling = callingError(prediction.major);
  return calling === GSS_S_CALL_INACCESSIBLE_READ || calling === GSS_S_CALL_INACCESSIBLE_WRITE;
}

function describe(outcome: Outcome): string {
  if (outcome.kind === 'typeError') return `TypeError(${outcome.message})`;
  const minor = outcome.minor === null ? '' : ` minor ${outcome.minor}`;
  const token = outcome.outputToken === undefined ? '' : ` token ${outcome.outputToken}`;
  const flags = outcome.flags === undefined ? '' : ` flags 0x${outcome.flags.toString(16)}`;
  return `${majorStatusName(outcome.major)}${minor}${token}${flags}`;
}

function describeExpected(expected: Expected, typeError: boolean): string {
  if (typeError) return `TypeError (null handle: ${majorStatusName(expected.major)})`;
  const minor = expected.minor === undefined ? '' : ` minor ${expected.minor}`;
  const token = expected.outputToken === undefined ? '' : ` token ${expected.outputToken}`;
  const flags = expected.flags === undefined ? '' : ` flags 0x${expected.flags.toString(16)}`;
  return `${majorStatusName(expected.major)}${minor}${token}${flags}`;
}

/**
 * Compares an outcome with a prediction. `nullHandle` says the call was made on a released or
 * absent handle, where a `TypeError` stands for the calling error MIT's mechglue returns.
 */
export function compare(expected: Expected, outcome: Outcome, nullHandle: boolean): StepVerdict {
  const wrong = (): StepVerdict => ({
    kind: 'mismatched',
    detail: `expected ${describeExpected(expected, nullHandle)}, got ${describe(outcome)}`,
  });

  if (nullHandle) return outcome.kind === 'typeError' ? { kind: 'matched' } : wrong();
  if (outcome.kind === 'typeError') return wrong();
  if (outcome.major !== expected.major) return wrong();
  // A call that returns reports no minor status: a predicted minor is then not observable.
  if (expected.minor !== undefined && outcome.minor !== null) {
    if (outcome.minor !== code(expected.minor)) return wrong();
  }
  if (expected.outputToken !== undefined && outcome.outputToken !== expected.outputToken) {
    return wrong();
  }
  if (expected.flags !== undefined && outcome.flags !== expected.flags) return wrong();
  return { kind: 'matched' };
}
