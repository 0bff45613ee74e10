/**
 * Requirement flags, address types, IOV buffer types and the flag-set type with the set
 * algebra of python-gssapi's `IntEnumFlagSet`.
 *
 * @module
 */

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * Context requirement and service flags (RFC 2744 §3.9.2, RFC 4757 DCE flags, RFC 5896
 * `ok_as_delegate`, draft-ietf-kitten-channel-bound-flag). Values are the C header's.
 */
export const RequirementFlag = {
  /** GSS_C_DELEG_FLAG: delegate the initiator's credentials to the acceptor. */
  delegateToPeer: 1,
  /** GSS_C_MUTUAL_FLAG: the acceptor authenticates itself too (an extra leg). */
  mutualAuthentication: 2,
  /** GSS_C_REPLAY_FLAG: detect replayed per-message tokens. */
  replayDetection: 4,
  /** GSS_C_SEQUENCE_FLAG: detect out-of-sequence per-message tokens. */
  outOfSequenceDetection: 8,
  /** GSS_C_CONF_FLAG: confidentiality (wrap with encryption) is available. */
  confidentiality: 16,
  /** GSS_C_INTEG_FLAG: integrity (MIC, wrap) is available. */
  integrity: 32,
  /** GSS_C_ANON_FLAG: the initiator stays anonymous. */
  anonymity: 64,
  /** GSS_C_PROT_READY_FLAG: per-message calls work before establishment completes. */
  protectionReady: 128,
  /** GSS_C_TRANS_FLAG: the context can be exported. */
  transferable: 256,
  /** GSS_C_CHANNEL_BOUND_FLAG: channel bindings were checked (MIT krb5 1.19 and later). */
  channelBound: 2048,
  /** GSS_C_DCE_STYLE: DCE RPC style establishment (three legs). */
  dceStyle: 4096,
  /** GSS_C_IDENTIFY_FLAG: identify only, no impersonation (SSPI). */
  identify: 8192,
  /** GSS_C_EXTENDED_ERROR_FLAG: extended errors (SSPI). */
  extendedError: 16384,
  /** GSS_C_DELEG_POLICY_FLAG: delegate only if the KDC marks the service ok-as-delegate. */
  okAsDelegate: 32768,
} as const;

/** One requirement flag: a single bit of a C `OM_uint32` flag word. */
export type RequirementFlag = (typeof RequirementFlag)[keyof typeof RequirementFlag];

/** Channel-binding address types (RFC 2744 §3.11). Values are the C header's. */
export const AddressType = {
  unspecified: 0,
  local: 1,
  ip: 2,
  arpanet: 3,
  pup: 4,
  chaos: 5,
  xeroxNs: 6,
  nbs: 7,
  ecma: 8,
  datakit: 9,
  ccitt: 10,
  ibmSna: 11,
  decnet: 12,
  dli: 13,
  lat: 14,
  hyperchannel: 15,
  appletalk: 16,
  bisync: 17,
  dss: 18,
  osiTp4: 19,
  netbios: 20,
  x25: 21,
  null: 255,
} as const;

/** One channel-binding address type. */
export type AddressType = (typeof AddressType)[keyof typeof AddressType];

/** IOV buffer types (MIT `gssapi_ext.h`, RFC 4121 §4.2.4 layout). */
export const IOVBufferType = {
  empty: 0,
  data: 1,
  header: 2,
  mechParams: 3,
  trailer: 7,
  padding: 9,
  stream: 10,
  signOnly: 11,
  micToken: 12,
} as const;

/** One IOV buffer type. */
export type IOVBufferType = (typeof IOVBufferType)[keyof typeof IOVBufferType];

/** GSS_IOV_BUFFER_FLAG_ALLOCATE: the mechanism allocates the buffer. */
export const GSS_IOV_BUFFER_FLAG_ALLOCATE = 0x00010000;
/** GSS_IOV_BUFFER_FLAG_ALLOCATED: the buffer was allocated by the mechanism. */
export const GSS_IOV_BUFFER_FLAG_ALLOCATED = 0x00020000;
/** The bits of an IOV buffer's type word that are flags, not the type. */
export const GSS_IOV_BUFFER_FLAG_MASK = 0xffff0000;

/**
 * What a flag set can be built from: its C integer, one flag, flags (any iterable of flags or
 * integers, as the reference accepts), or another set.
 */
export type FlagsInput<F extends number> = number | F | Iterable<F | number> | FlagSet<F>;

/**
 * A set of single-bit flags over a 32-bit word, such as the flags of a context.
 *
 * It follows python-gssapi's `IntEnumFlagSet`: membership, `add`/`discard`, iteration in bit
 * order, and `and`/`or`/`xor`/`minus`. A flag here is a plain number, so an operation with a
 * flag behaves as with an integer: `and` gives the masked integer (non-zero exactly when the
 * flag is in the set), `or` and `xor` the combined integer; an operation with another set (or
 * any iterable of flags) gives a new set. `Number(set)` is the C flag word.
 */
export class FlagSet<F extends number = number> implements Iterable<F> {
  #value: number;
  #names: ReadonlyMap<number, string>;

  /**
   * @param enumeration the flag names and values, for display (such as {@link RequirementFlag}).
   * @param flags the initial flags.
   * @throws {RangeError} when an integer is not a 32-bit unsigned value.
   * @throws {TypeError} when `flags` is of another kind.
   */
  constructor(enumeration: Readonly<Record<string, F>>, flags?: FlagsInput<F>) {
    this.#names = new Map(Object.entries(enumeration).map(([name, value]) => [value, name]));
    this.#value = flags === undefined ? 0 : flagWord(flags);
  }

  /** Whether every bit of `flag` is set (RFC 2744 `flags & FLAG`). */
  has(flag: F | number): boolean {
    const bits = checkWord(flag);
    return bits !== 0 && (this.#value & bits) >>> 0 === bits;
  }

  /** Sets `flag`; adding a flag twice is the same as once. Returns this set. */
  add(flag: F | number): this {
    this.#value = (this.#value | checkWord(flag)) >>> 0;
    return this;
  }

  /** Clears `flag`; discarding an absent flag changes nothing. Returns this set. */
  discard(flag: F | number): this {
    this.#value = (this.#value & ~checkWord(flag)) >>> 0;
    return this;
  }

  /** The number of flags set. */
  get size(): number {
    let count = 0;
    for (let word = this.#value; word !== 0; word = (word & (word - 1)) >>> 0) count++;
    return count;
  }

  /** With a flag or an integer, the masked integer; with a set, the intersection. */
  and(other: number): number;
  and(other: FlagSet<F> | Iterable<F | number>): FlagSet<F>;
  and(other: number | FlagSet<F> | Iterable<F | number>): number | FlagSet<F> {
    if (typeof other === 'number') return (this.#value & checkWord(other)) >>> 0;
    return this.#derive((this.#value & flagWord(other)) >>> 0);
  }

  /** With a flag or an integer, the combined integer; with a set, the union. */
  or(other: number): number;
  or(other: FlagSet<F> | Iterable<F | number>): FlagSet<F>;
  or(other: number | FlagSet<F> | Iterable<F | number>): number | FlagSet<F> {
    if (typeof other === 'number') return (this.#value | checkWord(other)) >>> 0;
    return this.#derive((this.#value | flagWord(other)) >>> 0);
  }

  /**
   * With a flag or an integer, the integer of differing bits; with a set, the symmetric
   * difference.
   */
  xor(other: number): number;
  xor(other: FlagSet<F> | Iterable<F | number>): FlagSet<F>;
  xor(other: number | FlagSet<F> | Iterable<F | number>): number | FlagSet<F> {
    if (typeof other === 'number') return (this.#value ^ checkWord(other)) >>> 0;
    return this.#derive((this.#value ^ flagWord(other)) >>> 0);
  }

  /** The flags of this set that are not in `other`. */
  minus(other: FlagsInput<F>): FlagSet<F> {
    return this.#derive((this.#value & ~flagWord(other)) >>> 0);
  }

  /** Whether `other` is a flag set with the same bits. */
  equals(other: unknown): boolean {
    return other instanceof FlagSet && other.#value === this.#value;
  }

  /** A copy that can change without changing this one. */
  copy(): FlagSet<F> {
    return this.#derive(this.#value);
  }

  /** The flags set, lowest bit first. A bit with no name is yielded as its number. */
  *[Symbol.iterator](): IterableIterator<F> {
    for (let bit = 0; bit < 32; bit++) {
      const flag = (1 << bit) >>> 0;
      // Each yielded value is one bit of a word built only from F values or a caller's integer.
      if ((this.#value & flag) !== 0) yield flag as F;
    }
  }

  /** The C flag word, so `Number(set)` works. */
  valueOf(): number {
    return this.#value;
  }

  /** The names of the flags set, such as `mutualAuthentication|replayDetection`. */
  toString(): string {
    const names = [...this].map((flag) => this.#names.get(flag) ?? `0x${flag.toString(16)}`);
    return names.length === 0 ? '(none)' : names.join('|');
  }

  /** The names of the flags set. */
  toJSON(): string[] {
    return [...this].map((flag) => this.#names.get(flag) ?? String(flag));
  }

  [inspectSymbol](): string {
    return `FlagSet(${this.toString()})`;
  }

  #derive(value: number): FlagSet<F> {
    const derived = new FlagSet<F>({});
    derived.#value = value;
    derived.#names = this.#names;
    return derived;
  }
}

function checkWord(value: number): number {
  if (typeof value !== 'number') {
    throw new TypeError(`FlagSet: expected a flag or a flag word as a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`FlagSet: expected a 32-bit unsigned flag word, got ${String(value)}`);
  }
  return value >>> 0;
}

function flagWord(flags: unknown): number {
  if (flags instanceof FlagSet) return flags.valueOf();
  if (typeof flags === 'number') return checkWord(flags);
  if (flags !== null && typeof flags === 'object' && Symbol.iterator in flags) {
    let word = 0;
    for (const flag of flags as Iterable<unknown>) {
      if (typeof flag !== 'number') {
        throw new TypeError(`FlagSet: expected flags as numbers, got ${typeof flag}`);
      }
      word = (word | checkWord(flag)) >>> 0;
    }
    return word;
  }
  throw new TypeError(
    `FlagSet: expected an integer, a flag, an iterable of flags or a FlagSet, got ${typeof flags}`,
  );
}

/** A set of {@link RequirementFlag}s. */
export type RequirementFlagSet = FlagSet<RequirementFlag>;

/** The requirement flags given as an integer, one flag, flags or a set, as a new set. */
export function requirementFlags(flags?: FlagsInput<RequirementFlag>): RequirementFlagSet {
  return new FlagSet(RequirementFlag, flags);
}
