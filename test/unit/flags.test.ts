import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  AddressType,
  FlagSet,
  type FlagsInput,
  GSS_IOV_BUFFER_FLAG_ALLOCATE,
  GSS_IOV_BUFFER_FLAG_ALLOCATED,
  GSS_IOV_BUFFER_FLAG_MASK,
  IOVBufferType,
  RequirementFlag,
  requirementFlags,
} from '../../src/spec/flags.js';

/** A set over the requirement flag names whose members may be any bit, as a word from C can. */
function flagSet(flags?: FlagsInput<number>): FlagSet<number> {
  return new FlagSet<number>(RequirementFlag, flags);
}

/** A 32-bit unsigned flag word, with the top bit and the all-ones word drawn often. */
const word = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff),
  fc.subarray(Object.values(RequirementFlag)).map((flags) => flags.reduce((a, b) => a + b, 0)),
);

/** One bit: a requirement flag, or any bit of the word up to bit 31. */
const flag = fc.oneof(
  fc.constantFrom(...Object.values(RequirementFlag)),
  fc.integer({ min: 0, max: 31 }).map((bit) => 2 ** bit),
);

/** The bits of a word, lowest first, found by arithmetic rather than by bitwise operators. */
function bitsOf(value: number): number[] {
  const bits: number[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if (Math.floor(value / 2 ** bit) % 2 === 1) bits.push(2 ** bit);
  }
  return bits;
}

/** The reference 32-bit operations, done on bigints so that no int32 sign can leak in. */
const reference = {
  and: (a: number, b: number) => Number(BigInt(a) & BigInt(b)),
  or: (a: number, b: number) => Number(BigInt(a) | BigInt(b)),
  xor: (a: number, b: number) => Number(BigInt(a) ^ BigInt(b)),
  minus: (a: number, b: number) => Number(BigInt(a) & (0xffffffffn ^ BigInt(b))),
};

describe('flag and type values match MIT krb5 gssapi.h and gssapi_ext.h', () => {
  test('every RequirementFlag has the value of its GSS_C_*_FLAG', () => {
    expect(RequirementFlag).toEqual({
      delegateToPeer: 1,
      mutualAuthentication: 2,
      replayDetection: 4,
      outOfSequenceDetection: 8,
      confidentiality: 16,
      integrity: 32,
      anonymity: 64,
      protectionReady: 128,
      transferable: 256,
      channelBound: 2048,
      dceStyle: 4096,
      identify: 8192,
      extendedError: 16384,
      okAsDelegate: 32768,
    });
  });

  test('every AddressType has the value of its GSS_C_AF_*', () => {
    expect(AddressType).toEqual({
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
    });
  });

  test('every IOVBufferType has the value of its GSS_IOV_BUFFER_TYPE_*', () => {
    expect(IOVBufferType).toEqual({
      empty: 0,
      data: 1,
      header: 2,
      mechParams: 3,
      trailer: 7,
      padding: 9,
      stream: 10,
      signOnly: 11,
      micToken: 12,
    });
  });

  test('the IOV buffer flags are 0x00010000 and 0x00020000 under the mask 0xffff0000', () => {
    expect(GSS_IOV_BUFFER_FLAG_ALLOCATE).toBe(0x00010000);
    expect(GSS_IOV_BUFFER_FLAG_ALLOCATED).toBe(0x00020000);
    expect(GSS_IOV_BUFFER_FLAG_MASK).toBe(0xffff0000);
  });
});

describe('FlagSet construction (properties)', () => {
  test('a set from a word, from its list of bits, from a Set of them and from a set agree', () => {
    fc.assert(
      fc.property(word, (value) => {
        const bits = bitsOf(value);
        const sets = [
          flagSet(value),
          flagSet(bits),
          flagSet(new Set(bits)),
          flagSet(flagSet(value)),
          new FlagSet(RequirementFlag, bits.values()),
        ];

        for (const set of sets) {
          expect(Number(set)).toBe(value);
          for (const other of sets) expect(set.equals(other)).toBe(true);
        }
      }),
    );
  });

  test('a set built from a list counts a repeated flag once', () => {
    fc.assert(
      fc.property(fc.array(flag), (flags) => {
        const set = flagSet([...flags, ...flags]);

        expect([...set]).toEqual([...new Set(flags)].sort((a, b) => a - b));
      }),
    );
  });

  test('with no flags given, a set is empty', () => {
    expect(Number(requirementFlags())).toBe(0);
    expect(requirementFlags().size).toBe(0);
    expect(Number(new FlagSet(RequirementFlag))).toBe(0);
  });

  test('requirementFlags gives the same set as a FlagSet over RequirementFlag', () => {
    fc.assert(
      fc.property(word, (value) => {
        const set = requirementFlags(value);

        expect(set).toBeInstanceOf(FlagSet);
        expect(set.equals(flagSet(value))).toBe(true);
        expect(set.toString()).toBe(flagSet(value).toString());
      }),
    );
  });
});

describe('FlagSet membership and mutation (properties)', () => {
  test('has is true exactly for the bits of the word', () => {
    fc.assert(
      fc.property(word, flag, (value, bit) => {
        expect(flagSet(value).has(bit)).toBe(bitsOf(value).includes(bit));
      }),
    );
  });

  test('has with several bits is true only when every one of them is set', () => {
    fc.assert(
      fc.property(word, word, (value, bits) => {
        const expected = bits !== 0 && reference.and(value, bits) === bits;

        expect(flagSet(value).has(bits)).toBe(expected);
      }),
    );
  });

  test('has(0) is false, since no flag is the empty flag', () => {
    expect(flagSet(0xffffffff).has(0)).toBe(false);
  });

  test('adding a flag twice is the same as adding it once, and sets its bit', () => {
    fc.assert(
      fc.property(word, flag, (value, bit) => {
        const once = flagSet(value).add(bit);
        const twice = flagSet(value).add(bit).add(bit);

        expect(twice.equals(once)).toBe(true);
        expect(Number(once)).toBe(reference.or(value, bit));
        expect(once.has(bit)).toBe(true);
      }),
    );
  });

  test('discarding twice is discarding once; discarding an absent flag is a no-op', () => {
    fc.assert(
      fc.property(word, flag, (value, bit) => {
        const once = flagSet(value).discard(bit);
        const twice = flagSet(value).discard(bit).discard(bit);

        expect(twice.equals(once)).toBe(true);
        expect(Number(once)).toBe(reference.minus(value, bit));
        expect(once.has(bit)).toBe(false);
      }),
    );
  });

  test('adding then discarding an absent flag, or the reverse, restores the set', () => {
    fc.assert(
      fc.property(word, flag, (value, bit) => {
        const set = flagSet(value);
        const restored = set.has(bit)
          ? set.copy().discard(bit).add(bit)
          : set.copy().add(bit).discard(bit);

        expect(restored.equals(set)).toBe(true);
      }),
    );
  });

  test('add and discard return the set itself, so calls chain', () => {
    const set = flagSet();

    expect(set.add(RequirementFlag.integrity)).toBe(set);
    expect(set.discard(RequirementFlag.integrity)).toBe(set);
  });
});

describe('FlagSet algebra (properties)', () => {
  test('and, or and xor with a flag or an integer give the unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(word, fc.oneof(word, flag), (value, other) => {
        const set = flagSet(value);

        expect(set.and(other)).toBe(reference.and(value, other));
        expect(set.or(other)).toBe(reference.or(value, other));
        expect(set.xor(other)).toBe(reference.xor(value, other));
        expect(Number(set)).toBe(value);
      }),
    );
  });

  test('and with a flag is non-zero exactly when the set has the flag', () => {
    fc.assert(
      fc.property(word, flag, (value, bit) => {
        expect(flagSet(value).and(bit) !== 0).toBe(flagSet(value).has(bit));
      }),
    );
  });

  test('and, or and xor with a set or an iterable give a new set of the bitwise result', () => {
    fc.assert(
      fc.property(word, word, (value, other) => {
        const set = flagSet(value);
        const operands = [flagSet(other), bitsOf(other), new Set(bitsOf(other))];

        for (const operand of operands) {
          const results = { and: set.and(operand), or: set.or(operand), xor: set.xor(operand) };
          for (const [name, result] of Object.entries(results)) {
            expect(result).toBeInstanceOf(FlagSet);
            expect(result).not.toBe(set);
            expect(Number(result)).toBe(reference[name as keyof typeof results](value, other));
          }
        }
        expect(Number(set)).toBe(value);
      }),
    );
  });

  test('minus keeps the bits of the set that are not in the other operand', () => {
    fc.assert(
      fc.property(word, word, (value, other) => {
        const set = flagSet(value);

        for (const operand of [other, flagSet(other), bitsOf(other)]) {
          const result = set.minus(operand);
          expect(result).toBeInstanceOf(FlagSet);
          expect(Number(result)).toBe(reference.minus(value, other));
        }
        expect(Number(set)).toBe(value);
      }),
    );
  });

  test('iteration yields each set bit once, lowest first, and size is the popcount', () => {
    fc.assert(
      fc.property(word, (value) => {
        const set = flagSet(value);
        const popcount = value.toString(2).replaceAll('0', '').length;

        expect([...set]).toEqual(bitsOf(value));
        expect(set.size).toBe(popcount);
      }),
    );
  });

  test('a copy is equal and independent of the original, both ways', () => {
    fc.assert(
      fc.property(word, flag, (value, bit) => {
        const original = flagSet(value);
        const copy = original.copy();

        expect(copy).not.toBe(original);
        expect(copy.equals(original)).toBe(true);
        copy.add(bit);
        expect(Number(original)).toBe(value);
        original.discard(bit);
        expect(copy.has(bit)).toBe(true);
      }),
    );
  });

  test('two sets are equal exactly when their words are equal', () => {
    fc.assert(
      fc.property(word, word, (left, right) => {
        expect(flagSet(left).equals(flagSet(right))).toBe(left === right);
      }),
    );
  });

  test('a set is not equal to its word or to its list of flags', () => {
    const set = flagSet(3);

    expect(set.equals(3)).toBe(false);
    expect(set.equals([1, 2])).toBe(false);
    expect(set.equals(null)).toBe(false);
  });
});

describe('FlagSet rejections', () => {
  test.each([
    ['-1', -1],
    ['2^32', 2 ** 32],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('the flag word %s is a RangeError wherever a word is taken', (_name, value) => {
    const set = flagSet(1);
    const calls = [
      () => flagSet(value),
      () => flagSet([1, value]),
      () => set.has(value),
      () => set.add(value),
      () => set.discard(value),
      () => set.and(value),
      () => set.or(value),
      () => set.xor(value),
      () => set.minus(value),
      () => set.and([value]),
    ];

    for (const call of calls) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(`expected a 32-bit unsigned flag word, got ${value}`);
    }
    expect(Number(set)).toBe(1);
  });

  test.each([
    ['a string', 'confidentiality'],
    ['null', null],
    ['a plain object', { value: 1 }],
    ['a bigint', 1n],
    ['a boolean', true],
  ])('flags given as %s are a TypeError', (_name, value) => {
    expect(() => flagSet(value as never)).toThrow(TypeError);
    expect(() => flagSet(value as never)).toThrow(
      'expected an integer, a flag, an iterable of flags or a FlagSet',
    );
  });

  test.each([
    ['a string', '1'],
    ['a bigint', 1n],
    ['null', null],
  ])('a list holding %s is a TypeError', (_name, value) => {
    expect(() => flagSet([1, value] as never)).toThrow(TypeError);
    expect(() => flagSet([1, value] as never)).toThrow('expected flags as numbers');
  });

  test.each([
    ['a string', '1'],
    ['a bigint', 1n],
    ['null', null],
    ['undefined', undefined],
  ])('has, add and discard given %s are a TypeError', (_name, value) => {
    const set = flagSet(1);

    for (const call of [() => set.has(value as never), () => set.add(value as never)]) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow('expected a flag or a flag word as a number');
    }
    expect(() => set.discard(value as never)).toThrow(TypeError);
    expect(Number(set)).toBe(1);
  });

  test('and, or, xor and minus given a non-iterable non-number are a TypeError', () => {
    const set = flagSet(1);

    expect(() => set.and({} as never)).toThrow(TypeError);
    expect(() => set.or(null as never)).toThrow(TypeError);
    expect(() => set.xor('2' as never)).toThrow(TypeError);
    expect(() => set.minus(2n as never)).toThrow(TypeError);
  });
});

describe('FlagSet display', () => {
  test('toString joins the flag names with | in bit order', () => {
    const set = requirementFlags([RequirementFlag.integrity, RequirementFlag.mutualAuthentication]);

    expect(set.toString()).toBe('mutualAuthentication|integrity');
    expect(inspect(set)).toBe('FlagSet(mutualAuthentication|integrity)');
  });

  test('toJSON gives the flag names in bit order', () => {
    const set = requirementFlags(RequirementFlag.okAsDelegate | RequirementFlag.delegateToPeer);

    expect(set.toJSON()).toEqual(['delegateToPeer', 'okAsDelegate']);
    expect(JSON.stringify({ flags: set })).toBe('{"flags":["delegateToPeer","okAsDelegate"]}');
  });

  test('an empty set reads (none) and serialises as an empty list', () => {
    expect(requirementFlags().toString()).toBe('(none)');
    expect(requirementFlags().toJSON()).toEqual([]);
  });

  test('a bit with no name is shown as hex in toString and as its number in toJSON', () => {
    const set = requirementFlags(0x80000400 + RequirementFlag.replayDetection);

    expect(set.toString()).toBe('replayDetection|0x400|0x80000000');
    expect(set.toJSON()).toEqual(['replayDetection', '1024', '2147483648']);
  });

  test('sets derived by and, or, xor, minus and copy keep the names', () => {
    const set = requirementFlags(RequirementFlag.confidentiality);
    const other = [RequirementFlag.integrity];

    for (const derived of [set.or(other), set.xor(other), set.minus([]), set.copy()]) {
      expect(derived.toString()).toContain('confidentiality');
    }
    expect(set.and([RequirementFlag.confidentiality]).toString()).toBe('confidentiality');
  });

  test('a set over another enumeration shows that enumeration’s names', () => {
    const set = new FlagSet({ first: 1, second: 2 }, 3);

    expect(set.toString()).toBe('first|second');
  });
});
