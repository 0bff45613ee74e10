/**
 * The first steps of MIT's `kg_unseal` for a received MIC or Wrap token: an optional RFC 2743
 * §3.1 wrapper (`g_verify_token_header` with no token type, wrapper not required), then the
 * token ID, which picks RFC 4121 or RFC 1964 processing.
 *
 * RFC 4121 tokens have no wrapper, but MIT still accepts one whose mechanism OID is the
 * context's, so a token starting with 0x60 is read as wrapped.
 *
 * @module
 */

import { GSS_S_DEFECTIVE_TOKEN } from '../../../spec/status.js';
import { G_BAD_TOK_HEADER, G_WRONG_MECH } from '../../errors/index.js';
import {
  RFC1964_TOK_IDS,
  readUint16,
  TOK_ID_DELETE,
  TOK_ID_MIC,
  TOK_ID_WRAP,
} from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

/** A token whose ID is an RFC 4121 one, from its TOK_ID on. */
export interface TokenBody {
  readonly ok: true;
  /** The token from TOK_ID to its end (a view of the input, never written to). */
  readonly body: Uint8Array;
}

const WRAPPER_TAG = 0x60;
const OID_TAG = 0x06;

/**
 * Finds the RFC 4121 token in a received token, failing as MIT does: a bad wrapper or one
 * shorter than a token ID gives DEFECTIVE_TOKEN with G_BAD_TOK_HEADER, another mechanism's
 * OID G_WRONG_MECH; an RFC 1964 token ID DEFECTIVE_TOKEN with minor 0 (an AES context has no
 * RFC 1964 keys); any other token ID G_BAD_TOK_HEADER.
 *
 * @param token the received token, not empty.
 * @param mech the DER contents of the context's mechanism OID (MIT `ctx->mech_used`).
 */
export function tokenBody(token: Uint8Array, mech: Uint8Array): TokenBody | TokenFailure {
  const body = token[0] === WRAPPER_TAG ? unwrapHeader(token, mech) : token;
  if (!(body instanceof Uint8Array)) return body;

  if (body.length < 2) return failure(GSS_S_DEFECTIVE_TOKEN, G_BAD_TOK_HEADER);
  const tokId = readUint16(body, 0);
  if (tokId === TOK_ID_MIC || tokId === TOK_ID_WRAP || tokId === TOK_ID_DELETE) {
    return { ok: true, body };
  }
  if (RFC1964_TOK_IDS.includes(tokId)) return failure(GSS_S_DEFECTIVE_TOKEN, 0);

  return failure(GSS_S_DEFECTIVE_TOKEN, G_BAD_TOK_HEADER);
}

/**
 * `g_verify_token_header` past the 0x60 tag: length, OID tag, OID, nothing else. Returns the
 * token after the OID, or MIT's minor status for the failure (G_BAD_TOK_HEADER, G_WRONG_MECH).
 */
export function verifyTokenHeader(token: Uint8Array, mech: Uint8Array): Uint8Array | number {
  let offset = 1;
  let remaining = token.length - 1;

  // der_read_length: at most four length octets held in a C int, and at least one octet left
  // after them; the length must then be exactly what remains.
  if (remaining < 1) return G_BAD_TOK_HEADER;
  const first = token[offset++] ?? 0;
  remaining--;
  let length = first;
  if ((first & 0x80) !== 0) {
    const count = first & 0x7f;
    if (count > remaining - 1 || count > 4) return G_BAD_TOK_HEADER;
    length = 0;
    for (let index = 0; index < count; index++) length = (length << 8) | (token[offset++] ?? 0) | 0;
    remaining -= count;
  }
  if (length < 0 || length !== remaining) return G_BAD_TOK_HEADER;

  if (remaining < 1 || token[offset++] !== OID_TAG) return G_BAD_TOK_HEADER;
  remaining--;
  if (remaining < 1) return G_BAD_TOK_HEADER;
  const oidLength = token[offset++] ?? 0;
  remaining--;
  if (remaining < oidLength) return G_BAD_TOK_HEADER;
  const oid = token.subarray(offset, offset + oidLength);
  if (!sameOctets(oid, mech)) return G_WRONG_MECH;

  return token.subarray(offset + oidLength);
}

/** {@link verifyTokenHeader}, its failures as DEFECTIVE_TOKEN with the minor status. */
function unwrapHeader(token: Uint8Array, mech: Uint8Array): Uint8Array | TokenFailure {
  const body = verifyTokenHeader(token, mech);
  return typeof body === 'number' ? failure(GSS_S_DEFECTIVE_TOKEN, body) : body;
}

function sameOctets(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;

  return true;
}
