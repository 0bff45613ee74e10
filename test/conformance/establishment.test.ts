/**
 * Context establishment (RFC 2743 §2.2, RFC 4121 §4.1): legs with and without mutual
 * authentication, the flags granted for each flag asked for, the RFC 2743 §3.1 framing of the
 * tokens, inquireContext and contextTime on both sides, export and import, deletion.
 * Every flag word below is what MIT krb5 1.20.1 (Debian 12) returned.
 */
import { expect } from 'vitest';
import type { RequirementFlagSet } from '../../src/spec/flags.js';
import { RequirementFlag } from '../../src/spec/flags.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import { describeConformance } from './backends.js';
import {
  bytes,
  displayed,
  establish,
  expectGssError,
  expectTypeError,
  frame,
  hostTarget,
  text,
} from './flows.js';

const F = RequirementFlag;

/** The services MIT's krb5 grants a context whatever was asked: conf, integ, trans. */
const ALWAYS = [F.confidentiality, F.integrity, F.transferable] as const;

/** The krb5 OID's DER with its `06` tag (RFC 2743 §3.1 thisMech). */
const KRB5_OID_DER = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

/** A lifetime of a context on the realm's one-day TGT, allowing for the test run. */
const DAY = 86_400;

/** RFC 4120 §5.5.1/§5.5.2 and RFC 4121 §4.1: the TOK_ID and first DER tag of each token. */
const AP_REQ = { tokId: [0x01, 0x00], tag: 0x6e };
const AP_REP = { tokId: [0x02, 0x00], tag: 0x6f };

const flagsOf = (set: RequirementFlagSet | null): number[] => (set === null ? [] : [...set]);
const sorted = (flags: readonly number[]): number[] => [...flags].sort((a, b) => a - b);

/** One flag asked for alone, and the flags each side ends with. */
interface FlagCase {
  readonly label: string;
  readonly asked: number;
  readonly initiator: readonly number[];
  readonly acceptor: readonly number[];
  readonly legs: number;
}

/** Flags that, asked for alone, change nothing: MIT grants only what it always grants. */
const GRANTED_AS_NOTHING = [
  'confidentiality',
  'integrity',
  'anonymity',
  'protectionReady',
  'transferable',
  'channelBound',
  'okAsDelegate',
] as const;

const FLAG_CASES: readonly FlagCase[] = [
  { label: 'no flag', asked: 0, initiator: ALWAYS, acceptor: ALWAYS, legs: 1 },
  {
    label: 'mutualAuthentication',
    asked: F.mutualAuthentication,
    initiator: [F.mutualAuthentication, ...ALWAYS],
    acceptor: [F.mutualAuthentication, F.protectionReady, ...ALWAYS],
    legs: 2,
  },
  {
    label: 'replayDetection',
    asked: F.replayDetection,
    initiator: [F.replayDetection, ...ALWAYS],
    acceptor: [F.replayDetection, ...ALWAYS],
    legs: 1,
  },
  {
    label: 'outOfSequenceDetection',
    asked: F.outOfSequenceDetection,
    initiator: [F.outOfSequenceDetection, ...ALWAYS],
    acceptor: [F.outOfSequenceDetection, ...ALWAYS],
    legs: 1,
  },
  ...GRANTED_AS_NOTHING.map((label) => ({
    label,
    asked: F[label],
    initiator: ALWAYS,
    acceptor: ALWAYS,
    legs: 1,
  })),
  {
    label: 'identify',
    asked: F.identify,
    initiator: [F.identify, ...ALWAYS],
    acceptor: [F.identify, ...ALWAYS],
    legs: 1,
  },
  {
    label: 'extendedError',
    asked: F.extendedError,
    initiator: [F.extendedError, ...ALWAYS],
    acceptor: [F.extendedError, ...ALWAYS],
    legs: 1,
  },
  {
    label: 'dceStyle',
    asked: F.dceStyle,
    initiator: [F.mutualAuthentication, F.dceStyle, ...ALWAYS],
    acceptor: [F.mutualAuthentication, F.dceStyle, ...ALWAYS],
    legs: 3,
  },
];

describeConformance('establishment', ({ realm, test }) => {
  test('without mutual authentication one token suffices and the acceptor is done at once', () => {
    const { initSteps, acceptSteps, tokens } = establish(realm(), { flags: 0 });

    expect(tokens).toHaveLength(1);
    expect(initSteps.map((step) => step.moreSteps)).toEqual([false]);
    expect(acceptSteps.map((step) => step.moreSteps)).toEqual([false]);
    expect(acceptSteps[0]?.token).toBeNull();
  });

  test('with mutual authentication the acceptor answers and the initiator finishes silently', () => {
    const { initSteps, acceptSteps, tokens } = establish(realm(), {
      flags: F.mutualAuthentication,
    });

    expect(tokens).toHaveLength(2);
    expect(initSteps.map((step) => step.moreSteps)).toEqual([true, false]);
    expect(acceptSteps.map((step) => step.moreSteps)).toEqual([false]);
    expect(initSteps[1]?.token).toBeNull();
  });

  test('the default flags are mutual and sequence, and the acceptor adds protection-ready', () => {
    const { initSteps, acceptSteps } = establish(realm(), { flags: null });
    const base = [F.mutualAuthentication, F.outOfSequenceDetection, ...ALWAYS];

    expect(sorted(flagsOf(initSteps.at(-1)?.flags ?? null))).toEqual(sorted(base));
    expect(sorted(flagsOf(acceptSteps.at(-1)?.flags ?? null))).toEqual(
      sorted([...base, F.protectionReady]),
    );
  });

  test('the first step with default flags: krb5, the flags to come, a token, the ticket life', () => {
    const first = realm().gss.initSecContext(hostTarget(realm()));

    expect(first.mech.equals(MechType.kerberos)).toBe(true);
    expect(sorted(flagsOf(first.flags))).toEqual(
      sorted([F.mutualAuthentication, F.outOfSequenceDetection, ...ALWAYS]),
    );
    expect(first.token?.length).toBeGreaterThan(0);
    expect(first.lifetime).toBeGreaterThan(DAY - 600);
    expect(first.moreSteps).toBe(true);
  });

  for (const named of [false, true]) {
    test(`the acceptor's step ${named ? 'with a host-based accept credential' : 'with no credential'} answers and is done`, () => {
      const { gss } = realm();
      const service = gss.importName('host@localhost', { nameType: NameType.hostbasedService });
      const acceptorCreds = named
        ? gss.acquireCred({ name: service, usage: 'accept' }).creds
        : null;
      const first = gss.initSecContext(hostTarget(realm()));
      const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0), { acceptorCreds });

      expect(displayed(realm(), accepted.initiatorName)).toBe(realm().userPrincipal);
      expect(accepted.mech.equals(MechType.kerberos)).toBe(true);
      expect(accepted.token?.length).toBeGreaterThan(0);
      expect(sorted(flagsOf(accepted.flags))).toEqual(
        sorted([F.mutualAuthentication, F.outOfSequenceDetection, F.protectionReady, ...ALWAYS]),
      );
      expect((accepted.lifetime ?? 0) - (first.lifetime ?? 0)).toBeGreaterThanOrEqual(299);
      expect(accepted.moreSteps).toBe(false);
      expect(accepted.delegatedCreds).toBeNull();
      const last = gss.initSecContext(hostTarget(realm()), {
        context: first.context,
        inputToken: accepted.token,
      });
      expect(gss.contextTime(last.context)).toBeGreaterThan(0);
    });
  }

  for (const flagCase of FLAG_CASES) {
    test(`asking for ${flagCase.label} alone takes ${flagCase.legs} token(s) and grants MIT's flags`, () => {
      const { initSteps, acceptSteps, tokens } = establish(realm(), { flags: flagCase.asked });

      expect(tokens).toHaveLength(flagCase.legs);
      expect(sorted(flagsOf(initSteps.at(-1)?.flags ?? null))).toEqual(sorted(flagCase.initiator));
      expect(sorted(flagsOf(acceptSteps.at(-1)?.flags ?? null))).toEqual(sorted(flagCase.acceptor));
    });
  }

  test('the first token is framed 0x60, DER length, the krb5 OID, then an AP-REQ', () => {
    const { tokens } = establish(realm(), { flags: F.mutualAuthentication });
    const token = tokens[0] ?? new Uint8Array(0);
    const { oid, inner, total } = frame(token);

    expect(token[0]).toBe(0x60);
    expect(total).toBe(oid.length + inner.length);
    expect([...oid]).toEqual(KRB5_OID_DER);
    expect([...inner.subarray(0, 2)]).toEqual(AP_REQ.tokId);
    expect(inner[2]).toBe(AP_REQ.tag);
  });

  test("the acceptor's answer is framed the same way around an AP-REP", () => {
    const { tokens } = establish(realm(), { flags: F.mutualAuthentication });
    const token = tokens[1] ?? new Uint8Array(0);
    const { oid, inner, total } = frame(token);

    expect(token[0]).toBe(0x60);
    expect(total).toBe(oid.length + inner.length);
    expect([...oid]).toEqual(KRB5_OID_DER);
    expect([...inner.subarray(0, 2)]).toEqual(AP_REP.tokId);
    expect(inner[2]).toBe(AP_REP.tag);
  });

  test('the acceptor learns the initiator as a krb5 principal name', () => {
    const { acceptSteps } = establish(realm());
    const accepted = acceptSteps.at(-1);

    expect(displayed(realm(), accepted?.initiatorName ?? null)).toBe(realm().userPrincipal);
    expect(accepted?.mech.equals(MechType.kerberos)).toBe(true);
    expect(accepted?.delegatedCreds).toBeNull();
  });

  test('inquireContext on the initiator names both parties and says it initiated', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: F.mutualAuthentication });
    const inquired = gss.inquireContext(initiator);

    expect(displayed(realm(), inquired.initiatorName)).toBe('user@KRBTEST.COM');
    expect(displayed(realm(), inquired.targetName)).toBe('host/localhost@KRBTEST.COM');
    expect(inquired.mech?.equals(MechType.kerberos)).toBe(true);
    expect(sorted(flagsOf(inquired.flags))).toEqual(sorted([F.mutualAuthentication, ...ALWAYS]));
    expect(inquired.locallyInit).toBe(true);
    expect(inquired.complete).toBe(true);
    expect(inquired.lifetime).toBeLessThanOrEqual(DAY);
    expect(inquired.lifetime).toBeGreaterThan(DAY - 600);
  });

  test('inquireContext on the acceptor says it did not initiate, and adds the clock skew', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });
    const initiated = gss.inquireContext(initiator);
    const accepted = gss.inquireContext(acceptor);

    expect(displayed(realm(), accepted.initiatorName)).toBe('user@KRBTEST.COM');
    expect(displayed(realm(), accepted.targetName)).toBe('host/localhost@KRBTEST.COM');
    expect(accepted.locallyInit).toBe(false);
    expect(accepted.complete).toBe(true);
    expect(sorted(flagsOf(accepted.flags))).toEqual(
      sorted([F.mutualAuthentication, F.protectionReady, ...ALWAYS]),
    );
    // MIT's acceptor lets the context live as long as the ticket plus the 300 s clock skew.
    expect((accepted.lifetime ?? 0) - (initiated.lifetime ?? 0)).toBeGreaterThanOrEqual(299);
    expect((accepted.lifetime ?? 0) - (initiated.lifetime ?? 0)).toBeLessThanOrEqual(301);
  });

  test('a context waiting for the AP-REP is incomplete and names no one yet', () => {
    const { gss } = realm();
    const first = gss.initSecContext(hostTarget(realm()), { flags: F.mutualAuthentication });
    const inquired = gss.inquireContext(first.context);

    expect(inquired.complete).toBe(false);
    expect(inquired.locallyInit).toBe(true);
    expect(inquired.initiatorName).toBeNull();
    expect(inquired.targetName).toBeNull();
    expect(inquired.lifetime).toBe(0);
    expect(inquired.mech?.equals(MechType.kerberos)).toBe(true);
  });

  test('contextTime gives each side its remaining seconds', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm());
    const initiatorTime = gss.contextTime(initiator);
    const acceptorTime = gss.contextTime(acceptor);

    expect(initiatorTime).toBeLessThanOrEqual(DAY);
    expect(initiatorTime).toBeGreaterThan(DAY - 600);
    expect(acceptorTime - initiatorTime).toBeGreaterThanOrEqual(299);
    expect(acceptorTime - initiatorTime).toBeLessThanOrEqual(301);
  });

  test('contextTime on an incomplete context is a missing context', () => {
    const { gss } = realm();
    const first = gss.initSecContext(hostTarget(realm()), { flags: F.mutualAuthentication });

    expectGssError(() => gss.contextTime(first.context), {
      name: 'MissingContextError',
      major: 0x80000,
      minor: 39756039,
      minorMessages: ['Attempt to use incomplete security context'],
    });
  });

  test('an exported initiator context imports and goes on wrapping in both directions', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });
    const before = gss.wrap(initiator, bytes('before export'));
    expect(text(gss.unwrap(acceptor, before.message).message)).toBe('before export');
    const imported = gss.importSecContext(gss.exportSecContext(initiator));

    const toAcceptor = gss.wrap(imported, bytes('after import'));
    const toInitiator = gss.wrap(acceptor, bytes('reply'));

    expect(text(gss.unwrap(acceptor, toAcceptor.message).message)).toBe('after import');
    expect(text(gss.unwrap(imported, toInitiator.message).message)).toBe('reply');
    expect(gss.inquireContext(imported).locallyInit).toBe(true);
  });

  test('an exported acceptor context imports and goes on unwrapping', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });
    const imported = gss.importSecContext(gss.exportSecContext(acceptor));

    const message = gss.wrap(initiator, bytes('to the new process'));

    expect(text(gss.unwrap(imported, message.message).message)).toBe('to the new process');
    expect(gss.inquireContext(imported).locallyInit).toBe(false);
  });

  test('a context waiting for the AP-REP exports, and its import completes with the AP-REP', () => {
    const { gss } = realm();
    const target = hostTarget(realm());
    const first = gss.initSecContext(target, { flags: F.mutualAuthentication });
    const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0));
    const imported = gss.importSecContext(gss.exportSecContext(first.context));

    const last = gss.initSecContext(target, { context: imported, inputToken: accepted.token });

    expect(last.moreSteps).toBe(false);
    expect(
      text(gss.unwrap(accepted.context, gss.wrap(imported, bytes('late')).message).message),
    ).toBe('late');
  });

  test('an exported context handle is dead: any use is a TypeError', () => {
    const { gss } = realm();
    const { initiator } = establish(realm());
    gss.exportSecContext(initiator);

    expectTypeError(() => gss.wrap(initiator, bytes('x')));
    expectTypeError(() => gss.inquireContext(initiator));
    expectTypeError(() => gss.exportSecContext(initiator));
    expectTypeError(() => gss.deleteSecContext(initiator));
  });

  test('deleting a context gives an empty token, locally or not, and kills the handle', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm());

    expect([...gss.deleteSecContext(initiator, { localOnly: false })]).toEqual([]);
    expect([...gss.deleteSecContext(acceptor)]).toEqual([]);
    expectTypeError(() => gss.contextTime(initiator));
    expectTypeError(() => gss.getMic(acceptor, bytes('x')));
    expectTypeError(() => gss.deleteSecContext(initiator));
  });
});
