/**
 * A port free for both UDP and TCP on 127.0.0.1, for a KDC that listens on both.
 *
 * The kernel picks a free TCP port; the same number is then bound for UDP to check it. Both
 * sockets are closed before the KDC starts, so another process may still take the port in
 * between: the caller retries when the KDC reports that the address is in use.
 *
 * @module
 */

import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { KDC_ADDRESS } from './config.js';

const ATTEMPTS = 20;

/**
 * Finds a port that is free on 127.0.0.1 for TCP and UDP at the time of the call.
 * @throws {Error} when no such port turned up in 20 tries.
 */
export async function findFreePort(): Promise<number> {
  let last = 'none tried';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = await freeTcpPort();
    if (await udpPortIsFree(port)) return port;
    last = `port ${port} was free for TCP but taken for UDP`;
  }
  throw new Error(
    `expected a port free for TCP and UDP on ${KDC_ADDRESS} within ${ATTEMPTS} tries, ` +
      `last: ${last}`,
  );
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: KDC_ADDRESS, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`expected a TCP address from listen(), got ${String(address)}`));
      });
    });
  });
}

function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: KDC_ADDRESS, port, exclusive: true }, () => {
      socket.close(() => resolve(true));
    });
  });
}
