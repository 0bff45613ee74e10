/**
 * Ticket, EncTicketPart and TransitedEncoding (RFC 4120 §5.3).
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, fixedField, sequence, withoutUndefined } from '../../asn1/sequence.js';
import {
  applicationTag,
  type DerType,
  decodeMessage,
  kerberosFlags,
  kerberosString,
  kerberosTime,
  octetString,
  pvno,
  uint8,
} from '../../asn1/types.js';
import { type AuthorizationData, authorizationData } from './authorization-data.js';
import {
  type EncryptedData,
  type EncryptionKey,
  encryptedData,
  encryptionKey,
} from './encryption.js';
import { type HostAddresses, hostAddresses } from './host-address.js';
import { type PrincipalName, principalName } from './principal-name.js';

/** A ticket: its service's name in clear, the rest encrypted in the service's key. */
export interface Ticket {
  /** realm: the service's realm. (tkt-vno is always 5 and not kept.) */
  readonly realm: string;
  /** sname: the service's name. */
  readonly sname: PrincipalName;
  /** enc-part: the EncTicketPart, encrypted with key usage 2. */
  readonly encPart: EncryptedData;
}

/** The realms a ticket's path crossed. */
export interface TransitedEncoding {
  /** tr-type: 1 for DOMAIN-X500-COMPRESS. MIT keeps it in one octet. */
  readonly trType: number;
  /** contents: the encoded realm list; empty for a ticket from the client's own realm. */
  readonly contents: Uint8Array;
}

/** The encrypted part of a ticket. Holds the session key: never print it. */
export interface EncTicketPart {
  /** flags: {@link TicketFlags}. */
  readonly flags: number;
  /** key: the session key. */
  readonly key: EncryptionKey;
  /** crealm: the client's realm. */
  readonly crealm: string;
  /** cname: the client's name. */
  readonly cname: PrincipalName;
  /** transited: the realms crossed. */
  readonly transited: TransitedEncoding;
  /** authtime: when the client authenticated (seconds since 1970). */
  readonly authtime: number;
  /** starttime: when the ticket becomes valid, if not authtime. */
  readonly starttime?: number;
  /** endtime: when the ticket expires. */
  readonly endtime: number;
  /** renew-till: the latest end time of a renewable ticket. */
  readonly renewTill?: number;
  /** caddr: the addresses the ticket may be used from. */
  readonly caddr?: HostAddresses;
  /** authorization-data. */
  readonly authorizationData?: AuthorizationData;
}

/** The DER type of Ticket ([APPLICATION 1]). */
export const ticket: DerType<Ticket> = applicationTag(
  1,
  sequence(
    (reader) => {
      reader.required(0, pvno);
      return {
        realm: reader.required(1, kerberosString),
        sname: reader.required(2, principalName),
        encPart: reader.required(3, encryptedData),
      };
    },
    (value) => [
      fixedField(0, pvno),
      field(1, kerberosString, value.realm),
      field(2, principalName, value.sname),
      field(3, encryptedData, value.encPart),
    ],
  ),
);

/** The DER type of TransitedEncoding. */
export const transitedEncoding: DerType<TransitedEncoding> = sequence(
  (reader) => ({
    trType: reader.required(0, uint8),
    contents: reader.required(1, octetString),
  }),
  (value) => [field(0, uint8, value.trType), field(1, octetString, value.contents)],
);

/** The DER type of EncTicketPart ([APPLICATION 3]). */
export const encTicketPart: DerType<EncTicketPart> = applicationTag(
  3,
  sequence(
    (reader) =>
      withoutUndefined<EncTicketPart>({
        flags: reader.required(0, kerberosFlags),
        key: reader.required(1, encryptionKey),
        crealm: reader.required(2, kerberosString),
        cname: reader.required(3, principalName),
        transited: reader.required(4, transitedEncoding),
        authtime: reader.required(5, kerberosTime),
        starttime: reader.optional(6, kerberosTime),
        endtime: reader.required(7, kerberosTime),
        renewTill: reader.optional(8, kerberosTime),
        caddr: reader.optional(9, hostAddresses),
        authorizationData: reader.optional(10, authorizationData),
      }),
    (value) => [
      field(0, kerberosFlags, value.flags),
      field(1, encryptionKey, value.key),
      field(2, kerberosString, value.crealm),
      field(3, principalName, value.cname),
      field(4, transitedEncoding, value.transited),
      field(5, kerberosTime, value.authtime),
      field(6, kerberosTime, value.starttime),
      field(7, kerberosTime, value.endtime),
      field(8, kerberosTime, value.renewTill),
      field(9, hostAddresses, value.caddr),
      field(10, authorizationData, value.authorizationData),
    ],
  ),
);

/** Encodes a Ticket. */
export function encodeTicket(value: Ticket): Uint8Array {
  return ticket.encode(value);
}

/**
 * Decodes a Ticket.
 * @throws {GssError} with MIT's ASN.1 error code for any defect; KRB5KDC_ERR_BAD_PVNO for a
 *   tkt-vno other than 5.
 */
export function decodeTicket(bytes: Uint8Array, options?: DecodeOptions): Ticket {
  return decodeMessage(ticket, bytes, options);
}

/** Encodes an EncTicketPart. */
export function encodeEncTicketPart(value: EncTicketPart): Uint8Array {
  return encTicketPart.encode(value);
}

/**
 * Decodes an EncTicketPart.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEncTicketPart(bytes: Uint8Array, options?: DecodeOptions): EncTicketPart {
  return decodeMessage(encTicketPart, bytes, options);
}

/** Encodes a TransitedEncoding. */
export function encodeTransitedEncoding(value: TransitedEncoding): Uint8Array {
  return transitedEncoding.encode(value);
}

/**
 * Decodes a TransitedEncoding.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeTransitedEncoding(
  bytes: Uint8Array,
  options?: DecodeOptions,
): TransitedEncoding {
  return decodeMessage(transitedEncoding, bytes, options);
}
