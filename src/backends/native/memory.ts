/**
 * Moving GSS-API values between JavaScript and C memory: buffers, OIDs and OID sets in, and
 * out again with a copy into JavaScript memory followed by the matching `gss_release_*`, so
 * nothing the library allocated outlives the call that returned it.
 *
 * @module
 */

import koffi from 'koffi';
import { OID } from '../../spec/oid.js';
import { type GssLibrary, gssOidDesc, gssOidSetDesc } from './library.js';
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

const EMPTY = new Uint8Array(0);

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
  readonly #releaseBuffer;
  readonly #releaseOidSet;

  constructor(library: GssLibrary) {
    this.#releaseBuffer = library.bind(CORE_PROTOTYPES.gss_release_buffer);
    this.#releaseOidSet = library.bind(CORE_PROTOTYPES.gss_release_oid_set);
  }

  /** Copies an output buffer into JavaScript memory and releases it (`gss_release_buffer`). */
  takeBuffer(desc: BufferDesc): Uint8Array {
    const length = Number(desc.length);
    if (typeof desc.value !== 'bigint' || desc.value === 0n) return EMPTY;
    const copy = length === 0 ? EMPTY : new Uint8Array(koffi.view(desc.value, length)).slice();
    this.#releaseBuffer([0], desc);
    return copy;
  }

  /** Copies an output buffer without releasing it (for buffers the library still owns). */
  readBuffer(desc: BufferDesc): Uint8Array {
    const length = Number(desc.length);
    if (typeof desc.value !== 'bigint' || desc.value === 0n || length === 0) return EMPTY;
    return new Uint8Array(koffi.view(desc.value, length)).slice();
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
}

function oidFromDesc(desc: OidDesc): OID | null {
  if (typeof desc.elements !== 'bigint' || desc.length === 0) return null;
  return OID.fromBytes(new Uint8Array(koffi.view(desc.elements, desc.length)));
}
