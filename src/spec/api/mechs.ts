/**
 * Mechanism and status calls of the GSS-API (RFC 2743 §2.4, RFC 2744 §5; python-gssapi
 * `gssapi.raw.misc`).
 *
 * @module
 */

import type { Name } from '../handles.js';
import type { OID } from '../oid.js';
import type { DisplayStatusResult } from '../results.js';

/** Options of {@link MechsApi.displayStatus}. */
export interface DisplayStatusOptions {
  /** The mechanism of a minor status; `null` or absent is GSS_C_NO_OID (the default one). */
  readonly mech?: OID | null;
  /** Where to go on from: 0 (the default) for the first message, then the returned context. */
  readonly messageContext?: number;
}

/** The mechanism and status calls. Every backend has them. */
export interface MechsApi {
  /**
   * GSS_Indicate_mechs (RFC 2743 §2.4.2): the mechanisms available.
   * @throws {GssError} on a failure of the implementation (none is expected).
   */
  indicateMechs(): readonly OID[];

  /**
   * GSS_Inquire_names_for_mech (RFC 2743 §2.4.12): the name types a mechanism supports.
   * @throws {BadMechanismError} the mechanism is not supported.
   * @throws {TypeError} when `mech` is not an OID.
   */
  inquireNamesForMech(mech: OID): readonly OID[];

  /**
   * GSS_Inquire_mechs_for_name (RFC 2743 §2.4.11): the mechanisms that can process a name.
   * @throws {BadNameError} the name is not valid.
   * @throws {BadNameTypeError} the name's type is not known.
   * @throws {TypeError} when `name` is not a live name of this backend.
   */
  inquireMechsForName(name: Name): readonly OID[];

  /**
   * GSS_Display_status (RFC 2743 §2.4.1): one message of a major status (`isMajorCode`,
   * GSS_C_GSS_CODE) or of a mechanism's minor status (GSS_C_MECH_CODE). Call again with the
   * returned `messageContext` while `moreMessages`. The reference's name is `_display_status`.
   * @throws {BadMechanismError} `mech` is not supported.
   * @throws {BadStatusError} the status cannot be displayed.
   * @throws {RangeError} when `errorCode` or `messageContext` is not a 32-bit unsigned integer.
   * @throws {TypeError} when an argument has the wrong type.
   */
  displayStatus(
    errorCode: number,
    isMajorCode: boolean,
    options?: DisplayStatusOptions,
  ): DisplayStatusResult;
}
