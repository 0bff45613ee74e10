/**
 * What one end of an RFC 4121 context knows once it is established: the keys, the sequence
 * numbers and the flags MIT krb5 1.20 returns, and the options of `createMessageProtection`
 * made from them.
 *
 * @module
 */

import { RequirementFlag } from '../../../spec/flags.js';
import type { KeyBlock, RandomBytes } from '../../crypto/index.js';
import type { MessageProtectionOptions } from '../tokens/index.js';

/** One established end. Holds keys: never print it. */
export interface EstablishedContext {
  /** Whether this end initiated the context. */
  readonly initiator: boolean;
  /** The flags MIT returns from the last establishment call (`ret_flags`), GSS_C_* bits. */
  readonly flags: number;
  /** The context key: the initiator's subkey (the session key without one). */
  readonly ctxKey: KeyBlock;
  /** The acceptor's subkey from the AP-REP, or null. */
  readonly acceptorSubkey: KeyBlock | null;
  /** This end's initial sequence number. */
  readonly sendSeq: number;
  /** The peer's initial sequence number. */
  readonly recvSeq: number;
  /** The ticket's endtime (seconds since 1970). */
  readonly endtime: number;
}

/** The options of `createMessageProtection` for an established end. */
export function protectionOptions(
  context: EstablishedContext,
  random: RandomBytes,
): MessageProtectionOptions {
  return {
    initiator: context.initiator,
    ctxKey: context.ctxKey,
    acceptorSubkey: context.acceptorSubkey,
    sendSeq: context.sendSeq,
    recvSeq: context.recvSeq,
    replayDetection: (context.flags & RequirementFlag.replayDetection) !== 0,
    outOfSequenceDetection: (context.flags & RequirementFlag.outOfSequenceDetection) !== 0,
    random,
  };
}
