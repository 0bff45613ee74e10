/**
 * Credential calls of the GSS-API (RFC 2743 §2.1, RFC 2744 §5; python-gssapi
 * `gssapi.raw.creds`).
 *
 * @module
 */

import type { Creds, Name } from '../handles.js';
import type { OID } from '../oid.js';
import type { AcquireOptions, AddOptions } from '../options.js';
import type {
  AcquireCredResult,
  AddCredResult,
  InquireCredByMechResult,
  InquireCredResult,
} from '../results.js';

/** Options of {@link CredsApi.acquireCred}; `usage` defaults to `both`. */
export interface AcquireCredOptions extends AcquireOptions {
  /** The principal; `null` or absent is GSS_C_NO_NAME, the default principal. */
  readonly name?: Name | null;
}

/** Options of {@link CredsApi.addCred}; `usage` defaults to `initiate`. */
export interface AddCredOptions extends AddOptions {
  /**
   * Add the element to `inputCred` itself (the C call's `output_cred_handle` = NULL) instead
   * of to a copy; the result's `creds` is then `null`. Default false.
   */
  readonly mutateInput?: boolean;
}

/** Options of {@link CredsApi.inquireCred}: which fields to ask for, each default true. */
export interface InquireCredOptions {
  readonly name?: boolean;
  readonly lifetime?: boolean;
  readonly usage?: boolean;
  readonly mechs?: boolean;
}

/** Options of {@link CredsApi.inquireCredByMech}: which fields to ask for, each default true. */
export interface InquireCredByMechOptions {
  readonly name?: boolean;
  readonly initLifetime?: boolean;
  readonly acceptLifetime?: boolean;
  readonly usage?: boolean;
}

/** The credential calls. Every backend has them. */
export interface CredsApi {
  /**
   * GSS_Acquire_cred (RFC 2743 §2.1.1): a credential for a principal, from the default ccache
   * (initiate) and keytab (accept) for krb5.
   * @returns the credential (release it with `releaseCred`), its mechanisms and lifetime.
   * @throws {BadMechanismError} a mechanism asked for is not supported.
   * @throws {BadNameTypeError} the name's type is not supported.
   * @throws {BadNameError} the name is not valid.
   * @throws {ExpiredCredentialsError} the credentials found have expired.
   * @throws {MissingCredentialsError} no credentials were found (no ccache, no keytab entry).
   * @throws {TypeError} when an option has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when `lifetime` is out of range.
   */
  acquireCred(options?: AcquireCredOptions): AcquireCredResult;

  /**
   * GSS_Release_cred (RFC 2743 §2.1.2): frees the credential now instead of at finalization.
   * The handle is dead afterwards; releasing it again, or any use, is a `TypeError`.
   * @throws {MissingCredentialsError} the credential is not valid.
   * @throws {TypeError} when `creds` is not a live credential of this backend.
   */
  releaseCred(creds: Creds): void;

  /**
   * GSS_Add_cred (RFC 2743 §2.1.4): a credential with one more element, for `name` and `mech`.
   * @param inputCred the credential to add to; `null` is GSS_C_NO_CREDENTIAL (start from the
   *   default credential).
   * @throws {BadMechanismError} the mechanism is not supported.
   * @throws {BadNameTypeError} the name's type is not supported.
   * @throws {BadNameError} the name is not valid.
   * @throws {DuplicateCredentialsElementError} the credential already has an element for `mech`.
   * @throws {ExpiredCredentialsError} the credentials found have expired.
   * @throws {MissingCredentialsError} no credentials were found.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when a lifetime is out of range.
   */
  addCred(inputCred: Creds | null, name: Name, mech: OID, options?: AddCredOptions): AddCredResult;

  /**
   * GSS_Inquire_cred (RFC 2743 §2.1.3): a credential's principal, lifetime, usage, mechanisms.
   * @throws {MissingCredentialsError} the credential is not valid.
   * @throws {InvalidCredentialsError} the credential is defective.
   * @throws {ExpiredCredentialsError} the credential has expired.
   * @throws {TypeError} when `creds` is not a live credential of this backend.
   */
  inquireCred(creds: Creds, options?: InquireCredOptions): InquireCredResult;

  /**
   * GSS_Inquire_cred_by_mech (RFC 2743 §2.1.5): what {@link CredsApi.inquireCred} says, for
   * one mechanism's element, with separate initiator and acceptor lifetimes.
   * @throws {MissingCredentialsError} the credential is not valid.
   * @throws {InvalidCredentialsError} the credential is defective.
   * @throws {BadMechanismError} the credential has no element for `mech`.
   * @throws {TypeError} when `creds` is not a live credential of this backend.
   */
  inquireCredByMech(
    creds: Creds,
    mech: OID,
    options?: InquireCredByMechOptions,
  ): InquireCredByMechResult;
}
