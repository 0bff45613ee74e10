/**
 * Decoded fields of the KDC exchanges (RFC 4120 §5.4, §5.9.1): AS-REQ and TGS-REQ with their
 * pre-authentication data, AS-REP and TGS-REP, and KRB-ERROR, told apart by their APPLICATION
 * tag as a KDC tells them apart.
 *
 * @module
 */

import { KdcOptions } from '../krb5/messages/flags.js';
import { decodeAsRep, decodeTgsRep, type KdcRep } from '../krb5/messages/kdc-rep.js';
import { decodeAsReq, decodeTgsReq, type KdcReq } from '../krb5/messages/kdc-req.js';
import { decodeKrbError, type KrbError } from '../krb5/messages/krb-error.js';
import { MessageType } from '../krb5/messages/message-type.js';
import {
  decodeEtypeInfo2,
  decodeMethodData,
  type PaData,
  PaDataType,
} from '../krb5/messages/pa-data.js';
import {
  decodedApReq,
  encryptedFields,
  KEY_USAGE_TGS_REQ_AUTHENTICATOR,
  type KeyAccess,
  ticketFields,
} from './trace-ap.js';
import {
  attempt,
  type DecodedFields,
  type DecodedValue,
  enctypeName,
  hex,
  kerberosFlagNames,
  krbErrorCodeName,
  krbErrorText,
  padataTypeName,
  principalText,
  timeText,
} from './trace-fields.js';

/** The first octet of each message: its APPLICATION tag, constructed (0x60 | tag). */
const APPLICATION = 0x60;

/** A KDC request or reply from its octets, named by its tag; `{ error }` for anything else. */
export function decodedKdcMessage(bytes: Uint8Array, access: KeyAccess): DecodedValue {
  return attempt(() => {
    if (bytes.length === 0) return { error: 'no octets' };
    const tag = (bytes[0] ?? 0) - APPLICATION;
    switch (tag) {
      case MessageType.asReq:
        return { message: 'AS-REQ', ...kdcReqFields(decodeAsReq(bytes), access) };
      case MessageType.tgsReq:
        return { message: 'TGS-REQ', ...kdcReqFields(decodeTgsReq(bytes), access) };
      case MessageType.asRep:
        return { message: 'AS-REP', ...kdcRepFields(decodeAsRep(bytes), access) };
      case MessageType.tgsRep:
        return { message: 'TGS-REP', ...kdcRepFields(decodeTgsRep(bytes), access) };
      case MessageType.error:
        return { message: 'KRB-ERROR', ...krbErrorFields(decodeKrbError(bytes)) };
      default:
        return { error: `not a KDC message: first octet 0x${hex(bytes.subarray(0, 1))}` };
    }
  });
}

/** A KRB-ERROR from its octets. */
export function decodedKrbError(bytes: Uint8Array): DecodedValue {
  return attempt(() => krbErrorFields(decodeKrbError(bytes)));
}

function kdcReqFields(request: KdcReq, access: KeyAccess): DecodedFields {
  const body = request.reqBody;
  return {
    'msg-type': request.msgType,
    ...(request.padata === undefined ? {} : { padata: padataList(request.padata, access) }),
    'kdc-options': kerberosFlagNames(KdcOptions, body.kdcOptions),
    ...(body.cname === undefined ? {} : { cname: principalText(body.cname) }),
    realm: body.realm,
    ...(body.sname === undefined ? {} : { sname: principalText(body.sname) }),
    ...(body.from === undefined ? {} : { from: timeText(body.from) }),
    till: timeText(body.till),
    ...(body.rtime === undefined ? {} : { rtime: timeText(body.rtime) }),
    nonce: body.nonce,
    etype: body.etype.map(enctypeName),
    ...(body.additionalTickets === undefined
      ? {}
      : { 'additional-tickets': body.additionalTickets.map((t) => ticketFields(t, access)) }),
  };
}

function kdcRepFields(reply: KdcRep, access: KeyAccess): DecodedFields {
  return {
    'msg-type': reply.msgType,
    ...(reply.padata === undefined ? {} : { padata: padataList(reply.padata, access) }),
    crealm: reply.crealm,
    cname: principalText(reply.cname),
    ticket: ticketFields(reply.ticket, access),
    'enc-part': encryptedFields(reply.encPart),
  };
}

function krbErrorFields(error: KrbError): DecodedFields {
  return {
    'error-code': error.errorCode,
    name: krbErrorCodeName(error.errorCode),
    text: krbErrorText(error.errorCode),
    ...(error.eText === undefined ? {} : { 'e-text': error.eText }),
    stime: timeText(error.stime),
    ...(error.crealm === undefined ? {} : { crealm: error.crealm }),
    ...(error.cname === undefined ? {} : { cname: principalText(error.cname) }),
    realm: error.realm,
    sname: principalText(error.sname),
    ...(error.eData === undefined ? {} : { 'e-data': errorData(error.eData) }),
  };
}

/** e-data: METHOD-DATA when it reads as one (KDC_ERR_PREAUTH_REQUIRED), else its length. */
function errorData(eData: Uint8Array): DecodedValue {
  try {
    return padataList(decodeMethodData(eData), { database: null });
  } catch {
    return { length: eData.length };
  }
}

/** PA-DATA entries by type, with what the trace can show of their values. */
function padataList(padata: readonly PaData[], access: KeyAccess): DecodedValue[] {
  return padata.map(({ padataType, padataValue }): DecodedFields => {
    const entry = { 'padata-type': padataTypeName(padataType), length: padataValue.length };
    switch (padataType) {
      case PaDataType.tgsReq:
        return {
          ...entry,
          'AP-REQ': decodedApReq(padataValue, access, KEY_USAGE_TGS_REQ_AUTHENTICATOR),
        };
      case PaDataType.etypeInfo2:
        return { ...entry, entries: attempt(() => etypeInfo2Entries(padataValue)) };
      default:
        return entry;
    }
  });
}

function etypeInfo2Entries(value: Uint8Array): DecodedValue[] {
  return decodeEtypeInfo2(value).map(
    (info): DecodedFields => ({
      etype: enctypeName(info.etype),
      ...(info.salt === undefined ? {} : { salt: info.salt }),
      ...(info.s2kparams === undefined ? {} : { s2kparams: hex(info.s2kparams) }),
    }),
  );
}
