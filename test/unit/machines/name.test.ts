import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type NameEvent, nameMachine } from '../../../src/spec/machines/name.js';
import type { Prediction } from '../../../src/spec/machines/prediction.js';
import {
  GSS_S_BAD_NAME,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_COMPLETE,
  GSS_S_FAILURE,
  GSS_S_NAME_NOT_MN,
  GSS_S_UNAVAILABLE,
} from '../../../src/spec/status.js';
import { nameWalk } from './alphabets.js';
import { walkMachine } from './walk.js';

function run(...events: NameEvent[]): { state: unknown; result: Prediction | null } {
  const actor = createActor(nameMachine).start();
  for (const event of events) actor.send(event);
  const { value, context } = actor.getSnapshot();
  actor.stop();
  return { state: value, result: context.result };
}

const printable = { type: 'importName', nameType: 'printable' } as const;
const canonicalize = { type: 'canonicalizeName' } as const;
const release = { type: 'releaseName' } as const;
const withPac = { type: 'acceptSecContext', authdata: { pac: true } } as const;
const withIndicators = { type: 'acceptSecContext', authdata: { indicators: true } } as const;
const noAuthdata = { type: 'acceptSecContext' } as const;
const set = (attribute: 'authIndicators' | 'mspac' | 'other') =>
  ({ type: 'setNameAttribute', attribute }) as const;
const get = (attribute: 'authIndicators' | 'mspac' | 'other') =>
  ({ type: 'getNameAttribute', attribute }) as const;

describe('nameMachine', () => {
  it('refuses to export a name that is not a mechanism name with NAME_NOT_MN', () => {
    expect(run(printable, { type: 'exportName' }).result).toEqual({ major: GSS_S_NAME_NOT_MN });
  });

  it('exports a name once it is canonicalized into a mechanism name', () => {
    expect(run(printable, canonicalize, { type: 'exportName' })).toEqual({
      state: 'mechanismName',
      result: { major: GSS_S_COMPLETE },
    });
  });

  it('makes an imported exported name a mechanism name at once', () => {
    expect(run({ type: 'importName', nameType: 'export' }).state).toBe('mechanismName');
  });

  it('answers a released name as GSS_C_NO_NAME, unreadable and bad', () => {
    expect(run(printable, release, { type: 'exportName' }).result).toEqual({
      major: GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME,
    });
    expect(run(printable, release, { type: 'inquireName' }).result).toEqual({
      major: GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME,
    });
  });

  it('reports canonicalizing a released name as unreadable without BAD_NAME', () => {
    expect(run(printable, release, canonicalize).result).toEqual({
      major: GSS_S_CALL_INACCESSIBLE_READ,
    });
  });

  it('lets a name be released twice', () => {
    expect(run(printable, release, release)).toEqual({
      state: 'released',
      result: { major: GSS_S_COMPLETE },
    });
  });

  it('refuses every RFC 6680 call on a non-MN with UNAVAILABLE and no minor status', () => {
    for (const type of ['setNameAttribute', 'getNameAttribute', 'deleteNameAttribute'] as const) {
      expect(run(printable, { type, attribute: 'mspac' }).result, type).toEqual({
        major: GSS_S_UNAVAILABLE,
      });
    }
    expect(run(printable, { type: 'exportNameComposite' }).result).toEqual({
      major: GSS_S_UNAVAILABLE,
    });
  });

  it('inquires a non-MN successfully', () => {
    expect(run(printable, { type: 'inquireName' }).result).toEqual({ major: GSS_S_COMPLETE });
  });

  it('refuses to set authentication indicators with EPERM', () => {
    expect(run(withIndicators, set('authIndicators')).result).toEqual({
      major: GSS_S_UNAVAILABLE,
      minor: 'EPERM',
    });
  });

  it('refuses to set a PAC buffer the PAC holds with EEXIST, and PAC attributes without a PAC', () => {
    expect(run(withPac, set('mspac')).result).toEqual({ major: GSS_S_FAILURE, minor: 'EEXIST' });
    expect(run(noAuthdata, set('mspac')).result).toEqual({
      major: GSS_S_UNAVAILABLE,
      minor: 'ENOENT',
    });
    expect(run(withPac, set('other')).result).toEqual({
      major: GSS_S_UNAVAILABLE,
      minor: 'ENOENT',
    });
  });

  it('gets the attributes a name carries and no others', () => {
    expect(run(withIndicators, get('authIndicators')).result).toEqual({ major: GSS_S_COMPLETE });
    expect(run(withPac, get('authIndicators')).result).toEqual({
      major: GSS_S_UNAVAILABLE,
      minor: 'ENOENT',
    });
    expect(run(withPac, get('mspac')).result).toEqual({ major: GSS_S_COMPLETE });
  });

  it('never deletes an attribute, as no built-in module implements deletion', () => {
    const both = { type: 'acceptSecContext', authdata: { pac: true, indicators: true } } as const;

    for (const attribute of ['authIndicators', 'mspac', 'other'] as const) {
      expect(run(both, { type: 'deleteNameAttribute', attribute }).result).toEqual({
        major: GSS_S_UNAVAILABLE,
        minor: 'ENOENT',
      });
    }
  });

  it('keeps attributes through a composite export, a duplicate and a canonicalization', () => {
    const composite = {
      type: 'importName',
      nameType: 'compositeExport',
      authdata: { indicators: true },
    } as const;

    expect(run(composite, get('authIndicators')).result?.major).toBe(GSS_S_COMPLETE);
    expect(
      run(withIndicators, { type: 'duplicateName' }, get('authIndicators')).result?.major,
    ).toBe(GSS_S_COMPLETE);
    expect(run(withIndicators, canonicalize, get('authIndicators')).result?.major).toBe(
      GSS_S_COMPLETE,
    );
  });

  it('drops attributes through a plain export name token', () => {
    const plain = {
      type: 'importName',
      nameType: 'export',
      authdata: { indicators: true },
    } as const;

    expect(run(plain, get('authIndicators')).result).toEqual({
      major: GSS_S_UNAVAILABLE,
      minor: 'ENOENT',
    });
  });

  it('visits every state and takes every transition when walked', () => {
    const coverage = walkMachine(nameMachine, nameWalk);

    expect(coverage.states.missing).toEqual([]);
    expect(coverage.transitions.missing).toEqual([]);
    expect(coverage.states.visited).toBe(coverage.states.total);
    expect(coverage.transitions.visited).toBe(coverage.transitions.total);
  });
});
