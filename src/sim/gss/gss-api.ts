/**
 * `createSimGssApi()`: the `GssApi` of one party of a sim realm.
 *
 * @module
 */

import { GssError } from '../../spec/errors.js';
import type { GssApi } from '../../spec/gss-api.js';
import { completeGssApi, type GssApiImplementation } from '../../spec/unavailable-api.js';
import { contextCalls } from './contexts.js';
import { credCalls } from './creds.js';
import { ggfCalls } from './ext-ggf.js';
import { extMessageCalls } from './ext-messages.js';
import { passwordCalls } from './ext-password.js';
import { rfc4401Calls } from './ext-rfc4401.js';
import { rfc6680Calls } from './ext-rfc6680.js';
import { SIM_BACKEND } from './handles.js';
import { mechCalls } from './mechs.js';
import { messageCalls } from './messages.js';
import { nameCalls } from './names.js';
import type { SimParty } from './party.js';

/**
 * The GSS-API of `party`: every core function and the extensions it declares below; the
 * other extensions throw `OperationUnavailableError` (see the README's known limits). While the
 * realm traces, each call is recorded when it returns or throws, after the events it caused.
 */
export function createSimGssApi(party: SimParty): GssApi {
  return completeGssApi(
    SIM_BACKEND,
    traceCalls(party, {
      ...nameCalls(party),
      ...credCalls(party),
      ...contextCalls(party),
      ...messageCalls(party),
      ...mechCalls(party),
      ...passwordCalls(party),
      ...rfc4401Calls(party),
      ...rfc6680Calls(party),
      ...ggfCalls(party),
      ...extMessageCalls(party),
    }),
    ['password', 'rfc4401', 'ggf', 'dce', 'dceAead', 'iovMic', 'rfc6680', 'rfc6680CompOid'],
  );
}

/** A function of an implementation, as the tracing wrapper sees it: any function. */
type Call = (...args: never[]) => unknown;

/** `implementation` with every function recording a `call` event while the realm traces. */
function traceCalls(party: SimParty, implementation: GssApiImplementation): GssApiImplementation {
  const traced: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(implementation)) {
    traced[name] = typeof value === 'function' ? tracedCall(party, name, value) : value;
  }
  // Each entry keeps its name and its function's signature: the wrapper passes its arguments
  // and `this` through and returns or throws what the function does.
  return traced as GssApiImplementation;
}

function tracedCall(party: SimParty, call: string, fn: Call): Call {
  const { trace } = party.realm;
  return function traced(this: unknown, ...args: unknown[]): unknown {
    if (!trace.enabled) return Reflect.apply(fn, this, args);
    let outcome = 'ok';
    try {
      return Reflect.apply(fn, this, args);
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      trace.record({ kind: 'call', party: party.label, call, outcome });
    }
  };
}

/** `<ErrorClass> major 0x000d0000 minor 2529638919`, or the class of any other error. */
function outcomeOf(error: unknown): string {
  if (error instanceof GssError) {
    const major = `0x${error.major.toString(16).padStart(8, '0')}`;
    return `${error.name} major ${major} minor ${error.minor}`;
  }
  return error instanceof Error ? error.name : typeof error;
}
