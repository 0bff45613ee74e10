/**
 * Measured coverage of the spec machines: each machine walked with its alphabet from
 * `alphabets.ts`, counting the state nodes that were active and the transition definitions
 * that were taken. `coverage.test.ts` asserts 100%; a report can call {@link machineCoverage}.
 */

import type { AnyStateMachine } from 'xstate';
import { contextMachine } from '../../../src/spec/machines/context.js';
import { iovMachine } from '../../../src/spec/machines/iov-machine.js';
import { nameMachine } from '../../../src/spec/machines/name.js';
import { sequenceMachine } from '../../../src/spec/machines/sequence-machine.js';
import { contextWalk, iovWalk, nameWalk, sequenceWalk } from './alphabets.js';
import { type WalkOptions, walkMachine } from './walk.js';

/** Coverage of one machine. */
export interface MachineCoverage {
  readonly machine: string;
  readonly states: { readonly visited: number; readonly total: number };
  readonly transitions: { readonly visited: number; readonly total: number };
  /** State node ids and transition keys that the walk missed, for diagnosis. */
  readonly missing: readonly string[];
}

const walks: ReadonlyArray<readonly [AnyStateMachine, WalkOptions]> = [
  [contextMachine, contextWalk],
  [sequenceMachine, sequenceWalk],
  [nameMachine, nameWalk],
  [iovMachine, iovWalk],
];

/** Walks every spec machine and reports its state and transition coverage. */
export function machineCoverage(): MachineCoverage[] {
  return walks.map(([machine, options]) => {
    const { states, transitions } = walkMachine(machine, options);
    return {
      machine: machine.id,
      states: { visited: states.visited, total: states.total },
      transitions: { visited: transitions.visited, total: transitions.total },
      missing: [...states.missing, ...transitions.missing],
    };
  });
}
