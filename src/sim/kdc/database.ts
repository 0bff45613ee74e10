/**
 * The KDC's principal database in memory, changed as `kadmin.local` changes MIT's:
 * `addprinc` with a password or `-randkey`, `cpw -randkey [-keepold]`, `modprinc`, `delprinc`.
 * Random keys come from the realm's seeded generator, so a seeded realm has the same keys
 * every run.
 *
 * @module
 */

import { defaultSalt, Enctype, KeyBlock, makeRandomKey, stringToKey } from '../crypto/index.js';
import type { RandomSource } from '../random.js';
import { type Principal, parsePrincipal, tgsPrincipal, unparsePrincipal } from './principal.js';
import {
  currentKvno,
  DEFAULT_ATTRIBUTES,
  type PrincipalAttributes,
  type PrincipalEntry,
  type PrincipalKey,
} from './principal-entry.js';

/**
 * The enctypes `addprinc` makes keys for: MIT 1.20's `supported_enctypes` default,
 * `aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal`.
 */
export const DEFAULT_KEY_ENCTYPES: readonly Enctype[] = [
  Enctype.AES256_CTS_HMAC_SHA1_96,
  Enctype.AES128_CTS_HMAC_SHA1_96,
];

/** MIT's default maximum ticket life (`max_life`, 24 hours), in seconds. */
export const DEFAULT_MAX_LIFE = 24 * 60 * 60;

/** MIT's default maximum renewable life (`max_renewable_life`, 0: not renewable), in seconds. */
export const DEFAULT_MAX_RENEWABLE_LIFE = 0;

/** How to create a principal; every field has a default. */
export interface AddPrincipalOptions {
  /** Derive the keys from this password with the `normal` salt; random keys without it. */
  readonly password?: string;
  /** Attributes to change from the realm's defaults. */
  readonly attributes?: Partial<PrincipalAttributes>;
  /** Maximum ticket life in seconds. Default {@link DEFAULT_MAX_LIFE}. */
  readonly maxLife?: number;
  /** Maximum renewable life in seconds. Default {@link DEFAULT_MAX_RENEWABLE_LIFE}. */
  readonly maxRenewableLife?: number;
  /** The enctypes of its keys. Default {@link DEFAULT_KEY_ENCTYPES}. */
  readonly enctypes?: readonly Enctype[];
  /** The authentication indicators its logins assert (see PrincipalEntry). Default none. */
  readonly authIndicators?: readonly string[];
}

/** How the database is made. */
export interface DatabaseOptions {
  /** The realm's name. */
  readonly realm: string;
  /** The source of random keys (the realm's seeded generator, forked). */
  readonly random: RandomSource;
  /** The enctypes of new keys. Default {@link DEFAULT_KEY_ENCTYPES}. */
  readonly enctypes?: readonly Enctype[];
}

/**
 * The principal database of one realm. `kdb5_util create` makes `krbtgt/REALM@REALM` with
 * random keys (kvno 1), `requires_preauth` and `lockdown_keys`, as MIT 1.20 does.
 */
export class PrincipalDatabase {
  /** The realm's name. */
  readonly realm: string;
  readonly #random: RandomSource;
  readonly #enctypes: readonly Enctype[];
  readonly #entries = new Map<string, PrincipalEntry>();

  constructor(options: DatabaseOptions) {
    this.realm = options.realm;
    this.#random = options.random;
    this.#enctypes = options.enctypes ?? DEFAULT_KEY_ENCTYPES;
    this.add(unparsePrincipal(tgsPrincipal(this.realm)), {
      attributes: { lockdownKeys: true },
    });
  }

  /** `name@REALM` as a principal of this realm (the realm added when absent). */
  principal(name: string): Principal {
    return parsePrincipal(name, this.realm);
  }

  /**
   * `addprinc`: a new principal with keys of version 1.
   * @throws {Error} when it exists already (`Principal or policy already exists`).
   * @throws {TypeError} when the name does not parse or is of another realm.
   */
  add(name: string, options: AddPrincipalOptions = {}): PrincipalEntry {
    const principal = this.#ownPrincipal(name);
    const key = unparsePrincipal(principal);
    if (this.#entries.has(key)) {
      throw new Error(`addprinc ${key}: Principal or policy already exists`);
    }

    const enctypes = options.enctypes ?? this.#enctypes;
    const entry: PrincipalEntry = {
      principal,
      attributes: { ...DEFAULT_ATTRIBUTES, ...options.attributes },
      maxLife: options.maxLife ?? DEFAULT_MAX_LIFE,
      maxRenewableLife: options.maxRenewableLife ?? DEFAULT_MAX_RENEWABLE_LIFE,
      expiration: 0,
      keys: this.#makeKeys(principal, 1, enctypes, options.password),
      ...(options.authIndicators === undefined
        ? {}
        : { authIndicators: Object.freeze([...options.authIndicators]) }),
    };

    this.#entries.set(key, entry);
    return entry;
  }

  /** The entry of a principal, or `undefined` (MIT's `KRB5_KDB_NOENTRY`). */
  get(principal: Principal): PrincipalEntry | undefined {
    return this.#entries.get(unparsePrincipal(principal));
  }

  /** The entry of a principal by name (realm added when absent), or `undefined`. */
  lookup(name: string): PrincipalEntry | undefined {
    return this.get(parsePrincipal(name, this.realm));
  }

  /** The names of all principals, sorted. */
  names(): string[] {
    return [...this.#entries.keys()].sort();
  }

  /**
   * `cpw -randkey` (or `cpw -pw`, with `password`): new keys of the next version. With
   * `keepOld` (`-keepold`) every older key stays, as MIT keeps them; without it only the new
   * keys remain.
   * @throws {Error} when the principal does not exist.
   */
  changeKeys(
    name: string,
    options: { readonly password?: string; readonly keepOld?: boolean } = {},
  ): PrincipalEntry {
    const entry = this.#existing(name);
    const enctypes = [...new Set(entry.keys.map(({ key }) => key.enctype))];
    const kvno = currentKvno(entry) + 1;

    const fresh = this.#makeKeys(entry.principal, kvno, enctypes, options.password);
    const keys = options.keepOld === true ? [...fresh, ...entry.keys] : fresh;

    return this.#replace({ ...entry, keys });
  }

  /**
   * `modprinc`: changes attributes, lifetimes or the expiration.
   * @throws {Error} when the principal does not exist.
   */
  modify(
    name: string,
    changes: {
      readonly attributes?: Partial<PrincipalAttributes>;
      readonly maxLife?: number;
      readonly maxRenewableLife?: number;
      readonly expiration?: number;
    },
  ): PrincipalEntry {
    const entry = this.#existing(name);

    return this.#replace({
      ...entry,
      attributes: { ...entry.attributes, ...changes.attributes },
      maxLife: changes.maxLife ?? entry.maxLife,
      maxRenewableLife: changes.maxRenewableLife ?? entry.maxRenewableLife,
      expiration: changes.expiration ?? entry.expiration,
    });
  }

  /**
   * `delprinc`.
   * @throws {Error} when the principal does not exist.
   */
  delete(name: string): void {
    const entry = this.#existing(name);
    this.#entries.delete(unparsePrincipal(entry.principal));
  }

  /** The principals and their key versions and enctypes, never the keys. */
  toJSON(): object {
    return this.names().map((name) => {
      const entry = this.#entries.get(name);
      return { name, keys: entry?.keys.map(({ kvno, key }) => ({ kvno, enctype: key.enctype })) };
    });
  }

  /** What `util.inspect` shows: the principal names and key versions, never the keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `PrincipalDatabase(${this.realm}: ${this.names().join(', ')})`;
  }

  #ownPrincipal(name: string): Principal {
    const principal = parsePrincipal(name, this.realm);
    if (principal.realm !== this.realm) {
      throw new TypeError(`expected a principal of ${this.realm}, got '${name}'`);
    }
    return principal;
  }

  #existing(name: string): PrincipalEntry {
    const entry = this.get(this.#ownPrincipal(name));
    if (entry === undefined) {
      throw new Error(`${name}: Principal does not exist`);
    }
    return entry;
  }

  #replace(entry: PrincipalEntry): PrincipalEntry {
    this.#entries.set(unparsePrincipal(entry.principal), entry);
    return entry;
  }

  #makeKeys(
    principal: Principal,
    kvno: number,
    enctypes: readonly Enctype[],
    password: string | undefined,
  ): PrincipalKey[] {
    if (password === undefined) {
      return enctypes.map((enctype) => ({
        kvno,
        key: makeRandomKey(enctype, (length) => this.#random.bytes(length)),
      }));
    }
    const salt = defaultSalt(principal.realm, principal.components);
    // Derived when first used: an AS exchange needs one enctype's key, and each costs PBKDF2.
    return enctypes.map((enctype) => ({
      kvno,
      key: KeyBlock.deferred(enctype, () => stringToKey(enctype, password, salt).contents()),
      salt,
    }));
  }
}
