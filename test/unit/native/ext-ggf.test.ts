import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { OperationUnavailableError } from '../../../src/spec/errors.js';
import { RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { OID } from '../../../src/spec/oid.js';
import { ExtensionOid } from '../../../src/spec/oids.js';
import { type ContextPair, establishPair } from '../../support/gss-flows.js';
import { describeNative } from '../../support/native.js';

const FLAGS = [RequirementFlag.mutualAuthentication, RequirementFlag.integrity];

type Pair = ContextPair;

/** A krb5 context between the realm's user and host, both ends in this process. */
function establish(gss: GssApi, realm: MitRealm): Pair {
  return establishPair(gss, realm.hostname, { flags: FLAGS });
}

describeNative('native ggf extension over MIT', () => {
  let realm: MitRealm;
  let gss: GssApi;
  let pair: Pair;

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    pair = establish(gss, realm);
  }, 30_000);

  afterAll(async () => {
    await realm?.close();
  });

  it('is declared', () => {
    expect(gss.has('ggf')).toBe(true);
  });

  it('gives the same session key and its enctype OID on both sides', () => {
    const initiator = gss.inquireSecContextByOid(pair.initiator, ExtensionOid.inqSspiSessionKey);
    const acceptor = gss.inquireSecContextByOid(pair.acceptor, ExtensionOid.inqSspiSessionKey);

    expect(initiator).toHaveLength(2);
    const [key, enctype] = initiator;
    expect(key?.length).toBeGreaterThanOrEqual(16);
    expect(acceptor).toEqual(initiator);
    // The second value is GSS_KRB5_SESSION_KEY_ENCTYPE_OID with the enctype appended.
    const oid = OID.fromBytes(enctype ?? new Uint8Array(0));
    expect(oid.dottedForm.startsWith(`${ExtensionOid.krb5SessionKeyEnctype.dottedForm}.`)).toBe(
      true,
    );
  });

  it('answers a credential inquiry MIT knows with a buffer set', () => {
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    try {
      // A credential not made by S4U2Proxy has no impersonator: an empty set.
      expect(gss.inquireCredByOid(creds, ExtensionOid.krb5GetCredImpersonator)).toEqual([]);
    } finally {
      gss.releaseCred(creds);
    }
  });

  it('reports an OID no mechanism knows as OperationUnavailableError', () => {
    const unknown = OID.fromDotted('1.2.3.4.5.6.7');
    expect(() => gss.inquireSecContextByOid(pair.initiator, unknown)).toThrow(
      OperationUnavailableError,
    );
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    try {
      expect(() => gss.inquireCredByOid(creds, unknown)).toThrow(OperationUnavailableError);
    } finally {
      gss.releaseCred(creds);
    }
  });

  it('sets no context option on krb5, which supports none (GSS_S_UNAVAILABLE)', () => {
    const option = ExtensionOid.inqSspiSessionKey;
    expect(() => gss.setSecContextOption(option, { context: pair.initiator })).toThrow(
      OperationUnavailableError,
    );
    expect(() => gss.setSecContextOption(option, { value: new Uint8Array([1, 2, 3]) })).toThrow(
      OperationUnavailableError,
    );
    // The context given is still usable.
    expect(gss.inquireSecContextByOid(pair.initiator, option)).toHaveLength(2);
  });

  it('rejects caller mistakes with TypeError', () => {
    const notOid = '1.2.3' as unknown as OID; // an untyped caller's mistake
    expect(() => gss.inquireSecContextByOid(pair.initiator, notOid)).toThrow(TypeError);
    expect(() => gss.setSecContextOption(notOid)).toThrow(TypeError);
    const notBytes = 'value' as unknown as Uint8Array;
    expect(() =>
      gss.setSecContextOption(ExtensionOid.inqSspiSessionKey, { value: notBytes }),
    ).toThrow(TypeError);
    const released = establish(gss, realm);
    gss.deleteSecContext(released.initiator);
    gss.deleteSecContext(released.acceptor);
    expect(() =>
      gss.inquireSecContextByOid(released.initiator, ExtensionOid.inqSspiSessionKey),
    ).toThrow(TypeError);
  });
});
