/**
 * Extensions about credentials: storing (RFC 5588), credential stores, import/export,
 * S4U2Self impersonation, passwords and credential options. python-gssapi `ext_rfc5588`,
 * `ext_cred_store`, `ext_cred_imp_exp`, `ext_s4u`, `ext_password`, `ext_password_add`,
 * `ext_set_cred_opt`.
 *
 * A backend without the extension still has these functions: they throw
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at their arguments.
 *
 * @module
 */

import type { Creds, Name } from '../handles.js';
import type { OID } from '../oid.js';
import type {
  AcquireOptions,
  AddOptions,
  CredStore,
  StoreCredOptions,
  TextInput,
} from '../options.js';
import type { AcquireCredResult, AddCredResult, StoreCredResult } from '../results.js';

/** The `rfc5588` extension: storing credentials in the default store. */
export interface Rfc5588Api {
  /**
   * GSS_Store_cred (RFC 5588): stores a credential (a delegated one, typically) in the
   * default store (krb5: the default ccache), for a later `acquireCred`.
   * @throws {OperationUnavailableError} the backend lacks `rfc5588`, or the store cannot hold
   *   this credential.
   * @throws {ExpiredCredentialsError} the credential has expired.
   * @throws {MissingCredentialsError} the credential has no element to store.
   * @throws {DuplicateCredentialsElementError} the store has credentials and `overwrite` is false.
   * @throws {TypeError} when an argument has the wrong type or `creds` is not of this backend.
   */
  storeCred(creds: Creds, options?: StoreCredOptions): StoreCredResult;
}

/** Options of {@link CredStoreApi.acquireCredFrom}; `usage` defaults to `both`. */
export interface AcquireCredFromOptions extends AcquireOptions {
  /** The store; `null` or absent is GSS_C_NO_CRED_STORE (the default ccache and keytab). */
  readonly store?: CredStore | null;
  /** The principal; `null` or absent is GSS_C_NO_NAME, the store's default. */
  readonly name?: Name | null;
}

/** The `credStore` extension: MIT's credential-store calls (`gss_*_from`, `gss_*_into`). */
export interface CredStoreApi {
  /**
   * gss_acquire_cred_from: `acquireCred` from the ccache, keytab or password given by `store`.
   * @throws {OperationUnavailableError} the backend lacks `credStore`.
   * @throws {GssError} as `acquireCred` does (MissingCredentialsError, BadNameError, ...).
   * @throws {TypeError} when an option has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when `lifetime` is out of range.
   */
  acquireCredFrom(options?: AcquireCredFromOptions): AcquireCredResult;

  /**
   * gss_add_cred_from: `addCred` from the store. `usage` defaults to `both`.
   * @param store `null` is GSS_C_NO_CRED_STORE.
   * @param inputCreds `null` is GSS_C_NO_CREDENTIAL.
   * @throws {OperationUnavailableError} the backend lacks `credStore`.
   * @throws {GssError} as `addCred` does.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when a lifetime is out of range.
   */
  addCredFrom(
    store: CredStore | null,
    inputCreds: Creds | null,
    name: Name,
    mech: OID,
    options?: AddOptions,
  ): AddCredResult;

  /**
   * gss_store_cred_into: `storeCred` into the store given by `store` (`null`: the default).
   * @throws {OperationUnavailableError} the backend lacks `credStore`.
   * @throws {GssError} as `storeCred` does.
   * @throws {TypeError} when an argument has the wrong type or `creds` is not of this backend.
   */
  storeCredInto(store: CredStore | null, creds: Creds, options?: StoreCredOptions): StoreCredResult;
}

/** The `credImpExp` extension: credentials as tokens (`gss_export_cred`, `gss_import_cred`). */
export interface CredImpExpApi {
  /**
   * gss_export_cred: a token holding the credential, for another process of the same machine.
   * @throws {OperationUnavailableError} the backend lacks `credImpExp`, or the mechanism cannot.
   * @throws {GssError} the credential cannot be exported.
   * @throws {TypeError} when `creds` is not a live credential of this backend.
   */
  exportCred(creds: Creds): Uint8Array;

  /**
   * gss_import_cred: the credential in a token of `exportCred`.
   * @throws {OperationUnavailableError} the backend lacks `credImpExp`.
   * @throws {GssError} the token is malformed (InvalidTokenError) or names an unknown mechanism.
   * @throws {TypeError} when `token` is not a Uint8Array.
   */
  importCred(token: Uint8Array): Creds;
}

/** The `s4u` extension: S4U2Self (MS-SFU §3.2.5.1.1), impersonating a user to this service. */
export interface S4uApi {
  /**
   * gss_acquire_cred_impersonate_name: a credential for `name`, got by `impersonatorCred`'s
   * service from the KDC without the user's key. `usage` defaults to `initiate`.
   * @param impersonatorCred the service's credential, usage `both` or `initiate`.
   * @throws {OperationUnavailableError} the backend lacks `s4u`.
   * @throws {GssError} the KDC refused, or as `acquireCred` does.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when `lifetime` is out of range.
   */
  acquireCredImpersonateName(
    impersonatorCred: Creds,
    name: Name,
    options?: AcquireOptions,
  ): AcquireCredResult;

  /**
   * gss_add_cred_impersonate_name: `addCred` with an impersonated element, for one mechanism.
   * `usage` defaults to `initiate`.
   * @param inputCred `null` is GSS_C_NO_CREDENTIAL.
   * @throws {OperationUnavailableError} the backend lacks `s4u`.
   * @throws {GssError} the KDC refused, or as `addCred` does.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when a lifetime is out of range.
   */
  addCredImpersonateName(
    inputCred: Creds | null,
    impersonatorCred: Creds,
    name: Name,
    mech: OID,
    options?: AddOptions,
  ): AddCredResult;
}

/** The `password` extension: `gss_acquire_cred_with_password` (from Solaris). */
export interface PasswordApi {
  /**
   * gss_acquire_cred_with_password: a credential for `name` from its password (krb5: an AS
   * exchange with the password's key, into a memory ccache). `usage` defaults to `initiate`.
   * @throws {OperationUnavailableError} the backend lacks `password`.
   * @throws {GssError} the password is wrong or empty (MIT: GSS_S_FAILURE, EINVAL for an empty
   *   one), the KDC is unreachable, or as `acquireCred` does.
   * @throws {TypeError} when an argument has the wrong type or `name` is not of this backend.
   * @throws {RangeError} when `lifetime` is out of range.
   */
  acquireCredWithPassword(
    name: Name,
    password: TextInput,
    options?: AcquireOptions,
  ): AcquireCredResult;
}

/** The `passwordAdd` extension: `gss_add_cred_with_password`. */
export interface PasswordAddApi {
  /**
   * gss_add_cred_with_password: `addCred` with an element got from a password.
   * `usage` defaults to `initiate`.
   * @throws {OperationUnavailableError} the backend lacks `passwordAdd`.
   * @throws {GssError} the password is wrong, or as `addCred` does.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when a lifetime is out of range.
   */
  addCredWithPassword(
    inputCred: Creds,
    name: Name,
    mech: OID,
    password: TextInput,
    options?: AddOptions,
  ): AddCredResult;
}

/** Options of {@link SetCredOptApi.setCredOption}. */
export interface SetCredOptionOptions {
  /** The credential to change; `null` or absent is GSS_C_NO_CREDENTIAL (a new one is made). */
  readonly creds?: Creds | null;
  /** The option's value; `null` or absent is GSS_C_EMPTY_BUFFER. */
  readonly value?: Uint8Array | null;
}

/** The `setCredOpt` extension: `gss_set_cred_option`. */
export interface SetCredOptApi {
  /**
   * gss_set_cred_option: sets a mechanism-specific option on a credential, such as
   * `ExtensionOid.krb5CredNoCiFlagsX` (no value), before the first `initSecContext`.
   * @returns the credential changed: the one given, or a new one.
   * @throws {OperationUnavailableError} the backend lacks `setCredOpt`, or no mechanism knows
   *   the option.
   * @throws {GssError} the option or value is refused.
   * @throws {TypeError} when an argument has the wrong type or `creds` is not of this backend.
   */
  setCredOption(desiredAspect: OID, options?: SetCredOptionOptions): Creds;
}
