/**
 * The sim client against MIT's own KDC (`startMitRealm()`, UDP on 127.0.0.1): its AS-REQ and
 * TGS-REQ are answered, the service ticket decrypts with the host key of the realm's keytab,
 * and MIT's refusals come out with MIT's messages.
 */
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { type Clock, createClock } from '../../../../src/sim/clock.js';
import { decrypt } from '../../../../src/sim/crypto/index.js';
import {
  type Credential,
  InitCredsContext,
  type InitCredsOptions,
  type InitialCredentials,
  Krb5Error,
  makeTgsRequest,
  parseKrbPrincipal,
  processTgsReply,
} from '../../../../src/sim/krb5/client/index.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { decodeEncTicketPart, decodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { createRandom, type RandomSource } from '../../../../src/sim/random.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';

const noGss = (): GssApi => {
  throw new Error('no GSS-API in these tests');
};

/** One request over UDP to 127.0.0.1:port; `undefined` after a second without a reply. */
function udpExchange(port: number, request: Uint8Array): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => finish(undefined), 1000);
    const finish = (reply: Uint8Array | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    socket.on('message', (message) => finish(Uint8Array.from(message)));
    socket.send(request, port, '127.0.0.1');
  });
}

async function initialCredentials(port: number, options: InitCredsOptions): Promise<Credential> {
  return (await asExchange(port, options)).credential;
}

async function asExchange(port: number, options: InitCredsOptions): Promise<InitialCredentials> {
  const context = new InitCredsContext(options);
  let request = context.start();
  for (;;) {
    const reply = await udpExchange(port, request);
    if (reply === undefined) throw new Error('expected a reply from the MIT KDC');
    const next = context.step(reply);
    if (next.done !== undefined) return next.done;
    request = next.request;
  }
}

async function serviceCredential(
  port: number,
  tgt: Credential,
  server: string,
  client: { random: RandomSource; clock: Clock },
): Promise<Credential> {
  const principal = parseKrbPrincipal(server, tgt.client.realm);
  const request = makeTgsRequest({
    tgt,
    server: principal,
    kdcOptions: (tgt.flags & TicketFlags.forwardable) | KdcOptions.canonicalize,
    enctypes: [18, 17, 20, 19, 16, 23, 25, 26],
    ...client,
  });
  const reply = await udpExchange(port, request.bytes);
  if (reply === undefined) throw new Error('expected a reply from the MIT KDC');
  return processTgsReply(reply, { tgt, request, server: principal });
}

async function rejection(run: () => Promise<unknown>): Promise<Krb5Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Krb5Error) return error;
    throw error;
  }
  throw new Error('expected a Krb5Error');
}

describeNative("the sim client against MIT's KDC", () => {
  let realm: MitRealm;
  // Real time: MIT's KDC checks the client's timestamps against its clock.
  const clock = createClock();
  const random = createRandom('sim client vs MIT');
  const asUser = (password: string, client = 'user@KRBTEST.COM') => ({
    client,
    password,
    clock,
    random,
  });

  beforeAll(async () => {
    realm = await startMitRealm({ gss: noGss });
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  it('gets a TGT and a service ticket that the host key of the keytab decrypts', async () => {
    const { credential: tgt, fastAvailable } = await asExchange(
      realm.kdcPort,
      asUser(realm.userPassword),
    );
    // MIT's KDC answers PA-REQ-ENC-PA-REP (checked) and offers FAST in the encrypted padata.
    expect(fastAvailable).toBe(true);
    expect(tgt.flags & TicketFlags.encPaRep).toBe(TicketFlags.encPaRep);
    const wanted = TicketFlags.forwardable | TicketFlags.initial | TicketFlags.preAuthent;
    expect(tgt.flags & wanted).toBe(wanted >>> 0);
    expect(tgt.sessionKey.enctype).toBe(18);

    const credential = await serviceCredential(realm.kdcPort, tgt, 'host/localhost', {
      random,
      clock,
    });
    const ticket = decodeTicket(credential.ticket);
    const entry = readKeytab(readFileSync(`${realm.directory}/keytab`)).find(
      ({ principal, kvno, enctype }) =>
        principal === 'host/localhost@KRBTEST.COM' &&
        kvno === ticket.encPart.kvno &&
        enctype === ticket.encPart.etype,
    );
    if (entry?.key === undefined) throw new Error('expected the host key in the keytab');
    const part = decodeEncTicketPart(decrypt(entry.key, 2, ticket.encPart.cipher));
    expect(part.key.keyvalue).toEqual(credential.sessionKey.contents());
    expect(part.cname).toEqual({ nameType: 1, nameString: ['user'] });
    expect(credential.flags & TicketFlags.forwardable).toBe(TicketFlags.forwardable);
  });

  it("reports MIT's refusal of a wrong password as 'Preauthentication failed'", async () => {
    const error = await rejection(() => initialCredentials(realm.kdcPort, asUser('wrong')));
    expect([error.code, error.message]).toEqual([2_529_638_936, 'Preauthentication failed']);
  });

  it("learns MIT's time from PREAUTH_REQUIRED (kdc_timesync) on a clock 600 s ahead", async () => {
    const ahead = createClock(Date.now() + 600_000);
    const { timeOffset } = await asExchange(realm.kdcPort, {
      ...asUser(realm.userPassword),
      clock: ahead,
    });
    expect(timeOffset?.seconds).toBeGreaterThanOrEqual(-601);
    expect(timeOffset?.seconds).toBeLessThanOrEqual(-590);
  });

  it("reports MIT's refusal of a clock 600 s ahead without kdc_timesync as a skew", async () => {
    const ahead = createClock(Date.now() + 600_000);
    const error = await rejection(() =>
      asExchange(realm.kdcPort, {
        ...asUser(realm.userPassword),
        clock: ahead,
        kdcTimesync: false,
      }),
    );
    expect([error.codeName, error.message]).toEqual([
      'KRB5KRB_AP_ERR_SKEW',
      'Clock skew too great',
    ]);
    expect(error.krbError?.eData).toBeUndefined();
  });

  it("reports MIT's unknown client with MIT's message", async () => {
    const error = await rejection(() =>
      initialCredentials(realm.kdcPort, asUser('x', 'nosuch@KRBTEST.COM')),
    );
    expect(error.message).toBe("Client 'nosuch@KRBTEST.COM' not found in Kerberos database");
  });

  it("reports MIT's unknown server with MIT's message", async () => {
    const tgt = await initialCredentials(realm.kdcPort, asUser(realm.userPassword));
    const error = await rejection(() =>
      serviceCredential(realm.kdcPort, tgt, 'nosuch/localhost', { random, clock }),
    );
    expect(error.message).toBe(
      'Server nosuch/localhost@KRBTEST.COM not found in Kerberos database',
    );
  });
});
