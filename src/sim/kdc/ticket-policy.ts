/**
 * The flags and times of a new ticket, from the request, the principals' policy and (in a TGS
 * request) the TGT, as MIT 1.20's `get_ticket_flags`, `kdc_get_ticket_endtime` and
 * `kdc_get_ticket_renewtime` compute them.
 *
 * @module
 */

import { KdcOptions, TicketFlags } from '../krb5/messages/flags.js';
import type { PrincipalEntry } from './principal-entry.js';

/** MIT's `kdc_infinity`: the largest KerberosTime, 2038-01-19T03:14:07Z. */
export const KDC_INFINITY = 0x7fff_ffff;

/** Realm-wide limits (`max_life`, `max_renewable_life` in kdc.conf). */
export interface RealmLimits {
  /** Maximum ticket life in seconds; 0 for none. */
  readonly maxLife: number;
  /** Maximum renewable life in seconds. */
  readonly maxRenewableLife: number;
}

/** Options that request the ticket flag of the same bit (MIT's `OPTS_COMMON_FLAGS_MASK`). */
const OPTS_COMMON_FLAGS_MASK =
  KdcOptions.forwardable |
  KdcOptions.forwarded |
  KdcOptions.proxiable |
  KdcOptions.proxy |
  KdcOptions.allowPostdate |
  KdcOptions.postdated |
  KdcOptions.requestAnonymous;

/** TGT flags a derived ticket keeps (MIT's `TGS_COPIED_FLAGS_MASK`). */
const TGS_COPIED_FLAGS_MASK =
  TicketFlags.forwarded |
  TicketFlags.proxy |
  TicketFlags.preAuthent |
  TicketFlags.hwAuthent |
  TicketFlags.anonymous;

/**
 * The flags of a new ticket (`get_ticket_flags`): the options that ask for flags, always
 * enc-pa-rep (RFC 6806 support), invalid for postdated, initial for an AS request, the TGT's
 * copied flags and ok-as-delegate for a TGS request; forwardable and proxiable only where the
 * principals and the TGT allow them. Renewable and pre-authent are added elsewhere.
 */
export function ticketFlags(
  kdcOptions: number,
  client: PrincipalEntry | undefined,
  server: PrincipalEntry,
  tgtFlags: number | undefined,
): number {
  let flags = (kdcOptions & OPTS_COMMON_FLAGS_MASK) | TicketFlags.encPaRep;
  if (kdcOptions & KdcOptions.postdated) flags |= TicketFlags.invalid;
  if (tgtFlags === undefined) flags |= TicketFlags.initial;
  else flags |= tgtFlags & TGS_COPIED_FLAGS_MASK;
  if (tgtFlags !== undefined && server.attributes.okAsDelegate) flags |= TicketFlags.okAsDelegate;

  const proxiable =
    client?.attributes.allowProxiable !== false &&
    server.attributes.allowProxiable &&
    (tgtFlags === undefined || (tgtFlags & TicketFlags.proxiable) !== 0);
  if (!proxiable) flags &= ~TicketFlags.proxiable;
  const forwardable =
    client?.attributes.allowForwardable !== false &&
    server.attributes.allowForwardable &&
    (tgtFlags === undefined || (tgtFlags & TicketFlags.forwardable) !== 0);
  if (!forwardable) flags &= ~TicketFlags.forwardable;
  if (tgtFlags !== undefined && (tgtFlags & TicketFlags.anonymous) === 0) {
    flags &= ~TicketFlags.anonymous;
  }

  return flags >>> 0;
}

/**
 * The end time (`kdc_get_ticket_endtime`): the requested `till` (0 is infinity), no later than
 * `endtime` (the TGT's), and a life no longer than the client's, the server's and the realm's
 * maximum.
 */
export function ticketEndtime(
  starttime: number,
  endtime: number,
  till: number,
  client: PrincipalEntry | undefined,
  server: PrincipalEntry,
  limits: RealmLimits,
): number {
  const until = Math.min(till === 0 ? KDC_INFINITY : till, endtime);
  let life = until - starttime;

  if (client !== undefined && client.maxLife !== 0) life = Math.min(life, client.maxLife);
  if (server.maxLife !== 0) life = Math.min(life, server.maxLife);
  if (limits.maxLife !== 0) life = Math.min(life, limits.maxLife);

  return starttime + life;
}

/**
 * The renew-till time (`kdc_get_ticket_renewtime`), or `undefined` for a ticket that is not
 * renewable. Asked for with the renewable option (its `rtime`, 0 is infinity), or with
 * renewable-ok when `till` is past the end time; capped by the TGT's renew-till and the
 * smallest maximum renewable life. MIT sets the flag even when the cap makes renew-till
 * earlier than the end time, when renewable itself was asked for.
 */
export function ticketRenewTill(
  request: { readonly kdcOptions: number; readonly till: number; readonly rtime?: number },
  times: { readonly starttime: number; readonly endtime: number },
  client: PrincipalEntry | undefined,
  server: PrincipalEntry,
  tgt: { readonly flags: number; readonly renewTill?: number } | undefined,
  limits: RealmLimits,
): number | undefined {
  if (!server.attributes.allowRenewable || client?.attributes.allowRenewable === false) return;
  if (tgt !== undefined && (tgt.flags & TicketFlags.renewable) === 0) return;

  const renewable = (request.kdcOptions & KdcOptions.renewable) !== 0;
  let rtime: number;
  if (renewable)
    rtime = request.rtime === undefined || request.rtime === 0 ? KDC_INFINITY : request.rtime;
  else if (request.kdcOptions & KdcOptions.renewableOk && request.till > times.endtime) {
    rtime = request.till;
  } else return;

  if (tgt !== undefined) rtime = Math.min(rtime, tgt.renewTill ?? 0);
  let maxRenewableLife = Math.min(server.maxRenewableLife, limits.maxRenewableLife);
  if (client !== undefined) maxRenewableLife = Math.min(maxRenewableLife, client.maxRenewableLife);
  rtime = Math.min(rtime, times.starttime + maxRenewableLife);

  if (!renewable && rtime <= times.endtime) return;
  return rtime;
}
