/**
 * The sim's authentication indicators against MIT krb5 1.20.1 with PKINIT
 * (`pkinit_indicator`): the CAMMAC the sim writes is MIT's octet for octet when made over the
 * same ticket with the same keys, the sim reads MIT's TGT and service ticket as MIT's KDC and
 * acceptor do, and MIT's acceptor reads the indicators of a ticket from the sim's KDC.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt } from '../../../../src/sim/crypto/index.js';
import { acceptContextToken } from '../../../../src/sim/krb5/context/acceptor-token.js';
import { ReplayCache } from '../../../../src/sim/krb5/context/replay-cache.js';
import type { ServiceKey } from '../../../../src/sim/krb5/context/service-keys.js';
import {
  decodeEncTicketPart,
  decodeTicket,
  type EncTicketPart,
} from '../../../../src/sim/krb5/messages/ticket.js';
import {
  acceptorTicketIndicators,
  addTicketIndicators,
  kdcTicketIndicators,
} from '../../../../src/sim/krb5/pac/cammac.js';
import { createRandom } from '../../../../src/sim/random.js';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';

const INDICATORS = ['pkinit-test', 'second'];
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The DER Tickets in a ccache file: each APPLICATION 1 that decodes, in file order. */
function ccacheTickets(bytes: Uint8Array): Uint8Array[] {
  const tickets: Uint8Array[] = [];
  for (let at = 0; at + 4 < bytes.length; at++) {
    if (bytes[at] !== 0x61 || bytes[at + 1] !== 0x82) continue;
    const length = 4 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
    const candidate = bytes.subarray(at, at + length);
    try {
      decodeTicket(candidate);
      tickets.push(candidate);
      at += length - 1;
    } catch {
      // Not a ticket, only octets that look like its start.
    }
  }
  return tickets;
}

describeNative("the sim's authentication indicators against MIT's", () => {
  let realm: MitRealm;
  let keys: ServiceKey[];
  const clock = createClock();
  const random = createRandom('cammac vs MIT');

  const kadmin = (query: string) =>
    execFileSync('/usr/sbin/kadmin.local', ['-q', query], {
      env: { ...process.env, ...realm.env, LC_ALL: 'C' },
      encoding: 'utf8',
    });
  const keyOf = (principal: string, enctype: number, kvno?: number) => {
    const found = keys.find(
      (entry) =>
        entry.principal === principal &&
        entry.enctype === enctype &&
        (kvno === undefined || entry.kvno === kvno),
    );
    if (found === undefined) throw new Error(`no key of ${principal}`);
    return found;
  };
  /** A ticket's server, the key that opens it, and its plaintext. */
  const open = (ticketBytes: Uint8Array) => {
    const ticket = decodeTicket(ticketBytes);
    const server = `${ticket.sname.nameString.join('/')}@${ticket.realm}`;
    const key = keyOf(server, ticket.encPart.etype, ticket.encPart.kvno);
    const part = decodeEncTicketPart(decrypt(key.key, 2, ticket.encPart.cipher));
    return { server, key, part };
  };

  beforeAll(async () => {
    realm = await startMitRealm({ pkinitIndicators: INDICATORS });
    kadmin(`ktadd -k ${realm.directory}/krbtgt.keytab -norandkey krbtgt/${realm.name}`);
    keys = [
      ...readKeytab(readFileSync(`${realm.directory}/keytab`)),
      ...readKeytab(readFileSync(`${realm.directory}/krbtgt.keytab`)),
    ];
    await realm.kinitPkinit('user');
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  /** MIT's AP-REQ for host/<hostname> from the PKINIT login; the ccache then holds both tickets. */
  const mitToken = (): Uint8Array => {
    const target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = realm.gss.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');
    return first.token;
  };

  it("writes the CAMMAC of MIT's TGT and service ticket octet for octet", () => {
    mitToken();
    const krbtgt = `krbtgt/${realm.name}@${realm.name}`;
    const tickets = ccacheTickets(readFileSync(`${realm.directory}/ccache`)).map(open);
    expect(tickets.map(({ server }) => server)).toEqual([
      krbtgt,
      `host/${realm.hostname}@${realm.name}`,
    ]);

    for (const { part, key } of tickets) {
      const elements = part.authorizationData ?? [];
      // The PAC first, the CAMMAC last.
      expect(elements.map(({ adType }) => adType)).toEqual([1, 1]);
      const bare: EncTicketPart = { ...part, authorizationData: elements.slice(0, -1) };
      const rewritten = addTicketIndicators(bare, INDICATORS, {
        krbtgt: keyOf(krbtgt, 18).key,
        krbtgtKvno: keyOf(krbtgt, 18).kvno,
        server: key.key,
      });

      expect(rewritten.authorizationData?.map(({ adData }) => hex(adData))).toEqual(
        elements.map(({ adData }) => hex(adData)),
      );
    }
  });

  it("reads MIT's TGT as MIT's TGS does and its service ticket as MIT's acceptor does", () => {
    mitToken();
    const [tgt, service] = ccacheTickets(readFileSync(`${realm.directory}/ccache`)).map(open);
    if (tgt === undefined || service === undefined) throw new Error('expected two tickets');
    const krbtgt = `krbtgt/${realm.name}@${realm.name}`;
    const krbtgtKey = (kvno: number | undefined) =>
      kvno === undefined ? null : keyOf(krbtgt, 18, kvno).key;

    expect(kdcTicketIndicators(tgt.part, krbtgtKey)).toEqual(INDICATORS);
    expect(kdcTicketIndicators(service.part, krbtgtKey)).toEqual(INDICATORS);
    // The kdc-verifier is in the krbtgt key: a TGS with another key copies nothing.
    expect(kdcTicketIndicators(tgt.part, () => service.key.key)).toEqual([]);
    // The svc-verifier is in the ticket's own key: another key does not verify it.
    expect(acceptorTicketIndicators(service.part.authorizationData ?? [], service.key.key)).toEqual(
      INDICATORS,
    );
    expect(acceptorTicketIndicators(service.part.authorizationData ?? [], tgt.key.key)).toEqual([]);
  });

  it("gives the indicators of MIT's initiator token in the sim's acceptor", () => {
    const accepted = acceptContextToken(mitToken(), {
      keys: keys.filter((key) => key.principal.startsWith('host/')),
      clock,
      random,
      replayCache: new ReplayCache(),
    });

    expect(accepted.indicators).toEqual(INDICATORS);
  });

  it("has MIT's acceptor read the indicators of a ticket from the sim's KDC", async () => {
    const password = 'cammac service password';
    const principal = `cammacsvc/${realm.hostname}`;
    await realm.addPrincipal(principal, { password });
    kadmin(`ktadd -norandkey ${principal}`);
    const sim = buildSimRealm({
      seed: 'cammac to MIT',
      name: realm.name,
      hostname: realm.hostname,
    });
    await sim.addPrincipal(principal, { password });
    sim.database.add('alice', { password: 'alice-pw', authIndicators: INDICATORS });
    const alice = sim.party({ ccache: 'alice' });

    const target = alice.importName(`cammacsvc@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = alice.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');
    const name = realm.gss.acceptSecContext(first.token).initiatorName;

    expect(realm.gss.inquireName(name).attrs.map(text).at(-1)).toBe('auth-indicators');
    const got = realm.gss.getNameAttribute(name, 'auth-indicators');
    expect(got.values.map(text)).toEqual(INDICATORS);
    expect(got.authenticated).toBe(true);
  });
});
