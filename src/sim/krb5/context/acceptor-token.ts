/**
 * The acceptor's step of RFC 4121 §4.1, as MIT krb5 1.20's `kg_accept_krb5` takes it: the
 * framed AP-REQ (TOK_ID `01 00`) is checked (`krb5_rd_req`), its 0x8003 checksum gives the
 * flags and the delegated credential, and with mutual authentication the acceptor draws its
 * sequence number, then a subkey of the negotiated enctype, and answers with an AP-REP token
 * (`02 00`, key usage 12). A failure after the AP-REQ is decoded is answered, when the
 * initiator waits for a reply, with a KRB-ERROR token (`03 00`).
 *
 * With GSS_C_DCE_STYLE the AP-REQ comes raw (MIT's mechanism glue takes a token whose first
 * octet is 0x6E as a raw krb5 AP-REQ), and only then: a raw AP-REQ without DCE style or a
 * framed one with it is GSS_S_DEFECTIVE_TOKEN. The acceptor answers with a raw AP-REP and
 * waits for the initiator's third token (see `acceptDceReply`). It reads a delegated KRB-CRED
 * but, as MIT, hands out no credential and no GSS_C_DELEG_FLAG for it.
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
import type { Credential } from '../client/credential.js';
import { unparseKrbPrincipal } from '../client/principal.js';
import { encodeApRep, encodeEncApRepPart } from '../messages/ap-rep.js';
import { type ApReq, decodeApReq } from '../messages/ap-req.js';
import type { AuthorizationData } from '../messages/authorization-data.js';
import { ApOptions } from '../messages/flags.js';
import { encodeKrbError } from '../messages/krb-error.js';
import { acceptorTicketIndicators } from '../pac/cammac.js';
import { acceptTicketPac } from '../pac/pac-ticket.js';
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
import type { DceAcceptorState } from './dce-acceptor.js';
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

/** The first octet of a raw AP-REQ (`[APPLICATION 14]`), which MIT's glue takes for krb5. */
const RAW_AP_REQ = 0x6e;

/**
 * A krb5 context token of another type than AP-REQ reached the acceptor. MIT's `kg_accept_krb5`
 * answers it with GSS_S_CONTINUE_NEEDED (minor KRB5KRB_AP_ERR_MSG_TYPE) and no mechanism
 * context, leaving the caller a context handle that every later call finds empty; the GSS
 * layer makes that answer.
 */
export class WrongTokenIdError extends Error {
  override readonly name = 'WrongTokenIdError';

  constructor() {
    super('expected a krb5 AP-REQ token (TOK_ID 01 00)');
  }
}

/** An accepted context. */
export interface AcceptedContext {
  /** The AP-REP token with mutual authentication (raw with DCE style), or null. */
  readonly token: Uint8Array | null;
  /**
   * The acceptor end; its `flags` are MIT's `ret_flags`. With {@link AcceptedContext.dce} it
   * is not established yet: it is the end the third token will establish, with the flags MIT
   * reports then (MIT reports none at this step).
   */
  readonly context: EstablishedContext;
  /** The initiator, unparsed: `user@KRBTEST.COM`. */
  readonly initiatorName: string;
  /** The ticket's authtime. */
  readonly authtime: number;
  /** The ticket's flags (`TicketFlags` masks), MIT's `ctx->krb_flags`. */
  readonly ticketFlags?: number;
  /** The ticket's authorization-data, MIT's `ctx->authdata`. */
  readonly authorizationData?: AuthorizationData;
  /** The ticket's PAC and whether its server checksum and client info verified. */
  readonly pac?: { readonly pac: Uint8Array; readonly verified: boolean };
  /** The authentication indicators of the ticket's CAMMACs that verified; absent for none. */
  readonly indicators?: readonly string[];
  /** The credential the initiator delegated (then `flags` has GSS_C_DELEG_FLAG). */
  readonly delegated?: Credential;
  /** With DCE style, after the first token: what `acceptDceReply` needs for the third. */
  readonly dce?: DceAcceptorState;
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
 * @throws {WrongTokenIdError} for a framed krb5 token of another TOK_ID.
 * @throws {GssError} GSS_S_DEFECTIVE_TOKEN (minor 0) for a token that is neither a framed krb5
 *   token nor a raw AP-REQ, and for a raw AP-REQ without DCE style or a framed one with it;
 *   GSS_S_FAILURE with minor 0 for a token too short for a TOK_ID or an AP-REQ that does not
 *   decode; otherwise MIT's major and
 *   minor for the failed check (a delegated KRB-CRED that does not read is GSS_S_FAILURE with
 *   `krb5_rd_cred`'s code), with a KRB-ERROR token when the initiator asked for mutual
 *   authentication.
 */
export function acceptContextToken(token: Uint8Array, options: AcceptorOptions): AcceptedContext {
  const raw = token[0] === RAW_AP_REQ;
  const parsed = raw ? null : parseContextToken(token);
  if (!raw && parsed === null) {
    throw failure(GSS_S_DEFECTIVE_TOKEN, { minor: 0, message: minorMessage(0) });
  }
  // Measured on MIT 1.20: a krb5 token too short for a TOK_ID fails as an undecodable AP-REQ.
  if (parsed?.tokId === null) {
    throw failure(GSS_S_FAILURE, { minor: 0, message: minorMessage(0) });
  }
  if (parsed !== null && parsed.tokId !== TOK_ID_AP_REQ) throw new WrongTokenIdError();
  let apReq: ApReq;
  try {
    apReq = decodeApReq(parsed === null ? token : parsed.message);
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    // MIT leaves the minor status unset (0) when `decode_krb5_ap_req` fails.
    throw failure(GSS_S_FAILURE, { minor: 0, message: minorMessage(0) });
  }

  let gssFlags = 0;
  try {
    const checked = checkApReq(apReq, options);
    const { authenticator, sessionKey } = checked;
    const subkey = authenticator.subkey;
    const checksum = readAuthenticatorChecksum(authenticator.cksum, options.channelBindings, {
      sessionKey,
      ...(subkey === undefined ? {} : { subkey: new KeyBlock(subkey.keytype, subkey.keyvalue) }),
    });
    gssFlags = checksum.flags;
    if (raw !== ((gssFlags & F.dceStyle) !== 0)) {
      throw new AcceptFailure(GSS_S_DEFECTIVE_TOKEN, 0);
    }
    return establish(checked, gssFlags | F.transferable, options, checksum.delegated);
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
  tokenFlags: number,
  options: AcceptorOptions,
  delegated: Credential | undefined,
): AcceptedContext {
  const dce = (tokenFlags & F.dceStyle) !== 0;
  // DCE style implies mutual authentication (`kg_accept_krb5`).
  const flags = dce ? tokenFlags | F.mutualAuthentication : tokenFlags;
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
  const initiatorName = unparseKrbPrincipal(checked.client);
  const extra = {
    initiatorName,
    authtime: ticket.authtime,
    ticketFlags: ticket.flags,
    authorizationData: ticket.authorizationData ?? [],
    ...pacOf(acceptTicketPac(ticket, checked.serviceKey)),
    ...indicatorsOf(acceptorTicketIndicators(ticket.authorizationData ?? [], checked.serviceKey)),
    ...(delegated === undefined || dce ? {} : { delegated }),
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
  if (dce) {
    // No PROT_READY for DCE style; GSS_C_DELEG_FLAG stays in the context (inquireContext
    // shows it), though `kg_accept_dce` leaves it out of the flags its last leg returns.
    const pending = { ...base, flags, acceptorSubkey, sendSeq };
    const state = { context: pending, sessionKey, initiatorName, authtime: ticket.authtime };
    return { token: apRep, context: pending, ...extra, dce: state };
  }
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

/**
 * MIT's `krb5_rd_req` fails for a CAMMAC that does not decode or lacks a svc-verifier; the
 * sim's KDC writes none such, and the sim accepts the ticket without indicators.
 */
function indicatorsOf(indicators: readonly string[] | null): Pick<AcceptedContext, 'indicators'> {
  return indicators === null || indicators.length === 0 ? {} : { indicators };
}

function pacOf(pac: AcceptedContext['pac'] | null): Pick<AcceptedContext, 'pac'> {
  return pac === null || pac === undefined ? {} : { pac };
}
