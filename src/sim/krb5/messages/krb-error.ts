/**
 * KRB-ERROR (RFC 4120 §5.9.1).
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, fixedField, sequence, withoutUndefined } from '../../asn1/sequence.js';
import {
  applicationTag,
  type DerType,
  decodeMessage,
  fixedInteger,
  int32,
  kerberosString,
  kerberosTime,
  octetString,
  pvno,
  uint32,
} from '../../asn1/types.js';
import { MessageType } from './message-type.js';
import { type PrincipalName, principalName } from './principal-name.js';

/** A KRB-ERROR. pvno (5) and msg-type (30) are not kept; MIT does not check msg-type. */
export interface KrbError {
  /** ctime: the client's time from the request, when known. */
  readonly ctime?: number;
  /** cusec: its microseconds. MIT leaves out a cusec of 0. */
  readonly cusec?: number;
  /** stime: the server's time. */
  readonly stime: number;
  /** susec: its microseconds. */
  readonly susec: number;
  /** error-code: RFC 4120 §7.5.9 (MIT's minor status is this plus the krb5 table's base). */
  readonly errorCode: number;
  /** crealm: the client's realm. */
  readonly crealm?: string;
  /** cname: the client's name. */
  readonly cname?: PrincipalName;
  /** realm: the server's realm. */
  readonly realm: string;
  /** sname: the server's name. */
  readonly sname: PrincipalName;
  /** e-text: a text for a person. */
  readonly eText?: string;
  /** e-data: more data, such as METHOD-DATA for KDC_ERR_PREAUTH_REQUIRED. */
  readonly eData?: Uint8Array;
}

const errorMessageType = fixedInteger(MessageType.error);

/** The DER type of KRB-ERROR ([APPLICATION 30]). */
export const krbError: DerType<KrbError> = applicationTag(
  MessageType.error,
  sequence(
    (reader) => {
      reader.required(0, pvno);
      reader.required(1, errorMessageType);
      return withoutUndefined<KrbError>({
        ctime: reader.optional(2, kerberosTime),
        cusec: reader.optional(3, int32),
        stime: reader.required(4, kerberosTime),
        susec: reader.required(5, int32),
        errorCode: reader.required(6, uint32),
        crealm: reader.optional(7, kerberosString),
        cname: reader.optional(8, principalName),
        realm: reader.required(9, kerberosString),
        sname: reader.required(10, principalName),
        eText: reader.optional(11, kerberosString),
        eData: reader.optional(12, octetString),
      });
    },
    (value) => [
      fixedField(0, pvno),
      fixedField(1, errorMessageType),
      field(2, kerberosTime, value.ctime),
      field(3, int32, value.cusec),
      field(4, kerberosTime, value.stime),
      field(5, int32, value.susec),
      field(6, uint32, value.errorCode),
      field(7, kerberosString, value.crealm),
      field(8, principalName, value.cname),
      field(9, kerberosString, value.realm),
      field(10, principalName, value.sname),
      field(11, kerberosString, value.eText),
      field(12, octetString, value.eData),
    ],
  ),
);

/** Encodes a KRB-ERROR. */
export function encodeKrbError(value: KrbError): Uint8Array {
  return krbError.encode(value);
}

/**
 * Decodes a KRB-ERROR.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeKrbError(bytes: Uint8Array, options?: DecodeOptions): KrbError {
  return decodeMessage(krbError, bytes, options);
}
