/**
 * HostAddress and HostAddresses (RFC 4120 §5.2.5).
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, sequence } from '../../asn1/sequence.js';
import { type DerType, decodeMessage, int32, octetString, sequenceOf } from '../../asn1/types.js';

/** A network address. */
export interface HostAddress {
  /** addr-type: 2 for IPv4, 24 for IPv6, 20 for NetBIOS (RFC 4120 §7.5.3). */
  readonly addrType: number;
  /** address: the address's octets. */
  readonly address: Uint8Array;
}

/** HostAddresses: a SEQUENCE OF HostAddress. */
export type HostAddresses = readonly HostAddress[];

/** The address types of RFC 4120 §7.5.3. */
export const AddressType = {
  ipv4: 2,
  directional: 3,
  chaosNet: 5,
  xns: 6,
  iso: 7,
  decnetPhaseIv: 12,
  appletalkDdp: 16,
  netbios: 20,
  ipv6: 24,
} as const;

/** The DER type of HostAddress. */
export const hostAddress: DerType<HostAddress> = sequence(
  (reader) => ({
    addrType: reader.required(0, int32),
    address: reader.required(1, octetString),
  }),
  (value) => [field(0, int32, value.addrType), field(1, octetString, value.address)],
);

/** The DER type of HostAddresses. */
export const hostAddresses: DerType<HostAddresses> = sequenceOf(hostAddress);

/** Encodes a HostAddress. */
export function encodeHostAddress(value: HostAddress): Uint8Array {
  return hostAddress.encode(value);
}

/**
 * Decodes a HostAddress.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeHostAddress(bytes: Uint8Array, options?: DecodeOptions): HostAddress {
  return decodeMessage(hostAddress, bytes, options);
}

/** Encodes HostAddresses. */
export function encodeHostAddresses(value: HostAddresses): Uint8Array {
  return hostAddresses.encode(value);
}

/**
 * Decodes HostAddresses.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeHostAddresses(bytes: Uint8Array, options?: DecodeOptions): HostAddresses {
  return decodeMessage(hostAddresses, bytes, options);
}
