/**
 * C output values as the API's results: lifetimes, credential usages and the pointers koffi
 * returns through `_Out_ void **` parameters.
 *
 * @module
 */

import type { CredUsage, Lifetime } from '../../spec/options.js';
import { GSS_C_INDEFINITE } from './arguments.js';

/** A C time value as the API's lifetime: null for GSS_C_INDEFINITE. */
export function lifetimeResult(value: number): Lifetime {
  return value >>> 0 === GSS_C_INDEFINITE ? null : value >>> 0;
}

/** The API's usage for a C `gss_cred_usage_t`, or null when not a known value. */
export function usageResult(value: number): CredUsage | null {
  if (value === 0) return 'both';
  if (value === 1) return 'initiate';
  if (value === 2) return 'accept';
  return null;
}

/** A pointer koffi returned through a `void **` output: a bigint, or 0n for C NULL. */
export function toPointer(value: unknown): bigint {
  return typeof value === 'bigint' ? value : 0n;
}
