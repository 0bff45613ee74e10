/**
 * What every native call module shares: the loaded library, the memory layer, the status
 * reader and the handle table, plus the argument conversions they all need.
 *
 * @module
 */

import { ChannelBindings } from '../../spec/channel-bindings.js';
import { type FlagsInput, type RequirementFlag, requirementFlags } from '../../spec/flags.js';
import type { Lifetime, TextInput } from '../../spec/options.js';
import { HandleTable } from './handles.js';
import { type GssLibrary, loadGssLibrary } from './library.js';
import { type BufferDesc, inBuffer, Memory } from './memory.js';
import { CORE_PROTOTYPES } from './prototypes.js';
import { StatusReader } from './status.js';

/** The backend name native handles carry. */
export const NATIVE_BACKEND = 'mit';

/** GSS_C_INDEFINITE: an indefinite lifetime. */
export const GSS_C_INDEFINITE = 0xffffffff;

/** The shared state of one native backend instance. */
export interface NativeRuntime {
  readonly library: GssLibrary;
  readonly memory: Memory;
  readonly status: StatusReader;
  readonly handles: HandleTable;
}

/** Loads the library and sets up the shared state. */
export function createRuntime(path?: string): NativeRuntime {
  const library = loadGssLibrary(path);
  const memory = new Memory(library);
  const status = new StatusReader(library, memory);
  const releaseName = library.bind(CORE_PROTOTYPES.gss_release_name);
  const releaseCred = library.bind(CORE_PROTOTYPES.gss_release_cred);
  const deleteContext = library.bind(CORE_PROTOTYPES.gss_delete_sec_context);
  const handles = new HandleTable(NATIVE_BACKEND, {
    name: (pointer) => releaseName([0], [pointer]),
    creds: (pointer) => releaseCred([0], [pointer]),
    context: (pointer) => deleteContext([0], [pointer], null),
  });
  return { library, memory, status, handles };
}

const encoder = new TextEncoder();

/**
 * Bytes given as a Uint8Array, or text to encode as UTF-8.
 * @throws {TypeError} for anything else.
 */
export function textBytes(value: TextInput, what: string, operation: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return encoder.encode(value);
  throw new TypeError(
    `${operation}: expected ${what} as a Uint8Array or string, got ${typeof value}`,
  );
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
 * A C `OM_uint32` lifetime request: seconds, or GSS_C_INDEFINITE for null or absent.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
export function lifetimeArgument(value: Lifetime | undefined, operation: string): number {
  if (value === null || value === undefined) return GSS_C_INDEFINITE;
  if (!Number.isInteger(value) || value < 0 || value > GSS_C_INDEFINITE) {
    throw new RangeError(
      `${operation}: a lifetime is whole seconds from 0 to 2^32-1, got ${value}`,
    );
  }
  return value;
}

/** A C time value as the API's lifetime: null for GSS_C_INDEFINITE. */
export function lifetimeResult(value: number): Lifetime {
  return value >>> 0 === GSS_C_INDEFINITE ? null : value >>> 0;
}

/** The flag word of requested flags, as `Number(requirementFlags(flags))`. */
export function flagsArgument(flags: FlagsInput<RequirementFlag> | null | undefined): number {
  return flags === null || flags === undefined ? 0 : Number(requirementFlags(flags));
}

/** A C `gss_channel_bindings_struct` for `bindings`, or null for none. */
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

/** A C `gss_cred_usage_t`. */
export const CRED_USAGE = { both: 0, initiate: 1, accept: 2 } as const;

/** The API's usage for a C `gss_cred_usage_t`, or null when not a known value. */
export function usageResult(value: number): 'both' | 'initiate' | 'accept' | null {
  if (value === 0) return 'both';
  if (value === 1) return 'initiate';
  if (value === 2) return 'accept';
  return null;
}

/** A pointer koffi returned through a `void **` output: a bigint, or 0n for C NULL. */
export function toPointer(value: unknown): bigint {
  return typeof value === 'bigint' ? value : 0n;
}
