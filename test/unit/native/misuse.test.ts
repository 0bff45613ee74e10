/**
 * Misuse of the native backend never crashes the process: dead handles, handles of the wrong
 * kind or in the wrong call, empty and huge buffers, wrong JavaScript types, and 10,000 random
 * and mutated tokens. A caller's mistake is a TypeError (or a RangeError for a number out of
 * range); what reaches MIT comes back as a GssError; nothing else escapes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { ChannelBindings } from '../../../src/spec/channel-bindings.js';
import { GssError } from '../../../src/spec/errors.js';
import { RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { handleKind, type Name, type SecurityContext } from '../../../src/spec/handles.js';
import { MechType, NameType } from '../../../src/spec/oids.js';
import { describeNative } from '../../support/native.js';

const F = RequirementFlag;
const MiB = 1024 * 1024;
const SEED = 20_261_203;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What a misused call may throw: a caller's mistake or a GSS-API status, nothing else. */
const isAllowed = (error: unknown): boolean =>
  error instanceof TypeError || error instanceof RangeError || error instanceof GssError;

/** Calls `fn` and returns what it threw, or `undefined` when it returned. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Expects `fn` to throw a TypeError (a caller's mistake, stopped before C). */
const expectTypeError = (fn: () => unknown): void => {
  expect(thrownBy(fn)).toBeInstanceOf(TypeError);
};

/** Expects `fn` to throw a GssError (MIT's answer). */
const expectGssError = (fn: () => unknown): void => {
  expect(thrownBy(fn)).toBeInstanceOf(GssError);
};

/** Expects `fn` to throw, and only a TypeError, a RangeError or a GssError. */
const expectRejected = (fn: () => unknown): void => {
  const error = thrownBy(fn);
  expect(error, 'expected a throw').toBeDefined();
  expect(isAllowed(error), String(error)).toBe(true);
};

/** A value passed where the types forbid it, as JavaScript callers can. */
const loose = <T>(value: unknown): T => value as T; // deliberately ill-typed: that is the test

describeNative('native misuse', () => {
  let realm: MitRealm;
  let gss: GssApi;
  let target: Name;

  const establish = (flags: number = F.mutualAuthentication) => {
    const first = gss.initSecContext(target, { flags });
    const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(0));
    if (first.moreSteps) {
      gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
    }
    return {
      initiator: first.context,
      acceptor: accepted.context,
      apReq: first.token ?? new Uint8Array(0),
      apRep: accepted.token,
    };
  };

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    target = gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  describe('dead handles', () => {
    it('a released name is a TypeError in every call that takes a name', () => {
      const name = gss.importName('user', { nameType: NameType.user });
      gss.releaseName(name);

      expectTypeError(() => gss.displayName(name));
      expectTypeError(() => gss.compareName(name, target));
      expectTypeError(() => gss.compareName(target, name));
      expectTypeError(() => gss.exportName(name));
      expectTypeError(() => gss.canonicalizeName(name, MechType.kerberos));
      expectTypeError(() => gss.duplicateName(name));
      expectTypeError(() => gss.releaseName(name));
      expectTypeError(() => gss.acquireCred({ name }));
      expectTypeError(() => gss.addCred(null, name, MechType.kerberos));
      expectTypeError(() => gss.initSecContext(name));
      expectTypeError(() => gss.inquireMechsForName(name));
    });

    it('a released credential is a TypeError in every call that takes one', () => {
      const { creds } = gss.acquireCred({ usage: 'both' });
      gss.releaseCred(creds);

      expectTypeError(() => gss.inquireCred(creds));
      expectTypeError(() => gss.inquireCredByMech(creds, MechType.kerberos));
      expectTypeError(() => gss.addCred(creds, target, MechType.kerberos));
      expectTypeError(() => gss.initSecContext(target, { creds }));
      expectTypeError(() => gss.acceptSecContext(bytes('x'), { acceptorCreds: creds }));
      expectTypeError(() => gss.releaseCred(creds));
    });

    it('a deleted context is a TypeError in every call that takes one', () => {
      const { initiator, apReq } = establish();
      gss.deleteSecContext(initiator);

      expectTypeError(() => gss.inquireContext(initiator));
      expectTypeError(() => gss.contextTime(initiator));
      expectTypeError(() => gss.wrap(initiator, bytes('x')));
      expectTypeError(() => gss.unwrap(initiator, bytes('x')));
      expectTypeError(() => gss.getMic(initiator, bytes('x')));
      expectTypeError(() => gss.verifyMic(initiator, bytes('x'), bytes('y')));
      expectTypeError(() => gss.wrapSizeLimit(initiator, 100));
      expectTypeError(() => gss.processContextToken(initiator, bytes('x')));
      expectTypeError(() => gss.exportSecContext(initiator));
      expectTypeError(() => gss.initSecContext(target, { context: initiator }));
      expectTypeError(() => gss.acceptSecContext(apReq, { context: initiator }));
      expectTypeError(() => gss.deleteSecContext(initiator));
    });

    it('an exported context is dead as well, on both sides', () => {
      const { initiator, acceptor } = establish();
      gss.exportSecContext(initiator);
      gss.exportSecContext(acceptor);

      for (const context of [initiator, acceptor]) {
        expectTypeError(() => gss.wrap(context, bytes('x')));
        expectTypeError(() => gss.inquireContext(context));
        expectTypeError(() => gss.exportSecContext(context));
        expectTypeError(() => gss.deleteSecContext(context));
      }
    });

    it('a partially established context that was exported is dead too', () => {
      const first = gss.initSecContext(target, { flags: F.mutualAuthentication });
      gss.exportSecContext(first.context);

      expectTypeError(() => gss.initSecContext(target, { context: first.context }));
      expectTypeError(() => gss.inquireContext(first.context));
    });
  });

  describe('handles of the wrong kind or in the wrong call', () => {
    it('a name, credential or context given as another kind is a TypeError', () => {
      const { creds } = gss.acquireCred({ usage: 'initiate' });
      const { initiator } = establish();

      expectTypeError(() => gss.displayName(loose(creds)));
      expectTypeError(() => gss.displayName(loose(initiator)));
      expectTypeError(() => gss.inquireCred(loose(target)));
      expectTypeError(() => gss.inquireCred(loose(initiator)));
      expectTypeError(() => gss.wrap(loose(target), bytes('x')));
      expectTypeError(() => gss.wrap(loose(creds), bytes('x')));
      expectTypeError(() => gss.initSecContext(loose(creds)));
      expectTypeError(() => gss.initSecContext(target, { creds: loose(target) }));
      expectTypeError(() => gss.initSecContext(target, { context: loose(creds) }));
      expectTypeError(() => gss.acceptSecContext(bytes('x'), { acceptorCreds: loose(initiator) }));
      expectTypeError(() => gss.releaseName(loose(creds)));
      expectTypeError(() => gss.releaseCred(loose(target)));
      expectTypeError(() => gss.deleteSecContext(loose(target)));
    });

    it('an initiator context given to acceptSecContext is refused and stays usable', () => {
      const { initiator, acceptor } = establish();
      const token = gss.initSecContext(target, { flags: F.mutualAuthentication }).token;

      expectGssError(() => gss.acceptSecContext(token ?? bytes('x'), { context: initiator }));
      expect(gss.unwrap(acceptor, gss.wrap(initiator, bytes('still')).message).message).toEqual(
        bytes('still'),
      );
    });

    it('a half-made initiator context given to acceptSecContext is refused', () => {
      const half = gss.initSecContext(target, { flags: F.mutualAuthentication });
      const token = gss.initSecContext(target, { flags: F.mutualAuthentication }).token;

      expectGssError(() => gss.acceptSecContext(token ?? bytes('x'), { context: half.context }));
      expect(gss.inquireContext(half.context).complete).toBe(false);
    });

    it('an acceptor context given to initSecContext is refused, with or without a token', () => {
      const { acceptor, apRep } = establish();

      expectGssError(() => gss.initSecContext(target, { context: acceptor, inputToken: apRep }));
      expectGssError(() => gss.initSecContext(target, { context: acceptor }));
    });

    it('an established initiator context given its AP-REP again is refused', () => {
      const { initiator, apRep } = establish();

      expectGssError(() => gss.initSecContext(target, { context: initiator, inputToken: apRep }));
    });
  });

  describe('empty and huge buffers', () => {
    it('empty tokens are GssErrors, or an answer, never a crash', () => {
      const { initiator, acceptor } = establish();
      const empty = new Uint8Array(0);

      expectGssError(() => gss.unwrap(acceptor, empty));
      expectGssError(() => gss.verifyMic(acceptor, bytes('m'), empty));
      expectGssError(() => gss.processContextToken(acceptor, empty));
      expectGssError(() => gss.importSecContext(empty));
      expectGssError(() => gss.importName(empty, { nameType: NameType.export }));
      expectGssError(() => gss.importName(''));
      expectGssError(() => gss.initSecContext(target, { context: initiator, inputToken: empty }));
      // MIT hands an empty first token to SPNEGO, which answers with a NegTokenInit.
      const answered = thrownBy(() => gss.acceptSecContext(empty));
      expect(answered === undefined || isAllowed(answered)).toBe(true);
    });

    it('empty messages wrap, unwrap and sign', () => {
      const { initiator, acceptor } = establish();
      const empty = new Uint8Array(0);

      expect(gss.unwrap(acceptor, gss.wrap(initiator, empty).message).message).toHaveLength(0);
      expect(gss.verifyMic(acceptor, empty, gss.getMic(initiator, empty))).toBe(0);
    });

    it('a 64 MiB message wraps and unwraps whole', () => {
      const { initiator, acceptor } = establish(0);
      const message = new Uint8Array(64 * MiB);
      message[message.length - 1] = 0x5a;

      const wrapped = gss.wrap(initiator, message);
      const unwrapped = gss.unwrap(acceptor, wrapped.message);

      expect(unwrapped.message).toHaveLength(message.length);
      expect(unwrapped.message[message.length - 1]).toBe(0x5a);
    }, 30_000);

    it('64 MiB of garbage is refused by unwrap, verifyMic and acceptSecContext', () => {
      const { acceptor } = establish(0);
      const garbage = new Uint8Array(64 * MiB).fill(0xa5);
      const headed = new Uint8Array(64 * MiB);
      headed.set([0x05, 0x04, 0x06, 0xff, 0, 0, 0, 0]);

      expectGssError(() => gss.unwrap(acceptor, garbage));
      expectGssError(() => gss.unwrap(acceptor, headed));
      expectGssError(() => gss.verifyMic(acceptor, garbage, garbage.subarray(0, MiB)));
      expectGssError(() => gss.acceptSecContext(garbage));
    }, 30_000);
  });

  describe('wrong JavaScript types', () => {
    it('strings, arrays, numbers and buffers that are not Uint8Array are TypeErrors for bytes', () => {
      const { initiator, acceptor } = establish();
      const notBytes = ['token', [1, 2, 3], 42, null, undefined, {}, new ArrayBuffer(4)];

      for (const value of notBytes) {
        expectTypeError(() => gss.acceptSecContext(loose(value)));
        expectTypeError(() => gss.unwrap(acceptor, loose(value)));
        expectTypeError(() => gss.wrap(initiator, loose(value)));
        expectTypeError(() => gss.getMic(initiator, loose(value)));
        expectTypeError(() => gss.verifyMic(acceptor, loose(value), bytes('t')));
        expectTypeError(() => gss.verifyMic(acceptor, bytes('m'), loose(value)));
        expectTypeError(() => gss.importSecContext(loose(value)));
        expectTypeError(() => gss.processContextToken(acceptor, loose(value)));
      }
      expectTypeError(() => gss.importName(loose(42)));
      expectTypeError(() => gss.importName(loose([0x61])));
      expectTypeError(() => gss.initSecContext(target, { inputToken: loose('token') }));
    });

    it('numbers, bigints, strings and null given as handles are TypeErrors', () => {
      for (const value of [0, 1, 0x7fff_0000, 123n, 'context', null, undefined, true]) {
        expectTypeError(() => gss.displayName(loose(value)));
        expectTypeError(() => gss.inquireCred(loose(value)));
        expectTypeError(() => gss.inquireContext(loose(value)));
        expectTypeError(() => gss.wrap(loose(value), bytes('x')));
        expectTypeError(() => gss.deleteSecContext(loose(value)));
        expectTypeError(() => gss.releaseName(loose(value)));
        expectTypeError(() => gss.releaseCred(loose(value)));
        expectTypeError(() => gss.initSecContext(loose(value)));
      }
      for (const value of [1, 5n, 'creds', {}]) {
        expectTypeError(() => gss.initSecContext(target, { creds: loose(value) }));
        expectTypeError(() => gss.initSecContext(target, { context: loose(value) }));
        expectTypeError(() => gss.acceptSecContext(bytes('x'), { context: loose(value) }));
      }
    });

    it('plain objects shaped like handles are TypeErrors, even with the brand', () => {
      const forged = (kind: string): unknown => ({ backend: 'mit', [handleKind]: kind });
      const foreign = { backend: 'sim', [handleKind]: 'context' };
      const copied = { ...loose<object>(target) };

      expectTypeError(() => gss.displayName(loose(forged('name'))));
      expectTypeError(() => gss.displayName(loose(copied)));
      expectTypeError(() => gss.inquireCred(loose(forged('creds'))));
      expectTypeError(() => gss.wrap(loose(forged('context')), bytes('x')));
      expectTypeError(() => gss.wrap(loose(foreign), bytes('x')));
      expectTypeError(() => gss.deleteSecContext(loose<SecurityContext>(forged('context'))));
      expectTypeError(() => gss.releaseName(loose(Object.create(loose<object>(target)))));
    });

    it('options of the wrong type or range are TypeErrors or RangeErrors', () => {
      const { initiator } = establish();

      expectTypeError(() => gss.importName('user', { nameType: loose('1.2.3') }));
      expectTypeError(() => gss.canonicalizeName(target, loose('krb5')));
      expectTypeError(() => gss.initSecContext(target, { mech: loose('krb5') }));
      expectTypeError(() => gss.initSecContext(target, { channelBindings: loose({}) }));
      expectTypeError(() => gss.acceptSecContext(bytes('x'), { channelBindings: loose('cb') }));
      expectTypeError(() => gss.wrap(initiator, bytes('x'), { confidential: loose('yes') }));
      expectRejected(() => gss.initSecContext(target, { flags: loose('mutual') }));
      expectRejected(() => gss.initSecContext(target, { lifetime: -1 }));
      expectRejected(() => gss.initSecContext(target, { lifetime: 2 ** 32 }));
      expectRejected(() => gss.initSecContext(target, { lifetime: loose('forever') }));
      expectRejected(() => gss.acquireCred({ usage: loose('sideways') }));
      expectRejected(() => gss.acquireCred({ mechs: loose([1, 2]) }));
      expectRejected(() => gss.acquireCred({ lifetime: 1.5 }));
      expectRejected(() => gss.wrap(initiator, bytes('x'), { qop: -1 }));
      expectRejected(() => gss.getMic(initiator, bytes('x'), { qop: 2 ** 32 }));
      expectRejected(() => gss.wrapSizeLimit(initiator, -1));
      expectRejected(() => gss.wrapSizeLimit(initiator, loose('100')));
      expectRejected(() => gss.wrapSizeLimit(initiator, Number.NaN));
      expectRejected(() => gss.displayStatus(loose('x'), true));
      expectRejected(() => gss.displayStatus(-1, true));
      expect(() => new ChannelBindings({ applicationData: loose('data') })).toThrow(TypeError);
    });
  });

  describe('random and mutated tokens', () => {
    /** Each run calls `check` with a token; it may return or throw a GssError, nothing else. */
    const survives = (
      tokens: fc.Arbitrary<Uint8Array>,
      runs: number,
      check: (t: Uint8Array) => unknown,
    ) => {
      const outcomes = { returned: 0, gssError: 0 };
      fc.assert(
        fc.property(tokens, (token) => {
          const error = thrownBy(() => check(token));
          if (error === undefined) outcomes.returned++;
          else if (error instanceof GssError) outcomes.gssError++;
          else throw error;
        }),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
      return outcomes;
    };

    /** Mutations of real tokens: bit flips, truncation, extension, splices and random bytes. */
    const mutations = (bases: readonly Uint8Array[], prefix: Uint8Array) => {
      const base = fc.constantFrom(...bases);
      const flip = fc
        .tuple(
          base,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
            minLength: 1,
            maxLength: 4,
          }),
        )
        .map(([token, flips]) => {
          const copy = Uint8Array.from(token);
          for (const [at, bit] of flips) {
            const index = at % copy.length;
            copy[index] = (copy[index] ?? 0) ^ (1 << bit);
          }
          return copy;
        });
      const truncate = fc
        .tuple(base, fc.nat())
        .map(([token, at]) => token.slice(0, at % token.length));
      const extend = fc
        .tuple(base, fc.uint8Array({ minLength: 1, maxLength: 64 }))
        .map(([token, tail]) => Uint8Array.from([...token, ...tail]));
      const splice = fc
        .tuple(base, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
        .map(([token, at, bytesIn]) => {
          const copy = Uint8Array.from(token);
          copy.set(
            bytesIn.subarray(0, Math.max(0, copy.length - (at % copy.length))),
            at % copy.length,
          );
          return copy;
        });
      const random = fc.uint8Array({ maxLength: 2048 });
      const framed = fc
        .uint8Array({ maxLength: 512 })
        .map((tail) => Uint8Array.from([...prefix, ...tail]));
      return fc.oneof(flip, flip, truncate, extend, splice, random, framed);
    };

    const ACCEPT_RUNS = 3_000;
    const UNWRAP_RUNS = 4_000;
    const VERIFY_RUNS = 3_000;

    it('acceptSecContext answers 3,000 mutated AP-REQs with GssErrors or contexts', () => {
      const apReqs = [establish(0).apReq, establish(F.mutualAuthentication).apReq];
      const prefix = apReqs[0]?.subarray(0, 15) ?? new Uint8Array(0);

      const outcomes = survives(mutations(apReqs, prefix), ACCEPT_RUNS, (token) => {
        const accepted = gss.acceptSecContext(token);
        gss.deleteSecContext(accepted.context);
      });

      expect(outcomes.returned + outcomes.gssError).toBe(ACCEPT_RUNS);
      expect(outcomes.gssError).toBeGreaterThan(ACCEPT_RUNS / 2);
    }, 60_000);

    it('unwrap answers 4,000 mutated Wrap tokens with GssErrors or messages', () => {
      const { initiator, acceptor } = establish(F.mutualAuthentication);
      const tokens = [
        gss.wrap(initiator, bytes('a sealed message')).message,
        gss.wrap(initiator, bytes('an integrity-only message'), { confidential: false }).message,
        gss.wrap(initiator, new Uint8Array(300).fill(7)).message,
      ];

      const outcomes = survives(
        mutations(tokens, tokens[0]?.subarray(0, 16) ?? new Uint8Array(0)),
        UNWRAP_RUNS,
        (token) => gss.unwrap(acceptor, token),
      );

      expect(outcomes.returned + outcomes.gssError).toBe(UNWRAP_RUNS);
      expect(outcomes.gssError).toBeGreaterThan(UNWRAP_RUNS / 2);
    }, 60_000);

    it('verifyMic answers 3,000 mutated MIC tokens with GssErrors or a QOP', () => {
      const { initiator, acceptor } = establish(F.mutualAuthentication);
      const message = bytes('the signed message');
      const tokens = [gss.getMic(initiator, message), gss.getMic(acceptor, message)];

      const outcomes = survives(
        mutations(tokens, tokens[0]?.subarray(0, 16) ?? new Uint8Array(0)),
        VERIFY_RUNS,
        (token) => gss.verifyMic(acceptor, message, token),
      );

      expect(outcomes.returned + outcomes.gssError).toBe(VERIFY_RUNS);
      expect(outcomes.gssError).toBeGreaterThan(VERIFY_RUNS / 2);
    }, 60_000);

    it('the contexts still work after the storm', () => {
      const { initiator, acceptor } = establish();

      expect(gss.unwrap(acceptor, gss.wrap(initiator, bytes('alive')).message).message).toEqual(
        bytes('alive'),
      );
    });
  });
});
