/**
 * A Kerberos realm for tests: the same interface for the sim's in-memory realm and for the
 * fixture that runs MIT's `krb5kdc` in a temporary directory. It is laid out like MIT's
 * `k5test.py` realm: a user with a TGT in the default ccache, a host service with its key in the
 * default keytab.
 *
 * @module
 */

import type { GssApi } from './gss-api.js';

/** The default realm name (`k5test.py`'s). */
export const DEFAULT_REALM_NAME = 'KRBTEST.COM';

/** The default host name of the realm's host principal. */
export const DEFAULT_HOSTNAME = 'localhost';

/** The user principal's name before `@`: `user@KRBTEST.COM`. */
export const USER_PRINCIPAL_NAME = 'user';

/** The password of `user@<realm>` in a realm made with the defaults. */
export const DEFAULT_USER_PASSWORD = 'user-password';

/** The host principal's service name: `host/localhost@KRBTEST.COM`. */
export const HOST_SERVICE_NAME = 'host';

/** How a realm is made; every field has a default. */
export interface RealmOptions {
  /** The realm's name, upper case by convention. Default {@link DEFAULT_REALM_NAME}. */
  readonly name?: string;
  /** The host name of the host principal. Default {@link DEFAULT_HOSTNAME}. */
  readonly hostname?: string;
}

/**
 * A running realm with a KDC, one user and one host service, and the GSS-API as a process of
 * that realm sees it (its default ccache and keytab). Close it when done: the MIT fixture stops
 * its KDC and removes its directory.
 */
export interface Realm {
  /** Which implementation runs the realm: the in-memory `sim`, or MIT's KDC and library. */
  readonly backend: 'sim' | 'mit';
  /** The realm's name, such as `KRBTEST.COM`. */
  readonly name: string;
  /** The host name of {@link Realm.hostPrincipal}, such as `localhost`. */
  readonly hostname: string;
  /** `user@<realm>`; its TGT is in the default ccache from the start. */
  readonly userPrincipal: string;
  /** The user's password, for `kinit` and `acquireCredWithPassword`. */
  readonly userPassword: string;
  /** `host/<hostname>@<realm>`; its key is in the default keytab from the start. */
  readonly hostPrincipal: string;
  /** The GSS-API of a process that uses the realm's default ccache and keytab. */
  readonly gss: GssApi;

  /**
   * Creates a principal in the KDC's database (`kadmin addprinc`).
   * @param principal a principal name, such as `alice` or `HTTP/localhost`; the realm is added
   *   when absent.
   * @param options.password the password to derive its keys from; without it, random keys
   *   (`addprinc -randkey`).
   * @throws {Error} when the principal already exists or the name does not parse.
   */
  addPrincipal(principal: string, options?: { readonly password?: string }): Promise<void>;

  /**
   * Adds a principal's current keys to the default keytab (`kadmin ktadd`), so that the GSS-API
   * can accept contexts for it. The key version number increases, as MIT's `ktadd` does.
   * @throws {Error} when the principal does not exist.
   */
  addToKeytab(principal: string): Promise<void>;

  /**
   * Gets a TGT for `principal` with `password` into the default ccache (`kinit`), replacing
   * what the ccache held.
   * @throws {Error} when the principal does not exist or the password is wrong.
   */
  kinit(principal: string, password: string): Promise<void>;

  /** Stops the realm and releases what it holds. Closing twice does nothing. */
  close(): Promise<void>;
}
