/** Sends one Kerberos request to a KDC on 127.0.0.1 over UDP, for the sim's tests against MIT. */
import { createSocket } from 'node:dgram';

/**
 * The KDC's reply to `request` on 127.0.0.1:`port`.
 * @throws {Error} when no reply comes within 2 s.
 */
export function udpExchange(port: number, request: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('expected a reply from the MIT KDC'));
    }, 2000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(Uint8Array.from(message));
    });
    socket.send(request, port, '127.0.0.1');
  });
}
