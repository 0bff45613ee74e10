/**
 * The sim's PAC against MIT krb5 1.20.1 on a real realm: MIT's KDC's tickets (opened with the
 * realm's keytab and its krbtgt key) carry the PAC the sim's KDC writes, octet for octet when
 * the sim signs the same ticket with the same keys; the sim's acceptor verifies MIT's PAC; MIT's
 * acceptor verifies the PAC of a ticket from the sim's KDC; and `no_auth_data_required` turns
 * the PAC off on both.
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
import { decodeClientInfo } from '../../../../src/sim/krb5/pac/pac-client-info.js';
import {
  decodePacTable,
  locatePacBuffer,
  PacBufferType,
} from '../../../../src/sim/krb5/pac/pac-layout.js';
import {
  acceptTicketPac,
  findTicketPac,
  signTicketPac,
  verifyTicketPac,
} from '../../../../src/sim/krb5/pac/pac-ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';
import { mitServiceTicket, mitTgt } from '../context/mit-tickets.js';
import { readKeytab } from '../keytab.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** What MIT lists for the initiator name of a service ticket's PAC (buffers 10, 16, 6, 7). */
const SERVICE_ATTRIBUTES = [
  'urn:mspac:',
  'urn:mspac:client-info',
  'urn:mspac:16',
  'urn:mspac:server-checksum',
  'urn:mspac:privsvr-checksum',
];

describeNative("the sim's PAC against MIT's", () => {
  let realm: MitRealm;
  let keys: ServiceKey[];
  const clock = createClock();
  const random = createRandom('pac vs MIT');

  const kadmin = (query: string) =>
    execFileSync('/usr/sbin/kadmin.local', ['-q', query], {
      env: { ...process.env, ...realm.env, LC_ALL: 'C' },
      encoding: 'utf8',
    });

  /** The ticket's plaintext, opened with the service or krbtgt key of its kvno. */
  const open = (ticketBytes: Uint8Array): EncTicketPart => {
    const ticket = decodeTicket(ticketBytes);
    const server = `${ticket.sname.nameString.join('/')}@${ticket.realm}`;
    const key = keyOf(server, ticket.encPart.etype, ticket.encPart.kvno);
    return decodeEncTicketPart(decrypt(key.key, 2, ticket.encPart.cipher));
  };
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

  beforeAll(async () => {
    realm = await startMitRealm();
    kadmin(`ktadd -k ${realm.directory}/krbtgt.keytab -norandkey krbtgt/${realm.name}`);
    keys = [
      ...readKeytab(readFileSync(`${realm.directory}/keytab`)),
      ...readKeytab(readFileSync(`${realm.directory}/krbtgt.keytab`)),
    ];
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  it("signs MIT's TGT and service ticket to the same PAC octets MIT's KDC wrote", async () => {
    const tgt = await mitTgt(realm, clock, random);
    const service = await mitServiceTicket(realm, tgt, clock, random);
    const krbtgt = `krbtgt/${realm.name}@${realm.name}`;
    const host = `host/${realm.hostname}@${realm.name}`;

    for (const [credential, server] of [
      [tgt, krbtgt],
      [service, host],
    ] as const) {
      const part = open(credential.ticket);
      const found = findTicketPac(part.authorizationData);
      if (found === null) throw new Error('expected a PAC in MIT ticket');
      const encPartEtype = decodeTicket(credential.ticket).encPart.etype;
      const signing = {
        server: keyOf(server, encPartEtype).key,
        privsvr: keyOf(krbtgt, 18).key,
      };
      const serverName = server.split('@')[0]?.split('/') ?? [];
      expect(verifyTicketPac(part, serverName, signing.server, signing.privsvr)?.code).toBe(0);

      const table = decodePacTable(found.pac) ?? [];
      const clientInfo = locatePacBuffer(found.pac, table, PacBufferType.clientInfo);
      expect(clientInfo === null ? null : decodeClientInfo(clientInfo)).toEqual({
        authtime: part.authtime,
        name: 'user',
      });
      const isTgt = server === krbtgt;
      expect(table.map(({ type }) => type)).toEqual(isTgt ? [10, 6, 7] : [10, 16, 6, 7]);
      expect(table.map(({ size }) => size)).toEqual(isTgt ? [18, 16, 16] : [18, 16, 16, 16]);

      const { authorizationData: _pac, ...bare } = part;
      const resigned = signTicketPac(bare, {
        server: serverName,
        // A TGS copies the TGT's client info; an AS writes it.
        client: isTgt ? { realm: part.crealm, name: part.cname } : null,
        buffers:
          isTgt || clientInfo === null
            ? []
            : [{ type: PacBufferType.clientInfo, data: clientInfo }],
        keys: signing,
      });
      expect(
        resigned.authorizationData?.map(({ adType, adData }) => [adType, hex(adData)]),
      ).toEqual(part.authorizationData?.map(({ adType, adData }) => [adType, hex(adData)]));
    }
  });

  it("verifies the PAC of MIT's initiator token in the sim's acceptor", () => {
    const target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = realm.gss.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');

    const accepted = acceptContextToken(first.token, {
      keys: keys.filter((key) => key.principal.startsWith('host/')),
      clock,
      random,
      replayCache: new ReplayCache(),
    });
    expect(accepted.pac?.verified).toBe(true);
    const pac = accepted.pac?.pac ?? new Uint8Array(0);
    expect((decodePacTable(pac) ?? []).map(({ type }) => type)).toEqual([10, 16, 6, 7]);
  });

  it("has MIT's acceptor verify the PAC of a ticket from the sim's KDC", async () => {
    const password = 'pac service password';
    const principal = `pacsvc/${realm.hostname}`;
    await realm.addPrincipal(principal, { password });
    kadmin(`ktadd -norandkey ${principal}`);
    const sim = buildSimRealm({ seed: 'pac to MIT', name: realm.name, hostname: realm.hostname });
    await sim.addPrincipal(principal, { password });

    const target = sim.gss.importName(`pacsvc@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = sim.gss.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');
    const accepted = realm.gss.acceptSecContext(first.token);
    const name = accepted.initiatorName;

    expect(realm.gss.inquireName(name).attrs.map(text)).toEqual(SERVICE_ATTRIBUTES);
    // MIT gives a PAC's values only when its server checksum and client info verified.
    const whole = realm.gss.getNameAttribute(name, 'urn:mspac:');
    expect(whole.authenticated).toBe(true);
    const [pac] = whole.values;
    expect(pac === undefined ? [] : (decodePacTable(pac) ?? []).map(({ type }) => type)).toEqual([
      10, 16, 6, 7,
    ]);
  });

  it('issues no PAC for a service with no_auth_data_required, on MIT as on the sim', async () => {
    const host = `host/${realm.hostname}`;
    await realm.modifyPrincipal(host, ['+no_auth_data_required']);
    try {
      const tgt = await mitTgt(realm, clock, random);
      const service = await mitServiceTicket(realm, tgt, clock, random);
      const part = open(service.ticket);

      expect(findTicketPac(part.authorizationData)).toBeNull();
      expect(part.authorizationData).toBeUndefined();
      expect(acceptTicketPac(part, keyOf(`${host}@${realm.name}`, 18).key)).toBeNull();
      // The TGT still has its PAC: the attribute is the service's.
      expect(findTicketPac(open(tgt.ticket).authorizationData)).not.toBeNull();
    } finally {
      await realm.modifyPrincipal(host, ['-no_auth_data_required']);
    }
  });
});
