/**
 * The per-message calls of the sim (RFC 2743 §2.3) over RFC 4121 tokens: the context machine
 * decides whether the context may protect messages, then its `MessageProtection` does it.
 *
 * @module
 */

import type { MessagesApi } from '../../spec/api/messages.js';
import { booleanArgument, bytesValue, qopArgument, uint32Argument } from '../../spec/arguments.js';
import type { ContextCall } from '../../spec/machines/context-calls.js';
import type { MessageProtection } from '../krb5/tokens/message-protection.js';
import { CONTEXTS, checkCall } from './context-state.js';
import type { SimParty } from './party.js';

/** The protection of a live, usable context. @throws as the machine predicts for its state. */
function protectionOf(context: unknown, call: ContextCall): MessageProtection {
  const state = CONTEXTS.get(context, call);
  checkCall(state, call, call);
  const { protection } = state;
  if (protection === null) throw new Error(`${call}: an established context without keys`);
  return protection;
}

/** The per-message calls of one party (the context decides which party's keys are used). */
export function messageCalls(party: SimParty): MessagesApi {
  const traceToken = (call: string, token: Uint8Array) => {
    const { trace } = party.realm;
    if (trace.enabled) trace.record({ kind: 'token', party: party.label, call, token });
  };

  return {
    getMic(context, message, options = {}) {
      const operation = 'getMic';
      const bytes = bytesValue(message, 'message', operation);
      const qop = qopArgument(options.qop, operation);
      const token = protectionOf(context, operation).getMic(bytes, { qop });
      traceToken(operation, token);
      return token;
    },

    verifyMic(context, message, token) {
      const operation = 'verifyMic';
      const bytes = bytesValue(message, 'message', operation);
      const mic = bytesValue(token, 'token', operation);
      return protectionOf(context, operation).verifyMic(bytes, mic);
    },

    wrapSizeLimit(context, outputSize, options = {}) {
      const operation = 'wrapSizeLimit';
      const size = uint32Argument(outputSize, 'outputSize', operation);
      const confidential = booleanArgument(options.confidential, 'confidential', operation, true);
      const qop = qopArgument(options.qop, operation);
      return protectionOf(context, operation).wrapSizeLimit(size, { confidential, qop });
    },

    wrap(context, message, options = {}) {
      const operation = 'wrap';
      const bytes = bytesValue(message, 'message', operation);
      const confidential = booleanArgument(options.confidential, 'confidential', operation, true);
      const qop = qopArgument(options.qop, operation);
      const result = protectionOf(context, operation).wrap(bytes, { confidential, qop });
      traceToken(operation, result.message);
      return result;
    },

    unwrap(context, message) {
      const operation = 'unwrap';
      const bytes = bytesValue(message, 'message', operation);
      return protectionOf(context, operation).unwrap(bytes);
    },
  };
}
