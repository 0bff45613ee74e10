/**
 * Builds and runs bench/c/gss-bench.c, the C reference of `npm run bench`: `cc -O2` into a
 * temporary directory, linked with `krb5-config --libs gssapi` (Debian package
 * `libkrb5-dev`). The program reads the realm from the environment startMitRealm sets.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = new URL('./c/gss-bench.c', import.meta.url).pathname;

/** How to get the C rows when they cannot be built. */
export const C_INSTALL_HINT = 'needs cc and libkrb5-dev: sudo apt-get install -y gcc libkrb5-dev';

/** The scenarios of the C program. */
export type CScenario = 'establish' | 'wrap' | 'mic';

/** The built program, or why there is none. */
export type CProgram =
  | {
      readonly available: true;
      run(scenario: CScenario, iterations: number, target: string, bytes?: number): number;
      remove(): void;
    }
  | { readonly available: false; readonly reason: string };

function headersInstalled(): boolean {
  try {
    const flags = execFileSync('krb5-config', ['--cflags', 'gssapi'], { encoding: 'utf8' });
    const includes = flags
      .split(/\s+/)
      .filter((flag) => flag.startsWith('-I'))
      .map((flag) => flag.slice(2));
    return [...includes, '/usr/include'].some((dir) =>
      existsSync(join(dir, 'gssapi/gssapi_krb5.h')),
    );
  } catch {
    return false;
  }
}

/** Compiles the program; returns why not when `cc`, `krb5-config` or the headers are missing. */
export function buildCProgram(): CProgram {
  if (!headersInstalled()) return { available: false, reason: C_INSTALL_HINT };

  const directory = mkdtempSync(join(tmpdir(), 'gss-bench-'));
  const binary = join(directory, 'gss-bench');
  try {
    const libs = execFileSync('krb5-config', ['--libs', 'gssapi'], { encoding: 'utf8' });
    execFileSync('cc', ['-O2', SOURCE, '-o', binary, ...libs.trim().split(/\s+/)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { available: false, reason: `cc failed (${detail}); ${C_INSTALL_HINT}` };
  }

  return {
    available: true,
    run(scenario, iterations, target, bytes) {
      const args = [scenario, String(iterations), target];
      if (bytes !== undefined) args.push(String(bytes));
      const output = execFileSync(binary, args, { encoding: 'utf8', env: process.env });
      const match = /^ops_per_second (\S+)$/m.exec(output);
      if (match?.[1] === undefined)
        throw new Error(
          `gss-bench ${scenario}: expected ops_per_second, found ${JSON.stringify(output)}`,
        );
      return Number(match[1]);
    },
    remove() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
