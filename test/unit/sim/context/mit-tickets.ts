/**
 * Tickets from a MIT realm's KDC for the sim's client, for the context tests against MIT: the
 * user's TGT (AS exchange over UDP), a service ticket for `host/<hostname>`, and a synchronous
 * KDC transport (a child process makes the UDP exchange) for code that needs one, such as
 * `makeDelegation`.
 */
import { execFileSync } from 'node:child_process';
import type { MitRealm } from '../../../../src/backends/native/mit-realm.js';
import type { Clock } from '../../../../src/sim/clock.js';
import {
  type Credential,
  InitCredsContext,
  type KdcTransport,
  makeTgsRequest,
  parseKrbPrincipal,
  processTgsReply,
} from '../../../../src/sim/krb5/client/index.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import type { RandomSource } from '../../../../src/sim/random.js';
import { udpExchange } from '../udp-kdc.js';

const UDP_SCRIPT = `
const s = require('node:dgram').createSocket('udp4');
setTimeout(() => s.close(), 2000).unref();
s.on('message', (m) => { process.stdout.write(m.toString('hex')); s.close(); });
s.send(Buffer.from(process.argv[2], 'hex'), Number(process.argv[1]), '127.0.0.1');`;

/** A synchronous transport to the KDC on 127.0.0.1:`port`. */
export function syncKdc(port: number): KdcTransport {
  return {
    exchange(request) {
      const hex = execFileSync(
        process.execPath,
        ['-e', UDP_SCRIPT, String(port), Buffer.from(request).toString('hex')],
        { encoding: 'utf8', timeout: 5000 },
      );
      return hex === '' ? undefined : Uint8Array.from(Buffer.from(hex, 'hex'));
    },
  };
}

/** `user@KRBTEST.COM`'s TGT from the realm's KDC. */
export async function mitTgt(realm: MitRealm, clock: Clock, random: RandomSource) {
  const context = new InitCredsContext({
    client: 'user@KRBTEST.COM',
    password: realm.userPassword,
    clock,
    random,
  });
  let request = context.start();
  for (;;) {
    const next = context.step(await udpExchange(realm.kdcPort, request));
    if (next.done !== undefined) return next.done.credential;
    request = next.request;
  }
}

/** A ticket for `host/<hostname>` with `tgt`, forwardable when the TGT is. */
export async function mitServiceTicket(
  realm: MitRealm,
  tgt: Credential,
  clock: Clock,
  random: RandomSource,
): Promise<Credential> {
  const server = parseKrbPrincipal(`host/${realm.hostname}`, tgt.client.realm);
  const tgs = makeTgsRequest({
    tgt,
    server,
    kdcOptions: (tgt.flags & TicketFlags.forwardable) | KdcOptions.canonicalize,
    enctypes: [18, 17, 20, 19],
    random,
    clock,
  });
  const reply = await udpExchange(realm.kdcPort, tgs.bytes);
  return processTgsReply(reply, { tgt, request: tgs, server });
}
