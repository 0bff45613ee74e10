/**
 * A running MIT realm: the methods of {@link MitRealm} over `kadmin.local` and `kinit`, the
 * process environment while it is open, and its shutdown.
 *
 * @module
 */

import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { GssApi } from '../../../spec/gss-api.js';
import type { MitKinitOptions, MitPkinitOptions, MitRealm } from '../mit-realm.js';
import { applyEnvironment, type RealmEnvironment } from './environment.js';
import {
  addPrincipalRequest,
  addToKeytabRequest,
  modifyPrincipalRequest,
  type PrincipalAttributeChange,
  runKadmin,
} from './kadmin.js';
import { checkPassword, checkPrincipal } from './names.js';
import { issueClientIdentity, type PkinitIdentity } from './pkinit.js';
import { kinit, kinitPkinit, type RealmParts, readKdcLog } from './setup.js';

/**
 * A realm that holds the process environment from construction until {@link close}, which
 * then calls `release`. Requests to the database and the ccache run one at a time.
 */
export class OpenMitRealm implements MitRealm {
  readonly backend = 'mit';
  readonly name: string;
  readonly hostname: string;
  readonly userPrincipal: string;
  readonly userPassword: string;
  readonly hostPrincipal: string;
  readonly directory: string;
  readonly kdcPort: number;
  readonly kdcPid: number;
  readonly env: RealmEnvironment;

  readonly #parts: RealmParts;
  readonly #release: () => void;
  readonly #restoreEnvironment: () => void;
  readonly #onExit = (): void => this.#abandon();
  #gss: GssApi | undefined;
  /** The PKINIT certificates issued so far, by principal. */
  readonly #identities = new Map<string, PkinitIdentity>();
  #queue: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;

  /** Sets the environment and takes over the KDC; `release` runs once the realm is closed. */
  constructor(parts: RealmParts, release: () => void) {
    this.#parts = parts;
    this.#release = release;
    this.name = parts.name;
    this.hostname = parts.hostname;
    this.userPrincipal = parts.user;
    this.userPassword = parts.userPassword;
    this.hostPrincipal = parts.host;
    this.directory = parts.paths.directory;
    this.kdcPort = parts.port;
    this.kdcPid = parts.kdc.pid;
    this.env = parts.variables;
    this.#restoreEnvironment = applyEnvironment(parts.variables);
    process.on('exit', this.#onExit);
  }

  /** Made by the factory on first use, so a realm used only through files loads no library. */
  get gss(): GssApi {
    this.#gss ??= this.#parts.gss();
    return this.#gss;
  }

  principal(name: string): string {
    return checkPrincipal(name, this.name);
  }

  kdcLog(): string {
    return readKdcLog(this.#parts.paths);
  }

  addPrincipal(principal: string, options: { readonly password?: string } = {}): Promise<void> {
    const qualified = this.principal(principal);
    if (options.password !== undefined) checkPassword(options.password);
    const request = addPrincipalRequest(qualified, options.password);
    return this.#serially(() =>
      runKadmin(this.#parts.programs.kadminLocal, this.#parts.env, [request]),
    );
  }

  addToKeytab(principal: string): Promise<void> {
    const request = addToKeytabRequest(this.principal(principal));
    return this.#serially(() =>
      runKadmin(this.#parts.programs.kadminLocal, this.#parts.env, [request]),
    );
  }

  modifyPrincipal(principal: string, changes: readonly PrincipalAttributeChange[]): Promise<void> {
    const request = modifyPrincipalRequest(this.principal(principal), changes);
    return this.#serially(() =>
      runKadmin(this.#parts.programs.kadminLocal, this.#parts.env, [request]),
    );
  }

  kinit(principal: string, password: string, options: MitKinitOptions = {}): Promise<void> {
    const qualified = this.principal(principal);
    checkPassword(password);
    const { lifetime } = options;
    if (lifetime !== undefined && !(Number.isSafeInteger(lifetime) && lifetime > 0)) {
      throw new RangeError(
        `expected a lifetime of a positive whole number of seconds, got ${lifetime}`,
      );
    }
    const { programs, env, paths } = this.#parts;
    return this.#serially(() => kinit(programs, env, qualified, password, paths, lifetime));
  }

  kinitPkinit(principal: string, options: MitPkinitOptions = {}): Promise<void> {
    const qualified = this.principal(principal);
    const { programs, env, paths, pkinit } = this.#parts;
    if (pkinit === undefined) {
      throw new Error(
        'kinitPkinit: expected a realm started with pkinitIndicators, ' +
          `but ${this.name} has no PKINIT`,
      );
    }
    return this.#serially(async () => {
      let identity = this.#identities.get(qualified);
      if (identity === undefined) {
        identity = await issueClientIdentity(pkinit.openssl, this.directory, qualified);
        this.#identities.set(qualified, identity);
      }
      await kinitPkinit(
        programs,
        env,
        qualified,
        identity,
        options.ccache ?? `FILE:${paths.ccache}`,
      );
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  #serially(step: () => Promise<void>): Promise<void> {
    if (this.#closing !== undefined) {
      return Promise.reject(new Error(`expected an open realm, but ${this.name} is closed`));
    }
    const result = this.#queue.then(step);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #shutdown(): Promise<void> {
    process.off('exit', this.#onExit);
    try {
      await this.#queue;
      await this.#parts.kdc.stop();
      await rm(this.directory, { recursive: true, force: true });
    } finally {
      this.#restoreEnvironment();
      this.#release();
    }
  }

  /** At process exit nothing can be awaited: kill the KDC, remove the directory. */
  #abandon(): void {
    this.#parts.kdc.killNow();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
