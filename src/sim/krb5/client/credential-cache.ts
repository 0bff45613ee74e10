/**
 * An in-memory credential cache, as MIT's ccache types behave: a default principal, the
 * credentials stored in order, retrieval of the first one that matches, and the KDC time
 * offset a `kdc_timesync` client learned when it got its TGT (MIT's FILE and MEMORY caches
 * keep it too, so that a later process reads its clock corrected).
 *
 * @module
 */

import type { Credential } from './credential.js';
import {
  type KrbPrincipal,
  samePrincipal,
  tgsName,
  toKrbPrincipal,
  unparseKrbPrincipal,
} from './principal.js';
import type { TimeOffset } from './time-offset.js';

/** What {@link CredentialCache.retrieve} matches besides the server. */
export interface RetrieveOptions {
  /** Only a credential whose endtime is later than this (`KRB5_TC_MATCH_TIMES`), seconds. */
  readonly now?: number;
  /** Only a credential whose session key has one of these enctypes (`KRB5_TC_SUPPORTED_KTYPES`). */
  readonly enctypes?: readonly number[];
}

/** A credential cache in memory (MIT's `krb5_ccache`, without files). */
export class CredentialCache {
  #principal: KrbPrincipal;
  #credentials: Credential[] = [];
  #timeOffset: TimeOffset | undefined;

  /** A cache initialized for `principal` (`krb5_cc_initialize`), empty. */
  constructor(principal: string | KrbPrincipal) {
    this.#principal = toKrbPrincipal(principal);
  }

  /** The default principal (`krb5_cc_get_principal`). */
  get principal(): KrbPrincipal {
    return this.#principal;
  }

  /** The KDC time offset stored with the cache, if a client learned one. */
  get timeOffset(): TimeOffset | undefined {
    return this.#timeOffset;
  }

  set timeOffset(offset: TimeOffset | undefined) {
    this.#timeOffset = offset;
  }

  /** Empties the cache for a new default principal (`krb5_cc_initialize`). */
  initialize(principal: string | KrbPrincipal): void {
    this.#principal = toKrbPrincipal(principal);
    this.#credentials = [];
    this.#timeOffset = undefined;
  }

  /** Adds a credential after those already held (`krb5_cc_store_cred`). */
  store(credential: Credential): void {
    this.#credentials.push(credential);
  }

  /**
   * The first stored credential of the default principal for `server` that passes the
   * options' checks (`krb5_cc_retrieve_cred`), or `undefined` (MIT's KRB5_CC_NOTFOUND).
   */
  retrieve(server: string | KrbPrincipal, options: RetrieveOptions = {}): Credential | undefined {
    const wanted = toKrbPrincipal(server, this.#principal.realm);
    return this.#credentials.find(
      (credential) =>
        samePrincipal(credential.client, this.#principal) &&
        samePrincipal(credential.server, wanted) &&
        (options.now === undefined || credential.times.endtime > options.now) &&
        (options.enctypes === undefined ||
          options.enctypes.includes(credential.sessionKey.enctype)),
    );
  }

  /** The default principal's TGT for its own realm, `krbtgt/REALM@REALM`. */
  tgt(options: RetrieveOptions = {}): Credential | undefined {
    return this.retrieve(tgsName(this.#principal.realm), options);
  }

  /** Removes the credentials for `server` (`krb5_cc_remove_cred`); returns how many. */
  remove(server: string | KrbPrincipal): number {
    const wanted = toKrbPrincipal(server, this.#principal.realm);
    const before = this.#credentials.length;
    this.#credentials = this.#credentials.filter(
      (credential) => !samePrincipal(credential.server, wanted),
    );
    return before - this.#credentials.length;
  }

  /** The stored credentials, in order (`krb5_cc_next_cred`). */
  credentials(): readonly Credential[] {
    return [...this.#credentials];
  }

  /** What `util.inspect` shows: the principal and the servers, never keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const servers = this.#credentials.map((credential) => unparseKrbPrincipal(credential.server));
    return `CredentialCache(${unparseKrbPrincipal(this.#principal)}: ${servers.join(', ')})`;
  }
}
