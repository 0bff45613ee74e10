/**
 * A credential as MIT's `krb5_creds` holds it: the client and server, the session key, the
 * ticket as received, its times and flags.
 *
 * @module
 */

import type { KeyBlock } from '../../crypto/index.js';
import type { HostAddresses } from '../messages/host-address.js';
import type { KrbPrincipal } from './principal.js';

/** A ticket's times (`krb5_ticket_times`), seconds since 1970. */
export interface TicketTimes {
  /** authtime: when the client authenticated (the AS exchange). */
  readonly authtime: number;
  /** starttime: when the ticket becomes valid; authtime when the reply left it out. */
  readonly starttime: number;
  /** endtime: when the ticket expires. */
  readonly endtime: number;
  /** renew-till: the latest end time of a renewable ticket. */
  readonly renewTill?: number;
}

/**
 * A ticket and what its holder knows of it. The session key is a {@link KeyBlock}, which never
 * shows its octets in `inspect` or JSON.
 */
export interface Credential {
  /** The client. */
  readonly client: KrbPrincipal;
  /** The server the ticket is for. */
  readonly server: KrbPrincipal;
  /** The session key. */
  readonly sessionKey: KeyBlock;
  /** The Ticket's DER bytes, as the KDC sent them. */
  readonly ticket: Uint8Array;
  /** The ticket's times. */
  readonly times: TicketTimes;
  /** The ticket flags (`TicketFlags` masks). */
  readonly flags: number;
  /** The addresses the ticket is bound to, if any. */
  readonly addresses?: HostAddresses;
}

/** Whether a credential is still valid at `now` (seconds): its endtime is later. */
export function isCurrent(credential: Credential, now: number): boolean {
  return credential.times.endtime > now;
}
