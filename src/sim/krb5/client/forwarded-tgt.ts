/**
 * The TGT to delegate, as MIT 1.20's `krb5_fwd_tgt_creds` gets it: a TGS request for the TGT's
 * own server with KDC options from the TGT's flags plus FORWARDED (FORWARDABLE kept only when
 * the forwarded TGT may itself be forwarded), the TGT's end and renew times, the enctype of the
 * context's session key when known, and no canonicalization or fallback.
 *
 * @module
 */

import type { Clock } from '../../clock.js';
import type { RandomSource } from '../../random.js';
import { KdcOptions } from '../messages/flags.js';
import type { HostAddresses } from '../messages/host-address.js';
import type { Credential } from './credential.js';
import { KDC_TKT_COMMON_MASK, MIT_DEFAULT_ENCTYPES } from './defaults.js';
import { type KdcTransport, sendToKdc } from './kdc-transport.js';
import { processTgsReply } from './tgs-reply.js';
import { makeTgsRequest } from './tgs-request.js';
import type { TimeOffset } from './time-offset.js';

/** How a forwarded TGT is asked for. */
export interface ForwardedTgtOptions {
  /** The realm's KDC. */
  readonly kdc: KdcTransport;
  /** The TGT to forward; it must be forwardable. */
  readonly tgt: Credential;
  /** Whether the forwarded TGT may be forwarded again (`GSS_C_DELEG_FLAG` asks it: true). */
  readonly forwardable?: boolean;
  /** The enctype of the session key shared with the service; only it is asked for. */
  readonly enctype?: number;
  /** The addresses to bind the ticket to; none by default (`noaddresses`). */
  readonly addresses?: HostAddresses;
  /** The client's random source. */
  readonly random: RandomSource;
  /** The client's clock. */
  readonly clock: Clock;
  /** The client's KDC time offset. */
  readonly timeOffset?: TimeOffset;
}

/**
 * Gets a forwarded TGT.
 * @throws {Krb5Error} with the KDC's code, e.g. KRB5KDC_ERR_BADOPTION when the TGT is not
 *   forwardable.
 */
export function getForwardedTgt(options: ForwardedTgtOptions): Credential {
  const { tgt } = options;
  let kdcOptions = (tgt.flags & KDC_TKT_COMMON_MASK) | KdcOptions.forwarded;
  if (!(options.forwardable ?? true)) kdcOptions &= ~KdcOptions.forwardable;

  const request = makeTgsRequest({
    tgt,
    server: tgt.server,
    kdcOptions: kdcOptions >>> 0,
    enctypes: options.enctype === undefined ? MIT_DEFAULT_ENCTYPES : [options.enctype],
    till: tgt.times.endtime,
    ...(tgt.times.renewTill === undefined ? {} : { rtime: tgt.times.renewTill }),
    ...(options.addresses === undefined ? {} : { addresses: options.addresses }),
    random: options.random,
    clock: options.clock,
    ...(options.timeOffset === undefined ? {} : { timeOffset: options.timeOffset }),
  });
  const reply = sendToKdc(options.kdc, request.bytes, tgt.server.realm);
  return processTgsReply(reply, {
    tgt,
    request,
    server: tgt.server,
    endtime: tgt.times.endtime,
    ...(tgt.times.renewTill === undefined ? {} : { renewTill: tgt.times.renewTill }),
  });
}
