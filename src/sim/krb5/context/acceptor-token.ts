/**
 * The acceptor's step of RFC 4121 §4.1, as MIT krb5 1.20's `kg_accept_krb5` takes it: the
 * framed AP-REQ (TOK_ID `01 00`) is checked (`krb5_rd_req`), its 0x8003 checksum gives the
 * flags, and with mutual authentication the acceptor draws its sequence number, then a subkey
 * of the negotiated enctype, and answers with an AP-REP token (`02 00`, key usage 12). A failure
 * after the AP-REQ is decoded is answered, when the initiator waits for a reply, with a
 * KRB-ERROR token (`03 00`).
 *
 * @module
 */

import type { ChannelBindings } from '../../../spec/channel-bindings.js';
import { GssError, gssError } from '../../../spec/errors.js';
import { RequirementFlag } from '../../../spec/flags.js';
import { GSS_S_DEFECTIVE_TOKEN, GSS_S_FAILURE } from '../../../spec/status.js';
import type { Clock } from '../../clock.js';
import { encrypt, KeyBlock, makeRandomKey } from '../../crypto/index.js';
import { type MinorStatus, minorMessage } from '../../errors/index.js';
import type { RandomSource } from '../../random.js';
import { unparseKrbPrincipal } from '../client/principal.js';
import { encodeApRep, encodeEncApRepPart } from '../messages/ap-rep.js';
import { type ApReq, decodeApReq } from '../messages/ap-req.js';
import { ApOptions } from '../messages/flags.js';
import { encodeKrbError } from '../messages/krb-error.js';
import { AcceptFailure } from './accept-failure.js';
import { readAuthenticatorChecksum } from './acceptor-checksum.js';
import { KEY_USAGE_AP_REP_ENCPART } from './ap-rep-reply.js';
import { type CheckedApReq, checkApReq } from './ap-req-check.js';
import {
  frameContextToken,
  parseContextToken,
  TOK_ID_AP_REP,
  TOK_ID_AP_REQ,
  TOK_ID_KRB_ERROR,
} from './context-token.js';
import type { EstablishedContext } from './established-context.js';
import type { ReplayCache } from './replay-cache.js';
import { initialSequenceNumber } from './sequence-number.js';
import type { ServiceKey } from './service-keys.js';

const F = RequirementFlag;

/** The base of MIT's krb5 error table. */
const ERROR_TABLE_BASE_KRB5 = 2529638912;
/** The largest protocol error code (`KRB_ERR_MAX`); others are sent as KRB_ERR_GENERIC. */
const KRB_ERR_MAX = 127;
const KRB_ERR_GENERIC = 60;

/** How the acceptor accepts. */
export interface AcceptorOptions {
  /** The keytab entries. */
  readonly keys: readonly ServiceKey[];
  /** The acceptor's clock. */
  readonly clock: Clock;
  /** The acceptor's random source: sequence number, subkey, confounder, in MIT's order. */
  readonly random: RandomSource;
  /** The replay cache, kept across calls. */
  readonly replayCache: ReplayCache;
  /** The acceptor's channel bindings; none by default. */
  readonly channelBindings?: ChannelBindings | null;
  /** The clock skew in seconds; 300 by default. */
  readonly skew?: number;
}

/** An accepted context. */
export interface AcceptedContext {
  /** The AP-REP token with mutual authentication, or null. */
  readonly token: Uint8Array | null;
  /** The established acceptor end; its `flags` are MIT's `ret_flags`. */
  readonly context: EstablishedContext;
  /** The initiator, unparsed: `user@KRBTEST.COM`. */
  readonly initiatorName: string;
  /** The delegated KRB-CRED, when the initiator sent one (not read yet). */
  readonly deleg?: Uint8Array;
}

function failure(major: number, status: MinorStatus, token?: Uint8Array): GssError {
  return gssError(major, status.minor, {
    operation: 'acceptSecContext',
    minorMessage: status.message,
    ...(token === undefined ? {} : { token }),
  });
}

/**
 * Accepts the initiator's first token.
 * @throws {GssError} GSS_S_DEFECTIVE_TOKEN (minor 0) for a token that is not a framed krb5
 *   AP-REQ or asks for DCE style; GSS_S_FAILURE with minor 0 for an AP-REQ that does not
 *   decode; otherwise MIT's major and minor for the failed check, with a
 *   KRB-ERROR token when the initiator asked for mutual authentication.
 */
export function acceptContextToken(token: Uint8Array, options: AcceptorOptions): AcceptedContext {
  const parsed = parseContextToken(token);
  if (parsed === null || parsed.tokId !== TOK_ID_AP_REQ) {
    throw failure(GSS_S_DEFECTIVE_TOKEN, { minor: 0, message: minorMessage(0) });
  }
  let apReq: ApReq;
  try {
    apReq = decodeApReq(parsed.message);
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    // MIT leaves the minor status unset (0) when `decode_krb5_ap_req` fails.
    throw failure(GSS_S_FAILURE, { minor: 0, message: minorMessage(0) });
  }

  let gssFlags = 0;
  try {
    const checked = checkApReq(apReq, options);
    const checksum = readAuthenticatorChecksum(
      checked.authenticator.cksum,
      options.channelBindings,
    );
    gssFlags = checksum.flags;
    if ((gssFlags & F.dceStyle) !== 0) throw new AcceptFailure(GSS_S_DEFECTIVE_TOKEN, 0);
    return establish(checked, gssFlags | F.transferable, options, checksum.deleg);
  } catch (error) {
    if (!(error instanceof AcceptFailure)) throw error;
    const mutual =
      (gssFlags & F.mutualAuthentication) !== 0 ||
      (apReq.apOptions & ApOptions.mutualRequired) !== 0;
    const reply = mutual ? errorToken(apReq, error.status.minor, options.clock) : undefined;
    throw failure(error.major, error.status, reply);
  }
}

function establish(
  checked: CheckedApReq,
  flags: number,
  options: AcceptorOptions,
  deleg: Uint8Array | undefined,
): AcceptedContext {
  const { authenticator, sessionKey, ticket } = checked;
  const initiatorSubkey = authenticator.subkey;
  const ctxKey =
    initiatorSubkey === undefined
      ? sessionKey
      : new KeyBlock(initiatorSubkey.keytype, initiatorSubkey.keyvalue);
  const recvSeq = authenticator.seqNumber ?? 0;
  const base = {
    initiator: false,
    ctxKey,
    recvSeq,
    endtime: ticket.endtime,
  };
  const extra = {
    initiatorName: unparseKrbPrincipal(checked.client),
    ...(deleg === undefined ? {} : { deleg }),
  };

  if ((flags & F.mutualAuthentication) === 0) {
    const context = { ...base, flags, acceptorSubkey: null, sendSeq: recvSeq };
    return { token: null, context, ...extra };
  }

  const { random } = options;
  const sendSeq = initialSequenceNumber(random);
  const negotiated = initiatorSubkey?.keytype ?? sessionKey.enctype;
  const acceptorSubkey = makeRandomKey(negotiated, (n) => random.bytes(n));
  const part = encodeEncApRepPart({
    ctime: authenticator.ctime,
    cusec: authenticator.cusec,
    subkey: { keytype: acceptorSubkey.enctype, keyvalue: acceptorSubkey.contents() },
    seqNumber: sendSeq,
  });
  const cipher = encrypt(sessionKey, KEY_USAGE_AP_REP_ENCPART, part, (n) => random.bytes(n));
  const apRep = encodeApRep({ encPart: { etype: sessionKey.enctype, cipher } });
  const context = { ...base, flags: flags | F.protectionReady, acceptorSubkey, sendSeq };
  return { token: frameContextToken(TOK_ID_AP_REP, apRep), context, ...extra };
}

/** The KRB-ERROR token MIT's acceptor sends for `minor`: only the code, times and server. */
function errorToken(apReq: ApReq, minor: number, clock: Clock): Uint8Array {
  const offset = minor - ERROR_TABLE_BASE_KRB5;
  const errorCode = offset < 0 || offset > KRB_ERR_MAX ? KRB_ERR_GENERIC : offset;
  const { seconds, microseconds } = clock.usTimeOfDay();
  const message = encodeKrbError({
    stime: seconds,
    susec: microseconds,
    errorCode,
    realm: apReq.ticket.realm,
    sname: apReq.ticket.sname,
  });
  return frameContextToken(TOK_ID_KRB_ERROR, message);
}
