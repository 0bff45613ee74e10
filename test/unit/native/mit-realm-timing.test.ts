/**
 * How long a MIT realm takes from nothing to usable (TGT in the ccache, host key in the keytab)
 * and to close, over 10 starts. Runs only with `GSSAPI_SIM_TIMING=1` and prints the numbers;
 * it asserts nothing about time.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { startMitRealm } from '../../../src/backends/native/mit-realm.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { describeNative } from '../../support/native.js';

const STARTS = 10;

const noGss = (): GssApi => {
  throw new Error('no GSS-API in the timing test');
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

const show = (values: readonly number[]): string =>
  `median ${median(values).toFixed(1)} ms, min ${Math.min(...values).toFixed(1)} ms, ` +
  `max ${Math.max(...values).toFixed(1)} ms`;

describeNative('startMitRealm timing', () => {
  describe.skipIf(process.env.GSSAPI_SIM_TIMING !== '1')('with GSSAPI_SIM_TIMING=1', () => {
    it(`measures ${STARTS} starts and closes`, async () => {
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

      console.log(`startMitRealm over ${STARTS} starts: ${show(starts)}`);
      console.log(`close over ${STARTS} closes: ${show(closes)}`);
      expect(starts).toHaveLength(STARTS);
    });
  });
});
