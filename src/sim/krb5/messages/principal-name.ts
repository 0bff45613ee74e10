/**
 * PrincipalName (RFC 4120 §5.2.2) and the name types of §6.2.
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, sequence } from '../../asn1/sequence.js';
import {
  type DerType,
  decodeMessage,
  int32,
  kerberosString,
  sequenceOf,
} from '../../asn1/types.js';

/** A principal's name without its realm: a name type and its components. */
export interface PrincipalName {
  /** name-type: one of {@link NameType}. */
  readonly nameType: number;
  /** name-string: the components, such as `['host', 'localhost']`. */
  readonly nameString: readonly string[];
}

/** The name types of RFC 4120 §6.2 (and MIT's `KRB5_NT_*`). */
export const NameType = {
  /** NT-UNKNOWN. */
  unknown: 0,
  /** NT-PRINCIPAL: a user or a host. */
  principal: 1,
  /** NT-SRV-INST: a service and an instance, such as `krbtgt/REALM`. */
  srvInst: 2,
  /** NT-SRV-HST: a service with a host name as its instance. */
  srvHst: 3,
  /** NT-SRV-XHST. */
  srvXhst: 4,
  /** NT-UID. */
  uid: 5,
  /** NT-X500-PRINCIPAL. */
  x500Principal: 6,
  /** NT-SMTP-NAME. */
  smtpName: 7,
  /** NT-ENTERPRISE (RFC 6806). */
  enterprise: 10,
  /** NT-WELLKNOWN (RFC 6111). */
  wellknown: 11,
} as const;

/** The DER type of PrincipalName. */
export const principalName: DerType<PrincipalName> = sequence(
  (reader) => ({
    nameType: reader.required(0, int32),
    nameString: reader.required(1, sequenceOf(kerberosString)),
  }),
  (value) => [
    field(0, int32, value.nameType),
    field(1, sequenceOf(kerberosString), value.nameString),
  ],
);

/** Encodes a PrincipalName. */
export function encodePrincipalName(value: PrincipalName): Uint8Array {
  return principalName.encode(value);
}

/**
 * Decodes a PrincipalName.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodePrincipalName(bytes: Uint8Array, options?: DecodeOptions): PrincipalName {
  return decodeMessage(principalName, bytes, options);
}
