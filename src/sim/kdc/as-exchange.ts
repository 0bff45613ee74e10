/**
 * The AS exchange on the KDC's side (RFC 4120 §3.1, MIT 1.20's `do_as_req.c`): look up the
 * client and server, check policy, require and verify pre-authentication, and issue a ticket
 * with an AS-REP whose encrypted part is tagged EncTGSRepPart [26], as MIT writes it.
 *
 * @module
 */

import {
  defaultSalt,
  encrypt,
  enctypeProfile,
  isEnctype,
  type KeyBlock,
  makeChecksum,
} from '../crypto/index.js';
import { encodeChecksum } from '../krb5/messages/encryption.js';
import { KdcOptions, TicketFlags } from '../krb5/messages/flags.js';
import { type EncKdcRepPart, encodeAsRep, encodeEncTgsRepPart } from '../krb5/messages/kdc-rep.js';
import type { AsReq } from '../krb5/messages/kdc-req.js';
import { encodeEtypeInfo2, type PaData, PaDataType } from '../krb5/messages/pa-data.js';
import { type EncTicketPart, encodeEncTicketPart } from '../krb5/messages/ticket.js';
import {
  confounder,
  type KdcContext,
  kdcTime,
  NO_LAST_REQ,
  newSessionKey,
  sessionEnctype,
  toEncryptionKey,
  toPrincipal,
} from './kdc-context.js';
import { KdcErrorCode, KdcFailure } from './kdc-failure.js';
import { withTicketIndicators } from './kdc-indicators.js';
import { asTicketPac } from './kdc-pac.js';
import { preauthHints, verifyEncTimestamp } from './preauth.js';
import { currentKvno, findKey, firstCurrentKey, type PrincipalEntry } from './principal-entry.js';
import { KDC_INFINITY, ticketEndtime, ticketFlags, ticketRenewTill } from './ticket-policy.js';

/** Key usages (RFC 4120 §7.5.1, MIT's `KRB5_KEYUSAGE_AS_REQ`). */
const KEY_USAGE_TICKET = 2;
const KEY_USAGE_AS_REP_ENC_PART = 3;
const KEY_USAGE_AS_REQ = 56;

/** Options only a TGS request may carry (MIT's `AS_INVALID_OPTIONS`). */
const AS_INVALID_OPTIONS =
  KdcOptions.forwarded |
  KdcOptions.proxy |
  KdcOptions.renew |
  KdcOptions.validate |
  KdcOptions.encTktInSkey |
  KdcOptions.cnameInAddlTkt;

/**
 * Answers an AS-REQ with an AS-REP.
 * @param packet the request as received (PA-REQ-ENC-PA-REP's checksum covers it).
 * @throws {KdcFailure} for every refusal, with MIT's code, status and e-data.
 */
export function processAsReq(context: KdcContext, request: AsReq, packet: Uint8Array): Uint8Array {
  const body = request.reqBody;
  const now = kdcTime(context).seconds;
  if (body.cname === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, 'NULL_CLIENT');
  }
  if (body.sname === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, 'NULL_SERVER');
  }

  const client = context.database.get(toPrincipal(body.cname, body.realm));
  if (client === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_C_PRINCIPAL_UNKNOWN, 'CLIENT_NOT_FOUND');
  }
  const server = context.database.get(toPrincipal(body.sname, body.realm));
  if (server === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, 'SERVER_NOT_FOUND');
  }
  validateAsRequest(body.kdcOptions, client, server, now);
  const clientKey = body.etype
    .filter(isEnctype)
    .reduce<ReturnType<typeof findKey>>(
      (found, enctype) => found ?? findKey(client, enctype),
      undefined,
    );
  const enctype = sessionEnctype(body.etype, server);
  if (enctype === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_ETYPE_NOSUPP, 'BAD_ENCRYPTION_TYPE');
  }
  const sessionKey = newSessionKey(context, enctype);

  let flags = ticketFlags(body.kdcOptions, client, server, undefined);
  const postdated = (body.kdcOptions & KdcOptions.postdated) !== 0 && body.from !== undefined;
  const starttime = postdated ? (body.from ?? now) : now;
  const endtime = ticketEndtime(starttime, KDC_INFINITY, body.till, client, server, context.limits);
  const renewTill = ticketRenewTill(
    body,
    { starttime, endtime },
    client,
    server,
    undefined,
    context.limits,
  );
  if (renewTill !== undefined) flags |= TicketFlags.renewable;

  const hints = preauthHints(client, clientKey);
  const timestamp = request.padata?.find((pa) => pa.padataType === PaDataType.encTimestamp);
  if (timestamp !== undefined) {
    verifyEncTimestamp(timestamp.padataValue, client, now, context.clockSkew, hints);
    flags |= TicketFlags.preAuthent;
  } else if (client.attributes.requiresPreauth) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_PREAUTH_REQUIRED, 'NEEDED_PREAUTH', {
      eData: hints,
    });
  }
  if (clientKey === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_ETYPE_NOSUPP, 'CANT_FIND_CLIENT_KEY');
  }
  const serverKey = firstCurrentKey(server);
  if (serverKey === undefined) {
    throw new KdcFailure(KdcErrorCode.KRB_ERR_GENERIC, 'FINDING_SERVER_KEY');
  }

  flags >>>= 0;
  const times = {
    authtime: now,
    ...(starttime === now ? {} : { starttime }),
    endtime,
    ...(renewTill === undefined ? {} : { renewTill }),
  };
  const bare: EncTicketPart = {
    flags,
    key: toEncryptionKey(sessionKey),
    crealm: client.principal.realm,
    cname: body.cname,
    transited: { trType: 1, contents: new Uint8Array(0) },
    ...times,
    ...(body.addresses === undefined ? {} : { caddr: body.addresses }),
  };
  const indicators = client.authIndicators ?? [];
  const encTicketPart = asTicketPac(
    context,
    withTicketIndicators(context, bare, server, indicators),
    server,
    request.padata,
  );
  const ticketCipher = encrypt(
    serverKey.key,
    KEY_USAGE_TICKET,
    encodeEncTicketPart(encTicketPart),
    confounder(context),
  );
  const salt = clientKey.salt ?? defaultSalt(client.principal.realm, client.principal.components);
  const etypeInfo = encodeEtypeInfo2([
    { etype: clientKey.key.enctype, salt: new TextDecoder().decode(salt) },
  ]);

  const encPart: EncKdcRepPart = {
    key: toEncryptionKey(sessionKey),
    lastReq: NO_LAST_REQ,
    nonce: body.nonce,
    flags,
    ...times,
    srealm: body.realm,
    sname: body.sname,
    ...(body.addresses === undefined ? {} : { caddr: body.addresses }),
    ...encryptedPaData(context, request, packet, clientKey.key),
  };
  return encodeAsRep({
    msgType: 11,
    padata: [{ padataType: PaDataType.etypeInfo2, padataValue: etypeInfo }],
    crealm: client.principal.realm,
    cname: body.cname,
    ticket: {
      realm: body.realm,
      sname: body.sname,
      encPart: { etype: serverKey.key.enctype, kvno: currentKvno(server), cipher: ticketCipher },
    },
    encPart: {
      etype: clientKey.key.enctype,
      cipher: encrypt(
        clientKey.key,
        KEY_USAGE_AS_REP_ENC_PART,
        encodeEncTgsRepPart(encPart),
        confounder(context),
      ),
    },
  });
}

/** The policy checks of MIT's `validate_as_request`, in its order. */
function validateAsRequest(
  kdcOptions: number,
  client: PrincipalEntry,
  server: PrincipalEntry,
  now: number,
): void {
  const fail = (code: number, status: string): never => {
    throw new KdcFailure(code, status);
  };
  if (kdcOptions & AS_INVALID_OPTIONS) fail(KdcErrorCode.KDC_ERR_BADOPTION, 'INVALID AS OPTIONS');
  if (client.expiration !== 0 && now > client.expiration) {
    fail(KdcErrorCode.KDC_ERR_NAME_EXP, 'CLIENT EXPIRED');
  }
  if (server.expiration !== 0 && now > server.expiration) {
    fail(KdcErrorCode.KDC_ERR_SERVICE_EXP, 'SERVICE EXPIRED');
  }
  const postdate = KdcOptions.allowPostdate | KdcOptions.postdated;
  if (
    kdcOptions & postdate &&
    (!client.attributes.allowPostdated || !server.attributes.allowPostdated)
  ) {
    fail(15, 'POSTDATE NOT ALLOWED');
  }
  if (!client.attributes.allowTix) fail(KdcErrorCode.KDC_ERR_CLIENT_REVOKED, 'CLIENT LOCKED OUT');
  if (!server.attributes.allowTix) {
    fail(KdcErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, 'SERVICE LOCKED OUT');
  }
  if (!server.attributes.allowSvr) {
    fail(KdcErrorCode.KDC_ERR_MUST_USE_USER2USER, 'SERVICE NOT ALLOWED');
  }
}

/**
 * RFC 6806 §11 as MIT's `kdc_handle_protected_negotiation` does it: when the request has
 * PA-REQ-ENC-PA-REP, a checksum of the whole request in the reply key (usage 56), then an empty
 * PA-FX-FAST to say FAST is offered.
 */
function encryptedPaData(
  context: KdcContext,
  request: AsReq,
  packet: Uint8Array,
  replyKey: KeyBlock,
): { encryptedPaData?: PaData[] } {
  if (!request.padata?.some((pa) => pa.padataType === PaDataType.reqEncPaRep)) return {};

  const checksum = makeChecksum(replyKey, KEY_USAGE_AS_REQ, packet);
  const { checksumType: cksumtype } = enctypeProfile(replyKey.enctype);
  const padata: PaData[] = [
    {
      padataType: PaDataType.reqEncPaRep,
      padataValue: encodeChecksum({ cksumtype, checksum }),
    },
  ];
  if (context.advertiseFast) {
    padata.push({ padataType: PaDataType.fxFast, padataValue: new Uint8Array(0) });
  }
  return { encryptedPaData: padata };
}
