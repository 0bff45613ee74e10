import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { machineCoverage } from './coverage.js';
import { walkMachine } from './walk.js';

describe('machine coverage', () => {
  it('walks every state and every transition of every spec machine', () => {
    const coverage = machineCoverage();

    expect(coverage.map((entry) => entry.machine)).toEqual(['context', 'sequence', 'name', 'iov']);
    for (const entry of coverage) {
      expect(entry.missing, entry.machine).toEqual([]);
      expect(entry.states.visited, entry.machine).toBe(entry.states.total);
      expect(entry.transitions.visited, entry.machine).toBe(entry.transitions.total);
      expect(entry.transitions.total, entry.machine).toBeGreaterThan(0);
    }
  });

  it('counts an unreachable state and an untaken guarded branch as missed', () => {
    const machine = setup({
      types: { events: {} as { type: 'go' } },
      guards: { never: () => false },
    }).createMachine({
      id: 'probe',
      initial: 'a',
      states: {
        a: { on: { go: [{ guard: 'never', target: 'c' }, { target: 'b' }] } },
        b: {},
        c: {},
      },
    });

    const coverage = walkMachine(machine, {
      inputs: [undefined],
      events: () => [{ type: 'go' }],
      serialize: (snapshot) => JSON.stringify(snapshot.value),
    });

    expect(coverage.states).toEqual({ visited: 3, total: 4, missing: ['probe.c'] });
    expect(coverage.transitions).toEqual({ visited: 1, total: 2, missing: ['probe.a --go#0'] });
  });
});
