/**
 * string-to-key of the AES enctypes: PBKDF2 and a key derivation with "kerberos"
 * (RFC 3962 §4, RFC 8009 §4), with MIT's limits on the iteration count.
 *
 * @module
 */

import { createHash, pbkdf2Sync } from 'node:crypto';
import { dk } from './derive-rfc3961.js';
import { enctypeProfile } from './enctype.js';
import { kdfHmacSha2 } from './kdf-hmac-sha2.js';
import { KeyBlock } from './key-block.js';
import { KrbCryptoError } from './krb-crypto-error.js';

const KERBEROS = new TextEncoder().encode('kerberos');

/** MIT's upper bound on the iteration count (`MAX_ITERATION_COUNT`, 2^24), excluded. */
const MAX_ITERATION_COUNT = 0x100_0000;

/** Options of {@link stringToKey}. */
export interface StringToKeyOptions {
  /**
   * The s2kparams (RFC 3962 §4, RFC 8009 §4): the iteration count as a 4-octet big-endian
   * number. Without them, the enctype's default count (4096 or 32768).
   */
  readonly params?: Uint8Array;
  /**
   * Accept iteration counts below the enctype's default. MIT refuses them outside its own
   * tests (`k5_allow_weak_pbkdf2iter`); the RFC test vectors use counts like 1 and 1200.
   */
  readonly allowWeakIterations?: boolean;
}

/**
 * string-to-key (`krb5_c_string_to_key_with_params`):
 * - aes*-cts-hmac-sha1-96 (RFC 3962 §4): `DK(PBKDF2-HMAC-SHA1(password, salt, iterations),
 *   "kerberos")`;
 * - aes*-cts-hmac-sha2 (RFC 8009 §4): `KDF-HMAC-SHA2(PBKDF2-HMAC-SHA256/384(password,
 *   enctype-name | 0x00 | salt, iterations), "kerberos", key length)`.
 *
 * @param enctype the enctype number.
 * @param password the password; a string is taken as UTF-8.
 * @param salt the salt (by default the realm and the principal's components, see
 *   `defaultSalt`); a string is taken as UTF-8.
 * @param options s2kparams, and whether to allow weak iteration counts.
 * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement;
 *   `KRB5_ERR_BAD_S2K_PARAMS` for params that are not 4 octets, or a count of 0, of 2^24 or
 *   more, or (unless allowed) below the enctype's default: MIT's checks.
 */
export function stringToKey(
  enctype: number,
  password: string | Uint8Array,
  salt: string | Uint8Array,
  options: StringToKeyOptions = {},
): KeyBlock {
  const profile = enctypeProfile(enctype);
  const iterations = iterationCount(options.params, profile.defaultIterations, options);
  const passwordOctets = typeof password === 'string' ? utf8(password) : password;
  const saltOctets = typeof salt === 'string' ? utf8(salt) : salt;

  if (profile.profile === 'rfc3962') {
    const tkey = pbkdf2(passwordOctets, saltOctets, iterations, profile.keyLength, 'sha1');
    return new KeyBlock(profile.enctype, dk(tkey, KERBEROS));
  }
  const name = utf8(profile.name);
  const saltp = new Uint8Array(name.length + 1 + saltOctets.length);
  saltp.set(name);
  saltp.set(saltOctets, name.length + 1);
  const tkey = pbkdf2(passwordOctets, saltp, iterations, profile.keyLength, profile.hash);
  const key = kdfHmacSha2(profile.hash, tkey, KERBEROS, new Uint8Array(0), profile.keyLength * 8);

  return new KeyBlock(profile.enctype, key);
}

/**
 * PBKDF2 results by a SHA-256 of their inputs (the password is not kept as such), at most
 * {@link MAX_REMEMBERED}, the oldest forgotten first.
 */
const remembered = new Map<string, Uint8Array>();
const MAX_REMEMBERED = 512;

/**
 * PBKDF2, remembered for the process: the KDC derives a principal's key when the principal is
 * added and the client derives the same key again at `kinit`, and a test suite that makes a
 * realm per test derives the same few keys every time. PBKDF2 is slow by design (4096
 * iterations of HMAC-SHA1 for each AES key: 57 % of `createSimRealm()` was spent here), so
 * its results are memoised; they are test keys, held like the realm's own keys.
 */
function pbkdf2(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  keyLength: number,
  hash: string,
): Uint8Array {
  const id = createHash('sha256')
    .update(`${hash}/${iterations}/${keyLength}/${password.length}/`)
    .update(password)
    .update(salt)
    .digest('base64');
  let derived = remembered.get(id);
  if (derived === undefined) {
    derived = new Uint8Array(pbkdf2Sync(password, salt, iterations, keyLength, hash));
    if (remembered.size >= MAX_REMEMBERED) {
      const oldest = remembered.keys().next();
      if (oldest.done !== true) remembered.delete(oldest.value);
    }
    remembered.set(id, derived);
  }
  return derived;
}

/**
 * The s2kparams of an iteration count: the count as a 4-octet big-endian number.
 *
 * @param iterations the PBKDF2 iteration count.
 * @throws {RangeError} when the count is not a 32-bit unsigned integer.
 */
export function s2kParams(iterations: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > 0xffff_ffff) {
    throw new RangeError(`an iteration count is a 32-bit unsigned integer, got ${iterations}`);
  }

  const params = new Uint8Array(4);
  new DataView(params.buffer).setUint32(0, iterations);
  return params;
}

function iterationCount(
  params: Uint8Array | undefined,
  defaultIterations: number,
  options: StringToKeyOptions,
): number {
  if (params === undefined) return defaultIterations;
  if (params.length !== 4) throw new KrbCryptoError('KRB5_ERR_BAD_S2K_PARAMS');

  const iterations = new DataView(params.buffer, params.byteOffset, 4).getUint32(0);
  const weak = iterations < defaultIterations && options.allowWeakIterations !== true;
  if (iterations === 0 || weak || iterations >= MAX_ITERATION_COUNT) {
    throw new KrbCryptoError('KRB5_ERR_BAD_S2K_PARAMS');
  }

  return iterations;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
