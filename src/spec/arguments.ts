/**
 * Checks of the arguments every backend takes alike: bytes and text, OIDs, 32-bit numbers,
 * QOPs, booleans, lifetimes, usages and flags. A wrong argument is a caller's mistake, so
 * each check throws a `TypeError` or `RangeError` naming the operation, never a `GssError`.
 *
 * @module
 */

import { ChannelBindings } from './channel-bindings.js';
import { type FlagsInput, type RequirementFlag, requirementFlags } from './flags.js';
import { OID } from './oid.js';
import { ExtensionOid } from './oids.js';
import type { CredUsage, Lifetime } from './options.js';

const encoder = new TextEncoder();

/** The largest C `OM_uint32`. */
export const UINT32_MAX = 0xffffffff;

/** GSS_C_INDEFINITE: an indefinite lifetime. */
export const GSS_C_INDEFINITE = 0xffffffff;

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
 * The `desired_object` of `inquireSecContextByOid`: any OID but those starting with
 * GSS_KRB5_EXPORT_LUCID_SEC_CONTEXT_OID, which MIT answers with a C pointer to a structure the
 * caller must free with a C call (use `krb5ExportLucidSecContext` instead).
 * @throws {TypeError} when it is not an OID, or is a lucid context OID.
 */
export function contextInquiryOidArgument(value: unknown, operation: string): OID {
  const oid = oidArgument(value, 'desiredAspect', operation);
  const lucid = ExtensionOid.krb5ExportLucidSecContext.bytes;
  if (oid.length >= lucid.length && lucid.every((byte, index) => oid.bytes[index] === byte)) {
    throw new TypeError(
      `${operation}: ${oid.dottedForm} answers with a C pointer; use krb5ExportLucidSecContext`,
    );
  }
  return oid;
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
 * A C `ssize_t` length asked for, such as `gss_pseudo_random`'s `desired_output_len`.
 * @throws {TypeError} when not a number.
 * @throws {RangeError} when not an integer from 0 to 2^53-1.
 */
export function lengthArgument(value: unknown, what: string, operation: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${operation}: expected ${what} as a number, got ${typeof value}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${operation}: expected ${what} as an integer from 0 to 2^53-1, got ${value}`,
    );
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
 * The flag word of requested flags, as `Number(requirementFlags(flags))`; 0 for null or absent.
 * @throws {TypeError} or {@link RangeError} from `requirementFlags` for a bad flag.
 */
export function flagsArgument(flags: FlagsInput<RequirementFlag> | null | undefined): number {
  return flags === null || flags === undefined ? 0 : Number(requirementFlags(flags));
}

/**
 * Required bytes.
 * @throws {TypeError} when `value` is not a Uint8Array.
 */
export function bytesValue(value: unknown, what: string, operation: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${operation}: expected ${what} as a Uint8Array, got ${typeof value}`);
  }
  return value;
}

/**
 * A usage option, `fallback` when absent (undefined).
 * @throws {TypeError} for anything but `initiate`, `accept` or `both` (null included).
 */
export function usageValue(value: unknown, fallback: CredUsage, operation: string): CredUsage {
  if (value === undefined) return fallback;
  if (value === 'initiate' || value === 'accept' || value === 'both') return value;
  throw new TypeError(
    `${operation}: expected usage 'initiate', 'accept' or 'both', got ${String(value)}`,
  );
}

/**
 * As {@link usageValue}, but null takes the fallback too: the extension calls have always
 * treated a null usage as absent, where the core calls refuse it.
 * @throws {TypeError} for anything but `initiate`, `accept`, `both`, null or absent.
 */
export function nullableUsageValue(
  value: unknown,
  fallback: CredUsage,
  operation: string,
): CredUsage {
  return usageValue(value ?? fallback, fallback, operation);
}

/**
 * Channel bindings, or null (GSS_C_NO_CHANNEL_BINDINGS) for null or absent.
 * @throws {TypeError} when given and not a ChannelBindings.
 */
export function channelBindingsValue(bindings: unknown, operation: string): ChannelBindings | null {
  if (bindings === null || bindings === undefined) return null;
  if (!(bindings instanceof ChannelBindings)) {
    throw new TypeError(`${operation}: expected ChannelBindings, got ${typeof bindings}`);
  }
  return bindings;
}
