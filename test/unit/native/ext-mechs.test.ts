/**
 * The mechanism extensions of the native backend against MIT: SPNEGO negotiation sets
 * (rfc4178), mechanism attributes (rfc5587) and SASL names (rfc5801).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { BadMechanismError, GssError } from '../../../src/spec/errors.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import type { OID } from '../../../src/spec/oid.js';
import { MechAttr, MechType, NameType } from '../../../src/spec/oids.js';
import { catchGssError } from '../../support/gss-flows.js';
import { describeNative } from '../../support/native.js';

const decoder = new TextDecoder();
const text = (bytes: Uint8Array): string => decoder.decode(bytes);
const hasOid = (oids: readonly OID[], oid: OID): boolean => oids.some((o) => o.equals(oid));

/** MIT 1.20's IAKERB mechanism, the other concrete mechanism it ships. */
const IAKERB = '1.3.6.1.5.2.5';

describeNative('native mechanism extensions', () => {
  let realm: MitRealm;
  let gss: GssApi;

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
  });

  afterAll(async () => {
    await realm?.close();
  });

  it('declares rfc4178, rfc5587 and rfc5801', () => {
    expect(gss.has('rfc4178')).toBe(true);
    expect(gss.has('rfc5587')).toBe(true);
    expect(gss.has('rfc5801')).toBe(true);
  });

  describe('rfc5587', () => {
    it('finds krb5 and IAKERB among the concrete mechanisms, SPNEGO not', () => {
      const mechs = gss.indicateMechsByAttrs({
        desiredMechAttrs: [MechAttr.GSS_C_MA_MECH_CONCRETE],
      });

      expect(mechs.map((mech) => mech.dottedForm)).toEqual([MechType.kerberos.dottedForm, IAKERB]);
    });

    it('leaves out the mechanisms with an excepted attribute', () => {
      const all = gss.indicateMechsByAttrs();
      const negotiating = gss.indicateMechsByAttrs({
        desiredMechAttrs: [MechAttr.GSS_C_MA_MECH_NEGO],
      });
      const concrete = gss.indicateMechsByAttrs({
        exceptMechAttrs: [MechAttr.GSS_C_MA_MECH_NEGO],
      });

      expect(hasOid(all, MechType.spnego)).toBe(true);
      expect(negotiating.map((mech) => mech.dottedForm)).toEqual([MechType.spnego.dottedForm]);
      expect(hasOid(concrete, MechType.spnego)).toBe(false);
      expect(hasOid(concrete, MechType.kerberos)).toBe(true);
    });

    it("lists krb5's attributes, all of them known to it", () => {
      const { mechAttrs, knownMechAttrs } = gss.inquireAttrsForMech(MechType.kerberos);
      const names = mechAttrs.map((attr) => text(gss.displayMechAttr(attr).name));

      expect(names).toEqual([
        'GSS_C_MA_MECH_CONCRETE',
        'GSS_C_MA_ITOK_FRAMED',
        'GSS_C_MA_AUTH_INIT',
        'GSS_C_MA_AUTH_TARG',
        'GSS_C_MA_DELEG_CRED',
        'GSS_C_MA_INTEG_PROT',
        'GSS_C_MA_CONF_PROT',
        'GSS_C_MA_MIC',
        'GSS_C_MA_WRAP',
        'GSS_C_MA_PROT_READY',
        'GSS_C_MA_REPLAY_DET',
        'GSS_C_MA_OOS_DET',
        'GSS_C_MA_CBINDINGS',
        'GSS_C_MA_CTX_TRANS',
      ]);
      expect(knownMechAttrs).toHaveLength(28);
      for (const attr of mechAttrs) expect(hasOid(knownMechAttrs, attr)).toBe(true);
    });

    it("gives MIT's name and descriptions of an attribute", () => {
      const shown = gss.displayMechAttr(MechAttr.GSS_C_MA_MECH_CONCRETE);

      expect(text(shown.name)).toBe('GSS_C_MA_MECH_CONCRETE');
      expect(text(shown.shortDesc)).toBe('concrete-mech');
      expect(text(shown.longDesc)).toBe(
        'Mechanism is neither a pseudo-mechanism nor a composite mechanism.',
      );
      expect(text(gss.displayMechAttr(MechAttr.GSS_C_MA_MIC).shortDesc)).toBe('mic');
    });

    it('refuses an OID that is no attribute with GSS_S_BAD_MECH_ATTR', () => {
      const error = catchGssError(() => gss.displayMechAttr(MechType.kerberos));

      expect(error.constructor).toBe(GssError);
      expect(error).toMatchObject({ code: 'BAD_MECH_ATTR', major: 0x00130000, minor: 0 });
    });

    it('refuses an unknown mechanism with BadMechanismError', () => {
      const error = catchGssError(() => gss.inquireAttrsForMech(NameType.hostbasedService));

      expect(error).toBeInstanceOf(BadMechanismError);
      expect(error).toMatchObject({ major: 0x00010000, minor: 0 });
    });

    it('checks its arguments before calling C', () => {
      expect(() => gss.indicateMechsByAttrs({ desiredMechAttrs: ['1.2'] as never })).toThrow(
        TypeError,
      );
      expect(() => gss.indicateMechsByAttrs({ exceptMechAttrs: 5 as never })).toThrow(TypeError);
      expect(() => gss.inquireAttrsForMech('1.2.840.113554.1.2.2' as never)).toThrow(TypeError);
      expect(() => gss.displayMechAttr(null as never)).toThrow(TypeError);
    });
  });

  describe('rfc5801', () => {
    it("gives krb5's SASL name, name and description", () => {
      const sasl = gss.inquireSaslnameForMech(MechType.kerberos);

      expect(text(sasl.saslMechName)).toBe('GS2-KRB5');
      expect(text(sasl.mechName)).toBe('krb5');
      expect(text(sasl.mechDescription)).toBe('Kerberos 5 GSS-API Mechanism');
    });

    it("gives SPNEGO's", () => {
      const sasl = gss.inquireSaslnameForMech(MechType.spnego);

      expect(text(sasl.saslMechName)).toBe('SPNEGO');
      expect(text(sasl.mechName)).toBe('spnego');
      expect(text(sasl.mechDescription)).toBe('Simple and Protected GSS-API Negotiation Mechanism');
    });

    it('finds the mechanism of a SASL name, given as text or bytes', () => {
      expect(gss.inquireMechForSaslname('GS2-KRB5').equals(MechType.kerberos)).toBe(true);
      const bytes = new TextEncoder().encode('GS2-KRB5');
      expect(gss.inquireMechForSaslname(bytes).equals(MechType.kerberos)).toBe(true);
    });

    it('refuses an unknown SASL name with BadMechanismError', () => {
      const error = catchGssError(() => gss.inquireMechForSaslname('GS2-NOSUCH'));

      expect(error).toBeInstanceOf(BadMechanismError);
      expect(error).toMatchObject({ major: 0x00010000, minor: 0 });
    });

    it('refuses an unknown mechanism with BadMechanismError', () => {
      expect(() => gss.inquireSaslnameForMech(NameType.hostbasedService)).toThrow(
        BadMechanismError,
      );
    });

    it('checks its arguments before calling C', () => {
      expect(() => gss.inquireSaslnameForMech('krb5' as never)).toThrow(TypeError);
      expect(() => gss.inquireMechForSaslname(7 as never)).toThrow(TypeError);
    });
  });

  describe('rfc4178', () => {
    it('restricts a SPNEGO credential to krb5, which it then negotiates', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate', mechs: [MechType.spnego] });
      gss.setNegMechs(creds, [MechType.kerberos]);
      const target = gss.importName(`host@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });

      const first = gss.initSecContext(target, { creds, mech: MechType.spnego });
      if (first.token === null) throw new Error('expected a SPNEGO NegTokenInit');
      const accepted = gss.acceptSecContext(first.token);

      expect(first.mech.equals(MechType.spnego)).toBe(true);
      expect(accepted.mech.equals(MechType.kerberos)).toBe(true);
      gss.releaseCred(creds);
    });

    it('leaves nothing to negotiate when the set names no mechanism of the credential', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate', mechs: [MechType.spnego] });
      gss.setNegMechs(creds, [MechType.spnego]);
      const target = gss.importName(`host@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });

      const error = catchGssError(() =>
        gss.initSecContext(target, { creds, mech: MechType.spnego }),
      );

      expect(error).toMatchObject({ code: 'FAILURE', major: 0x000d0000 });
      // MIT's SPNEGO counts the terminating NUL in its text; status.ts trims it.
      expect(error.minorMessages[0]).toBe('SPNEGO cannot find mechanisms to negotiate');
      gss.releaseCred(creds);
    });

    it('checks its arguments before calling C', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate', mechs: [MechType.spnego] });

      expect(() => gss.setNegMechs(creds, MechType.kerberos as never)).toThrow(TypeError);
      expect(() => gss.setNegMechs(creds, ['1.2.840.113554.1.2.2'] as never)).toThrow(TypeError);
      expect(() => gss.setNegMechs(null as never, [MechType.kerberos])).toThrow(TypeError);
      gss.releaseCred(creds);
      expect(() => gss.setNegMechs(creds, [MechType.kerberos])).toThrow(TypeError);
    });
  });
});
