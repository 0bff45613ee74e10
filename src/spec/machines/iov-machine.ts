/**
 * The IOV layout rules of `iov.ts` as an xstate machine, for the conformance suite: the
 * buffers of a call arrive one `buffer` event at a time, `end` closes the list, and the machine
 * ends in `accepted` or `rejected` with the verdict as its output. One state per IOV call
 * holds that call's rules, each a guarded transition naming the MIT function it encodes.
 *
 * @module
 */

import { assign, setup } from 'xstate';
import { GSS_IOV_BUFFER_FLAG_ALLOCATE, IOVBufferType } from '../flags.js';
import { GSS_S_COMPLETE } from '../status.js';
import {
  IOV_REJECTIONS,
  type IovLayoutOptions,
  type IovLayoutVerdict,
  type IovOperation,
} from './iov.js';

/** The input of {@link iovMachine}: the call and the context's relevant flags. */
export interface IovMachineInput extends IovLayoutOptions {
  readonly operation: IovOperation;
}

/** Buffer types the rules look at; every other type is ignored by MIT. */
export type IovSlotName = 'header' | 'trailer' | 'micToken' | 'stream' | 'data';

/** What the machine remembers of one buffer type: how many, the last index, its flag. */
export interface IovSlot {
  readonly count: number;
  readonly index: number;
  readonly allocate: boolean;
}

/** The context of {@link iovMachine}. */
export interface IovMachineContext {
  readonly operation: IovOperation;
  readonly dceStyle: boolean;
  readonly confidential: boolean;
  /** The index the next buffer will have. */
  readonly position: number;
  readonly slots: Readonly<Record<IovSlotName, IovSlot>>;
  /** The verdict, once `end` was received. */
  readonly verdict: IovLayoutVerdict | null;
}

/** One buffer of the list: its C `type` word (type OR'ed with flags). */
export interface IovBufferEvent {
  readonly type: 'buffer';
  readonly word: number;
}

/** The end of the buffer list. */
export interface IovEndEvent {
  readonly type: 'end';
}

const SLOT_TYPES: ReadonlyArray<readonly [IovSlotName, number]> = [
  ['header', IOVBufferType.header],
  ['trailer', IOVBufferType.trailer],
  ['micToken', IOVBufferType.micToken],
  ['stream', IOVBufferType.stream],
  ['data', IOVBufferType.data],
];

const EMPTY_SLOT: IovSlot = { count: 0, index: -1, allocate: false };

const unique = (slot: IovSlot): boolean => slot.count === 1;

const reject = (verdict: IovLayoutVerdict) => ({ type: 'reject', params: { verdict } }) as const;

const accept = (allocatable: readonly IovSlotName[], stream = false) =>
  ({ type: 'accept', params: { allocatable, stream } }) as const;

/**
 * The IOV layout rules of MIT krb5 1.20 for an established CFX context, one call per run.
 * Input `{ operation, dceStyle?, confidential? }`; send each buffer's type word, then `end`;
 * the output is the {@link IovLayoutVerdict} that `checkIovLayout` also returns.
 */
export const iovMachine = setup({
  // Type-only declarations (xstate's idiom): the `{} as T` values are never read.
  types: {
    input: {} as IovMachineInput,
    context: {} as IovMachineContext,
    events: {} as IovBufferEvent | IovEndEvent,
    output: {} as IovLayoutVerdict | null,
  },
  guards: {
    operationIs: ({ context }, params: { operation: IovOperation }) =>
      context.operation === params.operation,
    /** `kg_locate_iov(HEADER)` finds exactly one. */
    noSingleHeader: ({ context }) => !unique(context.slots.header),
    /** `kg_locate_iov(MIC_TOKEN)` finds exactly one. */
    noSingleMicToken: ({ context }) => !unique(context.slots.micToken),
    /** `kg_locate_iov(STREAM)` finds exactly one: the stream path is taken. */
    singleStream: ({ context }) => unique(context.slots.stream),
    /** The stream path on a DCE-style context. */
    dceStream: ({ context }) => unique(context.slots.stream) && context.dceStyle,
    /** Exactly one TRAILER, flagged ALLOCATE. */
    allocatedTrailer: ({ context }) =>
      unique(context.slots.trailer) && context.slots.trailer.allocate,
    /** The stream path without exactly one DATA buffer. */
    streamWithoutSingleData: ({ context }) =>
      unique(context.slots.stream) && !unique(context.slots.data),
  },
  actions: {
    /** Counts a buffer under its type, if it is a type the rules look at. */
    record: assign(({ context, event }) => {
      if (event.type !== 'buffer') return {};
      const type = event.word & 0xffff;
      const entry = SLOT_TYPES.find(([, value]) => value === type);
      const position = context.position + 1;
      if (entry === undefined) return { position };
      const [name] = entry;
      const slot = context.slots[name];
      const allocate = (event.word & GSS_IOV_BUFFER_FLAG_ALLOCATE) !== 0;
      const next = { count: slot.count + 1, index: context.position, allocate };
      return { position, slots: { ...context.slots, [name]: next } };
    }),
    reject: assign((_, params: { verdict: IovLayoutVerdict }) => ({ verdict: params.verdict })),
    /** Accepts the layout; flagged buffers of the `allocatable` types are allocated. */
    accept: assign(
      ({ context }, params: { allocatable: readonly IovSlotName[]; stream: boolean }) => {
        const allocated = params.allocatable
          .map((name) => context.slots[name])
          .filter((slot) => unique(slot) && slot.allocate)
          .map((slot) => slot.index)
          .sort((a, b) => a - b);
        const wraps = context.operation === 'wrapIov' || context.operation === 'wrapIovLength';
        const integrityOnly = wraps && context.confidential && context.slots.data.count === 0;
        const verdict: IovLayoutVerdict = {
          ok: true,
          major: GSS_S_COMPLETE,
          allocated,
          ...(integrityOnly ? { integrityOnly } : {}),
          ...(params.stream ? { stream: true } : {}),
        };
        return { verdict };
      },
    ),
  },
}).createMachine({
  id: 'iov',
  description: 'IOV layouts MIT krb5 1.20 accepts for RFC 4121 contexts (gssapi_ext.h IOV calls).',
  context: ({ input }) => ({
    operation: input.operation,
    dceStyle: input.dceStyle === true,
    confidential: input.confidential === true,
    position: 0,
    slots: {
      header: EMPTY_SLOT,
      trailer: EMPTY_SLOT,
      micToken: EMPTY_SLOT,
      stream: EMPTY_SLOT,
      data: EMPTY_SLOT,
    },
    verdict: null,
  }),
  output: ({ context }) => context.verdict,
  initial: 'routing',
  states: {
    routing: {
      description: 'Chooses the rules of the call.',
      always: [
        { guard: { type: 'operationIs', params: { operation: 'wrapIov' } }, target: 'wrapIov' },
        {
          guard: { type: 'operationIs', params: { operation: 'wrapIovLength' } },
          target: 'wrapIovLength',
        },
        { guard: { type: 'operationIs', params: { operation: 'unwrapIov' } }, target: 'unwrapIov' },
        { guard: { type: 'operationIs', params: { operation: 'getMicIov' } }, target: 'getMicIov' },
        {
          guard: { type: 'operationIs', params: { operation: 'getMicIovLength' } },
          target: 'getMicIovLength',
        },
        { target: 'verifyMicIov' },
      ],
    },
    wrapIov: {
      description: 'gss_krb5int_make_seal_token_v3_iov (k5sealv3iov.c).',
      on: {
        buffer: { actions: 'record' },
        end: [
          {
            guard: 'noSingleHeader',
            target: 'rejected',
            description: 'kg_locate_header_iov finds no single HEADER: EINVAL, GSS_S_FAILURE.',
            actions: reject(IOV_REJECTIONS.missingHeader),
          },
          {
            target: 'accepted',
            description:
              'HEADER and a single TRAILER are allocated when flagged; PADDING gets length 0.',
            actions: accept(['header', 'trailer']),
          },
        ],
      },
    },
    wrapIovLength: {
      description: 'kg_seal_iov_length (k5sealiov.c): sets lengths, allocates nothing.',
      on: {
        buffer: { actions: 'record' },
        end: [
          {
            guard: 'noSingleHeader',
            target: 'rejected',
            description: 'No single HEADER: EINVAL, GSS_S_FAILURE.',
            actions: reject(IOV_REJECTIONS.missingHeader),
          },
          { target: 'accepted', description: 'Lengths set.', actions: accept([]) },
        ],
      },
    },
    unwrapIov: {
      description: 'kg_unseal_iov (k5unsealiov.c): the STREAM path or the HEADER path.',
      on: {
        buffer: { actions: 'record' },
        end: [
          {
            guard: 'dceStream',
            target: 'rejected',
            description: 'kg_unseal_stream_iov refuses DCE-style contexts: EINVAL.',
            actions: reject(IOV_REJECTIONS.dceStream),
          },
          {
            guard: 'streamWithoutSingleData',
            target: 'rejected',
            description: 'kg_unseal_stream_iov: "a single DATA buffer must be present".',
            actions: reject(IOV_REJECTIONS.streamData),
          },
          {
            guard: 'singleStream',
            target: 'accepted',
            description: 'The stream is split in place; DATA is allocated (a copy) when flagged.',
            actions: accept(['data'], true),
          },
          {
            guard: 'noSingleHeader',
            target: 'rejected',
            description: 'kg_unseal_iov_token: no single HEADER, EINVAL.',
            actions: reject(IOV_REJECTIONS.missingHeader),
          },
          { target: 'accepted', description: 'Unwrapped in place.', actions: accept([]) },
        ],
      },
    },
    getMicIov: {
      description: 'kg_seal_iov with KG_TOK_MIC_MSG: the whole MIC goes into MIC_TOKEN.',
      on: {
        buffer: { actions: 'record' },
        end: [
          {
            guard: 'noSingleMicToken',
            target: 'rejected',
            description: 'kg_locate_header_iov finds no single MIC_TOKEN: EINVAL.',
            actions: reject(IOV_REJECTIONS.missingHeader),
          },
          {
            guard: 'allocatedTrailer',
            target: 'rejected',
            description:
              'kg_seal_iov sets trailer = NULL for a MIC and never fills one, but ' +
              'checksum_iov_v3 finds the flagged TRAILER and refuses its length 0: ' +
              'KRB5_BAD_MSIZE, GSS_S_FAILURE (measured on MIT 1.20.1).',
            actions: reject(IOV_REJECTIONS.micTrailer),
          },
          {
            target: 'accepted',
            description: 'MIC_TOKEN is allocated when flagged.',
            actions: accept(['micToken']),
          },
        ],
      },
    },
    getMicIovLength: {
      description:
        'kg_seal_iov_length with KG_TOK_MIC_MSG. With a TRAILER it reports the checksum ' +
        'length there, although getMicIov puts the checksum in MIC_TOKEN.',
      on: {
        buffer: { actions: 'record' },
        end: [
          {
            guard: 'noSingleMicToken',
            target: 'rejected',
            description: 'No single MIC_TOKEN: EINVAL.',
            actions: reject(IOV_REJECTIONS.missingHeader),
          },
          { target: 'accepted', description: 'Lengths set.', actions: accept([]) },
        ],
      },
    },
    verifyMicIov: {
      description: 'kg_unseal_iov with KG_TOK_MIC_MSG.',
      on: {
        buffer: { actions: 'record' },
        end: [
          {
            guard: 'singleStream',
            target: 'rejected',
            description:
              'kg_unseal_stream_iov asserts toktype == KG_TOK_WRAP_MSG: the process aborts.',
            actions: reject(IOV_REJECTIONS.micStream),
          },
          {
            guard: 'noSingleMicToken',
            target: 'rejected',
            description: 'kg_unseal_iov_token: no single MIC_TOKEN, EINVAL.',
            actions: reject(IOV_REJECTIONS.missingHeader),
          },
          {
            guard: 'allocatedTrailer',
            target: 'rejected',
            description:
              'checksum_iov_v3 verifies into the flagged, empty TRAILER and refuses its ' +
              'length: KRB5_BAD_MSIZE, GSS_S_BAD_MIC (measured on MIT 1.20.1).',
            actions: reject(IOV_REJECTIONS.verifyMicTrailer),
          },
          { target: 'accepted', description: 'Verified in place.', actions: accept([]) },
        ],
      },
    },
    accepted: { type: 'final', description: 'The layout is valid; see the output.' },
    rejected: { type: 'final', description: 'MIT refuses the layout; see the output.' },
  },
});
