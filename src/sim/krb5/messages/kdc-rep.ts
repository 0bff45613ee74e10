/**
 * AS-REP, TGS-REP, EncKDCRepPart and LastReq (RFC 4120 §5.4.2).
 *
 * MIT writes the encrypted part of **both** replies as EncTGSRepPart ([APPLICATION 26]), as the
 * RFC's compatibility note allows, and reads either tag: {@link decodeEncKdcRepPart} does the
 * same, and the sim's KDC should call {@link encodeEncTgsRepPart} for an AS-REP too to write
 * MIT's bytes.
 *
 * @module
 */

import { GssError } from '../../../spec/errors.js';
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
import { code } from '../../errors/index.js';
import {
  type EncryptedData,
  type EncryptionKey,
  encryptedData,
  encryptionKey,
} from './encryption.js';
import { type HostAddresses, hostAddresses } from './host-address.js';
import { ApplicationTag, MessageType } from './message-type.js';
import { methodData, type PaData } from './pa-data.js';
import { type PrincipalName, principalName } from './principal-name.js';
import { type Ticket, ticket } from './ticket.js';

/** AS-REP and TGS-REP: KDC-REP. */
export interface KdcRep {
  /** msg-type: 11 or 13; kept as read, like MIT. (pvno is always 5 and not kept.) */
  readonly msgType: number;
  /** padata: such as PA-ETYPE-INFO2 in an AS-REP. */
  readonly padata?: readonly PaData[];
  /** crealm: the client's realm. */
  readonly crealm: string;
  /** cname: the client's name. */
  readonly cname: PrincipalName;
  /** ticket: the new ticket. */
  readonly ticket: Ticket;
  /** enc-part: the EncKDCRepPart, encrypted (key usage 3, 8 or 9). */
  readonly encPart: EncryptedData;
}

/** An AS-REP. */
export type AsRep = KdcRep;
/** A TGS-REP. */
export type TgsRep = KdcRep;

/** One LastReq entry. */
export interface LastReqEntry {
  /** lr-type: what the time is of (0 for none). */
  readonly lrType: number;
  /** lr-value: the time. */
  readonly lrValue: number;
}

/** LastReq: a SEQUENCE OF entries. */
export type LastReq = readonly LastReqEntry[];

/** The encrypted part of a KDC reply. Holds the session key: never print it. */
export interface EncKdcRepPart {
  /** key: the session key. */
  readonly key: EncryptionKey;
  /** last-req. */
  readonly lastReq: LastReq;
  /** nonce: the request's nonce. */
  readonly nonce: number;
  /** key-expiration: when the client's key expires. */
  readonly keyExpiration?: number;
  /** flags: the ticket's {@link TicketFlags}. */
  readonly flags: number;
  /** authtime. */
  readonly authtime: number;
  /** starttime: MIT leaves it out when it equals authtime. */
  readonly starttime?: number;
  /** endtime. */
  readonly endtime: number;
  /** renew-till: MIT writes it only when the renewable flag is set. */
  readonly renewTill?: number;
  /** srealm: the server's realm. */
  readonly srealm: string;
  /** sname: the server's name. */
  readonly sname: PrincipalName;
  /** caddr: the ticket's addresses. */
  readonly caddr?: HostAddresses;
  /** encrypted-pa-data (RFC 6806). */
  readonly encryptedPaData?: readonly PaData[];
}

/** An EncKDCRepPart and the tag it came with: 25 (EncASRepPart) or 26 (EncTGSRepPart). */
export interface DecodedEncKdcRepPart {
  readonly tag: 25 | 26;
  readonly part: EncKdcRepPart;
}

const kdcRep: DerType<KdcRep> = sequence(
  (reader) => {
    reader.required(0, pvno);
    return withoutUndefined<KdcRep>({
      msgType: reader.required(1, uint32),
      padata: reader.optional(2, methodData),
      crealm: reader.required(3, kerberosString),
      cname: reader.required(4, principalName),
      ticket: reader.required(5, ticket),
      encPart: reader.required(6, encryptedData),
    });
  },
  (value) => [
    fixedField(0, pvno),
    field(1, uint32, value.msgType),
    field(2, methodData, value.padata),
    field(3, kerberosString, value.crealm),
    field(4, principalName, value.cname),
    field(5, ticket, value.ticket),
    field(6, encryptedData, value.encPart),
  ],
);

/** The DER type of AS-REP ([APPLICATION 11]). */
export const asRep: DerType<AsRep> = applicationTag(MessageType.asRep, kdcRep);

/** The DER type of TGS-REP ([APPLICATION 13]). */
export const tgsRep: DerType<TgsRep> = applicationTag(MessageType.tgsRep, kdcRep);

const lastReqEntry: DerType<LastReqEntry> = sequence(
  (reader) => ({
    lrType: reader.required(0, int32),
    lrValue: reader.required(1, kerberosTime),
  }),
  (value) => [field(0, int32, value.lrType), field(1, kerberosTime, value.lrValue)],
);

/** The DER type of LastReq. */
export const lastReq: DerType<LastReq> = sequenceOf(lastReqEntry);

const encKdcRepPart: DerType<EncKdcRepPart> = sequence(
  (reader) =>
    withoutUndefined<EncKdcRepPart>({
      key: reader.required(0, encryptionKey),
      lastReq: reader.required(1, lastReq),
      nonce: reader.required(2, int32),
      keyExpiration: reader.optional(3, kerberosTime),
      flags: reader.required(4, kerberosFlags),
      authtime: reader.required(5, kerberosTime),
      starttime: reader.optional(6, kerberosTime),
      endtime: reader.required(7, kerberosTime),
      renewTill: reader.optional(8, kerberosTime),
      srealm: reader.required(9, kerberosString),
      sname: reader.required(10, principalName),
      caddr: reader.optional(11, hostAddresses),
      encryptedPaData: reader.optional(12, methodData),
    }),
  (value) => [
    field(0, encryptionKey, value.key),
    field(1, lastReq, value.lastReq),
    field(2, int32, value.nonce),
    field(3, kerberosTime, value.keyExpiration),
    field(4, kerberosFlags, value.flags),
    field(5, kerberosTime, value.authtime),
    field(6, kerberosTime, value.starttime),
    field(7, kerberosTime, value.endtime),
    field(8, kerberosTime, value.renewTill),
    field(9, kerberosString, value.srealm),
    field(10, principalName, value.sname),
    field(11, hostAddresses, value.caddr),
    field(12, methodData, value.encryptedPaData),
  ],
);

/** The DER type of EncASRepPart ([APPLICATION 25]). */
export const encAsRepPart: DerType<EncKdcRepPart> = applicationTag(
  ApplicationTag.encAsRepPart,
  encKdcRepPart,
);

/** The DER type of EncTGSRepPart ([APPLICATION 26]). */
export const encTgsRepPart: DerType<EncKdcRepPart> = applicationTag(
  ApplicationTag.encTgsRepPart,
  encKdcRepPart,
);

/** Encodes an AS-REP. */
export function encodeAsRep(value: AsRep): Uint8Array {
  return asRep.encode(value);
}

/**
 * Decodes an AS-REP.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeAsRep(bytes: Uint8Array, options?: DecodeOptions): AsRep {
  return decodeMessage(asRep, bytes, options);
}

/** Encodes a TGS-REP. */
export function encodeTgsRep(value: TgsRep): Uint8Array {
  return tgsRep.encode(value);
}

/**
 * Decodes a TGS-REP.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeTgsRep(bytes: Uint8Array, options?: DecodeOptions): TgsRep {
  return decodeMessage(tgsRep, bytes, options);
}

/** Encodes an EncKDCRepPart as EncASRepPart ([APPLICATION 25]), which MIT never writes. */
export function encodeEncAsRepPart(value: EncKdcRepPart): Uint8Array {
  return encAsRepPart.encode(value);
}

/** Encodes an EncKDCRepPart as EncTGSRepPart ([APPLICATION 26]), as MIT does for both replies. */
export function encodeEncTgsRepPart(value: EncKdcRepPart): Uint8Array {
  return encTgsRepPart.encode(value);
}

/**
 * Decodes an EncKDCRepPart as MIT's `decode_krb5_enc_kdc_rep_part` does: as EncTGSRepPart,
 * and when that fails with ASN1_BAD_ID (whatever the reason), again as EncASRepPart.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEncKdcRepPart(
  bytes: Uint8Array,
  options?: DecodeOptions,
): DecodedEncKdcRepPart {
  try {
    return { tag: 26, part: decodeMessage(encTgsRepPart, bytes, options) };
  } catch (error) {
    if (!isBadId(error)) throw error;
  }
  return { tag: 25, part: decodeMessage(encAsRepPart, bytes, options) };
}

function isBadId(error: unknown): boolean {
  return error instanceof GssError && error.minor === code('ASN1_BAD_ID');
}
