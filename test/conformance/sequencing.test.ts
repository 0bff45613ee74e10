/**
 * Sequencing (RFC 2743 §1.2.3, RFC 4121 §4.2.6): a stream of MIC or Wrap tokens delivered in a
 * chosen order, under each pair of the replay and sequence flags, in both directions: in order,
 * duplicate, late within the 64-token window, too old beyond it, and a gap. A sequence problem
 * is a status made of one supplementary bit (no routine error), whose minor status MIT's
 * mechglue maps from the krb5 mechanism's 0 (text `Success`). Every outcome below is what MIT
 * krb5 1.20.1 (Debian 12) gave.
 */
import { expect } from 'vitest';
import { GssError } from '../../src/spec/errors.js';
import { RequirementFlag } from '../../src/spec/flags.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import { describeConformance } from './backends.js';
import { bytes, establish, expectGssError, mechglueMappedMinor, text } from './flows.js';

const F = RequirementFlag;

/** What delivering one token gave: `ok` or the error's class. */
type Outcome =
  | 'ok'
  | 'DuplicateTokenError'
  | 'ExpiredTokenError'
  | 'TokenTooLateError'
  | 'TokenTooEarlyError';

/** The supplementary bits and their classes (RFC 2744 §3.9.1). */
const SUPPLEMENTARY: Readonly<Record<Exclude<Outcome, 'ok'>, number>> = {
  DuplicateTokenError: 0x2,
  ExpiredTokenError: 0x4,
  TokenTooLateError: 0x8,
  TokenTooEarlyError: 0x10,
};

const DUP = 'DuplicateTokenError';
const OLD = 'ExpiredTokenError';
const LATE = 'TokenTooLateError';
const GAP = 'TokenTooEarlyError';

/** The flag pairs, by name. */
const FLAG_SETS = {
  none: [],
  replay: [F.replayDetection],
  sequence: [F.outOfSequenceDetection],
  'replay and sequence': [F.replayDetection, F.outOfSequenceDetection],
} as const;
type FlagSetName = keyof typeof FLAG_SETS;

/**
 * One delivery order through every case: a duplicate of 0, a gap to 2, 1 late, 1 again, 3 in
 * order, a jump to 75, then 10 and 11 (more than 64 behind), 12 (exactly 64 behind), 12 again,
 * 3 again (far behind, seen before) and 76 in order.
 */
const ORDER = [0, 0, 2, 1, 1, 3, 75, 10, 11, 12, 12, 3, 76] as const;

const EXPECTED: Readonly<Record<FlagSetName, readonly Outcome[]>> = {
  none: ORDER.map(() => 'ok'),
  replay: ['ok', DUP, 'ok', 'ok', DUP, 'ok', 'ok', OLD, OLD, 'ok', DUP, OLD, 'ok'],
  sequence: ['ok', LATE, GAP, LATE, LATE, 'ok', GAP, LATE, LATE, LATE, LATE, LATE, 'ok'],
  'replay and sequence': ['ok', DUP, GAP, LATE, DUP, 'ok', GAP, LATE, LATE, LATE, DUP, LATE, 'ok'],
};

const KINDS = ['MIC', 'Wrap'] as const;
type Kind = (typeof KINDS)[number];

describeConformance('sequencing', ({ realm, test }) => {
  /**
   * A context with `flags` (plus mutual authentication unless `mutual` is false), `count`
   * tokens of `kind` made by `sender`, and `deliver(i)` that gives token i to the other side.
   */
  const stream = (
    flags: readonly number[],
    kind: Kind,
    count: number,
    options: { sender?: 'initiator' | 'acceptor'; mutual?: boolean } = {},
  ) => {
    const { gss } = realm();
    const mutual = options.mutual ?? true;
    const established = establish(realm(), {
      flags: mutual ? [F.mutualAuthentication, ...flags] : [...flags],
    });
    const fromInitiator = (options.sender ?? 'initiator') === 'initiator';
    const sender = fromInitiator ? established.initiator : established.acceptor;
    const receiver = fromInitiator ? established.acceptor : established.initiator;
    const message = (index: number) => bytes(`message ${index}`);
    const tokens = Array.from({ length: count }, (_, index) =>
      kind === 'MIC'
        ? gss.getMic(sender, message(index))
        : gss.wrap(sender, message(index)).message,
    );
    const receive = (context: SecurityContext, index: number): void => {
      const token = tokens[index] ?? new Uint8Array(0);
      if (kind === 'MIC') gss.verifyMic(context, message(index), token);
      else expect(text(gss.unwrap(context, token).message)).toBe(`message ${index}`);
    };
    return {
      ...established,
      tokens,
      deliver: (index: number) => receive(receiver, index),
      outcome(index: number): Outcome {
        try {
          receive(receiver, index);
          return 'ok';
        } catch (error) {
          if (error instanceof GssError && error.name in SUPPLEMENTARY)
            return error.name as Outcome;
          throw error;
        }
      },
    };
  };

  /** Expects `fn` to fail with the supplementary status `outcome`, exactly as MIT does. */
  const expectSupplementary = (fn: () => unknown, outcome: Exclude<Outcome, 'ok'>): void => {
    const error = expectGssError(fn, {
      name: outcome,
      major: SUPPLEMENTARY[outcome],
      minor: mechglueMappedMinor,
      minorMessages: ['Success'],
    });
    expect(error.routineCode).toBe(0);
    expect(error.callingCode).toBe(0);
    expect(error.supplementaryCode).toBe(SUPPLEMENTARY[outcome]);
    expect(error.token).toBeNull();
  };

  for (const [label, flags] of Object.entries(FLAG_SETS) as [FlagSetName, readonly number[]][]) {
    for (const kind of KINDS) {
      test(`${kind} tokens with ${label} detection: every case of one delivery order`, () => {
        const { outcome } = stream(flags, kind, 80);

        expect(ORDER.map((index) => outcome(index))).toEqual(EXPECTED[label]);
      });
    }

    test(`with ${label} detection, tokens in order pass both ways, MIC and Wrap mixed`, () => {
      const { gss } = realm();
      const { initiator, acceptor } = establish(realm(), {
        flags: [F.mutualAuthentication, ...flags],
      });

      for (let round = 0; round < 5; round++) {
        const mic = gss.getMic(initiator, bytes(`mic ${round}`));
        const wrapped = gss.wrap(acceptor, bytes(`wrap ${round}`)).message;
        expect(gss.verifyMic(acceptor, bytes(`mic ${round}`), mic)).toBe(0);
        expect(text(gss.unwrap(initiator, wrapped).message)).toBe(`wrap ${round}`);
      }
    });
  }

  for (const kind of KINDS) {
    test(`a duplicate ${kind} token is a DuplicateTokenError with replay detection`, () => {
      const { deliver } = stream([F.replayDetection], kind, 1);
      deliver(0);

      expectSupplementary(() => deliver(0), DUP);
    });

    test(`a duplicate ${kind} token is only late with sequence detection alone`, () => {
      const { deliver } = stream([F.outOfSequenceDetection], kind, 1);
      deliver(0);

      expectSupplementary(() => deliver(0), LATE);
    });

    test(`a ${kind} gap is too early, and the stream goes on from the token that came`, () => {
      const { deliver, outcome } = stream([F.outOfSequenceDetection], kind, 5);
      deliver(0);

      expectSupplementary(() => deliver(2), GAP);
      expect(outcome(3)).toBe('ok');
      expectSupplementary(() => deliver(1), LATE);
      expect(outcome(4)).toBe('ok');
    });

    test(`a ${kind} token more than 64 behind is old with replay, late with sequence`, () => {
      const replay = stream([F.replayDetection], kind, 70);
      const sequence = stream([F.outOfSequenceDetection], kind, 70);
      replay.deliver(66);
      expect(sequence.outcome(66)).toBe(GAP);

      expectSupplementary(() => replay.deliver(0), OLD);
      expectSupplementary(() => sequence.deliver(0), LATE);
    });

    test(`an unsequenced ${kind} token passes without flags and once with replay alone`, () => {
      const none = stream([], kind, 4);
      const replay = stream([F.replayDetection], kind, 4);

      expect([3, 1, 0, 2, 1].map((index) => none.outcome(index))).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
        'ok',
      ]);
      expect([3, 1, 0, 2, 1].map((index) => replay.outcome(index))).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
        DUP,
      ]);
    });
  }

  test('the window is 64 tokens: 64 behind still counts, 65 behind is too old', () => {
    const { outcome } = stream([F.replayDetection], 'Wrap', 70);

    expect([0, 65, 1, 2, 2].map((index) => outcome(index))).toEqual(['ok', 'ok', OLD, 'ok', DUP]);
  });

  test("after a jump of 65, MIT's window reports a token never received as a duplicate", () => {
    // g_seqstate_check shifts the 64-bit map by 66, which x86-64 takes modulo 64: the bit of
    // token 0 lands where token 64's would be.
    const { outcome } = stream([F.replayDetection], 'MIC', 70);

    expect([0, 65, 64].map((index) => outcome(index))).toEqual(['ok', 'ok', DUP]);
  });

  for (const mutual of [true, false]) {
    const how = mutual ? 'with' : 'without';
    test(`from acceptor to initiator ${how} mutual authentication, the same rules hold`, () => {
      const { outcome } = stream([F.replayDetection, F.outOfSequenceDetection], 'Wrap', 3, {
        sender: 'acceptor',
        mutual,
      });

      expect([2, 0, 1, 1].map((index) => outcome(index))).toEqual([GAP, LATE, LATE, DUP]);
    });
  }

  test('MIC and Wrap tokens share one sequence: a Wrap before its MIC is a gap', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), {
      flags: [F.mutualAuthentication, F.replayDetection, F.outOfSequenceDetection],
    });
    const mic = gss.getMic(initiator, bytes('first'));
    const wrapped = gss.wrap(initiator, bytes('second')).message;

    expectSupplementary(() => gss.unwrap(acceptor, wrapped), GAP);
    expectSupplementary(() => gss.verifyMic(acceptor, bytes('first'), mic), LATE);
  });

  test('the MIC is checked before the sequence: a duplicate over another message is a bad MIC', () => {
    const { deliver, tokens, acceptor } = stream([F.replayDetection], 'MIC', 1);
    deliver(0);

    expectGssError(() => realm().gss.verifyMic(acceptor, bytes('other'), tokens[0] ?? bytes('')), {
      name: 'BadMICError',
      major: 0x60000,
      minor: mechglueMappedMinor,
      minorMessages: ['Success'],
    });
  });

  test('a token that fails its check uses up no sequence number', () => {
    const { gss } = realm();
    const flags = [F.mutualAuthentication, F.replayDetection, F.outOfSequenceDetection];
    const { initiator, acceptor } = establish(realm(), { flags });
    const mic = gss.getMic(initiator, bytes('signed'));
    const wrapped = gss.wrap(initiator, bytes('sealed')).message;
    const tampered = Uint8Array.from(wrapped);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;

    expect(() => gss.verifyMic(acceptor, bytes('forged'), mic)).toThrow(GssError);
    expect(gss.verifyMic(acceptor, bytes('signed'), mic)).toBe(0);
    expectGssError(() => gss.unwrap(acceptor, tampered), {
      name: 'BadMICError',
      major: 0x60000,
      minor: 2529638943,
      minorMessages: ['Decrypt integrity check failed'],
    });
    expect(text(gss.unwrap(acceptor, wrapped).message)).toBe('sealed');
  });

  test('a supplementary status names its operation and shows only its own major text', () => {
    const { deliver } = stream([F.replayDetection], 'Wrap', 1);
    deliver(0);

    const error = expectGssError(() => deliver(0), {
      name: DUP,
      major: 0x2,
      minor: mechglueMappedMinor,
      minorMessages: ['Success'],
    });
    expect(error.code).toBe('DUPLICATE_TOKEN');
    expect(error.operation).toBe('unwrap');
    expect(error.majorMessages).toEqual(['The token was a duplicate of an earlier token']);
  });
});
