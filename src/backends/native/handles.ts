/**
 * Native handles: JavaScript objects that stand for a C `gss_name_t`, `gss_cred_id_t` or
 * `gss_ctx_id_t`. Each C object is released exactly once: by the explicit call
 * (`releaseName`, `releaseCred`, `deleteSecContext`, `exportSecContext`, ...) or, when the
 * handle is dropped without one, by a `FinalizationRegistry`. A released handle is a
 * `TypeError` wherever it is given.
 *
 * @module
 */

import {
  type Creds,
  checkHandle,
  type HandleKind,
  type HandleTypes,
  handleKind,
  type Name,
  type SecurityContext,
} from '../../spec/handles.js';

/** The C object behind a handle; `pointer` is 0n once released. */
interface Slot {
  readonly kind: HandleKind;
  pointer: bigint;
  released: boolean;
}

/** Releases one C object of a kind, ignoring its status (used by the finalizer). */
export type Releaser = (pointer: bigint) => void;

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Creates, checks and releases the handles of one backend. */
export class HandleTable {
  readonly #backend: string;
  readonly #slots = new WeakMap<object, Slot>();
  readonly #registry: FinalizationRegistry<Slot>;

  /**
   * @param backend the backend name the handles carry.
   * @param releasers how to release a C object of each kind when its handle is collected.
   */
  constructor(backend: string, releasers: Readonly<Record<HandleKind, Releaser>>) {
    this.#backend = backend;
    this.#registry = new FinalizationRegistry((slot) => {
      if (!slot.released && slot.pointer !== 0n) releasers[slot.kind](slot.pointer);
    });
  }

  /** A new handle of `kind` for a C object the library just returned. */
  create<K extends HandleKind>(kind: K, pointer: bigint): HandleTypes[K] {
    const slot: Slot = { kind, pointer, released: pointer === 0n };
    const handle = Object.freeze({
      backend: this.#backend,
      [handleKind]: kind,
      [inspectSymbol]: () => `${this.#backend}.${kind}(${slot.released ? 'released' : 'live'})`,
    });
    this.#slots.set(handle, slot);
    if (pointer !== 0n) this.#registry.register(handle, slot, slot);
    // The frozen object has exactly the fields of HandleTypes[K] for this kind.
    return handle as unknown as HandleTypes[K];
  }

  /**
   * The C pointer of a live handle of `kind` made by this backend.
   * @throws {TypeError} for anything else, including a released handle.
   */
  pointer(value: unknown, kind: HandleKind, operation: string): bigint {
    const slot = this.#slot(value, kind, operation);
    if (slot.released) {
      throw new TypeError(`${operation}: the ${kind} handle has been released`);
    }
    return slot.pointer;
  }

  /** Like {@link HandleTable.pointer}, but null and undefined stand for the C null handle. */
  optionalPointer(value: unknown, kind: HandleKind, operation: string): bigint {
    return value === null || value === undefined ? 0n : this.pointer(value, kind, operation);
  }

  /**
   * Records that the C call changed the handle's pointer (a context the library created,
   * replaced or deleted). A 0n pointer marks the handle released.
   */
  update(handle: Name | Creds | SecurityContext, pointer: bigint): void {
    const slot = this.#slots.get(handle);
    if (slot === undefined) throw new TypeError('update: not a handle of this backend');
    if (slot.pointer !== 0n && !slot.released) this.#registry.unregister(slot);
    slot.pointer = pointer;
    slot.released = pointer === 0n;
    if (pointer !== 0n) this.#registry.register(handle, slot, slot);
  }

  /**
   * Marks a live handle released and returns its pointer, for the explicit release call.
   * @throws {TypeError} as {@link HandleTable.pointer}.
   */
  release(value: unknown, kind: HandleKind, operation: string): bigint {
    const pointer = this.pointer(value, kind, operation);
    const slot = this.#slot(value, kind, operation);
    this.#registry.unregister(slot);
    slot.released = true;
    slot.pointer = 0n;
    return pointer;
  }

  /** Whether `value` is a released handle of this backend. */
  isReleased(value: unknown): boolean {
    return typeof value === 'object' && value !== null && this.#slots.get(value)?.released === true;
  }

  #slot(value: unknown, kind: HandleKind, operation: string): Slot {
    const handle = checkHandle(value, kind, this.#backend, operation);
    const slot = this.#slots.get(handle);
    if (slot === undefined) {
      throw new TypeError(`${operation}: the ${kind} handle was not made by this backend`);
    }
    return slot;
  }
}
