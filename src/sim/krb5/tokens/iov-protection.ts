/**
 * The IOV and AEAD per-message calls of one end of an established RFC 4121 context
 * (`gss_wrap_iov`, `gss_unwrap_iov`, `gss_wrap_iov_length`, `gss_get_mic_iov`,
 * `gss_get_mic_iov_length`, `gss_verify_mic_iov`, `gss_wrap_aead`, `gss_unwrap_aead`), over
 * the same keys, send sequence number and receive window as `wrap` and `getMic`
 * (`message-protection.ts` builds both).
 *
 * Each call first asks the spec's `checkIovLayout` whether MIT accepts the buffer layout, then
 * works on copies of the buffers and writes them back into the caller's {@link IOV} only when
 * it succeeds, as the native backend does. The AEAD calls are MIT's mechglue shims over the
 * IOV calls: `HEADER | SIGN_ONLY | DATA | PADDING | TRAILER` to wrap, `STREAM | SIGN_ONLY |
 * DATA` to unwrap.
 *
 * @module
 */

import type { UnwrapAeadOptions, WrapAeadOptions } from '../../../spec/api/ext-messages.js';
import { GSS_IOV_BUFFER_FLAG_ALLOCATE, IOVBufferType } from '../../../spec/flags.js';
import type { IOV } from '../../../spec/iov.js';
import { checkIovLayout, IOV_REJECTIONS, type IovOperation } from '../../../spec/machines/iov.js';
import type { ProtectionOptions, QopOptions } from '../../../spec/options.js';
import type { IOVUnwrapResult, UnwrapResult, WrapResult } from '../../../spec/results.js';
import { GSS_S_FAILURE } from '../../../spec/status.js';
import type { RandomBytes } from '../../crypto/index.js';
import { code } from '../../errors/index.js';
import type { CfxKeys } from './cfx-keys.js';
import { concat } from './concat.js';
import { fillIov, type IovSlot, locate, octets, slotsOf, typeWords } from './iov-buffers.js';
import { type IovTokenKind, sealIov, sealIovLength } from './iov-seal.js';
import { unsealIov } from './iov-unseal.js';
import { streamFramingFailure, unsealStreamIov } from './iov-unseal-stream.js';
import type { TokenErrorFactory } from './token-status.js';

/** What every IOV call may be told about the context beyond its keys. */
export interface IovContextOptions {
  /** The context was established with GSS_C_DCE_STYLE. Default false. */
  readonly dceStyle?: boolean;
}

/** The IOV and AEAD calls of one end of a context. */
export interface IovProtection {
  /** GSS_Wrap over buffers, in place; returns whether it encrypted (`conf_state`). */
  wrapIov(message: IOV, options?: ProtectionOptions & IovContextOptions): boolean;
  /** Sizes the HEADER, PADDING and TRAILER of `message` in place; returns `conf_state`. */
  wrapIovLength(message: IOV, options?: ProtectionOptions & IovContextOptions): boolean;
  /** GSS_Unwrap over buffers (or one STREAM buffer), in place. */
  unwrapIov(message: IOV, options?: IovContextOptions): IOVUnwrapResult;
  /** GSS_GetMIC over buffers, written into the MIC_TOKEN buffer. */
  getMicIov(message: IOV, options?: QopOptions & IovContextOptions): void;
  /** Sizes the MIC_TOKEN buffer of `message` in place. */
  getMicIovLength(message: IOV, options?: QopOptions & IovContextOptions): void;
  /** GSS_VerifyMIC of the MIC_TOKEN buffer over the others; returns the QOP, always 0. */
  verifyMicIov(message: IOV, options?: IovContextOptions): number;
  /** GSS_Wrap with associated data protected but not sent. */
  wrapAead(message: Uint8Array, options?: WrapAeadOptions & IovContextOptions): WrapResult;
  /** GSS_Unwrap of a `wrapAead` token, given the same associated data. */
  unwrapAead(token: Uint8Array, options?: UnwrapAeadOptions & IovContextOptions): UnwrapResult;
}

/** What the IOV calls share with the other per-message calls of the context. */
export interface IovProtectionDependencies {
  readonly keys: CfxKeys;
  /** The DER contents of the context's mechanism OID. */
  readonly mech: Uint8Array;
  readonly error: TokenErrorFactory;
  readonly random: RandomBytes;
  /** The sequence number of the next token, not yet taken. */
  peekSendSeq(): bigint;
  /** Takes the next sequence number. */
  nextSendSeq(): bigint;
  /** Throws GSS_S_BAD_QOP for a QOP other than the default. */
  checkQop(operation: string, qop: number | null | undefined): void;
  /** Records SND_SEQ in the receive window; throws its supplementary status, if any. */
  checkWindow(operation: string, seqHi: number, seqLo: number): void;
}

/** The IOV and AEAD calls over the context's shared state. */
export function createIovProtection(deps: IovProtectionDependencies): IovProtection {
  const { keys, mech, error } = deps;

  /** The layout verdict of the spec machine; throws MIT's status for a refused layout. */
  function checkLayout(
    operation: string,
    call: IovOperation,
    words: readonly number[],
    options: { dceStyle: boolean; confidential?: boolean },
  ): void {
    const verdict = checkIovLayout(call, words, options);
    if (verdict.ok) return;
    throw error(operation, verdict.major, verdict.minor === undefined ? 0 : code(verdict.minor));
  }

  /**
   * The layout verdict of an unwrap. A STREAM refused for its DATA buffers is first checked
   * for its framing, which MIT does before it counts them (`kg_unseal_stream_iov`).
   */
  function checkUnwrapLayout(operation: string, slots: readonly IovSlot[], dceStyle: boolean) {
    const words = slots.map(
      (slot) => slot.type | (slot.allocate ? GSS_IOV_BUFFER_FLAG_ALLOCATE : 0),
    );
    const verdict = checkIovLayout('unwrapIov', words, { dceStyle });
    if (!verdict.ok && verdict === IOV_REJECTIONS.streamData) {
      const stream = locate(slots, IOVBufferType.stream);
      const framing = stream === null ? null : streamFramingFailure(octets(stream), mech);
      if (framing !== null) throw error(operation, framing.major, framing.minor);
    }
    checkLayout(operation, 'unwrapIov', words, { dceStyle });
  }

  function seal(
    operation: string,
    slots: readonly IovSlot[],
    kind: IovTokenKind,
    confidential: boolean,
    dceStyle: boolean,
  ): boolean {
    const sealed = sealIov(keys, slots, {
      kind,
      confidential,
      dceStyle,
      sndSeq: deps.peekSendSeq(),
      random: deps.random,
    });
    if (!sealed.ok) throw error(operation, GSS_S_FAILURE, sealed.minor);
    deps.nextSendSeq();
    return sealed.encrypted;
  }

  /** Unseals the slots (STREAM or HEADER path) and records the token in the window. */
  function unseal(
    operation: string,
    slots: readonly IovSlot[],
    kind: IovTokenKind,
    stream: boolean,
    dceStyle: boolean,
  ): boolean {
    const opened = stream
      ? unsealStreamIov(keys, slots, { mech })
      : unsealIov(keys, slots, { kind, dceStyle, mech });
    if (!opened.ok) throw error(operation, opened.major, opened.minor);
    deps.checkWindow(operation, opened.seqHi, opened.seqLo);
    return opened.encrypted;
  }

  return {
    wrapIov(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      const confidential = options.confidential ?? true;
      deps.checkQop('wrapIov', options.qop);
      checkLayout('wrapIov', 'wrapIov', typeWords(message), { dceStyle, confidential });

      const slots = slotsOf(message);
      const encrypted = seal('wrapIov', slots, 'wrap', confidential, dceStyle);
      fillIov(message, slots);
      return encrypted;
    },

    wrapIovLength(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      const confidential = options.confidential ?? true;
      deps.checkQop('wrapIovLength', options.qop);
      checkLayout('wrapIovLength', 'wrapIovLength', typeWords(message), { dceStyle, confidential });

      const slots = slotsOf(message);
      const encrypted = sealIovLength(keys, slots, { kind: 'wrap', confidential, dceStyle });
      fillIov(message, slots);
      return encrypted;
    },

    unwrapIov(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      const slots = slotsOf(message);
      checkUnwrapLayout('unwrapIov', slots, dceStyle);

      const stream = slots.some((slot) => slot.type === IOVBufferType.stream);
      const encrypted = unseal('unwrapIov', slots, 'wrap', stream, dceStyle);
      fillIov(message, slots);
      return { encrypted, qop: 0 };
    },

    getMicIov(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      deps.checkQop('getMicIov', options.qop);
      checkLayout('getMicIov', 'getMicIov', typeWords(message), { dceStyle });

      const slots = slotsOf(message);
      seal('getMicIov', slots, 'mic', false, dceStyle);
      fillIov(message, slots);
    },

    getMicIovLength(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      deps.checkQop('getMicIovLength', options.qop);
      checkLayout('getMicIovLength', 'getMicIovLength', typeWords(message), { dceStyle });

      const slots = slotsOf(message);
      sealIovLength(keys, slots, { kind: 'mic', confidential: false, dceStyle });
      fillIov(message, slots);
    },

    verifyMicIov(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      checkLayout('verifyMicIov', 'verifyMicIov', typeWords(message), { dceStyle });

      // MIT changes no buffer the caller sees, so the slots are not copied back.
      unseal('verifyMicIov', slotsOf(message), 'mic', false, dceStyle);
      return 0;
    },

    wrapAead(message, options = {}) {
      const dceStyle = options.dceStyle === true;
      const confidential = options.confidential ?? true;
      deps.checkQop('wrapAead', options.qop);

      const slots = aeadWrapSlots(message, options.associated ?? null);
      sealIovLength(keys, slots, { kind: 'wrap', confidential, dceStyle });
      for (const slot of slots) {
        if (slot.type !== IOVBufferType.data && slot.type !== IOVBufferType.signOnly) {
          slot.memory = new Uint8Array(slot.length);
        }
      }
      const encrypted = seal('wrapAead', slots, 'wrap', confidential, dceStyle);
      const token = slots.filter((slot) => slot.type !== IOVBufferType.signOnly).map(octets);
      return { message: concat(...token), encrypted };
    },

    unwrapAead(token, options = {}) {
      const dceStyle = options.dceStyle === true;
      const slots = aeadUnwrapSlots(token, options.associated ?? null);
      checkUnwrapLayout('unwrapAead', slots, dceStyle);

      const encrypted = unseal('unwrapAead', slots, 'wrap', true, dceStyle);
      const data = slots.at(-1);
      return {
        message: data === undefined ? new Uint8Array(0) : octets(data).slice(),
        encrypted,
        qop: 0,
      };
    },
  };
}

function slot(type: IOVBufferType, bytes: Uint8Array | null, allocate = false): IovSlot {
  return {
    type,
    allocate,
    memory: bytes === null || bytes.length === 0 ? null : Uint8Array.from(bytes),
    length: bytes?.length ?? 0,
    allocated: false,
  };
}

/** `gssint_wrap_aead_iov_shim`: HEADER | SIGN_ONLY (when given) | DATA | PADDING | TRAILER. */
function aeadWrapSlots(message: Uint8Array, associated: Uint8Array | null): IovSlot[] {
  return [
    slot(IOVBufferType.header, null),
    ...(associated === null ? [] : [slot(IOVBufferType.signOnly, associated)]),
    slot(IOVBufferType.data, message),
    slot(IOVBufferType.padding, null),
    slot(IOVBufferType.trailer, null),
  ];
}

/** `gssint_unwrap_aead_iov_shim`: STREAM | SIGN_ONLY (when given) | DATA, allocated. */
function aeadUnwrapSlots(token: Uint8Array, associated: Uint8Array | null): IovSlot[] {
  return [
    slot(IOVBufferType.stream, token),
    ...(associated === null ? [] : [slot(IOVBufferType.signOnly, associated)]),
    slot(IOVBufferType.data, null, true),
  ];
}
