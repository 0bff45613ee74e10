/**
 * The keys of an RFC 4121 context and which one protects a token (RFC 4121 §2, §4.2.2; MIT
 * `k5sealv3.c`): the sender uses the acceptor's subkey when the acceptor sent one and the
 * context key otherwise; the receiver uses the acceptor's subkey only when it has one and the
 * token's AcceptorSubkey flag is set.
 *
 * @module
 */

import type { KeyBlock } from '../../crypto/index.js';
import { FLAG_ACCEPTOR_SUBKEY, FLAG_SENT_BY_ACCEPTOR } from './token-header.js';

/** One end's view of the keys of an established RFC 4121 context. */
export interface CfxKeys {
  /** Whether this end initiated the context. */
  readonly initiator: boolean;
  /**
   * The context key: the initiator's subkey from the Authenticator, or the ticket's session key
   * when it sent none (MIT `ctx->subkey`).
   */
  readonly ctxKey: KeyBlock;
  /** The acceptor's subkey from the AP-REP (MIT `ctx->acceptor_subkey`), or null. */
  readonly acceptorSubkey: KeyBlock | null;
  /**
   * Whether a checksum made with the context key can be verified; default true. False on a
   * DCE-style acceptor: MIT 1.20's `kg_accept_krb5` skips setting `ctx->cksumtype` for DCE
   * style, so a received MIC or integrity-only Wrap token checked with the context key (its
   * AcceptorSubkey flag clear) fails with KRB5_BAD_ENCTYPE (measured by the differential
   * properties).
   */
  readonly ctxKeyChecksum?: boolean;
}

/**
 * The key this end protects its tokens with.
 *
 * @param keys this end's keys.
 */
export function sendingKey(keys: CfxKeys): KeyBlock {
  return keys.acceptorSubkey ?? keys.ctxKey;
}

/**
 * The Flags octet this end sends, before Sealed: SentByAcceptor for the acceptor, and
 * AcceptorSubkey when an acceptor subkey protects the token.
 *
 * @param keys this end's keys.
 */
export function sendingFlags(keys: CfxKeys): number {
  return (
    (keys.initiator ? 0 : FLAG_SENT_BY_ACCEPTOR) |
    (keys.acceptorSubkey === null ? 0 : FLAG_ACCEPTOR_SUBKEY)
  );
}

/**
 * The key a received token is checked with. An acceptor may get tokens made before the
 * initiator saw its subkey, so the flag decides, and is ignored when there is no subkey.
 *
 * @param keys this end's keys.
 * @param flags the token's Flags octet.
 */
export function receivingKey(keys: CfxKeys, flags: number): KeyBlock {
  if (keys.acceptorSubkey !== null && (flags & FLAG_ACCEPTOR_SUBKEY) !== 0) {
    return keys.acceptorSubkey;
  }

  return keys.ctxKey;
}
