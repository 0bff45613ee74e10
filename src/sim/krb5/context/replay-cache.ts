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
  readonly #stored = new Map<string, number>();

  /** @param skew how long an entry is kept, in seconds (MIT's clockskew, 300 by default). */
  constructor(skew = 300) {
    this.#skew = skew;
  }

  /**
   * Stores `entry` seen at `now` (seconds); false when it is already stored, which is a replay.
   */
  store(entry: ReplayEntry, now: number): boolean {
    for (const [key, time] of this.#stored) {
      if (time + this.#skew < now) this.#stored.delete(key);
    }
    const hash = createHash('sha256').update(entry.cipher).digest('hex');
    const key = [entry.client, entry.server, entry.ctime, entry.cusec, hash].join('\0');
    if (this.#stored.has(key)) return false;
    this.#stored.set(key, now);
    return true;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#stored.size;
  }
}
