/**
 * The opaque handles of the GSS-API: names, credentials and security contexts (RFC 2744 §3.5
 * `gss_name_t`, `gss_cred_id_t`, `gss_ctx_id_t`).
 *
 * A handle belongs to the backend that made it. It carries the backend's name and a brand; its
 * state lives inside the backend, so a handle has no methods and does nothing by itself.
 *
 * @module
 */

/**
 * The key of a handle's brand. Only a backend writes it; a plain object without it is not a
 * handle, neither for the type checker nor for {@link isHandle}.
 */
export const handleKind: unique symbol = Symbol('gssapi-sim.handleKind');

/** What a handle stands for: a name, a credential or a security context. */
export type HandleKind = 'name' | 'creds' | 'context';

/**
 * A GSS-API name (`gss_name_t`, RFC 2743 §1.1.5): an internal name, or a mechanism name (MN)
 * after `canonicalizeName` or `acceptSecContext`.
 *
 * Handles are owned by one backend: giving it to another backend's function is a `TypeError`.
 * DESIGN requires every handle to be released exactly once, by `releaseName` or, when the caller
 * never calls it, by the backend's finalizer; a released handle given to any function is a
 * `TypeError`.
 */
export interface Name {
  /** The backend that made the handle, such as `sim` or `mit`. */
  readonly backend: string;
  /** The brand: a name handle. */
  readonly [handleKind]: 'name';
}

/**
 * A GSS-API credential (`gss_cred_id_t`, RFC 2743 §1.1.1): one or more credential elements,
 * one per mechanism, for initiating, accepting or both.
 *
 * Owned by one backend (another backend's functions throw `TypeError`) and released exactly once,
 * by `releaseCred` or by the backend's finalizer; a released handle is a `TypeError` everywhere.
 */
export interface Creds {
  /** The backend that made the handle. */
  readonly backend: string;
  /** The brand: a credential handle. */
  readonly [handleKind]: 'creds';
}

/**
 * A GSS-API security context (`gss_ctx_id_t`, RFC 2743 §1.1.3), from its first
 * `initSecContext`/`acceptSecContext` call until `deleteSecContext`, `exportSecContext` or
 * `krb5ExportLucidSecContext` ends it.
 *
 * Owned by one backend (another backend's functions throw `TypeError`) and released exactly once,
 * by one of those calls or by the backend's finalizer; an ended context given to any function is
 * a `TypeError`.
 */
export interface SecurityContext {
  /** The backend that made the handle. */
  readonly backend: string;
  /** The brand: a security-context handle. */
  readonly [handleKind]: 'context';
}

/** The handle type of each {@link HandleKind}. */
export interface HandleTypes {
  readonly name: Name;
  readonly creds: Creds;
  readonly context: SecurityContext;
}

/** Any handle. */
export type Handle = HandleTypes[HandleKind];

const HANDLE_NAMES: Readonly<Record<HandleKind, string>> = {
  name: 'a Name',
  creds: 'a Creds',
  context: 'a SecurityContext',
};

/** Whether `value` is a handle of this kind (of any backend). */
export function isHandle<K extends HandleKind>(value: unknown, kind: K): value is HandleTypes[K] {
  return typeof value === 'object' && value !== null && handleKind in value
    ? value[handleKind] === kind
    : false;
}

/**
 * `value` as a handle of `kind` made by `backend`. For backends, at the top of each function.
 * @param operation the function being called, for the message (`wrap`, say).
 * @throws {TypeError} when `value` is not a handle of this kind, or belongs to another backend.
 */
export function checkHandle<K extends HandleKind>(
  value: unknown,
  kind: K,
  backend: string,
  operation: string,
): HandleTypes[K] {
  if (!isHandle(value, kind)) {
    throw new TypeError(
      `${operation}: expected ${HANDLE_NAMES[kind]} handle, got ${kindOf(value)}`,
    );
  }
  if (value.backend !== backend) {
    const expected = `${HANDLE_NAMES[kind]} handle of backend '${backend}'`;
    throw new TypeError(`${operation}: expected ${expected}, got one of '${value.backend}'`);
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (handleKind in value) return `a handle of kind '${String(value[handleKind])}'`;
  return 'an object that is not a handle';
}
