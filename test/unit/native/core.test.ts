/**
 * The core calls of the native backend against a real MIT realm: credentials, context
 * establishment, per-message protection, context export and deletion, mechanisms and status
 * texts. The cross-backend conformance suite checks the same ground against the sim.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { ChannelBindings } from '../../../src/spec/channel-bindings.js';
import {
  BadChannelBindingsError,
  BadMICError,
  DuplicateCredentialsElementError,
  DuplicateTokenError,
  GssError,
  InvalidTokenError,
  MalformedParameterError,
  MissingContextError,
} from '../../../src/spec/errors.js';
import { type FlagsInput, RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import type { Name, SecurityContext } from '../../../src/spec/handles.js';
import type { OID } from '../../../src/spec/oid.js';
import { MechType, NameType } from '../../../src/spec/oids.js';
import type { AcceptSecContextResult, InitSecContextResult } from '../../../src/spec/results.js';
import { catchGssError } from '../../support/gss-flows.js';
import { describeNative } from '../../support/native.js';

const {
  mutualAuthentication,
  replayDetection,
  outOfSequenceDetection,
  confidentiality,
  integrity,
  protectionReady,
  transferable,
  dceStyle,
  channelBound,
} = RequirementFlag;

const decoder = new TextDecoder();
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const hasOid = (oids: readonly OID[], oid: OID): boolean => oids.some((o) => o.equals(oid));

/** An established pair of contexts and the results of every step. */
interface Established {
  readonly initiator: SecurityContext;
  readonly acceptor: SecurityContext;
  readonly first: InitSecContextResult;
  readonly accepted: AcceptSecContextResult;
  readonly last: InitSecContextResult;
}

describeNative('native core calls', () => {
  let realm: MitRealm;
  let gss: GssApi;
  let target: Name;

  /** `host@<hostname>` as a host-based service name. */
  const hostService = (): Name =>
    gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });

  const text = (name: Name | null): string =>
    name === null ? '(none)' : decoder.decode(gss.displayName(name).name);

  /** Runs the establishment loop between the default initiator and acceptor credentials. */
  const establish = (flags?: FlagsInput<RequirementFlag>): Established => {
    const first = gss.initSecContext(target, flags === undefined ? {} : { flags });
    if (first.token === null) throw new Error('expected an AP-REQ');
    const accepted = gss.acceptSecContext(first.token);
    let last = first;
    if (first.moreSteps) {
      if (accepted.token === null) throw new Error('expected an AP-REP');
      last = gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
    }
    return { initiator: first.context, acceptor: accepted.context, first, accepted, last };
  };

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    target = hostService();
  });

  afterAll(async () => {
    await realm?.close();
  });

  describe('context establishment', () => {
    it('completes in one leg without mutual authentication', () => {
      const first = gss.initSecContext(target, { flags: [integrity, confidentiality] });
      expect(first.moreSteps).toBe(false);
      expect(first.token?.[0]).toBe(0x60);
      expect(first.mech.equals(MechType.kerberos)).toBe(true);
      expect(first.flags.has(mutualAuthentication)).toBe(false);
      expect(first.flags.has(integrity)).toBe(true);
      // MIT sets PROT_READY in the context after computing ret_flags: only inquiry shows it.
      expect(first.flags.has(protectionReady)).toBe(false);
      expect(gss.inquireContext(first.context).flags?.has(protectionReady)).toBe(true);
      if (first.token === null) throw new Error('expected an AP-REQ');

      const accepted = gss.acceptSecContext(first.token);
      expect(accepted.moreSteps).toBe(false);
      expect(accepted.token).toBeNull();
      expect(accepted.mech.equals(MechType.kerberos)).toBe(true);
      expect(accepted.flags.has(mutualAuthentication)).toBe(false);
      expect(accepted.flags.has(confidentiality)).toBe(true);
      expect(accepted.flags.has(protectionReady)).toBe(false);
      expect(accepted.delegatedCreds).toBeNull();
      expect(text(accepted.initiatorName)).toBe(realm.userPrincipal);

      const sealed = gss.wrap(first.context, bytes('one leg'));
      expect(decoder.decode(gss.unwrap(accepted.context, sealed.message).message)).toBe('one leg');
    });

    it('takes a second initiator step with mutual authentication, on the same handle', () => {
      const { first, accepted, last } = establish();
      expect(first.moreSteps).toBe(true);
      expect(first.flags.has(mutualAuthentication)).toBe(true);
      expect(first.flags.has(outOfSequenceDetection)).toBe(true);
      expect(first.flags.has(replayDetection)).toBe(false);
      expect(accepted.moreSteps).toBe(false);
      expect(accepted.token?.[0]).toBe(0x60);
      expect(accepted.flags.has(mutualAuthentication)).toBe(true);
      expect(accepted.flags.has(protectionReady)).toBe(true);
      expect(accepted.lifetime).toBeGreaterThan(0);
      expect(text(accepted.initiatorName)).toBe(realm.userPrincipal);

      expect(last.moreSteps).toBe(false);
      expect(last.token).toBeNull();
      expect(last.context).toBe(first.context);
      expect(last.mech.equals(MechType.kerberos)).toBe(true);
      expect([...last.flags]).toEqual([
        mutualAuthentication,
        outOfSequenceDetection,
        confidentiality,
        integrity,
        transferable,
      ]);
      expect(last.lifetime).toBeGreaterThan(0);
    });

    it('takes a second acceptor step in DCE style, naming the initiator only at the end', () => {
      const first = gss.initSecContext(target, { flags: [dceStyle, mutualAuthentication] });
      const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0));
      expect(accepted.moreSteps).toBe(true);
      expect(accepted.mech.equals(MechType.kerberos)).toBe(true);
      expect(() => gss.displayName(accepted.initiatorName)).toThrow(TypeError);

      const second = gss.initSecContext(target, {
        context: first.context,
        inputToken: accepted.token ?? new Uint8Array(0),
      });
      const last = gss.acceptSecContext(second.token ?? new Uint8Array(0), {
        context: accepted.context,
      });
      expect(second.moreSteps).toBe(false);
      expect(last.moreSteps).toBe(false);
      expect(last.context).toBe(accepted.context);
      expect(last.flags.has(dceStyle)).toBe(true);
      expect(text(last.initiatorName)).toBe(realm.userPrincipal);
    });

    it('checks channel bindings, with the KRB-ERROR attached on a mismatch', () => {
      const bindings = new ChannelBindings({ applicationData: bytes('tls-unique:1') });
      const other = new ChannelBindings({ applicationData: bytes('tls-unique:2') });
      const good = gss.initSecContext(target, { channelBindings: bindings });
      const bad = gss.initSecContext(target, { channelBindings: bindings });

      const accepted = gss.acceptSecContext(good.token ?? new Uint8Array(0), {
        channelBindings: bindings,
      });
      expect(accepted.flags.has(channelBound)).toBe(true);
      const error = catchGssError(() =>
        gss.acceptSecContext(bad.token ?? new Uint8Array(0), { channelBindings: other }),
      );
      expect(error).toBeInstanceOf(BadChannelBindingsError);
      expect(error.token?.[0]).toBe(0x60);
    });

    it('reports both sides with inquireContext, and null for fields not asked for', () => {
      const { initiator, acceptor } = establish();
      const mine = gss.inquireContext(initiator);
      const theirs = gss.inquireContext(acceptor);

      expect(text(mine.initiatorName)).toBe(realm.userPrincipal);
      expect(text(mine.targetName)).toBe(realm.hostPrincipal);
      expect(mine.mech?.equals(MechType.kerberos)).toBe(true);
      expect(mine.locallyInit).toBe(true);
      expect(mine.complete).toBe(true);
      expect(mine.flags?.has(mutualAuthentication)).toBe(true);
      expect(mine.lifetime).toBeGreaterThan(0);
      expect(text(theirs.initiatorName)).toBe(realm.userPrincipal);
      expect(text(theirs.targetName)).toBe(realm.hostPrincipal);
      expect(theirs.locallyInit).toBe(false);
      expect(theirs.complete).toBe(true);

      const none = gss.inquireContext(initiator, {
        initiatorName: false,
        targetName: false,
        lifetime: false,
        mech: false,
        flags: false,
        locallyInit: false,
        complete: false,
      });
      expect(Object.values(none).every((value) => value === null)).toBe(true);
    });

    it('inquires a context that is not yet established', () => {
      const first = gss.initSecContext(target);
      const state = gss.inquireContext(first.context);

      expect(state.complete).toBe(false);
      expect(state.locallyInit).toBe(true);
      expect(state.mech?.equals(MechType.kerberos)).toBe(true);
      gss.deleteSecContext(first.context);
    });

    it('gives the seconds left with contextTime', () => {
      const { initiator, last } = establish();
      const seconds = gss.contextTime(initiator);

      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(last.lifetime ?? Number.POSITIVE_INFINITY);
    });

    it("carries MIT's minor message for an unknown service principal", () => {
      const unknown = gss.importName(`nosuch@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });
      const error = catchGssError(() => gss.initSecContext(unknown));

      expect(error).toBeInstanceOf(GssError);
      expect(error).toMatchObject({ code: 'FAILURE', routineCode: 0x000d0000 });
      expect(error.minorMessages).toEqual([
        `Server nosuch/${realm.hostname}@${realm.name} not found in Kerberos database`,
      ]);
      expect(error.message).toContain('not found in Kerberos database');
    });

    it('attaches the KRB-ERROR to the error of an acceptor given a tampered AP-REQ', () => {
      const first = gss.initSecContext(target);
      const token = Uint8Array.from(first.token ?? []);
      token[token.length - 5] = (token.at(-5) ?? 0) ^ 1;
      const error = catchGssError(() => gss.acceptSecContext(token));

      expect(error.minorMessages).toEqual(['Decrypt integrity check failed']);
      expect(error.token?.[0]).toBe(0x60);
      gss.deleteSecContext(first.context);
    });

    it('rejects a token that is not a context token', () => {
      expect(() => gss.acceptSecContext(Uint8Array.of(1, 2, 3, 4))).toThrow(InvalidTokenError);
    });

    it('keeps an initiator context after a bad reply, for the caller to delete', () => {
      const first = gss.initSecContext(target);
      const reply = Uint8Array.of(0x60, 1, 0);

      expect(() =>
        gss.initSecContext(target, { context: first.context, inputToken: reply }),
      ).toThrow(InvalidTokenError);
      expect(() => gss.processContextToken(first.context, Uint8Array.of(1))).toThrow(
        MissingContextError,
      );
      expect(gss.deleteSecContext(first.context)).toEqual(new Uint8Array(0));
    });
  });

  describe('per-message protection', () => {
    let pair: Established;
    beforeEach(() => {
      pair = establish([mutualAuthentication, replayDetection, outOfSequenceDetection]);
    });

    it('wraps and unwraps with and without confidentiality', () => {
      const message = bytes('attack at dawn');
      const sealed = gss.wrap(pair.initiator, message);
      const signed = gss.wrap(pair.initiator, message, { confidential: false });

      expect(sealed.encrypted).toBe(true);
      expect(signed.encrypted).toBe(false);
      expect(decoder.decode(signed.message)).toContain('attack at dawn');
      expect(decoder.decode(sealed.message)).not.toContain('attack at dawn');
      expect(gss.unwrap(pair.acceptor, sealed.message)).toEqual({
        message,
        encrypted: true,
        qop: 0,
      });
      expect(gss.unwrap(pair.acceptor, signed.message)).toEqual({
        message,
        encrypted: false,
        qop: 0,
      });
    });

    it('wraps an empty message', () => {
      const sealed = gss.wrap(pair.acceptor, new Uint8Array(0));

      expect(gss.unwrap(pair.initiator, sealed.message).message).toEqual(new Uint8Array(0));
    });

    it('protects messages of every staging size and leaves the caller’s arrays intact', () => {
      // The calls stage inputs in C memory kept up to 64 KiB and made per call above it.
      for (const size of [1, 15, 16, 17, 1000, 65_536 - 16, 65_536, 65_537, 300_000]) {
        const message = Uint8Array.from({ length: size }, (_, index) => (index * 7 + size) & 0xff);
        const original = Uint8Array.from(message);
        const sealed = gss.wrap(pair.initiator, message);
        const sealedCopy = Uint8Array.from(sealed.message);
        const mic = gss.getMic(pair.acceptor, message);
        const micCopy = Uint8Array.from(mic);

        expect(gss.unwrap(pair.acceptor, sealed.message).message, `${size}`).toEqual(original);
        expect(gss.verifyMic(pair.initiator, message, mic), `${size}`).toBe(0);
        expect(message).toEqual(original);
        expect(sealed.message).toEqual(sealedCopy);
        expect(mic).toEqual(micCopy);
      }
    });

    it('makes and verifies MICs, also over an empty message', () => {
      const mic = gss.getMic(pair.initiator, bytes('signed'), { qop: 0 });
      const empty = gss.getMic(pair.initiator, new Uint8Array(0));

      expect(mic[0]).toBe(0x04);
      expect(gss.verifyMic(pair.acceptor, bytes('signed'), mic)).toBe(0);
      expect(gss.verifyMic(pair.acceptor, new Uint8Array(0), empty)).toBe(0);
    });

    it('raises BadMICError for a tampered wrap token and a MIC over another message', () => {
      const sealed = gss.wrap(pair.initiator, bytes('payload'));
      const tampered = Uint8Array.from(sealed.message);
      tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0x80;
      const mic = gss.getMic(pair.initiator, bytes('one'));

      expect(() => gss.unwrap(pair.acceptor, tampered)).toThrow(BadMICError);
      expect(() => gss.verifyMic(pair.acceptor, bytes('two'), mic)).toThrow(BadMICError);
    });

    it('raises DuplicateTokenError for a replayed token under replay detection', () => {
      const sealed = gss.wrap(pair.initiator, bytes('once'));
      gss.unwrap(pair.acceptor, sealed.message);
      const error = catchGssError(() => gss.unwrap(pair.acceptor, sealed.message));

      expect(error).toBeInstanceOf(DuplicateTokenError);
      expect(error).toMatchObject({ code: 'DUPLICATE_TOKEN', supplementaryCode: 2 });
    });

    it('gives a wrap size limit whose wrap token fits', () => {
      const sealedLimit = gss.wrapSizeLimit(pair.initiator, 1000);
      const signedLimit = gss.wrapSizeLimit(pair.initiator, 1000, { confidential: false });
      const sealed = gss.wrap(pair.initiator, new Uint8Array(sealedLimit));

      expect(sealedLimit).toBeGreaterThan(900);
      expect(sealedLimit).toBeLessThan(signedLimit);
      expect(signedLimit).toBeLessThan(1000);
      expect(sealed.message.length).toBeLessThanOrEqual(1000);
      gss.unwrap(pair.acceptor, sealed.message);
    });

    it('refuses protection on a context that is not yet established', () => {
      const first = gss.initSecContext(target);

      expect(() => gss.wrap(first.context, bytes('early'))).toThrow(MissingContextError);
      gss.deleteSecContext(first.context);
    });

    it('checks arguments before calling C', () => {
      expect(() => gss.wrap(pair.initiator, 'text' as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => gss.getMic(pair.initiator, new Uint8Array(1), { qop: -1 })).toThrow(RangeError);
      expect(() => gss.wrapSizeLimit(pair.initiator, 2 ** 32)).toThrow(RangeError);
      expect(() => gss.unwrap({} as unknown as SecurityContext, new Uint8Array(1))).toThrow(
        TypeError,
      );
    });
  });

  describe('export, import and deletion', () => {
    it('exports a context, ending its handle, and imports it for use', () => {
      const { initiator, acceptor } = establish();
      const token = gss.exportSecContext(acceptor);
      const imported = gss.importSecContext(token);

      expect(() => gss.unwrap(acceptor, new Uint8Array(1))).toThrow(TypeError);
      const sealed = gss.wrap(initiator, bytes('after import'));
      expect(decoder.decode(gss.unwrap(imported, sealed.message).message)).toBe('after import');
      expect(gss.inquireContext(imported).locallyInit).toBe(false);
    });

    it('exports a context that is not yet established, and the import goes on (MIT 1.20)', () => {
      const first = gss.initSecContext(target);
      const imported = gss.importSecContext(gss.exportSecContext(first.context));
      const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0));
      const last = gss.initSecContext(target, {
        context: imported,
        inputToken: accepted.token ?? new Uint8Array(0),
      });

      expect(last.moreSteps).toBe(false);
      expect(last.context).toBe(imported);
      const sealed = gss.wrap(imported, bytes('resumed'));
      expect(decoder.decode(gss.unwrap(accepted.context, sealed.message).message)).toBe('resumed');
    });

    it('rejects a malformed export token', () => {
      expect(() => gss.importSecContext(Uint8Array.of(1, 2, 3))).toThrow(MalformedParameterError);
    });

    it('deletes a context; the handle is then a TypeError everywhere', () => {
      const { initiator, acceptor } = establish();

      expect(gss.deleteSecContext(initiator)).toEqual(new Uint8Array(0));
      expect(gss.deleteSecContext(acceptor, { localOnly: false })).toEqual(new Uint8Array(0));
      for (const context of [initiator, acceptor]) {
        expect(() => gss.wrap(context, new Uint8Array(1))).toThrow(TypeError);
        expect(() => gss.inquireContext(context)).toThrow(TypeError);
        expect(() => gss.contextTime(context)).toThrow(TypeError);
        expect(() => gss.exportSecContext(context)).toThrow(TypeError);
        expect(() => gss.deleteSecContext(context)).toThrow(/has been released/);
        expect(() => gss.initSecContext(target, { context })).toThrow(TypeError);
      }
    });
  });

  describe('credentials', () => {
    it('acquires initiator, acceptor and both-way credentials', () => {
      const initiate = gss.acquireCred({ usage: 'initiate' });
      const accept = gss.acquireCred({ usage: 'accept' });
      const both = gss.acquireCred();

      for (const result of [initiate, accept, both]) {
        expect(hasOid(result.mechs, MechType.kerberos)).toBe(true);
      }
      expect(initiate.lifetime).toBeGreaterThan(0);
      expect(accept.lifetime).toBeNull();
      expect(gss.inquireCred(initiate.creds).usage).toBe('initiate');
      expect(gss.inquireCred(accept.creds).usage).toBe('accept');
      expect(gss.inquireCred(both.creds).usage).toBe('both');
    });

    it('establishes a context with explicit credentials on both sides', () => {
      const user = gss.importName(realm.userPrincipal, { nameType: NameType.kerberosPrincipal });
      const creds = gss.acquireCred({ name: user, usage: 'initiate', mechs: [MechType.kerberos] });
      const acceptorCreds = gss.acquireCred({ usage: 'accept' }).creds;
      const first = gss.initSecContext(target, { creds: creds.creds, flags: 0 });
      const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0), { acceptorCreds });

      expect(creds.mechs.map((mech) => mech.dottedForm)).toEqual([MechType.kerberos.dottedForm]);
      expect(first.flags.has(mutualAuthentication)).toBe(false);
      expect(text(accepted.initiatorName)).toBe(realm.userPrincipal);
    });

    it('inquires a credential and one mechanism element of it', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate' });
      const whole = gss.inquireCred(creds);
      const element = gss.inquireCredByMech(creds, MechType.kerberos);
      const acceptor = gss.inquireCred(gss.acquireCred({ usage: 'accept' }).creds);

      expect(text(whole.name)).toBe(realm.userPrincipal);
      expect(whole.lifetime).toBeGreaterThan(0);
      expect(whole.mechs?.some((mech) => mech.equals(MechType.kerberos))).toBe(true);
      expect(text(element.name)).toBe(realm.userPrincipal);
      expect(element.usage).toBe('initiate');
      expect(element.initLifetime).toBeGreaterThan(0);
      expect(element.acceptLifetime).toBe(0);
      expect(text(acceptor.name)).toBe(realm.hostPrincipal);
      expect(acceptor.lifetime).toBeNull();
      expect(gss.inquireCred(creds, { name: false, mechs: false })).toMatchObject({
        name: null,
        mechs: null,
      });
    });

    it('adds an element to a new credential, or refuses a duplicate one', () => {
      const user = gss.importName(realm.userPrincipal, { nameType: NameType.kerberosPrincipal });
      const added = gss.addCred(null, user, MechType.kerberos);
      const { creds } = gss.acquireCred({ usage: 'initiate' });

      expect(added.creds).not.toBeNull();
      expect(added.mechs.map((mech) => mech.dottedForm)).toEqual([MechType.kerberos.dottedForm]);
      expect(added.initLifetime).toBeGreaterThan(0);
      expect(gss.inquireCred(added.creds ?? creds).usage).toBe('initiate');
      expect(() => gss.addCred(creds, user, MechType.kerberos, { mutateInput: true })).toThrow(
        DuplicateCredentialsElementError,
      );
    });

    it('releases a credential once; the handle is then a TypeError', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate' });
      gss.releaseCred(creds);

      expect(() => gss.releaseCred(creds)).toThrow(TypeError);
      expect(() => gss.inquireCred(creds)).toThrow(TypeError);
    });

    it('checks credential arguments before calling C', () => {
      expect(() => gss.acquireCred({ usage: 'sideways' as 'both' })).toThrow(TypeError);
      expect(() => gss.acquireCred({ lifetime: -1 })).toThrow(RangeError);
      expect(() => gss.acquireCred({ mechs: ['1.2.3'] as unknown as OID[] })).toThrow(TypeError);
    });
  });

  describe('mechanisms and status', () => {
    it('indicates krb5 among the mechanisms', () => {
      expect(hasOid(gss.indicateMechs(), MechType.kerberos)).toBe(true);
    });

    it('lists the name types of krb5', () => {
      const types = gss.inquireNamesForMech(MechType.kerberos);

      expect(hasOid(types, NameType.hostbasedService)).toBe(true);
      expect(hasOid(types, NameType.kerberosPrincipal)).toBe(true);
    });

    it('lists the mechanisms for a name', () => {
      expect(hasOid(gss.inquireMechsForName(target), MechType.kerberos)).toBe(true);
    });

    it('displays a major status one message at a time', () => {
      const first = gss.displayStatus(0x00060002, true);
      const second = gss.displayStatus(0x00060002, true, {
        messageContext: first.messageContext,
      });

      expect(decoder.decode(first.message)).toBe(
        'A token had an invalid Message Integrity Check (MIC)',
      );
      expect(first.moreMessages).toBe(true);
      expect(decoder.decode(second.message)).toBe('The token was a duplicate of an earlier token');
      expect(second).toMatchObject({ messageContext: 0, moreMessages: false });
    });

    it('displays a minor status the library returned', () => {
      const unknown = gss.importName(`missing@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });
      const error = catchGssError(() => gss.initSecContext(unknown));
      const shown = gss.displayStatus(error.minor, false, { mech: MechType.kerberos });

      expect(decoder.decode(shown.message)).toBe(
        `Server missing/${realm.hostname}@${realm.name} not found in Kerberos database`,
      );
      expect(shown.moreMessages).toBe(false);
    });

    it('checks status arguments before calling C', () => {
      expect(() => gss.displayStatus(-1, true)).toThrow(RangeError);
      expect(() => gss.displayStatus(0, 'yes' as unknown as boolean)).toThrow(TypeError);
    });
  });
});
