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

/** Operations per second of `fn` (runs over total time, warmed up first). */
export async function opsPerSecond(name: string, fn: Fn): Promise<number> {
  const result = await runTask(name, fn, { time: TASK_TIME, iterations: 10, warmup: true });
  return 1000 / result.period;
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
