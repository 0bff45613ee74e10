/**
 * IOV buffers for `wrapIov`, `unwrapIov`, `wrapIovLength` and the IOV MIC calls (MIT
 * `gss_iov_buffer_desc`; the layout of RFC 4121 §4.2.4 tokens split across buffers).
 *
 * @module
 */

import { IOVBufferType } from './flags.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * One buffer of an IOV. `allocate` is true when the mechanism should allocate the buffer,
 * false when the caller supplied it, and null after the mechanism did allocate it (the
 * reference's convention).
 */
export interface IOVBuffer {
  readonly type: IOVBufferType;
  readonly allocate: boolean | null;
  readonly value: Uint8Array | null;
}

/**
 * How one buffer can be given to {@link IOV}, as in the reference:
 * - an {@link IOVBuffer};
 * - `[type, allocate, value]`;
 * - `[type, allocate]` for header, padding and trailer, `[type, value]` for other types;
 * - a `Uint8Array`: a data buffer;
 * - a type alone: an empty buffer, allocated by the mechanism when it is a header, padding or
 *   trailer and `autoAlloc` is on.
 */
export type IOVBufferInit =
  | IOVBuffer
  | readonly [IOVBufferType, boolean | null, Uint8Array | null]
  | readonly [IOVBufferType, boolean | Uint8Array | null]
  | Uint8Array
  | IOVBufferType;

/** Options of the {@link IOV} constructor. */
export interface IOVOptions {
  /** Surround the buffers with a header before and a padding and a trailer after. Default true. */
  readonly stdLayout?: boolean;
  /** Let the mechanism allocate header, padding and trailer buffers. Default true. */
  readonly autoAlloc?: boolean;
}

/** The buffer types the mechanism allocates when asked to (`autoAlloc`). */
export const AUTO_ALLOC_BUFFERS: ReadonlySet<IOVBufferType> = new Set([
  IOVBufferType.header,
  IOVBufferType.padding,
  IOVBufferType.trailer,
]);

const BUFFER_TYPES: ReadonlySet<number> = new Set(Object.values(IOVBufferType));

/**
 * An ordered list of buffers that an IOV call reads and fills in place (the C API's in/out
 * `gss_iov_buffer_desc` array). After `wrapIov` the header, padding and trailer hold the
 * token's parts and data buffers hold the (possibly encrypted) data; after `unwrapIov` the
 * data buffers hold the plaintext.
 */
export class IOV implements Iterable<IOVBuffer> {
  #buffers: IOVBuffer[];

  /**
   * @throws {TypeError} when a buffer description is of no known form.
   * @throws {RangeError} when a buffer type is not an IOVBufferType.
   */
  constructor(buffers: readonly IOVBufferInit[] = [], options: IOVOptions = {}) {
    const stdLayout = options.stdLayout ?? true;
    const autoAlloc = options.autoAlloc ?? true;
    const described = buffers.map((init) => describe(init, autoAlloc));

    this.#buffers = stdLayout
      ? [
          buffer(IOVBufferType.header, autoAlloc, null),
          ...described,
          buffer(IOVBufferType.padding, autoAlloc, null),
          buffer(IOVBufferType.trailer, autoAlloc, null),
        ]
      : described;
  }

  /** The number of buffers. */
  get length(): number {
    return this.#buffers.length;
  }

  /** The buffer at `index` (negative counts from the end), or undefined. */
  at(index: number): IOVBuffer | undefined {
    return this.#buffers.at(index);
  }

  /** The buffers, in order. */
  [Symbol.iterator](): IterableIterator<IOVBuffer> {
    return this.#buffers.values();
  }

  /** The buffer types, in order. */
  get types(): IOVBufferType[] {
    return this.#buffers.map((entry) => entry.type);
  }

  /**
   * Replaces the value of the buffer at `index` and marks it allocated when the mechanism
   * allocated it. For backends: this is how an IOV call fills the caller's IOV in place.
   * @throws {RangeError} when `index` is out of range.
   */
  fill(index: number, value: Uint8Array, options: { allocated: boolean }): void {
    const current = this.#buffers[index];
    if (current === undefined) {
      throw new RangeError(`IOV: no buffer at index ${index} of ${this.#buffers.length}`);
    }
    this.#buffers[index] = buffer(current.type, options.allocated ? null : current.allocate, value);
  }

  [inspectSymbol](): string {
    const parts = this.#buffers.map((entry) => {
      const name = typeName(entry.type);
      const size = entry.value === null ? 'null' : `${entry.value.length} B`;
      return `${name}(${size}${entry.allocate === true ? ', allocate' : ''})`;
    });
    return `IOV[${parts.join(', ')}]`;
  }
}

function describe(init: IOVBufferInit, autoAlloc: boolean): IOVBuffer {
  if (init instanceof Uint8Array) return buffer(IOVBufferType.data, false, init);
  if (typeof init === 'number') {
    return buffer(checkType(init), AUTO_ALLOC_BUFFERS.has(init) ? autoAlloc : false, null);
  }
  if (Array.isArray(init)) return describeTuple(init);
  if (typeof init === 'object' && init !== null && 'type' in init) {
    return buffer(checkType(init.type), init.allocate, init.value);
  }
  throw new TypeError(`IOV: expected a buffer description, got ${typeof init}`);
}

function describeTuple(init: readonly unknown[]): IOVBuffer {
  const [type, second, third] = init;
  if (typeof type !== 'number') {
    throw new TypeError(`IOV: a buffer tuple starts with a buffer type, got ${typeof type}`);
  }
  const checked = checkType(type);
  if (init.length === 3) return buffer(checked, allocateOf(second), bytesOf(third));
  if (init.length !== 2) {
    throw new TypeError(`IOV: buffer tuples have 2 or 3 entries, got ${init.length}`);
  }
  if (AUTO_ALLOC_BUFFERS.has(checked)) return buffer(checked, allocateOf(second), null);
  return buffer(checked, false, bytesOf(second));
}

function allocateOf(value: unknown): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  throw new TypeError(`IOV: allocate is a boolean or null, got ${typeof value}`);
}

function bytesOf(value: unknown): Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`IOV: a buffer value is a Uint8Array or null, got ${typeof value}`);
}

function checkType(type: number): IOVBufferType {
  if (!BUFFER_TYPES.has(type)) throw new RangeError(`IOV: unknown buffer type ${type}`);
  // BUFFER_TYPES holds exactly the IOVBufferType values, so the check above narrows `type`.
  return type as IOVBufferType;
}

function buffer(type: IOVBufferType, allocate: boolean | null, value: Uint8Array | null) {
  return Object.freeze({ type, allocate, value: value === null ? null : Uint8Array.from(value) });
}

function typeName(type: IOVBufferType): string {
  return Object.entries(IOVBufferType).find(([, value]) => value === type)?.[0] ?? String(type);
}
