/**
 * The read position and the failure of `export-decode.ts` and its helpers: MIT's
 * `krb5_ser_unpack_*` over a token, and its rule that a reader failing with `EINVAL` leaves
 * the position where it was.
 *
 * @module
 */

import { EINVAL } from '../../errors/index.js';

/** A failure with MIT's `krb5_error_code`. */
export class SerializationFailure extends Error {
  override readonly name = 'SerializationFailure';

  constructor(readonly code: number) {
    super(`krb5 context internalization failed with code ${code}`);
  }
}

/** A read position over the token. */
export class Cursor {
  offset = 0;

  constructor(readonly bytes: Uint8Array) {}

  get remain(): number {
    return this.bytes.length - this.offset;
  }

  /** `krb5_ser_unpack_int32`: a signed big-endian int32, or `undefined` when short. */
  int32(): number | undefined {
    if (this.remain < 4) return undefined;
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4).getInt32(
      0,
    );
    this.offset += 4;
    return value;
  }

  /** An int32 that must be there, else `code`. */
  need(code: number): number {
    const value = this.int32();
    if (value === undefined) throw new SerializationFailure(code);
    return value;
  }

  /** An unsigned 64-bit integer, `endian` as asked. */
  uint64(littleEndian = false): bigint {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8);
    this.offset += 8;
    return view.getBigUint64(0, littleEndian);
  }

  /** `krb5_ser_unpack_bytes`: `length` octets, else `code`. */
  take(length: number, code: number): Uint8Array {
    if (length < 0 || length > this.remain) throw new SerializationFailure(code);
    const out = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** Checks a magic number; wrong or missing is `code`. */
  magic(expected: number, code = EINVAL): void {
    if (this.int32() !== expected) throw new SerializationFailure(code);
  }
}

/**
 * Runs a reader; on failure puts the position back. A failure with `EINVAL` gives `null` (the
 * part is absent), any other is rethrown.
 */
export function optional<T>(
  cursor: Cursor,
  read: (cursor: Cursor) => T,
  absent = [EINVAL],
): T | null {
  const start = cursor.offset;
  try {
    return read(cursor);
  } catch (error) {
    cursor.offset = start;
    if (error instanceof SerializationFailure && absent.includes(error.code)) return null;
    throw error;
  }
}

/** Runs a reader; on failure puts the position back and rethrows. */
export function atomic<T>(cursor: Cursor, read: (cursor: Cursor) => T): T {
  const start = cursor.offset;
  try {
    return read(cursor);
  } catch (error) {
    cursor.offset = start;
    throw error;
  }
}
