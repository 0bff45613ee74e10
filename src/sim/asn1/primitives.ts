/**
 * The contents octets of the primitive types Kerberos uses (X.690 §8.3, §8.6, §8.7, §8.25,
 * RFC 4120 §5.2): INTEGER, BIT STRING as KerberosFlags, OCTET STRING, GeneralString as
 * KerberosString and GeneralizedTime as KerberosTime. Each decoder checks what MIT's
 * `k5_asn1_decode_*` check, with the same error codes.
 *
 * @module
 */

import { asn1Error } from './asn1-error.js';
import type { DecodeOptions } from './der.js';

/** The widest INTEGER MIT decodes (`intmax_t`). */
const MAX_INTEGER_OCTETS = 8;

/**
 * Decodes INTEGER contents as a signed number of at most 64 bits.
 * @throws {GssError} ASN1_BAD_LENGTH when empty; ASN1_OVERFLOW over 8 octets; ASN1_BAD_FORMAT
 *   in strict mode for a redundant leading octet.
 */
export function decodeIntegerContents(contents: Uint8Array, options: DecodeOptions = {}): bigint {
  const first = contents[0];
  if (first === undefined) throw asn1Error('ASN1_BAD_LENGTH');
  if (contents.length > MAX_INTEGER_OCTETS) throw asn1Error('ASN1_OVERFLOW');
  const second = contents[1];
  if (options.strict && second !== undefined) {
    if ((first === 0 && second < 0x80) || (first === 0xff && second >= 0x80)) {
      throw asn1Error('ASN1_BAD_FORMAT');
    }
  }

  let value = first & 0x80 ? -1n : 0n;
  for (const octet of contents) value = value * 256n + BigInt(octet);
  return value;
}

/**
 * Decodes INTEGER contents as MIT's `k5_asn1_decode_uint` does: no sign bit, at most 8 octets
 * after a leading zero.
 * @throws {GssError} ASN1_BAD_LENGTH when empty; ASN1_OVERFLOW for a negative or wider value.
 */
export function decodeUnsignedContents(contents: Uint8Array, options: DecodeOptions = {}): bigint {
  const first = contents[0];
  if (first === undefined) throw asn1Error('ASN1_BAD_LENGTH');
  if (first & 0x80 || contents.length > MAX_INTEGER_OCTETS + (first === 0 ? 1 : 0)) {
    throw asn1Error('ASN1_OVERFLOW');
  }
  if (options.strict && first === 0 && (contents[1] ?? 0x80) < 0x80) {
    throw asn1Error('ASN1_BAD_FORMAT');
  }

  let value = 0n;
  for (const octet of contents) value = value * 256n + BigInt(octet);
  return value;
}

/** Encodes a signed integer as minimal two's-complement contents (X.690 §8.3.2). */
export function encodeIntegerContents(value: bigint): Uint8Array {
  const octets: number[] = [];
  let rest = value;
  do {
    octets.unshift(Number(BigInt.asUintN(8, rest)));
    rest >>= 8n;
  } while (rest !== 0n && rest !== -1n);
  const top = octets[0] ?? 0;
  if (value >= 0n && top & 0x80) octets.unshift(0);
  if (value < 0n && !(top & 0x80)) octets.unshift(0xff);
  return Uint8Array.from(octets);
}

/**
 * Decodes BIT STRING contents as 32 KerberosFlags, bit 0 the most significant (RFC 4120 §5.2.8).
 * Like MIT, a longer string keeps its first 32 bits and a shorter one is padded with zeros.
 * @throws {GssError} ASN1_BAD_LENGTH when empty; ASN1_BAD_FORMAT for more than 7 unused bits.
 */
export function decodeFlagsContents(contents: Uint8Array): number {
  const unused = contents[0];
  if (unused === undefined) throw asn1Error('ASN1_BAD_LENGTH');
  if (unused > 7) throw asn1Error('ASN1_BAD_FORMAT');

  const bits = contents.slice(1);
  // MIT clears the unused bits only when more than one octet follows.
  const last = bits.length - 1;
  if (bits.length > 1) bits[last] = (bits[last] ?? 0) & (0xff << unused);
  let flags = 0;
  for (let i = 0; i < 4; i++) flags = flags * 256 + (bits[i] ?? 0);
  return flags;
}

/** Encodes 32 KerberosFlags as MIT does: no unused bits, four octets. */
export function encodeFlagsContents(flags: number): Uint8Array {
  return Uint8Array.of(0, flags >>> 24, (flags >>> 16) & 0xff, (flags >>> 8) & 0xff, flags & 0xff);
}

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Decodes a KerberosString. MIT keeps the octets as they are; this reads them as UTF-8 (RFC 4120
 * §5.2.1 allows no more than IA5, MIT writes what it is given), an invalid sequence becoming
 * U+FFFD, so only such a string does not encode back to the same octets.
 */
export function decodeStringContents(contents: Uint8Array): string {
  return utf8Decoder.decode(contents);
}

/** Encodes a KerberosString as UTF-8 octets. */
export function encodeStringContents(value: string): Uint8Array {
  return utf8Encoder.encode(value);
}

const EPOCH_TIME = '19700101000000Z';
const TIME_LENGTH = EPOCH_TIME.length;
const ZULU = 0x5a;
const DIGIT_ZERO = 0x30;

/**
 * Decodes a KerberosTime ("YYYYMMDDHHMMSSZ", RFC 4120 §5.2.3) as seconds since 1970, the way
 * MIT does on Linux: out-of-range fields are normalised by `timegm` (month 13 is January of the
 * next year) and the result is kept modulo 2^32, as MIT's 32-bit `krb5_timestamp` keeps it.
 * @throws {GssError} ASN1_BAD_LENGTH unless 15 octets; ASN1_BAD_FORMAT without the final `Z`;
 *   ASN1_BAD_TIMEFORMAT for a non-digit, or for the instant one second before 1970.
 */
export function decodeTimeContents(contents: Uint8Array): number {
  if (contents.length !== TIME_LENGTH) throw asn1Error('ASN1_BAD_LENGTH');
  if (contents[TIME_LENGTH - 1] !== ZULU) throw asn1Error('ASN1_BAD_FORMAT');

  const digits: number[] = [];
  for (const octet of contents.subarray(0, TIME_LENGTH - 1)) {
    const digit = octet - DIGIT_ZERO;
    if (digit < 0 || digit > 9) throw asn1Error('ASN1_BAD_TIMEFORMAT');
    digits.push(digit);
  }
  const date = new Date(0);
  date.setUTCFullYear(digitsAt(digits, 0, 4), digitsAt(digits, 4, 2) - 1, digitsAt(digits, 6, 2));
  date.setUTCHours(digitsAt(digits, 8, 2), digitsAt(digits, 10, 2), digitsAt(digits, 12, 2));
  const seconds = Math.floor(date.getTime() / 1000);
  if (seconds === -1) throw asn1Error('ASN1_BAD_TIMEFORMAT');

  return ((seconds % 2 ** 32) + 2 ** 32) % 2 ** 32;
}

/** The decimal number that `width` digits from `at` spell. */
function digitsAt(digits: readonly number[], at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i++) value = value * 10 + (digits[i] ?? 0);
  return value;
}

/** `value` in decimal, zero-padded to `width` digits. */
function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Encodes seconds since 1970 (0 to 2^32 - 1) as a KerberosTime. */
export function encodeTimeContents(seconds: number): Uint8Array {
  const date = new Date(seconds * 1000);
  const text =
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z';
  return utf8Encoder.encode(text);
}
