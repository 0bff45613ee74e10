/**
 * The two machine transitions model-based.test.ts cannot replay on MIT in-process, because
 * the machines predict that MIT 1.20.1 kills the process there (`aborts`): each is run in a
 * child process against the same MIT realm, and the child must die of the predicted signal,
 * while a control child that stops just before the call must live. So the prediction is
 * checked on MIT too, not assumed.
 *
 * - context machine, `failed --inquireSecContextByOid`: `g_inq_context_oid.c` passes a union
 *   context without a mechanism context on, and the krb5 mechanism dereferences NULL
 *   (SIGSEGV).
 * - IOV machine, `verifyMicIov` with a STREAM buffer: `kg_unseal_stream_iov` asserts the token
 *   is a Wrap token (SIGABRT).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../src/backends/native/mit-realm.js';
import { CONTEXT_CALL_OUTCOMES } from '../../src/spec/machines/context-calls.js';
import { IOV_REJECTIONS } from '../../src/spec/machines/iov.js';
import { describeNative } from '../support/native.js';

const CHILD = fileURLToPath(new URL('./mit-abort-child.ts', import.meta.url));

/** Runs the child in `mode`; its exit status, signal and output. */
function child(mode: string, variant = 'call') {
  // Through sh, with core dumps off: the crash is the expected outcome, not a file to keep.
  const command = 'ulimit -c 0; exec "$0" --import tsx "$@"';
  const run = spawnSync('sh', ['-c', command, process.execPath, CHILD, mode, variant], {
    env: process.env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

describeNative('machine transitions where MIT kills the process', () => {
  let realm: MitRealm | undefined;

  beforeAll(async () => {
    realm = await startMitRealm();
  }, 60_000);
  afterAll(async () => {
    await realm?.close();
  });

  it('the machines predict both', () => {
    expect(CONTEXT_CALL_OUTCOMES.failed.inquireSecContextByOid.prediction.aborts).toBe(true);
    expect(IOV_REJECTIONS.micStream.aborts).toBe(true);
  });

  it('inquireSecContextByOid on a failed context: the control lives, the call segfaults', () => {
    const control = child('husk-inquire-by-oid', 'control');
    expect(control.stdout + control.stderr).toContain('survived');
    expect(control.status).toBe(0);

    const crash = child('husk-inquire-by-oid');
    expect(crash.stdout).not.toContain('survived');
    expect(crash.signal).toBe('SIGSEGV');
  }, 60_000);

  it('verifyMicIov with a STREAM buffer: the control lives, the call aborts', () => {
    const control = child('verify-mic-iov-stream', 'control');
    expect(control.stdout + control.stderr).toContain('survived');
    expect(control.status).toBe(0);

    const crash = child('verify-mic-iov-stream');
    expect(crash.stdout).not.toContain('survived');
    expect(crash.signal).toBe('SIGABRT');
  }, 60_000);
});
