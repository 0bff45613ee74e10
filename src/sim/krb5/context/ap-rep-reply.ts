/**
 * The initiator's second step (RFC 4121 §4.1, with mutual authentication): the acceptor's
 * AP-REP read as MIT krb5 1.20's `mutual_auth` and `krb5_rd_rep` read it. The EncAPRepPart is
 * opened with the session key (key usage 12) and must repeat the authenticator's ctime and
 * cusec; when that fails MIT tries once more with the initiator's subkey as the key, and
 * reports the first failure. The sequence number starts the receive window and the subkey, if
 * any, becomes the acceptor subkey.
 *
 * With GSS_C_DCE_STYLE the AP-REP comes raw, without framing, and the initiator answers with a
 * third token (`krb5_mk_rep_dce`): a raw AP-REP sealed in the same key, whose EncAPRepPart has
 * the initiator's current time, no subkey, and the acceptor's sequence number echoed.
 *
 * @module
 */

import { GssError, gssError } from '../../../spec/errors.js';
import { RequirementFlag } from '../../../spec/flags.js';
import { GSS_S_DEFECTIVE_TOKEN, GSS_S_FAILURE } from '../../../spec/status.js';
import type { Clock } from '../../clock.js';
import { decryptEncrypted, encrypt, KeyBlock, KrbCryptoError } from '../../crypto/index.js';
import { KRB5_MUTUAL_FAILED, KRB5KRB_AP_ERR_MSG_TYPE, minorMessage } from '../../errors/index.js';
import type { RandomSource } from '../../random.js';
import {
  decodeApRep,
  decodeEncApRepPart,
  type EncApRepPart,
  encodeApRep,
  encodeEncApRepPart,
} from '../messages/ap-rep.js';
import type { EncryptedData } from '../messages/encryption.js';
import { decodeKrbError } from '../messages/krb-error.js';
import { MessageType } from '../messages/message-type.js';
import { isApplicationTag } from './application-tag.js';
import { parseContextToken, TOK_ID_AP_REP, TOK_ID_KRB_ERROR } from './context-token.js';
import type { EstablishedContext } from './established-context.js';
import type { InitiatorState } from './initiator-token.js';

/** RFC 4120 §7.5.1 key usage of the EncAPRepPart. */
export const KEY_USAGE_AP_REP_ENCPART = 12;

/** The base of MIT's krb5 error table, added to a KRB-ERROR's error-code. */
const ERROR_TABLE_BASE_KRB5 = 2529638912;

/** What the initiator needs to answer a DCE-style AP-REP. */
export interface InitiatorReplyOptions {
  /** The initiator's clock, for the third token's ctime and cusec. */
  readonly clock: Clock;
  /** The initiator's random source, for the third token's confounder. */
  readonly random: RandomSource;
}

/** The initiator's last step. */
export interface InitiatorCompletion {
  /** The established initiator end; its `flags` are MIT's `ret_flags`. */
  readonly context: EstablishedContext;
  /** The raw AP-REP the initiator sends last with DCE style, or null. */
  readonly token: Uint8Array | null;
}

function failure(major: number, minor: number): GssError {
  return gssError(major, minor, { operation: 'initSecContext', minorMessage: minorMessage(minor) });
}

/**
 * Reads the acceptor's reply token of a context without DCE style and returns the
 * established initiator end.
 * @throws {RangeError} when `state` is DCE style: use {@link completeInitiator}.
 * @throws {GssError} as {@link completeInitiator}.
 */
export function readApRepToken(state: InitiatorState, token: Uint8Array): EstablishedContext {
  if ((state.flags & RequirementFlag.dceStyle) !== 0) {
    throw new RangeError('expected a context without DCE style: use completeInitiator');
  }
  return readReply(state, unframe(token)).context;
}

/**
 * Reads the acceptor's AP-REP and completes the initiator; with DCE style, also makes the
 * initiator's last token.
 * @throws {GssError} GSS_S_DEFECTIVE_TOKEN (minor 0) for a framed token that is neither an
 *   AP-REP nor a KRB-ERROR token (without DCE style); GSS_S_FAILURE with the KRB-ERROR's code
 *   plus the krb5 table base for an error token; otherwise GSS_S_FAILURE with
 *   KRB5KRB_AP_ERR_MSG_TYPE for a message that is not an AP-REP (with DCE style every token is
 *   read raw), KRB5_MUTUAL_FAILED when ctime or cusec differ, and the decoding or decryption
 *   error's code otherwise.
 */
export function completeInitiator(
  state: InitiatorState,
  token: Uint8Array,
  options: InitiatorReplyOptions,
): InitiatorCompletion {
  if ((state.flags & RequirementFlag.dceStyle) === 0) {
    return { context: readReply(state, unframe(token)).context, token: null };
  }

  const { context, key } = readReply(state, token);
  const { seconds: ctime, microseconds: cusec } = options.clock.usTimeOfDay();
  const part: EncApRepPart = {
    ctime,
    cusec,
    ...(context.recvSeq === 0 ? {} : { seqNumber: context.recvSeq }),
  };
  const cipher = encrypt(key, KEY_USAGE_AP_REP_ENCPART, encodeEncApRepPart(part), (n) =>
    options.random.bytes(n),
  );
  return { context, token: encodeApRep({ encPart: { etype: key.enctype, cipher } }) };
}

/** The AP-REP inside a framed reply token; a KRB-ERROR token fails with its code. */
function unframe(token: Uint8Array): Uint8Array {
  const parsed = parseContextToken(token);
  if (parsed === null || (parsed.tokId !== TOK_ID_AP_REP && parsed.tokId !== TOK_ID_KRB_ERROR)) {
    throw failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  if (parsed.tokId === TOK_ID_KRB_ERROR) {
    // krb5_rd_error checks the [APPLICATION 30] identifier before it decodes anything.
    if (!isApplicationTag(parsed.message, MessageType.error)) {
      throw failure(GSS_S_FAILURE, KRB5KRB_AP_ERR_MSG_TYPE);
    }
    const error = decodeKrbError(parsed.message);
    throw failure(
      GSS_S_FAILURE,
      error.errorCode === 0 ? 0 : error.errorCode + ERROR_TABLE_BASE_KRB5,
    );
  }
  return parsed.message;
}

/**
 * `krb5_rd_rep` with the session key, then (MIT's compatibility retry) with the subkey as the
 * key; the first failure is the one reported.
 */
function readReply(
  state: InitiatorState,
  apRep: Uint8Array,
): { context: EstablishedContext; key: KeyBlock } {
  let part: EncApRepPart;
  let key = state.sessionKey;
  try {
    part = rdRep(state, apRep, key);
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    try {
      key = state.subkey;
      part = rdRep(state, apRep, key);
    } catch (retry) {
      if (!(retry instanceof GssError)) throw retry;
      throw error;
    }
  }

  const context: EstablishedContext = {
    initiator: true,
    flags: state.flags,
    ctxKey: state.subkey,
    acceptorSubkey:
      part.subkey === undefined ? null : new KeyBlock(part.subkey.keytype, part.subkey.keyvalue),
    sendSeq: state.seqNumber,
    recvSeq: part.seqNumber ?? 0,
    endtime: state.endtime,
  };
  return { context, key };
}

/** One `krb5_rd_rep` with `key`. */
function rdRep(state: InitiatorState, message: Uint8Array, key: KeyBlock): EncApRepPart {
  if (!isApplicationTag(message, MessageType.apRep)) {
    throw failure(GSS_S_FAILURE, KRB5KRB_AP_ERR_MSG_TYPE);
  }
  const part = decodeEncApRepPart(openEncPart(key, decodeReply(message)));
  if (part.ctime !== state.ctime || part.cusec !== state.cusec) {
    throw failure(GSS_S_FAILURE, KRB5_MUTUAL_FAILED);
  }
  return part;
}

function decodeReply(message: Uint8Array): EncryptedData {
  try {
    return decodeApRep(message).encPart;
  } catch (error) {
    if (error instanceof GssError) throw failure(GSS_S_FAILURE, error.minor);
    throw error;
  }
}

/** The EncAPRepPart's plaintext; a failed decryption is GSS_S_FAILURE with its krb5 code. */
function openEncPart(key: KeyBlock, encPart: EncryptedData): Uint8Array {
  try {
    return decryptEncrypted(key, KEY_USAGE_AP_REP_ENCPART, encPart);
  } catch (error) {
    if (error instanceof KrbCryptoError) throw failure(GSS_S_FAILURE, error.code);
    throw error;
  }
}
