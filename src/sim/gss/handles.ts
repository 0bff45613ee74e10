/**
 * The sim's handles: a `Name`, `Creds` or `SecurityContext` is a frozen brand object; its state
 * lives in a table here, so that a released handle (or one of another backend) is a
 * `TypeError`, as DESIGN has it, and nothing a caller holds can change the state.
 *
 * @module
 */

import { checkHandle, type HandleKind, type HandleTypes, handleKind } from '../../spec/handles.js';

/** The sim's backend name, the `backend` of its handles. */
export const SIM_BACKEND = 'sim';

const KIND_NAMES: Readonly<Record<HandleKind, string>> = {
  name: 'Name',
  creds: 'Creds',
  context: 'SecurityContext',
};

/**
 * The live handles of one kind and their states. A handle released, deleted or exported is
 * gone from the table: any later use is a `TypeError`.
 */
export class HandleTable<K extends HandleKind, S extends object> {
  readonly #kind: K;
  readonly #states = new WeakMap<object, S>();
  readonly #describe: (state: S) => string;

  /**
   * @param kind the kind of handle.
   * @param describe what `inspect` shows of a live handle's state (never a key).
   */
  constructor(kind: K, describe: (state: S) => string) {
    this.#kind = kind;
    this.#describe = describe;
  }

  /** A new handle for `state`. */
  make(state: S): HandleTypes[K] {
    const table = this;
    const label = KIND_NAMES[this.#kind];
    const handle = Object.freeze({
      backend: SIM_BACKEND,
      [handleKind]: this.#kind,
      [Symbol.for('nodejs.util.inspect.custom')](): string {
        const current = table.#states.get(handle);
        return current === undefined
          ? `${label}(sim, released)`
          : `${label}(sim, ${table.#describe(current)})`;
      },
    }) as unknown as HandleTypes[K];
    this.#states.set(handle, state);
    return handle;
  }

  /**
   * The state of a live handle.
   * @throws {TypeError} when `handle` is not a sim handle of this kind, or is released.
   */
  get(handle: unknown, operation: string): S {
    const checked = checkHandle(handle, this.#kind, SIM_BACKEND, operation);
    const state = this.#states.get(checked);
    if (state === undefined) {
      throw new TypeError(`${operation}: the ${KIND_NAMES[this.#kind]} handle was released`);
    }
    return state;
  }

  /** Replaces the state of a live handle. */
  set(handle: HandleTypes[K], state: S): void {
    this.#states.set(handle, state);
  }

  /**
   * Ends a handle and returns its last state.
   * @throws {TypeError} as {@link HandleTable.get}.
   */
  release(handle: unknown, operation: string): S {
    const state = this.get(handle, operation);
    this.#states.delete(handle as object);
    return state;
  }
}
