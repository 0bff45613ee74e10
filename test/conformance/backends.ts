/**
 * The backends the conformance suite runs on, and the deviation table. Each test is written
 * once against the `Realm` interface; `describeConformance` runs it for every backend here.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startMitRealm } from '../../src/backends/native/mit-realm.js';
import { createSimRealm } from '../../src/sim/index.js';
import type { Realm, RealmOptions } from '../../src/spec/realm.js';
import { mit, nativeRequired } from '../support/native.js';

/** The name of a backend. */
export type BackendName = Realm['backend'];

/** One backend: whether it can run here, and how to start a realm on it. */
export interface Backend {
  readonly name: BackendName;
  /** Empty when the backend can run here, else why not and how to fix it. */
  readonly unavailable: string;
  /** Whether a missing backend fails the run instead of skipping. */
  readonly required: boolean;
  start(options?: RealmOptions): Promise<Realm>;
}

/** Every backend of the suite. */
export const BACKENDS: readonly Backend[] = [
  {
    name: 'sim',
    unavailable: '',
    required: true,
    start: (options) => createSimRealm(options),
  },
  {
    name: 'mit',
    unavailable: mit.available ? '' : mit.reason,
    required: nativeRequired,
    start: (options) => startMitRealm(options),
  },
];

/**
 * A known, explained difference: the test named `test` in `area` is expected to fail on
 * `backend` for `reason`. It runs as `it.fails`, so fixing the difference fails the suite
 * until the entry is removed.
 */
export interface Deviation {
  readonly area: string;
  readonly test: string;
  readonly backend: BackendName;
  readonly reason: string;
}

/** The deviation table. Ideally empty. */
export const DEVIATIONS: readonly Deviation[] = [];

/** What a conformance test sees: its backend and the realm started for the area. */
export interface ConformanceContext {
  readonly backend: BackendName;
  /** The realm of this area on this backend (started before the first test). */
  realm(): Realm;
  /** A test of this area: `it`, or `it.fails` for a listed deviation. */
  test(name: string, fn: () => unknown, timeout?: number): void;
}

/**
 * Runs `body` once per backend, in a `describe` named `area [backend]`, with one realm started
 * before the area's tests and closed after them.
 */
export function describeConformance(
  area: string,
  body: (context: ConformanceContext) => void,
  options?: RealmOptions,
): void {
  for (const backend of BACKENDS) {
    if (backend.unavailable !== '' && backend.required) {
      throw new Error(`${backend.name} is required but unavailable: ${backend.unavailable}`);
    }
    describe.skipIf(backend.unavailable !== '')(`${area} [${backend.name}]`, () => {
      let realm: Realm | undefined;

      beforeAll(async () => {
        realm = await backend.start(options);
      }, 60_000);
      afterAll(async () => {
        await realm?.close();
      });

      body({
        backend: backend.name,
        realm() {
          if (realm === undefined) throw new Error(`the ${backend.name} realm did not start`);
          return realm;
        },
        test(name, fn, timeout) {
          const deviation = DEVIATIONS.find(
            (entry) => entry.area === area && entry.test === name && entry.backend === backend.name,
          );
          if (deviation === undefined) it(name, fn, timeout);
          else it.fails(`${name} (deviation: ${deviation.reason})`, fn, timeout);
        },
      });
    });
  }
}
