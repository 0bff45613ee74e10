/**
 * RFC 4121 per-message tokens of the sim's krb5 mechanism: MIC and Wrap tokens made and
 * checked as MIT krb5 1.20 does, the sequence numbers and receive window,
 * `gss_wrap_size_limit`, and the IOV and AEAD calls over the same tokens.
 *
 * @module
 */

export { type CfxKeys, receivingKey, sendingFlags, sendingKey } from './cfx-keys.js';
export {
  fillIov,
  type IovSlot,
  slotsOf,
} from './iov-buffers.js';
export {
  createIovProtection,
  type IovContextOptions,
  type IovProtection,
  type IovProtectionDependencies,
} from './iov-protection.js';
export {
  KG_USAGE_ACCEPTOR_SEAL,
  KG_USAGE_ACCEPTOR_SIGN,
  KG_USAGE_INITIATOR_SEAL,
  KG_USAGE_INITIATOR_SIGN,
  type TokenKind,
  tokenKeyUsage,
} from './key-usage.js';
export {
  createMessageProtection,
  type MessageProtection,
  type MessageProtectionOptions,
} from './message-protection.js';
export { type CheckedToken, checkMicToken, makeMicToken } from './mic-token.js';
export { rotateLeft } from './rotate.js';
export { type TokenBody, tokenBody } from './token-body.js';
export {
  FLAG_ACCEPTOR_SUBKEY,
  FLAG_SEALED,
  FLAG_SENT_BY_ACCEPTOR,
  TOK_ID_DELETE,
  TOK_ID_MIC,
  TOK_ID_WRAP,
  TOKEN_HEADER_LENGTH,
} from './token-header.js';
export { type TokenErrorFactory, type TokenFailure, tokenError } from './token-status.js';
export { wrapSizeLimit } from './wrap-size-limit.js';
export { makeWrapToken, type OpenedWrapToken, openWrapToken } from './wrap-token.js';
