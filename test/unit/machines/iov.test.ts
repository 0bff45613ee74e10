import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { GSS_IOV_BUFFER_FLAG_ALLOCATE, IOVBufferType } from '../../../src/spec/flags.js';
import {
  checkIovLayout,
  IOV_OPERATIONS,
  type IovLayoutVerdict,
  type IovOperation,
} from '../../../src/spec/machines/iov.js';
import { type IovMachineInput, iovMachine } from '../../../src/spec/machines/iov-machine.js';
import { GSS_S_BAD_MIC, GSS_S_COMPLETE, GSS_S_FAILURE } from '../../../src/spec/status.js';
import { iovWalk } from './alphabets.js';
import { walkMachine } from './walk.js';

const ALLOCATE = GSS_IOV_BUFFER_FLAG_ALLOCATE;
const {
  empty: EMPTY,
  data: DATA,
  header: HEADER,
  mechParams: MECH_PARAMS,
  trailer: TRAILER,
  padding: PADDING,
  stream: STREAM,
  signOnly: SIGN_ONLY,
  micToken: MIC_TOKEN,
} = IOVBufferType;

/** python-gssapi's standard layout: HEADER, DATA, PADDING, TRAILER, all but DATA allocated. */
const standard = [HEADER | ALLOCATE, DATA, PADDING | ALLOCATE, TRAILER | ALLOCATE];
const einval = { ok: false, major: GSS_S_FAILURE, minor: 'EINVAL' };

function machineVerdict(input: IovMachineInput, buffers: readonly number[]): unknown {
  const actor = createActor(iovMachine, { input }).start();
  for (const word of buffers) actor.send({ type: 'buffer', word });
  actor.send({ type: 'end' });
  const { status, output } = actor.getSnapshot();
  actor.stop();
  return status === 'done' ? output : 'not done';
}

function verdictOf(operation: IovOperation, buffers: readonly number[]): IovLayoutVerdict {
  return checkIovLayout(operation, buffers);
}

describe('checkIovLayout', () => {
  it('allocates the header and the trailer of the standard wrap layout, not the padding', () => {
    expect(verdictOf('wrapIov', standard)).toEqual({
      ok: true,
      major: GSS_S_COMPLETE,
      allocated: [0, 3],
    });
  });

  it('refuses to wrap without a header with EINVAL', () => {
    expect(verdictOf('wrapIov', [DATA, TRAILER | ALLOCATE])).toMatchObject(einval);
  });

  it('treats two headers as none, as kg_locate_iov does', () => {
    expect(verdictOf('wrapIov', [HEADER, HEADER, DATA])).toMatchObject(einval);
    expect(verdictOf('unwrapIov', [HEADER, DATA, HEADER])).toMatchObject(einval);
  });

  it('treats two trailers as no trailer and allocates neither', () => {
    const twoTrailers = [HEADER | ALLOCATE, DATA, TRAILER | ALLOCATE, TRAILER | ALLOCATE];

    expect(verdictOf('wrapIov', twoTrailers).allocated).toEqual([0]);
  });

  it('wraps a layout without data, protecting integrity only when confidentiality was asked', () => {
    const headerOnly = [HEADER | ALLOCATE, SIGN_ONLY];

    expect(checkIovLayout('wrapIov', headerOnly, { confidential: true })).toMatchObject({
      ok: true,
      integrityOnly: true,
    });
    expect(checkIovLayout('wrapIov', standard, { confidential: true }).integrityOnly).toBe(
      undefined,
    );
  });

  it('ignores empty, mech-params and unknown buffer types', () => {
    expect(verdictOf('wrapIov', [EMPTY, HEADER, MECH_PARAMS, DATA, 99]).ok).toBe(true);
  });

  it('sizes a wrap without allocating anything', () => {
    expect(verdictOf('wrapIovLength', standard)).toEqual({
      ok: true,
      major: GSS_S_COMPLETE,
      allocated: [],
    });
  });

  it('unwraps a stream into one data buffer, allocated when flagged', () => {
    expect(verdictOf('unwrapIov', [STREAM, SIGN_ONLY, DATA | ALLOCATE])).toEqual({
      ok: true,
      major: GSS_S_COMPLETE,
      allocated: [2],
      stream: true,
    });
  });

  it('refuses a stream without exactly one data buffer', () => {
    expect(verdictOf('unwrapIov', [STREAM])).toMatchObject({ ...einval, stream: true });
    expect(verdictOf('unwrapIov', [STREAM, DATA, DATA])).toMatchObject({ ...einval, stream: true });
  });

  it('refuses a stream on a DCE-style context', () => {
    expect(checkIovLayout('unwrapIov', [STREAM, DATA], { dceStyle: true })).toMatchObject(einval);
  });

  it('takes the header path when two stream buffers hide each other', () => {
    expect(verdictOf('unwrapIov', [STREAM, STREAM, HEADER, DATA])).toEqual({
      ok: true,
      major: GSS_S_COMPLETE,
      allocated: [],
    });
  });

  it('puts a MIC in the MIC token buffer, allocated when flagged, and refuses a flagged trailer', () => {
    expect(verdictOf('getMicIov', [DATA, MIC_TOKEN | ALLOCATE])).toEqual({
      ok: true,
      major: GSS_S_COMPLETE,
      allocated: [1],
    });
    // MIT never fills a TRAILER for a MIC, and its checksum code refuses an empty one.
    expect(verdictOf('getMicIov', [DATA, MIC_TOKEN | ALLOCATE, TRAILER | ALLOCATE])).toEqual({
      ok: false,
      major: GSS_S_FAILURE,
      minor: 'KRB5_BAD_MSIZE',
      allocated: [],
    });
    expect(verdictOf('verifyMicIov', [DATA, MIC_TOKEN, TRAILER | ALLOCATE])).toMatchObject({
      ok: false,
      major: GSS_S_BAD_MIC,
      minor: 'KRB5_BAD_MSIZE',
    });
    expect(verdictOf('getMicIov', [DATA, HEADER | ALLOCATE])).toMatchObject(einval);
    expect(verdictOf('getMicIovLength', [DATA, MIC_TOKEN]).allocated).toEqual([]);
  });

  it('predicts an assertion abort for verifyMicIov with a stream buffer', () => {
    expect(verdictOf('verifyMicIov', [STREAM, DATA, MIC_TOKEN])).toMatchObject({
      ...einval,
      aborts: true,
    });
    expect(verdictOf('verifyMicIov', [DATA, MIC_TOKEN]).ok).toBe(true);
  });
});

describe('iovMachine', () => {
  it('agrees with checkIovLayout on random layouts for every call', () => {
    const word = fc.oneof(
      fc.constantFrom(
        EMPTY,
        DATA,
        HEADER,
        MECH_PARAMS,
        TRAILER,
        PADDING,
        STREAM,
        SIGN_ONLY,
        MIC_TOKEN,
      ),
      fc.integer({ min: 0, max: 20 }),
    );
    const flagged = fc
      .tuple(word, fc.boolean())
      .map(([type, allocate]) => (allocate ? type | ALLOCATE : type));
    const input = fc.record({
      operation: fc.constantFrom(...IOV_OPERATIONS),
      dceStyle: fc.boolean(),
      confidential: fc.boolean(),
    });

    fc.assert(
      fc.property(input, fc.array(flagged, { maxLength: 8 }), (options, buffers) => {
        expect(machineVerdict(options, buffers)).toEqual(
          checkIovLayout(options.operation, buffers, options),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('visits every state and takes every transition when walked', () => {
    const coverage = walkMachine(iovMachine, iovWalk);

    expect(coverage.states.missing).toEqual([]);
    expect(coverage.transitions.missing).toEqual([]);
    expect(coverage.states.visited).toBe(coverage.states.total);
    expect(coverage.transitions.visited).toBe(coverage.transitions.total);
  });
});
