/**
 * Decoded fields of the tokens parties exchange: RFC 4121 §4.1 context tokens in their
 * RFC 2743 §3.1 framing (or raw, DCE style), and the RFC 4121 §4.2.6 MIC and Wrap tokens'
 * headers. Told apart by their first octets, as MIT's mechanism tells them apart.
 *
 * @module
 */

import { readInitialContextToken } from '../../spec/framing.js';
import { MechType } from '../../spec/oids.js';
import { TOK_ID_AP_REP, TOK_ID_AP_REQ, TOK_ID_KRB_ERROR } from '../krb5/context/context-token.js';
import {
  FLAG_ACCEPTOR_SUBKEY,
  FLAG_SEALED,
  FLAG_SENT_BY_ACCEPTOR,
  TOK_ID_DELETE,
  TOK_ID_MIC,
  TOK_ID_WRAP,
  TOKEN_HEADER_LENGTH,
} from '../krb5/tokens/token-header.js';
import {
  decodedApRep,
  decodedApReq,
  KEY_USAGE_AP_REQ_AUTHENTICATOR,
  type KeyAccess,
} from './trace-ap.js';
import { attempt, type DecodedFields, type DecodedValue, hex } from './trace-fields.js';
import { decodedKrbError } from './trace-kdc.js';

/** The first octets of raw (DCE-style) messages: their APPLICATION tags. */
const RAW_AP_REQ = 0x6e;
const RAW_AP_REP = 0x6f;
const RAW_KRB_ERROR = 0x7e;
/** The tag of RFC 2743 framing. */
const FRAMED = 0x60;

/** The RFC 1964 token IDs, which the sim never sends. */
const RFC1964_TOK_IDS: Readonly<Record<number, string>> = {
  257: 'RFC 1964 MIC',
  513: 'RFC 1964 Wrap',
  258: 'RFC 1964 context deletion',
};

/** The Flags bits of RFC 4121 §4.2.2 by their RFC names. */
const HEADER_FLAGS: readonly (readonly [number, string])[] = [
  [FLAG_SENT_BY_ACCEPTOR, 'SentByAcceptor'],
  [FLAG_SEALED, 'Sealed'],
  [FLAG_ACCEPTOR_SUBKEY, 'AcceptorSubkey'],
];

/** A token's fields; `{ error }` for what it cannot read. Never throws. */
export function decodedToken(token: Uint8Array, access: KeyAccess): DecodedValue {
  return attempt(() => {
    const first = token[0];
    if (first === FRAMED) return framedToken(token, access);
    if (first === RAW_AP_REQ) {
      return {
        framing: 'none (raw, DCE style)',
        'AP-REQ': decodedApReq(token, access, KEY_USAGE_AP_REQ_AUTHENTICATOR),
      };
    }
    if (first === RAW_AP_REP) {
      return { framing: 'none (raw, DCE style)', 'AP-REP': decodedApRep(token) };
    }
    if (first === RAW_KRB_ERROR) {
      return { framing: 'none (raw, DCE style)', 'KRB-ERROR': decodedKrbError(token) };
    }
    return perMessageToken(token);
  });
}

/** An initial context token: the framing, the TOK_ID and the Kerberos message after it. */
function framedToken(token: Uint8Array, access: KeyAccess): DecodedFields {
  const parsed = readInitialContextToken(token);
  if (parsed === null) return { error: 'an RFC 2743 framing without a readable length or OID' };
  const krb5 = parsed.mech.equals(MechType.kerberos);
  const framing = { mech: `${parsed.mech.dottedForm}${krb5 ? ' (krb5)' : ''}` };
  if (!krb5) return { framing, error: 'not a krb5 token' };
  const inner = parsed.innerToken;
  if (inner.length < 2) return { framing, error: 'the token ends before its TOK_ID' };

  const tokId = ((inner[0] ?? 0) << 8) | (inner[1] ?? 0);
  const message = inner.subarray(2);
  const id = (name: string) => `${name} (${octets(inner)})`;
  switch (tokId) {
    case TOK_ID_AP_REQ:
      return {
        framing,
        TOK_ID: id('KRB_AP_REQ'),
        'AP-REQ': decodedApReq(message, access, KEY_USAGE_AP_REQ_AUTHENTICATOR),
      };
    case TOK_ID_AP_REP:
      return { framing, TOK_ID: id('KRB_AP_REP'), 'AP-REP': decodedApRep(message) };
    case TOK_ID_KRB_ERROR:
      return { framing, TOK_ID: id('KRB_ERROR'), 'KRB-ERROR': decodedKrbError(message) };
    default:
      return { framing, TOK_ID: id('unknown'), error: 'not a TOK_ID of RFC 4121 §4.1' };
  }
}

/** An RFC 4121 §4.2.6 MIC or Wrap token: its header and the lengths of what follows. */
function perMessageToken(token: Uint8Array): DecodedFields {
  if (token.length < 2) return { error: `not a krb5 token: ${token.length} octets` };
  const tokId = ((token[0] ?? 0) << 8) | (token[1] ?? 0);
  const idHex = octets(token);
  const rfc1964 = RFC1964_TOK_IDS[tokId];
  if (rfc1964 !== undefined) {
    return { TOK_ID: `${rfc1964} (${idHex})`, error: 'RFC 1964 tokens are not decoded' };
  }
  const name =
    tokId === TOK_ID_MIC
      ? 'MIC'
      : tokId === TOK_ID_WRAP
        ? 'Wrap'
        : tokId === TOK_ID_DELETE
          ? 'context deletion'
          : undefined;
  if (name === undefined) return { error: `not a krb5 token: first octets ${idHex}` };
  const TOK_ID = `${name} (${idHex})`;
  if (token.length < TOKEN_HEADER_LENGTH) {
    return { TOK_ID, error: `the header takes 16 octets, the token has ${token.length}` };
  }

  const view = new DataView(token.buffer, token.byteOffset, token.byteLength);
  const flags = token[2] ?? 0;
  const body = token.length - TOKEN_HEADER_LENGTH;
  const SND_SEQ = view.getBigUint64(8).toString();
  if (tokId !== TOK_ID_WRAP) {
    return {
      TOK_ID,
      Flags: headerFlags(flags),
      Filler: hex(token.subarray(3, 8)),
      SND_SEQ,
      'token length': token.length,
      'SGN_CKSUM length': body,
    };
  }
  const EC = view.getUint16(4);
  const lengths =
    (flags & FLAG_SEALED) !== 0
      ? { 'encrypted length': body }
      : EC <= body
        ? { 'data length': body - EC, 'checksum length': EC }
        : { error: `EC ${EC} is longer than the ${body} octets after the header` };
  return {
    TOK_ID,
    Flags: headerFlags(flags),
    Filler: hex(token.subarray(3, 4)),
    EC,
    RRC: view.getUint16(6),
    SND_SEQ,
    'token length': token.length,
    ...lengths,
  };
}

function headerFlags(flags: number): string[] {
  const names = HEADER_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
  const unknown = flags & ~(FLAG_SENT_BY_ACCEPTOR | FLAG_SEALED | FLAG_ACCEPTOR_SUBKEY);
  return unknown === 0 ? names : [...names, `0x${unknown.toString(16).padStart(2, '0')}`];
}

/** The first two octets as RFC 4121 writes TOK_IDs: `05 04`. */
function octets(bytes: Uint8Array): string {
  return `${hex(bytes.subarray(0, 1))} ${hex(bytes.subarray(1, 2))}`;
}
