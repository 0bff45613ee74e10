import { describe, expect, it } from 'vitest';
import { ReplayCache, type ReplayEntry } from '../../../../src/sim/krb5/context/replay-cache.js';

/** The cache's rule written plainly: scan every entry on each store. */
class ScanningCache {
  readonly #stored = new Map<string, number>();
  constructor(readonly skew: number) {}
  store(entry: ReplayEntry, now: number): boolean {
    for (const [key, time] of this.#stored) {
      if (time + this.skew < now) this.#stored.delete(key);
    }
    const key = `${entry.client}/${entry.ctime}/${entry.cusec}/${entry.cipher.join(',')}`;
    if (this.#stored.has(key)) return false;
    this.#stored.set(key, now);
    return true;
  }
  get size(): number {
    return this.#stored.size;
  }
}

function entry(n: number): ReplayEntry {
  return { client: 'a@R', server: 'b@R', ctime: n, cusec: 0, cipher: Uint8Array.of(n & 0xff) };
}

/** A small deterministic generator (xorshift32). */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('ReplayCache', () => {
  it('reports a replay within the skew and forgets an entry after it', () => {
    const cache = new ReplayCache(300);
    expect(cache.store(entry(1), 1000)).toBe(true);
    expect(cache.store(entry(1), 1300)).toBe(false);
    expect(cache.store(entry(2), 1301)).toBe(true);
    expect(cache.size).toBe(1);
    expect(cache.store(entry(1), 1301)).toBe(true);
  });

  it('drops an entry stored after the clock was set back once its time is up', () => {
    const cache = new ReplayCache(10);
    cache.store(entry(1), 100);
    cache.store(entry(2), 95);
    cache.store(entry(3), 104);
    expect(cache.size).toBe(3);
    cache.store(entry(4), 106);
    expect(cache.size).toBe(3);
    expect(cache.store(entry(2), 106)).toBe(true);
    expect(cache.store(entry(1), 110)).toBe(false);
    cache.store(entry(5), 111);
    expect(cache.size).toBe(4);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('answers and keeps as a full scan would (run %i)', (seed) => {
    const random = generator(seed * 7919);
    const cache = new ReplayCache(20);
    const model = new ScanningCache(20);
    let now = 1000;
    for (let i = 0; i < 2000; i++) {
      const step = random();
      if (step < 0.05) now -= Math.floor(random() * 40);
      else if (step < 0.5) now += Math.floor(random() * 4);
      const seen = entry(Math.floor(random() * 60));
      expect(cache.store(seen, now)).toBe(model.store(seen, now));
      expect(cache.size).toBe(model.size);
    }
  });
});
