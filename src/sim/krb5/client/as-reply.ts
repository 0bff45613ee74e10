/**
 * The checks MIT's client makes of a decrypted AS-REP (`get_in_tkt.c`): the enctype was asked
 * for (`check_reply_enctype`), the RFC 6806 checksum of the request is right when the KDC says
 * it sent one (`krb5int_fast_verify_nego`), and the reply matches the request
 * (`verify_as_reply`).
 *
 * @module
 */

import type { KerberosTimestamp } from '../../clock.js';
import { type KeyBlock, verifyChecksum } from '../../crypto/index.js';
import { code } from '../../errors/index.js';
import { decodeChecksum } from '../messages/encryption.js';
import { KdcOptions, TicketFlags } from '../messages/flags.js';
import type { EncKdcRepPart, KdcRep } from '../messages/kdc-rep.js';
import type { KdcReqBody } from '../messages/kdc-req.js';
import { PaDataType } from '../messages/pa-data.js';
import { NameType } from '../messages/principal-name.js';
import { DEFAULT_CLIENT_CLOCK_SKEW } from './defaults.js';
import { guarded, plainKrb5Error } from './krb5-error.js';
import { isTgsName, type KrbPrincipal, samePrincipal } from './principal.js';
import type { TimeOffset } from './time-offset.js';

/** Key usage of the PA-REQ-ENC-PA-REP checksum (RFC 6806 §11, `KRB5_KEYUSAGE_AS_REQ`). */
const KEY_USAGE_AS_REQ = 56;

/**
 * `check_reply_enctype`: the reply's enc-part enctype is one the request listed.
 * @throws {Krb5Error} KRB5_CONFIG_ETYPE_NOSUPP otherwise.
 */
export function checkReplyEnctype(reply: KdcRep, body: KdcReqBody): void {
  if (!body.etype.includes(reply.encPart.etype)) {
    throw plainKrb5Error(code('KRB5_CONFIG_ETYPE_NOSUPP'));
  }
}

/**
 * `krb5int_fast_verify_nego`: when the ticket flags say enc-pa-rep, the encrypted padata must
 * hold PA-REQ-ENC-PA-REP, the checksum of the whole request in the reply key (usage 56).
 * @returns whether the KDC offered FAST (PA-FX-FAST in the encrypted padata).
 * @throws {Krb5Error} KRB5_KDCREP_MODIFIED when it is missing or wrong.
 */
export function verifyEncPaRep(part: EncKdcRepPart, request: Uint8Array, key: KeyBlock): boolean {
  if ((part.flags & TicketFlags.encPaRep) === 0) return false;

  const padata = part.encryptedPaData ?? [];
  const pa = padata.find(({ padataType }) => padataType === PaDataType.reqEncPaRep);
  if (pa === undefined) throw plainKrb5Error(code('KRB5_KDCREP_MODIFIED'));
  const checksum = guarded(() => decodeChecksum(pa.padataValue));
  const valid = guarded(() =>
    verifyChecksum(key, KEY_USAGE_AS_REQ, request, checksum.checksum, checksum.cksumtype),
  );
  if (!valid) throw plainKrb5Error(code('KRB5_KDCREP_MODIFIED'));

  return padata.some(({ padataType }) => padataType === PaDataType.fxFast);
}

/** What {@link verifyAsReply} compares the reply with. */
export interface AsRequestSent {
  readonly body: KdcReqBody;
  readonly client: KrbPrincipal;
  readonly server: KrbPrincipal;
  /** The local time the request was sent (`time(NULL)`, without any offset). */
  readonly time: KerberosTimestamp;
}

/**
 * `verify_as_reply`: the server (or, when canonicalization was asked, a TGS for a TGS), the
 * client, the ticket's server, the nonce, and the times are those asked for; then with
 * `kdc_timesync` the offset of the KDC's authtime from the local time is learned, and without
 * it the start time must be within the clock skew.
 * @returns the new time offset with `kdc_timesync`, `undefined` without.
 * @throws {Krb5Error} KRB5_KDCREP_MODIFIED for a mismatch, KRB5_KDCREP_SKEW for a skew.
 */
export function verifyAsReply(
  sent: AsRequestSent,
  reply: KdcRep,
  part: EncKdcRepPart,
  kdcTimesync: boolean,
): TimeOffset | undefined {
  const { body } = sent;
  const starttime = part.starttime ?? part.authtime;
  const replyServer: KrbPrincipal = { realm: part.srealm, name: part.sname };
  const ticketServer: KrbPrincipal = { realm: reply.ticket.realm, name: reply.ticket.sname };
  const replyClient: KrbPrincipal = { realm: reply.crealm, name: reply.cname };
  const canonRequested =
    (body.kdcOptions & (KdcOptions.canonicalize | KdcOptions.requestAnonymous)) !== 0 ||
    sent.client.name.nameType === NameType.enterprise;
  const canonOk = canonRequested && isTgsName(sent.server) && isTgsName(replyServer);
  const renewable = (body.kdcOptions & KdcOptions.renewable) !== 0;
  const renewTill = part.renewTill ?? 0;

  const modified =
    (!canonOk && !samePrincipal(replyServer, sent.server)) ||
    (!canonRequested && !samePrincipal(replyClient, sent.client)) ||
    !samePrincipal(replyServer, ticketServer) ||
    body.nonce !== part.nonce ||
    ((body.kdcOptions & KdcOptions.postdated) !== 0 &&
      body.from !== undefined &&
      body.from !== 0 &&
      body.from !== starttime) ||
    (body.till !== 0 && part.endtime > body.till) ||
    (renewable && body.rtime !== undefined && body.rtime !== 0 && renewTill > body.rtime) ||
    ((body.kdcOptions & KdcOptions.renewableOk) !== 0 &&
      !renewable &&
      (part.flags & KdcOptions.renewable) !== 0 &&
      body.till !== 0 &&
      renewTill > body.till);
  if (modified) throw plainKrb5Error(code('KRB5_KDCREP_MODIFIED'));

  if (kdcTimesync) return { seconds: part.authtime - sent.time.seconds, microseconds: 0 };
  if (
    (body.from === undefined || body.from === 0) &&
    Math.abs(starttime - sent.time.seconds) > DEFAULT_CLIENT_CLOCK_SKEW
  ) {
    throw plainKrb5Error(code('KRB5_KDCREP_SKEW'));
  }
  return undefined;
}
