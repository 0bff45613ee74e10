/**
 * A whole RFC 4121 token in one STREAM buffer, unwrapped as MIT 1.20's `kg_unseal_stream_iov`
 * (`k5unsealiov.c`) does: the stream is rotated back by RRC in place, split into HEADER, DATA
 * and TRAILER views of itself, and checked by the HEADER path (`iov-unseal.ts`); its DATA view,
 * or a copy when the caller's DATA buffer is flagged ALLOCATE, becomes that buffer.
 *
 * @module
 */

import { IOVBufferType } from '../../../spec/flags.js';
import { GSS_S_DEFECTIVE_TOKEN } from '../../../spec/status.js';
import { enctypeProfile } from '../../crypto/index.js';
import { G_BAD_TOK_HEADER, KRB5_BAD_MSIZE } from '../../errors/index.js';
import type { CfxKeys } from './cfx-keys.js';
import { type IovSlot, locate, octets } from './iov-buffers.js';
import { type UnsealedIov, unsealIov } from './iov-unseal.js';
import { rotateLeft } from './rotate.js';
import { verifyTokenHeader } from './token-body.js';
import {
  FLAG_SEALED,
  RFC1964_TOK_IDS,
  readUint16,
  TOK_ID_DELETE,
  TOK_ID_MIC,
  TOK_ID_WRAP,
} from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

const TOKEN_HEADER = 16;

/**
 * Splits a STREAM buffer into a token's parts and checks it (`kg_unseal_stream_iov`); the
 * layout has been checked: one STREAM, one DATA, not a DCE-style context. On success the
 * caller's DATA slot is the plaintext, a view of the stream or an allocated copy.
 */
export function unsealStreamIov(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  options: { readonly mech: Uint8Array },
): UnsealedIov | TokenFailure {
  const stream = locate(slots, IOVBufferType.stream);
  const data = locate(slots, IOVBufferType.data);
  if (stream === null || data === null) throw new Error('unsealStreamIov: layout not checked');
  const bytes = octets(stream);

  const body = streamBody(bytes, options.mech);
  const framing = checkFraming(body);
  if (framing !== null) return framing;
  if (typeof body === 'number') throw new Error('unreachable: a bad wrapper fails the framing');
  const prefix = bytes.length - body.length;
  let headerLength = prefix + TOKEN_HEADER;
  const tokId = readUint16(body, 0);

  let trailerLength = 0;
  if (tokId === TOK_ID_MIC || tokId === TOK_ID_WRAP || tokId === TOK_ID_DELETE) {
    // The key of the context (the acceptor's subkey when there is one), whatever the Flags say.
    const profile = enctypeProfile((keys.acceptorSubkey ?? keys.ctxKey).enctype);
    const sealed = ((body[2] ?? 0) & FLAG_SEALED) !== 0;
    const ec = sealed ? readUint16(body, 4) : 0;
    const rrc = readUint16(body, 6);
    if (rrc !== 0) {
      // MIT rotates what follows the first 16 octets of the stream, wrapper or not.
      const rest = bytes.subarray(TOKEN_HEADER);
      rest.set(rotateLeft(rest, rrc));
      body.fill(0, 6, 8);
    }
    if (sealed) headerLength += profile.headerLength;
    trailerLength =
      ec + (sealed ? TOKEN_HEADER : 0) + (sealed ? profile.trailerLength : profile.checksumLength);
  } else if (RFC1964_TOK_IDS.includes(tokId)) {
    // MIT sizes an RFC 1964 token with the context's RFC 1964 key, which a CFX context lacks
    // (a NULL dereference there); the sim answers as the HEADER path does.
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  } else {
    return failure(GSS_S_DEFECTIVE_TOKEN, G_BAD_TOK_HEADER);
  }
  if (bytes.length < headerLength + trailerLength) {
    return failure(GSS_S_DEFECTIVE_TOKEN, KRB5_BAD_MSIZE);
  }

  const dataLength = bytes.length - trailerLength - headerLength;
  const dataView = bytes.subarray(headerLength, headerLength + dataLength);
  const split: IovSlot[] = [view(IOVBufferType.header, bytes.subarray(0, headerLength))];
  const tdata: IovSlot = {
    type: IOVBufferType.data,
    allocate: data.allocate,
    memory: data.allocate ? Uint8Array.from(dataView) : dataView,
    length: dataLength,
    allocated: data.allocate,
  };
  for (const slot of slots) {
    if (slot === data) split.push(tdata);
    else if (slot.type === IOVBufferType.signOnly) split.push(slot);
  }
  split.push(emptySlot(IOVBufferType.padding));
  split.push(view(IOVBufferType.trailer, bytes.subarray(bytes.length - trailerLength)));

  const result = unsealIov(keys, split, { kind: 'wrap', dceStyle: false, mech: options.mech });
  if (result.ok) {
    data.memory = tdata.memory;
    data.length = tdata.length;
    data.allocated = tdata.allocated;
  }
  return result;
}

/**
 * The checks `kg_unseal_stream_iov` makes on the stream before it looks at the other buffers:
 * a wrapper, a token ID, a whole 16-octet header. MIT makes them before it counts the DATA
 * buffers, so a stream that fails them gets their status even when the layout is refused
 * ("a single DATA buffer must be present"). Returns null when the stream passes.
 */
export function streamFramingFailure(stream: Uint8Array, mech: Uint8Array): TokenFailure | null {
  return checkFraming(streamBody(stream, mech));
}

function checkFraming(body: Uint8Array | number): TokenFailure | null {
  if (typeof body === 'number') return failure(GSS_S_DEFECTIVE_TOKEN, body);
  if (body.length < 2) return failure(GSS_S_DEFECTIVE_TOKEN, G_BAD_TOK_HEADER);
  if (body.length - 2 < 14) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  return null;
}

/** `g_verify_token_header` with no token type: the token after an optional wrapper. */
function streamBody(token: Uint8Array, mech: Uint8Array): Uint8Array | number {
  if (token.length < 1) return G_BAD_TOK_HEADER;
  return token[0] === 0x60 ? verifyTokenHeader(token, mech) : token;
}

function view(type: IOVBufferType, bytes: Uint8Array): IovSlot {
  return { type, allocate: false, memory: bytes, length: bytes.length, allocated: false };
}

function emptySlot(type: IOVBufferType): IovSlot {
  return { type, allocate: false, memory: null, length: 0, allocated: false };
}
