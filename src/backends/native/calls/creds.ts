import type { CredsApi } from '../../../spec/api/creds.js';
import type { NativeRuntime } from '../runtime.js';

/** The credential calls of the native backend. */
export function credCalls(_runtime: NativeRuntime): CredsApi {
  throw new Error('credCalls: being written');
}
