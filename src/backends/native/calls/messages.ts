import type { MessagesApi } from '../../../spec/api/messages.js';
import type { NativeRuntime } from '../runtime.js';

/** The per-message calls of the native backend. */
export function messageCalls(_runtime: NativeRuntime): MessagesApi {
  throw new Error('messageCalls: being written');
}
