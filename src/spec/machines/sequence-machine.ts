/**
 * The per-message receive window as an xstate machine: the executable spec that the
 * conformance suite walks. It states the same rules as the hot-path `checkSequence`
 * (`sequence.ts`), but in plain 64-bit `bigint` arithmetic as MIT's `g_seqstate_check`
 * (`src/lib/gssapi/generic/util_seqstate.c`) writes them, one guarded transition per case and
 * flag combination, so that a test can compare the two.
 *
 * @module
 */

import { assign, setup } from 'xstate';
import {
  GSS_S_COMPLETE,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
  GSS_S_OLD_TOKEN,
  GSS_S_UNSEQ_TOKEN,
} from '../status.js';

/** How far back the bitmap reaches: MIT keeps the 64 numbers below `next`. */
export const SEQUENCE_WINDOW_SIZE = 64n;

/** The input of {@link sequenceMachine}: the peer's initial number and the context flags. */
export interface SequenceMachineInput {
  /** The peer's initial sequence number (`base`). */
  readonly initial: bigint;
  /** GSS_C_REPLAY_FLAG is set on the context. */
  readonly replayDetection: boolean;
  /** GSS_C_SEQUENCE_FLAG is set on the context. */
  readonly outOfSequenceDetection: boolean;
  /** 64-bit sequence numbers (RFC 4121); 32-bit otherwise (RFC 1964). */
  readonly wide: boolean;
}

/** The context of {@link sequenceMachine}: MIT's `g_seqnum_state_st` plus the last status. */
export interface SequenceMachineContext {
  readonly doReplay: boolean;
  readonly doSequence: boolean;
  /** 2^32 - 1 or 2^64 - 1: arithmetic on relative numbers is masked with it. */
  readonly seqmask: bigint;
  readonly base: bigint;
  /** One more than the highest relative number received. */
  readonly next: bigint;
  /** Bit i set: relative number `next - 1 - i` was received. */
  readonly recvmap: bigint;
  /** The status of the last `receive`, or null before the first. */
  readonly status: number | null;
}

/** A per-message token carrying `seqnum` arrived (after its MIC or Wrap checksum verified). */
export interface SequenceReceiveEvent {
  readonly type: 'receive';
  /** The token's SND_SEQ (RFC 4121 §4.2.6.1) as an unsigned 64-bit integer. */
  readonly seqnum: bigint;
}

const U64 = 0xffff_ffff_ffff_ffffn;

function relative(context: SequenceMachineContext, seqnum: bigint): bigint {
  return (seqnum - context.base) & U64 & context.seqmask;
}

/** How far below `next` the number is; 0 or negative when it is at or above `next`. */
function behind(context: SequenceMachineContext, seqnum: bigint): bigint {
  return context.next - relative(context, seqnum);
}

function ahead(context: SequenceMachineContext, seqnum: bigint): boolean {
  return relative(context, seqnum) >= context.next;
}

function withinWindow(context: SequenceMachineContext, seqnum: bigint): boolean {
  return !ahead(context, seqnum) && behind(context, seqnum) <= SEQUENCE_WINDOW_SIZE;
}

function seenBefore(context: SequenceMachineContext, seqnum: bigint): boolean {
  return ((context.recvmap >> (behind(context, seqnum) - 1n)) & 1n) === 1n;
}

/**
 * The receive window of one context direction (RFC 2743 §1.2.3, RFC 4121 §4.2.6.1), as MIT's
 * `g_seqstate_check`. Send `{ type: 'receive', seqnum }` for every token whose checksum
 * verified; `context.status` is then what MIT ORs into the major status of unwrap/verifyMic.
 */
export const sequenceMachine = setup({
  // Type-only declarations (xstate's idiom): the `{} as T` values are never read.
  types: {
    input: {} as SequenceMachineInput,
    context: {} as SequenceMachineContext,
    events: {} as SequenceReceiveEvent,
  },
  guards: {
    /** `!do_replay && !do_sequence`: MIT returns before looking at the number. */
    checksNothing: ({ context }) => !context.doReplay && !context.doSequence,
    /** `rel_seqnum == next`. */
    inOrder: ({ context, event }) => relative(context, event.seqnum) === context.next,
    /** `rel_seqnum > next` with GSS_C_SEQUENCE_FLAG. */
    gapReported: ({ context, event }) =>
      relative(context, event.seqnum) > context.next && context.doSequence,
    /** `rel_seqnum > next` without GSS_C_SEQUENCE_FLAG. */
    gapSilent: ({ context, event }) =>
      relative(context, event.seqnum) > context.next && !context.doSequence,
    /** More than 64 below `next`, with GSS_C_SEQUENCE_FLAG. */
    tooOldUnsequenced: ({ context, event }) =>
      !ahead(context, event.seqnum) &&
      behind(context, event.seqnum) > SEQUENCE_WINDOW_SIZE &&
      context.doSequence,
    /** More than 64 below `next`, replay detection only. */
    tooOld: ({ context, event }) =>
      !ahead(context, event.seqnum) &&
      behind(context, event.seqnum) > SEQUENCE_WINDOW_SIZE &&
      !context.doSequence,
    /** In the window, its bit set, with GSS_C_REPLAY_FLAG. */
    duplicate: ({ context, event }) =>
      withinWindow(context, event.seqnum) && context.doReplay && seenBefore(context, event.seqnum),
    /** In the window and not a detected duplicate, with GSS_C_SEQUENCE_FLAG. */
    lateReported: ({ context, event }) =>
      withinWindow(context, event.seqnum) &&
      !(context.doReplay && seenBefore(context, event.seqnum)) &&
      context.doSequence,
    /** In the window, not seen before, replay detection only. */
    lateSilent: ({ context, event }) =>
      withinWindow(context, event.seqnum) &&
      !seenBefore(context, event.seqnum) &&
      context.doReplay &&
      !context.doSequence,
  },
  actions: {
    /**
     * `recvmap = (recvmap << (offset + 1)) | 1; next = (rel + 1) & seqmask`. The shift count
     * is taken modulo 64, as x86-64 and AArch64 do with C's undefined over-wide shift.
     */
    advance: assign(({ context, event }) => {
      const rel = relative(context, event.seqnum);
      const shift = (rel - context.next + 1n) % 64n;
      return {
        recvmap: ((context.recvmap << shift) & U64) | 1n,
        next: (rel + 1n) & context.seqmask,
      };
    }),
    /** `recvmap |= 1 << (offset - 1)`: the late number is now seen. */
    mark: assign(({ context, event }) => ({
      recvmap: context.recvmap | (1n << (behind(context, event.seqnum) - 1n)),
    })),
    /** Records the status this transition gives. */
    report: assign((_, params: { status: number }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'sequence',
  description:
    'Per-message receive window, RFC 2743 §1.2.3 and RFC 4121 §4.2.6.1, as MIT g_seqstate_check.',
  context: ({ input }) => ({
    doReplay: input.replayDetection,
    doSequence: input.outOfSequenceDetection,
    seqmask: input.wide ? U64 : 0xffff_ffffn,
    base: input.wide ? input.initial & U64 : input.initial & 0xffff_ffffn,
    next: 0n,
    recvmap: 0n,
    status: null,
  }),
  initial: 'configuring',
  states: {
    configuring: {
      description: 'g_seqstate_init: chooses between no checking and a window from the flags.',
      always: [{ guard: 'checksNothing', target: 'unchecked' }, { target: 'window' }],
    },
    unchecked: {
      description:
        'Neither GSS_C_REPLAY_FLAG nor GSS_C_SEQUENCE_FLAG: every token is GSS_S_COMPLETE ' +
        'and nothing is recorded (g_seqstate_check returns first).',
      on: {
        receive: {
          description: 'No flags: GSS_S_COMPLETE.',
          actions: { type: 'report', params: { status: GSS_S_COMPLETE } },
        },
      },
    },
    window: {
      description: 'A 64-number window below next, relative to the initial number.',
      initial: 'empty',
      states: {
        empty: { description: 'Nothing received yet: next = 0, recvmap = 0.' },
        inOrder: { description: 'The last token was the expected one.' },
        gap: { description: 'The last token skipped one or more numbers.' },
        tooOld: { description: 'The last token was more than 64 numbers behind.' },
        duplicate: { description: 'The last token was a replay that was detected.' },
        late: { description: 'The last token arrived after a later one, within the window.' },
      },
      on: {
        receive: [
          {
            guard: 'inOrder',
            target: '.inOrder',
            description: 'rel == next: in order, GSS_S_COMPLETE (RFC 2743 §1.2.3).',
            actions: ['advance', { type: 'report', params: { status: GSS_S_COMPLETE } }],
          },
          {
            guard: 'gapReported',
            target: '.gap',
            description: 'rel > next with sequencing: GSS_S_GAP_TOKEN.',
            actions: ['advance', { type: 'report', params: { status: GSS_S_GAP_TOKEN } }],
          },
          {
            guard: 'gapSilent',
            target: '.gap',
            description: 'rel > next, replay detection only: the gap is not reported.',
            actions: ['advance', { type: 'report', params: { status: GSS_S_COMPLETE } }],
          },
          {
            guard: 'tooOldUnsequenced',
            target: '.tooOld',
            description: 'More than 64 behind with sequencing: GSS_S_UNSEQ_TOKEN.',
            actions: { type: 'report', params: { status: GSS_S_UNSEQ_TOKEN } },
          },
          {
            guard: 'tooOld',
            target: '.tooOld',
            description: 'More than 64 behind, replay only: GSS_S_OLD_TOKEN.',
            actions: { type: 'report', params: { status: GSS_S_OLD_TOKEN } },
          },
          {
            guard: 'duplicate',
            target: '.duplicate',
            description: 'Seen before, replay detection on: GSS_S_DUPLICATE_TOKEN.',
            actions: { type: 'report', params: { status: GSS_S_DUPLICATE_TOKEN } },
          },
          {
            guard: 'lateReported',
            target: '.late',
            description:
              'Behind, in the window, not a detected replay, with sequencing: ' +
              'GSS_S_UNSEQ_TOKEN (a replay is not detected without GSS_C_REPLAY_FLAG).',
            actions: ['mark', { type: 'report', params: { status: GSS_S_UNSEQ_TOKEN } }],
          },
          {
            guard: 'lateSilent',
            target: '.late',
            description: 'Behind, in the window, not seen, replay only: GSS_S_COMPLETE.',
            actions: ['mark', { type: 'report', params: { status: GSS_S_COMPLETE } }],
          },
        ],
      },
    },
  },
});

/** The type of {@link sequenceMachine}, for callers that hold snapshots of it. */
export type SequenceMachine = typeof sequenceMachine;
