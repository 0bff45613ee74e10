/**
 * Serves a sim KDC on 127.0.0.1 over UDP and TCP (RFC 4120 §7.2: a 4-octet length before each
 * TCP message), so that MIT's own client programs can talk to it.
 */
import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import type { SimKdc } from '../../../../src/sim/kdc/kdc.js';

/** A listening KDC: its port and how to stop it. */
export interface ServedKdc {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on one free port of 127.0.0.1 for UDP and TCP. */
export async function serveKdc(kdc: SimKdc): Promise<ServedKdc> {
  const tcp = createServer((socket) => answerTcp(kdc, socket));
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const address = tcp.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP port');
  const udp = createSocket('udp4');
  udp.on('message', (message, from) => {
    const reply = kdc.exchange(Uint8Array.from(message));
    if (reply !== undefined) udp.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => udp.bind(address.port, '127.0.0.1', resolve));

  return {
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

function answerTcp(kdc: SimKdc, socket: Socket): void {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) return;
      const request = Uint8Array.from(buffered.subarray(4, 4 + length));
      buffered = buffered.subarray(4 + length);
      const reply = kdc.exchange(request);
      if (reply === undefined) {
        socket.destroy();
        return;
      }
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(reply.length);
      socket.write(Buffer.concat([prefix, reply]));
    }
  });
}
