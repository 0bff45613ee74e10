/**
 * The events each machine is walked with, shared by the machine tests and `coverage.ts`.
 * An alphabet is small on purpose: it holds one event per kind of transition, not every value.
 */

import type { AnyMachineSnapshot, EventObject } from 'xstate';
import {
  GSS_IOV_BUFFER_FLAG_ALLOCATE,
  IOVBufferType,
  RequirementFlag,
} from '../../../src/spec/flags.js';
import type { ContextEvent, ContextMachineContext } from '../../../src/spec/machines/context.js';
import { CONTEXT_CALLS } from '../../../src/spec/machines/context-calls.js';
import { IOV_OPERATIONS } from '../../../src/spec/machines/iov.js';
import type { IovMachineContext, IovMachineInput } from '../../../src/spec/machines/iov-machine.js';
import {
  NAME_CALLS,
  type NameAuthdata,
  type NameEvent,
  type NameMachineContext,
} from '../../../src/spec/machines/name.js';
import type { SequenceMachineInput } from '../../../src/spec/machines/sequence-machine.js';
import type { WalkOptions } from './walk.js';

const U64 = 0xffff_ffff_ffff_ffffn;

function stringify(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** Serializes a snapshot by state value and context. */
export function serializeSnapshot(snapshot: AnyMachineSnapshot): string {
  return stringify({ value: snapshot.value, context: snapshot.context });
}

/** Window inputs: every flag combination, both widths, bases that wrap soon. */
export const sequenceInputs: readonly SequenceMachineInput[] = [false, true].flatMap((wide) =>
  [0n, wide ? U64 - 1n : 0xffff_fffen].flatMap((initial) =>
    [false, true].flatMap((replayDetection) =>
      [false, true].map((outOfSequenceDetection) => ({
        initial,
        replayDetection,
        outOfSequenceDetection,
        wide,
      })),
    ),
  ),
);

/** Offsets from the initial number tried in every window snapshot. */
const sequenceOffsets = [0n, 1n, 2n, 3n, 70n, U64];

/** How the sequence machine is walked. */
export const sequenceWalk: WalkOptions = {
  inputs: sequenceInputs,
  events: (snapshot): readonly EventObject[] => {
    const base = (snapshot.context as { base: bigint }).base;
    return sequenceOffsets.map((offset) => ({ type: 'receive', seqnum: (base + offset) & U64 }));
  },
  serialize: serializeSnapshot,
  maxDepth: 3,
};

const { mutualAuthentication, dceStyle, replayDetection } = RequirementFlag;
const requestFlagSets = [0, mutualAuthentication | replayDetection, dceStyle];

/** Every event the context machine knows, with the token kinds and flag sets that matter. */
export const contextEvents: readonly ContextEvent[] = [
  ...CONTEXT_CALLS.map((type) => ({ type })),
  ...requestFlagSets.flatMap((flags) =>
    (['valid', 'invalid', 'krbError', 'unframed'] as const).map((inputToken) => ({
      type: 'initSecContext' as const,
      flags,
      inputToken,
    })),
  ),
  ...requestFlagSets.flatMap((flags) =>
    (['valid', 'invalid', 'wrongTokenId'] as const).map((inputToken) => ({
      type: 'acceptSecContext' as const,
      flags,
      inputToken,
    })),
  ),
  ...(['initiator', 'acceptor'] as const).flatMap((role) =>
    [true, false].map((established) => ({
      type: 'importSecContext' as const,
      role,
      flags: role === 'acceptor' && !established ? dceStyle : mutualAuthentication,
      established,
    })),
  ),
  { type: 'endtimePasses' },
];

/** How the context machine is walked: states told apart by value, role and flags. */
export const contextWalk: WalkOptions = {
  inputs: [undefined],
  events: () => contextEvents,
  serialize: (snapshot) => {
    const { role, flags } = snapshot.context as ContextMachineContext;
    return stringify({ value: snapshot.value, role, flags });
  },
};

const authdataVariants: readonly NameAuthdata[] = [
  {},
  { pac: true },
  { indicators: true },
  { pac: true, indicators: true },
];

/** Every event the name machine knows, with each kind of attribute and authorization data. */
export const nameEvents: readonly NameEvent[] = [
  { type: 'importName', nameType: 'printable' },
  { type: 'importName', nameType: 'export' },
  ...authdataVariants.map((authdata) => ({
    type: 'importName' as const,
    nameType: 'compositeExport' as const,
    authdata,
  })),
  ...authdataVariants.map((authdata) => ({ type: 'acceptSecContext' as const, authdata })),
  ...NAME_CALLS.map((type) => ({ type })),
  ...(['setNameAttribute', 'getNameAttribute', 'deleteNameAttribute'] as const).flatMap((type) =>
    (['authIndicators', 'mspac', 'other'] as const).map((attribute) => ({ type, attribute })),
  ),
];

/** How the name machine is walked: states told apart by value and authorization data. */
export const nameWalk: WalkOptions = {
  inputs: [undefined],
  events: () => nameEvents,
  serialize: (snapshot) => {
    const { pac, indicators } = snapshot.context as NameMachineContext;
    return stringify({ value: snapshot.value, pac, indicators });
  },
};

const ALLOCATE = GSS_IOV_BUFFER_FLAG_ALLOCATE;

/** IOV machine inputs: every call, with and without DCE style and confidentiality. */
export const iovInputs: readonly IovMachineInput[] = IOV_OPERATIONS.flatMap((operation) =>
  [false, true].flatMap((dceStyle) =>
    [false, true].map((confidential) => ({ operation, dceStyle, confidential })),
  ),
);

/** Buffer words tried at each position: each counted type, flagged or not, and an ignored one. */
export const iovWords: readonly number[] = [
  IOVBufferType.header | ALLOCATE,
  IOVBufferType.trailer | ALLOCATE,
  IOVBufferType.micToken | ALLOCATE,
  IOVBufferType.stream,
  IOVBufferType.data | ALLOCATE,
  IOVBufferType.data,
  IOVBufferType.padding | ALLOCATE,
];

/** How the IOV machine is walked: buffer lists told apart by per-type counts (capped). */
export const iovWalk: WalkOptions = {
  inputs: iovInputs,
  events: () => [...iovWords.map((word) => ({ type: 'buffer', word })), { type: 'end' }],
  serialize: (snapshot) => {
    const { slots, operation, dceStyle, confidential } = snapshot.context as IovMachineContext;
    const counts = Object.values(slots).map((slot) => Math.min(slot.count, 2));
    return stringify({ value: snapshot.value, operation, dceStyle, confidential, counts });
  },
  maxDepth: 4,
};
