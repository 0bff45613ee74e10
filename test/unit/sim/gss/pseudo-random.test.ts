/**
 * The sim's `rfc4401` extension (`pseudoRandom`, RFC 4402 PRF+ over the context key) between
 * two sim ends. Every code and text was measured on MIT krb5 1.20.1 (Debian 12);
 * `pseudo-random-mit.test.ts` compares the octets with MIT's for the same context.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { PrfKey } from '../../../../src/spec/api/ext-rfc4401.js';
import { GssError } from '../../../../src/spec/errors.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { SecurityContext } from '../../../../src/spec/handles.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import { GSS_S_FAILURE, GSS_S_NO_CONTEXT } from '../../../../src/spec/status.js';

const F = RequirementFlag;
const realm = buildSimRealm({ seed: 'pseudo-random', now: Date.UTC(2024, 0, 1) });
const { gss } = realm;
const ABC = new TextEncoder().encode('abc');

/** Both ends of a context; with mutual authentication the acceptor sends a subkey. */
function pair(mutual: boolean) {
  const target = gss.importName(`host@${realm.hostname}`, {
    nameType: NameType.hostbasedService,
  });
  const flags = mutual ? [F.mutualAuthentication] : [F.integrity];
  const first = gss.initSecContext(target, { mech: MechType.kerberos, flags });
  if (first.token === null) throw new Error('expected an AP-REQ');
  const accepted = gss.acceptSecContext(first.token);
  if (mutual && accepted.token !== null) {
    gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
  }
  return { initiator: first.context, acceptor: accepted.context, first };
}

/** The error `run` throws, as class, major, minor, texts and operation. */
function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof GssError)) throw error;
    return [error.name, error.major, error.minor, error.minorMessages, error.operation];
  }
  throw new Error('expected a GssError, got none');
}

describe('pseudoRandom on the sim', () => {
  it('declares rfc4401', () => {
    expect(gss.has('rfc4401')).toBe(true);
  });

  it('gives both ends of a context the same octets, for either key', () => {
    for (const mutual of [true, false]) {
      const { initiator, acceptor } = pair(mutual);
      for (const key of [PrfKey.full, PrfKey.partial]) {
        const ours = gss.pseudoRandom(initiator, key, ABC, 100);
        expect(ours).toHaveLength(100);
        expect(gss.pseudoRandom(acceptor, key, ABC, 100)).toEqual(ours);
      }
    }
  });

  it('uses the acceptor subkey for the full key when there is one, else the initiator subkey', () => {
    const withSubkey = pair(true).initiator;
    const without = pair(false).initiator;
    const prf = (context: SecurityContext, key: number) => gss.pseudoRandom(context, key, ABC, 32);

    expect(prf(withSubkey, PrfKey.full)).not.toEqual(prf(withSubkey, PrfKey.partial));
    expect(prf(without, PrfKey.full)).toEqual(prf(without, PrfKey.partial));
  });

  it('gives no octets for length 0, and different octets for different inputs', () => {
    const { initiator } = pair(true);

    expect(gss.pseudoRandom(initiator, PrfKey.full, ABC, 0)).toEqual(new Uint8Array(0));
    expect(gss.pseudoRandom(initiator, PrfKey.full, ABC, 16)).not.toEqual(
      gss.pseudoRandom(initiator, PrfKey.full, new Uint8Array(0), 16),
    );
  });

  it('gives a shorter output as a prefix of a longer one (PRF+ is a stream)', () => {
    const { initiator } = pair(true);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (input, a, b) => {
          const [short, long] = a < b ? [a, b] : [b, a];
          const longer = gss.pseudoRandom(initiator, PrfKey.partial, input, long);
          expect(gss.pseudoRandom(initiator, PrfKey.partial, input, short)).toEqual(
            longer.subarray(0, short),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps working on an expired context, as MIT does', () => {
    const clockRealm = buildSimRealm({ seed: 'expired prf', now: Date.UTC(2024, 0, 1) });
    const target = clockRealm.gss.importName(`host@${clockRealm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = clockRealm.gss.initSecContext(target, { flags: [F.integrity] });
    const before = clockRealm.gss.pseudoRandom(first.context, PrfKey.full, ABC, 20);
    clockRealm.clock.advance(3 * 86_400);

    expect(failure(() => clockRealm.gss.contextTime(first.context))[0]).toBe('ExpiredContextError');
    expect(clockRealm.gss.pseudoRandom(first.context, PrfKey.full, ABC, 20)).toEqual(before);
  });

  it('refuses an incomplete context with NO_CONTEXT and KG_CTX_INCOMPLETE, whatever the key', () => {
    const target = gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const waiting = gss.initSecContext(target, { flags: [F.mutualAuthentication] }).context;
    const incomplete = [
      'MissingContextError',
      GSS_S_NO_CONTEXT,
      39_756_039,
      ['Attempt to use incomplete security context'],
      'pseudoRandom',
    ];

    expect(failure(() => gss.pseudoRandom(waiting, PrfKey.full, ABC, 16))).toEqual(incomplete);
    expect(failure(() => gss.pseudoRandom(waiting, 7, ABC, 0))).toEqual(incomplete);
  });

  it('refuses another prf_key with FAILURE and EINVAL, even for length 0', () => {
    const { initiator } = pair(true);
    const invalid = ['GssError', GSS_S_FAILURE, 22, ['Invalid argument'], 'pseudoRandom'];

    for (const key of [2, -1, 7]) {
      expect(failure(() => gss.pseudoRandom(initiator, key, ABC, 16))).toEqual(invalid);
    }
    expect(failure(() => gss.pseudoRandom(initiator, 5, ABC, 0))).toEqual(invalid);
  });

  it('answers a length it cannot allocate with FAILURE and KG_INPUT_TOO_LONG', () => {
    const { initiator } = pair(true);

    expect(
      failure(() => gss.pseudoRandom(initiator, PrfKey.full, ABC, Number.MAX_SAFE_INTEGER)),
    ).toEqual(['GssError', GSS_S_FAILURE, 39_756_047, ['PRF input too long'], 'pseudoRandom']);
  });

  it("takes a caller's mistake for a TypeError or RangeError", () => {
    const { initiator } = pair(true);

    expect(() => gss.pseudoRandom(initiator, PrfKey.full, ABC, -1)).toThrow(RangeError);
    expect(() => gss.pseudoRandom(initiator, PrfKey.full, ABC, 1.5)).toThrow(RangeError);
    expect(() => gss.pseudoRandom(initiator, 2 ** 31, ABC, 1)).toThrow(RangeError);
    expect(() => gss.pseudoRandom(initiator, PrfKey.full, 'abc' as never, 1)).toThrow(TypeError);
    expect(() => gss.pseudoRandom(initiator, '0' as never, ABC, 1)).toThrow(TypeError);
    expect(() => gss.pseudoRandom({} as never, PrfKey.full, ABC, 1)).toThrow(TypeError);
    gss.deleteSecContext(initiator);
    expect(() => gss.pseudoRandom(initiator, PrfKey.full, ABC, 1)).toThrow(TypeError);
  });
});
