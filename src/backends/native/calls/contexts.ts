import type { ContextsApi } from '../../../spec/api/contexts.js';
import type { NativeRuntime } from '../runtime.js';

/** The context calls of the native backend. */
export function contextCalls(_runtime: NativeRuntime): ContextsApi {
  throw new Error('contextCalls: being written');
}
