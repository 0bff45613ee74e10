import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dk, dr } from '../../../../src/sim/crypto/derive-rfc3961.js';
import { enctypeProfile } from '../../../../src/sim/crypto/enctype.js';
import { KeyBlock } from '../../../../src/sim/crypto/key-block.js';
import {
  deriveUsageKey,
  type UsageKeyKind,
  usageConstant,
  usageKey,
} from '../../../../src/sim/crypto/usage-keys.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const hex = (octets: Uint8Array) => Buffer.from(octets).toString('hex');

const AES128_BASE = '42263c6e89f4fc28b8df68ee09799f15';
const AES256_BASE = 'fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161';
const SHA256_BASE = '3705d96080c17728a0e800eab6e0d23c';
const SHA384_BASE = '6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52';

// [enctype, base key, kind, derived key], all for key usage 2.
const VECTORS: readonly [string, number, string, UsageKeyKind, string][] = [
  // MIT's t_derive.c (the RFC 3962 string-to-key outputs as base keys).
  ['MIT t_derive.c', 17, AES128_BASE, 'Kc', '34280a382bc92769b2da2f9ef066854b'],
  ['MIT t_derive.c', 17, AES128_BASE, 'Ke', '5b14fc4e250e14ddf9dccf1af6674f53'],
  ['MIT t_derive.c', 17, AES128_BASE, 'Ki', '4ed31063621684f09ae8d89991af3e8f'],
  [
    'MIT t_derive.c',
    18,
    AES256_BASE,
    'Kc',
    'bfab388bdcb238e9f9c98d6a878304f04d30c82556375ac507a7a852790f4674',
  ],
  [
    'MIT t_derive.c',
    18,
    AES256_BASE,
    'Ke',
    'c7cfd9cd75fe793a586a542d87e0d1396f1134a104bb1a9190b8c90ada3ddf37',
  ],
  [
    'MIT t_derive.c',
    18,
    AES256_BASE,
    'Ki',
    '97151b4c76945063e2eb0529dc067d97d7bba90776d8126d91f34f3101aea8ba',
  ],
  // RFC 8009 Appendix A, "Sample results for key derivation".
  ['RFC 8009 A', 19, SHA256_BASE, 'Kc', 'b31a018a48f54776f403e9a396325dc3'],
  ['RFC 8009 A', 19, SHA256_BASE, 'Ke', '9b197dd1e8c5609d6e67c3e37c62c72e'],
  ['RFC 8009 A', 19, SHA256_BASE, 'Ki', '9fda0e56ab2d85e1569a688696c26a6c'],
  ['RFC 8009 A', 20, SHA384_BASE, 'Kc', 'ef5718be86cc84963d8bbb5031e9f5c4ba41f28faf69e73d'],
  [
    'RFC 8009 A',
    20,
    SHA384_BASE,
    'Ke',
    '56ab22bee63d82d7bc5227f6773f8ea7a5eb1c825160c38312980c442e5c7e49',
  ],
  ['RFC 8009 A', 20, SHA384_BASE, 'Ki', '69b16514e3cd8e56b82010d5c73012b622c4d00ffc23ed1f'],
];

describe('usage keys Kc, Ke, Ki (RFC 3961 §5.3, RFC 8009 §5)', () => {
  it.each(VECTORS)(
    '%s: enctype %i, %s, %s of usage 2',
    (_source, enctype, base, kind, expected) => {
      const derived = deriveUsageKey(enctypeProfile(enctype), bytes(base), 2, kind);

      expect(hex(derived)).toBe(expected);
    },
  );

  it('builds the constant from the usage number, big-endian, and 0x99, 0xAA or 0x55', () => {
    expect(hex(usageConstant(2, 'Kc'))).toBe('0000000299');
    expect(hex(usageConstant(24, 'Ke'))).toBe('00000018aa');
    expect(hex(usageConstant(0xffff_ffff, 'Ki'))).toBe('ffffffff55');
  });

  it('refuses usage numbers that are not 32-bit unsigned integers', () => {
    for (const usage of [-1, 2 ** 32, 1.5, Number.NaN]) {
      expect(() => usageConstant(usage, 'Kc')).toThrow(RangeError);
    }
  });

  it('derives through DK for RFC 3962 enctypes: DR cut to the key length', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        (base, constant) => {
          expect(dk(base, constant)).toEqual(dr(base, constant, 64).subarray(0, base.length));
        },
      ),
    );
  });

  it('caches per key what it derived, and gives the same octets as deriving afresh', () => {
    const profile = enctypeProfile(18);
    const key = new KeyBlock(18, bytes(AES256_BASE));

    const first = usageKey(profile, key, 2, 'Ke');

    expect(usageKey(profile, key, 2, 'Ke')).toBe(first);
    expect(hex(first)).toBe(hex(deriveUsageKey(profile, key.contents(), 2, 'Ke')));
    expect(hex(usageKey(profile, key, 3, 'Ke'))).not.toBe(hex(first));
  });
});
