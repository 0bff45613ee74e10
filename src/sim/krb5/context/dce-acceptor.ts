/**
 * The acceptor's last step of a GSS_C_DCE_STYLE context, as MIT krb5 1.20's `kg_accept_dce`
 * and `krb5_rd_rep_dce` take it: the initiator's third token is a raw AP-REP sealed in the
 * ticket's session key (key usage 12) whose EncAPRepPart echoes the acceptor's sequence number
 * and carries no subkey; its ctime and cusec are not checked. Any failure is GSS_S_FAILURE with
 * the krb5 code, and MIT then deletes the context.
 *
 * @module
 */

import { GssError, gssError } from '../../../spec/errors.js';
import { GSS_S_FAILURE } from '../../../spec/status.js';
import { decryptEncrypted, type KeyBlock, KrbCryptoError } from '../../crypto/index.js';
import { KRB5_MUTUAL_FAILED, KRB5KRB_AP_ERR_MSG_TYPE, minorMessage } from '../../errors/index.js';
import { decodeApRep, decodeEncApRepPart, type EncApRepPart } from '../messages/ap-rep.js';
import { MessageType } from '../messages/message-type.js';
import type { AcceptedContext } from './acceptor-token.js';
import { KEY_USAGE_AP_REP_ENCPART } from './ap-rep-reply.js';
import { isApplicationTag } from './application-tag.js';
import type { EstablishedContext } from './established-context.js';

/** A DCE-style acceptor waiting for the initiator's third token. Holds keys: never print it. */
export interface DceAcceptorState {
  /** The end the third token establishes, with the flags MIT reports then. */
  readonly context: EstablishedContext;
  /** The ticket's session key, which seals the third token. */
  readonly sessionKey: KeyBlock;
  /** The initiator, unparsed: `user@KRBTEST.COM`. */
  readonly initiatorName: string;
  /** The ticket's authtime. */
  readonly authtime: number;
}

function failure(minor: number): GssError {
  return gssError(GSS_S_FAILURE, minor, {
    operation: 'acceptSecContext',
    minorMessage: minorMessage(minor),
  });
}

/**
 * Reads the initiator's third token and returns the established acceptor end (no token).
 * @throws {GssError} GSS_S_FAILURE with KRB5KRB_AP_ERR_MSG_TYPE for a token that is not an
 *   AP-REP, the decoding or decryption error's code, or KRB5_MUTUAL_FAILED when the sequence
 *   number is not the acceptor's or a subkey is present.
 */
export function acceptDceReply(state: DceAcceptorState, token: Uint8Array): AcceptedContext {
  if (!isApplicationTag(token, MessageType.apRep)) throw failure(KRB5KRB_AP_ERR_MSG_TYPE);
  const part = readPart(state.sessionKey, token);

  if ((part.seqNumber ?? 0) >>> 0 !== state.context.sendSeq >>> 0) {
    throw failure(KRB5_MUTUAL_FAILED);
  }
  if (part.subkey !== undefined) throw failure(KRB5_MUTUAL_FAILED);

  return {
    token: null,
    context: state.context,
    initiatorName: state.initiatorName,
    authtime: state.authtime,
  };
}

/** The EncAPRepPart; any failure is GSS_S_FAILURE with its code. */
function readPart(sessionKey: KeyBlock, token: Uint8Array): EncApRepPart {
  try {
    const { encPart } = decodeApRep(token);
    return decodeEncApRepPart(decryptEncrypted(sessionKey, KEY_USAGE_AP_REP_ENCPART, encPart));
  } catch (error) {
    if (error instanceof KrbCryptoError) throw failure(error.code);
    if (error instanceof GssError) throw failure(error.minor);
    throw error;
  }
}
