/**
 * Extensions both backends have: `rfc4401` (GSS_Pseudo_random, RFC 4402 PRF+ for krb5) and
 * `ggf` (inquiries and options by OID, as MIT's krb5 mechanism answers them). Values measured
 * on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import { PrfKey } from '../../src/spec/api/ext-rfc4401.js';
import { RequirementFlag } from '../../src/spec/flags.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import { OID } from '../../src/spec/oid.js';
import { ExtensionOid, MechType } from '../../src/spec/oids.js';
import { GSS_S_FAILURE, GSS_S_NO_CONTEXT, GSS_S_UNAVAILABLE } from '../../src/spec/status.js';
import { describeConformance } from './backends.js';
import { bytes, establish, expectGssError, hostTarget, mechglueMappedMinor } from './flows.js';

const F = RequirementFlag;

/** KG_CTX_INCOMPLETE, KG_INPUT_TOO_LONG (MIT's `gssapi_err_krb5` table) and EINVAL. */
const KG_CTX_INCOMPLETE = 39_756_039;
const KG_INPUT_TOO_LONG = 39_756_047;
const EINVAL = 22;

const hex = (value: Uint8Array): string => Buffer.from(value).toString('hex');
const AUTHZ = '1.2.840.113554.1.2.2.5.10';

/** MIT's krb5 mechanism's answer to an OID or option it does not know. */
const UNKNOWN_TO_KRB5 = {
  name: 'OperationUnavailableError',
  major: GSS_S_UNAVAILABLE,
  minor: EINVAL,
  minorMessages: ['Invalid argument'],
};

describeConformance('extensions', ({ realm, test }) => {
  test('the backend has rfc4401', () => {
    expect(realm().gss.has('rfc4401')).toBe(true);
  });

  test('pseudoRandom gives both ends the same octets for each key and length', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });

    for (const key of [PrfKey.full, PrfKey.partial]) {
      for (const length of [1, 16, 17, 100, 1000]) {
        const ours = gss.pseudoRandom(initiator, key, bytes('input'), length);
        expect(ours).toHaveLength(length);
        expect(gss.pseudoRandom(acceptor, key, bytes('input'), length)).toEqual(ours);
      }
    }
    expect(gss.pseudoRandom(initiator, PrfKey.full, bytes('input'), 0)).toHaveLength(0);
  });

  test("pseudoRandom's full key is the acceptor subkey, present with mutual authentication", () => {
    const { gss } = realm();
    const prf = (context: SecurityContext, key: number) =>
      gss.pseudoRandom(context, key, new Uint8Array(0), 32);
    const mutual = establish(realm(), { flags: F.mutualAuthentication }).initiator;
    const oneLeg = establish(realm(), { flags: F.integrity }).initiator;

    expect(prf(mutual, PrfKey.full)).not.toEqual(prf(mutual, PrfKey.partial));
    expect(prf(oneLeg, PrfKey.full)).toEqual(prf(oneLeg, PrfKey.partial));
  });

  test('pseudoRandom on an incomplete context is NO_CONTEXT with KG_CTX_INCOMPLETE', () => {
    const { gss } = realm();
    const { context } = gss.initSecContext(hostTarget(realm()), {
      flags: F.mutualAuthentication,
    });

    for (const key of [PrfKey.full, 9]) {
      expectGssError(() => gss.pseudoRandom(context, key, bytes('x'), 16), {
        name: 'MissingContextError',
        major: GSS_S_NO_CONTEXT,
        minor: KG_CTX_INCOMPLETE,
        minorMessages: ['Attempt to use incomplete security context'],
      });
    }
    gss.deleteSecContext(context);
  });

  test('pseudoRandom with another prf_key is FAILURE with EINVAL, even for length 0', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    for (const [key, length] of [
      [2, 16],
      [-1, 16],
      [2, 0],
    ] as const) {
      expectGssError(() => gss.pseudoRandom(initiator, key, bytes('x'), length), {
        name: 'GssError',
        major: GSS_S_FAILURE,
        minor: EINVAL,
        minorMessages: ['Invalid argument'],
      });
    }
  });

  test('pseudoRandom of a length that cannot be allocated is FAILURE, KG_INPUT_TOO_LONG', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    expectGssError(
      () => gss.pseudoRandom(initiator, PrfKey.full, bytes('x'), Number.MAX_SAFE_INTEGER),
      {
        name: 'GssError',
        major: GSS_S_FAILURE,
        minor: KG_INPUT_TOO_LONG,
        minorMessages: ['PRF input too long'],
      },
    );
  });

  test("pseudoRandom takes a caller's mistake for a TypeError or RangeError", () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    expect(() => gss.pseudoRandom(initiator, PrfKey.full, bytes('x'), -1)).toThrow(RangeError);
    expect(() => gss.pseudoRandom(initiator, 0.5, bytes('x'), 1)).toThrow(RangeError);
    expect(() => gss.pseudoRandom(initiator, PrfKey.full, 'x' as never, 1)).toThrow(TypeError);
    expect(() => gss.pseudoRandom(null as never, PrfKey.full, bytes('x'), 1)).toThrow(TypeError);
  });

  test('the backend has ggf', () => {
    expect(realm().gss.has('ggf')).toBe(true);
  });

  test('inquireSecContextByOid gives both ends the session key and its enctype OID', () => {
    const { gss } = realm();
    for (const flags of [F.mutualAuthentication, F.integrity]) {
      const { initiator, acceptor } = establish(realm(), { flags });
      const values = gss.inquireSecContextByOid(initiator, ExtensionOid.inqSspiSessionKey);

      // aes256-cts-hmac-sha1-96: 32 octets, then 1.2.840.113554.1.2.2.4.18.
      expect(values.map((value) => value.length)).toEqual([32, 11]);
      expect(hex(values[1] ?? new Uint8Array(0))).toBe('2a864886f7120102020412');
      expect(gss.inquireSecContextByOid(acceptor, ExtensionOid.inqSspiSessionKey)).toEqual(values);
    }
  });

  test("inquireSecContextByOid gives the ticket's flags, authtime and the SASL SSF", () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });
    const authtime = gss.inquireSecContextByOid(
      initiator,
      ExtensionOid.krb5ExtractAuthtimeFromSecContext,
    );

    for (const context of [initiator, acceptor]) {
      // forwardable, pre-authent, transited-policy-checked, enc-pa-rep; little-endian int32.
      expect(gss.inquireSecContextByOid(context, ExtensionOid.krb5GetTktFlags).map(hex)).toEqual([
        '00002940',
      ]);
      expect(
        gss.inquireSecContextByOid(context, ExtensionOid.krb5ExtractAuthtimeFromSecContext),
      ).toEqual(authtime);
      expect(gss.inquireSecContextByOid(context, ExtensionOid.secContextSaslSsf).map(hex)).toEqual([
        '00000100',
      ]);
    }
    expect(authtime.map((value) => value.length)).toEqual([4]);
  });

  test('inquireSecContextByOid answers an OID with more arcs as its known prefix', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    expect(
      gss.inquireSecContextByOid(initiator, OID.fromDotted('1.2.840.113554.1.2.2.5.5.9')),
    ).toEqual(gss.inquireSecContextByOid(initiator, ExtensionOid.inqSspiSessionKey));
  });

  test("inquireSecContextByOid of authorization data: the acceptor's PAC container, ENOENT without", () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });

    expect(gss.inquireSecContextByOid(initiator, OID.fromDotted(`${AUTHZ}.1`))).toEqual([]);
    expect(gss.inquireSecContextByOid(acceptor, OID.fromDotted(`${AUTHZ}.128`))).toEqual([]);
    // The acceptor keeps the ticket's AD-IF-RELEVANT, which holds the AD-WIN2K-PAC (128):
    // 30 81 9f 30 81 9c a0 04 02 02 00 80 a1 81 93 04 81 90, then the 144-octet PAC (4 buffers).
    const ifRelevant = gss.inquireSecContextByOid(acceptor, OID.fromDotted(`${AUTHZ}.1`));
    expect(ifRelevant.map((value) => value.length)).toEqual([162]);
    expect(
      Buffer.from(ifRelevant[0] ?? [])
        .subarray(0, 26)
        .toString('hex'),
    ).toBe('30819f30819ca00402020080a181930481900400000000000000');
    for (const dotted of [AUTHZ, `${AUTHZ}.1.1`]) {
      expectGssError(() => gss.inquireSecContextByOid(acceptor, OID.fromDotted(dotted)), {
        name: 'GssError',
        major: GSS_S_FAILURE,
        minor: 2,
        minorMessages: ['No such file or directory'],
      });
    }
  });

  test('inquireSecContextByOid of an OID krb5 does not answer is UNAVAILABLE, EINVAL', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    for (const unknown of [
      ExtensionOid.inqNegoexKey,
      ExtensionOid.krb5CcacheName,
      OID.fromDotted('1.2.3.4'),
      MechType.kerberos,
    ]) {
      expectGssError(() => gss.inquireSecContextByOid(initiator, unknown), UNKNOWN_TO_KRB5);
    }
  });

  test('inquireSecContextByOid on an incomplete context is NO_CONTEXT, minor "Success"', () => {
    const { gss } = realm();
    const { context } = gss.initSecContext(hostTarget(realm()), {
      flags: F.mutualAuthentication,
    });

    expectGssError(() => gss.inquireSecContextByOid(context, ExtensionOid.inqSspiSessionKey), {
      name: 'MissingContextError',
      major: GSS_S_NO_CONTEXT,
      minor: mechglueMappedMinor,
      minorMessages: ['Success'],
    });
    gss.deleteSecContext(context);
  });

  test('inquireSecContextByOid refuses the lucid context OID (a C pointer) as a TypeError', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    expect(() =>
      gss.inquireSecContextByOid(initiator, OID.fromDotted('1.2.840.113554.1.2.2.5.6.1')),
    ).toThrow(TypeError);
  });

  test('inquireCredByOid gives no impersonator, and refuses other OIDs', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'initiate', mechs: [MechType.kerberos] });

    expect(gss.inquireCredByOid(creds, ExtensionOid.krb5GetCredImpersonator)).toEqual([]);
    expectGssError(
      () => gss.inquireCredByOid(creds, ExtensionOid.inqSspiSessionKey),
      UNKNOWN_TO_KRB5,
    );
    gss.releaseCred(creds);
  });

  test('setSecContextOption refuses every option, with a context or without', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });

    expectGssError(() => gss.setSecContextOption(OID.fromDotted('1.2.3.4')), UNKNOWN_TO_KRB5);
    expectGssError(
      () =>
        gss.setSecContextOption(ExtensionOid.inqSspiSessionKey, {
          context: initiator,
          value: bytes('x'),
        }),
      UNKNOWN_TO_KRB5,
    );
  });
});
