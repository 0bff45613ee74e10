/**
 * Decoded fields of the messages that carry a ticket (RFC 4120 §5.3, §5.5): Ticket, AP-REQ
 * with its Authenticator, and AP-REP. Only the clear fields are shown, unless the trace was
 * asked for keys: then the ticket is opened with its service's key from the principal
 * database, and its session key opens the authenticator.
 *
 * @module
 */

import { decrypt, KeyBlock } from '../crypto/index.js';
import { findKey, type PrincipalDatabase } from '../kdc/index.js';
import { unparseKrbPrincipal } from '../krb5/client/index.js';
import { type ApRep, decodeApRep } from '../krb5/messages/ap-rep.js';
import { type ApReq, decodeApReq, decodeAuthenticator } from '../krb5/messages/ap-req.js';
import type { Checksum, EncryptedData, EncryptionKey } from '../krb5/messages/encryption.js';
import { ApOptions, TicketFlags } from '../krb5/messages/flags.js';
import { decodeEncTicketPart, type Ticket } from '../krb5/messages/ticket.js';
import {
  attempt,
  type DecodedFields,
  type DecodedValue,
  enctypeName,
  hex,
  kerberosFlagNames,
  principalText,
  timeText,
} from './trace-fields.js';

/** RFC 4120 §7.5.1 key usages. */
const KEY_USAGE_TICKET = 2;
/** The authenticator of a PA-TGS-REQ. */
export const KEY_USAGE_TGS_REQ_AUTHENTICATOR = 7;
/** The authenticator of an AP-REQ. */
export const KEY_USAGE_AP_REQ_AUTHENTICATOR = 11;

/** The 0x8003 checksum of RFC 4121 §4.1.1. */
const CKSUMTYPE_GSS = 0x8003;

/** The GSS-API flags of the 0x8003 checksum, by their C names (RFC 2744 §3.9.2, RFC 4757). */
const GSS_FLAGS: readonly (readonly [number, string])[] = [
  [0x1, 'GSS_C_DELEG_FLAG'],
  [0x2, 'GSS_C_MUTUAL_FLAG'],
  [0x4, 'GSS_C_REPLAY_FLAG'],
  [0x8, 'GSS_C_SEQUENCE_FLAG'],
  [0x10, 'GSS_C_CONF_FLAG'],
  [0x20, 'GSS_C_INTEG_FLAG'],
  [0x40, 'GSS_C_ANON_FLAG'],
  [0x1000, 'GSS_C_DCE_STYLE'],
  [0x2000, 'GSS_C_IDENTIFY_FLAG'],
  [0x4000, 'GSS_C_EXTENDED_ERROR_FLAG'],
  [0x8000, 'GSS_C_DELEG_POLICY_FLAG'],
];

/**
 * How far decoding may go: with a database (given only when keys were asked for), tickets
 * are opened and key octets shown; without one, nothing is decrypted.
 */
export interface KeyAccess {
  readonly database: PrincipalDatabase | null;
}

/** EncryptedData: etype, kvno and the ciphertext's length, never the ciphertext. */
export function encryptedFields(data: EncryptedData): DecodedFields {
  return {
    etype: enctypeName(data.etype),
    ...(data.kvno === undefined ? {} : { kvno: data.kvno }),
    length: data.cipher.length,
  };
}

/** A Ticket's clear fields and, with keys, its `EncTicketPart` decrypted. */
export function ticketFields(ticket: Ticket, access: KeyAccess): DecodedFields {
  const fields: DecodedFields = {
    realm: ticket.realm,
    sname: principalText(ticket.sname),
    'enc-part': encryptedFields(ticket.encPart),
  };
  const { database } = access;
  if (database === null) return fields;
  return { ...fields, EncTicketPart: attempt(() => openTicket(ticket, database).fields) };
}

/**
 * An AP-REQ's fields; with keys, its `Authenticator` decrypted with the ticket's session key.
 */
export function apReqFields(apReq: ApReq, access: KeyAccess, usage: number): DecodedFields {
  const fields: DecodedFields = {
    'ap-options': kerberosFlagNames(ApOptions, apReq.apOptions),
    ticket: ticketFields(apReq.ticket, access),
    authenticator: encryptedFields(apReq.authenticator),
  };
  const { database } = access;
  if (database === null) return fields;
  const authenticator = attempt(() => {
    const { sessionKey } = openTicket(apReq.ticket, database);
    return authenticatorFields(decrypt(sessionKey, usage, apReq.authenticator.cipher));
  });
  return { ...fields, Authenticator: authenticator };
}

/** An AP-REQ from its DER octets. */
export function decodedApReq(bytes: Uint8Array, access: KeyAccess, usage: number): DecodedValue {
  return attempt(() => apReqFields(decodeApReq(bytes), access, usage));
}

/** An AP-REP from its DER octets: its enc-part is in the session key, which a trace lacks. */
export function decodedApRep(bytes: Uint8Array): DecodedValue {
  return attempt(() => {
    const apRep: ApRep = decodeApRep(bytes);
    return { 'enc-part': encryptedFields(apRep.encPart) };
  });
}

/** A ticket opened with its service's key from the database. */
function openTicket(
  ticket: Ticket,
  database: PrincipalDatabase,
): { readonly fields: DecodedFields; readonly sessionKey: KeyBlock } {
  const { etype, kvno, cipher } = ticket.encPart;
  const service = unparseKrbPrincipal({ realm: ticket.realm, name: ticket.sname });
  const entry = database.lookup(service);
  if (entry === undefined) throw new Error(`${service} is not in the database`);
  const key = findKey(entry, etype, kvno);
  if (key === undefined) {
    const version = kvno === undefined ? '' : ` kvno ${kvno}`;
    throw new Error(`${service} has no ${enctypeName(etype)} key${version} in the database`);
  }

  const part = decodeEncTicketPart(decrypt(key.key, KEY_USAGE_TICKET, cipher));
  const fields: DecodedFields = {
    flags: kerberosFlagNames(TicketFlags, part.flags),
    key: keyFields(part.key),
    crealm: part.crealm,
    cname: principalText(part.cname),
    authtime: timeText(part.authtime),
    ...(part.starttime === undefined ? {} : { starttime: timeText(part.starttime) }),
    endtime: timeText(part.endtime),
    ...(part.renewTill === undefined ? {} : { 'renew-till': timeText(part.renewTill) }),
    ...(part.authorizationData === undefined
      ? {}
      : { 'authorization-data': part.authorizationData.map((entry) => entry.adType) }),
  };
  return { fields, sessionKey: new KeyBlock(part.key.keytype, part.key.keyvalue) };
}

/** An Authenticator's fields (shown only when keys were asked for: it holds the subkey). */
function authenticatorFields(plaintext: Uint8Array): DecodedFields {
  const authenticator = decodeAuthenticator(plaintext);
  return {
    crealm: authenticator.crealm,
    cname: principalText(authenticator.cname),
    ...(authenticator.cksum === undefined ? {} : { cksum: checksumFields(authenticator.cksum) }),
    ctime: timeText(authenticator.ctime),
    cusec: authenticator.cusec,
    ...(authenticator.subkey === undefined ? {} : { subkey: keyFields(authenticator.subkey) }),
    ...(authenticator.seqNumber === undefined ? {} : { 'seq-number': authenticator.seqNumber }),
  };
}

/** An EncryptionKey with its octets: only reached when keys were asked for. */
function keyFields(key: EncryptionKey): DecodedFields {
  return { keytype: enctypeName(key.keytype), keyvalue: hex(key.keyvalue) };
}

/** A Checksum; the 0x8003 checksum of RFC 4121 §4.1.1 with its Lgth, Bnd and Flags. */
function checksumFields(cksum: Checksum): DecodedFields {
  const { cksumtype, checksum } = cksum;
  if (cksumtype !== CKSUMTYPE_GSS || checksum.length < 24) {
    return { cksumtype, length: checksum.length };
  }
  const view = new DataView(checksum.buffer, checksum.byteOffset, checksum.byteLength);
  const flags = view.getUint32(20, true);
  return {
    cksumtype: '0x8003 (GSS-API)',
    Lgth: view.getUint32(0, true),
    Bnd: hex(checksum.subarray(4, 20)),
    Flags: GSS_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name),
    ...(checksum.length > 24 ? { 'DlgOpt and Deleg length': checksum.length - 24 } : {}),
  };
}
