/**
 * The MS-PAC a krb5 name may carry (MS-PAC §2.3, PACTYPE and PAC_INFO_BUFFER) as MIT krb5
 * 1.20's `pac.c` holds it for the `mspac` authorization-data module: the PAC's octets, the
 * table of buffers read from them, and whether the PAC was verified.
 *
 * The table and the octets can disagree: `krb5_pac_add_buffer` updates its in-memory table but
 * leaves the header inside the octets as it was (with a zeroed slot for the new entry), and the
 * octets are what an export carries. The sim keeps both, as MIT does.
 *
 * @module
 */

import { code } from '../errors/index.js';
import { octetBytes, octets } from './name-principal.js';

/** PACTYPE's `cBuffers` and `Version`, 4 octets each. */
const PACTYPE_LENGTH = 8;
/** PAC_INFO_BUFFER: `ulType`, `cbBufferSize` (4 octets each), `Offset` (8). */
const PAC_INFO_BUFFER_LENGTH = 16;
/** Buffers start on 8-octet boundaries. */
const PAC_ALIGNMENT = 8;
/** MIT's limit on `cBuffers`. */
const MAX_BUFFERS = 4096;

/** One entry of the PAC's buffer table. */
export interface PacBuffer {
  /** `ulType`, such as 10 (PAC_CLIENT_INFO). */
  readonly type: number;
  /** `cbBufferSize`. */
  readonly size: number;
  /** `Offset` from the start of the PAC. */
  readonly offset: number;
}

/** A PAC as the `mspac` module holds it (MIT's `struct krb5_pac_data`). Frozen. */
export interface SimPac {
  /** The PAC's octets, one char per octet. */
  readonly data: string;
  /** The buffer table as MIT holds it in memory. */
  readonly buffers: readonly PacBuffer[];
  /** Whether the PAC's checksums were verified (only then are its attributes given out). */
  readonly verified: boolean;
}

/** A PAC, or the errno MIT's PAC code gives. */
export type PacResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: number };

/**
 * `krb5_pac_parse`: reads the header and the buffer table.
 * @param verified whether the PAC counts as verified (an internalized PAC says so itself).
 * @returns the PAC, or ERANGE (too short, no buffer or more than 4096, a buffer outside the
 *   data), EINVAL (a version other than 0, an unaligned offset).
 */
export function parsePac(bytes: Uint8Array, verified = false): PacResult<SimPac> {
  if (bytes.length < PACTYPE_LENGTH) return failure('ERANGE');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  if (view.getUint32(4, true) !== 0) return failure('EINVAL');
  if (count < 1 || count > MAX_BUFFERS) return failure('ERANGE');
  const headerLength = PACTYPE_LENGTH + count * PAC_INFO_BUFFER_LENGTH;
  if (bytes.length < headerLength) return failure('ERANGE');

  const buffers: PacBuffer[] = [];
  for (let index = 0; index < count; index++) {
    const at = PACTYPE_LENGTH + index * PAC_INFO_BUFFER_LENGTH;
    const type = view.getUint32(at, true);
    const size = view.getUint32(at + 4, true);
    const offset = Number(view.getBigUint64(at + 8, true));
    if (offset % PAC_ALIGNMENT !== 0) return failure('EINVAL');
    if (offset < headerLength || offset > bytes.length || size > bytes.length - offset) {
      return failure('ERANGE');
    }
    buffers.push(Object.freeze({ type, size, offset }));
  }
  return { ok: true, value: freezePac(octets(bytes), buffers, verified) };
}

/**
 * `k5_pac_locate_buffer`: the octets of the one buffer of `type`.
 * @returns the octets, or ENOENT (no such buffer), EINVAL (more than one).
 */
export function pacBuffer(pac: SimPac, type: number): PacResult<Uint8Array> {
  const found = pac.buffers.filter((buffer) => buffer.type === type);
  const [buffer] = found;
  if (buffer === undefined) return failure('ENOENT');
  if (found.length > 1) return failure('EINVAL');
  const bytes = octetBytes(pac.data.slice(buffer.offset, buffer.offset + buffer.size));
  return { ok: true, value: bytes };
}

/**
 * `krb5_pac_add_buffer`: a buffer of `type` appended after the data, padded to 8 octets, its
 * table entry inserted after the header's entries (every other offset moves up by 16). The
 * header inside the octets is left as it was, the new slot zeroed, and the PAC is no longer
 * verified.
 * @returns the new PAC, or EEXIST when exactly one buffer of `type` is there.
 */
export function addPacBuffer(pac: SimPac, type: number, value: Uint8Array): PacResult<SimPac> {
  if (pacBuffer(pac, type).ok) return failure('EEXIST');

  const headerLength = PACTYPE_LENGTH + pac.buffers.length * PAC_INFO_BUFFER_LENGTH;
  const pad = (PAC_ALIGNMENT - (value.length % PAC_ALIGNMENT)) % PAC_ALIGNMENT;
  const slot = '\0'.repeat(PAC_INFO_BUFFER_LENGTH);
  const moved = pac.data.slice(0, headerLength) + slot + pac.data.slice(headerLength);
  // MIT asserts the new offset is aligned; it is whenever the PAC's length was a multiple of 8.
  const offset = moved.length;
  const data = moved + octets(value) + '\0'.repeat(pad);
  const buffers = [
    ...pac.buffers.map((buffer) => ({ ...buffer, offset: buffer.offset + PAC_INFO_BUFFER_LENGTH })),
    { type, size: value.length, offset },
  ];
  return {
    ok: true,
    value: freezePac(
      data,
      buffers.map((buffer) => Object.freeze(buffer)),
      false,
    ),
  };
}

function freezePac(data: string, buffers: readonly PacBuffer[], verified: boolean): SimPac {
  return Object.freeze({ data, buffers: Object.freeze([...buffers]), verified });
}

function failure(name: 'EEXIST' | 'EINVAL' | 'ENOENT' | 'ERANGE'): { ok: false; code: number } {
  return { ok: false, code: code(name) };
}
