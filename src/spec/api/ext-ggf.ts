/**
 * The Global Grid Forum extensions (draft-engert-ggf-gss-extensions-00): inquiry and options
 * by OID. python-gssapi `ext_ggf`.
 *
 * A backend without the extension still has these functions: they throw
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at their arguments.
 *
 * @module
 */

import type { Creds, SecurityContext } from '../handles.js';
import type { OID } from '../oid.js';

/** Options of {@link GgfApi.setSecContextOption}. */
export interface SetSecContextOptionOptions {
  /** The context to change; `null` or absent is GSS_C_NO_CONTEXT (a new one is made). */
  readonly context?: SecurityContext | null;
  /** The option's value; `null` or absent is GSS_C_EMPTY_BUFFER. */
  readonly value?: Uint8Array | null;
}

/** The `ggf` extension. */
export interface GgfApi {
  /**
   * gss_inquire_cred_by_oid: mechanism-specific data of a credential, such as
   * `ExtensionOid.krb5GetCredImpersonator`.
   * @returns zero or more values (a `gss_buffer_set_t`).
   * @throws {OperationUnavailableError} the backend lacks `ggf`, or no mechanism knows the OID.
   * @throws {GssError} the credential is not valid.
   * @throws {TypeError} when `creds` is not a live credential of this backend.
   */
  inquireCredByOid(creds: Creds, desiredAspect: OID): readonly Uint8Array[];

  /**
   * gss_inquire_sec_context_by_oid: mechanism-specific data of a context, such as
   * `ExtensionOid.inqSspiSessionKey` (the session key, then its enctype OID; SMB uses it).
   * @returns zero or more values (a `gss_buffer_set_t`).
   * @throws {OperationUnavailableError} the backend lacks `ggf`, or no mechanism knows the OID.
   * @throws {MissingContextError} the context is not valid or not established.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  inquireSecContextByOid(context: SecurityContext, desiredAspect: OID): readonly Uint8Array[];

  /**
   * gss_set_sec_context_option: sets a mechanism-specific option on a context.
   * @returns the context changed: the one given, or a new one.
   * @throws {OperationUnavailableError} the backend lacks `ggf`, or no mechanism knows the OID.
   * @throws {GssError} the option or value is refused.
   * @throws {TypeError} when an argument has the wrong type or `context` is not of this backend.
   */
  setSecContextOption(desiredAspect: OID, options?: SetSecContextOptionOptions): SecurityContext;
}
