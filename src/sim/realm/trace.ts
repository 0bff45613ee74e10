/**
 * A realm's trace: while started, every GSS-API call of its parties, every context state
 * change, every KDC exchange and every token is recorded in order. Tokens and KDC messages
 * are kept as bytes; `decodeTraceEvent` turns one into named fields for a person or a test.
 *
 * @module
 */

import type { TraceEvent, TraceSink } from '../gss/trace-sink.js';

export type { TraceEvent } from '../gss/trace-sink.js';

/** The trace of a realm. */
export interface SimTrace {
  /** Whether recording is on. */
  readonly recording: boolean;
  /** Starts recording (again), keeping what was recorded before. */
  start(): void;
  /** Stops recording. */
  stop(): void;
  /** What was recorded, in order. */
  readonly events: readonly TraceEvent[];
  /** Forgets what was recorded. */
  clear(): void;
}

/** A trace and the sink its realm records into. */
export function createTrace(): { readonly api: SimTrace; readonly sink: TraceSink } {
  let recording = false;
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
    start() {
      recording = true;
    },
    stop() {
      recording = false;
    },
    get events() {
      return events;
    },
    clear() {
      events.length = 0;
    },
  };
  return { api, sink };
}
