/**
 * A TGS-REQ as MIT 1.20's `k5_make_tgs_req` builds it: a new nonce, a random subkey of the
 * TGT session key's enctype, the req-body, and PA-TGS-REQ: an AP-REQ with the TGT and an
 * authenticator (key usage 7) holding the checksum of the req-body (key usage 6), the client's
 * time and the subkey.
 *
 * MIT 1.20 also wraps every TGS request in FAST (PA-FX-FAST with implicit TGS armor); the sim
 * sends the plain request, which MIT's KDC and the sim's accept alike.
 *
 * @module
 */

import type { Clock } from '../../clock.js';
import {
  encrypt,
  enctypeProfile,
  type KeyBlock,
  makeChecksum,
  makeRandomKey,
} from '../../crypto/index.js';
import type { RandomSource } from '../../random.js';
import { encodeApReq, encodeAuthenticator } from '../messages/ap-req.js';
import type { HostAddresses } from '../messages/host-address.js';
import { encodeKdcReqBody, encodeTgsReq, type KdcReqBody } from '../messages/kdc-req.js';
import { PaDataType } from '../messages/pa-data.js';
import { decodeTicket } from '../messages/ticket.js';
import type { Credential } from './credential.js';
import { guarded } from './krb5-error.js';
import { generateNonce } from './nonce.js';
import type { KrbPrincipal } from './principal.js';
import { type TimeOffset, timeWithOffset } from './time-offset.js';

/** Key usages (RFC 4120 §7.5.1). */
const KEY_USAGE_TGS_REQ_AUTH_CKSUM = 6;
const KEY_USAGE_TGS_REQ_AUTH = 7;

/** What a TGS request asks for. */
export interface TgsRequestOptions {
  /** The TGT. */
  readonly tgt: Credential;
  /** The server. */
  readonly server: KrbPrincipal;
  /** The KDC options. */
  readonly kdcOptions: number;
  /** The enctypes to ask for, most preferred first. */
  readonly enctypes: readonly number[];
  /** The requested end time; default the TGT's. */
  readonly till?: number;
  /** The requested renew-till, if any. */
  readonly rtime?: number;
  /** The addresses, for a forwarded ticket. */
  readonly addresses?: HostAddresses;
  /** Put a subkey in the authenticator, as MIT always does. Default true. */
  readonly subkey?: boolean;
  /** The client's random source: nonce, subkey, confounders. */
  readonly random: RandomSource;
  /** The client's clock. */
  readonly clock: Clock;
  /** The client's KDC time offset. */
  readonly timeOffset?: TimeOffset;
}

/** A TGS request as sent, with what the reply is checked against. */
export interface TgsRequest {
  /** The TGS-REQ's bytes. */
  readonly bytes: Uint8Array;
  /** The req-body. */
  readonly body: KdcReqBody;
  /** The subkey, when one was sent. */
  readonly subkey: KeyBlock | undefined;
  /** The client's time when it made the request (`krb5_timeofday`), seconds. */
  readonly timestamp: number;
}

/**
 * Builds a TGS-REQ (`k5_make_tgs_req`).
 * @throws {Krb5Error} when the TGT's ticket does not decode or its session key's enctype has no
 *   checksum the sim implements.
 */
export function makeTgsRequest(options: TgsRequestOptions): TgsRequest {
  const { tgt, random, clock, timeOffset } = options;
  const sessionKey = tgt.sessionKey;

  const nonce = generateNonce(random);
  const timestamp = timeWithOffset(clock, timeOffset).seconds;
  const subkey =
    options.subkey === false
      ? undefined
      : makeRandomKey(sessionKey.enctype, (length) => random.bytes(length));
  const body: KdcReqBody = {
    kdcOptions: options.kdcOptions >>> 0,
    realm: options.server.realm,
    sname: options.server.name,
    till: options.till ?? tgt.times.endtime,
    ...(options.rtime === undefined || options.rtime === 0 ? {} : { rtime: options.rtime }),
    nonce,
    etype: options.enctypes,
    ...(options.addresses === undefined ? {} : { addresses: options.addresses }),
  };
  const bodyBytes = encodeKdcReqBody(body);

  // tgs_construct_ap_req: the checksum type 0, that is the session key's mandatory one.
  const checksum = guarded(() => makeChecksum(sessionKey, KEY_USAGE_TGS_REQ_AUTH_CKSUM, bodyBytes));
  const now = timeWithOffset(clock, timeOffset);
  const authenticator = encodeAuthenticator({
    crealm: tgt.client.realm,
    cname: tgt.client.name,
    cksum: { cksumtype: enctypeProfile(sessionKey.enctype).checksumType, checksum },
    cusec: now.microseconds,
    ctime: now.seconds,
    ...(subkey === undefined
      ? {}
      : { subkey: { keytype: subkey.enctype, keyvalue: subkey.contents() } }),
  });
  const ticket = guarded(() => decodeTicket(tgt.ticket));
  const apReq = encodeApReq({
    apOptions: 0,
    ticket,
    authenticator: {
      etype: sessionKey.enctype,
      cipher: encrypt(sessionKey, KEY_USAGE_TGS_REQ_AUTH, authenticator, (length) =>
        random.bytes(length),
      ),
    },
  });
  const bytes = encodeTgsReq({
    msgType: 12,
    padata: [{ padataType: PaDataType.tgsReq, padataValue: apReq }],
    reqBody: body,
  });

  return { bytes, body, subkey, timestamp };
}
