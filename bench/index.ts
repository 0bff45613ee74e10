/**
 * `npm run bench` (issue 6): the sim, the native backend on a real MIT KDC and a C program
 * calling MIT directly, side by side, one table per scenario with each ratio and its goal.
 * `npm run bench -- --json` prints the figures as JSON instead (`--json=<file>` writes them to
 * the file and prints the tables too). Progress goes to stderr. Needs `node --expose-gc`.
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { buildSimRealm, createSimRealm, startMitRealm } from 'gssapi-sim';
import type { GssApi } from 'gssapi-sim/spec';
import { buildCProgram, type CProgram, type CScenario } from './c-program.js';
import {
  type ContextPair,
  closeEndpoints,
  deletePair,
  type Endpoints,
  establish,
  establishOnce,
  micVerify,
  openEndpoints,
  wrapUnwrap,
} from './gss-loops.js';
import { growthMiB, medianMs, opsPerSecond } from './measure.js';
import {
  formatJson,
  formatTable,
  limitGoal,
  type Row,
  ratioGoal,
  ratioOf,
  type Table,
} from './report.js';

const MIT_STARTS = 5;
const NATIVE_WRAP_PAIRS = Number(process.env.GSSAPI_SIM_WRAP_PAIRS ?? 1_000_000);
const SIM_CONTEXTS = Number(process.env.GSSAPI_SIM_CONTEXTS ?? 100_000);
const MEMORY_LIMIT_MIB = 20;
/** How long each C run should take, from the native rate, in seconds. */
const C_SECONDS = 1;

const KIB = 1024;
const MESSAGE_SIZES = [64, 16 * KIB, 1024 * KIB] as const;

const noGss = (): GssApi => {
  throw new Error('this benchmark does not use the GSS-API');
};

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * KIB
    ? `${bytes / (1024 * KIB)} MiB`
    : bytes >= KIB
      ? `${bytes / KIB} KiB`
      : `${bytes} B`;
}

/** A timed row with no goal. */
function row(name: string, value: number | null, fields: Partial<Row> = {}): Row {
  return {
    name,
    value,
    unit: 'ops/s',
    ratio: null,
    reference: null,
    goal: null,
    note: null,
    ...fields,
  };
}

/** The C row of a scenario, `null` figure and the reason when the program is missing. */
function cRow(
  name: string,
  program: CProgram,
  scenario: CScenario,
  nativeRate: number,
  target: string,
  bytes?: number,
): Row {
  if (!program.available) return row(name, null, { note: program.reason });
  const iterations = Math.max(20, Math.round(nativeRate * C_SECONDS));
  return row(name, program.run(scenario, iterations, target, bytes));
}

async function realmStart(): Promise<Table> {
  progress('realm start');
  const sim = await medianMs('createSimRealm', () => createSimRealm(), 20, true);
  // A new realm name is a new salt: string-to-key cannot reuse a remembered PBKDF2 result.
  let realms = 0;
  const fresh = await medianMs(
    'createSimRealm, new salts',
    () => createSimRealm({ name: `FRESH${++realms}.TEST` }),
    20,
    true,
  );
  const mit = await medianMs(
    'startMitRealm',
    async () => {
      const realm = await startMitRealm({ gss: noGss });
      await realm.close();
    },
    MIT_STARTS,
    false,
  );

  return {
    title: '3. Realm start to a usable state (median)',
    rows: [
      {
        ...row('createSimRealm()', sim),
        unit: 'ms',
        goal: limitGoal(sim, 5, 'ms'),
        note: 'the same realm again, as a test suite makes one per test',
      },
      {
        ...row('createSimRealm() new name', fresh),
        unit: 'ms',
        goal: limitGoal(fresh, 5, 'ms'),
        note: 'a realm name not seen before: its password keys are derived afresh (PBKDF2)',
      },
      {
        ...row('startMitRealm()', mit),
        unit: 'ms',
        goal: limitGoal(mit, 500, 'ms'),
        note: `includes close(); ${MIT_STARTS} starts`,
      },
    ],
  };
}

async function establishment(
  sim: Endpoints,
  native: Endpoints,
  program: CProgram,
  target: string,
): Promise<Table> {
  progress('context establishment');
  const simRate = await opsPerSecond('sim establish', () => establishOnce(sim));
  const nativeRate = await opsPerSecond('native establish', () => establishOnce(native));
  const c = cRow('C (MIT)', program, 'establish', nativeRate, target);
  const simRatio = ratioOf(simRate, nativeRate);

  return {
    title:
      '1. Context establishment: init, accept, init with mutual authentication ' +
      '(service ticket cached)',
    rows: [
      row('sim', simRate, {
        ratio: simRatio,
        reference: 'native',
        goal: ratioGoal(simRatio, 10, 'native'),
      }),
      row('native (MIT)', nativeRate, { ratio: ratioOf(nativeRate, c.value), reference: 'C' }),
      c,
    ],
  };
}

async function protection(
  sim: { gss: GssApi; pair: ContextPair },
  native: { gss: GssApi; pair: ContextPair },
  program: CProgram,
  target: string,
): Promise<Table> {
  const goals: Readonly<Record<number, { sim: number; native: number }>> = {
    64: { sim: 0.5, native: 0.5 },
    [1024 * KIB]: { sim: 0.8, native: 0.95 },
  };
  const cases = [
    ...MESSAGE_SIZES.map((bytes) => ({
      label: `wrap+unwrap ${sizeLabel(bytes)}`,
      scenario: 'wrap' as const,
      bytes,
    })),
    { label: 'getMic+verifyMic 64 B', scenario: 'mic' as const, bytes: 64 },
  ];
  const rows: Row[] = [];

  for (const { label, scenario, bytes } of cases) {
    progress(label);
    const message = new Uint8Array(bytes).fill(7);
    const loop = scenario === 'wrap' ? wrapUnwrap : micVerify;
    const simRate = await opsPerSecond(`sim ${label}`, () => loop(sim.gss, sim.pair, message));
    const nativeRate = await opsPerSecond(`native ${label}`, () =>
      loop(native.gss, native.pair, message),
    );
    const c = cRow(`C ${label}`, program, scenario, nativeRate, target, bytes);
    const goal = scenario === 'wrap' ? goals[bytes] : undefined;
    const simRatio = ratioOf(simRate, c.value);
    const nativeRatio = ratioOf(nativeRate, c.value);

    rows.push(
      row(`sim ${label}`, simRate, {
        ratio: simRatio,
        reference: 'C',
        goal: goal === undefined ? null : ratioGoal(simRatio, goal.sim, 'C'),
      }),
      row(`native ${label}`, nativeRate, {
        ratio: nativeRatio,
        reference: 'C',
        goal: goal === undefined ? null : ratioGoal(nativeRatio, goal.native, 'C'),
      }),
      c,
    );
  }

  return { title: '2. Per-message protection (wrap with confidentiality; MIC)', rows };
}

function memory(sim: Endpoints, native: { gss: GssApi; pair: ContextPair }): Table {
  progress(`memory: ${NATIVE_WRAP_PAIRS} native wrap/unwrap pairs`);
  const message = new Uint8Array(64).fill(7);
  const rss = growthMiB(
    () => process.memoryUsage().rss,
    () => {
      for (let i = 0; i < NATIVE_WRAP_PAIRS; i++) wrapUnwrap(native.gss, native.pair, message);
    },
  );
  progress(`memory: ${SIM_CONTEXTS} sim contexts`);
  const heap = growthMiB(
    () => process.memoryUsage().heapUsed,
    () => {
      for (let i = 0; i < SIM_CONTEXTS; i++) establishOnce(sim);
    },
  );

  return {
    title: '4. Memory growth (after forced collections)',
    rows: [
      {
        ...row(`native rss, ${NATIVE_WRAP_PAIRS.toLocaleString('en-US')} wrap/unwrap 64 B`, rss),
        unit: 'MiB',
        goal: limitGoal(rss, MEMORY_LIMIT_MIB, 'MiB'),
      },
      {
        ...row(
          `sim heap, ${SIM_CONTEXTS.toLocaleString('en-US')} contexts established, deleted`,
          heap,
        ),
        unit: 'MiB',
        goal: limitGoal(heap, MEMORY_LIMIT_MIB, 'MiB'),
      },
    ],
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const jsonArgument = process.argv
    .slice(2)
    .find((arg) => arg === '--json' || arg.startsWith('--json='));
  const started = performance.now();

  const realmTable = await realmStart();

  progress('starting the realms, building the C program');
  const simRealm = buildSimRealm();
  const mitRealm = await startMitRealm();
  const program = buildCProgram();
  const target = `host@${mitRealm.hostname}`;
  const tables: Table[] = [];
  try {
    const sim = openEndpoints(simRealm.gss, simRealm.hostname);
    const native = openEndpoints(mitRealm.gss, mitRealm.hostname);
    // The first establishment gets the service ticket into the ccache, as a running
    // application has.
    const simPair = establish(sim);
    const nativePair = establish(native);

    tables.push(await establishment(sim, native, program, target));
    tables.push(
      await protection(
        { gss: sim.gss, pair: simPair },
        { gss: native.gss, pair: nativePair },
        program,
        target,
      ),
    );
    tables.push(realmTable);
    tables.push(memory(sim, { gss: native.gss, pair: nativePair }));

    deletePair(sim.gss, simPair);
    deletePair(native.gss, nativePair);
    closeEndpoints(sim);
    closeEndpoints(native);
  } finally {
    if (program.available) program.remove();
    await mitRealm.close();
    await simRealm.close();
  }

  const seconds = (performance.now() - started) / 1000;
  const context = {
    commit: gitCommit(),
    node: process.version,
    date: new Date().toISOString(),
    seconds: seconds.toFixed(1),
  };
  if (jsonArgument === '--json') {
    process.stdout.write(formatJson(tables, context));
    return;
  }
  if (jsonArgument !== undefined)
    writeFileSync(jsonArgument.slice('--json='.length), formatJson(tables, context));
  console.log(tables.map(formatTable).join('\n\n'));
  console.log(
    `\n${seconds.toFixed(1)} s, node ${process.version}, commit ${context.commit ?? 'unknown'}`,
  );
}

await main();
