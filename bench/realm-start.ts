/**
 * How long `startMitRealm()` takes from nothing to a usable realm (the user's TGT in the
 * ccache, the host key in the keytab), and `close()` to clean up, over 10 starts. Run with
 * `npm run bench:realm`; it prints the figures and asserts nothing (the goal is a median under
 * 500 ms).
 */

import { performance } from 'node:perf_hooks';
import { startMitRealm } from 'gssapi-sim';
import type { GssApi } from 'gssapi-sim/spec';

const STARTS = Number(process.env.GSSAPI_SIM_STARTS ?? 10);
const GOAL_MS = 500;

const noGss = (): GssApi => {
  throw new Error('this benchmark does not use the GSS-API');
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

function show(label: string, values: readonly number[]): string {
  const figures = [median(values), Math.min(...values), Math.max(...values)].map((value) =>
    value.toFixed(1),
  );
  return `${label.padEnd(14)} median ${figures[0]} ms, min ${figures[1]} ms, max ${figures[2]} ms`;
}

const starts: number[] = [];
const closes: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const started = performance.now();
  const realm = await startMitRealm({ gss: noGss });
  const ready = performance.now();
  await realm.close();
  starts.push(ready - started);
  closes.push(performance.now() - ready);
}

console.log(`${STARTS} starts of a MIT realm on 127.0.0.1`);
console.log(`${show('startMitRealm', starts)} (goal: median under ${GOAL_MS} ms)`);
console.log(show('close', closes));
