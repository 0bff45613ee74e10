/**
 * Moving GSS-API values between JavaScript and C memory: buffers, OIDs and OID sets in, and
 * out again with a copy into JavaScript memory followed by the matching `gss_release_*`, so
 * nothing the library allocated outlives the call that returned it.
 *
 * @module
 */

import koffi from 'koffi';
import { OID } from '../../spec/oid.js';
import {
  type GssLibrary,
  gssBufferDesc,
  gssBufferSetDesc,
  gssOidDesc,
  gssOidSetDesc,
} from './library.js';
import { CORE_PROTOTYPES } from './prototypes.js';

/** A `gss_buffer_desc` as koffi reads and writes it. */
export interface BufferDesc {
  length: number | bigint;
  value: bigint | Uint8Array | null;
}

/** A `gss_OID_desc` as koffi reads it. */
interface OidDesc {
  length: number;
  elements: bigint | null;
}

/** A `gss_OID_set_desc` as koffi reads it. */
interface OidSetDesc {
  count: number | bigint;
  elements: bigint | null;
}

/** A `gss_buffer_set_desc` as koffi reads it. */
interface BufferSetDesc {
  count: number | bigint;
  elements: bigint | null;
}

const EMPTY = new Uint8Array(0);

/**
 * `memcpy` from the process's C library. Copies between C memory and JavaScript memory go
 * through it rather than `koffi.view`, whose external ArrayBuffers cost about 220 bytes of C
 * memory each that is never given back (measured: 11 MiB per 50,000 views).
 */
let memcpy: ((destination: unknown, source: unknown, length: number) => unknown) | undefined;

function cMemcpy(): (destination: unknown, source: unknown, length: number) => unknown {
  memcpy ??= koffi.load(null).func('memcpy', 'void *', ['void *', 'void *', 'size_t']);
  return memcpy;
}

/** A JavaScript copy of `length` bytes of C memory at `pointer`. */
export function copyFromC(pointer: bigint, length: number): Uint8Array {
  if (length === 0) return new Uint8Array(0);
  const copy = new Uint8Array(length);
  cMemcpy()(copy, pointer, length);
  return copy;
}

/** Copies `bytes` into the C memory at `pointer`, which must hold at least as many. */
export function copyToC(pointer: bigint, bytes: Uint8Array): void {
  if (bytes.length > 0) cMemcpy()(pointer, bytes, bytes.length);
}

/** An input `gss_buffer_desc` over `bytes` (koffi copies them in for the call). */
export function inBuffer(bytes: Uint8Array): BufferDesc {
  return { length: bytes.length, value: bytes.length === 0 ? null : bytes };
}

/** A fresh output `gss_buffer_desc` for the library to fill. */
export function outBuffer(): BufferDesc {
  return { length: 0, value: null };
}

/** An input `gss_OID_desc` for `oid`, or null for GSS_C_NO_OID. */
export function inOid(
  oid: OID | null | undefined,
): { length: number; elements: Uint8Array } | null {
  if (oid === null || oid === undefined) return null;
  return { length: oid.length, elements: oid.bytes };
}

/** An input `gss_OID_set_desc` for `oids`, or null for GSS_C_NO_OID_SET. */
export function inOidSet(
  oids: readonly OID[] | null | undefined,
): { count: number; elements: Array<{ length: number; elements: Uint8Array }> } | null {
  if (oids === null || oids === undefined) return null;
  return {
    count: oids.length,
    elements: oids.map((oid) => ({ length: oid.length, elements: oid.bytes })),
  };
}

/** The memory layer of one loaded library. */
export class Memory {
  readonly #library: GssLibrary;
  readonly #releaseBuffer;
  readonly #releaseOidSet;

  constructor(library: GssLibrary) {
    this.#library = library;
    this.#releaseBuffer = library.bind(CORE_PROTOTYPES.gss_release_buffer);
    this.#releaseOidSet = library.bind(CORE_PROTOTYPES.gss_release_oid_set);
  }

  /** Copies an output buffer into JavaScript memory and releases it (`gss_release_buffer`). */
  takeBuffer(desc: BufferDesc): Uint8Array {
    const length = Number(desc.length);
    if (typeof desc.value !== 'bigint' || desc.value === 0n) return EMPTY;
    const copy = copyFromC(desc.value, length);
    this.#releaseBuffer([0], desc);
    return copy;
  }

  /** Copies an output buffer without releasing it (for buffers the library still owns). */
  readBuffer(desc: BufferDesc): Uint8Array {
    const length = Number(desc.length);
    if (typeof desc.value !== 'bigint' || desc.value === 0n || length === 0) return EMPTY;
    return copyFromC(desc.value, length);
  }

  /**
   * The OID at `pointer` (a `gss_OID` the library returned), or null for GSS_C_NO_OID. MIT
   * returns static OIDs from its mechanism tables, so nothing is released.
   */
  readOid(pointer: unknown): OID | null {
    if (typeof pointer !== 'bigint' || pointer === 0n) return null;
    const desc = koffi.decode(pointer, gssOidDesc) as OidDesc;
    return oidFromDesc(desc);
  }

  /** Copies an output OID set and releases it (`gss_release_oid_set`); null stays null. */
  takeOidSet(pointer: unknown): OID[] | null {
    if (typeof pointer !== 'bigint' || pointer === 0n) return null;
    const set = koffi.decode(pointer, gssOidSetDesc) as OidSetDesc;
    const count = Number(set.count);
    const oids: OID[] = [];
    if (count > 0 && typeof set.elements === 'bigint') {
      const descs = koffi.decode(set.elements, gssOidDesc, count) as OidDesc[];
      for (const desc of descs) {
        const oid = oidFromDesc(desc);
        if (oid !== null) oids.push(oid);
      }
    }
    this.#releaseOidSet([0], [pointer]);
    return oids;
  }

  /**
   * Copies the values of an output buffer set (`gss_buffer_set_t`, an extension type) and
   * releases the set (`gss_release_buffer_set`, bound on first use), also when reading it
   * fails; GSS_C_NO_BUFFER_SET gives no values.
   */
  takeBufferSet(pointer: unknown): Uint8Array[] {
    if (typeof pointer !== 'bigint' || pointer === 0n) return [];
    const values: Uint8Array[] = [];
    try {
      // koffi decodes the C struct as a plain object with these fields.
      const set = koffi.decode(pointer, gssBufferSetDesc) as BufferSetDesc;
      const count = Number(set.count);
      if (count > 0 && typeof set.elements === 'bigint' && set.elements !== 0n) {
        // As above: an array of `gss_buffer_desc` objects.
        const buffers = koffi.decode(set.elements, gssBufferDesc, count) as BufferDesc[];
        for (const buffer of buffers) values.push(this.readBuffer(buffer));
      }
    } finally {
      this.#library.bind(CORE_PROTOTYPES.gss_release_buffer_set)([0], [pointer]);
    }
    return values;
  }
}

function oidFromDesc(desc: OidDesc): OID | null {
  if (typeof desc.elements !== 'bigint' || desc.length === 0) return null;
  return OID.fromBytes(copyFromC(desc.elements, desc.length));
}
