/**
 * Timing and memory figures for `npm run bench`: operations per second and latencies with
 * tinybench, and resident or heap growth around a loop after forced collections.
 */

import { Bench, type Fn } from 'tinybench';

const MIB = 1024 * 1024;

/** How long tinybench runs each task, in milliseconds. */
const TASK_TIME = 1000;
const WARMUP_TIME = 200;

async function runTask(
  name: string,
  fn: Fn,
  options: { time: number; iterations: number; warmup: boolean },
) {
  const bench = new Bench({
    time: options.time,
    iterations: options.iterations,
    warmup: options.warmup,
    warmupTime: WARMUP_TIME,
    throws: true,
  });
  bench.add(name, fn);
  await bench.run();

  const result = bench.getTask(name)?.result;
  if (result?.state !== 'completed') {
    throw new Error(`${name}: expected a completed task, found ${result?.state ?? 'none'}`);
  }
  return result;
}

/** How long one timed batch of calls should take, in milliseconds. */
const BATCH_MS = 1;

/**
 * How many calls of `fn` take about {@link BATCH_MS}: tinybench reads the clock around every
 * task run, which at a few microseconds per call would be counted in the figure (the C program
 * reads it once around its whole loop), so fast calls are timed in batches.
 */
function batchSize(fn: () => unknown): number {
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < 20 * BATCH_MS) {
    fn();
    calls++;
  }
  return Math.max(1, Math.round(calls / 20));
}

/** Operations per second of `fn` (calls in timed batches over total time, warmed up first). */
export async function opsPerSecond(name: string, fn: () => unknown): Promise<number> {
  const batch = batchSize(fn);
  const run = (): void => {
    for (let call = 0; call < batch; call++) fn();
  };
  const result = await runTask(name, run, { time: TASK_TIME, iterations: 10, warmup: true });
  return (batch * 1000) / result.period;
}

/** The median latency of `fn` in milliseconds over at least `iterations` calls. */
export async function medianMs(
  name: string,
  fn: Fn,
  iterations: number,
  warmup: boolean,
): Promise<number> {
  const result = await runTask(name, fn, { time: warmup ? 500 : 0, iterations, warmup });
  return result.latency.p50;
}

/** Collects garbage until it settles; needs `node --expose-gc`. */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench does)');
  for (let round = 0; round < 3; round++) gc();
}

/** Growth in MiB of `measure()` (rss or heap) across `loop`, collected before and after. */
export function growthMiB(measure: () => number, loop: () => void): number {
  collect();
  const before = measure();
  loop();
  collect();
  return (measure() - before) / MIB;
}
