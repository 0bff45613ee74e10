/**
 * A TGS reply as MIT 1.20's `krb5int_process_tgs_reply` takes it: a KRB-ERROR becomes the
 * KDC's code with MIT's message (`Server <name> not found in Kerberos database`, `KDC returned
 * error string: <e-text>`); a TGS-REP is decrypted in the subkey (key usage 9) and, failing
 * that, in the TGT session key (usage 8, as Heimdal replies), then checked against the request.
 *
 * @module
 */

import { decrypt, KeyBlock } from '../../crypto/index.js';
import { code, kdcErrorString, serverNotFound } from '../../errors/index.js';
import { KdcOptions } from '../messages/flags.js';
import {
  type DecodedEncKdcRepPart,
  decodeEncKdcRepPart,
  decodeTgsRep,
} from '../messages/kdc-rep.js';
import { decodeKrbError } from '../messages/krb-error.js';
import { encodeTicket } from '../messages/ticket.js';
import type { Credential } from './credential.js';
import { DEFAULT_CLIENT_CLOCK_SKEW } from './defaults.js';
import {
  guarded,
  Krb5Error,
  plainKrb5Error,
  protocolKrb5Error,
  toKrb5Error,
} from './krb5-error.js';
import { isTgsName, type KrbPrincipal, samePrincipal, unparseKrbPrincipal } from './principal.js';
import type { TgsRequest } from './tgs-request.js';

/** Key usages of the TGS-REP's enc-part (RFC 4120 §7.5.1). */
const KEY_USAGE_TGS_REP_SESSION = 8;
const KEY_USAGE_TGS_REP_SUBKEY = 9;

const KRB_ERR_GENERIC = 60;
const KDC_ERR_S_PRINCIPAL_UNKNOWN = 7;

/** What the reply is checked against: the request and what the caller asked for. */
export interface TgsReplyExpectation {
  /** The TGT the request used. */
  readonly tgt: Credential;
  /** The request as sent. */
  readonly request: TgsRequest;
  /** The server asked for. */
  readonly server: KrbPrincipal;
  /** An end time the caller asked for (0 or absent: none, the TGT's was sent). */
  readonly endtime?: number;
  /** A renew-till the caller asked for. */
  readonly renewTill?: number;
}

/**
 * Processes the KDC's reply to a TGS request.
 * @returns the credential, its server as the reply names it.
 * @throws {Krb5Error} the KDC's error with MIT's message, or MIT's code for a reply that
 *   does not decode, decrypt or match (KRB5_KDCREP_MODIFIED, KRB5_KDCREP_SKEW).
 */
export function processTgsReply(bytes: Uint8Array, expected: TgsReplyExpectation): Credential {
  if (bytes[0] === 0x7e) throw tgsError(bytes);
  if (bytes[0] !== 0x6d) throw plainKrb5Error(code('KRB5KRB_AP_ERR_MSG_TYPE'));
  const { request, tgt } = expected;

  const reply = guarded(() => decodeTgsRep(bytes));
  const { part } = decryptReply(reply.encPart.cipher, request.subkey, tgt.sessionKey);
  if (reply.msgType !== 13) throw plainKrb5Error(code('KRB5KRB_AP_ERR_MSG_TYPE'));

  const kdcOptions = request.body.kdcOptions;
  const ticketServer: KrbPrincipal = { realm: reply.ticket.realm, name: reply.ticket.sname };
  const replyServer: KrbPrincipal = { realm: part.srealm, name: part.sname };
  const replyClient: KrbPrincipal = { realm: reply.crealm, name: reply.cname };
  const starttime = part.starttime ?? part.authtime;
  const endtime = expected.endtime ?? 0;
  const renewTill = expected.renewTill ?? 0;
  const modified =
    ((kdcOptions & KdcOptions.cnameInAddlTkt) === 0 || isTgsName(ticketServer)
      ? !samePrincipal(replyClient, tgt.client)
      : false) ||
    !replyServerMatches(kdcOptions, expected.server, ticketServer, replyServer) ||
    part.nonce !== request.body.nonce ||
    (endtime !== 0 && part.endtime > endtime) ||
    ((kdcOptions & KdcOptions.renewable) !== 0 &&
      renewTill !== 0 &&
      (part.renewTill ?? 0) > renewTill) ||
    ((kdcOptions & KdcOptions.renewableOk) !== 0 &&
      (part.flags & KdcOptions.renewable) !== 0 &&
      endtime !== 0 &&
      (part.renewTill ?? 0) > endtime);
  if (modified) throw plainKrb5Error(code('KRB5_KDCREP_MODIFIED'));
  if (Math.abs(starttime - request.timestamp) > DEFAULT_CLIENT_CLOCK_SKEW) {
    throw plainKrb5Error(code('KRB5_KDCREP_SKEW'));
  }

  return {
    client: replyClient,
    server: replyServer,
    sessionKey: guarded(() => new KeyBlock(part.key.keytype, part.key.keyvalue)),
    ticket: encodeTicket(reply.ticket),
    times: {
      authtime: part.authtime,
      starttime,
      endtime: part.endtime,
      ...(part.renewTill === undefined ? {} : { renewTill: part.renewTill }),
    },
    flags: part.flags,
    ...(part.caddr === undefined
      ? request.body.addresses === undefined
        ? {}
        : { addresses: request.body.addresses }
      : { addresses: part.caddr }),
  };
}

/** The error of a KRB-ERROR reply, with the message MIT sets when the KDC sent an e-text. */
function tgsError(bytes: Uint8Array): Krb5Error {
  const error = guarded(() => decodeKrbError(bytes));
  const eText = error.eText ?? '';

  if (eText !== '' && error.errorCode === KRB_ERR_GENERIC) {
    return new Krb5Error(kdcErrorString(eText), error);
  }
  if (eText !== '' && error.errorCode === KDC_ERR_S_PRINCIPAL_UNKNOWN) {
    const server = unparseKrbPrincipal({ realm: error.realm, name: error.sname });
    return new Krb5Error(serverNotFound(server), error);
  }
  return protocolKrb5Error(error);
}

/**
 * The enc-part decrypted in the subkey (usage 9), else in the session key (usage 8); when both
 * fail, the subkey's failure is reported, as MIT does.
 */
function decryptReply(
  cipher: Uint8Array,
  subkey: KeyBlock | undefined,
  sessionKey: KeyBlock,
): DecodedEncKdcRepPart {
  const attempt = (key: KeyBlock, usage: number) =>
    decodeEncKdcRepPart(decrypt(key, usage, cipher));
  if (subkey === undefined) return guarded(() => attempt(sessionKey, KEY_USAGE_TGS_REP_SESSION));

  try {
    return attempt(subkey, KEY_USAGE_TGS_REP_SUBKEY);
  } catch (first) {
    const error = toKrb5Error(first);
    try {
      return attempt(sessionKey, KEY_USAGE_TGS_REP_SESSION);
    } catch {
      throw error;
    }
  }
}

/** `check_reply_server`. */
function replyServerMatches(
  kdcOptions: number,
  requested: KrbPrincipal,
  ticketServer: KrbPrincipal,
  replyServer: KrbPrincipal,
): boolean {
  if (!samePrincipal(ticketServer, replyServer)) return false;
  if (samePrincipal(ticketServer, requested)) return true;
  if ((kdcOptions & KdcOptions.canonicalize) !== 0) return true;
  return isTgsName(requested) && isTgsName(ticketServer);
}
