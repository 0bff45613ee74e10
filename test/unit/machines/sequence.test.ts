import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import {
  checkSequence,
  checkSequenceWords,
  createSequenceState,
  type SequenceState,
} from '../../../src/spec/machines/sequence.js';
import {
  type SequenceMachineInput,
  sequenceMachine,
} from '../../../src/spec/machines/sequence-machine.js';
import {
  GSS_S_COMPLETE,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
  GSS_S_UNSEQ_TOKEN,
} from '../../../src/spec/status.js';
import { sequenceWalk } from './alphabets.js';
import { type Vector, vectors, type Width } from './seqstate-vectors.js';
import { walkMachine } from './walk.js';

const U32 = 0xffff_ffffn;
const U64 = 0xffff_ffff_ffff_ffffn;
const OK = GSS_S_COMPLETE;
const GAP = GSS_S_GAP_TOKEN;
const UNSEQ = GSS_S_UNSEQ_TOKEN;
const REPLAY = GSS_S_DUPLICATE_TOKEN;

function widths(width: Width): boolean[] {
  return width === 'both' ? [false, true] : [width === 'wide'];
}

function inputOf(vector: Vector, wide: boolean): SequenceMachineInput {
  return {
    initial: vector.initial,
    replayDetection: vector.replay,
    outOfSequenceDetection: vector.sequence,
    wide,
  };
}

function hotPathState(input: SequenceMachineInput): SequenceState {
  return createSequenceState(input.initial, input);
}

function machineStatuses(input: SequenceMachineInput, seqnums: readonly bigint[]): number[] {
  const actor = createActor(sequenceMachine, { input }).start();
  const statuses = seqnums.map((seqnum) => {
    actor.send({ type: 'receive', seqnum });
    return actor.getSnapshot().context.status ?? Number.NaN;
  });
  actor.stop();
  return statuses;
}

describe('checkSequence (hot path)', () => {
  for (const vector of vectors) {
    for (const wide of widths(vector.width)) {
      it(`matches MIT for ${wide ? '64' : '32'}-bit numbers: ${vector.name}`, () => {
        const state = hotPathState(inputOf(vector, wide));
        const statuses = vector.seqs.map(([seqnum]) => checkSequence(state, seqnum));

        expect(statuses).toEqual(vector.seqs.map(([, status]) => status));
      });
    }
  }

  it('keeps old bitmap bits after a jump of 63 or more, as the shift wraps on MIT hardware', () => {
    const options = { replayDetection: true, outOfSequenceDetection: true, wide: true };
    const state = createSequenceState(0, options);

    expect(checkSequence(state, 0)).toBe(OK);
    expect(checkSequence(state, 100)).toBe(GAP);
    // 100 shifted the bitmap by 100 mod 64 = 36, so bit 36 (number 64) reads as seen.
    expect(checkSequence(state, 64)).toBe(REPLAY);
    expect(checkSequence(state, 65)).toBe(UNSEQ);
  });

  it('accepts a number, a bigint and two words for the same sequence number', () => {
    const options = { replayDetection: true, outOfSequenceDetection: false, wide: true };
    const byNumber = createSequenceState(2 ** 40, options);
    const byBigint = createSequenceState(2n ** 40n, options);
    const byWords = createSequenceState(2 ** 40, options);

    expect(checkSequence(byNumber, 2 ** 40 + 3)).toBe(OK);
    expect(checkSequence(byBigint, 2n ** 40n + 3n)).toBe(OK);
    expect(checkSequenceWords(byWords, 256, 3)).toBe(OK);
    expect(byNumber).toEqual(byBigint);
    expect(byWords).toEqual(byBigint);
  });

  it('rejects numbers that are not unsigned 64-bit integers', () => {
    const options = { replayDetection: true, outOfSequenceDetection: true, wide: true };
    const state = createSequenceState(0, options);

    expect(() => checkSequence(state, -1)).toThrow(RangeError);
    expect(() => checkSequence(state, 1.5)).toThrow(RangeError);
    expect(() => checkSequence(state, 2n ** 64n)).toThrow(RangeError);
    expect(() => createSequenceState(-1n, options)).toThrow(RangeError);
  });
});

describe('sequenceMachine', () => {
  for (const vector of vectors) {
    for (const wide of widths(vector.width)) {
      it(`matches MIT for ${wide ? '64' : '32'}-bit numbers: ${vector.name}`, () => {
        const statuses = machineStatuses(
          inputOf(vector, wide),
          vector.seqs.map(([seqnum]) => seqnum),
        );

        expect(statuses).toEqual(vector.seqs.map(([, status]) => status));
      });
    }
  }

  it('names the case of the last token in its state', () => {
    const input = { initial: 0n, replayDetection: true, outOfSequenceDetection: true, wide: true };
    let [snapshot] = initialTransition(sequenceMachine, input);
    const states: unknown[] = [snapshot.value];
    for (const seqnum of [0n, 2n, 1n, 1n, 100n, 3n]) {
      [snapshot] = transition(sequenceMachine, snapshot, { type: 'receive', seqnum });
      states.push(snapshot.value);
    }

    expect(states).toEqual([
      { window: 'empty' },
      { window: 'inOrder' },
      { window: 'gap' },
      { window: 'late' },
      { window: 'duplicate' },
      { window: 'gap' },
      { window: 'tooOld' },
    ]);
  });

  it('agrees with the hot path on every status and window for random traffic', () => {
    const inputs = fc.record({
      initial: fc.oneof(fc.bigInt({ min: 0n, max: U64 }), fc.constantFrom(0n, U32 - 3n, U64 - 3n)),
      replayDetection: fc.boolean(),
      outOfSequenceDetection: fc.boolean(),
      wide: fc.boolean(),
    });
    const offsets = fc.array(
      fc.oneof(
        fc.bigInt({ min: -3n, max: 80n }),
        fc.bigInt({ min: 0n, max: U64 }),
        fc.constantFrom(-66n, -65n, -64n, 63n, 64n, 65n, 2n ** 32n),
      ),
      { maxLength: 40 },
    );

    fc.assert(
      fc.property(inputs, offsets, (input, deltas) => {
        const seqnums = deltas.map((delta) => (input.initial + delta) & U64);
        const state = hotPathState(input);
        const hot = seqnums.map((seqnum) => checkSequence(state, seqnum));
        const actor = createActor(sequenceMachine, { input }).start();
        const spec = seqnums.map((seqnum) => {
          actor.send({ type: 'receive', seqnum });
          return actor.getSnapshot().context.status;
        });
        const { next, recvmap } = actor.getSnapshot().context;
        actor.stop();

        expect(hot).toEqual(spec);
        expect(BigInt(state.nextHi) * 2n ** 32n + BigInt(state.nextLo)).toBe(next);
        expect(BigInt(state.mapHi) * 2n ** 32n + BigInt(state.mapLo)).toBe(recvmap);
      }),
      { numRuns: 500 },
    );
  });

  it('visits every state and takes every transition when walked', () => {
    const coverage = walkMachine(sequenceMachine, sequenceWalk);

    expect(coverage.states.missing).toEqual([]);
    expect(coverage.transitions.missing).toEqual([]);
    expect(coverage.states.visited).toBe(coverage.states.total);
    expect(coverage.transitions.visited).toBe(coverage.transitions.total);
  });
});
