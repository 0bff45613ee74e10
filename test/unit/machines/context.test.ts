import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { RequirementFlag } from '../../../src/spec/flags.js';
import {
  type ContextEvent,
  type ContextPrediction,
  contextMachine,
} from '../../../src/spec/machines/context.js';
import {
  CONTEXT_CALL_OUTCOMES,
  CONTEXT_CALLS,
  type ContextStateName,
  predictContextCall,
} from '../../../src/spec/machines/context-calls.js';
import { krb5Legs } from '../../../src/spec/machines/context-flags.js';
import {
  GSS_S_BAD_NAME,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_CALL_INACCESSIBLE_WRITE,
  GSS_S_COMPLETE,
  GSS_S_CONTEXT_EXPIRED,
  GSS_S_CONTINUE_NEEDED,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CONTEXT,
  isGssError,
} from '../../../src/spec/status.js';
import { contextEvents, contextWalk } from './alphabets.js';
import { walkMachine } from './walk.js';

const {
  mutualAuthentication: MUTUAL,
  dceStyle: DCE,
  replayDetection: REPLAY,
  outOfSequenceDetection: SEQUENCE,
  confidentiality: CONF,
  integrity: INTEG,
  transferable: TRANS,
  protectionReady: PROT_READY,
} = RequirementFlag;

/** Runs events on a fresh handle; returns the last result and the state reached. */
function run(...events: ContextEvent[]): { state: unknown; result: ContextPrediction | null } {
  const actor = createActor(contextMachine).start();
  for (const event of events) actor.send(event);
  const { value, context } = actor.getSnapshot();
  actor.stop();
  return { state: value, result: context.result };
}

const established = { type: 'initSecContext', flags: 0 } as const;
const waitingForApRep = { type: 'initSecContext', flags: MUTUAL } as const;

describe('contextMachine: calls outside establishment', () => {
  it('refuses wrap before establishment with NO_CONTEXT and KG_CTX_INCOMPLETE', () => {
    expect(run(waitingForApRep, { type: 'wrap' }).result).toEqual({
      major: GSS_S_NO_CONTEXT,
      minor: 'KG_CTX_INCOMPLETE',
    });
  });

  it('refuses every per-message call on a partial context, as MIT has no prot-ready calls', () => {
    const perMessage = CONTEXT_CALLS.filter(
      (call) =>
        ![
          'inquireContext',
          'inquireSecContextByOid',
          'exportSecContext',
          'deleteSecContext',
        ].includes(call),
    );

    for (const call of perMessage) {
      expect(run(waitingForApRep, { type: call }).result, call).toEqual({
        major: GSS_S_NO_CONTEXT,
        minor: 'KG_CTX_INCOMPLETE',
      });
    }
  });

  it('lets inquireContext describe a partial context', () => {
    expect(run(waitingForApRep, { type: 'inquireContext' }).result).toEqual({
      major: GSS_S_COMPLETE,
    });
  });

  it('answers a deleted context as GSS_C_NO_CONTEXT, unreadable for wrap', () => {
    const result = run(established, { type: 'deleteSecContext' }, { type: 'wrap' }).result;

    expect(result).toEqual({ major: GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT });
  });

  it('reports a second delete as an unwritable handle, not an unreadable one', () => {
    const result = run(
      established,
      { type: 'deleteSecContext' },
      { type: 'deleteSecContext' },
    ).result;

    expect(result).toEqual({ major: GSS_S_CALL_INACCESSIBLE_WRITE | GSS_S_NO_CONTEXT });
  });

  it('answers an exported context as GSS_C_NO_CONTEXT', () => {
    const { state, result } = run(established, { type: 'exportSecContext' }, { type: 'unwrap' });

    expect(state).toBe('exported');
    expect(result).toEqual({ major: GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT });
  });

  it('exports a partial context, because MIT checks only for termination', () => {
    expect(run(waitingForApRep, { type: 'exportSecContext' })).toEqual({
      state: 'exported',
      result: { major: GSS_S_COMPLETE },
    });
  });

  it('reports expiry from contextTime and inquireContext but still wraps', () => {
    const expired = [established, { type: 'endtimePasses' }] as const;

    expect(run(...expired, { type: 'contextTime' }).result?.major).toBe(GSS_S_CONTEXT_EXPIRED);
    expect(run(...expired, { type: 'inquireContext' }).result?.major).toBe(GSS_S_CONTEXT_EXPIRED);
    expect(run(...expired, { type: 'wrap' }).result?.major).toBe(GSS_S_COMPLETE);
    expect(run(...expired, { type: 'verifyMic' }).result?.major).toBe(GSS_S_COMPLETE);
  });

  it('rejects every context token on an RFC 4121 context as defective', () => {
    expect(run(established, { type: 'processContextToken' }).result).toEqual({
      major: GSS_S_DEFECTIVE_TOKEN,
    });
  });

  it('gives every call the table prediction in every reachable state', () => {
    let checked = 0;
    walkMachine(contextMachine, {
      ...contextWalk,
      onStep: (from, event, to) => {
        const call = CONTEXT_CALLS.find((name) => name === event.type);
        if (call === undefined) return;
        checked++;

        expect(to.context.result).toEqual(predictContextCall(from.value as ContextStateName, call));
      },
    });

    expect(checked).toBeGreaterThan(CONTEXT_CALLS.length * 8);
  });

  it('makes every call an error in states that hold no usable context', () => {
    const dead: ContextStateName[] = ['noContext', 'failed', 'deleted', 'exported'];

    for (const state of dead) {
      for (const call of CONTEXT_CALLS) {
        const { major } = CONTEXT_CALL_OUTCOMES[state][call].prediction;
        const freesHandle = state === 'failed' && call === 'deleteSecContext';

        expect(isGssError(major), `${call} in ${state}`).toBe(!freesHandle);
      }
    }
  });
});

describe('contextMachine: establishment', () => {
  it('fails init on an established context with KG_CONTEXT_ESTABLISHED and leaves a husk', () => {
    expect(run(established, established).result).toEqual({
      major: GSS_S_FAILURE,
      minor: 'KG_CONTEXT_ESTABLISHED',
    });
    expect(run(established, established, { type: 'wrap' })).toEqual({
      state: 'failed',
      result: { major: GSS_S_NO_CONTEXT },
    });
    expect(run(established, established, { type: 'deleteSecContext' })).toEqual({
      state: 'deleted',
      result: { major: GSS_S_COMPLETE },
    });
  });

  it('refuses accept on an established context with EINVAL and keeps the context', () => {
    const accepted = { type: 'acceptSecContext', flags: 0 } as const;

    expect(run(accepted, accepted)).toEqual({
      state: 'established',
      result: { major: GSS_S_FAILURE, minor: 'EINVAL' },
    });
  });

  it('answers an accept of a wrong krb5 token ID with CONTINUE_NEEDED and no context', () => {
    const wrongToken = { type: 'acceptSecContext', inputToken: 'wrongTokenId' } as const;

    expect(run(wrongToken)).toEqual({
      state: 'failed',
      result: { major: GSS_S_CONTINUE_NEEDED, minor: 'KRB5KRB_AP_ERR_MSG_TYPE' },
    });
    expect(run(wrongToken, { type: 'wrap' }).result).toEqual({ major: GSS_S_NO_CONTEXT });
  });

  it('creates no context when the first accept rejects the AP-REQ', () => {
    const rejected = { type: 'acceptSecContext', flags: MUTUAL, inputToken: 'invalid' } as const;

    expect(run(rejected)).toEqual({
      state: 'noContext',
      result: { major: GSS_S_FAILURE, outputToken: true },
    });
  });

  it('keeps waiting when the initiator gets an unframed token instead of its AP-REP', () => {
    const unframed = { type: 'initSecContext', inputToken: 'unframed' } as const;

    expect(run(waitingForApRep, unframed)).toEqual({
      state: 'initiatorContinueNeeded',
      result: { major: GSS_S_DEFECTIVE_TOKEN },
    });
  });

  it('deletes the initiator context when the acceptor answers with a KRB-ERROR', () => {
    const krbError = { type: 'initSecContext', inputToken: 'krbError' } as const;

    expect(run(waitingForApRep, krbError)).toEqual({
      state: 'failed',
      result: { major: GSS_S_FAILURE },
    });
  });

  it('fails init on a waiting DCE acceptor with BAD_NAME', () => {
    const dceAccept = { type: 'acceptSecContext', flags: DCE } as const;

    expect(run(dceAccept, { type: 'initSecContext' }).result).toEqual({ major: GSS_S_BAD_NAME });
  });

  const flagSets = [
    ['no flags', 0, 2],
    ['replay and sequence', REPLAY | SEQUENCE, 2],
    ['mutual authentication', MUTUAL, 3],
    ['mutual authentication with replay detection', MUTUAL | REPLAY, 3],
    ['DCE style', DCE, 4],
    ['DCE style with mutual authentication', DCE | MUTUAL | SEQUENCE, 4],
  ] as const;

  for (const [name, flags, calls] of flagSets) {
    it(`establishes both sides in ${calls} calls with ${name}, as krb5Legs lists them`, () => {
      const legs = krb5Legs(flags);
      const initiator = createActor(contextMachine).start();
      const acceptor = createActor(contextMachine).start();
      let first = { initiator: true, acceptor: true };

      for (const leg of legs) {
        const actor = leg.role === 'initiator' ? initiator : acceptor;
        const type = leg.role === 'initiator' ? 'initSecContext' : 'acceptSecContext';
        actor.send(first[leg.role] ? { type, flags } : { type, inputToken: 'valid' });
        first = { ...first, [leg.role]: false };

        expect(actor.getSnapshot().context.result).toEqual({
          major: leg.major,
          outputToken: leg.token !== null,
          flags: leg.flags,
        });
      }

      expect(legs).toHaveLength(calls);
      expect(initiator.getSnapshot().value).toBe('established');
      expect(acceptor.getSnapshot().value).toBe('established');
    });
  }

  it('reports PROT_READY only from a non-DCE mutual acceptor', () => {
    const flagsOf = (requested: number) => krb5Legs(requested).map((leg) => leg.flags);
    const base = CONF | INTEG | TRANS;

    // MIT's one-leg initiator copies ret_flags before it adds PROT_READY to the context.
    expect(flagsOf(0)).toEqual([base, base]);
    expect(flagsOf(MUTUAL)).toEqual([base | MUTUAL, base | MUTUAL | PROT_READY, base | MUTUAL]);
    expect(flagsOf(DCE)).toEqual([
      base | MUTUAL | DCE,
      0,
      base | MUTUAL | DCE,
      base | MUTUAL | DCE,
    ]);
  });

  it('reaches every state by a shortest path that a conformance test can replay', () => {
    const paths = getShortestPaths(contextMachine, {
      events: contextEvents,
      serializeState: (snapshot) => JSON.stringify(snapshot.value),
    });
    const lengths = Object.fromEntries(
      // The first step of every path is xstate's init event.
      paths.map((path) => [String(path.state.value), path.steps.length - 1]),
    );

    expect(lengths).toEqual({
      noContext: 0,
      established: 1,
      initiatorContinueNeeded: 1,
      acceptorContinueNeeded: 1,
      failed: 1,
      expired: 2,
      deleted: 2,
      exported: 2,
    });
  });

  it('visits every state and takes every transition when walked', () => {
    const coverage = walkMachine(contextMachine, contextWalk);

    expect(coverage.states.missing).toEqual([]);
    expect(coverage.transitions.missing).toEqual([]);
    expect(coverage.states.visited).toBe(coverage.states.total);
    expect(coverage.transitions.visited).toBe(coverage.transitions.total);
  });
});
