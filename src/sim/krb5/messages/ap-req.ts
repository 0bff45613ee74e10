/**
 * AP-REQ and Authenticator (RFC 4120 §5.5.1).
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
  kerberosFlags,
  kerberosString,
  kerberosTime,
  pvno,
  sequenceNumber,
} from '../../asn1/types.js';
import { type AuthorizationData, authorizationData } from './authorization-data.js';
import {
  type Checksum,
  checksum,
  type EncryptedData,
  type EncryptionKey,
  encryptedData,
  encryptionKey,
} from './encryption.js';
import { ApplicationTag, MessageType } from './message-type.js';
import { type PrincipalName, principalName } from './principal-name.js';
import { type Ticket, ticket } from './ticket.js';

/**
 * An AP-REQ. pvno (5) and msg-type (14) are not kept: MIT checks the first and reads the second
 * without checking its value.
 */
export interface ApReq {
  /** ap-options: {@link ApOptions}. */
  readonly apOptions: number;
  /** ticket: the service ticket. */
  readonly ticket: Ticket;
  /** authenticator: the Authenticator, encrypted in the session key (key usage 11). */
  readonly authenticator: EncryptedData;
}

/** The plaintext of an AP-REQ's authenticator. Its subkey is a secret: never print it. */
export interface Authenticator {
  /** crealm: the client's realm. (authenticator-vno is always 5 and not kept.) */
  readonly crealm: string;
  /** cname: the client's name. */
  readonly cname: PrincipalName;
  /** cksum: for GSS-API, the 0x8003 checksum of RFC 4121 §4.1.1. */
  readonly cksum?: Checksum;
  /** cusec: the microseconds of ctime. */
  readonly cusec: number;
  /** ctime: the client's time. */
  readonly ctime: number;
  /** subkey: the initiator's subkey. */
  readonly subkey?: EncryptionKey;
  /** seq-number: the initial sequence number. MIT leaves out a sequence number of 0. */
  readonly seqNumber?: number;
  /** authorization-data. */
  readonly authorizationData?: AuthorizationData;
}

/** The msg-type field of AP-REQ: written as 14, read without a check, as MIT reads it. */
const apReqMessageType = fixedInteger(MessageType.apReq);

/** The DER type of AP-REQ ([APPLICATION 14]). */
export const apReq: DerType<ApReq> = applicationTag(
  MessageType.apReq,
  sequence(
    (reader) => {
      reader.required(0, pvno);
      reader.required(1, apReqMessageType);
      return {
        apOptions: reader.required(2, kerberosFlags),
        ticket: reader.required(3, ticket),
        authenticator: reader.required(4, encryptedData),
      };
    },
    (value) => [
      fixedField(0, pvno),
      fixedField(1, apReqMessageType),
      field(2, kerberosFlags, value.apOptions),
      field(3, ticket, value.ticket),
      field(4, encryptedData, value.authenticator),
    ],
  ),
);

/** The DER type of Authenticator ([APPLICATION 2]). */
export const authenticator: DerType<Authenticator> = applicationTag(
  ApplicationTag.authenticator,
  sequence(
    (reader) => {
      reader.required(0, pvno);
      return withoutUndefined<Authenticator>({
        crealm: reader.required(1, kerberosString),
        cname: reader.required(2, principalName),
        cksum: reader.optional(3, checksum),
        cusec: reader.required(4, int32),
        ctime: reader.required(5, kerberosTime),
        subkey: reader.optional(6, encryptionKey),
        seqNumber: reader.optional(7, sequenceNumber),
        authorizationData: reader.optional(8, authorizationData),
      });
    },
    (value) => [
      fixedField(0, pvno),
      field(1, kerberosString, value.crealm),
      field(2, principalName, value.cname),
      field(3, checksum, value.cksum),
      field(4, int32, value.cusec),
      field(5, kerberosTime, value.ctime),
      field(6, encryptionKey, value.subkey),
      field(7, sequenceNumber, value.seqNumber),
      field(8, authorizationData, value.authorizationData),
    ],
  ),
);

/** Encodes an AP-REQ. */
export function encodeApReq(value: ApReq): Uint8Array {
  return apReq.encode(value);
}

/**
 * Decodes an AP-REQ.
 * @throws {GssError} with MIT's ASN.1 error code for any defect; KRB5KDC_ERR_BAD_PVNO for a
 *   pvno other than 5.
 */
export function decodeApReq(bytes: Uint8Array, options?: DecodeOptions): ApReq {
  return decodeMessage(apReq, bytes, options);
}

/** Encodes an Authenticator. */
export function encodeAuthenticator(value: Authenticator): Uint8Array {
  return authenticator.encode(value);
}

/**
 * Decodes an Authenticator.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeAuthenticator(bytes: Uint8Array, options?: DecodeOptions): Authenticator {
  return decodeMessage(authenticator, bytes, options);
}
