/**
 * RFC 4121 §4.2.6.1 MIC tokens, as MIT 1.20 makes and checks them (`k5sealv3.c`):
 *
 * ```
 * 04 04 | Flags | FF | FF FF FF FF | SND_SEQ | checksum(message | header)
 * ```
 *
 * The checksum is the key's mandatory checksum type under KG-USAGE-{INITIATOR,ACCEPTOR}-SIGN.
 *
 * @module
 */

import { timingSafeEqual } from 'node:crypto';
import { GSS_S_BAD_SIG, GSS_S_DEFECTIVE_TOKEN } from '../../../spec/status.js';
import { makeChecksum } from '../../crypto/index.js';
import { KRB5_BAD_ENCTYPE, KRB5_BAD_MSIZE } from '../../errors/index.js';
import { type CfxKeys, sendingFlags, sendingKey } from './cfx-keys.js';
import { concat } from './concat.js';
import { tokenKeyUsage } from './key-usage.js';
import { openPeerToken } from './peer-token.js';
import {
  FILLER,
  readSndSeq,
  readUint16,
  TOK_ID_MIC,
  TOKEN_HEADER_LENGTH,
  writeTokenHeader,
} from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

/** A MIC token whose checksum matched: its SND_SEQ, for the sequence window. */
export interface CheckedToken {
  readonly ok: true;
  /** High word of SND_SEQ. */
  readonly seqHi: number;
  /** Low word of SND_SEQ. */
  readonly seqLo: number;
}

/**
 * Makes a MIC token.
 *
 * @param keys the sender's keys.
 * @param message the message the MIC covers.
 * @param sndSeq the sender's sequence number for this token.
 */
export function makeMicToken(keys: CfxKeys, message: Uint8Array, sndSeq: bigint): Uint8Array {
  const key = sendingKey(keys);
  const header = new Uint8Array(TOKEN_HEADER_LENGTH);
  writeTokenHeader(header, 0, {
    tokId: TOK_ID_MIC,
    flags: sendingFlags(keys),
    ec: 0,
    rrc: 0,
    sndSeq,
  });

  const checksum = makeChecksum(key, tokenKeyUsage('mic', keys.initiator), concat(message, header));

  const token = new Uint8Array(TOKEN_HEADER_LENGTH + checksum.length);
  token.set(header);
  token.set(checksum, TOKEN_HEADER_LENGTH);
  return token;
}

/**
 * Checks a received MIC token against its message, failing as MIT does: a wrong TOK_ID, a
 * Filler or EC/RRC octet other than FF is DEFECTIVE_TOKEN (minor 0); a checksum of the wrong
 * length BAD_SIG with KRB5_BAD_MSIZE; a checksum that does not match BAD_SIG (minor 0).
 *
 * @param keys the receiver's keys.
 * @param message the message the MIC should cover.
 * @param body the token from TOK_ID on.
 */
export function checkMicToken(
  keys: CfxKeys,
  message: Uint8Array,
  body: Uint8Array,
): CheckedToken | TokenFailure {
  const peer = openPeerToken(keys, body, 'mic');
  if (!peer.ok) return peer;

  if (readUint16(body, 0) !== TOK_ID_MIC || body[3] !== FILLER) {
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  for (let index = 4; index < 8; index++) {
    if (body[index] !== FILLER) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  const header = body.subarray(0, TOKEN_HEADER_LENGTH);
  const checksum = body.subarray(TOKEN_HEADER_LENGTH);

  if (!peer.checksumUsable) return failure(GSS_S_BAD_SIG, KRB5_BAD_ENCTYPE);
  // krb5_k_verify_checksum: a checksum of another length than the type's is KRB5_BAD_MSIZE.
  const expected = makeChecksum(peer.key, peer.usage, concat(message, header));
  if (expected.length !== checksum.length) return failure(GSS_S_BAD_SIG, KRB5_BAD_MSIZE);
  if (!timingSafeEqual(expected, checksum)) return failure(GSS_S_BAD_SIG, 0);

  const [seqHi, seqLo] = readSndSeq(header);
  return { ok: true, seqHi, seqLo };
}
