/**
 * The API's arguments checked and turned into C values, before any C call. A caller's mistake
 * is a TypeError (wrong type) or a RangeError (a number out of range) whose message names the
 * operation, what was expected and what was found; a secret's value is never in a message.
 *
 * @module
 */

import { ChannelBindings } from '../../spec/channel-bindings.js';
import { type FlagsInput, type RequirementFlag, requirementFlags } from '../../spec/flags.js';
import { OID } from '../../spec/oid.js';
import type { CredUsage, Lifetime } from '../../spec/options.js';
import { type BufferDesc, inBuffer } from './memory.js';

/** The largest C `OM_uint32`. */
export const UINT32_MAX = 0xffffffff;

/** GSS_C_INDEFINITE: an indefinite lifetime. */
export const GSS_C_INDEFINITE = 0xffffffff;

/** A C `gss_cred_usage_t` (GSS_C_BOTH 0, GSS_C_INITIATE 1, GSS_C_ACCEPT 2). */
export const CRED_USAGE = { both: 0, initiate: 1, accept: 2 } as const;

const encoder = new TextEncoder();

/**
 * Bytes given as a Uint8Array, or text to encode as UTF-8.
 * @throws {TypeError} for anything else.
 */
export function textBytes(value: unknown, what: string, operation: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return encoder.encode(value);
  throw new TypeError(
    `${operation}: expected ${what} as a Uint8Array or string, got ${typeof value}`,
  );
}

/**
 * Text for a C function that reads it up to a NUL byte (a C string, a password), so a NUL
 * inside is refused rather than cut short. The message never shows the text.
 * @throws {TypeError} when not a Uint8Array or string, or when it holds a NUL byte.
 */
export function nulFreeText(value: unknown, what: string, operation: string): Uint8Array {
  const bytes = textBytes(value, what, operation);
  if (bytes.includes(0)) throw new TypeError(`${operation}: ${what} contains a NUL byte`);
  return bytes;
}

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
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${operation}: expected ${what} as a Uint8Array, got ${typeof value}`);
  }
  return inBuffer(value);
}

/**
 * An input buffer over a private copy of `value`, for calls that MIT lets write into their
 * input (`gss_unwrap` rotates and decrypts a token in place): koffi hands C the array's own
 * memory, so without the copy the caller's token would change.
 * @throws {TypeError} when `value` is not a Uint8Array.
 */
export function copiedBytesArgument(value: unknown, what: string, operation: string): BufferDesc {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${operation}: expected ${what} as a Uint8Array, got ${typeof value}`);
  }
  return inBuffer(value.slice());
}

/**
 * `value` as a required OID.
 * @throws {TypeError} when it is not one.
 */
export function oidArgument(value: unknown, what: string, operation: string): OID {
  if (!(value instanceof OID)) {
    throw new TypeError(`${operation}: expected ${what} as an OID, got ${typeof value}`);
  }
  return value;
}

/**
 * `value` as an OID, or null (GSS_C_NO_OID) for null or absent.
 * @throws {TypeError} when it is something else.
 */
export function optionalOidArgument(value: unknown, what: string, operation: string): OID | null {
  return value === null || value === undefined ? null : oidArgument(value, what, operation);
}

/**
 * The OIDs of an iterable, checked one by one.
 * @throws {TypeError} when `values` is not iterable or holds something other than an OID.
 */
export function oidListArgument(values: unknown, what: string, operation: string): OID[] {
  if (typeof values !== 'object' || values === null || !(Symbol.iterator in values)) {
    throw new TypeError(
      `${operation}: expected ${what} as an iterable of OIDs, got ${typeof values}`,
    );
  }
  // The `in` check above proves the iterator method exists; TypeScript cannot narrow to it.
  const oids = [...(values as Iterable<unknown>)];
  for (const oid of oids) {
    if (!(oid instanceof OID)) {
      throw new TypeError(
        `${operation}: expected ${what} as an iterable of OIDs, got a ${typeof oid} among them`,
      );
    }
  }
  // Every element was checked to be an OID just above.
  return oids as OID[];
}

/**
 * The OIDs of an iterable, or null (GSS_C_NO_OID_SET) for null or absent.
 * @throws {TypeError} when `values` is not iterable or holds something other than an OID.
 */
export function optionalOidListArgument(
  values: unknown,
  what: string,
  operation: string,
): OID[] | null {
  return values === null || values === undefined ? null : oidListArgument(values, what, operation);
}

/**
 * A C `OM_uint32`.
 * @throws {TypeError} when not a number.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
export function uint32Argument(value: unknown, what: string, operation: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${operation}: expected ${what} as a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new RangeError(
      `${operation}: expected ${what} as an integer from 0 to 2^32-1, got ${value}`,
    );
  }
  return value;
}

/**
 * A C `int32_t` (an enctype, an ad-type).
 * @throws {TypeError} when not a number.
 * @throws {RangeError} when not an integer in -2^31..2^31-1.
 */
export function int32Argument(value: unknown, what: string, operation: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${operation}: expected ${what} as a number, got ${typeof value}`);
  }
  if ((value | 0) !== value) {
    throw new RangeError(`${operation}: expected ${what} as a 32-bit signed integer, got ${value}`);
  }
  return value;
}

/**
 * A C `gss_qop_t`: 0 (GSS_C_QOP_DEFAULT) for null or absent.
 * @throws {TypeError} when given and not a number.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
export function qopArgument(value: unknown, operation: string): number {
  if (value === null || value === undefined) return 0;
  return uint32Argument(value, 'qop', operation);
}

/**
 * A boolean argument; `fallback`, when one is given, stands for an absent (undefined) value.
 * @throws {TypeError} when it is not a boolean (null included).
 */
export function booleanArgument(
  value: unknown,
  what: string,
  operation: string,
  fallback?: boolean,
): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new TypeError(`${operation}: expected ${what} as a boolean, got ${typeof value}`);
  }
  return value;
}

/**
 * A C `OM_uint32` lifetime request: seconds, or GSS_C_INDEFINITE for null or absent.
 * @throws {TypeError} when not a number.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
export function lifetimeArgument(value: Lifetime | undefined, operation: string): number {
  if (value === null || value === undefined) return GSS_C_INDEFINITE;
  if (typeof value !== 'number') {
    throw new TypeError(`${operation}: expected a lifetime as a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > GSS_C_INDEFINITE) {
    throw new RangeError(
      `${operation}: expected a lifetime in whole seconds from 0 to 2^32-1, got ${value}`,
    );
  }
  return value;
}

/**
 * The C `gss_cred_usage_t` of a usage option, `fallback` when absent (undefined).
 * @throws {TypeError} for anything but `initiate`, `accept` or `both` (null included).
 */
export function usageArgument(value: unknown, fallback: CredUsage, operation: string): number {
  if (value === undefined) return CRED_USAGE[fallback];
  if (value === 'initiate' || value === 'accept' || value === 'both') return CRED_USAGE[value];
  throw new TypeError(
    `${operation}: expected usage 'initiate', 'accept' or 'both', got ${String(value)}`,
  );
}

/**
 * As {@link usageArgument}, but null takes the fallback too: the extension calls have always
 * treated a null usage as absent, where the core calls refuse it.
 * @throws {TypeError} for anything but `initiate`, `accept`, `both`, null or absent.
 */
export function nullableUsageArgument(
  value: unknown,
  fallback: CredUsage,
  operation: string,
): number {
  return usageArgument(value ?? fallback, fallback, operation);
}

/**
 * The flag word of requested flags, as `Number(requirementFlags(flags))`; 0 for null or absent.
 * @throws {TypeError} or {@link RangeError} from `requirementFlags` for a bad flag.
 */
export function flagsArgument(flags: FlagsInput<RequirementFlag> | null | undefined): number {
  return flags === null || flags === undefined ? 0 : Number(requirementFlags(flags));
}

/**
 * A C `gss_channel_bindings_struct` for `bindings`, or null (GSS_C_NO_CHANNEL_BINDINGS).
 * @throws {TypeError} when given and not a ChannelBindings.
 */
export function bindingsArgument(bindings: unknown, operation: string): object | null {
  if (bindings === null || bindings === undefined) return null;
  if (!(bindings instanceof ChannelBindings)) {
    throw new TypeError(`${operation}: expected ChannelBindings, got ${typeof bindings}`);
  }
  const empty = new Uint8Array(0);
  return {
    initiator_addrtype: bindings.initiatorAddressType,
    initiator_address: inBuffer(bindings.initiatorAddress ?? empty),
    acceptor_addrtype: bindings.acceptorAddressType,
    acceptor_address: inBuffer(bindings.acceptorAddress ?? empty),
    application_data: inBuffer(bindings.applicationData ?? empty),
  };
}
