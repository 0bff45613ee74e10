/**
 * Pre-authentication data (RFC 4120 §5.2.7): PA-DATA, METHOD-DATA, PA-ENC-TS-ENC and
 * ETYPE-INFO2.
 *
 * @module
 */

import type { DecodeOptions } from '../../asn1/der.js';
import { field, sequence, withoutUndefined } from '../../asn1/sequence.js';
import {
  type DerType,
  decodeMessage,
  int32,
  kerberosString,
  kerberosTime,
  octetString,
  sequenceOf,
} from '../../asn1/types.js';

/** One piece of pre-authentication data. */
export interface PaData {
  /** padata-type: one of {@link PaDataType}. */
  readonly padataType: number;
  /** padata-value: its contents, usually DER. */
  readonly padataValue: Uint8Array;
}

/** METHOD-DATA: a SEQUENCE OF PA-DATA, the e-data of KDC_ERR_PREAUTH_REQUIRED. */
export type MethodData = readonly PaData[];

/** PA-ENC-TS-ENC: the plaintext of PA-ENC-TIMESTAMP (key usage 1). */
export interface PaEncTsEnc {
  /** patimestamp: the client's time, seconds since 1970. */
  readonly patimestamp: number;
  /** pausec: its microseconds. */
  readonly pausec?: number;
}

/** One entry of ETYPE-INFO2: an enctype the client may use, with its salt and parameters. */
export interface EtypeInfo2Entry {
  /** etype: the enctype. */
  readonly etype: number;
  /** salt: the string-to-key salt, when not the default. */
  readonly salt?: string;
  /** s2kparams: string-to-key parameters (for AES, the iteration count as 4 octets). */
  readonly s2kparams?: Uint8Array;
}

/** ETYPE-INFO2: a SEQUENCE OF ETYPE-INFO2-ENTRY. */
export type EtypeInfo2 = readonly EtypeInfo2Entry[];

/** The padata-type numbers (RFC 4120 §7.5.2, RFC 6113, MIT's `KRB5_PADATA_*`). */
export const PaDataType = {
  /** PA-TGS-REQ: the AP-REQ of a TGS request. */
  tgsReq: 1,
  /** PA-ENC-TIMESTAMP: encrypted timestamp pre-authentication. */
  encTimestamp: 2,
  /** PA-PW-SALT. */
  pwSalt: 3,
  /** PA-ETYPE-INFO. */
  etypeInfo: 11,
  /** PA-ETYPE-INFO2. */
  etypeInfo2: 19,
  /** PA-PAC-REQUEST. */
  pacRequest: 128,
  /** PA-FX-COOKIE. */
  fxCookie: 133,
  /** PA-FX-FAST. */
  fxFast: 136,
  /** PA-FX-ERROR. */
  fxError: 137,
  /** PA-ENCRYPTED-CHALLENGE. */
  encryptedChallenge: 138,
  /** PA-REQ-ENC-PA-REP (RFC 6806). */
  reqEncPaRep: 149,
  /** MIT's SPAKE pre-authentication. */
  spake: 151,
} as const;

/** The DER type of PA-DATA. */
export const paData: DerType<PaData> = sequence(
  (reader) => ({
    padataType: reader.required(1, int32),
    padataValue: reader.required(2, octetString),
  }),
  (value) => [field(1, int32, value.padataType), field(2, octetString, value.padataValue)],
);

/** The DER type of METHOD-DATA (and of every SEQUENCE OF PA-DATA). */
export const methodData: DerType<MethodData> = sequenceOf(paData);

/** The DER type of PA-ENC-TS-ENC. */
export const paEncTsEnc: DerType<PaEncTsEnc> = sequence(
  (reader) =>
    withoutUndefined<PaEncTsEnc>({
      patimestamp: reader.required(0, kerberosTime),
      pausec: reader.optional(1, int32),
    }),
  (value) => [field(0, kerberosTime, value.patimestamp), field(1, int32, value.pausec)],
);

/** The DER type of ETYPE-INFO2-ENTRY. */
export const etypeInfo2Entry: DerType<EtypeInfo2Entry> = sequence(
  (reader) =>
    withoutUndefined<EtypeInfo2Entry>({
      etype: reader.required(0, int32),
      salt: reader.optional(1, kerberosString),
      s2kparams: reader.optional(2, octetString),
    }),
  (value) => [
    field(0, int32, value.etype),
    field(1, kerberosString, value.salt),
    field(2, octetString, value.s2kparams),
  ],
);

/** The DER type of ETYPE-INFO2. */
export const etypeInfo2: DerType<EtypeInfo2> = sequenceOf(etypeInfo2Entry);

/** Encodes a PA-DATA. */
export function encodePaData(value: PaData): Uint8Array {
  return paData.encode(value);
}

/**
 * Decodes a PA-DATA.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodePaData(bytes: Uint8Array, options?: DecodeOptions): PaData {
  return decodeMessage(paData, bytes, options);
}

/** Encodes a METHOD-DATA. */
export function encodeMethodData(value: MethodData): Uint8Array {
  return methodData.encode(value);
}

/**
 * Decodes a METHOD-DATA.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeMethodData(bytes: Uint8Array, options?: DecodeOptions): MethodData {
  return decodeMessage(methodData, bytes, options);
}

/** Encodes a PA-ENC-TS-ENC. */
export function encodePaEncTsEnc(value: PaEncTsEnc): Uint8Array {
  return paEncTsEnc.encode(value);
}

/**
 * Decodes a PA-ENC-TS-ENC.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodePaEncTsEnc(bytes: Uint8Array, options?: DecodeOptions): PaEncTsEnc {
  return decodeMessage(paEncTsEnc, bytes, options);
}

/** Encodes an ETYPE-INFO2. */
export function encodeEtypeInfo2(value: EtypeInfo2): Uint8Array {
  return etypeInfo2.encode(value);
}

/**
 * Decodes an ETYPE-INFO2.
 * @throws {GssError} with MIT's ASN.1 error code for any defect.
 */
export function decodeEtypeInfo2(bytes: Uint8Array, options?: DecodeOptions): EtypeInfo2 {
  return decodeMessage(etypeInfo2, bytes, options);
}
