/**
 * Name calls of the GSS-API (RFC 2743 §2.4, RFC 2744 §5; python-gssapi `gssapi.raw.names`).
 *
 * @module
 */

import type { Name } from '../handles.js';
import type { OID } from '../oid.js';
import type { TextInput } from '../options.js';
import type { DisplayNameResult } from '../results.js';

/** Options of {@link NamesApi.importName}. */
export interface ImportNameOptions {
  /**
   * The name's type (a `NameType` OID such as `hostbasedService`); `null` or absent is
   * GSS_C_NO_OID, the mechanism's default syntax (a Kerberos principal for MIT).
   */
  readonly nameType?: OID | null;
}

/** Options of {@link NamesApi.displayName}. */
export interface DisplayNameOptions {
  /** Also return the name's type. Default true; when false `nameType` is `null`. */
  readonly nameType?: boolean;
}

/** The name calls. Every backend has them. */
export interface NamesApi {
  /**
   * GSS_Import_name (RFC 2743 §2.4.5): an internal name from its printable or exported form.
   * @param name the name, as bytes or as text encoded in UTF-8; an exported name
   *   (`NameType.export`) is bytes.
   * @returns a new name; release it with `releaseName`.
   * @throws {BadNameTypeError} the mechanism does not know the name type.
   * @throws {BadNameError} the name does not parse as that type.
   * @throws {BadMechanismError} an exported name names an unknown mechanism.
   * @throws {TypeError} when `name` or `nameType` has the wrong type.
   */
  importName(name: TextInput, options?: ImportNameOptions): Name;

  /**
   * GSS_Display_name (RFC 2743 §2.4.4): the printable form of a name, and its type.
   * @throws {BadNameError} the name is not valid.
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  displayName(name: Name, options?: DisplayNameOptions): DisplayNameResult;

  /**
   * GSS_Compare_name (RFC 2743 §2.4.3): whether two names denote the same entity.
   * @throws {BadNameTypeError} the two name types cannot be compared.
   * @throws {BadNameError} a name is not valid.
   * @throws {TypeError} when a name is not a live name of this backend.
   */
  compareName(name1: Name, name2: Name): boolean;

  /**
   * GSS_Export_name (RFC 2743 §2.4.15): the canonical flat form of a mechanism name (a token
   * starting `04 01`, RFC 2743 §3.2), for byte comparison in access control.
   * @throws {MechanismNameRequiredError} the name is not a mechanism name; canonicalize it first.
   * @throws {BadNameTypeError} the name's type cannot be exported.
   * @throws {BadNameError} the name is not valid.
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  exportName(name: Name): Uint8Array;

  /**
   * GSS_Canonicalize_name (RFC 2743 §2.4.14): the mechanism name for `name` under `mech`.
   * @returns a new name; the input is unchanged.
   * @throws {BadMechanismError} the mechanism is not supported.
   * @throws {BadNameTypeError} the mechanism does not know the name's type.
   * @throws {BadNameError} the name is not valid.
   * @throws {TypeError} when `name` is not a live name of this backend or `mech` is not an OID.
   */
  canonicalizeName(name: Name, mech: OID): Name;

  /**
   * GSS_Duplicate_name (RFC 2743 §2.4.13): an independent copy of a name.
   * @throws {BadNameError} the name is not valid.
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  duplicateName(name: Name): Name;

  /**
   * GSS_Release_name (RFC 2743 §2.4.6): frees the name now instead of at finalization. The
   * handle is dead afterwards; releasing it again, or any use, is a `TypeError`.
   * @throws {BadNameError} the name is not valid.
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  releaseName(name: Name): void;
}
