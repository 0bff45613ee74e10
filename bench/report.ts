/**
 * The figures of `npm run bench`: a row per measurement with its ratio to the reference and
 * its goal, printed as one table per scenario or written as JSON.
 */

/** What a row measures. */
export type Unit = 'ops/s' | 'ms' | 'MiB';

/** A goal and whether the row meets it (`null` when the row has no figure). */
export interface Goal {
  readonly text: string;
  readonly met: boolean | null;
}

/** One measurement. */
export interface Row {
  readonly name: string;
  /** The figure, `null` when it could not be measured (see `note`). */
  readonly value: number | null;
  readonly unit: Unit;
  /** `value` divided by the reference row's, when the row has a reference. */
  readonly ratio: number | null;
  /** The name of the row the ratio is to; `null` for a row that is itself the reference. */
  readonly reference: string | null;
  readonly goal: Goal | null;
  readonly note: string | null;
}

/** The rows of one scenario. */
export interface Table {
  readonly title: string;
  readonly rows: readonly Row[];
}

/** A row's ratio to `reference`, `null` when either figure is missing. */
export function ratioOf(value: number | null, reference: number | null): number | null {
  return value === null || reference === null || reference === 0 ? null : value / reference;
}

/** The goal "at least `minimum` times the reference". */
export function ratioGoal(ratio: number | null, minimum: number, reference: string): Goal {
  return { text: `>= ${minimum}x ${reference}`, met: ratio === null ? null : ratio >= minimum };
}

/** The goal "under `limit`" of an absolute figure. */
export function limitGoal(value: number | null, limit: number, unit: Unit): Goal {
  return { text: `< ${limit} ${unit}`, met: value === null ? null : value < limit };
}

function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return 'n/a';
  const digits = unit === 'ops/s' ? (value >= 100 ? 0 : 1) : unit === 'ms' ? 2 : 1;
  const digitOptions = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return `${value.toLocaleString('en-US', digitOptions)} ${unit}`;
}

function formatRatio(row: Row): string {
  if (row.reference === null) return row.unit === 'ops/s' && row.value !== null ? 'reference' : '';
  return row.ratio === null ? 'n/a' : `${row.ratio.toFixed(2)}x ${row.reference}`;
}

function formatGoal(goal: Goal | null): string {
  if (goal === null) return '';
  const verdict = goal.met === null ? 'unknown' : goal.met ? 'met' : 'MISSED';
  return `${goal.text} (${verdict})`;
}

/** The table as text, columns padded, a note under its row. */
export function formatTable(table: Table): string {
  const header = ['case', 'figure', 'ratio', 'goal'];
  const cells = table.rows.map((row) => [
    row.name,
    formatValue(row.value, row.unit),
    formatRatio(row),
    formatGoal(row.goal),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const align = (line: readonly string[]): string =>
    line
      .map((cell, column) =>
        column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();

  const lines = [table.title, `  ${align(header)}`];
  table.rows.forEach((row, index) => {
    lines.push(`  ${align(cells[index] ?? [])}`);
    if (row.note !== null) lines.push(`    ${row.note}`);
  });
  return lines.join('\n');
}

/** The figures as JSON, for comparisons across commits. */
export function formatJson(
  tables: readonly Table[],
  context: Readonly<Record<string, string | null>>,
): string {
  return `${JSON.stringify({ ...context, scenarios: tables }, null, 2)}\n`;
}
