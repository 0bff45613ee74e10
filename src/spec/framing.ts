/**
 * The mechanism-independent framing of initial context tokens (RFC 2743 §3.1): a DER
 * `[APPLICATION 0]` wrapper holding the mechanism's OID and then the mechanism's own token.
 *
 * ```
 * 60 <DER length> 06 <OID length> <OID contents> <innerToken>
 * ```
 *
 * @module
 */

import { OID } from './oid.js';
import { MechType } from './oids.js';

/** The tag of the framing, `[APPLICATION 0]` constructed. */
export const INITIAL_CONTEXT_TOKEN_TAG = 0x60;

/** A framed initial context token, taken apart. */
export interface InitialContextToken {
  /** The mechanism the token is for (`thisMech`). */
  readonly mech: OID;
  /** The mechanism's own token (`innerContextToken`). */
  readonly innerToken: Uint8Array;
}

/**
 * Frames a mechanism's initial token with its OID.
 * @throws {TypeError} when `mech` is not an OID or `innerToken` not a Uint8Array.
 */
export function frameInitialContextToken(mech: OID, innerToken: Uint8Array): Uint8Array {
  if (!(mech instanceof OID)) throw new TypeError('frameInitialContextToken: mech is an OID');
  if (!(innerToken instanceof Uint8Array)) {
    throw new TypeError('frameInitialContextToken: innerToken is a Uint8Array');
  }
  const oid = mech.bytes;
  const body = Uint8Array.of(0x06, ...derLength(oid.length), ...oid);
  const length = derLength(body.length + innerToken.length);
  const token = new Uint8Array(1 + length.length + body.length + innerToken.length);

  token[0] = INITIAL_CONTEXT_TOKEN_TAG;
  token.set(length, 1);
  token.set(body, 1 + length.length);
  token.set(innerToken, 1 + length.length + body.length);
  return token;
}

/**
 * Takes a framed initial context token apart, or returns null when `token` is not one: a
 * wrong tag, a length that is not minimal DER or does not match the token's size, a missing
 * or malformed OID. Never throws for malformed bytes.
 */
export function parseInitialContextToken(token: Uint8Array): InitialContextToken | null {
  return readFramedToken(token, true);
}

/**
 * Takes a framed initial context token apart as MIT krb5 1.20 reads one (the mechglue's
 * `gssint_get_mech_type` and the krb5 mechanism's token header check): the outer length must
 * be readable but its value is not held against the token's size, so the inner token is
 * everything after the OID. Measured: MIT accepts a length 13 short of or larger than the
 * token. Null for a wrong tag, an unreadable length or a missing or malformed OID.
 */
export function readInitialContextToken(token: Uint8Array): InitialContextToken | null {
  return readFramedToken(token, false);
}

function readFramedToken(token: Uint8Array, exactLength: boolean): InitialContextToken | null {
  if (token[0] !== INITIAL_CONTEXT_TOKEN_TAG) return null;
  const outer = readDerLength(token, 1);
  if (outer === null) return null;
  if (exactLength && outer.end + outer.length !== token.length) return null;
  if (token[outer.end] !== 0x06) return null;
  const oid = readDerLength(token, outer.end + 1);
  if (oid === null || oid.length === 0 || oid.end + oid.length > token.length) return null;

  let mech: OID;
  try {
    mech = OID.fromBytes(token.subarray(oid.end, oid.end + oid.length));
  } catch {
    return null;
  }
  return { mech, innerToken: token.slice(oid.end + oid.length) };
}

/** DER definite length octets (X.690 §8.1.3), minimal form. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

/** Reads DER definite length octets at `offset`; null when truncated or not minimal. */
function readDerLength(bytes: Uint8Array, offset: number): { length: number; end: number } | null {
  const first = bytes[offset];
  if (first === undefined) return null;
  if (first < 0x80) return { length: first, end: offset + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 1 + count > bytes.length) return null;
  let length = 0;
  for (let index = 1; index <= count; index++) length = length * 256 + (bytes[offset + index] ?? 0);
  if (length < 0x80 || bytes[offset + 1] === 0) return null;
  return { length, end: offset + 1 + count };
}

const NTLMSSP_SIGNATURE = Uint8Array.of(0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00);

/**
 * The mechanism an acceptor's first token is for, chosen as MIT's mechglue chooses it
 * (`gssint_get_mech_type`): an NTLMSSP message is NTLM, a raw AP-REQ (`[APPLICATION 14]`,
 * first octet 0x6E) is krb5, an empty token is SPNEGO, and anything else must carry the
 * RFC 2743 framing; null when it does not.
 */
export function mechOfAcceptorToken(token: Uint8Array): OID | null {
  if (NTLMSSP_SIGNATURE.every((byte, index) => token[index] === byte)) return MechType.ntlmssp;
  if (token[0] === 0x6e) return MechType.kerberos;
  if (token.length === 0) return MechType.spnego;
  return readInitialContextToken(token)?.mech ?? null;
}
