/**
 * DER tags, definite lengths and TLVs (X.690 §8.1, §10.1), read the way MIT krb5 1.20's
 * `get_tag` reads them (`src/lib/krb5/asn.1/asn1_encode.c`) and written the way its `make_tag`
 * writes them.
 *
 * MIT's reader is strict about what it cannot parse (a truncated element, an indefinite length,
 * a length longer than the input) but accepts a non-minimal length such as `81 05`; so does this
 * one unless {@link DecodeOptions.strict} asks for DER's canonical form.
 *
 * @module
 */

import { asn1Error } from './asn1-error.js';

/** The class bits of an identifier octet (X.690 §8.1.2.2). */
export const TagClass = {
  universal: 0x00,
  application: 0x40,
  context: 0x80,
  private: 0xc0,
} as const;

/** One of the four tag classes. */
export type TagClass = (typeof TagClass)[keyof typeof TagClass];

/** The universal tag numbers Kerberos uses (X.680 §8.4). */
export const UniversalTag = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  sequence: 16,
  generalizedTime: 24,
  generalString: 27,
} as const;

/** An identifier: class, primitive or constructed, and number. */
export interface Tag {
  readonly tagClass: TagClass;
  readonly constructed: boolean;
  readonly number: number;
}

/** A tag with its contents, a view into the decoded input. */
export interface Tlv extends Tag {
  readonly contents: Uint8Array;
}

/** Where a reader is: the bytes it reads and the offset of the next one. */
export interface DerCursor {
  readonly bytes: Uint8Array;
  offset: number;
}

/** How strictly to decode. */
export interface DecodeOptions {
  /**
   * Reject what MIT accepts but DER forbids: a non-minimal length, tag number or INTEGER
   * (ASN1_BAD_FORMAT), bytes after the outer message and unread elements at the end of a
   * SEQUENCE (ASN1_BAD_LENGTH). Default false: accept them as MIT 1.20 does.
   */
  readonly strict?: boolean;
}

/** MIT's largest tag number (`ASN1_TAGNUM_MAX`, INT_MAX - 1). */
const TAGNUM_MAX = 0x7ffffffe;

/** The most length octets MIT reads (`sizeof(size_t)` on a 64-bit system). */
const MAX_LENGTH_OCTETS = 8;

/** Whether a TLV has the tag `tag`. */
export function hasTag(tlv: Tag, tag: Tag): boolean {
  return (
    tlv.tagClass === tag.tagClass &&
    tlv.constructed === tag.constructed &&
    tlv.number === tag.number
  );
}

/**
 * Reads one TLV at the cursor and moves past it.
 * @throws {GssError} ASN1_OVERRUN when the input ends inside the tag, the length or the
 *   contents; ASN1_OVERFLOW for a tag number over 2^31 - 2 or more than 8 length octets;
 *   ASN1_INDEF for an indefinite length; ASN1_BAD_FORMAT in strict mode for a non-minimal form.
 */
export function readTlv(cursor: DerCursor, options: DecodeOptions = {}): Tlv {
  const { bytes } = cursor;
  let offset = cursor.offset;

  const first = nextByte(bytes, offset++);
  const tagClass = (first & 0xc0) as TagClass; // two bits: always one of the four classes
  const constructed = (first & 0x20) !== 0;
  let number = first & 0x1f;
  if (number === 0x1f) {
    number = 0;
    let octet: number;
    const start = offset;
    do {
      if (offset >= bytes.length) throw asn1Error('ASN1_OVERRUN');
      if (number > TAGNUM_MAX >> 7) throw asn1Error('ASN1_OVERFLOW');
      octet = nextByte(bytes, offset++);
      number = number * 128 + (octet & 0x7f);
    } while (octet & 0x80);
    if (number > TAGNUM_MAX) throw asn1Error('ASN1_OVERFLOW');
    if (options.strict && (number < 0x1f || bytes[start] === 0x80)) {
      throw asn1Error('ASN1_BAD_FORMAT');
    }
  }

  const [length, next] = readLength(bytes, offset, options);
  cursor.offset = next + length;
  return { tagClass, constructed, number, contents: bytes.subarray(next, next + length) };
}

/** Reads a definite length at `offset`; returns it and the offset of the contents. */
function readLength(bytes: Uint8Array, offset: number, options: DecodeOptions): [number, number] {
  const octet = nextByte(bytes, offset++);
  const remaining = bytes.length - offset;
  if ((octet & 0x80) === 0) {
    if (octet > remaining) throw asn1Error('ASN1_OVERRUN');
    return [octet, offset];
  }

  const count = octet & 0x7f;
  if (count > remaining) throw asn1Error('ASN1_OVERRUN');
  if (count > MAX_LENGTH_OCTETS) throw asn1Error('ASN1_OVERFLOW');
  if (count === 0) throw asn1Error('ASN1_INDEF');
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + i] ?? 0);
  if (length > remaining - count) throw asn1Error('ASN1_OVERRUN');
  if (options.strict && (length < 0x80 || bytes[offset] === 0)) throw asn1Error('ASN1_BAD_FORMAT');

  return [length, offset + count];
}

function nextByte(bytes: Uint8Array, offset: number): number {
  const octet = bytes[offset];
  if (octet === undefined) throw asn1Error('ASN1_OVERRUN');
  return octet;
}

/**
 * Decodes a whole message: one TLV whose tag `matches` accepts, decoded by `decode`. Bytes after
 * it are ignored, as MIT's `k5_asn1_full_decode` ignores them, unless strict.
 * @throws {GssError} the TLV's errors; ASN1_BAD_ID when the tag is not the expected one;
 *   ASN1_BAD_LENGTH for trailing bytes in strict mode.
 */
export function decodeWhole<T>(
  bytes: Uint8Array,
  matches: (tag: Tag) => boolean,
  decode: (tlv: Tlv, options: DecodeOptions) => T,
  options: DecodeOptions = {},
): T {
  const cursor: DerCursor = { bytes, offset: 0 };
  const tlv = readTlv(cursor, options);
  if (options.strict && cursor.offset !== bytes.length) throw asn1Error('ASN1_BAD_LENGTH');
  if (!matches(tlv)) throw asn1Error('ASN1_BAD_ID');

  return decode(tlv, options);
}

/** Encodes a definite length in its minimal form. */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);

  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

/** Encodes an identifier octet (or octets, for a number of 31 or more). */
export function encodeTag(tag: Tag): Uint8Array {
  const head = tag.tagClass | (tag.constructed ? 0x20 : 0);
  if (tag.number < 0x1f) return Uint8Array.of(head | tag.number);

  const octets = [tag.number & 0x7f];
  for (let rest = tag.number >>> 7; rest > 0; rest >>>= 7) octets.unshift(0x80 | (rest & 0x7f));
  return Uint8Array.of(head | 0x1f, ...octets);
}

/** Encodes a TLV from its tag and contents. */
export function encodeTlv(tag: Tag, contents: Uint8Array): Uint8Array {
  return encodeTlvOf(tag, [contents]);
}

/** Encodes a TLV whose contents are `parts` joined, in one allocation. */
export function encodeTlvOf(tag: Tag, parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;

  const head = tag.number < 0x1f ? null : encodeTag(tag);
  const headLength = head === null ? 1 : head.length;
  let lengthOctets = 0;
  for (let rest = length; length >= 0x80 && rest > 0; rest = Math.floor(rest / 256)) {
    lengthOctets++;
  }

  const out = new Uint8Array(headLength + 1 + lengthOctets + length);
  if (head === null) out[0] = tag.tagClass | (tag.constructed ? 0x20 : 0) | tag.number;
  else out.set(head, 0);
  let offset = headLength;
  if (lengthOctets === 0) {
    out[offset] = length;
  } else {
    out[offset] = 0x80 | lengthOctets;
    for (let i = lengthOctets, rest = length; i > 0; i--, rest = Math.floor(rest / 256)) {
      out[offset + i] = rest % 256;
    }
  }
  offset += 1 + lengthOctets;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Joins byte arrays into a new one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
