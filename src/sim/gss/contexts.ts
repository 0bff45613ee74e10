/**
 * The context calls of the sim (RFC 2743 §2.2): establishment (`context-initiator.ts`,
 * `context-acceptor.ts`) over the RFC 4121 tokens of `krb5/context`, and the calls on a
 * context, each checked against the spec's context machine first.
 *
 * @module
 */

import type { ContextsApi } from '../../spec/api/contexts.js';
import { booleanArgument, bytesValue } from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import { requirementFlags } from '../../spec/flags.js';
import { MechType } from '../../spec/oids.js';
import { GSS_S_CALL_INACCESSIBLE_READ } from '../../spec/status.js';
import { exportContextToken, importContextToken } from '../krb5/context/export-token.js';
import { acceptSecContextCall } from './context-acceptor.js';
import { initSecContextCall } from './context-initiator.js';
import { CONTEXTS, checkCall, secondsLeft } from './context-state.js';
import { restore, snapshotOf } from './context-transfer.js';
import { mechanismStep } from './mechanism-step.js';
import { acceptedNameHandle, principalHandle } from './names.js';
import type { SimParty } from './party.js';

/** The context calls of one party. */
export function contextCalls(party: SimParty): ContextsApi {
  return {
    initSecContext: initSecContextCall(party),
    acceptSecContext: acceptSecContextCall(party),

    inquireContext(contextHandle, options = {}) {
      const operation = 'inquireContext';
      const context = CONTEXTS.get(contextHandle, operation);
      checkCall(context, 'inquireContext', operation);
      const complete = context.state === 'established';
      const name = (principal: typeof context.initiatorName, asked: boolean | undefined) =>
        asked === false || !complete || principal === null ? null : principalHandle(principal);
      // An acceptor's initiator name keeps the ticket's authorization-data context.
      const initiatorName =
        context.initiator || options.initiatorName === false || !complete
          ? name(context.initiatorName, options.initiatorName)
          : context.initiatorName === null
            ? null
            : acceptedNameHandle(context.initiatorName, context.initiatorAuthdata);
      return {
        initiatorName,
        targetName: name(context.targetName, options.targetName),
        lifetime: options.lifetime === false ? null : complete ? secondsLeft(context) : 0,
        mech: options.mech === false ? null : MechType.kerberos,
        flags: options.flags === false ? null : requirementFlags(context.flags),
        locallyInit: options.locallyInit === false ? null : context.initiator,
        complete: options.complete === false ? null : complete,
      };
    },

    contextTime(contextHandle) {
      const operation = 'contextTime';
      const context = CONTEXTS.get(contextHandle, operation);
      checkCall(context, 'contextTime', operation);
      return secondsLeft(context);
    },

    processContextToken(contextHandle, token) {
      const operation = 'processContextToken';
      const context = CONTEXTS.get(contextHandle, operation);
      // MIT's mechglue refuses an empty token before the mechanism sees it.
      if (bytesValue(token, 'token', operation).length === 0) {
        throw gssError(GSS_S_CALL_INACCESSIBLE_READ, 0, { operation });
      }
      // RFC 4121 defines no token for it: the machine has every state refuse the call.
      checkCall(context, 'processContextToken', operation);
    },

    importSecContext(token) {
      const operation = 'importSecContext';
      const snapshot = mechanismStep(party, operation, () =>
        importContextToken(bytesValue(token, 'token', operation)),
      );
      return CONTEXTS.make(restore(party, snapshot));
    },

    exportSecContext(contextHandle) {
      const operation = 'exportSecContext';
      const context = CONTEXTS.get(contextHandle, operation);
      checkCall(context, 'exportSecContext', operation);
      const token = exportContextToken(snapshotOf(context));
      CONTEXTS.release(contextHandle, operation);
      return token;
    },

    deleteSecContext(contextHandle, options = {}) {
      const operation = 'deleteSecContext';
      booleanArgument(options.localOnly, 'localOnly', operation, true);
      const context = CONTEXTS.get(contextHandle, operation);
      checkCall(context, 'deleteSecContext', operation);
      CONTEXTS.release(contextHandle, operation);
      return new Uint8Array(0);
    },
  };
}
