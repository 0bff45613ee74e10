import type { MechsApi } from '../../../spec/api/mechs.js';
import type { NativeRuntime } from '../runtime.js';

/** The mechanism and status calls of the native backend. */
export function mechCalls(_runtime: NativeRuntime): MechsApi {
  throw new Error('mechCalls: being written');
}
