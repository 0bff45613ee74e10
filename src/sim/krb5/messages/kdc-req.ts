/**
 * KDC-REQ-BODY, AS-REQ and TGS-REQ (RFC 4120 §5.4.1).
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, fixedField, sequence, withoutUndefined } from '../../asn1/sequence.js';
import {
  applicationTag,
  type DerType,
  decodeMessage,
  int32,
  kerberosFlags,
  kerberosString,
  kerberosTime,
  pvno,
  sequenceOf,
  uint32,
} from '../../asn1/types.js';
import { type EncryptedData, encryptedData } from './encryption.js';
import { type HostAddresses, hostAddresses } from './host-address.js';
import { MessageType } from './message-type.js';
import { methodData, type PaData } from './pa-data.js';
import { type PrincipalName, principalName } from './principal-name.js';
import { type Ticket, ticket } from './ticket.js';

/** The body of a KDC request, the part the PA-TGS-REQ checksum covers. */
export interface KdcReqBody {
  /** kdc-options: {@link KdcOptions}. */
  readonly kdcOptions: number;
  /** cname: the client, in an AS-REQ. */
  readonly cname?: PrincipalName;
  /** realm: the server's realm (the client's too in an AS-REQ). */
  readonly realm: string;
  /** sname: the server. */
  readonly sname?: PrincipalName;
  /** from: the requested start time of a postdated ticket. */
  readonly from?: number;
  /** till: the requested end time. */
  readonly till: number;
  /** rtime: the requested renew-till time. */
  readonly rtime?: number;
  /** nonce: a random number the reply must echo. MIT keeps it to 31 bits. */
  readonly nonce: number;
  /** etype: the enctypes the client accepts, most preferred first. */
  readonly etype: readonly number[];
  /** addresses: the client addresses the ticket may be used from. */
  readonly addresses?: HostAddresses;
  /** enc-authorization-data: encrypted authorization data for the ticket. */
  readonly encAuthorizationData?: EncryptedData;
  /** additional-tickets: for user-to-user or constrained delegation. */
  readonly additionalTickets?: readonly Ticket[];
}

/** AS-REQ and TGS-REQ: KDC-REQ. */
export interface KdcReq {
  /**
   * msg-type: 10 for AS-REQ, 12 for TGS-REQ. MIT's decoder keeps whatever it reads; the
   * APPLICATION tag is what tells the two apart. (pvno is always 5 and not kept.)
   */
  readonly msgType: number;
  /** padata: pre-authentication data (PA-ENC-TIMESTAMP, PA-TGS-REQ, ...). */
  readonly padata?: readonly PaData[];
  /** req-body. */
  readonly reqBody: KdcReqBody;
}

/** An AS-REQ. */
export type AsReq = KdcReq;
/** A TGS-REQ. */
export type TgsReq = KdcReq;

/** The DER type of KDC-REQ-BODY. */
export const kdcReqBody: DerType<KdcReqBody> = sequence(
  (reader) =>
    withoutUndefined<KdcReqBody>({
      kdcOptions: reader.required(0, kerberosFlags),
      cname: reader.optional(1, principalName),
      realm: reader.required(2, kerberosString),
      sname: reader.optional(3, principalName),
      from: reader.optional(4, kerberosTime),
      till: reader.required(5, kerberosTime),
      rtime: reader.optional(6, kerberosTime),
      nonce: reader.required(7, int32),
      etype: reader.required(8, sequenceOf(int32)),
      addresses: reader.optional(9, hostAddresses),
      encAuthorizationData: reader.optional(10, encryptedData),
      additionalTickets: reader.optional(11, sequenceOf(ticket)),
    }),
  (value) => [
    field(0, kerberosFlags, value.kdcOptions),
    field(1, principalName, value.cname),
    field(2, kerberosString, value.realm),
    field(3, principalName, value.sname),
    field(4, kerberosTime, value.from),
    field(5, kerberosTime, value.till),
    field(6, kerberosTime, value.rtime),
    field(7, int32, value.nonce),
    field(8, sequenceOf(int32), value.etype),
    field(9, hostAddresses, value.addresses),
    field(10, encryptedData, value.encAuthorizationData),
    field(11, sequenceOf(ticket), value.additionalTickets),
  ],
);

const kdcReq: DerType<KdcReq> = sequence(
  (reader) => {
    reader.required(1, pvno);
    return withoutUndefined<KdcReq>({
      msgType: reader.required(2, uint32),
      padata: reader.optional(3, methodData),
      reqBody: reader.required(4, kdcReqBody),
    });
  },
  (value) => [
    fixedField(1, pvno),
    field(2, uint32, value.msgType),
    field(3, methodData, value.padata),
    field(4, kdcReqBody, value.reqBody),
  ],
);

/** The DER type of AS-REQ ([APPLICATION 10]). */
export const asReq: DerType<AsReq> = applicationTag(MessageType.asReq, kdcReq);

/** The DER type of TGS-REQ ([APPLICATION 12]). */
export const tgsReq: DerType<TgsReq> = applicationTag(MessageType.tgsReq, kdcReq);

/** Encodes a KDC-REQ-BODY (what the PA-TGS-REQ authenticator's checksum covers). */
export function encodeKdcReqBody(value: KdcReqBody): Uint8Array {
  return kdcReqBody.encode(value);
}

/**
 * Decodes a KDC-REQ-BODY.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeKdcReqBody(bytes: Uint8Array, options?: DecodeOptions): KdcReqBody {
  return decodeMessage(kdcReqBody, bytes, options);
}

/** Encodes an AS-REQ. */
export function encodeAsReq(value: AsReq): Uint8Array {
  return asReq.encode(value);
}

/**
 * Decodes an AS-REQ.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeAsReq(bytes: Uint8Array, options?: DecodeOptions): AsReq {
  return decodeMessage(asReq, bytes, options);
}

/** Encodes a TGS-REQ. */
export function encodeTgsReq(value: TgsReq): Uint8Array {
  return tgsReq.encode(value);
}

/**
 * Decodes a TGS-REQ.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeTgsReq(bytes: Uint8Array, options?: DecodeOptions): TgsReq {
  return decodeMessage(tgsReq, bytes, options);
}
