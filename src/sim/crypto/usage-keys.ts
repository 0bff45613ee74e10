/**
 * The keys derived from a base key per key usage (RFC 3961 §5.3 for RFC 3962, RFC 8009 §5):
 * Kc for checksums, Ke for encryption and Ki for the integrity of encryption, from the
 * constant `usage | 0x99`, `usage | 0xAA` and `usage | 0x55`.
 *
 * @module
 */

import { dk } from './derive-rfc3961.js';
import type { EnctypeProfile } from './enctype.js';
import { kdfHmacSha2 } from './kdf-hmac-sha2.js';
import type { KeyBlock } from './key-block.js';
import { nFold } from './n-fold.js';

/** Which key of a usage: Kc (checksum), Ke (encryption) or Ki (integrity). */
export type UsageKeyKind = 'Kc' | 'Ke' | 'Ki';

const CONSTANT_OCTET: Readonly<Record<UsageKeyKind, number>> = { Kc: 0x99, Ke: 0xaa, Ki: 0x55 };

const MAX_USAGE = 0xffff_ffff;

/**
 * The derivation constant of a usage key: the key usage number as a 32-bit big-endian integer,
 * then 0x99 (Kc), 0xAA (Ke) or 0x55 (Ki).
 *
 * @param usage the key usage number (RFC 4120 §7.5.1, RFC 4121 §2).
 * @param kind which key.
 * @throws {RangeError} when the usage is not a 32-bit unsigned integer.
 */
export function usageConstant(usage: number, kind: UsageKeyKind): Uint8Array {
  checkUsage(usage);

  const constant = new Uint8Array(5);
  new DataView(constant.buffer).setUint32(0, usage);
  constant[4] = CONSTANT_OCTET[kind];

  return constant;
}

function checkUsage(usage: number): void {
  if (!Number.isInteger(usage) || usage < 0 || usage > MAX_USAGE) {
    throw new RangeError(`a key usage is a 32-bit unsigned integer, got ${usage}`);
  }
}

/**
 * Derives Kc, Ke or Ki of a usage from a base key. For RFC 3962 enctypes each is
 * `DK(base, constant)`; for RFC 8009 each is `KDF-HMAC-SHA2(base, constant, k)` with k the key
 * length for Ke and half the hash length (the truncated HMAC length) for Kc and Ki.
 *
 * @param profile the enctype of the base key (or, for a checksum, of its checksum type).
 * @param base the base key octets.
 * @param usage the key usage number.
 * @param kind which key.
 */
export function deriveUsageKey(
  profile: EnctypeProfile,
  base: Uint8Array,
  usage: number,
  kind: UsageKeyKind,
): Uint8Array {
  if (profile.profile === 'rfc3962') return dk(base, foldedConstant(usage, kind));
  const constant = usageConstant(usage, kind);

  const bits = kind === 'Ke' ? profile.keyLength * 8 : profile.trailerLength * 8;
  return kdfHmacSha2(profile.hash, base, constant, new Uint8Array(0), bits);
}

/** The AES block size: DK n-folds its constant to it. */
const AES_BLOCK = 16;

/** The usual usages' constants n-folded to a block (public values, no key material). */
const foldedConstants = new Map<string, Uint8Array>();
const MAX_FOLDED_CONSTANTS = 256;

/**
 * The constant of a usage key n-folded to the AES block size, as DK folds it; shared, so read
 * it only (DK does).
 */
function foldedConstant(usage: number, kind: UsageKeyKind): Uint8Array {
  const id = `${usage}/${kind}`;
  let folded = foldedConstants.get(id);
  if (folded === undefined) {
    folded = nFold(usageConstant(usage, kind), AES_BLOCK);
    if (foldedConstants.size < MAX_FOLDED_CONSTANTS) foldedConstants.set(id, folded);
  }
  return folded;
}

/** Derived keys per base key, as MIT caches them on a `krb5_key`. */
const derivedKeys = new WeakMap<KeyBlock, Map<number, Uint8Array>>();

const KIND_INDEX: Readonly<Record<UsageKeyKind, number>> = { Kc: 0, Ke: 1, Ki: 2 };

/**
 * {@link deriveUsageKey} for a key, cached for the key's life (wrap and unwrap of every message
 * derive the same keys again). The octets returned are shared with the cache: read them only.
 *
 * @param profile the enctype profile to derive with (the key's own, or its checksum type's).
 * @param key the base key.
 * @param usage the key usage number.
 * @param kind which key.
 */
export function usageKey(
  profile: EnctypeProfile,
  key: KeyBlock,
  usage: number,
  kind: UsageKeyKind,
): Uint8Array {
  let cache = derivedKeys.get(key);
  if (cache === undefined) {
    cache = new Map();
    derivedKeys.set(key, cache);
  }

  // A number, not a string built per call: a 32-bit usage, 3 kinds, enctypes below 2^8.
  checkUsage(usage);
  const id = (usage * 4 + KIND_INDEX[kind]) * 256 + profile.enctype;
  let derived = cache.get(id);
  if (derived === undefined) {
    derived = deriveUsageKey(profile, key.contents(), usage, kind);
    cache.set(id, derived);
  }

  return derived;
}
