/**
 * `gss_wrap_size_limit` for RFC 4121 contexts, with MIT 1.20's numbers
 * (`krb5_gss_wrap_size_limit` in `wrap_size_limit.c`).
 *
 * A sealed token is `16 (header) + 16 (confounder) + message + 16 (header copy) + trailer`;
 * an unsealed one `16 + message + checksum`. MIT's loop comes to the closed forms below:
 * `max(0, outputSize - 48 - trailer)` sealed, `max(0, outputSize - 16 - checksum)` unsealed,
 * where trailer and checksum are 12 for the RFC 3962 enctypes and 16 or 24 for RFC 8009.
 *
 * @module
 */

import { checksumProfile, cryptoLength, enctypeProfile } from '../../crypto/index.js';
import { type CfxKeys, sendingKey } from './cfx-keys.js';
import { TOKEN_HEADER_LENGTH } from './token-header.js';

/**
 * The longest message whose Wrap token this end makes fits in `outputSize` octets.
 *
 * @param keys this end's keys (the acceptor subkey's enctype counts when there is one).
 * @param confidential whether the tokens are sealed.
 * @param outputSize the largest token wanted, an unsigned 32-bit number.
 */
export function wrapSizeLimit(keys: CfxKeys, confidential: boolean, outputSize: number): number {
  const { enctype } = sendingKey(keys);

  if (confidential) {
    const overhead =
      TOKEN_HEADER_LENGTH +
      cryptoLength(enctype, 'header') +
      TOKEN_HEADER_LENGTH +
      cryptoLength(enctype, 'padding') +
      cryptoLength(enctype, 'trailer');
    return Math.max(0, outputSize - overhead);
  }

  const checksumLength = checksumProfile(enctypeProfile(enctype).checksumType).outputLength;
  return Math.max(0, outputSize - TOKEN_HEADER_LENGTH - checksumLength);
}
