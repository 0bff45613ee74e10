/**
 * The reporter of `npm run conformance`: one table of areas × backends with the tests passed,
 * failed, deviating (a listed deviation, run as `it.fails`, that failed as expected) and
 * skipped; then the deviation table, or `none`; then each failure with its first lines. vitest
 * itself exits non-zero when a test or a test file failed.
 *
 * A conformance test sits in a suite named `<area> [<backend>]` (see `describeConformance`);
 * a deviation's name ends with `(deviation: <reason>)`.
 */
import { basename } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** The areas in the order of the conformance issue; others follow alphabetically. */
const AREA_ORDER = [
  'names',
  'credentials',
  'establishment',
  'channel-bindings',
  'delegation',
  'messages',
  'iov',
  'sequencing',
  'export-import',
  'errors',
  'misc',
];

const COUNTS = ['passed', 'failed', 'deviating', 'skipped'] as const;
type Count = (typeof COUNTS)[number];
type Counts = Record<Count, number>;

const SUITE = /^(.+) \[([^\]]+)\]$/;
const DEVIATION = /^(.*) \(deviation: (.*)\)$/s;

/** One deviation that ran. */
interface DeviationRow {
  readonly area: string;
  readonly test: string;
  readonly backend: string;
  readonly reason: string;
}

/** One failure: where, and what it said. */
interface FailureRow {
  readonly area: string;
  readonly backend: string;
  readonly test: string;
  readonly message: string;
}

export default class ConformanceReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const table = new Map<string, Map<string, Counts>>();
    const backends: string[] = [];
    const deviations: DeviationRow[] = [];
    const failures: FailureRow[] = [];
    const count = (area: string, backend: string, which: Count): void => {
      if (!backends.includes(backend)) backends.push(backend);
      const row = table.get(area) ?? new Map<string, Counts>();
      const cell = row.get(backend) ?? zero();
      cell[which]++;
      row.set(backend, cell);
      table.set(area, row);
    };

    for (const testModule of testModules) {
      const fileArea = basename(testModule.moduleId).replace(/\.test\.ts$/, '');
      for (const error of testModule.errors()) {
        count(fileArea, '(file)', 'failed');
        failures.push({ area: fileArea, backend: '(file)', test: '', message: error.message });
      }
      for (const testCase of testModule.children.allTests()) {
        const { area, backend } = placeOf(testCase, fileArea);
        const deviation = DEVIATION.exec(testCase.name);
        const state = testCase.result().state;
        if (state === 'failed') {
          count(area, backend, 'failed');
          const message = testCase.result().errors?.[0]?.message ?? 'failed';
          failures.push({ area, backend, test: testCase.name, message });
        } else if (state === 'passed' && testCase.options.fails === true) {
          count(area, backend, 'deviating');
          deviations.push({
            area,
            backend,
            test: deviation?.[1] ?? testCase.name,
            reason: deviation?.[2] ?? '',
          });
        } else if (state === 'passed') {
          count(area, backend, 'passed');
        } else {
          count(area, backend, 'skipped');
        }
      }
    }

    const out: string[] = ['', 'Conformance', ''];
    out.push(...formatCounts(table, backends), '', 'Deviations', '');
    if (deviations.length === 0) out.push('none');
    else {
      out.push(
        ...formatTable(
          ['area', 'test', 'backend', 'reason'],
          deviations.map((row) => [row.area, row.test, row.backend, row.reason]),
        ),
      );
    }
    if (failures.length > 0) {
      out.push('', `Failures (${failures.length})`, '');
      for (const failure of failures) {
        const firstLines = failure.message.split('\n').slice(0, 4).join('\n    ');
        out.push(`${failure.area} [${failure.backend}] ${failure.test}`, `    ${firstLines}`);
      }
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
}

/** The area and backend of a test from its `<area> [<backend>]` suite. */
function placeOf(testCase: TestCase, fileArea: string): { area: string; backend: string } {
  let parent = testCase.parent;
  while (parent.type === 'suite') {
    const match = SUITE.exec(parent.name);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      return { area: match[1], backend: match[2] };
    }
    parent = parent.parent;
  }
  return { area: fileArea, backend: '-' };
}

function areaRank(area: string): number {
  const index = AREA_ORDER.indexOf(area);
  return index === -1 ? AREA_ORDER.length : index;
}

/** Rows of areas, a column group per backend under its name, and a total row. */
function formatCounts(table: Map<string, Map<string, Counts>>, backends: string[]): string[] {
  const areas = [...table.keys()].sort((a, b) => areaRank(a) - areaRank(b) || a.localeCompare(b));
  const header = ['area', ...backends.flatMap(() => [...COUNTS])];
  const totals = new Map<string, Counts>();
  const rows = areas.map((area) => [
    area,
    ...backends.flatMap((backend) => {
      const cell = table.get(area)?.get(backend) ?? zero();
      const total = totals.get(backend) ?? zero();
      for (const which of COUNTS) total[which] += cell[which];
      totals.set(backend, total);
      return COUNTS.map((which) => String(cell[which]));
    }),
  ]);
  const totalRow = [
    'total',
    ...backends.flatMap((backend) =>
      COUNTS.map((which) => String(totals.get(backend)?.[which] ?? 0)),
    ),
  ];
  const lines = formatTable(header, [...rows, totalRow], true);

  // Each backend's name over its group of columns.
  const widths = (lines[1] ?? '').split('  ').map((rule) => rule.length);
  const groupWidth = COUNTS.reduce((sum, _, index) => sum + (widths[1 + index] ?? 0) + 2, -2);
  const groups = backends.map((backend) => `${backend} `.padEnd(groupWidth, '-'));
  return [[''.padEnd(widths[0] ?? 0), ...groups].join('  ').trimEnd(), ...lines];
}

const zero = (): Counts => ({ passed: 0, failed: 0, deviating: 0, skipped: 0 });

/** A plain-text table: left-aligned text, right-aligned numbers, a rule under the header. */
function formatTable(header: string[], rows: string[][], ruleBeforeLast = false): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return /^\d+$/.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = rows.map(line);
  if (ruleBeforeLast && body.length > 1) body.splice(body.length - 1, 0, rule);
  return [line(header), rule, ...body];
}
