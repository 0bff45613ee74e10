/**
 * Whatever the input, a decoder returns a value or throws a GssError with GSS_S_FAILURE and one
 * of MIT's ASN.1 codes; never another exception. 29 codecs × (150 random + 150 mutated + 100
 * truncated inputs) = 11,600 runs, fixed seed, in MIT's mode and in strict mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeOptions } from '../../../../src/sim/asn1/der.js';
import { code } from '../../../../src/sim/errors/index.js';
import { GssError } from '../../../../src/spec/errors.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { type AnyCodec, CODECS } from './catalog.js';

const SEED = 4120;

const KNOWN_MINORS = new Set(
  (
    [
      'ASN1_BAD_TIMEFORMAT',
      'ASN1_MISSING_FIELD',
      'ASN1_OVERFLOW',
      'ASN1_OVERRUN',
      'ASN1_BAD_ID',
      'ASN1_BAD_LENGTH',
      'ASN1_BAD_FORMAT',
      'ASN1_INDEF',
      'KRB5KDC_ERR_BAD_PVNO',
    ] as const
  ).map((name) => code(name)),
);

/** Decodes, and if it throws, checks that the exception is one of the codec's GssErrors. */
function decodesOrFailsCleanly(
  decode: AnyCodec['decode'],
  bytes: Uint8Array,
  options?: DecodeOptions,
): void {
  try {
    decode(bytes, options);
  } catch (error) {
    expect(error).toBeInstanceOf(GssError);
    if (!(error instanceof GssError)) return;
    expect(error.major).toBe(GSS_S_FAILURE);
    expect(KNOWN_MINORS.has(error.minor)).toBe(true);
  }
}

/** A valid encoding with up to four bytes changed, inserted or removed. */
function mutated(codec: AnyCodec): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({
    kind: fc.constantFrom('set', 'insert', 'delete', 'xor'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  });
  return fc
    .tuple(codec.arbitrary, fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([value, edits]) => {
      // The catalog pairs each arbitrary with its own codec; `never` is its erased type.
      const bytes = [...codec.encode(value as never)];
      for (const { kind, at, byte } of edits) {
        const i = at % (bytes.length + 1);
        if (kind === 'insert') bytes.splice(i, 0, byte);
        else if (i < bytes.length && kind === 'delete') bytes.splice(i, 1);
        else if (i < bytes.length && kind === 'set') bytes[i] = byte;
        else if (i < bytes.length) bytes[i] = (bytes[i] ?? 0) ^ (1 << (byte % 8));
      }
      return Uint8Array.from(bytes);
    });
}

/** A valid encoding cut short somewhere. */
function truncated(codec: AnyCodec): fc.Arbitrary<Uint8Array> {
  return fc.tuple(codec.arbitrary, fc.nat()).map(([value, cut]) => {
    // As above: the arbitrary is the codec's own.
    const bytes = codec.encode(value as never);
    return bytes.subarray(0, cut % bytes.length);
  });
}

describe('decoder robustness', () => {
  for (const codec of CODECS) {
    it(`${codec.name}: random bytes give a value or a GssError with an ASN.1 code`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, strict) => {
          decodesOrFailsCleanly(codec.decode, bytes, { strict });
        }),
        { seed: SEED, numRuns: 150 },
      );
    });

    it(`${codec.name}: mutated encodings give a value or a GssError with an ASN.1 code`, () => {
      fc.assert(
        fc.property(mutated(codec), fc.boolean(), (bytes, strict) => {
          decodesOrFailsCleanly(codec.decode, bytes, { strict });
        }),
        { seed: SEED, numRuns: 150 },
      );
    });

    it(`${codec.name}: every truncation of an encoding is rejected with ASN1_OVERRUN`, () => {
      fc.assert(
        fc.property(truncated(codec), (bytes) => {
          expect(() => codec.decode(bytes)).toThrow(
            expect.objectContaining({ minor: code('ASN1_OVERRUN') }),
          );
        }),
        { seed: SEED, numRuns: 100 },
      );
    });
  }
});
