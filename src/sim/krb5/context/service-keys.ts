/**
 * The acceptor's search of its keytab for the key of an AP-REQ's ticket, as MIT krb5 1.20's
 * `decrypt_try_server` does it for an acceptor with no specific name (`rd_req_dec.c`): every
 * entry of the ticket's enctype is tried, whatever its principal and kvno, until one decrypts
 * the ticket (key usage 2); otherwise the failure names what the keytab lacked.
 *
 * @module
 */

import { GssError } from '../../../spec/errors.js';
import { GSS_S_FAILURE } from '../../../spec/status.js';
import {
  decrypt,
  enctypeProfile,
  isEnctype,
  type KeyBlock,
  KrbCryptoError,
} from '../../crypto/index.js';
import { code, keytabSearchFailed } from '../../errors/index.js';
import { unparseKrbPrincipal } from '../client/principal.js';
import { decodeEncTicketPart, type EncTicketPart, type Ticket } from '../messages/ticket.js';
import { AcceptFailure } from './accept-failure.js';

/** RFC 4120 §7.5.1 key usage of the EncTicketPart. */
export const KEY_USAGE_KDC_REP_TICKET = 2;

/** One keytab entry. Holds a key: never print it. */
export interface ServiceKey {
  /** The principal, unparsed: `host/localhost@KRBTEST.COM`. */
  readonly principal: string;
  /** The key version number. */
  readonly kvno: number;
  /** The enctype. */
  readonly enctype: number;
  /** The key. */
  readonly key: KeyBlock;
}

/** A ticket opened with a keytab entry. */
export interface OpenedTicket {
  /** The ticket's plaintext. */
  readonly encPart: EncTicketPart;
  /** The entry whose key opened it. */
  readonly entry: ServiceKey;
}

/** The enctype as `krb5_enctype_to_name(..., shortest)` names it, or its number. */
export function shortestEnctypeName(enctype: number): string {
  if (!isEnctype(enctype)) return String(enctype);
  const { name, aliases } = enctypeProfile(enctype);
  return [name, ...aliases].reduce((a, b) => (b.length < a.length ? b : a));
}

/**
 * Opens `ticket` with the first entry of `keys` that decrypts it.
 * @throws {AcceptFailure} GSS_S_FAILURE with KRB5KRB_AP_ERR_NOKEY for no keys, and otherwise
 *   MIT's keytab search message (NOT_US, BADKEYVER or BAD_INTEGRITY).
 */
export function openTicket(keys: readonly ServiceKey[], ticket: Ticket): OpenedTicket {
  if (keys.length === 0) {
    const minor = code('KRB5KRB_AP_ERR_NOKEY');
    throw new AcceptFailure(GSS_S_FAILURE, { minor, message: 'No keys in keytab' });
  }
  const { etype, kvno = 0, cipher } = ticket.encPart;
  const server = unparseKrbPrincipal({ realm: ticket.realm, name: ticket.sname });
  let foundTicketServer = false;
  let foundKvno = false;
  let foundHigherKvno = false;
  let foundEnctype = false;

  for (const entry of keys) {
    const sameEnctype = entry.enctype === etype;
    if (entry.principal === server) {
      foundTicketServer = true;
      if (entry.kvno === kvno) {
        foundKvno = true;
        if (sameEnctype) foundEnctype = true;
      } else if (entry.kvno > kvno) {
        foundHigherKvno = true;
      }
    }
    if (!sameEnctype) continue;
    const encPart = tryOpen(entry.key, cipher);
    if (encPart !== null) return { encPart, entry };
  }

  throw new AcceptFailure(
    GSS_S_FAILURE,
    keytabSearchFailed({
      ticketServer: server,
      ticketKvno: kvno,
      ticketEnctype: shortestEnctypeName(etype),
      foundTicketServer,
      foundKvno,
      foundHigherKvno,
      foundEnctype,
    }),
  );
}

/** The ticket's plaintext, or null when the key does not decrypt it or it does not decode. */
function tryOpen(key: KeyBlock, cipher: Uint8Array): EncTicketPart | null {
  try {
    return decodeEncTicketPart(decrypt(key, KEY_USAGE_KDC_REP_TICKET, cipher));
  } catch (error) {
    if (error instanceof KrbCryptoError || error instanceof GssError) return null;
    throw error;
  }
}
