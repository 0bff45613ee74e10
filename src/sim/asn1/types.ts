/**
 * DER types as values: each knows its tag, how to decode a TLV with that tag and how to encode
 * a value with it. The Kerberos messages are built from these, as MIT's `asn1_k_encode.c` builds
 * them from its type descriptors, and the integer types check the ranges MIT's C fields impose.
 *
 * @module
 */

import { asn1Error } from './asn1-error.js';
import {
  type DecodeOptions,
  type DerCursor,
  decodeWhole,
  encodeTlv,
  encodeTlvOf,
  hasTag,
  readTlv,
  type Tag,
  TagClass,
  type Tlv,
  UniversalTag,
} from './der.js';
import {
  decodeFlagsContents,
  decodeIntegerContents,
  decodeStringContents,
  decodeTimeContents,
  decodeUnsignedContents,
  encodeFlagsContents,
  encodeIntegerContents,
  encodeStringContents,
  encodeTimeContents,
} from './primitives.js';

/** A DER type: its tag check, its decoder and its encoder. */
export interface DerType<T> {
  /** Whether a TLV's tag is this type's (MIT's `check_atype_tag`). */
  matches(tag: Tag): boolean;
  /** Decodes a TLV whose tag matched. */
  decode(tlv: Tlv, options: DecodeOptions): T;
  /** Encodes a value as a whole TLV. */
  encode(value: T): Uint8Array;
}

/** A universal primitive type from a contents codec. */
function universal<T>(
  number: number,
  decode: (contents: Uint8Array, options: DecodeOptions) => T,
  encode: (value: T) => Uint8Array,
): DerType<T> {
  const tag: Tag = { tagClass: TagClass.universal, constructed: false, number };
  return {
    matches: (candidate) => hasTag(candidate, tag),
    decode: (tlv, options) => decode(tlv.contents, options),
    encode: (value) => encodeTlv(tag, encode(value)),
  };
}

/** An INTEGER kept in `[min, max]` (MIT's C field width); outside is ASN1_OVERFLOW. */
function boundedInteger(min: number, max: number, signed: boolean): DerType<number> {
  return universal(
    UniversalTag.integer,
    (contents, options) => {
      const value = signed
        ? decodeIntegerContents(contents, options)
        : decodeUnsignedContents(contents, options);
      if (value < BigInt(min) || value > BigInt(max)) throw asn1Error('ASN1_OVERFLOW');
      return Number(value);
    },
    (value) => {
      checkRange(value, min, max);
      return encodeIntegerContents(BigInt(value));
    },
  );
}

function checkRange(value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`expected an integer from ${min} to ${max}, got ${value}`);
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;

/** An INTEGER of any width up to 64 bits, as a bigint. */
export const integer: DerType<bigint> = universal(
  UniversalTag.integer,
  decodeIntegerContents,
  encodeIntegerContents,
);

/** Int32 (RFC 4120 §5.2.4): enctypes, name types, nonces, microseconds. */
export const int32 = boundedInteger(INT32_MIN, INT32_MAX, true);

/** UInt32 decoded as unsigned (KRB-ERROR error-code; KDC-REQ and KDC-REP msg-type). */
export const uint32 = boundedInteger(0, UINT32_MAX, false);

/** An octet-sized INTEGER (MIT's TransitedEncoding tr-type is a `krb5_octet`). */
export const uint8 = boundedInteger(0, 255, false);

/**
 * A key version number: an unsigned 32-bit value that MIT writes as an Int32 (so 2^32 - 1 is
 * `-1` on the wire) and reads back from any Int32.
 */
export const kvno: DerType<number> = universal(
  UniversalTag.integer,
  (contents, options) => {
    const value = decodeIntegerContents(contents, options);
    if (value < BigInt(INT32_MIN) || value > BigInt(INT32_MAX)) throw asn1Error('ASN1_OVERFLOW');
    return Number(value) >>> 0;
  },
  (value) => {
    checkRange(value, 0, UINT32_MAX);
    return encodeIntegerContents(BigInt(value | 0));
  },
);

/**
 * A sequence number (RFC 4120 §5.3 seq-number): MIT reads any value from -2^31 to 2^32 - 1,
 * keeps it as unsigned 32 bits, and writes it unsigned.
 */
export const sequenceNumber: DerType<number> = universal(
  UniversalTag.integer,
  (contents, options) => {
    const value = decodeIntegerContents(contents, options);
    if (value < BigInt(INT32_MIN) || value > BigInt(UINT32_MAX)) throw asn1Error('ASN1_OVERFLOW');
    return Number(value) >>> 0;
  },
  (value) => {
    checkRange(value, 0, UINT32_MAX);
    return encodeIntegerContents(BigInt(value));
  },
);

/** An OCTET STRING; decoding copies the octets out of the input. */
export const octetString: DerType<Uint8Array> = universal(
  UniversalTag.octetString,
  (contents) => contents.slice(),
  (value) => value,
);

/** A KerberosString: GeneralString octets read as UTF-8 (see `decodeStringContents`). */
export const kerberosString: DerType<string> = universal(
  UniversalTag.generalString,
  decodeStringContents,
  encodeStringContents,
);

/** A KerberosTime, as seconds since 1970 (0 to 2^32 - 1). */
export const kerberosTime: DerType<number> = universal(
  UniversalTag.generalizedTime,
  decodeTimeContents,
  (value) => {
    checkRange(value, 0, UINT32_MAX);
    return encodeTimeContents(value);
  },
);

/** KerberosFlags as an unsigned 32-bit number, bit 0 the most significant. */
export const kerberosFlags: DerType<number> = universal(
  UniversalTag.bitString,
  decodeFlagsContents,
  (value) => {
    checkRange(value, 0, UINT32_MAX);
    return encodeFlagsContents(value);
  },
);

/**
 * An INTEGER that must equal `expected`, or else `error` is thrown; without `error` any value
 * is read and ignored, as MIT reads the msg-type of AP-REQ, AP-REP, KRB-CRED and KRB-ERROR.
 */
export function fixedInteger(expected: number, error?: 'KRB5KDC_ERR_BAD_PVNO'): DerType<void> {
  return universal(
    UniversalTag.integer,
    (contents, options) => {
      const value = decodeIntegerContents(contents, options);
      if (error !== undefined && value !== BigInt(expected)) throw asn1Error(error);
    },
    () => encodeIntegerContents(BigInt(expected)),
  );
}

/** The protocol version 5 (pvno, tkt-vno); another value is KRB5KDC_ERR_BAD_PVNO. */
export const pvno = fixedInteger(5, 'KRB5KDC_ERR_BAD_PVNO');

/** A constructed tag of a class and number, wrapping another type (EXPLICIT). */
export function explicit<T>(tagClass: TagClass, number: number, inner: DerType<T>): DerType<T> {
  const tag: Tag = { tagClass, constructed: true, number };
  return {
    matches: (candidate) => hasTag(candidate, tag),
    decode: (tlv, options) => {
      const cursor: DerCursor = { bytes: tlv.contents, offset: 0 };
      const element = readTlv(cursor, options);
      if (cursor.offset !== tlv.contents.length) throw asn1Error('ASN1_BAD_LENGTH');
      if (!inner.matches(element)) throw asn1Error('ASN1_BAD_ID');
      return inner.decode(element, options);
    },
    encode: (value) => encodeTlv(tag, inner.encode(value)),
  };
}

/**
 * The context-tagged types made so far, per inner type and tag number: a type holds no state,
 * so one per pair serves every SEQUENCE field read or written with it.
 */
const contextTags = new WeakMap<object, Map<number, object>>();

/** A context-specific tag `[number]`, EXPLICIT (one shared type per `number` and `inner`). */
export function contextTag<T>(number: number, inner: DerType<T>): DerType<T> {
  let byNumber = contextTags.get(inner);
  if (byNumber === undefined) {
    byNumber = new Map();
    contextTags.set(inner, byNumber);
  }
  const cached = byNumber.get(number);
  // Only explicit(context, number, inner) is ever stored under this inner type and number.
  if (cached !== undefined) return cached as DerType<T>;
  const made = explicit(TagClass.context, number, inner);
  byNumber.set(number, made);
  return made;
}

/** An `[APPLICATION number]` tag, EXPLICIT, as RFC 4120 tags its messages. */
export function applicationTag<T>(number: number, inner: DerType<T>): DerType<T> {
  return explicit(TagClass.application, number, inner);
}

const SEQUENCE_TAG: Tag = {
  tagClass: TagClass.universal,
  constructed: true,
  number: UniversalTag.sequence,
};

/** Whether a tag is the universal constructed SEQUENCE. */
export function isSequence(tag: Tag): boolean {
  return hasTag(tag, SEQUENCE_TAG);
}

/** Wraps encoded elements in a SEQUENCE. */
export function encodeSequence(elements: readonly Uint8Array[]): Uint8Array {
  return encodeTlvOf(SEQUENCE_TAG, elements);
}

/**
 * SEQUENCE OF `element`. Like MIT, decoding accepts an empty sequence even where RFC 4120 says
 * SIZE (1..MAX).
 * @throws {GssError} ASN1_BAD_ID when an element has another tag.
 */
export function sequenceOf<T>(element: DerType<T>): DerType<readonly T[]> {
  const cached = sequencesOf.get(element);
  // Only sequenceOf(element) is ever stored under this element type.
  if (cached !== undefined) return cached as DerType<readonly T[]>;
  const made = makeSequenceOf(element);
  sequencesOf.set(element, made);
  return made;
}

/** The SEQUENCE OF types made so far, per element type (a type holds no state). */
const sequencesOf = new WeakMap<object, object>();

function makeSequenceOf<T>(element: DerType<T>): DerType<readonly T[]> {
  return {
    matches: isSequence,
    decode: (tlv, options) => {
      const cursor: DerCursor = { bytes: tlv.contents, offset: 0 };
      const values: T[] = [];
      while (cursor.offset < tlv.contents.length) {
        const item = readTlv(cursor, options);
        if (!element.matches(item)) throw asn1Error('ASN1_BAD_ID');
        values.push(element.decode(item, options));
      }
      return values;
    },
    encode: (values) => encodeSequence(values.map((value) => element.encode(value))),
  };
}

/** Decodes a whole message of type `type` (see {@link decodeWhole}). */
export function decodeMessage<T>(type: DerType<T>, bytes: Uint8Array, options?: DecodeOptions): T {
  return decodeWhole(bytes, type.matches, type.decode, options);
}
