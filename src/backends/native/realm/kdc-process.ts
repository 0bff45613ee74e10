/**
 * `krb5kdc -n` as a child of a small `sh` guard that outlives Node if it must.
 *
 * The guard's standard input is a pipe from Node that Node never writes to. It starts the KDC,
 * prints the KDC's pid, and waits for the KDC. A second shell of the guard reads the pipe; when
 * the pipe closes (Node closed it in {@link KdcProcess.stop}, or Node died, even by SIGKILL) it
 * sends SIGTERM to the KDC, SIGKILL after 5 s, waits until the KDC is gone and removes the
 * realm's directory. The guard runs in its own session, so a Ctrl-C for the test runner's
 * process group reaches it only through Node's death. Nothing here sleeps for the KDC to come
 * up: `krb5kdc -n` prints `starting...` on stderr once its sockets are bound.
 *
 * @module
 */

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** How long the KDC may take to bind its sockets. */
const START_DEADLINE_MS = 10_000;

/** How long {@link KdcProcess.stop} waits for the guard; the guard itself escalates at 5 s. */
const STOP_DEADLINE_MS = 8_000;

/** `$1` is the directory to remove, the rest is the KDC's command line. */
const GUARD_SCRIPT = `
dir=$1
shift
exec 3<&0 </dev/null
"$@" 3<&- &
kdc=$!
echo "$kdc"
(
  cat <&3 >/dev/null
  kill -TERM "$kdc" 2>/dev/null
  tries=0
  while kill -0 "$kdc" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -eq 500 ]; then kill -KILL "$kdc" 2>/dev/null; fi
    sleep 0.01
  done
  rm -rf "$dir"
) &
exec 3<&-
wait "$kdc"
`;

/** Why a KDC did not start. */
export class KdcStartError extends Error {
  /** True when the KDC could not bind its port because something else holds it. */
  readonly addressInUse: boolean;

  constructor(message: string, addressInUse: boolean) {
    super(message);
    this.name = 'KdcStartError';
    this.addressInUse = addressInUse;
  }
}

/** A running KDC and its guard. */
export interface KdcProcess {
  /** The pid of `krb5kdc` itself. */
  readonly pid: number;
  /** The pid of the `sh` guard. */
  readonly guardPid: number;
  /** What the KDC has written on stderr so far. */
  stderr(): string;
  /**
   * Stops the KDC (SIGTERM, SIGKILL after 5 s) and removes the directory, through the guard;
   * resolves when the KDC and the guard are gone.
   */
  stop(): Promise<void>;
  /** For process exit: SIGKILL to the KDC at once, without waiting. */
  killNow(): void;
}

/** How to start a KDC. */
export interface KdcStart {
  /** The path of `krb5kdc`. */
  readonly program: string;
  readonly realm: string;
  /** The realm's directory, which the guard removes when it stops the KDC. */
  readonly directory: string;
  /** The KDC's environment: `KRB5_CONFIG`, `KRB5_KDC_PROFILE`, `LC_ALL=C`. */
  readonly env: NodeJS.ProcessEnv;
  /** Reads the KDC's log file, for error messages. */
  readonly readLog: () => string;
}

/**
 * Starts `krb5kdc -n` under the guard and resolves once it listens.
 * @throws {KdcStartError} when the KDC exits or does not listen within 10 s; the message holds
 *   the KDC's stderr and log.
 */
export function startKdc(start: KdcStart): Promise<KdcProcess> {
  const child = spawn(
    '/bin/sh',
    ['-c', GUARD_SCRIPT, 'sh', start.directory, start.program, '-n', '-r', start.realm],
    { env: start.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdin.on('error', () => {});
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (what: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Read the log now: once stdin is closed the guard removes the directory.
      const log = start.readLog();
      child.stdin.end();
      void closed.then(() => {
        const addressInUse = /address already in use/i.test(`${stderr}\n${log}`);
        const details = `stderr: ${stderr.trim() || '(empty)'}; log: ${log.trim() || '(empty)'}`;
        reject(new KdcStartError(`krb5kdc ${what}; ${details}`, addressInUse));
      });
    };
    const check = (): void => {
      if (settled || !stdout.includes('\n') || !stderr.includes('starting...')) return;
      const pid = Number(stdout.trim());
      if (!Number.isInteger(pid) || pid <= 1) {
        fail(`guard printed ${JSON.stringify(stdout.trim())}, expected the KDC's pid`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(running(child, pid, closed, () => stderr));
    };
    const timer = setTimeout(
      () => fail(`did not report "starting..." within ${START_DEADLINE_MS} ms`),
      START_DEADLINE_MS,
    );

    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      check();
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      check();
    });
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
    child.once('exit', (code, signal) => {
      const ending = signal === null ? `code ${code}` : `signal ${signal}`;
      fail(`exited with ${ending} before it was listening`);
    });
  });
}

function running(
  child: ChildProcessWithoutNullStreams,
  pid: number,
  closed: Promise<void>,
  stderr: () => string,
): KdcProcess {
  // The realm may stay open until the process ends; the guard must not keep Node alive.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if ('unref' in stream && typeof stream.unref === 'function') stream.unref();
  }
  const guardPid = child.pid ?? -1;

  return {
    pid,
    guardPid,
    stderr,
    async stop() {
      child.ref();
      child.stdin.end();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), STOP_DEADLINE_MS);
      });
      const outcome = await Promise.race([closed, deadline]);
      clearTimeout(timer);
      if (outcome === 'late') {
        signal(pid, 'SIGKILL');
        signal(-guardPid, 'SIGKILL');
      }
    },
    killNow() {
      signal(pid, 'SIGKILL');
    },
  };
}

/** `process.kill` for a process that may be gone already. */
function signal(pid: number, name: NodeJS.Signals): void {
  if (!Number.isInteger(pid) || Math.abs(pid) <= 1) return;
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}
