/**
 * Exported krb5 contexts against MIT krb5 1.20's `gss_export_sec_context` and
 * `gss_import_sec_context` on a real realm: MIT's tokens read into snapshots whose keys and
 * sequence numbers carry on MIT's conversation, the sim's tokens import into MIT and carry on
 * too, and MIT's import and the sim's fail alike on damaged tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { KeyBlock } from '../../../../src/sim/crypto/index.js';
import { EINVAL, KRB5_BAD_ENCTYPE } from '../../../../src/sim/errors/index.js';
import { createSimRealm, type SimRealm } from '../../../../src/sim/index.js';
import type { ContextSnapshot } from '../../../../src/sim/krb5/context/context-snapshot.js';
import { acceptDceReply } from '../../../../src/sim/krb5/context/dce-acceptor.js';
import { protectionOptions } from '../../../../src/sim/krb5/context/established-context.js';
import {
  exportContextToken,
  importContextToken,
} from '../../../../src/sim/krb5/context/export-token.js';
import { createMessageProtection } from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag, requirementFlags } from '../../../../src/spec/flags.js';
import type { SecurityContext } from '../../../../src/spec/handles.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import { GSS_S_FAILURE } from '../../../../src/spec/status.js';
import { mechglueMappedMinor } from '../../../conformance/flows.js';
import { catchGssError, establishPair } from '../../../support/gss-flows.js';
import { describeNative } from '../../../support/native.js';

const F = RequirementFlag;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const random = createRandom('export token vs MIT');

/** The protection of an established snapshot, going on from where it was exported. */
function protection(snapshot: ContextSnapshot) {
  const { established } = snapshot;
  if (established === undefined) throw new Error('expected an established snapshot');
  return createMessageProtection({
    ...protectionOptions(established, (n) => random.bytes(n)),
    sendSeq: snapshot.sendSeq,
    ...(snapshot.window === undefined ? {} : { receiveWindow: snapshot.window }),
  });
}

/** The flags as one integer. */
const word = (flags: Iterable<number>) => [...flags].reduce((all, flag) => all | flag, 0);

describeNative('exported krb5 contexts against MIT krb5 1.20', () => {
  let realm: MitRealm;

  beforeAll(async () => {
    realm = await startMitRealm();
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  const wrapped = (context: SecurityContext, text: string) =>
    realm.gss.wrap(context, encoder.encode(text), { confidential: true }).message;
  const unwrapped = (context: SecurityContext, token: Uint8Array) =>
    decoder.decode(realm.gss.unwrap(context, token).message);

  /** Both ends, in one leg without mutual authentication, in two with it. */
  const pair = (flags: readonly RequirementFlag[]) => {
    if (flags.includes(F.mutualAuthentication)) {
      return establishPair(realm.gss, realm.hostname, { flags });
    }
    const target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = realm.gss.initSecContext(target, { mech: MechType.kerberos, flags });
    if (first.token === null || first.moreSteps) throw new Error('expected one AP-REQ');
    const accepted = realm.gss.acceptSecContext(first.token);
    realm.gss.releaseName(target);
    return { initiator: first.context, acceptor: accepted.context };
  };

  /** MIT's DCE-style legs up to the acceptor waiting for the initiator's third token. */
  const dceLegs = (flags: readonly RequirementFlag[]) => {
    const target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const init = { mech: MechType.kerberos, flags: [F.dceStyle, ...flags] };
    const first = realm.gss.initSecContext(target, init);
    if (first.token === null) throw new Error('expected an AP-REQ');
    const accepted = realm.gss.acceptSecContext(first.token);
    if (accepted.token === null) throw new Error('expected an AP-REP');
    const second = realm.gss.initSecContext(target, {
      ...init,
      context: first.context,
      inputToken: accepted.token,
    });
    if (second.token === null) throw new Error('expected a third token');
    realm.gss.releaseName(target);
    return { initiator: second.context, acceptor: accepted.context, third: second.token };
  };

  describe('MIT exports, the sim reads', () => {
    const flagCases = [
      {
        label: 'mutual, replay and sequence',
        flags: [F.mutualAuthentication, F.replayDetection, F.outOfSequenceDetection],
      },
      { label: 'no flag', flags: [] },
    ];
    for (const { label, flags } of flagCases) {
      it(`an initiator (${label}) after two wraps continues MIT's conversation`, () => {
        const { initiator, acceptor } = pair(flags);
        const inquired = realm.gss.inquireContext(initiator);
        unwrapped(acceptor, wrapped(initiator, 'one'));
        unwrapped(acceptor, wrapped(initiator, 'two'));
        unwrapped(initiator, wrapped(acceptor, 'back'));
        const token = realm.gss.exportSecContext(initiator);

        const snapshot = importContextToken(token);
        const established = snapshot.established;
        if (established === undefined) throw new Error('expected an established snapshot');
        expect(snapshot.initiator).toBe(true);
        expect(established.initiator).toBe(true);
        expect(established.flags & ~F.protectionReady).toBe(
          word(inquired.flags ?? []) & ~F.protectionReady,
        );
        expect(snapshot.sendSeq - BigInt(established.sendSeq)).toBe(2n);
        expect(snapshot.initiatorName.name.nameString).toEqual(['user']);
        expect(snapshot.targetName.name.nameString).toEqual(['host', realm.hostname]);
        expect(exportContextToken(snapshot)).toEqual(token);

        const ours = protection(snapshot);
        expect(unwrapped(acceptor, ours.wrap(encoder.encode('three')).message)).toBe('three');
        expect(decoder.decode(ours.unwrap(wrapped(acceptor, 'again')).message)).toBe('again');
        realm.gss.deleteSecContext(acceptor);
      });

      it(`an acceptor (${label}) after one unwrap continues MIT's conversation`, () => {
        const { initiator, acceptor } = pair(flags);
        unwrapped(acceptor, wrapped(initiator, 'one'));
        const token = realm.gss.exportSecContext(acceptor);

        const snapshot = importContextToken(token);
        const established = snapshot.established;
        if (established === undefined) throw new Error('expected an established snapshot');
        expect(snapshot.initiator).toBe(false);
        expect(snapshot.sendSeq).toBe(BigInt(established.sendSeq));
        // MIT records received numbers only with replay or sequence detection.
        const recorded = flags.length === 0 ? 0 : 1;
        expect(snapshot.window?.nextLo).toBe(recorded);
        expect(snapshot.window?.mapLo).toBe(recorded);
        expect(snapshot.mit?.authdata?.length).toBe(1);
        expect(exportContextToken(snapshot)).toEqual(token);

        const ours = protection(snapshot);
        expect(decoder.decode(ours.unwrap(wrapped(initiator, 'two')).message)).toBe('two');
        expect(unwrapped(initiator, ours.wrap(encoder.encode('reply')).message)).toBe('reply');
        realm.gss.deleteSecContext(initiator);
      });
    }

    it('an initiator waiting for the AP-REP reads as a pending snapshot with its keys', () => {
      const target = realm.gss.importName(`host@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });
      const first = realm.gss.initSecContext(target, {
        mech: MechType.kerberos,
        flags: [F.mutualAuthentication],
      });
      const token = realm.gss.exportSecContext(first.context);

      const snapshot = importContextToken(token);
      expect(snapshot.established).toBeUndefined();
      expect(snapshot.window).toBeUndefined();
      expect(snapshot.pending?.flags).toBe(word(first.flags));
      expect(snapshot.sendSeq).toBe(BigInt(snapshot.pending?.seqNumber ?? -1));
      expect(exportContextToken(snapshot)).toEqual(token);
      realm.gss.releaseName(target);
    });

    it('a DCE-style acceptor between its legs reads with its keys and completes', () => {
      const { initiator, acceptor, third } = dceLegs([F.replayDetection, F.confidentiality]);
      const inquired = realm.gss.inquireContext(acceptor);
      const token = realm.gss.exportSecContext(acceptor);

      const snapshot = importContextToken(token);
      const dce = snapshot.dce;
      if (dce === undefined) throw new Error('expected a pending DCE acceptor');
      expect(snapshot.established).toBeUndefined();
      expect(snapshot.pending).toBeUndefined();
      expect(snapshot.initiator).toBe(false);
      expect(dce.context.flags).toBe(word(inquired.flags ?? []));
      expect(snapshot.sendSeq).toBe(BigInt(dce.context.sendSeq));
      expect(dce.context.acceptorSubkey).not.toBeNull();
      // MIT's window already waits for the initiator's first number, 32 bits wide.
      expect(snapshot.window).toMatchObject({ wide: false, baseLo: dce.context.recvSeq });
      expect(snapshot.mit?.seqState).toBeUndefined();
      expect(exportContextToken(snapshot)).toEqual(token);

      const accepted = acceptDceReply(
        { ...dce, initiatorName: 'user@KRBTEST.COM', authtime: snapshot.authtime },
        third,
      );
      expect(accepted.token).toBeNull();
      const ours = createMessageProtection({
        ...protectionOptions(accepted.context, (n) => random.bytes(n)),
        ctxKeyChecksum: false,
      });
      expect(decoder.decode(ours.unwrap(wrapped(initiator, 'one')).message)).toBe('one');
      expect(unwrapped(initiator, ours.wrap(encoder.encode('two')).message)).toBe('two');
      realm.gss.deleteSecContext(initiator);
    });
  });

  describe('the sim exports, MIT imports', () => {
    /** The snapshot without MIT's extra fields: only what the sim itself knows. */
    const core = (snapshot: ContextSnapshot): ContextSnapshot => {
      const { mit: _mit, ...rest } = snapshot;
      return rest;
    };

    it("an initiator's token made from the snapshot alone imports and goes on wrapping", () => {
      const flags = [F.mutualAuthentication, F.replayDetection, F.outOfSequenceDetection];
      const { initiator, acceptor } = establishPair(realm.gss, realm.hostname, { flags });
      unwrapped(acceptor, wrapped(initiator, 'one'));
      const snapshot = core(importContextToken(realm.gss.exportSecContext(initiator)));

      const imported = realm.gss.importSecContext(exportContextToken(snapshot));
      expect(unwrapped(acceptor, wrapped(imported, 'two'))).toBe('two');
      expect(unwrapped(imported, wrapped(acceptor, 'three'))).toBe('three');
      const replayed = wrapped(acceptor, 'four');
      unwrapped(imported, replayed);
      expect(catchGssError(() => realm.gss.unwrap(imported, replayed)).name).toBe(
        'DuplicateTokenError',
      );
      realm.gss.deleteSecContext(imported);
      realm.gss.deleteSecContext(acceptor);
    });

    it("an acceptor's token made from the snapshot alone imports and goes on wrapping", () => {
      const { initiator, acceptor } = establishPair(realm.gss, realm.hostname, {
        flags: [F.mutualAuthentication, F.replayDetection],
      });
      const snapshot = core(importContextToken(realm.gss.exportSecContext(acceptor)));

      const imported = realm.gss.importSecContext(exportContextToken(snapshot));
      expect(unwrapped(imported, wrapped(initiator, 'one'))).toBe('one');
      expect(unwrapped(initiator, wrapped(imported, 'two'))).toBe('two');
      const names = realm.gss.inquireContext(imported);
      expect(
        names.initiatorName && decoder.decode(realm.gss.displayName(names.initiatorName).name),
      ).toBe('user@KRBTEST.COM');
      realm.gss.deleteSecContext(imported);
      realm.gss.deleteSecContext(initiator);
    });

    it("a pending initiator's token imports into MIT, which then reads the AP-REP", () => {
      const target = realm.gss.importName(`host@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });
      const init = {
        mech: MechType.kerberos,
        flags: [F.mutualAuthentication, F.outOfSequenceDetection],
      };
      const first = realm.gss.initSecContext(target, init);
      if (first.token === null) throw new Error('expected an AP-REQ');
      const snapshot = core(importContextToken(realm.gss.exportSecContext(first.context)));
      const accepted = realm.gss.acceptSecContext(first.token);
      if (accepted.token === null) throw new Error('expected an AP-REP');

      const imported = realm.gss.importSecContext(exportContextToken(snapshot));
      const second = realm.gss.initSecContext(target, {
        ...init,
        context: imported,
        inputToken: accepted.token,
      });
      expect(second.moreSteps).toBe(false);
      expect(requirementFlags(word(second.flags)).has(F.outOfSequenceDetection)).toBe(true);
      expect(unwrapped(accepted.context, wrapped(second.context, 'one'))).toBe('one');
      expect(unwrapped(second.context, wrapped(accepted.context, 'two'))).toBe('two');
      realm.gss.deleteSecContext(second.context);
      realm.gss.deleteSecContext(accepted.context);
      realm.gss.releaseName(target);
    });

    it("a DCE-style acceptor's token between its legs imports into MIT, which completes it", () => {
      const { initiator, acceptor, third } = dceLegs([F.outOfSequenceDetection, F.integrity]);
      const snapshot = core(importContextToken(realm.gss.exportSecContext(acceptor)));
      const inquired = requirementFlags(snapshot.dce?.context.flags ?? 0);

      const imported = realm.gss.importSecContext(exportContextToken(snapshot));
      const before = realm.gss.inquireContext(imported);
      expect([before.complete, before.locallyInit]).toEqual([false, false]);
      expect(word(before.flags ?? [])).toBe(Number(inquired));
      const last = realm.gss.acceptSecContext(third, { context: imported });
      expect([last.moreSteps, last.token]).toEqual([false, null]);
      expect(requirementFlags(word(last.flags)).has(F.dceStyle)).toBe(true);
      expect(unwrapped(last.context, wrapped(initiator, 'one'))).toBe('one');
      expect(unwrapped(initiator, wrapped(last.context, 'two'))).toBe('two');
      // The window the sim wrote keeps MIT's sequence checks: a gap, then a late token.
      const late = wrapped(initiator, 'three');
      const early = wrapped(initiator, 'four');
      expect(catchGssError(() => realm.gss.unwrap(last.context, early)).name).toBe(
        'TokenTooEarlyError',
      );
      expect(catchGssError(() => realm.gss.unwrap(last.context, late)).name).toBe(
        'TokenTooLateError',
      );
      realm.gss.deleteSecContext(last.context);
      realm.gss.deleteSecContext(initiator);
    });

    it("a DCE-style acceptor's token without its session key fails MIT's third leg", () => {
      const { initiator, acceptor, third } = dceLegs([]);
      const snapshot = core(importContextToken(realm.gss.exportSecContext(acceptor)));
      const dce = snapshot.dce;
      if (dce === undefined) throw new Error('expected a pending DCE acceptor');
      const wrongKey = new KeyBlock(dce.sessionKey.enctype, random.bytes(dce.sessionKey.length));

      const imported = realm.gss.importSecContext(
        exportContextToken({ ...snapshot, dce: { ...dce, sessionKey: wrongKey } }),
      );
      const error = catchGssError(() => realm.gss.acceptSecContext(third, { context: imported }));
      expect(error.major).toBe(GSS_S_FAILURE);
      realm.gss.deleteSecContext(initiator);
    });
  });

  describe("a DCE-style acceptor between its legs, from one GSS-API to the other's", () => {
    let sim: SimRealm;

    beforeAll(async () => {
      sim = await createSimRealm({ seed: 'dce export' });
    });

    afterAll(async () => {
      await sim?.close();
    });

    it("MIT's export imports into the sim, which completes it with MIT's third token", () => {
      const { initiator, acceptor, third } = dceLegs([F.replayDetection, F.delegateToPeer]);
      const mitFlags = realm.gss.inquireContext(acceptor).flags;

      const imported = sim.gss.importSecContext(realm.gss.exportSecContext(acceptor));
      const before = sim.gss.inquireContext(imported);
      expect([before.complete, before.locallyInit, before.lifetime]).toEqual([false, false, 0]);
      expect(word(before.flags ?? [])).toBe(word(mitFlags ?? []));
      const last = sim.gss.acceptSecContext(third, { context: imported });
      expect([last.moreSteps, last.token]).toEqual([false, null]);
      expect(decoder.decode(sim.gss.displayName(last.initiatorName).name)).toBe('user@KRBTEST.COM');
      // The last leg returns the context's flags without GSS_C_DELEG_FLAG, as MIT's does.
      expect(word(last.flags)).toBe(word(mitFlags ?? []) & ~F.delegateToPeer);
      const sealed = realm.gss.wrap(initiator, encoder.encode('one'), { confidential: true });
      expect(decoder.decode(sim.gss.unwrap(imported, sealed.message).message)).toBe('one');
      const back = sim.gss.wrap(imported, encoder.encode('two'), { confidential: true });
      expect(unwrapped(initiator, back.message)).toBe('two');
      realm.gss.deleteSecContext(initiator);
    });

    it("the sim's export imports into MIT, which completes it with the sim's third token", () => {
      const flags = [F.dceStyle, F.mutualAuthentication, F.outOfSequenceDetection];
      const target = sim.gss.importName(`host@${sim.hostname}`, {
        nameType: NameType.hostbasedService,
      });
      const first = sim.gss.initSecContext(target, { flags });
      const accepted = sim.gss.acceptSecContext(first.token ?? new Uint8Array(0));
      const second = sim.gss.initSecContext(target, {
        flags,
        context: first.context,
        inputToken: accepted.token ?? new Uint8Array(0),
      });
      const simFlags = sim.gss.inquireContext(accepted.context).flags;

      const imported = realm.gss.importSecContext(sim.gss.exportSecContext(accepted.context));
      const before = realm.gss.inquireContext(imported);
      expect([before.complete, before.locallyInit, before.lifetime]).toEqual([false, false, 0]);
      expect(word(before.flags ?? [])).toBe(word(simFlags ?? []));
      const last = realm.gss.acceptSecContext(second.token ?? new Uint8Array(0), {
        context: imported,
      });
      expect([last.moreSteps, last.token]).toEqual([false, null]);
      const sealed = sim.gss.wrap(second.context, encoder.encode('one'), { confidential: true });
      expect(unwrapped(imported, sealed.message)).toBe('one');
      const back = wrapped(imported, 'two');
      expect(decoder.decode(sim.gss.unwrap(second.context, back).message)).toBe('two');
      realm.gss.deleteSecContext(imported);
    });
  });

  describe('damaged tokens fail in the sim as in MIT', () => {
    /** MIT's outcome for `token`: 'ok' or the error's major and minor status. */
    const mitOutcome = (token: Uint8Array): string => {
      try {
        realm.gss.deleteSecContext(realm.gss.importSecContext(token));
        return 'ok';
      } catch (error) {
        if (!(error instanceof GssError)) throw error;
        return `${error.major}/${error.minor}`;
      }
    };
    const simOutcome = (token: Uint8Array): string => {
      try {
        importContextToken(token);
        return 'ok';
      } catch (error) {
        if (!(error instanceof GssError)) throw error;
        return `${error.major}/${error.minor}`;
      }
    };
    /**
     * The same outcome; a minor MIT's mechglue renumbered (SPNEGO's 0) is compared on its
     * major status only, the renumbering being the GSS layer's.
     */
    const expectSameOutcome = (sim: string, mit: string, label = '') => {
      const [mitMajor, mitMinor] = mit.split('/');
      if (mitMinor !== undefined && mechglueMappedMinor(Number(mitMinor))) {
        expect(sim, label).toBe(`${mitMajor}/0`);
      } else {
        expect(sim, label).toBe(mit);
      }
    };
    /** Where MIT imports what the sim cannot hold (a key of no sim enctype, a DCE acceptor). */
    const simOnly = new Set([KRB5_BAD_ENCTYPE, EINVAL].map((minor) => `${GSS_S_FAILURE}/${minor}`));

    const exported = (acceptorSide: boolean) => {
      const { initiator, acceptor } = establishPair(realm.gss, realm.hostname, {
        flags: [F.mutualAuthentication, F.replayDetection],
      });
      const [kept, other] = acceptorSide ? [acceptor, initiator] : [initiator, acceptor];
      realm.gss.deleteSecContext(other);
      return realm.gss.exportSecContext(kept);
    };

    it('the main cases give MIT major and minor statuses', () => {
      const token = exported(false);
      const cases = [
        new Uint8Array(0),
        Uint8Array.of(1),
        Uint8Array.of(0, 0, 0, 0, 1),
        Uint8Array.of(0, 0, 0, 9, 1),
        Uint8Array.from([0, 0, 0, 3, 0x2a, 3, 4, ...token.subarray(13)]),
        Uint8Array.from([0, 0, 0, 6, 0x2b, 6, 1, 5, 5, 2, ...token.subarray(13)]),
        Uint8Array.from([0, 0, 0, 5, 0x2b, 5, 1, 5, 2, ...token.subarray(13)]),
        Uint8Array.from([...token.subarray(0, 13), 0, 0, 0, 0, ...token.subarray(17)]),
        token.subarray(0, 13),
        token.subarray(0, 17 + 99),
        token.subarray(0, 17 + 100),
        token.subarray(0, token.length - 1),
        Uint8Array.from([...token, 0, 1, 2]),
      ];
      for (const damaged of cases) {
        expectSameOutcome(simOutcome(damaged), mitOutcome(damaged));
      }
    });

    for (const acceptorSide of [false, true]) {
      it(`every truncation and every zeroed word of an ${acceptorSide ? 'acceptor' : 'initiator'} token fail alike`, () => {
        const token = exported(acceptorSide);
        // The sim opens no profile file: a damaged file name MIT cannot open is left out.
        const text = Buffer.from(token).toString('latin1');
        const file = text.indexOf('/tmp/');
        const fileEnd = text.indexOf('krb5.conf', file) + 'krb5.conf'.length;
        const variants: [string, Uint8Array][] = [];
        // Copies: MIT reads past a truncated file name, which must not find the rest of the token.
        for (let length = 0; length < token.length; length++)
          variants.push([`first ${length} octets`, token.slice(0, length)]);
        for (let offset = 0; offset + 4 <= token.length; offset++) {
          if (offset + 4 > file && offset < fileEnd) continue;
          const zeroed = token.slice();
          zeroed.fill(0, offset, offset + 4);
          variants.push([`zeros at ${offset}`, zeroed]);
        }

        const deviations: string[] = [];
        for (const [label, variant] of variants) {
          const mit = mitOutcome(variant);
          const sim = simOutcome(variant);
          if (mit === 'ok' && simOnly.has(sim)) {
            deviations.push(`${label}: ${sim}`);
            continue;
          }
          expectSameOutcome(sim, mit, label);
        }
        // MIT imports a key of enctype 0 and an acceptor that is not established without DCE
        // style (offset 21 being the `established` word); the sim holds neither.
        const unexpected = deviations.filter((line) => !line.endsWith(`/${KRB5_BAD_ENCTYPE}`));
        const established = [21, 22, 23, 24].map(
          (at) => `zeros at ${at}: ${GSS_S_FAILURE}/${EINVAL}`,
        );
        expect(unexpected).toEqual(acceptorSide ? established : []);
      });
    }
  });
});
