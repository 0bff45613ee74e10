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
  readonly #contents: Uint8Array;

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
    this.#contents = Uint8Array.from(contents);
  }

  /** The key length in octets. */
  get length(): number {
    return this.#contents.length;
  }

  /** A copy of the key octets. */
  contents(): Uint8Array {
    return this.#contents.slice();
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
      timingSafeEqual(this.#contents, other.#contents)
    );
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
