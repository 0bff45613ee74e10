/**
 * The extended messages MIT formats, pinned to the texts the native tests measured and, where a
 * real realm can provoke them cheaply, compared with what MIT says on the spot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import * as codes from '../../../../src/sim/errors/codes.js';
import {
  clientNotFound,
  clientNotInCacheCollection,
  enctypeNotPermitted,
  kdcErrorString,
  kdcUnreachable,
  keytabEmpty,
  keytabNoEntry,
  keytabNoMatch,
  keytabSearchFailed,
  type MinorStatus,
  noCredentialsAvailable,
  plainStatus,
  serverNotFound,
  withFilename,
} from '../../../../src/sim/errors/extended-messages.js';
import { GssError } from '../../../../src/spec/errors.js';
import { NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';

const SEARCH = {
  ticketServer: 'HTTP/localhost@KRBTEST.COM',
  ticketKvno: 1,
  ticketEnctype: 'aes256-cts',
  foundTicketServer: true,
  foundKvno: true,
  foundHigherKvno: false,
  foundEnctype: true,
} as const;

describe('extended messages measured by the native tests', () => {
  it('formats an unknown server as the TGS reply handling does', () => {
    expect(serverNotFound('nosuch/localhost@KRBTEST.COM')).toEqual({
      minor: 2529638919,
      message: 'Server nosuch/localhost@KRBTEST.COM not found in Kerberos database',
    });
  });

  it('formats an unknown client with quotes, as the AS exchange does', () => {
    expect(clientNotFound('nobody@KRBTEST.COM')).toEqual({
      minor: 2529638918,
      message: "Client 'nobody@KRBTEST.COM' not found in Kerberos database",
    });
  });

  it('renumbers a keytab miss for an acceptor name to KG_KEYTAB_NOMATCH', () => {
    expect(keytabNoEntry('user@KRBTEST.COM')).toEqual({
      minor: 39756033,
      message: 'No key table entry found for user@KRBTEST.COM',
    });
  });

  it('names the client missing from the cache collection', () => {
    expect(clientNotInCacheCollection('host/localhost@KRBTEST.COM')).toEqual({
      minor: 2529639053,
      message: "Can't find client principal host/localhost@KRBTEST.COM in cache collection",
    });
  });

  it('names a ticket server the keytab lacks, with the ticket kvno', () => {
    expect(keytabSearchFailed({ ...SEARCH, foundTicketServer: false })).toEqual({
      minor: 2529638947,
      message:
        'Request ticket server HTTP/localhost@KRBTEST.COM not found in keytab (ticket kvno 1)',
    });
  });

  it('appends the file name to the text of a missing ccache file', () => {
    expect(withFilename(codes.KRB5_FCC_NOFILE, '/tmp/nothere')).toEqual({
      minor: 2529639107,
      message: 'No credentials cache found (filename: /tmp/nothere)',
    });
  });

  it('keeps the table text for statuses MIT does not format', () => {
    expect(plainStatus(codes.KRB5KDC_ERR_PREAUTH_FAILED).message).toBe('Preauthentication failed');
    expect(plainStatus(codes.KRB5KRB_AP_ERR_BAD_INTEGRITY).message).toBe(
      'Decrypt integrity check failed',
    );
    expect(plainStatus(codes.KG_CTX_INCOMPLETE)).toEqual({
      minor: 39756039,
      message: 'Attempt to use incomplete security context',
    });
    expect(plainStatus(codes.EINVAL)).toEqual({ minor: 22, message: 'Invalid argument' });
  });
});

describe('extended messages from MIT source', () => {
  it('blames the ticket when the keytab has a newer kvno, and the keytab otherwise', () => {
    const ticketOld = keytabSearchFailed({ ...SEARCH, foundKvno: false, foundHigherKvno: true });
    const keytabOld = keytabSearchFailed({ ...SEARCH, foundKvno: false });

    expect(ticketOld.minor).toBe(codes.KRB5KRB_AP_ERR_BADKEYVER);
    expect(ticketOld.message).toBe(
      'Request ticket server HTTP/localhost@KRBTEST.COM kvno 1 not found in keytab; ' +
        'ticket is likely out of date',
    );
    expect(keytabOld.message).toMatch(/; keytab is likely out of date$/);
  });

  it('names the enctype when the kvno is there without it, or when the key fails', () => {
    const noEnctype = keytabSearchFailed({ ...SEARCH, foundEnctype: false });
    const undecryptable = keytabSearchFailed(SEARCH);

    expect(noEnctype).toEqual({
      minor: codes.KRB5KRB_AP_ERR_BADKEYVER,
      message:
        'Request ticket server HTTP/localhost@KRBTEST.COM kvno 1 found in keytab ' +
        'but not with enctype aes256-cts',
    });
    expect(undecryptable).toEqual({
      minor: codes.KRB5KRB_AP_ERR_BAD_INTEGRITY,
      message:
        'Request ticket server HTTP/localhost@KRBTEST.COM kvno 1 enctype aes256-cts ' +
        'found in keytab but cannot decrypt ticket',
    });
  });

  it('formats the messages of the KDC, keytab and ccache layers', () => {
    const cases: [MinorStatus, number, string][] = [
      [kdcUnreachable('KRBTEST.COM'), codes.KRB5_KDC_UNREACH, "for realm 'KRBTEST.COM'"],
      [kdcErrorString('oops'), codes.KRB5KRB_ERR_GENERIC, 'KDC returned error string: oops'],
      [keytabNoMatch('HTTP/localhost@'), codes.KG_KEYTAB_NOMATCH, 'matching HTTP/localhost@'],
      [keytabEmpty('FILE:/k'), codes.KRB5_KT_NOTFOUND, 'Keytab FILE:/k is nonexistent'],
      [noCredentialsAvailable('FILE:/c'), codes.KRB5_CC_NOTFOUND, '(default cache: FILE:/c)'],
      [enctypeNotPermitted('des'), codes.KRB5_NOPERM_ETYPE, 'Encryption type des not'],
    ];

    for (const [status, minor, text] of cases) {
      expect(status.minor).toBe(minor);
      expect(status.message).toContain(text);
    }
  });
});

describeNative('extended messages against a real MIT realm', () => {
  let realm: MitRealm;

  beforeAll(async () => {
    realm = await startMitRealm();
  });
  afterAll(async () => {
    await realm.close();
  });

  const failure = (action: () => unknown): MinorStatus => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof GssError)) throw error;
      return { minor: error.minor, message: error.minorMessages.join(' -- ') };
    }
    throw new Error('expected a GssError');
  };
  const service = (name: string) =>
    realm.gss.importName(name, { nameType: NameType.hostbasedService });

  it('says what serverNotFound says for a service the KDC lacks', () => {
    const status = failure(() => realm.gss.initSecContext(service('nosuch@localhost')));

    expect(status).toEqual(serverNotFound('nosuch/localhost@KRBTEST.COM'));
  });

  it('says what clientNotFound says for a client the KDC lacks', () => {
    const nobody = realm.gss.importName('nobody@KRBTEST.COM', {
      nameType: NameType.kerberosPrincipal,
    });

    expect(failure(() => realm.gss.acquireCredWithPassword(nobody, 'x'))).toEqual(
      clientNotFound('nobody@KRBTEST.COM'),
    );
  });

  it('says what keytabNoEntry and keytabNoMatch say for acceptor names without keys', () => {
    const user = realm.gss.importName('user@KRBTEST.COM', { nameType: NameType.kerberosPrincipal });
    const nfs = service('nfs@localhost');

    expect(failure(() => realm.gss.acquireCred({ name: user, usage: 'accept' }))).toEqual(
      keytabNoEntry('user@KRBTEST.COM'),
    );
    expect(failure(() => realm.gss.acquireCred({ name: nfs, usage: 'accept' }))).toEqual(
      keytabNoMatch('nfs/localhost@'),
    );
  });

  it('says what keytabSearchFailed says for a ticket server missing, then outdated', async () => {
    await realm.addPrincipal('HTTP/localhost');
    const first = realm.gss.initSecContext(service('HTTP@localhost'), { flags: 0 });
    const token = first.token ?? new Uint8Array(0);
    const search = { ...SEARCH, foundKvno: false, foundHigherKvno: true };

    expect(failure(() => realm.gss.acceptSecContext(token))).toEqual(
      keytabSearchFailed({ ...search, foundTicketServer: false }),
    );

    await realm.addToKeytab('HTTP/localhost');

    expect(failure(() => realm.gss.acceptSecContext(token))).toEqual(keytabSearchFailed(search));
  });
});
