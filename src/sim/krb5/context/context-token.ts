/**
 * The TOK_IDs of RFC 4121 §4.1 context tokens, and their framing: an initial token is wrapped
 * in RFC 2743 §3.1's `[APPLICATION 0]` with the krb5 OID, the acceptor's reply carries the
 * same header (as MIT's `g_make_token_header` writes it), each followed by the TOK_ID.
 *
 * @module
 */

import { frameInitialContextToken, readInitialContextToken } from '../../../spec/framing.js';
import { MechType } from '../../../spec/oids.js';

/** TOK_ID of a token holding a KRB_AP_REQ. */
export const TOK_ID_AP_REQ = 0x0100;
/** TOK_ID of a token holding a KRB_AP_REP. */
export const TOK_ID_AP_REP = 0x0200;
/** TOK_ID of a token holding a KRB_ERROR. */
export const TOK_ID_KRB_ERROR = 0x0300;

/** Frames a Kerberos message as a krb5 context token with `tokId`. */
export function frameContextToken(tokId: number, message: Uint8Array): Uint8Array {
  const inner = new Uint8Array(2 + message.length);
  inner[0] = tokId >>> 8;
  inner[1] = tokId & 0xff;
  inner.set(message, 2);
  return frameInitialContextToken(MechType.kerberos, inner);
}

/** A framed krb5 context token, taken apart. */
export interface ContextToken {
  /** The TOK_ID, or null when the token ends before one. */
  readonly tokId: number | null;
  /** The Kerberos message after it. */
  readonly message: Uint8Array;
}

/**
 * Takes a krb5 context token apart as MIT 1.20 does (the outer length is not checked against
 * the token's size: see `readInitialContextToken`); null when the framing or the mechanism is
 * not krb5's.
 */
export function parseContextToken(token: Uint8Array): ContextToken | null {
  const parsed = readInitialContextToken(token);
  if (parsed === null || !parsed.mech.equals(MechType.kerberos)) return null;
  const inner = parsed.innerToken;
  if (inner.length < 2) return { tokId: null, message: inner };

  return { tokId: ((inner[0] ?? 0) << 8) | (inner[1] ?? 0), message: inner.subarray(2) };
}
