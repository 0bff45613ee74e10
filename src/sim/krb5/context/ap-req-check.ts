/**
 * The acceptor's checks of an AP-REQ, in the order of MIT krb5 1.20's `rd_req_decoded_opt`: the
 * ticket opened from the keytab, the authenticator opened with its session key (key usage 11),
 * the authenticator's client against the ticket's (`KRB5KRB_AP_ERR_BADMATCH`), the replay cache
 * (`KRB5KRB_AP_ERR_REPEAT`), the ticket's times (`KRB5KRB_AP_ERR_TKT_NYV`, `_TKT_EXPIRED`), the
 * authenticator's time (`KRB5KRB_AP_ERR_SKEW`) and the invalid flag (`KRB5KRB_AP_ERR_TKT_INVALID`).
 *
 * @module
 */

import { GssError } from '../../../spec/errors.js';
import { GSS_S_FAILURE } from '../../../spec/status.js';
import type { Clock } from '../../clock.js';
import { decryptEncrypted, KeyBlock, KrbCryptoError } from '../../crypto/index.js';
import { code, type MinorName } from '../../errors/index.js';
import { type KrbPrincipal, samePrincipal, unparseKrbPrincipal } from '../client/principal.js';
import { type ApReq, type Authenticator, decodeAuthenticator } from '../messages/ap-req.js';
import { TicketFlags } from '../messages/flags.js';
import type { EncTicketPart } from '../messages/ticket.js';
import { AcceptFailure } from './accept-failure.js';
import { KEY_USAGE_AP_REQ_AUTH } from './initiator-token.js';
import type { ReplayCache } from './replay-cache.js';
import { openTicket, type ServiceKey } from './service-keys.js';

/** MIT's default clock skew, in seconds. */
export const DEFAULT_CLOCK_SKEW = 300;

/** What the acceptor checks an AP-REQ with. */
export interface ApReqCheckOptions {
  /** The keytab entries. */
  readonly keys: readonly ServiceKey[];
  /** The acceptor's clock. */
  readonly clock: Clock;
  /** The replay cache. */
  readonly replayCache: ReplayCache;
  /** The allowed clock skew in seconds; 300 by default. */
  readonly skew?: number;
}

/** An AP-REQ that passed. Holds keys: never print it. */
export interface CheckedApReq {
  /** The ticket's plaintext. */
  readonly ticket: EncTicketPart;
  /** The ticket's session key. */
  readonly sessionKey: KeyBlock;
  /** The authenticator. */
  readonly authenticator: Authenticator;
  /** The client. */
  readonly client: KrbPrincipal;
  /** The keytab key that decrypted the ticket (the PAC's server checksum is in it). */
  readonly serviceKey: KeyBlock;
}

function fail(name: MinorName): AcceptFailure {
  return new AcceptFailure(GSS_S_FAILURE, code(name));
}

/**
 * Checks `apReq` as MIT's `krb5_rd_req` does for an acceptor with no specific name.
 * @throws {AcceptFailure} GSS_S_FAILURE with the first check's krb5 code.
 */
export function checkApReq(apReq: ApReq, options: ApReqCheckOptions): CheckedApReq {
  const skew = options.skew ?? DEFAULT_CLOCK_SKEW;
  const { encPart: ticket, entry } = openTicket(options.keys, apReq.ticket);
  const sessionKey = new KeyBlock(ticket.key.keytype, ticket.key.keyvalue);
  const authenticator = openAuthenticator(sessionKey, apReq);

  const client = { realm: ticket.crealm, name: ticket.cname };
  if (!samePrincipal({ realm: authenticator.crealm, name: authenticator.cname }, client)) {
    throw fail('KRB5KRB_AP_ERR_BADMATCH');
  }

  const now = options.clock.timestamp().seconds;
  const fresh = options.replayCache.store(
    {
      client: unparseKrbPrincipal(client),
      server: unparseKrbPrincipal({ realm: apReq.ticket.realm, name: apReq.ticket.sname }),
      ctime: authenticator.ctime,
      cusec: authenticator.cusec,
      cipher: apReq.authenticator.cipher,
    },
    now,
  );
  if (!fresh) throw fail('KRB5KRB_AP_ERR_REPEAT');

  const starttime = ticket.starttime ?? ticket.authtime;
  if (starttime > now + skew) throw fail('KRB5KRB_AP_ERR_TKT_NYV');
  if (now > ticket.endtime + skew) throw fail('KRB5KRB_AP_ERR_TKT_EXPIRED');
  if (Math.abs(now - authenticator.ctime) > skew) throw fail('KRB5KRB_AP_ERR_SKEW');
  if ((ticket.flags & TicketFlags.invalid) !== 0) throw fail('KRB5KRB_AP_ERR_TKT_INVALID');

  return { ticket, sessionKey, authenticator, client, serviceKey: entry.key };
}

/** The authenticator; a failed decryption or decoding is GSS_S_FAILURE with its code. */
function openAuthenticator(sessionKey: KeyBlock, apReq: ApReq): Authenticator {
  try {
    return decodeAuthenticator(
      decryptEncrypted(sessionKey, KEY_USAGE_AP_REQ_AUTH, apReq.authenticator),
    );
  } catch (error) {
    if (error instanceof KrbCryptoError) throw new AcceptFailure(GSS_S_FAILURE, error.code);
    if (error instanceof GssError) throw new AcceptFailure(error.major, error.minor);
    throw error;
  }
}
