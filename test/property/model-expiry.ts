/**
 * Replays, on MIT, the context paths in which an initiator's end time passes. MIT's clock cannot
 * be moved, so the contexts are made to expire soon instead: an initiator context lives until
 * its service ticket's end time (MIT ignores the requested lifetime), and a service ticket got
 * with a short-lived TGT ends when the TGT does.
 *
 * A batch takes a TGT of a few seconds, targets a service that no cached ticket is for, replays
 * every path up to its `endtimePasses` step, waits once for the latest end time, replays the rest
 * of every path, and restores the user's normal TGT.
 *
 * @module
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { MitRealm } from '../../src/backends/native/mit-realm.js';
import type { ContextEvent, ContextMachineContext } from '../../src/spec/machines/context.js';
import { ContextHarness } from './model-context.js';
import { type ModelPath, type PathStep, replaySteps, type StepRecorder } from './model-paths.js';

/** The lifetime of the batch's TGT, in seconds: long enough to make the contexts. */
const TGT_LIFETIME = 5;

let batches = 0;

/** A path replayed up to its `endtimePasses` step, waiting for the end time. */
interface Waiting {
  readonly path: ModelPath;
  readonly harness: ContextHarness;
  /** The steps from `endtimePasses` on. */
  readonly rest: readonly PathStep[];
}

function expires(step: PathStep): boolean {
  return step.event.type === 'endtimePasses';
}

/** Whether `path` passes the end time of an initiator context: a path for the batch. */
export function passesInitiatorEndtime(path: ModelPath): boolean {
  return path.steps.some(
    (step) => expires(step) && (step.before.context as ContextMachineContext).role === 'initiator',
  );
}

/**
 * Replays `paths` (each passing an initiator's end time) on `realm` as one batch; `record`
 * gives the recorder of each path.
 * @throws {Error} when the TGT outlives {@link TGT_LIFETIME}, since the wait would then not
 *   be the one asked for.
 */
export async function replayExpiringPaths(
  realm: MitRealm,
  paths: readonly ModelPath[],
  record: (path: ModelPath) => StepRecorder,
): Promise<void> {
  batches += 1;
  const service = `svc${batches}`;
  const principal = `${service}/${realm.hostname}`;
  await realm.addPrincipal(principal);
  await realm.addToKeytab(principal);
  await realm.kinit(realm.userPrincipal, realm.userPassword, { lifetime: TGT_LIFETIME });

  try {
    const waiting: Waiting[] = [];
    for (const path of paths) {
      const harness = new ContextHarness(realm, { service });
      const cut = path.steps.findIndex(expires);
      const before = path.steps.slice(0, cut);
      const replay = (step: PathStep<ContextEvent>) => harness.replay(step);
      if (replaySteps(before, replay, record(path))) {
        waiting.push({ path, harness, rest: path.steps.slice(cut) });
      }
    }

    const lifetimes = waiting.map(({ harness }) => harness.prepareExpiry());
    const longest = Math.max(0, ...lifetimes);
    if (longest > TGT_LIFETIME) {
      throw new Error(`expected contexts to end within ${TGT_LIFETIME} s, found ${longest} s`);
    }
    await sleep((longest + 1) * 1000);

    for (const { path, harness, rest } of waiting) {
      replaySteps(rest, (step: PathStep<ContextEvent>) => harness.replay(step), record(path));
    }
  } finally {
    await realm.kinit(realm.userPrincipal, realm.userPassword);
  }
}
