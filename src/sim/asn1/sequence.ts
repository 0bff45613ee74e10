/**
 * SEQUENCE types whose fields carry context tags `[n]` EXPLICIT (RFC 4120 §5), decoded by MIT's
 * rule (`decode_sequence` in `asn1_encode.c`): fields are matched in order against the next
 * element's tag; a field whose tag does not match is absent (ASN1_MISSING_FIELD when it is
 * required); once the fields are done, whatever follows is ignored, since MIT treats every
 * Kerberos SEQUENCE as extensible.
 *
 * @module
 */

import { asn1Error } from './asn1-error.js';
import { type DecodeOptions, type DerCursor, readTlv, type Tlv } from './der.js';
import { contextTag, type DerType, encodeSequence, isSequence } from './types.js';

/** Reads the fields of one SEQUENCE in order. */
export class SequenceReader {
  readonly #cursor: DerCursor;
  readonly #options: DecodeOptions;
  #next: Tlv | undefined;

  constructor(contents: Uint8Array, options: DecodeOptions) {
    this.#cursor = { bytes: contents, offset: 0 };
    this.#options = options;
  }

  /** The field `[number]` of type `type`, or undefined when the next element is not it. */
  optional<T>(number: number, type: DerType<T>): T | undefined {
    return this.#take(number, type)?.value;
  }

  /**
   * The field `[number]` of type `type` (which may be a fixed value such as pvno).
   * @throws {GssError} ASN1_MISSING_FIELD when the next element is not it.
   */
  required<T>(number: number, type: DerType<T>): T {
    const taken = this.#take(number, type);
    if (taken === undefined) throw asn1Error('ASN1_MISSING_FIELD');
    return taken.value;
  }

  /**
   * Ends the SEQUENCE: MIT ignores what is left; in strict mode, anything left is
   * ASN1_BAD_LENGTH.
   */
  end(): void {
    const left = this.#next !== undefined || this.#cursor.offset < this.#cursor.bytes.length;
    if (this.#options.strict && left) throw asn1Error('ASN1_BAD_LENGTH');
  }

  #take<T>(number: number, type: DerType<T>): { value: T } | undefined {
    const field = contextTag(number, type);
    const element = this.#peek();
    if (element === undefined || !field.matches(element)) return undefined;

    this.#next = undefined;
    return { value: field.decode(element, this.#options) };
  }

  /** The next element, read once; undefined at the end of the contents. */
  #peek(): Tlv | undefined {
    if (this.#next === undefined && this.#cursor.offset < this.#cursor.bytes.length) {
      this.#next = readTlv(this.#cursor, this.#options);
    }
    return this.#next;
  }
}

/**
 * One field for {@link sequence}'s encoder: `[number] type value`, left out when the value is
 * undefined.
 */
export function field<T>(number: number, type: DerType<T>, value: T | undefined): Uint8Array {
  return value === undefined ? new Uint8Array(0) : contextTag(number, type).encode(value);
}

/** A field whose value its type fixes (pvno, msg-type): always written. */
export function fixedField(number: number, type: DerType<void>): Uint8Array {
  return contextTag(number, type).encode(undefined);
}

/**
 * A SEQUENCE type from a function that reads its fields and one that lists its encoded fields
 * in order (built with {@link field}).
 */
export function sequence<T>(
  read: (reader: SequenceReader) => T,
  write: (value: T) => readonly Uint8Array[],
): DerType<T> {
  return {
    matches: isSequence,
    decode: (tlv, options) => {
      const reader = new SequenceReader(tlv.contents, options);
      const value = read(reader);
      reader.end();
      return value;
    },
    encode: (value) => encodeSequence(write(value)),
  };
}

/**
 * Drops the properties whose value is undefined, so that an absent OPTIONAL field is an absent
 * property (`exactOptionalPropertyTypes`).
 */
export function withoutUndefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  // Every key kept has a defined value of its declared type; the keys dropped were optional.
  return out as T;
}
