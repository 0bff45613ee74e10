/** The in-memory credential cache: default principal, retrieval as MIT's ccache matches. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeyBlock } from '../../../../src/sim/crypto/index.js';
import {
  type Credential,
  CredentialCache,
  parseKrbPrincipal,
  tgsName,
} from '../../../../src/sim/krb5/client/index.js';

const REALM = 'KRBTEST.COM';
const user = parseKrbPrincipal(`user@${REALM}`);

function credential(server: string, endtime: number, enctype = 18): Credential {
  const length = enctype === 17 || enctype === 19 ? 16 : 32;
  return {
    client: user,
    server: server === 'tgt' ? tgsName(REALM) : parseKrbPrincipal(server, REALM),
    sessionKey: new KeyBlock(enctype, new Uint8Array(length).fill(7)),
    ticket: new Uint8Array([0x61]),
    times: { authtime: 100, starttime: 100, endtime },
    flags: 0,
  };
}

describe('CredentialCache', () => {
  it('finds the TGT and a service by name, the realm defaulting to the principal’s', () => {
    const ccache = new CredentialCache(user);
    const tgt = credential('tgt', 1000);
    const host = credential('host/localhost', 1000);
    ccache.store(tgt);
    ccache.store(host);

    expect(ccache.tgt()).toBe(tgt);
    expect(ccache.retrieve('host/localhost')).toBe(host);
    expect(ccache.retrieve(`host/localhost@${REALM}`)).toBe(host);
    expect(ccache.retrieve('nosuch/localhost')).toBeUndefined();
  });

  it('returns the first stored match, skipping expired ones and other enctypes when asked', () => {
    const ccache = new CredentialCache(user);
    const expired = credential('host/localhost', 500);
    const aes128 = credential('host/localhost', 2000, 17);
    const aes256 = credential('host/localhost', 2000, 18);
    for (const each of [expired, aes128, aes256]) ccache.store(each);

    expect(ccache.retrieve('host/localhost')).toBe(expired);
    expect(ccache.retrieve('host/localhost', { now: 500 })).toBe(aes128);
    expect(ccache.retrieve('host/localhost', { now: 500, enctypes: [18] })).toBe(aes256);
  });

  it("ignores credentials of another client than the cache's principal", () => {
    const ccache = new CredentialCache(user);
    ccache.store({ ...credential('tgt', 1000), client: parseKrbPrincipal(`alice@${REALM}`) });
    expect(ccache.tgt()).toBeUndefined();
  });

  it('removes by server, and initialize empties it for a new principal and offset', () => {
    const ccache = new CredentialCache(user);
    ccache.store(credential('tgt', 1000));
    ccache.store(credential('host/localhost', 1000));
    ccache.timeOffset = { seconds: -5, microseconds: 0 };

    expect(ccache.remove('host/localhost')).toBe(1);
    expect(ccache.credentials()).toHaveLength(1);
    ccache.initialize(`alice@${REALM}`);
    expect(ccache.credentials()).toEqual([]);
    expect(ccache.timeOffset).toBeUndefined();
    expect(ccache.principal.name.nameString).toEqual(['alice']);
  });

  it('shows the principal and servers in inspect output, never key octets', () => {
    const ccache = new CredentialCache(user);
    ccache.store(credential('host/localhost', 1000));
    expect(inspect(ccache)).toBe('CredentialCache(user@KRBTEST.COM: host/localhost@KRBTEST.COM)');
  });

  it('refuses a principal without a realm', () => {
    expect(() => new CredentialCache('user')).toThrow(TypeError);
  });
});
