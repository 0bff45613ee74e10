/**
 * The sim's `ggf` extension: `inquireSecContextByOid`, `inquireCredByOid` and
 * `setSecContextOption` answer as MIT krb5 1.20.1's krb5 mechanism does (values and codes
 * measured on Debian 12 with the native backend; `test/conformance/extensions.test.ts` runs
 * the same calls on both).
 */
import { describe, expect, it } from 'vitest';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import { OID } from '../../../../src/spec/oid.js';
import { ExtensionOid, MechType, NameType } from '../../../../src/spec/oids.js';
import { GSS_S_FAILURE, GSS_S_NO_CONTEXT, GSS_S_UNAVAILABLE } from '../../../../src/spec/status.js';

const F = RequirementFlag;
const realm = buildSimRealm({ seed: 'ggf', now: Date.UTC(2024, 0, 1) });
const { gss } = realm;
const oid = (dotted: string) => OID.fromDotted(dotted);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const target = () =>
  gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });

function pair(flags: readonly RequirementFlag[] = [F.mutualAuthentication]) {
  const first = gss.initSecContext(target(), { mech: MechType.kerberos, flags });
  if (first.token === null) throw new Error('expected an AP-REQ');
  const accepted = gss.acceptSecContext(first.token);
  if (accepted.token !== null) {
    gss.initSecContext(target(), { context: first.context, inputToken: accepted.token });
  }
  return { initiator: first.context, acceptor: accepted.context };
}

/** The error `run` throws, as class, major, minor and texts. */
function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    return [error.name, error.major, error.minor, error.minorMessages];
  }
  throw new Error('expected a GssError, got none');
}

const UNAVAILABLE = ['OperationUnavailableError', GSS_S_UNAVAILABLE, 22, ['Invalid argument']];

describe('ggf on the sim', () => {
  it('declares ggf', () => {
    expect(gss.has('ggf')).toBe(true);
  });

  describe('inquireSecContextByOid', () => {
    it('gives the acceptor subkey and its enctype OID for GSS_C_INQ_SSPI_SESSION_KEY', () => {
      const { initiator, acceptor } = pair();
      const [key, enctype] = gss.inquireSecContextByOid(initiator, ExtensionOid.inqSspiSessionKey);

      expect(key).toHaveLength(32);
      expect(hex(enctype ?? new Uint8Array())).toBe('2a864886f7120102020412');
      expect(gss.inquireSecContextByOid(acceptor, ExtensionOid.inqSspiSessionKey)).toEqual([
        key,
        enctype,
      ]);
    });

    it('gives the initiator subkey without mutual authentication', () => {
      const { initiator, acceptor } = pair([F.integrity]);
      const [key] = gss.inquireSecContextByOid(initiator, ExtensionOid.inqSspiSessionKey);

      expect(gss.inquireSecContextByOid(acceptor, ExtensionOid.inqSspiSessionKey)[0]).toEqual(key);
    });

    it("gives the ticket's flags and authtime as little-endian C integers", () => {
      const { initiator, acceptor } = pair();
      const authtime = Date.UTC(2024, 0, 1) / 1000;
      const le = Buffer.alloc(4);
      le.writeInt32LE(authtime);

      for (const context of [initiator, acceptor]) {
        // forwardable, pre-authent, transited-policy-checked, enc-pa-rep: MIT's service ticket.
        expect(gss.inquireSecContextByOid(context, ExtensionOid.krb5GetTktFlags).map(hex)).toEqual([
          '00002940',
        ]);
        expect(
          gss.inquireSecContextByOid(context, ExtensionOid.krb5ExtractAuthtimeFromSecContext),
        ).toEqual([Uint8Array.from(le)]);
      }
    });

    it('gives the SASL SSF of aes256 as 256, big-endian', () => {
      const { initiator } = pair();

      expect(
        gss.inquireSecContextByOid(initiator, ExtensionOid.secContextSaslSsf).map(hex),
      ).toEqual(['00000100']);
    });

    it('answers an OID with more arcs after a known one as that one (a byte prefix)', () => {
      const { initiator } = pair();

      expect(gss.inquireSecContextByOid(initiator, oid('1.2.840.113554.1.2.2.5.5.9'))).toEqual(
        gss.inquireSecContextByOid(initiator, ExtensionOid.inqSspiSessionKey),
      );
    });

    it('gives no authorization data of a type the ticket lacks, and ENOENT without a type', () => {
      const { initiator, acceptor } = pair();
      const authz = '1.2.840.113554.1.2.2.5.10';
      const enoent = ['GssError', GSS_S_FAILURE, 2, ['No such file or directory']];

      expect(gss.inquireSecContextByOid(initiator, oid(`${authz}.1`))).toEqual([]);
      expect(gss.inquireSecContextByOid(acceptor, oid(`${authz}.128`))).toEqual([]);
      expect(failure(() => gss.inquireSecContextByOid(acceptor, oid(authz)))).toEqual(enoent);
      expect(failure(() => gss.inquireSecContextByOid(acceptor, oid(`${authz}.1.1`)))).toEqual(
        enoent,
      );
    });

    it('refuses an OID the krb5 mechanism does not know with UNAVAILABLE and EINVAL', () => {
      const { initiator } = pair();

      for (const unknown of [
        ExtensionOid.inqNegoexKey,
        ExtensionOid.inqNegoexVerifyKey,
        ExtensionOid.krb5CcacheName,
        oid('1.2.3.4'),
        MechType.kerberos,
      ]) {
        expect(failure(() => gss.inquireSecContextByOid(initiator, unknown))).toEqual(UNAVAILABLE);
      }
    });

    it('refuses an incomplete context with NO_CONTEXT and the mechglue\'s "Success"', () => {
      const { context } = gss.initSecContext(target(), { flags: [F.mutualAuthentication] });
      const [name, major, minor, texts] = failure(() =>
        gss.inquireSecContextByOid(context, ExtensionOid.inqSspiSessionKey),
      );

      expect([name, major, texts]).toEqual(['MissingContextError', GSS_S_NO_CONTEXT, ['Success']]);
      expect(minor).toBeGreaterThan(100_000);
    });

    it('takes the lucid context OID, a non-OID or a released context for a TypeError', () => {
      const { initiator } = pair();

      expect(() =>
        gss.inquireSecContextByOid(initiator, oid('1.2.840.113554.1.2.2.5.6.1')),
      ).toThrow(/C pointer; use krb5ExportLucidSecContext/);
      expect(() => gss.inquireSecContextByOid(initiator, '1.2.3' as never)).toThrow(TypeError);
      gss.deleteSecContext(initiator);
      expect(() => gss.inquireSecContextByOid(initiator, ExtensionOid.krb5GetTktFlags)).toThrow(
        TypeError,
      );
    });
  });

  describe('inquireCredByOid', () => {
    it('gives no impersonator for any credential of the sim', () => {
      for (const usage of ['initiate', 'accept', 'both'] as const) {
        const { creds } = gss.acquireCred({ usage });
        expect(gss.inquireCredByOid(creds, ExtensionOid.krb5GetCredImpersonator)).toEqual([]);
      }
    });

    it('refuses any other OID with UNAVAILABLE and EINVAL', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate', mechs: [MechType.kerberos] });

      for (const other of [ExtensionOid.krb5GetTktFlags, ExtensionOid.inqSspiSessionKey]) {
        expect(failure(() => gss.inquireCredByOid(creds, other))).toEqual(UNAVAILABLE);
      }
      expect(() => gss.inquireCredByOid({} as never, ExtensionOid.krb5GetTktFlags)).toThrow(
        TypeError,
      );
    });
  });

  describe('setSecContextOption', () => {
    it('refuses every option, with or without a context, with UNAVAILABLE and EINVAL', () => {
      const { initiator } = pair();
      const { context: waiting } = gss.initSecContext(target(), {
        flags: [F.mutualAuthentication],
      });

      expect(failure(() => gss.setSecContextOption(oid('1.2.3.4')))).toEqual(UNAVAILABLE);
      for (const context of [initiator, waiting]) {
        expect(
          failure(() =>
            gss.setSecContextOption(ExtensionOid.inqSspiSessionKey, {
              context,
              value: new Uint8Array(3),
            }),
          ),
        ).toEqual(UNAVAILABLE);
      }
      expect(() => gss.setSecContextOption(oid('1.2.3'), { value: 'x' as never })).toThrow(
        TypeError,
      );
    });
  });
});
