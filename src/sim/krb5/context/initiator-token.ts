/**
 * The initiator's first token (RFC 4121 §4.1): an AP-REQ framed with TOK_ID `01 00`, made as
 * MIT krb5 1.20's `kg_new_connection` and `krb5_mk_req_extended` make it: the context flags
 * from the flags asked for, a random initial sequence number below 2^30, a subkey of the
 * session key's enctype, the 0x8003 checksum and an authenticator sealed with key usage 11.
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
import { ApOptions } from '../messages/flags.js';
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
}

/** What the initiator keeps between its first token and the acceptor's AP-REP. */
export interface InitiatorState {
  /** The context flags (`ctx->gss_flags`), GSS_C_* bits. */
  readonly flags: number;
  /** The ticket's session key, which seals the AP-REP. */
  readonly sessionKey: KeyBlock;
  /** The initiator's subkey. */
  readonly subkey: KeyBlock;
  /** The initiator's initial sequence number. */
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
  /** The framed token. */
  readonly token: Uint8Array;
  /** The state kept for the AP-REP, or to use at once without mutual authentication. */
  readonly state: InitiatorState;
}

/**
 * The context flags MIT's initiator sets for `requested`: conf, integ and trans always, the
 * kept ones asked for, and mutual with DCE style. (Delegation is not made yet: its flag is
 * dropped, as MIT drops it when it cannot forward a TGT.)
 */
export function initiatorFlags(requested: number): number {
  let flags = (requested & KEPT_FLAGS) | F.transferable | F.confidentiality | F.integrity;
  if ((requested & F.dceStyle) !== 0) flags |= F.mutualAuthentication;
  return flags;
}

/**
 * Makes the initiator's first token.
 * @throws {RangeError} when DCE style is asked for (its raw AP-REQ is not made yet).
 */
export function makeInitiatorToken(options: InitiatorTokenOptions): InitiatorToken {
  const { credential, random } = options;
  const flags = initiatorFlags(options.flags);
  if ((flags & F.dceStyle) !== 0) {
    throw new RangeError('expected no DCE style: its raw AP-REQ is not made yet');
  }
  const mutual = (flags & F.mutualAuthentication) !== 0;

  const seqNumber = initialSequenceNumber(random);
  const subkey = makeRandomKey(credential.sessionKey.enctype, (n) => random.bytes(n));
  const checksum = encodeGssChecksum({ bnd: channelBindingsHash(options.channelBindings), flags });
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
    token: frameContextToken(TOK_ID_AP_REQ, apReq),
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
