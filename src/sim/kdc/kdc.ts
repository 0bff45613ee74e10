/**
 * The sim's KDC: what a UDP or TCP KDC does with one request's bytes, in memory. An AS-REQ or
 * TGS-REQ gets its reply or a KRB-ERROR; what MIT's KDC drops (bytes that are neither, or do not
 * decode) gets no reply, and so does everything while the KDC is made unreachable.
 *
 * @module
 */

import { type DerCursor, readTlv } from '../asn1/der.js';
import type { Clock } from '../clock.js';
import { decodeAsReq, decodeTgsReq, type KdcReq } from '../krb5/messages/kdc-req.js';
import type { RandomSource } from '../random.js';
import { processAsReq } from './as-exchange.js';
import type { PrincipalDatabase } from './database.js';
import type { KdcContext } from './kdc-context.js';
import { errorReply } from './kdc-error-reply.js';
import { KdcFailure } from './kdc-failure.js';
import { processTgsReq } from './tgs-exchange.js';
import type { RealmLimits } from './ticket-policy.js';

/** MIT's default realm limits: `max_life` 24 hours, `max_renewable_life` 7 days. */
export const DEFAULT_REALM_LIMITS: RealmLimits = { maxLife: 86_400, maxRenewableLife: 604_800 };

/** MIT's default `clockskew`, in seconds. */
export const DEFAULT_CLOCK_SKEW = 300;

/** How a KDC is made. */
export interface KdcOptions {
  /** The realm's principals. */
  readonly database: PrincipalDatabase;
  /** The realm's clock. */
  readonly clock: Clock;
  /** The realm's random source; the KDC forks its own streams from it. */
  readonly random: RandomSource;
  /** Realm limits. Default {@link DEFAULT_REALM_LIMITS}. */
  readonly limits?: RealmLimits;
  /** Allowed clock skew in seconds. Default {@link DEFAULT_CLOCK_SKEW}. */
  readonly clockSkew?: number;
  /**
   * Offer FAST in the AS-REP's encrypted padata as MIT's KDC does. Default false: the sim's KDC
   * does not implement FAST, and MIT's client uses FAST for TGS requests when it is offered.
   */
  readonly advertiseFast?: boolean;
}

/** A KDC in memory. */
export class SimKdc {
  /** The realm's principals. */
  readonly database: PrincipalDatabase;
  /** Fault: while true, no request gets a reply (clients see KRB5_KDC_UNREACH). */
  unreachable = false;
  /** Realm limits; a test may shorten them (`max_life`, `max_renewable_life`). */
  limits: RealmLimits;
  readonly #context: Omit<KdcContext, 'limits'>;

  constructor(options: KdcOptions) {
    this.database = options.database;
    this.limits = options.limits ?? DEFAULT_REALM_LIMITS;
    this.#context = {
      database: options.database,
      clock: options.clock,
      sessionKeys: options.random.fork('kdc session keys'),
      confounders: options.random.fork('kdc confounders'),
      clockSkew: options.clockSkew ?? DEFAULT_CLOCK_SKEW,
      advertiseFast: options.advertiseFast ?? false,
    };
  }

  /**
   * One request and its reply (`kdcExchange`), as a KDC on UDP or TCP handles it.
   * @returns the AS-REP, TGS-REP or KRB-ERROR; `undefined` when MIT's KDC would send nothing
   *   (unreachable, not a KDC request, undecodable, or another realm). Never throws.
   */
  exchange(request: Uint8Array): Uint8Array | undefined {
    if (this.unreachable) return undefined;
    const context: KdcContext = { ...this.#context, limits: this.limits };

    let decoded: KdcReq;
    const tgs = request[0] === 0x6c;
    try {
      if (tgs) decoded = decodeTgsReq(request);
      else if (request[0] === 0x6a) decoded = decodeAsReq(request);
      else return undefined;
    } catch {
      return undefined;
    }
    if (decoded.reqBody.realm !== this.database.realm) return undefined;

    try {
      return tgs
        ? processTgsReq(context, decoded, reqBodyBytes(request))
        : processAsReq(context, decoded, request);
    } catch (error) {
      if (error instanceof KdcFailure) return errorReply(context, decoded.reqBody, error);
      return errorReply(context, decoded.reqBody, new KdcFailure(60, 'UNKNOWN_REASON'));
    }
  }

  /** What `util.inspect` shows: the realm, never keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SimKdc(${this.database.realm}${this.unreachable ? ', unreachable' : ''})`;
  }
}

/**
 * The req-body of a KDC-REQ as received: the contents of its `[4]` field (what MIT's
 * `fetch_asn1_field(pkt, 1, 4)` finds), so that a checksum is checked over the sender's bytes.
 */
function reqBodyBytes(request: Uint8Array): Uint8Array {
  const outer = readTlv({ bytes: request, offset: 0 });
  const sequence = readTlv({ bytes: outer.contents, offset: 0 });
  const cursor: DerCursor = { bytes: sequence.contents, offset: 0 };
  while (cursor.offset < sequence.contents.length) {
    const field = readTlv(cursor);
    if (field.tagClass === 0x80 && field.number === 4) return field.contents;
  }
  return new Uint8Array(0);
}
