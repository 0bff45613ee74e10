/**
 * Where a realm records what its parties do, when a test or a person asks for it: each GSS-API
 * call, each context state change, each KDC exchange and each token, in order.
 *
 * @module
 */

/** One recorded event. Tokens and KDC messages are kept as bytes; `decode` reads them. */
export type TraceEvent =
  | {
      readonly kind: 'call';
      readonly party: string;
      readonly call: string;
      /** `ok`, or the error's class name and major/minor status. */
      readonly outcome: string;
    }
  | {
      readonly kind: 'transition';
      readonly party: string;
      /** A short label of the context, such as `initiator#1`. */
      readonly context: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'kdc';
      readonly party: string;
      readonly request: Uint8Array;
      /** The reply, or null when none came (the KDC was unreachable). */
      readonly reply: Uint8Array | null;
    }
  | {
      readonly kind: 'token';
      readonly party: string;
      /** The call that produced the token (`initSecContext`, `wrap`, ...). */
      readonly call: string;
      readonly token: Uint8Array;
    };

/**
 * The realm's recorder. `enabled` is read before building an event, so an off trace costs
 * nothing.
 */
export interface TraceSink {
  readonly enabled: boolean;
  record(event: TraceEvent): void;
}

/** A recorder that records nothing. */
export const NO_TRACE: TraceSink = Object.freeze({ enabled: false, record() {} });
