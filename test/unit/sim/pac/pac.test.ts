/**
 * The PAC the sim's KDC signs and the sim's acceptor checks (src/sim/krb5/pac): the layout
 * MIT 1.20.1's KDC writes (measured: see pac-mit.test.ts), the three signatures, what each
 * one detects, and the PAC's way through a sim realm to an accepted name.
 */
import { describe, expect, it } from 'vitest';
import { Enctype, makeRandomKey } from '../../../../src/sim/crypto/index.js';
import { code } from '../../../../src/sim/errors/index.js';
import type { EncTicketPart } from '../../../../src/sim/krb5/messages/ticket.js';
import {
  decodeClientInfo,
  encodeClientInfo,
  pacClientName,
} from '../../../../src/sim/krb5/pac/pac-client-info.js';
import {
  decodePacTable,
  encodePac,
  PacBufferType,
} from '../../../../src/sim/krb5/pac/pac-layout.js';
import {
  verifyPrivsvrChecksum,
  verifyServerChecksum,
} from '../../../../src/sim/krb5/pac/pac-signature.js';
import {
  acceptTicketPac,
  findTicketPac,
  isKdcIssued,
  pacAuthorizationElement,
  signTicketPac,
  verifyTicketPac,
} from '../../../../src/sim/krb5/pac/pac-ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { OID } from '../../../../src/spec/oid.js';
import { ExtensionOid, NameType } from '../../../../src/spec/oids.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const random = createRandom('pac');
const serverKey = makeRandomKey(Enctype.AES256_CTS_HMAC_SHA1_96, (n) => random.bytes(n));
const krbtgtKey = makeRandomKey(Enctype.AES256_CTS_HMAC_SHA1_96, (n) => random.bytes(n));
const otherKey = makeRandomKey(Enctype.AES256_CTS_HMAC_SHA1_96, (n) => random.bytes(n));
const MODIFIED = code('KRB5KRB_AP_ERR_MODIFIED');
const USER = { realm: 'KRBTEST.COM', name: { nameType: 1, nameString: ['user'] } };
const HOST = ['host', 'localhost'];
const KRBTGT = ['krbtgt', 'KRBTEST.COM'];

const part: EncTicketPart = {
  flags: 0x40290000,
  key: { keytype: 18, keyvalue: new Uint8Array(32).fill(7) },
  crealm: USER.realm,
  cname: USER.name,
  transited: { trType: 1, contents: new Uint8Array(0) },
  authtime: 1_796_315_892,
  endtime: 1_796_402_292,
};
const keys = { server: serverKey, privsvr: krbtgtKey };

function typesOf(pac: Uint8Array): number[] {
  return (decodePacTable(pac) ?? []).map(({ type }) => type);
}

function pacOf(ticket: EncTicketPart): Uint8Array {
  const found = findTicketPac(ticket.authorizationData);
  if (found === null) throw new Error('expected a PAC');
  return found.pac;
}

describe('the PAC layout and PAC_CLIENT_INFO', () => {
  it("writes PAC_CLIENT_INFO as MIT's KDC does (measured octets of user's TGT)", () => {
    const info = encodeClientInfo(1_796_315_892, 'user');

    expect(hex(info)).toBe('00f2b6af4483dd0108007500730065007200');
    expect(decodeClientInfo(info)).toEqual({ authtime: 1_796_315_892, name: 'user' });
  });

  it('names the client without its realm, quoting as krb5_unparse_name does', () => {
    const name = { realm: 'R', name: { nameType: 1, nameString: ['a@b', 'c'] } };

    expect(pacClientName(name)).toBe('a\\@b/c');
  });

  it('refuses a PAC_CLIENT_INFO whose name is odd-sized or runs past the buffer', () => {
    const info = encodeClientInfo(0, 'ab');
    expect(decodeClientInfo(info.subarray(0, info.length - 1))).toBeNull();
    const odd = info.slice();
    odd[8] = 3;
    expect(decodeClientInfo(odd)).toBeNull();
  });

  it('lays buffers out in order at 8-octet boundaries after the header', () => {
    const pac = encodePac([
      { type: 10, data: new Uint8Array(18) },
      { type: 6, data: new Uint8Array(16) },
      { type: 7, data: new Uint8Array(16) },
    ]);

    expect(decodePacTable(pac)).toEqual([
      { type: 10, size: 18, offset: 56 },
      { type: 6, size: 16, offset: 80 },
      { type: 7, size: 16, offset: 96 },
    ]);
    expect(pac.length).toBe(112);
  });
});

describe('signing and verifying a ticket PAC', () => {
  it('gives a service ticket client info, ticket, server and KDC checksums (10, 16, 6, 7)', () => {
    const ticket = signTicketPac(part, { server: HOST, client: USER, buffers: [], keys });
    const pac = pacOf(ticket);

    // An AS reply's new PAC gets the ticket checksum before the client info.
    expect(typesOf(pac)).toEqual([16, 10, 6, 7]);
    expect(ticket.authorizationData?.[0]?.adType).toBe(1);
    expect(verifyTicketPac(ticket, HOST, serverKey, krbtgtKey)).toEqual({ pac, code: 0 });
    expect(acceptTicketPac(ticket, serverKey)).toEqual({ pac, verified: true });
  });

  it('copies given buffers first, as a TGS copies the TGT client info', () => {
    const clientInfo = encodeClientInfo(part.authtime, 'user');
    const ticket = signTicketPac(part, {
      server: HOST,
      client: null,
      buffers: [{ type: PacBufferType.clientInfo, data: clientInfo }],
      keys,
    });

    expect(typesOf(pacOf(ticket))).toEqual([10, 16, 6, 7]);
    expect(verifyTicketPac(ticket, HOST, serverKey, krbtgtKey)?.code).toBe(0);
  });

  it('gives a ticket to a krbtgt no ticket checksum (10, 6, 7)', () => {
    const ticket = signTicketPac(part, { server: KRBTGT, client: USER, buffers: [], keys });

    expect(typesOf(pacOf(ticket))).toEqual([10, 6, 7]);
    expect(verifyTicketPac(ticket, KRBTGT, serverKey, krbtgtKey)?.code).toBe(0);
  });

  it('detects a changed PAC (server checksum) and a wrong key for each signature', () => {
    const ticket = signTicketPac(part, { server: HOST, client: USER, buffers: [], keys });
    const pac = pacOf(ticket).slice();

    expect(verifyServerChecksum(pac, otherKey)).toBe(MODIFIED);
    expect(verifyPrivsvrChecksum(pac, otherKey)).toBe(MODIFIED);
    expect(verifyTicketPac(ticket, HOST, serverKey, otherKey)?.code).toBe(MODIFIED);
    pac[100] = (pac[100] ?? 0) ^ 1; // inside the client name
    expect(verifyServerChecksum(pac, serverKey)).toBe(MODIFIED);
  });

  it('detects a changed ticket with the ticket checksum only', () => {
    const ticket = signTicketPac(part, { server: HOST, client: USER, buffers: [], keys });
    const changed = { ...ticket, endtime: ticket.endtime + 1 };

    expect(verifyTicketPac(changed, HOST, serverKey, krbtgtKey)?.code).toBe(MODIFIED);
    // Without the krbtgt key (an acceptor) only the server checksum counts.
    expect(verifyTicketPac(changed, HOST, serverKey)?.code).toBe(0);
  });

  it('leaves a PAC unverified on an acceptor for a wrong authtime or client, or a wrong key', () => {
    const ticket = signTicketPac(part, { server: HOST, client: USER, buffers: [], keys });
    const pac = pacOf(ticket);

    expect(acceptTicketPac({ ...ticket, authtime: part.authtime + 1 }, serverKey)).toEqual({
      pac,
      verified: false,
    });
    const other = { ...ticket, cname: { nameType: 1, nameString: ['other'] } };
    expect(acceptTicketPac(other, serverKey)?.verified).toBe(false);
    expect(acceptTicketPac(ticket, otherKey)?.verified).toBe(false);
    expect(acceptTicketPac(part, serverKey)).toBeNull();
  });

  it('counts a PAC container as KDC-issued, and other containers not', () => {
    expect(isKdcIssued(pacAuthorizationElement(Uint8Array.of(0)))).toBe(true);
    expect(isKdcIssued({ adType: 1, adData: Uint8Array.of(0x30, 0) })).toBe(false);
    expect(isKdcIssued({ adType: 128, adData: Uint8Array.of(0) })).toBe(true);
  });
});

describe("a sim realm's PAC", () => {
  const WHOLE = [
    'urn:mspac:',
    'urn:mspac:client-info',
    'urn:mspac:16',
    'urn:mspac:server-checksum',
    'urn:mspac:privsvr-checksum',
  ];

  function accept(realm: ReturnType<typeof buildSimRealm>) {
    const { gss } = realm;
    const target = gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = gss.initSecContext(target, { flags: [] });
    if (first.token === null) throw new Error('expected an AP-REQ');
    return gss.acceptSecContext(first.token);
  }

  it("gives an accepted name the service ticket's verified PAC and its attributes", () => {
    const realm = buildSimRealm({ seed: 'pac realm', now: Date.UTC(2024, 0, 1) });
    const { gss } = realm;
    const accepted = accept(realm);
    const attrs = gss
      .inquireName(accepted.initiatorName)
      .attrs.map((a) => Buffer.from(a).toString());

    expect(attrs).toEqual(WHOLE);
    const whole = gss.getNameAttribute(accepted.initiatorName, 'urn:mspac:');
    expect(whole.authenticated).toBe(true);
    const [pac] = whole.values;
    if (pac === undefined) throw new Error('expected the PAC');
    expect(typesOf(pac)).toEqual([10, 16, 6, 7]);
    const info = gss.getNameAttribute(accepted.initiatorName, 'urn:mspac:client-info').values[0];
    expect(info === undefined ? null : decodeClientInfo(info)?.name).toBe('user');
    const inquired = gss.inquireContext(accepted.context).initiatorName;
    if (inquired === null) throw new Error('expected an initiator name');
    expect(gss.inquireName(inquired).attrs.map((a) => Buffer.from(a).toString())).toEqual(WHOLE);
  });

  it('puts the PAC container in the authorization data of type 1 the acceptor keeps', () => {
    const realm = buildSimRealm({ seed: 'pac authz', now: Date.UTC(2024, 0, 1) });
    const accepted = accept(realm);
    const authz = (type: number) =>
      realm.gss.inquireSecContextByOid(
        accepted.context,
        OID.fromDotted(`${ExtensionOid.krb5ExtractAuthzDataFromSecContext.dottedForm}.${type}`),
      );

    const [container] = authz(1);
    expect(authz(1)).toHaveLength(1);
    expect(container?.subarray(0, 2)).toEqual(Uint8Array.of(0x30, 0x81));
    expect(authz(128)).toEqual([]);
  });

  it('issues no PAC for a service with no_auth_data_required', () => {
    const realm = buildSimRealm({ seed: 'no pac', now: Date.UTC(2024, 0, 1) });
    realm.database.modify(realm.hostPrincipal, { attributes: { noAuthDataRequired: true } });
    const accepted = accept(realm);

    expect(realm.gss.inquireName(accepted.initiatorName).attrs).toEqual([]);
  });
});
