/**
 * `krb5_get_credentials` for a service in the TGT's realm, as MIT 1.20's `get_creds.c` runs it
 * for `kvno` or `gss_init_sec_context`: a cached credential when there is one; else a
 * referral request (KDC options from the TGT's flags, plus canonicalize), and when that fails
 * or names another server, the same request without canonicalize (`try_fallback`,
 * `begin_non_referral`), whose result or error is the answer. The credential names the server
 * asked for, and is stored in the cache when one is given.
 *
 * @module
 */

import type { Clock } from '../../clock.js';
import type { RandomSource } from '../../random.js';
import { KdcOptions } from '../messages/flags.js';
import type { Credential } from './credential.js';
import type { CredentialCache } from './credential-cache.js';
import { KDC_TKT_COMMON_MASK, MIT_DEFAULT_ENCTYPES } from './defaults.js';
import { type KdcTransport, sendToKdc } from './kdc-transport.js';
import { Krb5Error } from './krb5-error.js';
import { type KrbPrincipal, sameComponents, toKrbPrincipal } from './principal.js';
import { processTgsReply } from './tgs-reply.js';
import { makeTgsRequest } from './tgs-request.js';
import { type TimeOffset, timeWithOffset } from './time-offset.js';

/** How a service ticket is asked for. */
export interface ServiceCredentialsOptions {
  /** The realm's KDC. */
  readonly kdc: KdcTransport;
  /** The TGT. */
  readonly tgt: Credential;
  /**
   * The service, such as `host/localhost@KRBTEST.COM`; a string without a realm gets the
   * TGT's. A principal with the empty (referral) realm, as a GSS host-based name imports, is
   * asked of the TGT's realm and keeps its empty realm in the credential, as MIT stores it.
   */
  readonly server: string | KrbPrincipal;
  /** Ask for a forwardable ticket (`KRB5_GC_FORWARDABLE`). A forwardable TGT asks anyway. */
  readonly forwardable?: boolean;
  /**
   * Make the referral request first, with canonicalize, as MIT does. Default true; false sends
   * only the non-referral request.
   */
  readonly canonicalize?: boolean;
  /** The enctypes to ask for. Default MIT 1.20's list. */
  readonly enctypes?: readonly number[];
  /** Put a subkey in the authenticator, as MIT always does. Default true. */
  readonly subkey?: boolean;
  /** A cache to look in first and store the new credential in (`KRB5_GC_NO_STORE` unset). */
  readonly ccache?: CredentialCache;
  /** The client's random source. */
  readonly random: RandomSource;
  /** The client's clock. */
  readonly clock: Clock;
  /** The client's KDC time offset; default the cache's. */
  readonly timeOffset?: TimeOffset;
}

/**
 * Gets a service ticket with the TGT.
 * @throws {Krb5Error} with MIT's code and message: `Server <name> not found in Kerberos
 *   database`, `Ticket expired`, `Clock skew too great`, `Message stream modified`, `Cannot
 *   contact any KDC for realm '<realm>'`, and the rest.
 */
export function getServiceCredentials(options: ServiceCredentialsOptions): Credential {
  const { tgt, ccache } = options;
  const requested = toKrbPrincipal(options.server, tgt.client.realm);
  // begin(): a referral realm (empty) starts from the TGT's realm.
  const server = requested.realm === '' ? { ...requested, realm: tgt.client.realm } : requested;
  const timeOffset = options.timeOffset ?? ccache?.timeOffset;
  if (ccache !== undefined) {
    const now = timeWithOffset(options.clock, timeOffset).seconds;
    const cached = ccache.retrieve(requested, { now });
    if (cached !== undefined) return cached;
  }

  let kdcOptions = (tgt.flags & KDC_TKT_COMMON_MASK) >>> 0;
  if (options.forwardable ?? false) kdcOptions |= KdcOptions.forwardable;
  // A failed reply is kept (MIT's `reply_code`) to decide on the fallback; a request that
  // cannot be made or sent ends the call at once.
  const attempt = (extra: number): Credential | Krb5Error => {
    const request = makeTgsRequest({
      tgt,
      server,
      kdcOptions: kdcOptions | extra,
      enctypes: options.enctypes ?? MIT_DEFAULT_ENCTYPES,
      ...(options.subkey === undefined ? {} : { subkey: options.subkey }),
      random: options.random,
      clock: options.clock,
      ...(timeOffset === undefined ? {} : { timeOffset }),
    });
    const reply = sendToKdc(options.kdc, request.bytes, server.realm);
    try {
      return processTgsReply(reply, { tgt, request, server });
    } catch (error) {
      if (error instanceof Krb5Error) return error;
      throw error;
    }
  };

  let credential: Credential | Krb5Error;
  if (options.canonicalize ?? true) {
    const referral = attempt(KdcOptions.canonicalize);
    const fallback =
      referral instanceof Krb5Error || !sameComponents(referral.server.name, server.name);
    credential = fallback ? attempt(0) : referral;
  } else {
    credential = attempt(0);
  }
  if (credential instanceof Krb5Error) throw credential;

  // complete(): the credential names the server asked for.
  const result = { ...credential, server: requested };
  ccache?.store(result);
  return result;
}
