/**
 * Runs one of MIT's command-line programs to completion, with text on its standard input
 * (passwords and `kadmin.local` requests never go on the command line, except the random
 * master password that `kdb5_util -P` wants), and collects what it printed.
 *
 * @module
 */

import { spawn } from 'node:child_process';

/** How a program ended and what it printed. */
export interface CommandResult {
  /** The exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run a program. */
export interface CommandOptions {
  /** The whole environment of the program. */
  readonly env: NodeJS.ProcessEnv;
  /** Written to the program's standard input, which is then closed. */
  readonly input?: string;
}

/**
 * Runs `file` with `args` and resolves when it has exited and its output is read; a failing
 * exit code resolves too, the caller decides what it means.
 * @throws {Error} when the program cannot be started at all.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // A program that exits before reading its input closes the pipe; that is not an error here.
    child.stdin.on('error', () => {});
    child.once('error', (error) => reject(new Error(`cannot run ${file}: ${error.message}`)));
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** `file args…` exited with …: the stderr text, for error messages. */
export function describeFailure(file: string, result: CommandResult): string {
  const ending = result.signal === null ? `code ${result.code}` : `signal ${result.signal}`;
  const text = result.stderr.trim();
  return `${file} exited with ${ending}${text === '' ? '' : `: ${text}`}`;
}
