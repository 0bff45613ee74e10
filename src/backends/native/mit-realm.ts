/**
 * A real MIT Kerberos realm for tests: `krb5kdc` on a free 127.0.0.1 port, its database, a
 * keytab and a ccache in a temporary directory, and the process environment pointed at them.
 * It implements the same {@link Realm} interface as the sim's in-memory realm.
 *
 * The pieces live in `./realm/`: the programs, configuration files, the port, the KDC process
 * and its guard, `kadmin.local` requests, the environment, the setup, and the open realm.
 *
 * @module
 */

import { isMainThread } from 'node:worker_threads';
import type { GssApi } from '../../spec/gss-api.js';
import {
  DEFAULT_HOSTNAME,
  DEFAULT_REALM_NAME,
  DEFAULT_USER_PASSWORD,
  type Realm,
  type RealmOptions,
} from '../../spec/realm.js';
import type { RealmEnvironment } from './realm/environment.js';
import type { PrincipalAttributeChange } from './realm/kadmin.js';
import { KdcStartError } from './realm/kdc-process.js';
import { checkPassword, checkRealmOptions } from './realm/names.js';
import { OpenMitRealm } from './realm/open-realm.js';
import { checkIndicators, requirePkinit } from './realm/pkinit.js';
import { requireMitPrograms } from './realm/programs.js';
import { setUpRealm } from './realm/setup.js';

export type { PrincipalAttributeChange } from './realm/kadmin.js';
export { PKINIT_PACKAGE } from './realm/pkinit.js';
export { MIT_REALM_INSTALL, MIT_REALM_PACKAGES } from './realm/programs.js';

export { DEFAULT_USER_PASSWORD };

/** How a MIT realm is made; every field has a default. */
export interface MitRealmOptions extends RealmOptions {
  /** The password of `user@<realm>`. Default {@link DEFAULT_USER_PASSWORD}. */
  readonly userPassword?: string;
  /**
   * Makes the realm's {@link Realm.gss}, on its first use. Default: `createNativeGssApi` of
   * the native backend, imported when the realm starts.
   */
  readonly gss?: () => GssApi;
  /**
   * Sets up PKINIT (RFC 4556) with these authentication indicators (`pkinit_indicator`):
   * a CA, the KDC's certificate, and {@link MitRealm.kinitPkinit} for clients, whose tickets
   * then carry the indicators. Needs `openssl` and MIT's PKINIT plugin (Debian package
   * `krb5-pkinit`). Default: no PKINIT, and no certificates made.
   */
  readonly pkinitIndicators?: readonly string[];
}

/** A running MIT realm: the {@link Realm} interface and what a test may want to look at. */
export interface MitRealm extends Realm {
  readonly backend: 'mit';
  /** The temporary directory with the configuration, database, keytab, ccache and logs. */
  readonly directory: string;
  /** The KDC's port on 127.0.0.1, for UDP and TCP. */
  readonly kdcPort: number;
  /** The pid of `krb5kdc`. */
  readonly kdcPid: number;
  /** The variables this realm set in `process.env`; `close()` restores the previous values. */
  readonly env: RealmEnvironment;
  /** The KDC's log so far (`kdc.log`), empty once the realm is closed. */
  kdcLog(): string;
  /** `name@<realm>`, or `name` itself when it names a realm already. */
  principal(name: string): string;
  /**
   * Switches principal attributes on or off with `kadmin.local modprinc`, such as
   * `['+ok_to_auth_as_delegate']` for a service that may impersonate users (S4U2Self tickets
   * it gets are then forwardable, as S4U2Proxy needs).
   * @throws {TypeError} for an unknown attribute; rejects when kadmin fails.
   */
  modifyPrincipal(principal: string, changes: readonly PrincipalAttributeChange[]): Promise<void>;
  /**
   * {@link Realm.kinit}, with the TGT's lifetime as an option (`kinit -l`): a short-lived TGT
   * lets a test see tickets, and the contexts made from them, expire in real time.
   * @throws {RangeError} when the lifetime is not a positive whole number of seconds.
   */
  kinit(principal: string, password: string, options?: MitKinitOptions): Promise<void>;
  /**
   * Gets `principal` a TGT with PKINIT (`kinit -X X509_user_identity=`), with a certificate
   * the realm's CA issues for it on first use. The KDC asserts the realm's
   * {@link MitRealmOptions.pkinitIndicators} in the TGT (in an AD-CAMMAC), and its TGS copies
   * them into service tickets.
   * @throws {Error} when the realm was started without `pkinitIndicators`; rejects when
   *   `openssl` or `kinit` fails.
   * @throws {TypeError} when a part of the principal is not letters, digits, `.`, `_`, `-`.
   */
  kinitPkinit(principal: string, options?: MitPkinitOptions): Promise<void>;
}

/** How {@link MitRealm.kinitPkinit} gets a TGT. */
export interface MitPkinitOptions {
  /**
   * The ccache to put the TGT in (`kinit -c`), such as `FILE:/path`, for a second client
   * beside the default ccache's. Default: the realm's default ccache.
   */
  readonly ccache?: string;
}

/** How {@link MitRealm.kinit} gets a TGT. */
export interface MitKinitOptions {
  /**
   * The lifetime the TGT asks for, in seconds (`kinit -l <lifetime>s`); the KDC may give
   * less (the principal's or the realm's maximum). Default: the realm's default lifetime.
   */
  readonly lifetime?: number;
}

const ATTEMPTS = 5;

/** The realm that holds the process environment, if any. */
let openRealm: string | undefined;

/**
 * Starts a MIT realm: a database with `user@<realm>` (password {@link DEFAULT_USER_PASSWORD})
 * and `host/<hostname>@<realm>`, the host's keys in the default keytab, `krb5kdc` listening
 * on 127.0.0.1 only, and the user's TGT in the default ccache. The process environment then
 * names the realm's files (see {@link MitRealm.env}) until {@link Realm.close}.
 *
 * Since the environment belongs to the whole process, **one MIT realm at a time** can be open
 * in a process; close it before starting the next. The KDC is stopped and the directory removed
 * when the process exits without closing the realm, even when it is killed with SIGKILL. It
 * must run on the main thread: a worker thread's `process.env` is a copy that native code
 * does not see.
 *
 * @throws {Error} when a realm is already open in this process, when called from a worker
 *   thread, when MIT's programs are missing (the message names them and the packages to
 *   install), or when a step fails (the message holds what the program said; for the KDC,
 *   its stderr and log).
 * @throws {TypeError} when a name, the password or an indicator cannot go into MIT's
 *   configuration.
 * @throws {Error} with `pkinitIndicators`, when `openssl` or MIT's PKINIT plugin is missing.
 */
export async function startMitRealm(options: MitRealmOptions = {}): Promise<MitRealm> {
  const name = options.name ?? DEFAULT_REALM_NAME;
  const hostname = options.hostname ?? DEFAULT_HOSTNAME;
  const userPassword = options.userPassword ?? DEFAULT_USER_PASSWORD;
  checkRealmOptions(name, hostname);
  checkPassword(userPassword);
  const indicators =
    options.pkinitIndicators === undefined ? undefined : checkIndicators(options.pkinitIndicators);
  const programs = requireMitPrograms();
  const pkinit =
    indicators === undefined ? {} : { pkinit: { indicators, openssl: requirePkinit() } };
  if (!isMainThread) {
    throw new Error(
      'startMitRealm: expected the main thread, found a worker thread, whose process.env is a ' +
        "copy that MIT's library does not see (in vitest, use the default 'forks' pool)",
    );
  }
  if (openRealm !== undefined) {
    throw new Error(
      `startMitRealm: expected no open MIT realm in this process, found ${openRealm}; ` +
        'close it first, since the realm is named by the process environment',
    );
  }

  openRealm = `${name} (starting)`;
  try {
    const gss = options.gss ?? (await loadNativeGss());
    for (let attempt = 1; ; attempt++) {
      try {
        const parts = await setUpRealm({ name, hostname, userPassword, programs, gss, ...pkinit });
        openRealm = `${name} in ${parts.paths.directory}`;
        return new OpenMitRealm(parts, () => {
          openRealm = undefined;
        });
      } catch (error) {
        if (!(error instanceof KdcStartError && error.addressInUse && attempt < ATTEMPTS))
          throw error;
      }
    }
  } catch (error) {
    openRealm = undefined;
    throw error;
  }
}

/**
 * The native backend's factory. The module (and koffi with it) is imported when a realm starts,
 * not when this module is; when it cannot be loaded, the realm still starts and its `gss`
 * getter throws why.
 */
async function loadNativeGss(): Promise<() => GssApi> {
  try {
    const { createNativeGssApi } = await import('./gss-api.js');
    return () => createNativeGssApi();
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return () => {
      throw new Error(`realm.gss: expected the native GSS-API from ./gss-api.js, but ${problem}`);
    };
  }
}
