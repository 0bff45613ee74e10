/**
 * A realm's trace: while started, every GSS-API call of its parties, every context state
 * change, every KDC exchange and every token is recorded in order. Tokens and KDC messages
 * are kept as bytes; {@link decodeTraceEvent} turns one into named fields for a person or a
 * test, and `decoded()` does it for the whole recording with the realm's database.
 *
 * @module
 */

import type { TraceEvent, TraceSink } from '../gss/trace-sink.js';
import type { PrincipalDatabase } from '../kdc/index.js';
import { type DecodedFields, decodeTraceEvent } from './trace-decode.js';

export type { TraceEvent } from '../gss/trace-sink.js';

/** How a recording starts. */
export interface TraceStartOptions {
  /**
   * Whether `decoded()` opens tickets and authenticators and shows session keys and subkeys
   * in hex. Default false: no key ever appears.
   */
  readonly keys?: boolean;
}

/** The trace of a realm. */
export interface SimTrace {
  /** Whether recording is on. */
  readonly recording: boolean;
  /** Whether the last `start()` asked for keys. */
  readonly keys: boolean;
  /**
   * Starts recording (again), keeping what was recorded before; `keys` holds until the next
   * `start()`.
   */
  start(options?: TraceStartOptions): void;
  /** Stops recording. */
  stop(): void;
  /** What was recorded, in order. */
  readonly events: readonly TraceEvent[];
  /**
   * Every event recorded so far, decoded with the realm's principal database, with keys when
   * `start()` asked for them.
   */
  decoded(): DecodedFields[];
  /** Forgets what was recorded. */
  clear(): void;
}

/**
 * A trace and the sink its realm records into.
 * @param database the realm's principal database, which opens tickets when keys are asked for.
 */
export function createTrace(database?: PrincipalDatabase): {
  readonly api: SimTrace;
  readonly sink: TraceSink;
} {
  let recording = false;
  let keys = false;
  const events: TraceEvent[] = [];
  const sink: TraceSink = {
    get enabled() {
      return recording;
    },
    record(event) {
      if (recording) events.push(event);
    },
  };
  const api: SimTrace = {
    get recording() {
      return recording;
    },
    get keys() {
      return keys;
    },
    start(options = {}) {
      if (options.keys !== undefined && typeof options.keys !== 'boolean') {
        throw new TypeError(`trace.start: expected keys as a boolean, got ${typeof options.keys}`);
      }
      keys = options.keys ?? false;
      recording = true;
    },
    stop() {
      recording = false;
    },
    get events() {
      return events;
    },
    decoded() {
      const options = { keys, ...(database === undefined ? {} : { database }) };
      return events.map((event) => decodeTraceEvent(event, options));
    },
    clear() {
      events.length = 0;
    },
  };
  return { api, sink };
}
