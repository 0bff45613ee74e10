/**
 * ASN.1 OBJECT IDENTIFIERs as GSS-API uses them: the DER contents octets (X.690 §8.19), with no
 * tag or length, which is what a C `gss_OID_desc` holds.
 *
 * @module
 */

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * An object identifier. Immutable; two OIDs with the same arcs are {@link OID.equals | equal}
 * and give the same {@link OID.dottedForm}.
 */
export class OID {
  readonly #bytes: Uint8Array;
  readonly #arcs: readonly bigint[];

  private constructor(bytes: Uint8Array, arcs: readonly bigint[]) {
    this.#bytes = bytes;
    // Frozen so that a caller casting away `readonly` cannot make the arcs disagree with the bytes.
    this.#arcs = Object.freeze(arcs);
  }

  /**
   * The OID whose DER contents octets (no tag, no length) are `bytes`, as in a C
   * `gss_OID_desc`. The bytes are copied.
   * @throws {RangeError} when the encoding is empty, truncated or not minimal (X.690 §8.19.2).
   */
  static fromBytes(bytes: Uint8Array): OID {
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError(`OID.fromBytes: expected a Uint8Array, got ${typeof bytes}`);
    }
    const arcs = decodeArcs(bytes);
    return new OID(Uint8Array.from(bytes), arcs);
  }

  /**
   * The OID written as dotted decimal arcs, such as `1.2.840.113554.1.2.2`.
   * @throws {RangeError} when the text is not dotted decimal, has fewer than two arcs, or its
   *   first two arcs are out of range (the first is 0, 1 or 2; under 0 and 1 the second is < 40).
   */
  static fromDotted(dotted: string): OID {
    if (typeof dotted !== 'string') {
      throw new TypeError(`OID.fromDotted: expected a string, got ${typeof dotted}`);
    }
    if (!/^\d+(\.\d+)*$/.test(dotted)) {
      throw new RangeError(`OID.fromDotted: expected dotted decimal arcs, got '${dotted}'`);
    }
    return OID.fromArcs(dotted.split('.').map((arc) => BigInt(arc)));
  }

  /**
   * The OID with these arcs (numbers or bigints).
   * @throws {RangeError} for fewer than two arcs, a negative or fractional arc, or first two
   *   arcs out of range.
   * @throws {TypeError} when an arc is neither a number nor a bigint.
   */
  static fromArcs(arcs: Iterable<number | bigint>): OID {
    const list = [...arcs].map(toArc);
    checkArcs(list);
    return new OID(encodeArcs(list), list);
  }

  /**
   * The OID written in dotted form, as DER bytes, or as arcs, whichever `value` is.
   * @throws {RangeError} as {@link OID.fromBytes}, {@link OID.fromDotted} or {@link OID.fromArcs}.
   */
  static from(value: OID | Uint8Array | string | Iterable<number | bigint>): OID {
    if (value instanceof OID) return value;
    if (value instanceof Uint8Array) return OID.fromBytes(value);
    if (typeof value === 'string') return OID.fromDotted(value);
    return OID.fromArcs(value);
  }

  /** The DER contents octets (a fresh copy each time). */
  get bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** The number of contents octets, as `gss_OID_desc.length`. */
  get length(): number {
    return this.#bytes.length;
  }

  /** The arcs as bigints (arcs can exceed 2^53). */
  get arcs(): readonly bigint[] {
    return this.#arcs;
  }

  /** The dotted decimal form, such as `1.2.840.113554.1.2.2`. */
  get dottedForm(): string {
    return this.#arcs.join('.');
  }

  /** Whether `other` names the same object identifier. */
  equals(other: unknown): boolean {
    if (!(other instanceof OID)) return false;
    if (other.#bytes.length !== this.#bytes.length) return false;
    return this.#bytes.every((byte, index) => other.#bytes[index] === byte);
  }

  /** The dotted form. */
  toString(): string {
    return this.dottedForm;
  }

  /** The dotted form, so that OIDs serialise readably. */
  toJSON(): string {
    return this.dottedForm;
  }

  [inspectSymbol](): string {
    return `OID(${this.dottedForm})`;
  }
}

function toArc(arc: number | bigint): bigint {
  if (typeof arc === 'bigint') {
    if (arc < 0n) throw new RangeError(`OID: arcs are non-negative, got ${arc}`);
    return arc;
  }
  if (typeof arc !== 'number') {
    throw new TypeError(`OID: expected arcs as numbers or bigints, got ${typeof arc}`);
  }
  if (!Number.isSafeInteger(arc) || arc < 0) {
    throw new RangeError(`OID: arcs are non-negative integers, got ${String(arc)}`);
  }
  return BigInt(arc);
}

function checkArcs(arcs: readonly bigint[]): void {
  const [first, second] = arcs;
  if (first === undefined || second === undefined) {
    throw new RangeError(`OID: expected at least two arcs, got ${arcs.length}`);
  }
  if (first > 2n) throw new RangeError(`OID: the first arc is 0, 1 or 2, got ${first}`);
  if (first < 2n && second >= 40n) {
    throw new RangeError(`OID: under arc ${first} the second arc is below 40, got ${second}`);
  }
}

/** X.690 §8.19.4: the first two arcs share one subidentifier, 40 * first + second. */
function encodeArcs(arcs: readonly bigint[]): Uint8Array {
  const [first = 0n, second = 0n, ...rest] = arcs;
  const out: number[] = [];

  for (const subidentifier of [first * 40n + second, ...rest]) {
    const septets: number[] = [Number(subidentifier & 0x7fn)];
    for (let value = subidentifier >> 7n; value > 0n; value >>= 7n) {
      septets.push(Number(value & 0x7fn) | 0x80);
    }
    out.push(...septets.reverse());
  }
  return Uint8Array.from(out);
}

function decodeArcs(bytes: Uint8Array): bigint[] {
  if (bytes.length === 0) throw new RangeError('OID: expected contents octets, got none');
  const subidentifiers: bigint[] = [];
  let value = 0n;
  let start = true;

  for (const [index, byte] of bytes.entries()) {
    if (start && byte === 0x80) {
      throw new RangeError(`OID: subidentifier at offset ${index} is not minimally encoded`);
    }
    value = (value << 7n) | BigInt(byte & 0x7f);
    start = (byte & 0x80) === 0;
    if (start) {
      subidentifiers.push(value);
      value = 0n;
    }
  }
  if (!start) throw new RangeError('OID: the last subidentifier is truncated');

  const [head = 0n, ...rest] = subidentifiers;
  const first = head < 80n ? head / 40n : 2n;
  return [first, head - first * 40n, ...rest];
}
