import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { OID } from '../../src/spec/oid.js';

/** Bytes from hex written by hand, with spaces between octets. */
function hex(text: string): Uint8Array {
  return Uint8Array.from(text.split(' ').map((octet) => Number.parseInt(octet, 16)));
}

/** The offsets where each subidentifier of a well-formed encoding starts. */
function subidentifierStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (const [index, byte] of bytes.entries()) {
    if (byte < 0x80 && index + 1 < bytes.length) starts.push(index + 1);
  }
  return starts;
}

/**
 * Arc sequences that X.690 §8.19 can encode: the first arc 0, 1 or 2; under 0 and 1 a second
 * arc below 40, under 2 any; then any number of arcs of any size, well past 2^53.
 */
const validArcs: fc.Arbitrary<bigint[]> = fc
  .oneof(
    fc.tuple(fc.constantFrom(0n, 1n), fc.bigInt({ min: 0n, max: 39n })),
    fc.tuple(fc.constant(2n), fc.oneof(fc.bigInt({ min: 0n, max: 200n }), fc.bigInt({ min: 0n }))),
  )
  .chain(([first, second]) =>
    fc
      .array(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 127n }),
          fc.bigInt({ min: 128n, max: 2n ** 21n }),
          fc.bigInt({ min: 2n ** 53n - 2n, max: 2n ** 53n + 2n }),
          fc.bigInt({ min: 0n, max: 2n ** 200n }),
        ),
        { maxLength: 12 },
      )
      .map((rest) => [first, second, ...rest]),
  );

describe('OID encodings of the mechanisms GSS-API names (X.690 §8.19)', () => {
  const vectors: [name: string, dotted: string, contents: string][] = [
    ['krb5', '1.2.840.113554.1.2.2', '2a 86 48 86 f7 12 01 02 02'],
    ['SPNEGO', '1.3.6.1.5.5.2', '2b 06 01 05 05 02'],
    ['IAKERB', '1.3.6.1.5.2.5', '2b 06 01 05 02 05'],
    ['old krb5', '1.3.5.1.5.2', '2b 05 01 05 02'],
    ['wrong krb5 (Microsoft)', '1.2.840.48018.1.2.2', '2a 86 48 82 f7 12 01 02 02'],
    ['krb5 session key (inquire)', '1.2.840.113554.1.2.2.5.5', '2a 86 48 86 f7 12 01 02 02 05 05'],
    ['the first two arcs 0.0', '0.0', '00'],
    ['the largest second arc under 1', '1.39', '4f'],
    ['arc 2 with a second arc of 40', '2.40', '78'],
    ['arc 2 with a second arc that needs two octets', '2.48', '81 00'],
    ['the X.690 §8.19.5 example', '2.999.3', '88 37 03'],
    ['an arc of 2^64', '1.2.18446744073709551616', '2a 82 80 80 80 80 80 80 80 80 00'],
  ];

  test.each(vectors)('%s (%s) has the DER contents octets %s', (_name, dotted, contents) => {
    const oid = OID.fromDotted(dotted);

    expect(oid.bytes).toEqual(hex(contents));
    expect(oid.length).toBe(hex(contents).length);
  });

  test.each(vectors)('%s decodes from its contents octets to %s', (_name, dotted, contents) => {
    const oid = OID.fromBytes(hex(contents));

    expect(oid.dottedForm).toBe(dotted);
    expect(oid.arcs).toEqual(dotted.split('.').map(BigInt));
  });

  test('the krb5 OID given as number arcs equals the one given as text', () => {
    expect(
      OID.fromArcs([1, 2, 840, 113554, 1, 2, 2]).equals(OID.fromDotted('1.2.840.113554.1.2.2')),
    ).toBe(true);
  });
});

describe('OID round trips (properties)', () => {
  test('dotted text to bytes and back gives the same arcs and the same text', () => {
    fc.assert(
      fc.property(validArcs, (arcs) => {
        const dotted = arcs.join('.');
        const decoded = OID.fromBytes(OID.fromDotted(dotted).bytes);

        expect(decoded.arcs).toEqual(arcs);
        expect(decoded.dottedForm).toBe(dotted);
      }),
    );
  });

  test('fromArcs, fromDotted, fromBytes and from agree on bytes, arcs and equality', () => {
    fc.assert(
      fc.property(validArcs, (arcs) => {
        const byArcs = OID.fromArcs(arcs);
        const byDotted = OID.fromDotted(arcs.join('.'));
        const byBytes = OID.fromBytes(byArcs.bytes);
        const all = [byArcs, byDotted, byBytes, OID.from(arcs), OID.from(byDotted.bytes)];

        for (const oid of all) {
          expect(oid.bytes).toEqual(byArcs.bytes);
          expect(oid.arcs).toEqual(arcs);
          for (const other of all) expect(oid.equals(other)).toBe(true);
        }
      }),
    );
  });

  test('arcs given as safe numbers give the same OID as the same arcs as bigints', () => {
    const numberArcs = fc.tuple(
      fc.integer({ min: 0, max: 1 }),
      fc.integer({ min: 0, max: 39 }),
      fc.array(fc.maxSafeNat(), { maxLength: 8 }),
    );
    fc.assert(
      fc.property(numberArcs, ([first, second, rest]) => {
        const arcs = [first, second, ...rest];

        expect(OID.fromArcs(arcs).arcs).toEqual(arcs.map(BigInt));
        expect(OID.fromArcs(arcs).equals(OID.fromArcs(arcs.map(BigInt)))).toBe(true);
      }),
    );
  });

  test('two OIDs are equal exactly when their dotted forms are equal', () => {
    fc.assert(
      fc.property(validArcs, validArcs, (left, right) => {
        const same = left.join('.') === right.join('.');

        expect(OID.fromArcs(left).equals(OID.fromArcs(right))).toBe(same);
      }),
    );
  });

  test('the encoding has one final octet per subidentifier and none starts with 0x80', () => {
    fc.assert(
      fc.property(validArcs, (arcs) => {
        const bytes = OID.fromArcs(arcs).bytes;
        const finals = bytes.filter((byte) => byte < 0x80).length;

        expect(finals).toBe(arcs.length - 1);
        expect(bytes.at(-1)).toBeLessThan(0x80);
        for (const start of subidentifierStarts(bytes)) expect(bytes[start]).not.toBe(0x80);
      }),
    );
  });

  test('an encoding with a continuation octet appended is rejected as truncated', () => {
    fc.assert(
      fc.property(validArcs, fc.integer({ min: 0x80, max: 0xff }), (arcs, extra) => {
        const bytes = Uint8Array.from([...OID.fromArcs(arcs).bytes, extra]);

        expect(() => OID.fromBytes(bytes)).toThrow(RangeError);
      }),
    );
  });

  test('a 0x80 octet put before any subidentifier is rejected as not minimal', () => {
    fc.assert(
      fc.property(validArcs, fc.nat(), (arcs, pick) => {
        const encoded = OID.fromArcs(arcs).bytes;
        const starts = subidentifierStarts(encoded);
        const at = starts[pick % starts.length] ?? 0;
        const bytes = [...encoded];
        bytes.splice(at, 0, 0x80);

        expect(() => OID.fromBytes(Uint8Array.from(bytes))).toThrow(/not minimally encoded/);
      }),
    );
  });
});

describe('OID rejections', () => {
  test.each([['1'], ['0'], ['2']])('the text %s, with one arc, is a RangeError', (dotted) => {
    expect(() => OID.fromDotted(dotted)).toThrow(RangeError);
    expect(() => OID.fromDotted(dotted)).toThrow('expected at least two arcs, got 1');
  });

  test.each([
    ['no arcs', []],
    ['the number arc 1', [1]],
    ['the bigint arc 1n', [1n]],
  ])('%s, fewer than two arcs, is a RangeError', (_name, arcs) => {
    expect(() => OID.fromArcs(arcs)).toThrow(RangeError);
    expect(() => OID.fromArcs(arcs)).toThrow(`expected at least two arcs, got ${arcs.length}`);
  });

  test.each(['3.1', '4.0.1', '1000000000000000000000.1'])(
    'the first arc above 2 in %s is a RangeError',
    (dotted) => {
      expect(() => OID.fromDotted(dotted)).toThrow(RangeError);
      expect(() => OID.fromDotted(dotted)).toThrow('the first arc is 0, 1 or 2');
    },
  );

  test.each(['0.40', '1.40', '1.1000'])(
    'a second arc of 40 or more under 0 or 1 (%s) is a RangeError',
    (dotted) => {
      expect(() => OID.fromDotted(dotted)).toThrow(RangeError);
      expect(() => OID.fromDotted(dotted)).toThrow('the second arc is below 40');
    },
  );

  test('a second arc of 40 or more under 2 is accepted', () => {
    expect(OID.fromDotted('2.40').dottedForm).toBe('2.40');
  });

  test.each([
    ['a negative number', [1, -1]],
    ['a negative bigint', [1, 2, -5n]],
    ['a fractional number', [1, 2.5]],
    ['NaN', [1, 2, Number.NaN]],
    ['Infinity', [1, 2, Number.POSITIVE_INFINITY]],
    ['2^53 as a number (not exact)', [1, 2, 2 ** 53]],
  ])('an arc that is %s is a RangeError', (_name, arcs) => {
    expect(() => OID.fromArcs(arcs)).toThrow(RangeError);
    expect(() => OID.fromArcs(arcs)).toThrow(/arcs are non-negative/);
  });

  test.each(['', '1..2', 'a.b', ' 1.2', '1.2 ', '1.2.', '.1.2', '-1.2', '1.+2', '1.2e3', '1.２'])(
    'the text %j, not dotted decimal, is a RangeError',
    (dotted) => {
      expect(() => OID.fromDotted(dotted)).toThrow(RangeError);
      expect(() => OID.fromDotted(dotted)).toThrow(`expected dotted decimal arcs, got '${dotted}'`);
    },
  );

  test('empty contents octets are a RangeError', () => {
    expect(() => OID.fromBytes(new Uint8Array())).toThrow(RangeError);
    expect(() => OID.fromBytes(new Uint8Array())).toThrow('expected contents octets, got none');
  });

  test.each(['86', '2a 86 48 86', '2a 86 48 86 f7 12 01 02 82'])(
    'contents octets %s whose last octet has the high bit set are truncated',
    (contents) => {
      expect(() => OID.fromBytes(hex(contents))).toThrow(RangeError);
      expect(() => OID.fromBytes(hex(contents))).toThrow('the last subidentifier is truncated');
    },
  );

  test.each([
    ['80 01', 0],
    ['2a 80 01', 1],
    ['2a 86 48 80 86 f7 12', 3],
  ])('contents octets %s with a leading 0x80 at offset %i are not minimal', (contents, offset) => {
    expect(() => OID.fromBytes(hex(contents))).toThrow(RangeError);
    expect(() => OID.fromBytes(hex(contents))).toThrow(
      `subidentifier at offset ${offset} is not minimally encoded`,
    );
  });

  test('a 0x80 octet inside a subidentifier is a valid zero septet', () => {
    expect(OID.fromBytes(hex('2a 81 80 00')).dottedForm).toBe('1.2.16384');
  });

  test.each([
    ['fromDotted', () => OID.fromDotted(1.2 as never), 'OID.fromDotted: expected a string'],
    ['fromBytes', () => OID.fromBytes('2a' as never), 'OID.fromBytes: expected a Uint8Array'],
    ['fromBytes', () => OID.fromBytes([0x2a] as never), 'OID.fromBytes: expected a Uint8Array'],
    ['fromArcs', () => OID.fromArcs(['1', '2'] as never), 'expected arcs as numbers or bigints'],
    ['fromArcs', () => OID.fromArcs([1, 2, null] as never), 'expected arcs as numbers or bigints'],
    ['fromArcs', () => OID.fromArcs(12 as never), /not iterable/],
    ['from', () => OID.from(null as never), /not iterable/],
  ])('%s with an argument of the wrong type is a TypeError', (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});

describe('OID display and immutability', () => {
  const krb5 = OID.fromDotted('1.2.840.113554.1.2.2');

  test('toString, toJSON and util.inspect show the dotted form', () => {
    expect(String(krb5)).toBe('1.2.840.113554.1.2.2');
    expect(`${krb5}`).toBe('1.2.840.113554.1.2.2');
    expect(JSON.stringify({ mech: krb5 })).toBe('{"mech":"1.2.840.113554.1.2.2"}');
    expect(inspect(krb5)).toBe('OID(1.2.840.113554.1.2.2)');
  });

  test('mutating the returned bytes does not change the OID', () => {
    const oid = OID.fromDotted('1.2.840.113554.1.2.2');
    const bytes = oid.bytes;
    bytes[0] = 0xff;

    expect(oid.bytes).toEqual(hex('2a 86 48 86 f7 12 01 02 02'));
    expect(oid.bytes).not.toBe(oid.bytes);
    expect(oid.equals(krb5)).toBe(true);
  });

  test('mutating the bytes an OID was decoded from does not change the OID', () => {
    const source = hex('2b 06 01 05 05 02');
    const oid = OID.fromBytes(source);
    source[1] = 0x07;

    expect(oid.dottedForm).toBe('1.3.6.1.5.5.2');
  });

  test('mutating the arcs an OID was built from does not change the OID', () => {
    const arcs = [1, 3, 6, 1, 5, 5, 2];
    const oid = OID.fromArcs(arcs);
    arcs.push(9);

    expect(oid.dottedForm).toBe('1.3.6.1.5.5.2');
  });

  test('the arcs array cannot be changed even by casting away readonly', () => {
    const oid = OID.fromDotted('1.2.3');
    // The cast is the point: a JavaScript caller has no readonly to cast away.
    const arcs = oid.arcs as bigint[];

    expect(() => arcs.push(9n)).toThrow(TypeError);
    expect(oid.dottedForm).toBe('1.2.3');
  });

  test('from returns the very OID it is given', () => {
    expect(OID.from(krb5)).toBe(krb5);
  });

  test('an OID is not equal to its dotted text, its bytes or an unrelated object', () => {
    expect(krb5.equals('1.2.840.113554.1.2.2')).toBe(false);
    expect(krb5.equals(krb5.bytes)).toBe(false);
    expect(krb5.equals(null)).toBe(false);
    expect(krb5.equals(OID.fromDotted('1.2.840.113554.1.2'))).toBe(false);
  });
});
