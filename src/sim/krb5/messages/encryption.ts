/**
 * The containers of the crypto profile (RFC 4120 §5.2.9): EncryptedData, EncryptionKey and
 * Checksum.
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, sequence, withoutUndefined } from '../../asn1/sequence.js';
import { type DerType, decodeMessage, int32, kvno, octetString } from '../../asn1/types.js';

/** Ciphertext with its enctype and, for a long-term key, the key's version. */
export interface EncryptedData {
  /** etype: the encryption type (18 for aes256-cts-hmac-sha1-96). */
  readonly etype: number;
  /** kvno: the key version, for a long-term key. MIT never writes a kvno of 0. */
  readonly kvno?: number;
  /** cipher: the ciphertext. */
  readonly cipher: Uint8Array;
}

/** A key and its type. Its value is a secret: never print it. */
export interface EncryptionKey {
  /** keytype: the enctype the key is for. */
  readonly keytype: number;
  /** keyvalue: the key's octets. */
  readonly keyvalue: Uint8Array;
}

/** A checksum and its type. */
export interface Checksum {
  /** cksumtype: the checksum type (16 for hmac-sha1-96-aes256, 0x8003 for GSS). */
  readonly cksumtype: number;
  /** checksum: the checksum's octets. */
  readonly checksum: Uint8Array;
}

/** The DER type of EncryptedData. */
export const encryptedData: DerType<EncryptedData> = sequence(
  (reader) =>
    withoutUndefined<EncryptedData>({
      etype: reader.required(0, int32),
      kvno: reader.optional(1, kvno),
      cipher: reader.required(2, octetString),
    }),
  (value) => [
    field(0, int32, value.etype),
    field(1, kvno, value.kvno),
    field(2, octetString, value.cipher),
  ],
);

/** The DER type of EncryptionKey. */
export const encryptionKey: DerType<EncryptionKey> = sequence(
  (reader) => ({
    keytype: reader.required(0, int32),
    keyvalue: reader.required(1, octetString),
  }),
  (value) => [field(0, int32, value.keytype), field(1, octetString, value.keyvalue)],
);

/** The DER type of Checksum. */
export const checksum: DerType<Checksum> = sequence(
  (reader) => ({
    cksumtype: reader.required(0, int32),
    checksum: reader.required(1, octetString),
  }),
  (value) => [field(0, int32, value.cksumtype), field(1, octetString, value.checksum)],
);

/** Encodes an EncryptedData. */
export function encodeEncryptedData(value: EncryptedData): Uint8Array {
  return encryptedData.encode(value);
}

/**
 * Decodes an EncryptedData.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEncryptedData(bytes: Uint8Array, options?: DecodeOptions): EncryptedData {
  return decodeMessage(encryptedData, bytes, options);
}

/** Encodes an EncryptionKey. */
export function encodeEncryptionKey(value: EncryptionKey): Uint8Array {
  return encryptionKey.encode(value);
}

/**
 * Decodes an EncryptionKey.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEncryptionKey(bytes: Uint8Array, options?: DecodeOptions): EncryptionKey {
  return decodeMessage(encryptionKey, bytes, options);
}

/** Encodes a Checksum. */
export function encodeChecksum(value: Checksum): Uint8Array {
  return checksum.encode(value);
}

/**
 * Decodes a Checksum.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeChecksum(bytes: Uint8Array, options?: DecodeOptions): Checksum {
  return decodeMessage(checksum, bytes, options);
}
