/**
 * The per-message calls of one end of an established RFC 4121 context, on bytes:
 * `getMic`, `verifyMic`, `wrap`, `unwrap` and `wrapSizeLimit`, with the sequence numbers and
 * the receive window MIT 1.20 keeps (`k5seal.c`, `k5unseal.c`, `k5sealv3.c`,
 * `util_seqstate.c`), and MIT's status for every failure.
 *
 * Like the native backend, a token that passes every check but the sequence window throws the
 * supplementary status alone (`DuplicateTokenError`, `ExpiredTokenError`, `TokenTooLateError`,
 * `TokenTooEarlyError`); the window records it all the same, as MIT's does.
 *
 * @module
 */

import {
  checkSequenceWords,
  createSequenceState,
  type SequenceState,
} from '../../../spec/machines/sequence.js';
import { MechType } from '../../../spec/oids.js';
import type { ProtectionOptions, QopOptions } from '../../../spec/options.js';
import type { UnwrapResult, WrapResult } from '../../../spec/results.js';
import {
  GSS_S_BAD_QOP,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_COMPLETE,
} from '../../../spec/status.js';
import type { KeyBlock, RandomBytes } from '../../crypto/index.js';
import { G_UNKNOWN_QOP } from '../../errors/index.js';
import type { CfxKeys } from './cfx-keys.js';
import { createIovProtection, type IovProtection } from './iov-protection.js';
import { checkMicToken, makeMicToken } from './mic-token.js';
import { tokenBody } from './token-body.js';
import { type TokenErrorFactory, tokenError } from './token-status.js';
import { wrapSizeLimit } from './wrap-size-limit.js';
import { makeWrapToken, openWrapToken } from './wrap-token.js';

/** What one end of an established RFC 4121 context knows for its per-message tokens. */
export interface MessageProtectionOptions {
  /** Whether this end initiated the context. */
  readonly initiator: boolean;
  /** The context key (the initiator's subkey, or the session key without one). */
  readonly ctxKey: KeyBlock;
  /** The acceptor's subkey, when the AP-REP carried one. Default none. */
  readonly acceptorSubkey?: KeyBlock | null;
  /** The sequence number of this end's next token (an unsigned 64-bit number). */
  readonly sendSeq: bigint | number;
  /** The peer's initial sequence number, where the receive window starts. */
  readonly recvSeq: bigint | number;
  /** GSS_C_REPLAY_FLAG is set on the context. */
  readonly replayDetection: boolean;
  /** GSS_C_SEQUENCE_FLAG is set on the context. */
  readonly outOfSequenceDetection: boolean;
  /** Where confounders come from (the realm's seeded source in the sim). */
  readonly random: RandomBytes;
  /**
   * The DER contents of the context's mechanism OID, which a wrapped received token must name
   * (MIT `ctx->mech_used`). Default the krb5 mechanism, 1.2.840.113554.1.2.2.
   */
  readonly mech?: Uint8Array;
  /** Makes the errors thrown. Default {@link tokenError}. */
  readonly error?: TokenErrorFactory;
  /**
   * The receive window to go on with (an imported context's), copied; default a fresh window
   * starting at {@link MessageProtectionOptions.recvSeq}.
   */
  readonly receiveWindow?: Readonly<SequenceState>;
  /** Whether the context key's checksums can be verified (see `CfxKeys`). Default true. */
  readonly ctxKeyChecksum?: boolean;
}

/**
 * The per-message calls of one end of a context, on bytes, and the IOV and AEAD calls
 * (`iov-protection.ts`), which share its sequence numbers and receive window.
 */
export interface MessageProtection extends IovProtection {
  /** A MIC token over `message` (GSS_GetMIC); the send sequence number advances. */
  getMic(message: Uint8Array, options?: QopOptions): Uint8Array;
  /** Checks a MIC token (GSS_VerifyMIC); returns the QOP, always 0. */
  verifyMic(message: Uint8Array, token: Uint8Array): number;
  /** A Wrap token (GSS_Wrap), sealed unless `confidential` is false. */
  wrap(message: Uint8Array, options?: ProtectionOptions): WrapResult;
  /** The message of a Wrap token (GSS_Unwrap). */
  unwrap(token: Uint8Array): UnwrapResult;
  /** The longest message whose Wrap token fits in `outputSize` octets (GSS_Wrap_size_limit). */
  wrapSizeLimit(outputSize: number, options?: ProtectionOptions): number;
  /** The sequence number of the next token this end sends. */
  readonly sendSeq: bigint;
  /** The receive window (for exporting the context). */
  readonly receiveWindow: Readonly<SequenceState>;
}

const SEQ_MASK = 0xffff_ffff_ffff_ffffn;

/**
 * The per-message calls of one end of an established RFC 4121 context.
 *
 * @param options the context's keys, sequence numbers and flags.
 * @throws {RangeError} when a sequence number is not an unsigned 64-bit integer.
 */
export function createMessageProtection(options: MessageProtectionOptions): MessageProtection {
  const keys: CfxKeys = {
    initiator: options.initiator,
    ctxKey: options.ctxKey,
    acceptorSubkey: options.acceptorSubkey ?? null,
    ctxKeyChecksum: options.ctxKeyChecksum ?? true,
  };
  const mech = options.mech ?? MechType.kerberos.bytes;
  const error = options.error ?? tokenError;
  const random = options.random;
  const window: SequenceState =
    options.receiveWindow === undefined
      ? createSequenceState(options.recvSeq, {
          replayDetection: options.replayDetection,
          outOfSequenceDetection: options.outOfSequenceDetection,
          wide: true,
        })
      : { ...options.receiveWindow };
  let sendSeq = checkSequenceNumber(options.sendSeq);

  function checkQop(operation: string, qop: number | null | undefined): void {
    if ((qop ?? 0) !== 0) throw error(operation, GSS_S_BAD_QOP, G_UNKNOWN_QOP);
  }

  function nextSendSeq(): bigint {
    const current = sendSeq;
    sendSeq = (sendSeq + 1n) & SEQ_MASK;
    return current;
  }

  /** The sequence window's verdict: nothing on success, a supplementary status thrown. */
  function checkWindow(operation: string, seqHi: number, seqLo: number): void {
    const status = checkSequenceWords(window, seqHi, seqLo);
    if (status !== GSS_S_COMPLETE) throw error(operation, status, 0);
  }

  const iov = createIovProtection({
    keys,
    mech,
    error,
    random,
    peekSendSeq: () => sendSeq,
    nextSendSeq,
    checkQop,
    checkWindow,
  });

  return {
    ...iov,

    get sendSeq() {
      return sendSeq;
    },

    get receiveWindow() {
      return window;
    },

    getMic(message, callOptions = {}) {
      checkQop('getMic', callOptions.qop);

      return makeMicToken(keys, message, nextSendSeq());
    },

    verifyMic(message, token) {
      if (token.length === 0) throw error('verifyMic', GSS_S_CALL_INACCESSIBLE_READ, 0);

      const body = tokenBody(token, mech);
      if (!body.ok) throw error('verifyMic', body.major, body.minor);
      const checked = checkMicToken(keys, message, body.body);
      if (!checked.ok) throw error('verifyMic', checked.major, checked.minor);

      checkWindow('verifyMic', checked.seqHi, checked.seqLo);
      return 0;
    },

    wrap(message, callOptions = {}) {
      checkQop('wrap', callOptions.qop);
      const confidential = callOptions.confidential ?? true;

      const token = makeWrapToken(keys, message, sendSeq, confidential, random);
      nextSendSeq();
      return { message: token, encrypted: confidential };
    },

    unwrap(token) {
      if (token.length === 0) throw error('unwrap', GSS_S_CALL_INACCESSIBLE_READ, 0);

      const body = tokenBody(token, mech);
      if (!body.ok) throw error('unwrap', body.major, body.minor);
      const opened = openWrapToken(keys, body.body);
      if (!opened.ok) throw error('unwrap', opened.major, opened.minor);

      checkWindow('unwrap', opened.seqHi, opened.seqLo);
      return { message: opened.message, encrypted: opened.encrypted, qop: 0 };
    },

    wrapSizeLimit(outputSize, callOptions = {}) {
      checkQop('wrapSizeLimit', callOptions.qop);

      return wrapSizeLimit(keys, callOptions.confidential ?? true, outputSize);
    },
  };
}

function checkSequenceNumber(value: bigint | number): bigint {
  const seq = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : -1n;
  if (seq < 0n || seq > SEQ_MASK) {
    throw new RangeError(`expected an unsigned 64-bit sequence number, got ${String(value)}`);
  }

  return seq;
}
