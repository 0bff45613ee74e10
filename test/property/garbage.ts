/**
 * Garbage for robustness properties: random bytes, and valid inputs damaged the ways a wire or
 * an attacker damages them (bits flipped, bytes replaced, cut short, extended, two inputs
 * spliced, a length field set wrong). Garbage is never one of the valid inputs, so feeding it
 * must leave a receiver's state (replay cache, sequence window) as it was.
 */
import fc from 'fast-check';

/**
 * Where a length sits in an input: the length octets of a DER header (RFC 2743 §3.1 framing
 * included), or a fixed-width big-endian count (RFC 4121 EC and RRC, an export token's lengths).
 */
export interface LengthField {
  readonly offset: number;
  readonly size: number;
  readonly der: boolean;
}

/** A valid input and the length fields in it. */
export interface Specimen {
  /** What the input is, for a counterexample. */
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly lengths: readonly LengthField[];
}

/** One garbage input and the specimen it came from (the one whose call it is fed to). */
export interface Garbage<S extends Specimen> {
  readonly specimen: S;
  readonly bytes: Uint8Array;
}

/** How a length field is set wrong. */
type LengthChange =
  | { readonly kind: 'delta'; readonly delta: number }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'indefinite' }
  | { readonly kind: 'octets'; readonly octets: number };

/** One damage; positions are taken modulo the input's length when applied. */
type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'extend'; readonly tail: Uint8Array }
  | { readonly kind: 'splice'; readonly other: number; readonly at: number; readonly from: number }
  | { readonly kind: 'length'; readonly field: number; readonly change: LengthChange };

const lengthChange: fc.Arbitrary<LengthChange> = fc.oneof(
  fc.record({ kind: fc.constant('delta'), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant('value'),
    value: fc.oneof(
      fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x7fff_ffff, 0xffff_ffff),
      fc.nat(),
    ),
  }),
  fc.record({ kind: fc.constant('indefinite') }),
  fc.record({ kind: fc.constant('octets'), octets: fc.integer({ min: 0, max: 9 }) }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip'), at: fc.nat(), bit: fc.nat(7) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: fc.nat(255) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate'), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extend'),
      tail: fc.uint8Array({ minLength: 1, maxLength: 48 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('splice'),
      other: fc.nat(),
      at: fc.nat(),
      from: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('length'), field: fc.nat(), change: lengthChange }),
  },
);

/**
 * What a receiver takes an input for: inputs with the same key are the same token to it (an
 * RFC 4121 Wrap token rotated by a multiple of its length, say). Default: the bytes in hex.
 */
export type TokenKey = (bytes: Uint8Array) => string;

/**
 * Garbage for the calls the specimens are fed to: one part random bytes (any length, or short),
 * four parts a specimen with one to three mutations. None has the key of a specimen.
 */
export function garbage<S extends Specimen>(
  specimens: readonly S[],
  key: TokenKey = hex,
): fc.Arbitrary<Garbage<S>> {
  if (specimens.length === 0) throw new RangeError('expected at least one specimen');
  const valid = new Set(specimens.map(({ bytes }) => key(bytes)));
  const pick = fc.constantFrom(...specimens);
  const random = fc.record({
    specimen: pick,
    bytes: fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.uint8Array({ maxLength: 1200 })),
  });
  const damaged = fc
    .tuple(pick, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([specimen, mutations]) => {
      let bytes = specimen.bytes;
      for (const change of mutations) bytes = mutate(bytes, specimen, change, specimens);
      return { specimen, bytes };
    });
  return fc
    .oneof({ weight: 1, arbitrary: random }, { weight: 4, arbitrary: damaged })
    .map(({ specimen, bytes }) => {
      const input = notValid(bytes, valid, key);
      return {
        specimen,
        bytes: input,
        [fc.toStringMethod]: () => `${specimen.label}: ${hex(input)}`,
      };
    });
}

/** `bytes`, or when they are a valid input, those with bits of their last octet flipped. */
function notValid(bytes: Uint8Array, valid: ReadonlySet<string>, key: TokenKey): Uint8Array {
  let result = bytes;
  for (let bit = 0; valid.has(key(result)); bit = (bit + 1) % 8) {
    result = result.length === 0 ? Uint8Array.of(0) : result.slice();
    const last = result.length - 1;
    result[last] = (result[last] ?? 0) ^ (1 << bit);
  }
  return result;
}

/** Applies one mutation to `bytes` (which started as `specimen`'s). */
function mutate(
  bytes: Uint8Array,
  specimen: Specimen,
  change: Mutation,
  specimens: readonly Specimen[],
): Uint8Array {
  const { length } = bytes;
  switch (change.kind) {
    case 'flip':
    case 'replace': {
      if (length === 0) return bytes;
      const copy = bytes.slice();
      const at = change.at % length;
      copy[at] = change.kind === 'flip' ? (copy[at] ?? 0) ^ (1 << change.bit) : change.value;
      return copy;
    }
    case 'truncate':
      return bytes.slice(0, change.at % (length + 1));
    case 'extend':
      return concat(bytes, change.tail);
    case 'splice': {
      const other = specimens[change.other % specimens.length]?.bytes ?? bytes;
      return concat(
        bytes.subarray(0, change.at % (length + 1)),
        other.subarray(change.from % (other.length + 1)),
      );
    }
    case 'length': {
      const fields = specimen.lengths;
      const field = fields[change.field % Math.max(1, fields.length)];
      if (field === undefined || field.offset + field.size > length) return bytes;
      return field.der ? setDerLength(bytes, field, change.change) : setCount(bytes, field, change);
    }
  }
}

/** Replaces a DER length's octets with a wrong length, possibly of another size. */
function setDerLength(bytes: Uint8Array, field: LengthField, change: LengthChange): Uint8Array {
  const current = derLengthValue(bytes, field);
  let octets: number[];
  if (change.kind === 'indefinite') octets = [0x80];
  else if (change.kind === 'octets') {
    // The current length in `octets` long-form octets: too many, or too few to hold it.
    const body = bigEndian(current, change.octets);
    octets = [0x80 | change.octets, ...body];
  } else {
    const value = change.kind === 'delta' ? current + change.delta : change.value;
    const wanted = Math.max(0, value);
    octets = wanted < 0x80 ? [wanted] : [0x80 | byteCount(wanted), ...bigEndian(wanted)];
  }
  return concat(
    bytes.subarray(0, field.offset),
    Uint8Array.from(octets),
    bytes.subarray(field.offset + field.size),
  );
}

/** Sets a fixed-width count to a wrong value. */
function setCount(
  bytes: Uint8Array,
  field: LengthField,
  change: Extract<Mutation, { kind: 'length' }>,
): Uint8Array {
  let current = 0;
  for (let index = 0; index < field.size; index++) {
    current = current * 256 + (bytes[field.offset + index] ?? 0);
  }
  const { change: how } = change;
  const value =
    how.kind === 'delta'
      ? current + how.delta
      : how.kind === 'value'
        ? how.value
        : how.kind === 'indefinite'
          ? -1
          : current + 256 ** Math.min(how.octets, field.size - 1);
  const modulus = 256 ** field.size;
  const wrapped = ((value % modulus) + modulus) % modulus;
  const copy = bytes.slice();
  copy.set(bigEndian(wrapped, field.size), field.offset);
  return copy;
}

/** The value of a DER length field as it stands. */
function derLengthValue(bytes: Uint8Array, field: LengthField): number {
  const first = bytes[field.offset] ?? 0;
  if (first < 0x80) return first;
  let value = 0;
  for (let index = 1; index < field.size; index++) {
    value = value * 256 + (bytes[field.offset + index] ?? 0);
  }
  return value;
}

/** The big-endian octets of `value`, in `size` octets (the low ones) or as few as hold it. */
function bigEndian(value: number, size = byteCount(value)): number[] {
  const octets: number[] = [];
  let rest = value;
  for (let index = 0; index < size; index++) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return octets;
}

function byteCount(value: number): number {
  let count = 1;
  while (value >= 256 ** count) count++;
  return count;
}

/**
 * The length fields of a DER encoding, at every depth of its constructed values, and of the
 * RFC 2743 §3.1 framing (`60 len 06 len oid TOK_ID inner`) when it starts with one. Stops at
 * the first thing that does not parse.
 */
export function derLengths(bytes: Uint8Array): LengthField[] {
  const fields: LengthField[] = [];
  walk(bytes, 0, bytes.length, fields, true);
  return fields;
}

function walk(
  bytes: Uint8Array,
  start: number,
  end: number,
  fields: LengthField[],
  top: boolean,
): void {
  let offset = start;
  while (offset < end) {
    const tag = bytes[offset] ?? 0;
    let at = offset + 1;
    if ((tag & 0x1f) === 0x1f) {
      while (at < end && ((bytes[at] ?? 0) & 0x80) !== 0) at++;
      at++;
    }
    const first = bytes[at];
    if (first === undefined || at >= end) return;
    let length = first;
    let size = 1;
    if (first >= 0x80) {
      const count = first & 0x7f;
      if (count === 0 || count > 4 || at + count >= end) return;
      length = 0;
      for (let index = 1; index <= count; index++) length = length * 256 + (bytes[at + index] ?? 0);
      size = 1 + count;
    }
    const contents = at + size;
    if (contents + length > end) return;
    fields.push({ offset: at, size, der: true });
    if (top && tag === 0x60) {
      // The mechanism OID, then the two-octet TOK_ID, then the mechanism's DER message.
      const oidLength = bytes[contents + 1] ?? 0;
      if ((bytes[contents] ?? 0) !== 0x06 || oidLength >= 0x80) return;
      fields.push({ offset: contents + 1, size: 1, der: true });
      walk(bytes, contents + 2 + oidLength + 2, contents + length, fields, false);
    } else if ((tag & 0x20) !== 0) {
      walk(bytes, contents, contents + length, fields, false);
    }
    offset = contents + length;
  }
}

/** The octets of `parts` one after the other. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

/** `bytes` in lower-case hex. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
