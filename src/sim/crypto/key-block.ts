/**
 * A Kerberos key: an enctype and its key octets (RFC 4120 EncryptionKey, MIT's
 * `krb5_keyblock`), kept out of messages, `inspect` and JSON.
 *
 * @module
 */

import { timingSafeEqual } from 'node:crypto';
import { type Enctype, enctypeProfile } from './enctype.js';
import { KrbCryptoError } from './krb-crypto-error.js';

/**
 * A key of one of the sim's enctypes. The octets are copied in and out, so a caller cannot
 * change a key another party holds; `inspect`, `toString` and `toJSON` show the enctype and
 * length only.
 */
export class KeyBlock {
  /** The key's enctype. */
  readonly enctype: Enctype;
  /** The key length in octets. */
  readonly length: number;
  #contents: Uint8Array | null;
  #derive: (() => Uint8Array) | null = null;

  /**
   * @param enctype the enctype number.
   * @param contents the key octets, as many as the enctype's key length.
   * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement,
   *   `KRB5_BAD_KEYSIZE` for a key of the wrong length (MIT's codes for using such a key).
   */
  constructor(enctype: number, contents: Uint8Array) {
    const profile = enctypeProfile(enctype);
    if (contents.length !== profile.keyLength) throw new KrbCryptoError('KRB5_BAD_KEYSIZE');

    this.enctype = profile.enctype;
    this.length = profile.keyLength;
    this.#contents = Uint8Array.from(contents);
  }

  /**
   * A key whose octets are computed when first used: a principal's password keys, of which a
   * KDC exchange usually needs one enctype (string-to-key is PBKDF2, slow by design).
   *
   * @param enctype the enctype number.
   * @param derive computes the octets, once.
   * @throws {KrbCryptoError} `KRB5_BAD_ENCTYPE` for an enctype the sim does not implement.
   */
  static deferred(enctype: number, derive: () => Uint8Array): KeyBlock {
    const profile = enctypeProfile(enctype);
    const key = new KeyBlock(profile.enctype, new Uint8Array(profile.keyLength));
    key.#contents = null;
    key.#derive = derive;
    return key;
  }

  /** A copy of the key octets. */
  contents(): Uint8Array {
    return this.#octets().slice();
  }

  /**
   * Whether another key has the same enctype and octets, compared in constant time.
   *
   * @param other the other key.
   */
  equals(other: KeyBlock): boolean {
    return (
      this.enctype === other.enctype &&
      this.length === other.length &&
      timingSafeEqual(this.#octets(), other.#octets())
    );
  }

  /** The octets, derived first for a deferred key. */
  #octets(): Uint8Array {
    if (this.#contents === null) {
      const derived = this.#derive?.() ?? new Uint8Array(0);
      if (derived.length !== this.length) throw new KrbCryptoError('KRB5_BAD_KEYSIZE');
      this.#contents = Uint8Array.from(derived);
      this.#derive = null;
    }
    return this.#contents;
  }

  /** The enctype and length, never the octets. */
  toString(): string {
    return `KeyBlock(${enctypeProfile(this.enctype).name}, ${this.length} octets)`;
  }

  /** The enctype and length, never the octets. */
  toJSON(): { enctype: Enctype; length: number } {
    return { enctype: this.enctype, length: this.length };
  }

  /** What `util.inspect` and `console.log` show: the enctype and length, never the octets. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
