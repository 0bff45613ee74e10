/**
 * The initiator's second step (RFC 4121 §4.1, with mutual authentication): the acceptor's
 * AP-REP token read as MIT krb5 1.20's `mutual_auth` and `krb5_rd_rep` read it. The EncAPRepPart
 * is opened with the session key (key usage 12) and must repeat the authenticator's ctime and
 * cusec; its sequence number starts the receive window and its subkey, if any, becomes the
 * acceptor subkey.
 *
 * @module
 */

import { gssError } from '../../../spec/errors.js';
import { GSS_S_DEFECTIVE_TOKEN, GSS_S_FAILURE } from '../../../spec/status.js';
import { decrypt, KeyBlock, KrbCryptoError } from '../../crypto/index.js';
import { KRB5_MUTUAL_FAILED, minorMessage } from '../../errors/index.js';
import { decodeApRep, decodeEncApRepPart } from '../messages/ap-rep.js';
import { decodeKrbError } from '../messages/krb-error.js';
import { parseContextToken, TOK_ID_AP_REP, TOK_ID_KRB_ERROR } from './context-token.js';
import type { EstablishedContext } from './established-context.js';
import type { InitiatorState } from './initiator-token.js';

/** RFC 4120 §7.5.1 key usage of the EncAPRepPart. */
export const KEY_USAGE_AP_REP_ENCPART = 12;

/** The base of MIT's krb5 error table, added to a KRB-ERROR's error-code. */
const ERROR_TABLE_BASE_KRB5 = 2529638912;

function failure(major: number, minor: number) {
  return gssError(major, minor, { operation: 'initSecContext', minorMessage: minorMessage(minor) });
}

/**
 * Reads the acceptor's reply token and returns the established initiator end.
 * @throws {GssError} GSS_S_DEFECTIVE_TOKEN (minor 0) for a token that is neither an AP-REP nor a
 *   KRB-ERROR token; GSS_S_FAILURE with the KRB-ERROR's code plus the krb5 table base for an
 *   error token, with KRB5_MUTUAL_FAILED when ctime or cusec differ, and with the decoding or
 *   decryption error's code otherwise.
 */
export function readApRepToken(state: InitiatorState, token: Uint8Array): EstablishedContext {
  const parsed = parseContextToken(token);
  if (parsed === null || (parsed.tokId !== TOK_ID_AP_REP && parsed.tokId !== TOK_ID_KRB_ERROR)) {
    throw failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  if (parsed.tokId === TOK_ID_KRB_ERROR) {
    const error = decodeKrbError(parsed.message);
    throw failure(
      GSS_S_FAILURE,
      error.errorCode === 0 ? 0 : error.errorCode + ERROR_TABLE_BASE_KRB5,
    );
  }

  const apRep = decodeApRep(parsed.message);
  const part = decodeEncApRepPart(openEncPart(state, apRep.encPart.cipher));
  if (part.ctime !== state.ctime || part.cusec !== state.cusec) {
    throw failure(GSS_S_FAILURE, KRB5_MUTUAL_FAILED);
  }

  return {
    initiator: true,
    flags: state.flags,
    ctxKey: state.subkey,
    acceptorSubkey:
      part.subkey === undefined ? null : new KeyBlock(part.subkey.keytype, part.subkey.keyvalue),
    sendSeq: state.seqNumber,
    recvSeq: part.seqNumber ?? 0,
    endtime: state.endtime,
  };
}

/** The EncAPRepPart's plaintext; a failed decryption is GSS_S_FAILURE with its krb5 code. */
function openEncPart(state: InitiatorState, cipher: Uint8Array): Uint8Array {
  try {
    return decrypt(state.sessionKey, KEY_USAGE_AP_REP_ENCPART, cipher);
  } catch (error) {
    if (error instanceof KrbCryptoError) throw failure(GSS_S_FAILURE, error.code);
    throw error;
  }
}
