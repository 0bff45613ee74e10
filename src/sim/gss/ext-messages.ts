/**
 * The sim's per-message extensions: IOV wrapping (`dce`), AEAD wrapping (`dceAead`) and IOV
 * MICs (`iovMic`), over RFC 4121 tokens laid out across buffers (RFC 4121 §4.2.4). The
 * context machine decides whether the context may protect messages; its `MessageProtection`
 * then does the work with the same keys, sequence numbers and receive window as `wrap`.
 *
 * @module
 */

import type { DceAeadApi, DceApi, IovMicApi } from '../../spec/api/ext-messages.js';
import { booleanArgument, bytesValue, qopArgument } from '../../spec/arguments.js';
import { RequirementFlag } from '../../spec/flags.js';
import { IOV } from '../../spec/iov.js';
import type { ContextCall } from '../../spec/machines/context-calls.js';
import type { MessageProtection } from '../krb5/tokens/message-protection.js';
import { CONTEXTS, checkCall } from './context-state.js';
import type { SimParty } from './party.js';

/** What an IOV call works with: the context's protection and whether it is DCE style. */
interface Protected {
  readonly protection: MessageProtection;
  readonly dceStyle: boolean;
}

/** The protection of a live, usable context. @throws as the machine predicts for its state. */
function protectionOf(context: unknown, call: ContextCall): Protected {
  const state = CONTEXTS.get(context, call);
  checkCall(state, call, call);
  const { protection } = state;
  if (protection === null) throw new Error(`${call}: an established context without keys`);
  return { protection, dceStyle: (state.flags & RequirementFlag.dceStyle) !== 0 };
}

/** @throws {TypeError} when `message` is not an IOV. */
function iovArgument(message: unknown, operation: string): IOV {
  if (!(message instanceof IOV)) {
    throw new TypeError(`${operation}: expected message as an IOV, got ${typeof message}`);
  }
  return message;
}

/** Associated data: null when absent. @throws {TypeError} when it is not bytes. */
function associatedArgument(value: unknown, operation: string): Uint8Array | null {
  if (value === null || value === undefined) return null;
  return bytesValue(value, 'associated data', operation);
}

/** The `dce`, `dceAead` and `iovMic` calls of one party. */
export function extMessageCalls(party: SimParty): DceApi & DceAeadApi & IovMicApi {
  const traceToken = (call: string, token: Uint8Array) => {
    const { trace } = party.realm;
    if (trace.enabled) trace.record({ kind: 'token', party: party.label, call, token });
  };

  return {
    wrapIov(context, message, options = {}) {
      const operation = 'wrapIov';
      const iov = iovArgument(message, operation);
      const confidential = booleanArgument(options.confidential, 'confidential', operation, true);
      const qop = qopArgument(options.qop, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      return protection.wrapIov(iov, { confidential, qop, dceStyle });
    },

    wrapIovLength(context, message, options = {}) {
      const operation = 'wrapIovLength';
      const iov = iovArgument(message, operation);
      const confidential = booleanArgument(options.confidential, 'confidential', operation, true);
      const qop = qopArgument(options.qop, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      return protection.wrapIovLength(iov, { confidential, qop, dceStyle });
    },

    unwrapIov(context, message) {
      const operation = 'unwrapIov';
      const iov = iovArgument(message, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      return protection.unwrapIov(iov, { dceStyle });
    },

    wrapAead(context, message, options = {}) {
      const operation = 'wrapAead';
      const bytes = bytesValue(message, 'message', operation);
      const associated = associatedArgument(options.associated, operation);
      const confidential = booleanArgument(options.confidential, 'confidential', operation, true);
      const qop = qopArgument(options.qop, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      const result = protection.wrapAead(bytes, { associated, confidential, qop, dceStyle });
      traceToken(operation, result.message);
      return result;
    },

    unwrapAead(context, message, options = {}) {
      const operation = 'unwrapAead';
      const bytes = bytesValue(message, 'message', operation);
      const associated = associatedArgument(options.associated, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      return protection.unwrapAead(bytes, { associated, dceStyle });
    },

    getMicIov(context, message, options = {}) {
      const operation = 'getMicIov';
      const iov = iovArgument(message, operation);
      const qop = qopArgument(options.qop, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      protection.getMicIov(iov, { qop, dceStyle });
    },

    getMicIovLength(context, message, options = {}) {
      const operation = 'getMicIovLength';
      const iov = iovArgument(message, operation);
      const qop = qopArgument(options.qop, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      protection.getMicIovLength(iov, { qop, dceStyle });
    },

    verifyMicIov(context, message) {
      const operation = 'verifyMicIov';
      const iov = iovArgument(message, operation);
      const { protection, dceStyle } = protectionOf(context, operation);
      return protection.verifyMicIov(iov, { dceStyle });
    },
  };
}
