/**
 * AuthorizationData (RFC 4120 §5.2.6).
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, sequence } from '../../asn1/sequence.js';
import { type DerType, decodeMessage, int32, octetString, sequenceOf } from '../../asn1/types.js';

/** One element of AuthorizationData. */
export interface AuthorizationDataEntry {
  /** ad-type: such as 1 (AD-IF-RELEVANT) or 128 (AD-WIN2K-PAC). */
  readonly adType: number;
  /** ad-data: the element's contents, often DER itself. */
  readonly adData: Uint8Array;
}

/** AuthorizationData: a SEQUENCE OF elements. */
export type AuthorizationData = readonly AuthorizationDataEntry[];

/** The DER type of one AuthorizationData element. */
export const authorizationDataEntry: DerType<AuthorizationDataEntry> = sequence(
  (reader) => ({
    adType: reader.required(0, int32),
    adData: reader.required(1, octetString),
  }),
  (value) => [field(0, int32, value.adType), field(1, octetString, value.adData)],
);

/** The DER type of AuthorizationData. */
export const authorizationData: DerType<AuthorizationData> = sequenceOf(authorizationDataEntry);

/** Encodes AuthorizationData. */
export function encodeAuthorizationData(value: AuthorizationData): Uint8Array {
  return authorizationData.encode(value);
}

/**
 * Decodes AuthorizationData.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeAuthorizationData(
  bytes: Uint8Array,
  options?: DecodeOptions,
): AuthorizationData {
  return decodeMessage(authorizationData, bytes, options);
}
