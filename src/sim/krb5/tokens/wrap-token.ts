/**
 * RFC 4121 §4.2.6.2 Wrap tokens, as MIT 1.20 makes and checks them with `gss_wrap` and
 * `gss_unwrap` (`k5sealv3.c`, with Debian's backport of the CVE-2024-37370/37371 fixes):
 *
 * ```
 * sealed:   05 04 | Flags|Sealed | FF | EC=0 | RRC=0 | SND_SEQ | E(message | header)
 * unsealed: 05 04 | Flags        | FF | EC=checksum length | RRC=0 | SND_SEQ | message | checksum
 * ```
 *
 * In the sealed form the encrypted header copy has RRC 0; in the unsealed form the checksum
 * covers `message | header` with EC and RRC 0. MIT's `gss_wrap` never pads (EC 0) and never
 * rotates (RRC 0); only its IOV calls do. A receiver rotates the data after the header back by
 * any RRC. The key usage is KG-USAGE-{INITIATOR,ACCEPTOR}-SEAL in both forms.
 *
 * @module
 */

import { timingSafeEqual } from 'node:crypto';
import { GSS_S_BAD_SIG, GSS_S_DEFECTIVE_TOKEN } from '../../../spec/status.js';
import {
  checksumProfile,
  decrypt,
  encryptAfter,
  enctypeProfile,
  type KeyBlock,
  KrbCryptoError,
  makeChecksum,
  type RandomBytes,
} from '../../crypto/index.js';
import { KRB5_BAD_ENCTYPE } from '../../errors/index.js';
import { type CfxKeys, sendingFlags, sendingKey } from './cfx-keys.js';
import { concat } from './concat.js';
import { tokenKeyUsage } from './key-usage.js';
import { openPeerToken } from './peer-token.js';
import { rotateLeft } from './rotate.js';
import {
  FILLER,
  FLAG_SEALED,
  readSndSeq,
  readUint16,
  TOK_ID_WRAP,
  TOKEN_HEADER_LENGTH,
  writeTokenHeader,
} from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

/** A Wrap token that passed every check but the sequence window. */
export interface OpenedWrapToken {
  readonly ok: true;
  /** The message. */
  readonly message: Uint8Array;
  /** Whether it was sealed (`conf_state`). */
  readonly encrypted: boolean;
  /** High word of SND_SEQ. */
  readonly seqHi: number;
  /** Low word of SND_SEQ. */
  readonly seqLo: number;
}

/**
 * Makes a Wrap token, sealed or not.
 *
 * @param keys the sender's keys.
 * @param message the message.
 * @param sndSeq the sender's sequence number for this token.
 * @param confidential whether to encrypt (Sealed) or only checksum.
 * @param confounder the random source for the confounder of a sealed token, or the confounder.
 */
export function makeWrapToken(
  keys: CfxKeys,
  message: Uint8Array,
  sndSeq: bigint,
  confidential: boolean,
  confounder: RandomBytes | Uint8Array,
): Uint8Array {
  const key = sendingKey(keys);
  const usage = tokenKeyUsage('wrap', keys.initiator);
  const flags = sendingFlags(keys) | (confidential ? FLAG_SEALED : 0);
  const header = new Uint8Array(TOKEN_HEADER_LENGTH);

  if (confidential) {
    writeTokenHeader(header, 0, { tokId: TOK_ID_WRAP, flags, ec: 0, rrc: 0, sndSeq });
    const token = encryptAfter(TOKEN_HEADER_LENGTH, key, usage, [message, header], confounder);
    token.set(header);
    return token;
  }

  writeTokenHeader(header, 0, { tokId: TOK_ID_WRAP, flags, ec: 0, rrc: 0, sndSeq });
  const checksum = makeChecksum(key, usage, concat(message, header));
  writeTokenHeader(header, 0, { tokId: TOK_ID_WRAP, flags, ec: checksum.length, rrc: 0, sndSeq });
  return concat(header, message, checksum);
}

/**
 * Opens a received Wrap token, failing as MIT does:
 * - a wrong TOK_ID or Filler: DEFECTIVE_TOKEN, minor 0;
 * - sealed: a ciphertext that does not decrypt gives BAD_SIG with the crypto error as minor
 *   (`KRB5KRB_AP_ERR_BAD_INTEGRITY`, or `KRB5_BAD_MSIZE` when too short); a plaintext shorter
 *   than EC + 16, or an encrypted header whose TOK_ID, Flags, Filler, EC or SND_SEQ differ
 *   from the outer header, DEFECTIVE_TOKEN (minor 0);
 * - unsealed: EC + 16 beyond the token is DEFECTIVE_TOKEN; EC other than the checksum length,
 *   or a checksum that does not match, BAD_SIG (minor 0).
 *
 * @param keys the receiver's keys.
 * @param body the token from TOK_ID on.
 */
export function openWrapToken(keys: CfxKeys, body: Uint8Array): OpenedWrapToken | TokenFailure {
  const peer = openPeerToken(keys, body, 'wrap');
  if (!peer.ok) return peer;

  if (readUint16(body, 0) !== TOK_ID_WRAP || body[3] !== FILLER) {
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  const header = body.subarray(0, TOKEN_HEADER_LENGTH);
  const ec = readUint16(header, 4);
  const rrc = readUint16(header, 6);
  const data = rotateLeft(body.subarray(TOKEN_HEADER_LENGTH), rrc);
  const [seqHi, seqLo] = readSndSeq(header);

  const opened =
    (peer.flags & FLAG_SEALED) !== 0
      ? openSealed(header, data, ec, peer.key, peer.usage)
      : peer.checksumUsable
        ? openUnsealed(header, data, ec, peer.key, peer.usage)
        : failure(GSS_S_BAD_SIG, KRB5_BAD_ENCTYPE);
  if (!(opened instanceof Uint8Array)) return opened;

  return { ok: true, message: opened, encrypted: (peer.flags & FLAG_SEALED) !== 0, seqHi, seqLo };
}

function openSealed(
  header: Uint8Array,
  ciphertext: Uint8Array,
  ec: number,
  key: KeyBlock,
  usage: number,
): Uint8Array | TokenFailure {
  let plain: Uint8Array;
  try {
    plain = decrypt(key, usage, ciphertext);
  } catch (error) {
    if (error instanceof KrbCryptoError) return failure(GSS_S_BAD_SIG, error.code);
    throw error;
  }

  // CVE-2024-37371: room for the header copy and the EC filler; CVE-2024-37370: EC checked.
  if (plain.length < TOKEN_HEADER_LENGTH + ec) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  const inner = plain.subarray(plain.length - TOKEN_HEADER_LENGTH);
  if (
    readUint16(inner, 0) !== TOK_ID_WRAP ||
    inner[2] !== header[2] ||
    inner[3] !== header[3] ||
    readUint16(inner, 4) !== ec ||
    !timingSafeEqual(inner.subarray(8), header.subarray(8))
  ) {
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }

  return plain.slice(0, plain.length - TOKEN_HEADER_LENGTH - ec);
}

function openUnsealed(
  header: Uint8Array,
  data: Uint8Array,
  ec: number,
  key: KeyBlock,
  usage: number,
): Uint8Array | TokenFailure {
  const checksumLength = checksumProfile(enctypeProfile(key.enctype).checksumType).outputLength;
  if (ec > data.length) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  if (ec !== checksumLength) return failure(GSS_S_BAD_SIG, 0);
  const message = data.subarray(0, data.length - ec);
  const checksum = data.subarray(data.length - ec);

  const zeroed = Uint8Array.from(header);
  zeroed.fill(0, 4, 8);
  const expected = makeChecksum(key, usage, concat(message, zeroed));
  if (!timingSafeEqual(expected, checksum)) return failure(GSS_S_BAD_SIG, 0);

  return message.slice();
}
