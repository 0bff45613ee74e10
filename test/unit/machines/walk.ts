/**
 * A breadth-first walk over an xstate machine that records which state nodes were active and
 * which transition definitions were taken, so that coverage is measured, not assumed.
 *
 * Transitions are identified by their source node, event type and position among that
 * node's transitions for the event; the taken ones come from the actor's `@xstate.microstep`
 * inspection events, so a guarded branch counts only when its guard really chose it.
 */

import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  createActor,
  type EventObject,
  type InspectionEvent,
  type StateValue,
} from 'xstate';

/** How to walk a machine. */
export interface WalkOptions {
  /** The inputs to start from; one walk per input. Use `[undefined]` for input-less machines. */
  readonly inputs: readonly unknown[];
  /** The events to try from a snapshot. */
  readonly events: (snapshot: AnyMachineSnapshot) => readonly EventObject[];
  /** A key for a snapshot; snapshots with equal keys are explored once. */
  readonly serialize: (snapshot: AnyMachineSnapshot) => string;
  /** The longest event sequence explored (default: unbounded). */
  readonly maxDepth?: number;
  /** Called for every step taken, for assertions along the way. */
  readonly onStep?: (from: AnyMachineSnapshot, event: EventObject, to: AnyMachineSnapshot) => void;
}

/** Measured coverage of one walk. */
export interface WalkCoverage {
  readonly states: { readonly visited: number; readonly total: number; readonly missing: string[] };
  readonly transitions: {
    readonly visited: number;
    readonly total: number;
    readonly missing: string[];
  };
  /** Distinct serialized snapshots reached. */
  readonly snapshots: number;
}

/** Every state node of the machine, root included. */
export function allStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  return nodes;
}

/** Every transition definition of the machine, keyed as this module keys them. */
export function allTransitions(machine: AnyStateMachine): Map<string, AnyTransitionDefinition> {
  const transitions = new Map<string, AnyTransitionDefinition>();
  for (const node of allStateNodes(machine)) {
    for (const [eventType, list] of node.transitions) {
      list.forEach((transition, index) => {
        transitions.set(`${node.id} --${eventType}#${index}`, transition);
      });
    }
    (node.always ?? []).forEach((transition, index) => {
      transitions.set(`${node.id} --always#${index}`, transition);
    });
  }
  return transitions;
}

function transitionKey(transition: AnyTransitionDefinition): string {
  const source = transition.source;
  const eventType = String(transition.eventType);
  const always = source.always ?? [];
  const alwaysIndex = always.indexOf(transition);
  if (alwaysIndex >= 0) return `${source.id} --always#${alwaysIndex}`;
  const index = (source.transitions.get(eventType) ?? []).indexOf(transition);
  return `${source.id} --${eventType}#${index}`;
}

function pathValue(path: readonly string[]): StateValue {
  const [head, ...rest] = path;
  if (head === undefined) return {};
  return rest.length === 0 ? head : { [head]: pathValue(rest) };
}

function activeNodeIds(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): string[] {
  return allStateNodes(machine)
    .filter((node) => node.path.length === 0 || snapshot.matches(pathValue(node.path)))
    .map((node) => node.id);
}

/**
 * Walks `machine` breadth-first from each input, trying every event that `options.events`
 * offers in every distinct snapshot, and reports the state nodes and transitions covered.
 */
export function walkMachine(machine: AnyStateMachine, options: WalkOptions): WalkCoverage {
  const stateIds = new Set(allStateNodes(machine).map((node) => node.id));
  const transitionKeys = new Set(allTransitions(machine).keys());
  const visitedStates = new Set<string>();
  const takenTransitions = new Set<string>();
  const seen = new Set<string>();
  const inspect = (event: InspectionEvent): void => {
    if (event.type === '@xstate.microstep') {
      for (const transition of event._transitions) {
        takenTransitions.add(transitionKey(transition));
        // The source was active when its transition was taken, even if it is a transient
        // state (one left by an eventless transition) that no snapshot shows.
        for (let node: AnyStateNode | undefined = transition.source; node; node = node.parent) {
          visitedStates.add(node.id);
        }
      }
    }
  };

  type Item = { snapshot: AnyMachineSnapshot; persisted: unknown; depth: number };
  const queue: Item[] = [];
  for (const input of options.inputs) {
    const actor = createActor(machine, { input, inspect }).start();
    queue.push({
      snapshot: actor.getSnapshot(),
      persisted: actor.getPersistedSnapshot(),
      depth: 0,
    });
    actor.stop();
  }

  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const { snapshot, persisted, depth } = item;
    const key = options.serialize(snapshot);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const id of activeNodeIds(machine, snapshot)) visitedStates.add(id);
    if (options.maxDepth !== undefined && depth >= options.maxDepth) continue;

    for (const event of options.events(snapshot)) {
      // A persisted snapshot is what createActor restores from (xstate v5 `getPersistedSnapshot`).
      const actor = createActor(machine, { snapshot: persisted as AnyMachineSnapshot, inspect });
      actor.start();
      actor.send(event);
      const next = actor.getSnapshot();
      queue.push({ snapshot: next, persisted: actor.getPersistedSnapshot(), depth: depth + 1 });
      actor.stop();
      options.onStep?.(snapshot, event, next);
    }
  }

  return {
    states: {
      visited: [...stateIds].filter((id) => visitedStates.has(id)).length,
      total: stateIds.size,
      missing: [...stateIds].filter((id) => !visitedStates.has(id)),
    },
    transitions: {
      visited: [...transitionKeys].filter((key) => takenTransitions.has(key)).length,
      total: transitionKeys.size,
      missing: [...transitionKeys].filter((key) => !takenTransitions.has(key)),
    },
    snapshots: seen.size,
  };
}
