/**
 * The realm's trace: what a traced establishment records, in order, and what its events
 * decode to, with and without keys.
 */
import { describe, expect, it } from 'vitest';
import { buildSimRealm, type SimRealm, type TraceEvent } from '../../../../src/sim/index.js';
import { currentKvno } from '../../../../src/sim/kdc/index.js';
import { decodeTraceEvent } from '../../../../src/sim/realm/trace-decode.js';
import { bytes, establish } from '../../../conformance/flows.js';

const START = Date.UTC(2026, 0, 1);
const fresh = (): SimRealm => buildSimRealm({ seed: 'trace', now: START });

/** One line per event, enough to check the order and kinds. */
function summary(event: TraceEvent): string {
  switch (event.kind) {
    case 'call':
      return `call ${event.party} ${event.call} ${event.outcome}`;
    case 'transition':
      return `transition ${event.context} ${event.from} -> ${event.to}`;
    case 'kdc':
      return `kdc ${event.reply === null ? 'unanswered' : 'answered'}`;
    case 'token':
      return `token ${event.call}`;
  }
}

/** The events of one kind, decoded as the realm decodes them. */
function decodedOfKind(realm: SimRealm, kind: TraceEvent['kind']) {
  return realm.trace.decoded().filter((event) => event.kind === kind);
}

describe('realm.trace', () => {
  it('records nothing until started, and nothing after stop', () => {
    const realm = fresh();
    establish(realm);
    expect(realm.trace.events).toEqual([]);

    realm.trace.start();
    realm.gss.indicateMechs();
    realm.trace.stop();
    establish(realm);

    expect(realm.trace.events.map(summary)).toEqual(['call default indicateMechs ok']);
    realm.trace.clear();
    expect(realm.trace.events).toEqual([]);
  });

  it('records a mutual establishment: the TGS exchange, both tokens, the calls, the transition', () => {
    const realm = fresh();
    realm.trace.start();

    establish(realm);

    // The TGT came at realm creation, before tracing: only the TGS exchange is seen.
    expect(realm.trace.events.map(summary)).toEqual([
      'call default importName ok',
      'kdc answered',
      'token initSecContext',
      'call default initSecContext ok',
      'token acceptSecContext',
      'call default acceptSecContext ok',
      expect.stringMatching(/^transition initiator#\d+ initiatorContinueNeeded -> established$/),
      'call default initSecContext ok',
    ]);
  });

  it('decodes the TGS exchange with the names, enctypes and padata of RFC 4120', () => {
    const realm = fresh();
    realm.trace.start();
    establish(realm);
    const hostKvno = currentKvno(realm.database.lookup(realm.hostPrincipal) ?? fail());

    const [exchange] = decodedOfKind(realm, 'kdc');

    expect(exchange).toMatchObject({
      kind: 'kdc',
      request: {
        message: 'TGS-REQ',
        'msg-type': 12,
        padata: [
          {
            'padata-type': 'PA-TGS-REQ',
            'AP-REQ': {
              'ap-options': [],
              ticket: { realm: 'KRBTEST.COM', sname: 'krbtgt/KRBTEST.COM' },
            },
          },
        ],
        'kdc-options': ['forwardable', 'canonicalize'],
        realm: 'KRBTEST.COM',
        sname: 'host/localhost',
        till: '2026-01-02T00:00:00Z',
      },
      reply: {
        message: 'TGS-REP',
        'msg-type': 13,
        crealm: 'KRBTEST.COM',
        cname: 'user',
        ticket: {
          realm: 'KRBTEST.COM',
          sname: 'host/localhost',
          'enc-part': { etype: 'aes256-cts-hmac-sha1-96', kvno: hostKvno },
        },
        'enc-part': { etype: 'aes256-cts-hmac-sha1-96' },
      },
    });
    const request = field(exchange, 'request');
    expect(field(request, 'etype')).toContain('aes128-cts-hmac-sha1-96');
    expect(typeof field(request, 'nonce')).toBe('number');
  });

  it('decodes the AP-REQ and AP-REP context tokens', () => {
    const realm = fresh();
    realm.trace.start();
    establish(realm);

    const [apReq, apRep] = decodedOfKind(realm, 'token');

    expect(apReq).toMatchObject({
      call: 'initSecContext',
      token: {
        framing: { mech: '1.2.840.113554.1.2.2 (krb5)' },
        TOK_ID: 'KRB_AP_REQ (01 00)',
        'AP-REQ': {
          'ap-options': ['mutual-required'],
          ticket: { sname: 'host/localhost', 'enc-part': { etype: 'aes256-cts-hmac-sha1-96' } },
          authenticator: { etype: 'aes256-cts-hmac-sha1-96' },
        },
      },
    });
    expect(apRep).toMatchObject({
      call: 'acceptSecContext',
      token: {
        TOK_ID: 'KRB_AP_REP (02 00)',
        'AP-REP': { 'enc-part': { etype: 'aes256-cts-hmac-sha1-96' } },
      },
    });
  });

  it('records each call with its outcome, a GssError with its class and codes', () => {
    const realm = fresh();
    const { initiator, acceptor } = establish(realm);
    const wrapped = realm.gss.wrap(initiator, bytes('hello')).message;
    const tampered = Uint8Array.from(wrapped);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    realm.trace.start();

    expect(() => realm.gss.unwrap(acceptor, tampered)).toThrow();
    expect(() => realm.gss.importName(42 as unknown as string)).toThrow(TypeError);
    realm.gss.unwrap(acceptor, wrapped);

    const calls = realm.trace.events.filter((event) => event.kind === 'call');
    expect(calls.map((event) => event.outcome)).toEqual([
      expect.stringMatching(/^BadMICError major 0x00060000 minor \d+$/),
      'TypeError',
      'ok',
    ]);
  });

  it('decodes Wrap and MIC headers: TOK_ID, Flags, EC, RRC, SND_SEQ and lengths', () => {
    const realm = fresh();
    const { initiator, acceptor } = establish(realm);
    realm.trace.start({ keys: true });

    realm.gss.wrap(initiator, bytes('sealed message'));
    realm.gss.wrap(acceptor, bytes('signed only'), { confidential: false });
    realm.gss.getMic(acceptor, bytes('mic'));

    const [sealed, signed, mic] = decodedOfKind(realm, 'token').map((e) => field(e, 'token'));
    expect(sealed).toMatchObject({
      TOK_ID: 'Wrap (05 04)',
      Flags: ['Sealed', 'AcceptorSubkey'],
      Filler: 'ff',
      EC: 0,
      RRC: 0,
      'encrypted length': 16 + 'sealed message'.length + 16 + 12,
    });
    expect(signed).toMatchObject({
      TOK_ID: 'Wrap (05 04)',
      Flags: ['SentByAcceptor', 'AcceptorSubkey'],
      EC: 12,
      RRC: 0,
      'data length': 'signed only'.length,
      'checksum length': 12,
    });
    expect(mic).toMatchObject({
      TOK_ID: 'MIC (04 04)',
      Flags: ['SentByAcceptor', 'AcceptorSubkey'],
      Filler: 'ffffffffff',
      'SGN_CKSUM length': 12,
    });
    // The acceptor's first MIC follows its first Wrap token.
    expect(BigInt(field(mic, 'SND_SEQ') as string)).toBe(
      BigInt(field(signed, 'SND_SEQ') as string) + 1n,
    );
  });

  it("shows the ticket's session key only when keys were asked for", () => {
    const realm = fresh();
    realm.trace.start({ keys: true });
    establish(realm);
    realm.trace.stop();

    const withKeys = realm.trace.decoded();
    const [, apReq] = withKeys.filter((e) => e.kind === 'kdc' || e.kind === 'token');
    const request = field(field(apReq, 'token'), 'AP-REQ');
    const part = field(field(request, 'ticket'), 'EncTicketPart');
    expect(part).toMatchObject({
      flags: expect.arrayContaining(['forwardable']),
      key: {
        keytype: 'aes256-cts-hmac-sha1-96',
        keyvalue: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      crealm: 'KRBTEST.COM',
      cname: 'user',
    });
    expect(field(request, 'Authenticator')).toMatchObject({
      cname: 'user',
      cksum: {
        cksumtype: '0x8003 (GSS-API)',
        Flags: expect.arrayContaining(['GSS_C_MUTUAL_FLAG']),
      },
      subkey: { keytype: 'aes256-cts-hmac-sha1-96' },
    });
    const sessionKey = field(field(part, 'key'), 'keyvalue') as string;
    const subkey = field(field(field(request, 'Authenticator'), 'subkey'), 'keyvalue') as string;

    realm.trace.start();
    const withoutKeys = JSON.stringify(realm.trace.decoded());
    const keysWithoutDatabase = JSON.stringify(
      realm.trace.events.map((event) => decodeTraceEvent(event, { keys: true })),
    );
    const databaseWithoutKeys = JSON.stringify(
      realm.trace.events.map((event) => decodeTraceEvent(event, { database: realm.database })),
    );

    expect(JSON.stringify(withKeys)).toContain(sessionKey);
    for (const text of [withoutKeys, keysWithoutDatabase, databaseWithoutKeys]) {
      expect(text).not.toContain(sessionKey);
      expect(text).not.toContain(subkey);
      expect(text).not.toContain('keyvalue');
    }
  });

  it("the TGS-REP's ticket and the AP-REQ's ticket carry the same session key", () => {
    const realm = fresh();
    realm.trace.start({ keys: true });
    establish(realm);

    const [exchange] = decodedOfKind(realm, 'kdc');
    const [apReq] = decodedOfKind(realm, 'token');
    const keyOf = (ticket: unknown) => field(field(ticket, 'EncTicketPart'), 'key');

    expect(keyOf(field(field(exchange, 'reply'), 'ticket'))).toEqual(
      keyOf(field(field(field(apReq, 'token'), 'AP-REQ'), 'ticket')),
    );
  });

  it('shows an AS exchange, its preauthentication error decoded, when kinit runs traced', async () => {
    const realm = fresh();
    realm.trace.start();

    await realm.kinit(realm.userPrincipal, realm.userPassword);

    const [first, second] = decodedOfKind(realm, 'kdc');
    expect(first).toMatchObject({
      request: { message: 'AS-REQ', cname: 'user', sname: 'krbtgt/KRBTEST.COM' },
      reply: {
        message: 'KRB-ERROR',
        'error-code': 25,
        name: 'KDC_ERR_PREAUTH_REQUIRED',
        text: 'Additional pre-authentication required',
        'e-text': 'NEEDED_PREAUTH',
        'e-data': expect.arrayContaining([
          expect.objectContaining({
            'padata-type': 'PA-ETYPE-INFO2',
            entries: [{ etype: 'aes256-cts-hmac-sha1-96', salt: 'KRBTEST.COMuser' }],
          }),
        ]),
      },
    });
    expect(second).toMatchObject({
      request: {
        message: 'AS-REQ',
        padata: expect.arrayContaining([{ 'padata-type': 'PA-ENC-TIMESTAMP', length: 65 }]),
      },
      reply: { message: 'AS-REP', cname: 'user', ticket: { sname: 'krbtgt/KRBTEST.COM' } },
    });
  });

  it('keeps keys until the next start, and refuses a keys option that is not a boolean', () => {
    const realm = fresh();

    realm.trace.start({ keys: true });
    expect(realm.trace.keys).toBe(true);
    realm.trace.start();
    expect(realm.trace.keys).toBe(false);
    expect(() => realm.trace.start({ keys: 'yes' as unknown as boolean })).toThrow(TypeError);
  });
});

/** A field of a decoded object; fails the test when there is none. */
function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || !(name in value)) {
    throw new Error(`expected a field '${name}' in ${JSON.stringify(value)}`);
  }
  return (value as Record<string, unknown>)[name];
}

function fail(): never {
  throw new Error('expected an entry');
}
