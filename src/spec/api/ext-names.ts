/**
 * Naming extensions (RFC 6680): name attributes and composite export. python-gssapi
 * `ext_rfc6680` and `ext_rfc6680_comp_oid`.
 *
 * A backend without the extension still has these functions: they throw
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at their arguments.
 *
 * @module
 */

import type { Name } from '../handles.js';
import type { OID } from '../oid.js';
import type { TextInput } from '../options.js';
import type { GetNameAttributeResult, InquireNameResult } from '../results.js';

/** Options of {@link Rfc6680Api.inquireName}: which fields to ask for, each default true. */
export interface InquireNameOptions {
  /** Ask whether the name is a mechanism name, and its mechanism. */
  readonly mechName?: boolean;
  /** Ask for the attribute names. */
  readonly attrs?: boolean;
}

/** Options of {@link Rfc6680Api.setNameAttribute}. */
export interface SetNameAttributeOptions {
  /** Mark the attribute's value set complete. Default false. */
  readonly complete?: boolean;
}

/** The `rfc6680` extension: name attributes. */
export interface Rfc6680Api {
  /**
   * GSS_Display_name_ext (RFC 6680 §7.3): the name in the syntax of another name type.
   * @throws {OperationUnavailableError} the backend lacks `rfc6680`, or the name cannot be
   *   shown in that syntax.
   * @throws {TypeError} when `name` is not a live name of this backend or `nameType` not an OID.
   */
  displayNameExt(name: Name, nameType: OID): Uint8Array;

  /**
   * GSS_Inquire_name (RFC 6680 §7.4): whether the name is a mechanism name, its mechanism and
   * its attribute names.
   * @throws {OperationUnavailableError} the backend lacks `rfc6680`.
   * @throws {GssError} the name is not valid (BadNameError).
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  inquireName(name: Name, options?: InquireNameOptions): InquireNameResult;

  /**
   * GSS_Set_name_attribute (RFC 6680 §7.6): adds values to an attribute, as the RFC's pseudo-API
   * does (the C API takes one value a call). Values add up across calls: delete the attribute
   * first to replace them. An empty list sets nothing.
   * @param attr the attribute's name, such as `urn:ietf:params:gss:local-login-user`.
   * @throws {OperationUnavailableError} the backend lacks `rfc6680`, the attribute is unknown
   *   or cannot be set (MIT: minor ENOENT, EPERM), or `name` is no mechanism name (minor 0).
   * @throws {TypeError} when an argument has the wrong type or `name` is not of this backend.
   */
  setNameAttribute(
    name: Name,
    attr: TextInput,
    value: Iterable<TextInput>,
    options?: SetNameAttributeOptions,
  ): void;

  /**
   * GSS_Get_name_attribute (RFC 6680 §7.5): all values of an attribute at once, as the RFC's
   * pseudo-API does (the C API is called once a value, with a `more` state).
   * @throws {OperationUnavailableError} the backend lacks `rfc6680`, the attribute is unknown
   *   or unset (MIT: minor ENOENT), or `name` is no mechanism name (minor 0).
   * @throws {TypeError} when an argument has the wrong type or `name` is not of this backend.
   */
  getNameAttribute(name: Name, attr: TextInput): GetNameAttributeResult;

  /**
   * GSS_Delete_name_attribute (RFC 6680 §7.7): removes an attribute and all its values.
   * @throws {OperationUnavailableError} the backend lacks `rfc6680`, the attribute is unknown or
   *   unset (MIT: minor ENOENT, also for `auth-indicators`), or `name` is no mechanism name.
   * @throws {UnauthorizedError} the attribute may not be removed.
   * @throws {TypeError} when an argument has the wrong type or `name` is not of this backend.
   */
  deleteNameAttribute(name: Name, attr: TextInput): void;

  /**
   * GSS_Export_name_composite (RFC 6680 §7.8): `exportName` keeping the attributes (a token
   * starting `04 02`); import it with `NameType.compositeExport`.
   * @throws {OperationUnavailableError} the backend lacks `rfc6680`.
   * @throws {GssError} the name cannot be exported (MechanismNameRequiredError, ...).
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  exportNameComposite(name: Name): Uint8Array;
}

/**
 * The `rfc6680CompOid` extension has no function: it is the name type
 * GSS_C_NT_COMPOSITE_EXPORT (`NameType.compositeExport`, MIT krb5 1.11 and later), which
 * `importName` accepts when the backend has it.
 */
export type Rfc6680CompOidApi = Record<never, never>;
