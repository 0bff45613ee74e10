/**
 * The key usage numbers of RFC 4121 §2 for per-message tokens (MIT `KG_USAGE_*` in
 * `gssapiP_krb5.h`), chosen by the token kind and by which end sent the token.
 *
 * @module
 */

/** KG-USAGE-ACCEPTOR-SEAL: Wrap tokens the acceptor sends. */
export const KG_USAGE_ACCEPTOR_SEAL = 22;
/** KG-USAGE-ACCEPTOR-SIGN: MIC tokens the acceptor sends. */
export const KG_USAGE_ACCEPTOR_SIGN = 23;
/** KG-USAGE-INITIATOR-SEAL: Wrap tokens the initiator sends. */
export const KG_USAGE_INITIATOR_SEAL = 24;
/** KG-USAGE-INITIATOR-SIGN: MIC tokens the initiator sends. */
export const KG_USAGE_INITIATOR_SIGN = 25;

/** The two kinds of per-message token. */
export type TokenKind = 'mic' | 'wrap';

/**
 * The key usage of a token: SEAL for Wrap tokens (sealed or not), SIGN for MIC tokens, of
 * the end that sent it.
 *
 * @param kind the token kind.
 * @param sentByInitiator whether the context initiator sent (or is sending) the token.
 */
export function tokenKeyUsage(kind: TokenKind, sentByInitiator: boolean): number {
  if (kind === 'wrap') return sentByInitiator ? KG_USAGE_INITIATOR_SEAL : KG_USAGE_ACCEPTOR_SEAL;

  return sentByInitiator ? KG_USAGE_INITIATOR_SIGN : KG_USAGE_ACCEPTOR_SIGN;
}
