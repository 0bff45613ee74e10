/**
 * The TGS exchange on the KDC's side (RFC 4120 §3.3, MIT 1.20's `do_tgs_req.c` and
 * `kdc_process_tgs_req`): check the PA-TGS-REQ's AP-REQ (TGT, authenticator, skew, expiry,
 * the checksum over the req-body), look up the server, and issue a service ticket or a
 * forwarded TGT, the reply encrypted in the authenticator's subkey (usage 9) or the TGT's
 * session key (usage 8).
 *
 * @module
 */

import { decrypt, encrypt, KrbCryptoError, verifyChecksum } from '../crypto/index.js';
import { decodeApReq, decodeAuthenticator } from '../krb5/messages/ap-req.js';
import { ApOptions, KdcOptions, TicketFlags } from '../krb5/messages/flags.js';
import { type EncKdcRepPart, encodeEncTgsRepPart, encodeTgsRep } from '../krb5/messages/kdc-rep.js';
import type { TgsReq } from '../krb5/messages/kdc-req.js';
import { PaDataType } from '../krb5/messages/pa-data.js';
import {
  decodeEncTicketPart,
  type EncTicketPart,
  encodeEncTicketPart,
} from '../krb5/messages/ticket.js';
import {
  confounder,
  fromEncryptionKey,
  type KdcContext,
  kdcTime,
  NO_LAST_REQ,
  newSessionKey,
  sessionEnctype,
  toEncryptionKey,
  toPrincipal,
} from './kdc-context.js';
import { KdcErrorCode, KdcFailure, protocolCode } from './kdc-failure.js';
import { tgtIndicators } from './kdc-indicators.js';
import { type SubjectPac, tgsSubjectPac, tgsTicketPac } from './kdc-pac.js';
import { isTgsPrincipal, samePrincipal, tgsPrincipal } from './principal.js';
import { currentKvno, findKey, firstCurrentKey } from './principal-entry.js';
import { ticketEndtime, ticketFlags, ticketRenewTill } from './ticket-policy.js';

/** Key usages (RFC 4120 §7.5.1). */
const KEY_USAGE_TICKET = 2;
const KEY_USAGE_TGS_REQ_AUTH_CKSUM = 6;
const KEY_USAGE_TGS_REQ_AUTH = 7;
const KEY_USAGE_TGS_REP_SESSION = 8;
const KEY_USAGE_TGS_REP_SUBKEY = 9;

/** A TGT that passed the checks of `kdc_process_tgs_req`. */
interface HeaderTicket {
  readonly part: EncTicketPart;
  readonly replyKey: ReturnType<typeof fromEncryptionKey>;
  readonly subkey: boolean;
  /** What the TGT's verified PAC gives a new one, or null for no PAC. */
  readonly pac: SubjectPac;
}

/**
 * Answers a TGS-REQ with a TGS-REP.
 * @param reqBodyBytes the req-body as received (the authenticator's checksum covers it).
 * @throws {KdcFailure} for every refusal, with MIT's code and status.
 */
export function processTgsReq(
  context: KdcContext,
  request: TgsReq,
  reqBodyBytes: Uint8Array,
): Uint8Array {
  const body = request.reqBody;
  const now = kdcTime(context).seconds;

  const header = processHeader(context, request, reqBodyBytes, now);
  const client = { realm: header.part.crealm, name: header.part.cname };
  const fail = (code: number, status: string): never => {
    throw new KdcFailure(code, status, { client });
  };
  if (body.sname === undefined) fail(KdcErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, 'NULL_SERVER');
  const sname = body.sname ?? { nameType: 0, nameString: [] };
  const server = context.database.get(toPrincipal(sname, body.realm));
  if (server === undefined) {
    return fail(KdcErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, 'LOOKING_UP_SERVER');
  }
  const tgtFlags = header.part.flags;
  if (body.kdcOptions & (KdcOptions.forwardable | KdcOptions.forwarded)) {
    if ((tgtFlags & TicketFlags.forwardable) === 0) {
      fail(KdcErrorCode.KDC_ERR_BADOPTION, 'TGT NOT FORWARDABLE');
    }
  }
  if (!server.attributes.allowTix)
    fail(KdcErrorCode.KDC_ERR_S_PRINCIPAL_UNKNOWN, 'SERVER LOCKED OUT');
  if (!server.attributes.allowSvr)
    fail(KdcErrorCode.KDC_ERR_MUST_USE_USER2USER, 'SERVER NOT ALLOWED');
  if (server.expiration !== 0 && now > server.expiration) {
    fail(KdcErrorCode.KDC_ERR_SERVICE_EXP, 'SERVICE EXPIRED');
  }
  const enctype = sessionEnctype(body.etype, server);
  if (enctype === undefined) return fail(KdcErrorCode.KDC_ERR_ETYPE_NOSUPP, 'BAD_ENCRYPTION_TYPE');
  const serverKey = firstCurrentKey(server);
  if (serverKey === undefined) return fail(KdcErrorCode.KRB_ERR_GENERIC, 'FINDING_SERVER_KEY');
  const sessionKey = newSessionKey(context, enctype);

  let flags = ticketFlags(body.kdcOptions, undefined, server, tgtFlags);
  if ((body.kdcOptions & KdcOptions.disableTransitedCheck) === 0) {
    flags |= TicketFlags.transitedPolicyChecked;
  }
  const endtime = ticketEndtime(
    now,
    header.part.endtime,
    body.till,
    undefined,
    server,
    context.limits,
  );
  const renewTill = ticketRenewTill(
    body,
    { starttime: now, endtime },
    undefined,
    server,
    header.part,
    context.limits,
  );
  if (renewTill !== undefined) flags |= TicketFlags.renewable;
  flags >>>= 0;
  const authtime = header.part.authtime;
  const forwarded = (body.kdcOptions & (KdcOptions.forwarded | KdcOptions.proxy)) !== 0;
  const caddr = forwarded ? body.addresses : header.part.caddr;
  const times = {
    authtime,
    ...(now === authtime ? {} : { starttime: now }),
    endtime,
    ...(renewTill === undefined ? {} : { renewTill }),
  };

  const encTicketPart: EncTicketPart = tgsTicketPac(
    context,
    {
      flags,
      key: toEncryptionKey(sessionKey),
      crealm: header.part.crealm,
      cname: header.part.cname,
      transited: header.part.transited,
      ...times,
      ...(caddr === undefined ? {} : { caddr }),
    },
    server,
    header.part.authorizationData,
    header.pac,
    tgtIndicators(context, header.part),
  );
  const encPart: EncKdcRepPart = {
    key: toEncryptionKey(sessionKey),
    lastReq: NO_LAST_REQ,
    nonce: body.nonce,
    flags,
    ...times,
    srealm: body.realm,
    sname,
    ...(forwarded && body.addresses !== undefined ? { caddr: body.addresses } : {}),
  };
  const usage = header.subkey ? KEY_USAGE_TGS_REP_SUBKEY : KEY_USAGE_TGS_REP_SESSION;
  return encodeTgsRep({
    msgType: 13,
    crealm: header.part.crealm,
    cname: header.part.cname,
    ticket: {
      realm: body.realm,
      sname,
      encPart: {
        etype: serverKey.key.enctype,
        kvno: currentKvno(server),
        cipher: encrypt(
          serverKey.key,
          KEY_USAGE_TICKET,
          encodeEncTicketPart(encTicketPart),
          confounder(context),
        ),
      },
    },
    encPart: {
      etype: header.replyKey.enctype,
      cipher: encrypt(header.replyKey, usage, encodeEncTgsRepPart(encPart), confounder(context)),
    },
  });
}

/**
 * `kdc_process_tgs_req`: the PA-TGS-REQ's AP-REQ, its TGT decrypted in the krbtgt key of its
 * kvno, the authenticator in the TGT's session key, then the skew, the ticket's times and the
 * checksum over the req-body. Every failure has MIT's status `PROCESS_TGS`.
 */
function processHeader(
  context: KdcContext,
  request: TgsReq,
  reqBodyBytes: Uint8Array,
  now: number,
): HeaderTicket {
  const fail = (code: number, client?: EncTicketPart): never => {
    throw new KdcFailure(code, 'PROCESS_TGS', {
      ...(client === undefined ? {} : { client: { realm: client.crealm, name: client.cname } }),
    });
  };
  const paTgsReq = request.padata?.find((pa) => pa.padataType === PaDataType.tgsReq);
  if (paTgsReq === undefined) return fail(KdcErrorCode.KDC_ERR_PADATA_TYPE_NOSUPP);
  const apReq = guard(() => decodeApReq(paTgsReq.padataValue));
  if (apReq.apOptions & (ApOptions.useSessionKey | ApOptions.mutualRequired)) {
    fail(KdcErrorCode.KDC_ERR_POLICY);
  }

  const ticketServer = toPrincipal(apReq.ticket.sname, apReq.ticket.realm);
  const realm = context.database.realm;
  if (!isTgsPrincipal(ticketServer) || !samePrincipal(ticketServer, tgsPrincipal(realm))) {
    fail(KdcErrorCode.KDC_ERR_POLICY);
  }
  const krbtgt = context.database.get(tgsPrincipal(realm));
  const kvno = apReq.ticket.encPart.kvno;
  const tgsKey =
    krbtgt === undefined ? undefined : findKey(krbtgt, apReq.ticket.encPart.etype, kvno);
  if (tgsKey === undefined) return fail(KdcErrorCode.KRB_AP_ERR_BADKEYVER);
  const part = guard(() =>
    decodeEncTicketPart(decrypt(tgsKey.key, KEY_USAGE_TICKET, apReq.ticket.encPart.cipher)),
  );
  const sessionKey = guard(() => fromEncryptionKey(part.key));
  const authenticator = guard(
    () =>
      decodeAuthenticator(decrypt(sessionKey, KEY_USAGE_TGS_REQ_AUTH, apReq.authenticator.cipher)),
    part,
  );

  if (
    authenticator.crealm !== part.crealm ||
    !samePrincipal(
      toPrincipal(authenticator.cname, authenticator.crealm),
      toPrincipal(part.cname, part.crealm),
    )
  ) {
    fail(KdcErrorCode.KRB_AP_ERR_BADMATCH, part);
  }
  if (Math.abs(authenticator.ctime - now) > context.clockSkew) {
    fail(KdcErrorCode.KRB_AP_ERR_SKEW, part);
  }
  const starttime = part.starttime ?? part.authtime;
  if (starttime - context.clockSkew > now || (part.flags & TicketFlags.invalid) !== 0) {
    fail(KdcErrorCode.KRB_AP_ERR_TKT_NYV, part);
  }
  if (now - context.clockSkew > part.endtime) fail(KdcErrorCode.KRB_AP_ERR_TKT_EXPIRED, part);

  const cksum = authenticator.cksum;
  if (cksum === undefined) return fail(KdcErrorCode.KRB_AP_ERR_INAPP_CKSUM, part);
  const valid = guard(
    () =>
      verifyChecksum(
        sessionKey,
        KEY_USAGE_TGS_REQ_AUTH_CKSUM,
        reqBodyBytes,
        cksum.checksum,
        cksum.cksumtype,
      ),
    part,
  );
  if (!valid) fail(KdcErrorCode.KRB_AP_ERR_MODIFIED, part);

  const subkey = authenticator.subkey;
  const replyKey = subkey === undefined ? sessionKey : guard(() => fromEncryptionKey(subkey), part);
  const pac = tgsSubjectPac(part, ticketServer.components, tgsKey.key);
  return { part, replyKey, subkey: subkey !== undefined, pac };
}

/** Runs a decoding or crypto step, turning its error into MIT's protocol code. */
function guard<T>(step: () => T, client?: EncTicketPart): T {
  try {
    return step();
  } catch (error) {
    const minor =
      error instanceof KrbCryptoError
        ? error.code
        : typeof error === 'object' && error !== null && 'minor' in error
          ? Number(error.minor)
          : 0;
    throw new KdcFailure(protocolCode(minor), 'PROCESS_TGS', {
      ...(client === undefined ? {} : { client: { realm: client.crealm, name: client.cname } }),
    });
  }
}
