/**
 * An in-memory replay cache, as MIT krb5 1.20's acceptor consults one in `krb5_rd_req`: an
 * authenticator is remembered by its client, server, ctime, cusec and a SHA-256 hash of its
 * ciphertext, and one seen again within the clock skew is `KRB5KRB_AP_ERR_REPEAT`.
 *
 * @module
 */

import { createHash } from 'node:crypto';

/** What identifies one authenticator. */
export interface ReplayEntry {
  /** The client principal, unparsed. */
  readonly client: string;
  /** The server principal, unparsed. */
  readonly server: string;
  /** The authenticator's ctime. */
  readonly ctime: number;
  /** The authenticator's cusec. */
  readonly cusec: number;
  /** The authenticator's ciphertext. */
  readonly cipher: Uint8Array;
}

/** A replay cache. Entries older than the skew (by the time they were stored) are dropped. */
export class ReplayCache {
  readonly #skew: number;
  /** Entry key → time stored, in the order stored (a key is never stored twice). */
  readonly #stored = new Map<string, number>();
  /** Whether the times in {@link #stored} never decrease in its order (a clock not set back). */
  #ordered = true;
  /** The latest time stored. */
  #latest = Number.NEGATIVE_INFINITY;

  /** @param skew how long an entry is kept, in seconds (MIT's clockskew, 300 by default). */
  constructor(skew = 300) {
    this.#skew = skew;
  }

  /**
   * Stores `entry` seen at `now` (seconds); false when it is already stored, which is a replay.
   */
  store(entry: ReplayEntry, now: number): boolean {
    this.#expire(now);
    const hash = createHash('sha256').update(entry.cipher).digest('hex');
    const key = [entry.client, entry.server, entry.ctime, entry.cusec, hash].join('\0');
    if (this.#stored.has(key)) return false;
    this.#stored.set(key, now);
    // Written so that a NaN time also counts as out of order (then every store scans them all).
    if (now >= this.#latest) this.#latest = now;
    else this.#ordered = false;
    return true;
  }

  /**
   * Drops every entry stored more than the skew before `now`. While the times are in order,
   * the expired entries are the first ones, so this stops at the first entry kept (amortised
   * O(1) per store); after the clock was set back, it scans them all and checks the order again.
   */
  #expire(now: number): void {
    if (this.#ordered) {
      for (const [key, time] of this.#stored) {
        if (!(time + this.#skew < now)) return;
        this.#stored.delete(key);
      }
      return;
    }

    let ordered = true;
    let latest = Number.NEGATIVE_INFINITY;
    for (const [key, time] of this.#stored) {
      if (time + this.#skew < now) {
        this.#stored.delete(key);
      } else if (time >= latest) {
        latest = time;
      } else {
        ordered = false;
      }
    }
    this.#ordered = ordered;
    this.#latest = latest;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#stored.size;
  }
}
