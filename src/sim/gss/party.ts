/**
 * One process of the sim's realm: what MIT's library would read from its environment (the
 * default ccache, the default keytab, the replay cache, the clock of its machine) and the
 * state its mechglue keeps (the minor-status map). Every `GssApi` the realm hands out is a
 * party; `realm.gss` is the default one.
 *
 * @module
 */

import type { Clock } from '../clock.js';
import type { KdcTransport, TimeOffset } from '../krb5/client/index.js';
import { CredentialCache, unparseKrbPrincipal } from '../krb5/client/index.js';
import { ReplayCache } from '../krb5/context/replay-cache.js';
import type { ServiceKey } from '../krb5/context/service-keys.js';
import type { RandomSource } from '../random.js';
import { MinorMap } from './minor-map.js';
import type { TraceSink } from './trace-sink.js';

/** What every party of a realm shares: the realm's name, KDC, clock and random source. */
export interface RealmCore {
  /** The realm's name, such as `KRBTEST.COM`. */
  readonly name: string;
  /** The host name of the realm's machine, which host-based names without `@host` get. */
  readonly hostname: string;
  /** The KDC, as the parties reach it (faults included). */
  readonly kdc: KdcTransport;
  /** The realm's clock. */
  readonly clock: Clock;
  /** Where the realm records what happens, when tracing is on. */
  readonly trace: TraceSink;
}

/** How a party is made. */
export interface PartyOptions {
  /** A label unique in the realm: it names the party's random stream and its traces. */
  readonly label: string;
  /** The party's random source (forked from the realm's by the label). */
  readonly random: RandomSource;
  /** The default ccache's principal, or none for a party without a ccache. */
  readonly ccache?: string;
  /** The default keytab's entries. */
  readonly keytab?: readonly ServiceKey[];
}

/** A process of the realm. Holds keys: never print its fields. */
export class SimParty {
  readonly realm: RealmCore;
  readonly label: string;
  readonly random: RandomSource;
  /** The default ccache (`KRB5CCNAME`), or null when the process has none. */
  ccache: CredentialCache | null;
  /** The default keytab (`KRB5_KTNAME`), in the order entries were added. */
  keytab: ServiceKey[];
  /** The acceptor's replay cache (MIT's default `dfl:` rcache of the process). */
  readonly replayCache = new ReplayCache();
  /** The mechglue's map of mechanism minor codes (`util_errmap.c`). */
  readonly minors = new MinorMap();
  #skew = 0;
  #clock: Clock;

  constructor(realm: RealmCore, options: PartyOptions) {
    this.realm = realm;
    this.label = options.label;
    this.random = options.random;
    this.ccache = options.ccache === undefined ? null : new CredentialCache(options.ccache);
    this.keytab = [...(options.keytab ?? [])];
    this.#clock = realm.clock;
  }

  /** The party's clock: the realm's, skewed by {@link SimParty.skew}. */
  get clock(): Clock {
    return this.#clock;
  }

  /** How far the party's clock is ahead of the realm's, in seconds (negative: behind). */
  get skew(): number {
    return this.#skew;
  }

  set skew(seconds: number) {
    if (!Number.isFinite(seconds)) {
      throw new RangeError(`expected a skew in seconds, got ${String(seconds)}`);
    }
    this.#skew = seconds;
    this.#clock = seconds === 0 ? this.realm.clock : this.realm.clock.skewed(seconds);
  }

  /**
   * The party's time in whole seconds since 1970, corrected by a ccache's KDC time offset
   * when given (MIT's library reads the offset with the ccache and keeps its time by it).
   */
  now(offset?: TimeOffset): number {
    const { seconds, microseconds } = this.#clock.timestamp();
    if (offset === undefined) return seconds;
    return seconds + offset.seconds + Math.floor((microseconds + offset.microseconds) / 1e6);
  }

  /** What `inspect` shows: the label and what the ccache and keytab are for, never keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const keytab = [...new Set(this.keytab.map((entry) => entry.principal))].join(', ');
    const ccache = this.ccache === null ? 'none' : unparseKrbPrincipal(this.ccache.principal);
    return `SimParty(${this.label}, ccache: ${ccache}, keytab: [${keytab}])`;
  }
}
