/**
 * The API's arguments turned into C values, before any C call. The checks themselves are the
 * spec's (`src/spec/arguments.ts`), shared with the sim, so both backends refuse the same
 * mistakes with the same TypeError or RangeError; this module adds what C needs: buffer
 * descriptors, C strings, usage numbers and the bindings struct.
 *
 * @module
 */

import {
  bytesValue,
  channelBindingsValue,
  nulFreeText,
  nullableUsageValue,
  usageValue,
} from '../../spec/arguments.js';
import type { CredUsage } from '../../spec/options.js';
import { type BufferDesc, inBuffer } from './memory.js';

export {
  booleanArgument,
  contextInquiryOidArgument,
  flagsArgument,
  GSS_C_INDEFINITE,
  int32Argument,
  lengthArgument,
  lifetimeArgument,
  nulFreeText,
  oidArgument,
  oidListArgument,
  optionalOidArgument,
  optionalOidListArgument,
  qopArgument,
  textBytes,
  UINT32_MAX,
  uint32Argument,
} from '../../spec/arguments.js';

/** A C `gss_cred_usage_t` (GSS_C_BOTH 0, GSS_C_INITIATE 1, GSS_C_ACCEPT 2). */
export const CRED_USAGE = { both: 0, initiate: 1, accept: 2 } as const;

/**
 * Text as a NUL-terminated UTF-8 C string.
 * @throws {TypeError} when not a Uint8Array or string, or when it holds a NUL byte.
 */
export function cString(value: unknown, what: string, operation: string): Uint8Array {
  const bytes = nulFreeText(value, what, operation);
  const terminated = new Uint8Array(bytes.length + 1);
  terminated.set(bytes);
  return terminated;
}

/**
 * An input buffer for required bytes.
 * @throws {TypeError} when `value` is not a Uint8Array.
 */
export function bytesArgument(value: unknown, what: string, operation: string): BufferDesc {
  return inBuffer(bytesValue(value, what, operation));
}

/**
 * An input buffer over a private copy of `value`, for calls that MIT lets write into their
 * input (`gss_unwrap` rotates and decrypts a token in place): koffi hands C the array's own
 * memory, so without the copy the caller's token would change.
 * @throws {TypeError} when `value` is not a Uint8Array.
 */
export function copiedBytesArgument(value: unknown, what: string, operation: string): BufferDesc {
  return inBuffer(bytesValue(value, what, operation).slice());
}

/**
 * The C `gss_cred_usage_t` of a usage option, `fallback` when absent (undefined).
 * @throws {TypeError} for anything but `initiate`, `accept` or `both` (null included).
 */
export function usageArgument(value: unknown, fallback: CredUsage, operation: string): number {
  return CRED_USAGE[usageValue(value, fallback, operation)];
}

/**
 * As {@link usageArgument}, but null takes the fallback too.
 * @throws {TypeError} for anything but `initiate`, `accept`, `both`, null or absent.
 */
export function nullableUsageArgument(
  value: unknown,
  fallback: CredUsage,
  operation: string,
): number {
  return CRED_USAGE[nullableUsageValue(value, fallback, operation)];
}

/**
 * A C `gss_channel_bindings_struct` for `bindings`, or null (GSS_C_NO_CHANNEL_BINDINGS).
 * @throws {TypeError} when given and not a ChannelBindings.
 */
export function bindingsArgument(bindings: unknown, operation: string): object | null {
  const checked = channelBindingsValue(bindings, operation);
  if (checked === null) return null;
  const empty = new Uint8Array(0);
  return {
    initiator_addrtype: checked.initiatorAddressType,
    initiator_address: inBuffer(checked.initiatorAddress ?? empty),
    acceptor_addrtype: checked.acceptorAddressType,
    acceptor_address: inBuffer(checked.acceptorAddress ?? empty),
    application_data: inBuffer(checked.applicationData ?? empty),
  };
}
