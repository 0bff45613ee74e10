/**
 * KRB-CRED, EncKrbCredPart and KrbCredInfo (RFC 4120 §5.8), the message of credential
 * delegation (RFC 4121 §4.1.1 Dlgopt 1).
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
  sequenceOf,
} from '../../asn1/types.js';
import {
  type EncryptedData,
  type EncryptionKey,
  encryptedData,
  encryptionKey,
} from './encryption.js';
import {
  type HostAddress,
  type HostAddresses,
  hostAddress,
  hostAddresses,
} from './host-address.js';
import { ApplicationTag, MessageType } from './message-type.js';
import { type PrincipalName, principalName } from './principal-name.js';
import { type Ticket, ticket } from './ticket.js';

/** A KRB-CRED. pvno (5) and msg-type (22) are not kept; MIT does not check msg-type. */
export interface KrbCred {
  /** tickets: the tickets delegated. */
  readonly tickets: readonly Ticket[];
  /** enc-part: the EncKrbCredPart, encrypted (key usage 14) or, with etype 0, in clear. */
  readonly encPart: EncryptedData;
}

/** What the receiver learns of one delegated ticket. Holds its session key: never print it. */
export interface KrbCredInfo {
  /** key: the ticket's session key. */
  readonly key: EncryptionKey;
  /** prealm: the client's realm. */
  readonly prealm?: string;
  /** pname: the client's name. */
  readonly pname?: PrincipalName;
  /** flags: the ticket's {@link TicketFlags}. */
  readonly flags?: number;
  /** authtime. */
  readonly authtime?: number;
  /** starttime. */
  readonly starttime?: number;
  /** endtime. */
  readonly endtime?: number;
  /** renew-till. */
  readonly renewTill?: number;
  /** srealm: the server's realm. */
  readonly srealm?: string;
  /** sname: the server's name. */
  readonly sname?: PrincipalName;
  /** caddr: the ticket's addresses. */
  readonly caddr?: HostAddresses;
}

/** The plaintext of a KRB-CRED's enc-part. */
export interface EncKrbCredPart {
  /** ticket-info: one entry per ticket, in the same order. */
  readonly ticketInfo: readonly KrbCredInfo[];
  /** nonce. */
  readonly nonce?: number;
  /** timestamp. */
  readonly timestamp?: number;
  /** usec: the timestamp's microseconds. */
  readonly usec?: number;
  /** s-address: the sender's address. */
  readonly sAddress?: HostAddress;
  /** r-address: the recipient's address. */
  readonly rAddress?: HostAddress;
}

const credMessageType = fixedInteger(MessageType.cred);

/** The DER type of KRB-CRED ([APPLICATION 22]). */
export const krbCred: DerType<KrbCred> = applicationTag(
  MessageType.cred,
  sequence(
    (reader) => {
      reader.required(0, pvno);
      reader.required(1, credMessageType);
      return {
        tickets: reader.required(2, sequenceOf(ticket)),
        encPart: reader.required(3, encryptedData),
      };
    },
    (value) => [
      fixedField(0, pvno),
      fixedField(1, credMessageType),
      field(2, sequenceOf(ticket), value.tickets),
      field(3, encryptedData, value.encPart),
    ],
  ),
);

/** The DER type of KrbCredInfo. */
export const krbCredInfo: DerType<KrbCredInfo> = sequence(
  (reader) =>
    withoutUndefined<KrbCredInfo>({
      key: reader.required(0, encryptionKey),
      prealm: reader.optional(1, kerberosString),
      pname: reader.optional(2, principalName),
      flags: reader.optional(3, kerberosFlags),
      authtime: reader.optional(4, kerberosTime),
      starttime: reader.optional(5, kerberosTime),
      endtime: reader.optional(6, kerberosTime),
      renewTill: reader.optional(7, kerberosTime),
      srealm: reader.optional(8, kerberosString),
      sname: reader.optional(9, principalName),
      caddr: reader.optional(10, hostAddresses),
    }),
  (value) => [
    field(0, encryptionKey, value.key),
    field(1, kerberosString, value.prealm),
    field(2, principalName, value.pname),
    field(3, kerberosFlags, value.flags),
    field(4, kerberosTime, value.authtime),
    field(5, kerberosTime, value.starttime),
    field(6, kerberosTime, value.endtime),
    field(7, kerberosTime, value.renewTill),
    field(8, kerberosString, value.srealm),
    field(9, principalName, value.sname),
    field(10, hostAddresses, value.caddr),
  ],
);

/** The DER type of EncKrbCredPart ([APPLICATION 29]). */
export const encKrbCredPart: DerType<EncKrbCredPart> = applicationTag(
  ApplicationTag.encKrbCredPart,
  sequence(
    (reader) =>
      withoutUndefined<EncKrbCredPart>({
        ticketInfo: reader.required(0, sequenceOf(krbCredInfo)),
        nonce: reader.optional(1, int32),
        timestamp: reader.optional(2, kerberosTime),
        usec: reader.optional(3, int32),
        sAddress: reader.optional(4, hostAddress),
        rAddress: reader.optional(5, hostAddress),
      }),
    (value) => [
      field(0, sequenceOf(krbCredInfo), value.ticketInfo),
      field(1, int32, value.nonce),
      field(2, kerberosTime, value.timestamp),
      field(3, int32, value.usec),
      field(4, hostAddress, value.sAddress),
      field(5, hostAddress, value.rAddress),
    ],
  ),
);

/** Encodes a KRB-CRED. */
export function encodeKrbCred(value: KrbCred): Uint8Array {
  return krbCred.encode(value);
}

/**
 * Decodes a KRB-CRED.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeKrbCred(bytes: Uint8Array, options?: DecodeOptions): KrbCred {
  return decodeMessage(krbCred, bytes, options);
}

/** Encodes an EncKrbCredPart. */
export function encodeEncKrbCredPart(value: EncKrbCredPart): Uint8Array {
  return encKrbCredPart.encode(value);
}

/**
 * Decodes an EncKrbCredPart.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEncKrbCredPart(bytes: Uint8Array, options?: DecodeOptions): EncKrbCredPart {
  return decodeMessage(encKrbCredPart, bytes, options);
}

/** Encodes a KrbCredInfo. */
export function encodeKrbCredInfo(value: KrbCredInfo): Uint8Array {
  return krbCredInfo.encode(value);
}

/**
 * Decodes a KrbCredInfo.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeKrbCredInfo(bytes: Uint8Array, options?: DecodeOptions): KrbCredInfo {
  return decodeMessage(krbCredInfo, bytes, options);
}
