/**
 * Extensions about mechanisms: SPNEGO negotiation sets (RFC 4178), mechanism attributes
 * (RFC 5587) and SASL names (RFC 5801). python-gssapi `ext_rfc4178`, `ext_rfc5587`,
 * `ext_rfc5801`.
 *
 * A backend without the extension still has these functions: they throw
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at their arguments.
 *
 * @module
 */

import type { Creds } from '../handles.js';
import type { OID } from '../oid.js';
import type { TextInput } from '../options.js';
import type { DisplayAttrResult, InquireAttrsResult, InquireSASLNameResult } from '../results.js';

/** The `rfc4178` extension: `gss_set_neg_mechs`. */
export interface Rfc4178Api {
  /**
   * gss_set_neg_mechs (RFC 4178 §B.1): the mechanisms SPNEGO may negotiate with `creds`, in
   * order of preference.
   * @throws {OperationUnavailableError} the backend lacks `rfc4178` (`has('rfc4178')` is false).
   * @throws {GssError} the credential or a mechanism is not acceptable (MIT: GSS_S_FAILURE).
   * @throws {TypeError} when `creds` is not a live credential of this backend or a mech is not
   *   an OID.
   */
  setNegMechs(creds: Creds, mechSet: Iterable<OID>): void;
}

/** Options of {@link Rfc5587Api.indicateMechsByAttrs}; `null` or absent is GSS_C_NO_OID_SET. */
export interface IndicateMechsByAttrsOptions {
  /** Attributes every mechanism returned has. */
  readonly desiredMechAttrs?: Iterable<OID> | null;
  /** Attributes no mechanism returned has. */
  readonly exceptMechAttrs?: Iterable<OID> | null;
  /** Attributes every mechanism returned knows and has. */
  readonly criticalMechAttrs?: Iterable<OID> | null;
}

/** The `rfc5587` extension: mechanism attributes (GSS_C_MA_*, `MechAttr`). */
export interface Rfc5587Api {
  /**
   * GSS_Indicate_mechs_by_attrs (RFC 5587 §3.4): the mechanisms with the given attributes.
   * @throws {OperationUnavailableError} the backend lacks `rfc5587`.
   * @throws {GssError} on a failure of the implementation.
   * @throws {TypeError} when an attribute is not an OID.
   */
  indicateMechsByAttrs(options?: IndicateMechsByAttrsOptions): readonly OID[];

  /**
   * GSS_Inquire_attrs_for_mech (RFC 5587 §3.4): the attributes a mechanism has and knows.
   * @throws {OperationUnavailableError} the backend lacks `rfc5587`.
   * @throws {BadMechanismError} the mechanism is not supported.
   * @throws {TypeError} when `mech` is not an OID.
   */
  inquireAttrsForMech(mech: OID): InquireAttrsResult;

  /**
   * GSS_Display_mech_attr (RFC 5587 §3.4): the name and descriptions of an attribute.
   * @throws {OperationUnavailableError} the backend lacks `rfc5587`.
   * @throws {GssError} with code `BAD_MECH_ATTR`: the attribute is not known (the reference
   *   has no class of its own for GSS_S_BAD_MECH_ATTR).
   * @throws {TypeError} when `attr` is not an OID.
   */
  displayMechAttr(attr: OID): DisplayAttrResult;
}

/** The `rfc5801` extension: SASL names of mechanisms (GS2). */
export interface Rfc5801Api {
  /**
   * GSS_Inquire_SASLname_for_mech (RFC 5801 §10): a mechanism's SASL name, name, description.
   * @throws {OperationUnavailableError} the backend lacks `rfc5801`.
   * @throws {BadMechanismError} the mechanism is not supported.
   * @throws {TypeError} when `mech` is not an OID.
   */
  inquireSaslnameForMech(mech: OID): InquireSASLNameResult;

  /**
   * GSS_Inquire_mech_for_SASLname (RFC 5801 §11): the mechanism with a SASL name.
   * @param saslName such as `GS2-KRB5`, as bytes or text.
   * @throws {OperationUnavailableError} the backend lacks `rfc5801`.
   * @throws {BadMechanismError} no mechanism has that SASL name.
   * @throws {TypeError} when `saslName` has the wrong type.
   */
  inquireMechForSaslname(saslName: TextInput): OID;
}
