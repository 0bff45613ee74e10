/**
 * The per-message receive window (RFC 2743 §1.2.3, RFC 4121 §4.2.6.1), checked exactly as
 * MIT krb5 1.20 does in `g_seqstate_check` (`src/lib/gssapi/generic/util_seqstate.c`).
 *
 * This is the hot path: {@link checkSequence} runs on every unwrap and verifyMic. It works on
 * 64-bit quantities split into two unsigned 32-bit halves, so it allocates nothing (no
 * bigint) and only mutates the small {@link SequenceState} it is given. The same rules as an
 * xstate machine, for the conformance suite, are in `sequence-machine.ts`.
 *
 * The window, in MIT's words turned into ours:
 *
 * - every received number is taken relative to the peer's initial sequence number (`base`),
 *   modulo 2^32 or 2^64 ("wide" numbers, RFC 4121 tokens), so wrap-around needs no special case;
 * - `next` is one more than the highest relative number seen; `recvmap` is a 64-bit bitmap of
 *   the 64 numbers below `next` (bit i set: `next - 1 - i` was received);
 * - a number at or above `next` advances the window: in order when it equals `next`, a gap
 *   otherwise; a number below `next` is too old when more than 64 behind, else a duplicate if
 *   its bit is set and replay detection is on, else late (and its bit gets set).
 *
 * @module
 */

import {
  GSS_S_COMPLETE,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
  GSS_S_OLD_TOKEN,
  GSS_S_UNSEQ_TOKEN,
} from '../status.js';

const TWO_32 = 0x1_0000_0000;

/**
 * The receive-window state of one direction of a context: MIT's `g_seqnum_state_st`, with
 * each 64-bit field split into high and low unsigned 32-bit words.
 */
export interface SequenceState {
  /** GSS_C_REPLAY_FLAG was negotiated: duplicates are reported. */
  readonly doReplay: boolean;
  /** GSS_C_SEQUENCE_FLAG was negotiated: gaps and out-of-order tokens are reported. */
  readonly doSequence: boolean;
  /** Sequence numbers are 64-bit (RFC 4121 tokens) rather than 32-bit (RFC 1964 tokens). */
  readonly wide: boolean;
  /** High word of the peer's initial sequence number. */
  readonly baseHi: number;
  /** Low word of the peer's initial sequence number. */
  readonly baseLo: number;
  /** High word of the next expected number, relative to `base`. */
  nextHi: number;
  /** Low word of the next expected number, relative to `base`. */
  nextLo: number;
  /** High word of the 64-bit received bitmap. */
  mapHi: number;
  /** Low word of the 64-bit received bitmap; bit 0 is `next - 1`. */
  mapLo: number;
}

/** The flags of a receive window, as negotiated for the context. */
export interface SequenceOptions {
  /** GSS_C_REPLAY_FLAG is set on the context. */
  readonly replayDetection: boolean;
  /** GSS_C_SEQUENCE_FLAG is set on the context. */
  readonly outOfSequenceDetection: boolean;
  /** 64-bit sequence numbers (RFC 4121 CFX tokens); 32-bit otherwise (RFC 1964). */
  readonly wide: boolean;
}

/**
 * A fresh window whose first expected number is `initial` (MIT `g_seqstate_init`): the
 * acceptor's `seq_recv` from the AP-REQ authenticator, or the initiator's from the AP-REP
 * (or its own send number when there is no AP-REP, `init_sec_context.c` `kg_new_connection`).
 * @throws {RangeError} when `initial` is not an unsigned 64-bit integer.
 */
export function createSequenceState(
  initial: number | bigint,
  options: SequenceOptions,
): SequenceState {
  const [hi, lo] = splitWords(initial, 'createSequenceState');

  return {
    doReplay: options.replayDetection,
    doSequence: options.outOfSequenceDetection,
    wide: options.wide,
    baseHi: options.wide ? hi : 0,
    baseLo: lo,
    nextHi: 0,
    nextLo: 0,
    mapHi: 0,
    mapLo: 0,
  };
}

/**
 * Checks one received sequence number against the window and records it, as MIT's
 * `g_seqstate_check`. Returns `GSS_S_COMPLETE` or exactly one supplementary bit:
 *
 * | case (relative to `next`)      | neither  | replay    | sequence    | both        |
 * |--------------------------------|----------|-----------|-------------|-------------|
 * | equal: in order                | COMPLETE | COMPLETE  | COMPLETE    | COMPLETE    |
 * | above: a gap                   | COMPLETE | COMPLETE  | GAP_TOKEN   | GAP_TOKEN   |
 * | more than 64 below: too old    | COMPLETE | OLD_TOKEN | UNSEQ_TOKEN | UNSEQ_TOKEN |
 * | 64 or fewer below, seen before | COMPLETE | DUPLICATE | UNSEQ_TOKEN | DUPLICATE   |
 * | 64 or fewer below, not seen    | COMPLETE | COMPLETE  | UNSEQ_TOKEN | UNSEQ_TOKEN |
 *
 * With neither flag MIT checks nothing and records nothing. For a 32-bit window only the low
 * 32 bits of `seqnum` count.
 *
 * Note: when the window advances by 63 or more, MIT shifts the 64-bit bitmap by 64 or more
 * bits, which C leaves undefined; x86-64 and AArch64 take the count modulo 64, so the old
 * bitmap survives, shifted by `(gap + 1) mod 64`. This function reproduces that, so a late
 * token after a long jump can be reported as a duplicate exactly as the native library does.
 *
 * @throws {RangeError} when `seqnum` is not an unsigned 64-bit integer (a safe integer or a
 *   bigint).
 */
export function checkSequence(state: SequenceState, seqnum: number | bigint): number {
  if (typeof seqnum === 'number' && Number.isSafeInteger(seqnum) && seqnum >= 0) {
    const hi = Math.floor(seqnum / TWO_32);
    return checkSequenceWords(state, hi, seqnum >>> 0);
  }
  const [hi, lo] = splitWords(seqnum, 'checkSequence');
  return checkSequenceWords(state, hi, lo);
}

/**
 * {@link checkSequence} for a sequence number given as its high and low unsigned 32-bit words,
 * as read from an RFC 4121 token header (`SND_SEQ`, octets 8..15, big-endian). The words are
 * not checked; callers pass values read with `DataView.getUint32`.
 */
export function checkSequenceWords(state: SequenceState, hi: number, lo: number): number {
  if (!state.doReplay && !state.doSequence) return GSS_S_COMPLETE;

  // rel = (seqnum - base) & seqmask
  let relLo = lo - state.baseLo;
  const borrow = relLo < 0 ? 1 : 0;
  relLo >>>= 0;
  const relHi = state.wide ? (hi - state.baseHi - borrow) >>> 0 : 0;

  if (relHi > state.nextHi || (relHi === state.nextHi && relLo >= state.nextLo)) {
    return advance(state, relHi, relLo);
  }
  return lookBack(state, relHi, relLo);
}

/** A number at or above `next`: shift the bitmap, move `next` past it. */
function advance(state: SequenceState, relHi: number, relLo: number): number {
  let offsetLo = relLo - state.nextLo;
  const borrow = offsetLo < 0 ? 1 : 0;
  offsetLo >>>= 0;
  const offsetHi = (relHi - state.nextHi - borrow) >>> 0;

  // recvmap = (recvmap << (offset + 1)) | 1, the shift count taken modulo 64 as the hardware
  // does; 2^32 is a multiple of 64, so only the low word of the offset matters.
  const shift = (offsetLo + 1) & 63;
  if (shift >= 32) {
    state.mapHi = (state.mapLo << (shift - 32)) >>> 0;
    state.mapLo = 0;
  } else if (shift > 0) {
    state.mapHi = ((state.mapHi << shift) | (state.mapLo >>> (32 - shift))) >>> 0;
    state.mapLo = (state.mapLo << shift) >>> 0;
  }
  state.mapLo = (state.mapLo | 1) >>> 0;

  // next = (rel + 1) & seqmask
  const nextLo = relLo + 1;
  const carry = nextLo === TWO_32 ? 1 : 0;
  state.nextLo = nextLo >>> 0;
  state.nextHi = state.wide ? (relHi + carry) >>> 0 : 0;

  const gap = offsetLo !== 0 || offsetHi !== 0;
  return gap && state.doSequence ? GSS_S_GAP_TOKEN : GSS_S_COMPLETE;
}

/** A number below `next`: too old, a duplicate, or late. */
function lookBack(state: SequenceState, relHi: number, relLo: number): number {
  let offsetLo = state.nextLo - relLo;
  const borrow = offsetLo < 0 ? 1 : 0;
  offsetLo >>>= 0;
  const offsetHi = state.nextHi - relHi - borrow;

  if (offsetHi !== 0 || offsetLo > 64) {
    return state.doSequence ? GSS_S_UNSEQ_TOKEN : GSS_S_OLD_TOKEN;
  }

  const bit = offsetLo - 1;
  const seen =
    bit < 32 ? ((state.mapLo >>> bit) & 1) === 1 : ((state.mapHi >>> (bit - 32)) & 1) === 1;
  if (state.doReplay && seen) return GSS_S_DUPLICATE_TOKEN;

  if (bit < 32) state.mapLo = (state.mapLo | (1 << bit)) >>> 0;
  else state.mapHi = (state.mapHi | (1 << (bit - 32))) >>> 0;

  return state.doSequence ? GSS_S_UNSEQ_TOKEN : GSS_S_COMPLETE;
}

function splitWords(value: number | bigint, caller: string): [hi: number, lo: number] {
  if (typeof value === 'bigint') {
    if (value < 0n || value > 0xffff_ffff_ffff_ffffn) {
      throw new RangeError(`${caller}: expected an unsigned 64-bit sequence number, got ${value}`);
    }
    return [Number(value >> 32n), Number(value & 0xffff_ffffn)];
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${caller}: expected an unsigned safe integer or a bigint, got ${String(value)}`,
    );
  }
  return [Math.floor(value / TWO_32), value >>> 0];
}
