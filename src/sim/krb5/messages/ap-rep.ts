/**
 * AP-REP and EncAPRepPart (RFC 4120 §5.5.2).
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
  kerberosTime,
  pvno,
  sequenceNumber,
} from '../../asn1/types.js';
import {
  type EncryptedData,
  type EncryptionKey,
  encryptedData,
  encryptionKey,
} from './encryption.js';
import { ApplicationTag, MessageType } from './message-type.js';

/** An AP-REP. pvno (5) and msg-type (15) are not kept; MIT does not check msg-type. */
export interface ApRep {
  /** enc-part: the EncAPRepPart, encrypted in the session key (key usage 12). */
  readonly encPart: EncryptedData;
}

/** The plaintext of an AP-REP. Its subkey is a secret: never print it. */
export interface EncApRepPart {
  /** ctime: the authenticator's ctime. */
  readonly ctime: number;
  /** cusec: the authenticator's cusec. */
  readonly cusec: number;
  /** subkey: the acceptor's subkey. */
  readonly subkey?: EncryptionKey;
  /** seq-number: the acceptor's initial sequence number. */
  readonly seqNumber?: number;
}

const apRepMessageType = fixedInteger(MessageType.apRep);

/** The DER type of AP-REP ([APPLICATION 15]). */
export const apRep: DerType<ApRep> = applicationTag(
  MessageType.apRep,
  sequence(
    (reader) => {
      reader.required(0, pvno);
      reader.required(1, apRepMessageType);
      return { encPart: reader.required(2, encryptedData) };
    },
    (value) => [
      fixedField(0, pvno),
      fixedField(1, apRepMessageType),
      field(2, encryptedData, value.encPart),
    ],
  ),
);

/** The DER type of EncAPRepPart ([APPLICATION 27]). */
export const encApRepPart: DerType<EncApRepPart> = applicationTag(
  ApplicationTag.encApRepPart,
  sequence(
    (reader) =>
      withoutUndefined<EncApRepPart>({
        ctime: reader.required(0, kerberosTime),
        cusec: reader.required(1, int32),
        subkey: reader.optional(2, encryptionKey),
        seqNumber: reader.optional(3, sequenceNumber),
      }),
    (value) => [
      field(0, kerberosTime, value.ctime),
      field(1, int32, value.cusec),
      field(2, encryptionKey, value.subkey),
      field(3, sequenceNumber, value.seqNumber),
    ],
  ),
);

/** Encodes an AP-REP. */
export function encodeApRep(value: ApRep): Uint8Array {
  return apRep.encode(value);
}

/**
 * Decodes an AP-REP.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeApRep(bytes: Uint8Array, options?: DecodeOptions): ApRep {
  return decodeMessage(apRep, bytes, options);
}

/** Encodes an EncAPRepPart. */
export function encodeEncApRepPart(value: EncApRepPart): Uint8Array {
  return encApRepPart.encode(value);
}

/**
 * Decodes an EncAPRepPart.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEncApRepPart(bytes: Uint8Array, options?: DecodeOptions): EncApRepPart {
  return decodeMessage(encApRepPart, bytes, options);
}
