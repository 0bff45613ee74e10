/**
 * The initiator's first token (RFC 4121 §4.1): an AP-REQ framed with TOK_ID `01 00`, made as
 * MIT krb5 1.20's `kg_new_connection` and `krb5_mk_req_extended` make it: the context flags
 * from the flags asked for, a random initial sequence number below 2^30, a subkey of the
 * session key's enctype, the 0x8003 checksum (with the delegated KRB-CRED in Deleg when
 * delegating) and an authenticator sealed with key usage 11. With GSS_C_DCE_STYLE the AP-REQ
 * is sent raw, without the RFC 2743 framing (`make_ap_req_v1`).
 *
 * @module
 */

import type { ChannelBindings } from '../../../spec/channel-bindings.js';
import { RequirementFlag } from '../../../spec/flags.js';
import type { Clock } from '../../clock.js';
import { encrypt, type KeyBlock, makeRandomKey } from '../../crypto/index.js';
import type { RandomSource } from '../../random.js';
import type { Credential } from '../client/credential.js';
import { encodeApReq, encodeAuthenticator } from '../messages/ap-req.js';
import { ApOptions, TicketFlags } from '../messages/flags.js';
import { decodeTicket } from '../messages/ticket.js';
import { channelBindingsHash } from './channel-bindings-hash.js';
import { frameContextToken, TOK_ID_AP_REQ } from './context-token.js';
import { CKSUMTYPE_KG_CB, encodeGssChecksum } from './gss-checksum.js';
import { initialSequenceNumber } from './sequence-number.js';

/** RFC 4120 §7.5.1 key usage of the AP-REQ Authenticator. */
export const KEY_USAGE_AP_REQ_AUTH = 11;

const F = RequirementFlag;

/** The flags MIT keeps from those asked for (`kg_new_connection`). */
const KEPT_FLAGS =
  F.confidentiality |
  F.integrity |
  F.mutualAuthentication |
  F.replayDetection |
  F.outOfSequenceDetection |
  F.delegateToPeer |
  F.dceStyle |
  F.identify |
  F.extendedError;

/** How the first token is made. */
export interface InitiatorTokenOptions {
  /** The service ticket and its session key. */
  readonly credential: Credential;
  /** The flags asked for (`req_flags`, GSS_C_* bits). */
  readonly flags: number;
  /** The channel bindings; none by default. */
  readonly channelBindings?: ChannelBindings | null;
  /** The initiator's random source: sequence number, subkey, confounder, in MIT's order. */
  readonly random: RandomSource;
  /** The initiator's clock, for ctime and cusec. */
  readonly clock: Clock;
  /**
   * Makes the Deleg field when the context flags ask for delegation: the KRB-CRED of a
   * forwarded TGT sealed in `sessionKey` with `seqNumber` as its nonce (see `makeDelegation`),
   * or `undefined` when none can be made. It is called after the sequence number and the
   * subkey are drawn and before the authenticator is sealed, as MIT's `make_gss_checksum` runs.
   * Without it, or when it returns `undefined`, GSS_C_DELEG_FLAG (and GSS_C_DELEG_POLICY_FLAG)
   * are dropped from the context flags.
   */
  readonly delegate?: (args: DelegateArgs) => Uint8Array | undefined;
}

/** What the delegation callback gets. Holds a key: never print it. */
export interface DelegateArgs {
  /** The service ticket's session key, which seals the KRB-CRED. */
  readonly sessionKey: KeyBlock;
  /** The initial sequence number drawn: the KRB-CRED's nonce. */
  readonly seqNumber: number;
}

/** What the initiator keeps between its first token and the acceptor's AP-REP. */
export interface InitiatorState {
  /** The context flags (`ctx->gss_flags`), GSS_C_* bits. */
  readonly flags: number;
  /** The ticket's session key, which seals the AP-REP. */
  readonly sessionKey: KeyBlock;
  /** The initiator's subkey. */
  readonly subkey: KeyBlock;
  /**
   * The initiator's initial sequence number, as the authenticator carries it: one past the
   * number drawn when a KRB-CRED was made, which consumes it.
   */
  readonly seqNumber: number;
  /** The authenticator's ctime, which the AP-REP must repeat. */
  readonly ctime: number;
  /** The authenticator's cusec, which the AP-REP must repeat. */
  readonly cusec: number;
  /** The ticket's endtime. */
  readonly endtime: number;
}

/** The first token and the initiator's state. */
export interface InitiatorToken {
  /** The framed token; the raw AP-REQ with DCE style. */
  readonly token: Uint8Array;
  /** The state kept for the AP-REP, or to use at once without mutual authentication. */
  readonly state: InitiatorState;
}

/**
 * The context flags MIT's initiator sets for `requested`, before delegation is tried: conf,
 * integ and trans always, the kept ones asked for (delegation among them), mutual with DCE
 * style, and delegation with GSS_C_DELEG_POLICY_FLAG kept when that flag is asked for and the
 * service ticket is flagged ok-as-delegate (`ticketFlags`, RFC 4120 TicketFlags bits).
 */
export function initiatorFlags(requested: number, ticketFlags = 0): number {
  let flags = (requested & KEPT_FLAGS) | F.transferable | F.confidentiality | F.integrity;
  if ((requested & F.dceStyle) !== 0) flags |= F.mutualAuthentication;
  if ((requested & F.okAsDelegate) !== 0 && (ticketFlags & TicketFlags.okAsDelegate) !== 0) {
    flags |= F.delegateToPeer | F.okAsDelegate;
  }
  return flags;
}

/** Makes the initiator's first token. */
export function makeInitiatorToken(options: InitiatorTokenOptions): InitiatorToken {
  const { credential, random } = options;
  let flags = initiatorFlags(options.flags, credential.flags);
  const mutual = (flags & F.mutualAuthentication) !== 0;
  const dce = (flags & F.dceStyle) !== 0;

  const drawn = initialSequenceNumber(random);
  const subkey = makeRandomKey(credential.sessionKey.enctype, (n) => random.bytes(n));
  let deleg: Uint8Array | undefined;
  if ((flags & F.delegateToPeer) !== 0) {
    deleg = options.delegate?.({ sessionKey: credential.sessionKey, seqNumber: drawn });
    if (deleg === undefined) flags &= ~(F.delegateToPeer | F.okAsDelegate);
  }
  // `krb5_mk_ncred` takes the drawn number as the KRB-CRED's nonce and moves on to the next.
  const seqNumber = deleg === undefined ? drawn : (drawn + 1) >>> 0;
  const checksum = encodeGssChecksum({
    bnd: channelBindingsHash(options.channelBindings),
    flags,
    ...(deleg === undefined ? {} : { deleg }),
  });
  const { seconds: ctime, microseconds: cusec } = options.clock.usTimeOfDay();
  const authenticator = encodeAuthenticator({
    crealm: credential.client.realm,
    cname: credential.client.name,
    cksum: { cksumtype: CKSUMTYPE_KG_CB, checksum },
    cusec,
    ctime,
    subkey: { keytype: subkey.enctype, keyvalue: subkey.contents() },
    seqNumber,
  });
  const cipher = encrypt(credential.sessionKey, KEY_USAGE_AP_REQ_AUTH, authenticator, (n) =>
    random.bytes(n),
  );
  const apReq = encodeApReq({
    apOptions: mutual ? ApOptions.mutualRequired : 0,
    ticket: decodeTicket(credential.ticket),
    authenticator: { etype: credential.sessionKey.enctype, cipher },
  });

  return {
    token: dce ? apReq : frameContextToken(TOK_ID_AP_REQ, apReq),
    state: {
      flags,
      sessionKey: credential.sessionKey,
      subkey,
      seqNumber,
      ctime,
      cusec,
      endtime: credential.times.endtime,
    },
  };
}
