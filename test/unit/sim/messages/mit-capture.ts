/**
 * Captures real MIT messages for known-answer tests: the KDC exchanges of `kinit` and `kvno`,
 * recorded by a UDP proxy in front of a MIT realm's KDC, and the service key from its keytab.
 */
import { execFile } from 'node:child_process';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MitRealm } from '../../../../src/backends/native/mit-realm.js';

const run = promisify(execFile);

/** The messages one client program exchanged with the KDC, in order. */
export interface KdcExchange {
  readonly requests: Uint8Array[];
  readonly replies: Uint8Array[];
}

/**
 * Runs `kinit user` (password on stdin) then `kvno host/<hostname>` with a krb5.conf that points
 * at a recording UDP proxy; returns what each sent and received.
 */
export async function captureKdcExchanges(
  realm: MitRealm,
  password: string,
): Promise<{ kinit: KdcExchange; kvno: KdcExchange }> {
  const proxy = createSocket('udp4');
  const upstream = createSocket('udp4');
  let current: KdcExchange = { requests: [], replies: [] };
  let client: RemoteInfo | undefined;

  proxy.on('message', (message, from) => {
    client = from;
    current.requests.push(Uint8Array.from(message));
    upstream.send(message, realm.kdcPort, '127.0.0.1');
  });
  upstream.on('message', (message) => {
    current.replies.push(Uint8Array.from(message));
    if (client !== undefined) proxy.send(message, client.port, client.address);
  });
  await new Promise<void>((resolve) => proxy.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => upstream.bind(0, '127.0.0.1', resolve));

  try {
    const port = proxy.address().port;
    const config = join(realm.directory, 'capture-krb5.conf');
    const original = readFileSync(realm.env.KRB5_CONFIG ?? '', 'utf8');
    writeFileSync(config, original.replaceAll(`:${realm.kdcPort}`, `:${port}`));
    const env = {
      ...process.env,
      KRB5_CONFIG: config,
      KRB5CCNAME: `FILE:${join(realm.directory, 'capture.ccache')}`,
    };

    const kinit = current;
    const child = run('kinit', [realm.principal('user')], { env });
    child.child.stdin?.end(`${password}\n`);
    await child;

    current = { requests: [], replies: [] };
    await run('kvno', [`host/${realm.hostname}`], { env });
    return { kinit, kvno: current };
  } finally {
    proxy.close();
    upstream.close();
  }
}
