/**
 * Event paths through a spec machine for model-based tests, and the coverage of their replays.
 *
 * The paths come from the same breadth-first walk as `test/unit/machines/walk.ts` (same
 * alphabets, same snapshot keys): every edge of the walk is an event tried from a snapshot
 * reached by a shortest path. For each transition that the walk takes, the first edge that takes
 * it gives one path: the shortest way to that snapshot plus that event. Replaying a path step by
 * step on a backend and comparing each step with the machine's prediction then tests every
 * transition on that backend.
 *
 * @module
 */

import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  createActor,
  type EventObject,
  type InspectionEvent,
} from 'xstate';
import { allStateNodes, allTransitions, type WalkOptions } from '../unit/machines/walk.js';

/** One step of a path: the event, the snapshot after it, what it took and what was active. */
export interface PathStep<E extends EventObject = EventObject> {
  readonly event: E;
  /** The machine's snapshot after the event: its `context` holds the prediction. */
  readonly snapshot: AnyMachineSnapshot;
  /** The snapshot before the event. */
  readonly before: AnyMachineSnapshot;
  /** Keys (as `walk.ts` writes them) of the transitions the event took. */
  readonly transitions: readonly string[];
  /** Ids of the state nodes active after the event, and the sources of its transitions. */
  readonly states: readonly string[];
}

/** A path from one input of the machine. */
export interface ModelPath<E extends EventObject = EventObject> {
  readonly input: unknown;
  /** Transitions taken when the machine started (eventless ones), with their states. */
  readonly start: { readonly transitions: readonly string[]; readonly states: readonly string[] };
  readonly steps: readonly PathStep<E>[];
}

/** The transition keys of `machine`, by definition, as `walk.ts` numbers them. */
function keysByDefinition(machine: AnyStateMachine): Map<AnyTransitionDefinition, string> {
  return new Map([...allTransitions(machine)].map(([key, definition]) => [definition, key]));
}

function activeStates(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): string[] {
  return allStateNodes(machine)
    .filter((node) => node.path.length === 0 || snapshot.matches(pathValue(node.path)))
    .map((node) => node.id);
}

function pathValue(path: readonly string[]): string | Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return {};
  return rest.length === 0 ? head : { [head]: pathValue(rest) };
}

/**
 * Runs `events` on a fresh actor of `machine` from `input`, recording every step: the
 * machine's prediction of a replay.
 */
export function tracePath<E extends EventObject>(
  machine: AnyStateMachine,
  input: unknown,
  events: readonly E[],
): ModelPath<E> {
  const keys = keysByDefinition(machine);
  let taken: string[] = [];
  let sources: string[] = [];
  const inspect = (event: InspectionEvent): void => {
    if (event.type !== '@xstate.microstep') return;
    for (const transition of event._transitions) {
      const key = keys.get(transition);
      if (key !== undefined) taken.push(key);
      for (let node: AnyStateNode | undefined = transition.source; node; node = node.parent) {
        sources.push(node.id);
      }
    }
  };

  const actor = createActor(machine, { input, inspect }).start();
  let before = actor.getSnapshot();
  const start = {
    transitions: taken,
    states: [...new Set([...sources, ...activeStates(machine, before)])],
  };
  const steps: PathStep<E>[] = [];
  for (const event of events) {
    taken = [];
    sources = [];
    actor.send(event);
    const snapshot = actor.getSnapshot();
    const states = [...new Set([...sources, ...activeStates(machine, snapshot)])];
    steps.push({ event, snapshot, before, transitions: taken, states });
    before = snapshot;
  }
  actor.stop();
  return { input, start, steps };
}

/** How many edges of the walk become paths for each transition they take. */
export interface PathSelection {
  /** Paths kept per transition key (default 1): more gives other flags and roles a turn. */
  readonly perTransition?: number;
  /** Keep only edges whose event passes this test (default all). */
  readonly keepEdge?: (event: EventObject, path: readonly EventObject[]) => boolean;
}

/**
 * Walks `machine` breadth-first as `walk.ts` does and returns paths that together take every
 * transition the walk takes: for each transition, the first `perTransition` edges taking it,
 * each as the shortest event sequence to its snapshot plus its event.
 */
export function coveringPaths(
  machine: AnyStateMachine,
  options: WalkOptions,
  selection: PathSelection = {},
): ModelPath[] {
  const keys = keysByDefinition(machine);
  const perTransition = selection.perTransition ?? 1;
  const chosen = new Map<string, number>();
  const paths: Array<{ input: unknown; events: EventObject[] }> = [];
  const seen = new Set<string>();
  let taken: string[] = [];
  const inspect = (event: InspectionEvent): void => {
    if (event.type !== '@xstate.microstep') return;
    for (const transition of event._transitions) {
      const key = keys.get(transition);
      if (key !== undefined) taken.push(key);
    }
  };

  type Item = {
    input: unknown;
    persisted: unknown;
    snapshot: AnyMachineSnapshot;
    path: EventObject[];
  };
  const queue: Item[] = [];
  for (const input of options.inputs) {
    taken = [];
    const actor = createActor(machine, { input, inspect }).start();
    queue.push({
      input,
      persisted: actor.getPersistedSnapshot(),
      snapshot: actor.getSnapshot(),
      path: [],
    });
    actor.stop();
  }

  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const key = options.serialize(item.snapshot);
    if (seen.has(key)) continue;
    seen.add(key);
    // A machine in a final state takes no more events.
    if (item.snapshot.status === 'done') continue;
    if (options.maxDepth !== undefined && item.path.length >= options.maxDepth) continue;

    for (const event of options.events(item.snapshot)) {
      taken = [];
      // A persisted snapshot is what createActor restores from (xstate v5).
      const actor = createActor(machine, {
        snapshot: item.persisted as AnyMachineSnapshot,
        inspect,
      }).start();
      actor.send(event);
      const path = [...item.path, event];
      queue.push({
        input: item.input,
        persisted: actor.getPersistedSnapshot(),
        snapshot: actor.getSnapshot(),
        path,
      });
      actor.stop();
      if (selection.keepEdge !== undefined && !selection.keepEdge(event, item.path)) continue;
      const wanted = taken.filter((transition) => (chosen.get(transition) ?? 0) < perTransition);
      if (wanted.length === 0) continue;
      for (const transition of taken) chosen.set(transition, (chosen.get(transition) ?? 0) + 1);
      paths.push({ input: item.input, events: path });
    }
  }

  return paths.map(({ input, events }) => tracePath(machine, input, events));
}

/** What a replay of one step on one backend gave. */
export type StepVerdict =
  | { readonly kind: 'matched' }
  | { readonly kind: 'mismatched'; readonly detail: string }
  | { readonly kind: 'unreplayable'; readonly reason: string };

/** Receives the verdict of each replayed step. */
export type StepRecorder = (step: PathStep, verdict: StepVerdict) => void;

/**
 * Replays `steps` one by one and records each verdict. A mismatch ends the replay (later steps
 * would start from another state); so does a step the backend cannot replay, unless the machine
 * stays where it was, in which case skipping the call leaves the replay in step.
 * @returns whether the replay is still in step after the last of `steps`.
 */
export function replaySteps<E extends EventObject>(
  steps: readonly PathStep[],
  replay: (step: PathStep<E>) => StepVerdict,
  record: StepRecorder,
): boolean {
  for (const step of steps) {
    // The steps of a machine's path carry that machine's events.
    const verdict = replay(step as PathStep<E>);
    record(step, verdict);
    if (verdict.kind === 'mismatched') return false;
    if (verdict.kind === 'unreplayable' && !staysPut(step)) return false;
  }
  return true;
}

function staysPut(step: PathStep): boolean {
  return JSON.stringify(step.before.value) === JSON.stringify(step.snapshot.value);
}

/** Coverage of one machine on one backend: what replayed and matched, and what could not. */
export class ReplayCoverage {
  readonly machine: string;
  readonly backend: string;
  readonly #allStates: ReadonlySet<string>;
  readonly #allTransitions: ReadonlySet<string>;
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();
  /** Why a transition was not replayed, for the report: transition key → reason. */
  readonly unreplayable = new Map<string, string>();
  readonly mismatches: string[] = [];
  steps = 0;

  constructor(machine: AnyStateMachine, backend: string) {
    this.machine = machine.id;
    this.backend = backend;
    this.#allStates = new Set(allStateNodes(machine).map((node) => node.id));
    this.#allTransitions = new Set(allTransitions(machine).keys());
  }

  /** Records the start of a replayed path (its eventless transitions ran on the backend too). */
  started(path: ModelPath): void {
    for (const key of path.start.transitions) this.transitions.add(key);
    for (const id of path.start.states) this.states.add(id);
  }

  /** Records one step's verdict. */
  record(step: PathStep, verdict: StepVerdict, label: string): void {
    if (verdict.kind === 'matched') {
      this.steps += 1;
      for (const key of step.transitions) this.transitions.add(key);
      for (const id of step.states) this.states.add(id);
      return;
    }
    if (verdict.kind === 'mismatched') {
      this.mismatches.push(`${label}: ${verdict.detail}`);
      return;
    }
    for (const key of step.transitions) {
      if (!this.unreplayable.has(key)) this.unreplayable.set(key, verdict.reason);
    }
  }

  /** Counts, with the transitions never matched and why, when known. */
  summary(): {
    readonly states: { readonly covered: number; readonly total: number };
    readonly transitions: { readonly covered: number; readonly total: number };
    readonly uncovered: ReadonlyMap<string, string>;
  } {
    const uncovered = new Map<string, string>();
    for (const key of this.#allTransitions) {
      if (!this.transitions.has(key)) {
        const reason = this.unreplayable.get(key) ?? 'not reached: an earlier step did not replay';
        uncovered.set(key, reason);
      }
    }
    return {
      states: { covered: count(this.states, this.#allStates), total: this.#allStates.size },
      transitions: {
        covered: count(this.transitions, this.#allTransitions),
        total: this.#allTransitions.size,
      },
      uncovered,
    };
  }
}

function count(found: ReadonlySet<string>, all: ReadonlySet<string>): number {
  return [...found].filter((id) => all.has(id)).length;
}

/** A table of coverage rows, one line per machine and backend. */
export function coverageTable(rows: readonly ReplayCoverage[]): string {
  const lines = ['machine   backend  transitions  states  steps'];
  for (const row of rows) {
    const { states, transitions } = row.summary();
    lines.push(
      [
        row.machine.padEnd(9),
        row.backend.padEnd(8),
        `${transitions.covered}/${transitions.total}`.padStart(11),
        `${states.covered}/${states.total}`.padStart(7),
        String(row.steps).padStart(6),
      ].join(' '),
    );
  }
  return lines.join('\n');
}
