/**
 * The checks MIT's `gss_krb5int_unseal_token_v3` makes on every received RFC 4121 token
 * before looking at its kind: a whole header, the direction, and the key and key usage the
 * token must have been made with.
 *
 * @module
 */

import { GSS_S_BAD_SIG, GSS_S_DEFECTIVE_TOKEN } from '../../../spec/status.js';
import type { KeyBlock } from '../../crypto/index.js';
import { G_BAD_DIRECTION } from '../../errors/index.js';
import { type CfxKeys, receivingKey } from './cfx-keys.js';
import { type TokenKind, tokenKeyUsage } from './key-usage.js';
import { FLAG_SENT_BY_ACCEPTOR, TOKEN_HEADER_LENGTH } from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

/** A received token that passed the common checks. */
export interface PeerToken {
  readonly ok: true;
  /** The token's Flags octet. */
  readonly flags: number;
  /** The key to check it with. */
  readonly key: KeyBlock;
  /** The peer's key usage for this kind of token. */
  readonly usage: number;
  /** Whether a checksum with {@link PeerToken.key} can be verified (see `CfxKeys`). */
  readonly checksumUsable: boolean;
}

/**
 * The common checks, in MIT's order: fewer than 16 octets is DEFECTIVE_TOKEN (minor 0); a
 * SentByAcceptor flag that says this end sent it is BAD_SIG with G_BAD_DIRECTION ("Packet was
 * replayed in wrong direction"), checked before the token ID.
 *
 * @param keys this end's keys.
 * @param body the token from TOK_ID on.
 * @param kind the kind of token the call expects.
 */
export function openPeerToken(
  keys: CfxKeys,
  body: Uint8Array,
  kind: TokenKind,
): PeerToken | TokenFailure {
  if (body.length < TOKEN_HEADER_LENGTH) return failure(GSS_S_DEFECTIVE_TOKEN, 0);

  const flags = body[2] ?? 0;
  const expected = keys.initiator ? FLAG_SENT_BY_ACCEPTOR : 0;
  if ((flags & FLAG_SENT_BY_ACCEPTOR) !== expected) return failure(GSS_S_BAD_SIG, G_BAD_DIRECTION);

  const key = receivingKey(keys, flags);
  return {
    ok: true,
    flags,
    key,
    usage: tokenKeyUsage(kind, !keys.initiator),
    checksumUsable: key !== keys.ctxKey || keys.ctxKeyChecksum !== false,
  };
}
