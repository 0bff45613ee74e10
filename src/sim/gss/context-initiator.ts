/**
 * `initSecContext` of the sim: the first step (a service ticket, then the AP-REQ of
 * `krb5/context/initiator-token.ts`) and the last (the acceptor's AP-REP, and with DCE style
 * the initiator's own), with MIT's answers for every misuse of a context handle.
 *
 * @module
 */

import type { ContextsApi } from '../../spec/api/contexts.js';
import {
  bytesValue,
  channelBindingsValue,
  flagsArgument,
  lifetimeArgument,
} from '../../spec/arguments.js';
import { GssError, gssError } from '../../spec/errors.js';
import { RequirementFlag, requirementFlags } from '../../spec/flags.js';
import type { SecurityContext } from '../../spec/handles.js';
import { MechType } from '../../spec/oids.js';
import type { InitSecContextResult } from '../../spec/results.js';
import {
  GSS_S_BAD_NAME,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CONTEXT,
} from '../../spec/status.js';
import { code, errorMessage } from '../errors/index.js';
import {
  type CredentialCache,
  getServiceCredentials,
  Krb5Error,
  tgsName,
} from '../krb5/client/index.js';
import { completeInitiator, type InitiatorCompletion } from '../krb5/context/ap-rep-reply.js';
import { makeDelegation } from '../krb5/context/delegation.js';
import { makeInitiatorToken } from '../krb5/context/initiator-token.js';
import {
  CONTEXTS,
  moveTo,
  newContext,
  protect,
  type SimContextState,
  secondsLeft,
} from './context-state.js';
import { storedFlags } from './context-transfer.js';
import { acquire, optionalCreds, type SimCredState } from './creds.js';
import { mechanismStep, traceToken, wrongUsage } from './mechanism-step.js';
import { partyNameEnvironment, principalOfNameValue } from './name-value.js';
import { checkKrb5Mech, nameValue } from './names.js';
import type { SimParty } from './party.js';

const F = RequirementFlag;

/** The reference's `req_flags` when none are given: mutual authentication and sequencing. */
const DEFAULT_FLAGS = F.mutualAuthentication | F.outOfSequenceDetection;

/** `initSecContext` of one party. */
export function initSecContextCall(party: SimParty): ContextsApi['initSecContext'] {
  const realm = party.realm;

  /** The initiator element of the given credential, or the default one. */
  function initiatorCreds(given: SimCredState | null, operation: string): CredentialCache {
    const creds = given ?? acquire(party, null, 'initiate', operation);
    if (creds.ccache === null) throw wrongUsage(party, operation);
    return creds.ccache;
  }

  function startInitiator(
    targetName: unknown,
    options: NonNullable<Parameters<ContextsApi['initSecContext']>[1]>,
    flags: number,
  ): InitSecContextResult {
    const operation = 'initSecContext';
    const target = nameValue(targetName, operation);
    const creds = optionalCreds(options.creds, operation);
    checkKrb5Mech(options.mech, operation);
    lifetimeArgument(options.lifetime, operation);
    const bindings = channelBindingsValue(options.channelBindings, operation);
    const server = principalOfNameValue(target, partyNameEnvironment(party), operation);
    const ccache = initiatorCreds(creds, operation);

    const { token, state, credential } = mechanismStep(party, operation, () => {
      const tgt = ccache.retrieve(tgsName(ccache.principal.realm));
      if (tgt === undefined) {
        throw new Krb5Error({
          minor: code('KRB5_CC_NOTFOUND'),
          message: errorMessage(code('KRB5_CC_NOTFOUND')),
        });
      }
      const service = getServiceCredentials({
        kdc: realm.kdc,
        tgt,
        server,
        ccache,
        random: party.random,
        clock: party.clock,
      });
      // get_credentials (init_sec_context.c) holds a ticket past its end as expired, without
      // the clock skew the KDC forgives.
      if (party.now(ccache.timeOffset) > service.times.endtime) {
        const expired = code('KRB5KRB_AP_ERR_TKT_EXPIRED');
        throw new Krb5Error({ minor: expired, message: errorMessage(expired) });
      }
      const made = makeInitiatorToken({
        credential: service,
        flags,
        channelBindings: bindings,
        random: party.random,
        clock: party.clock,
        delegate: ({ sessionKey, seqNumber }) =>
          makeDelegation({
            kdc: realm.kdc,
            tgt,
            sessionKey,
            seqNumber,
            random: party.random,
            clock: party.clock,
            ...(ccache.timeOffset === undefined ? {} : { timeOffset: ccache.timeOffset }),
          }),
      });
      return { ...made, credential: service };
    });
    traceToken(party, operation, token);

    const mutual = (state.flags & F.mutualAuthentication) !== 0;
    const context = newContext(party, {
      state: mutual ? 'initiatorContinueNeeded' : 'established',
      initiator: true,
      flags: storedFlags(true, state.flags, !mutual),
      initiatorName: ccache.principal,
      targetName: credential.server,
      ticketFlags: credential.flags,
      authtime: credential.times.authtime,
      endtime: credential.times.endtime,
      pending: mutual ? state : null,
      dce: null,
      established: null,
      protection: null,
    });
    if (!mutual) {
      protect(context, {
        initiator: true,
        flags: state.flags,
        ctxKey: state.subkey,
        acceptorSubkey: null,
        sendSeq: state.seqNumber,
        recvSeq: state.seqNumber,
        endtime: state.endtime,
      });
    }
    return {
      context: CONTEXTS.make(context),
      mech: MechType.kerberos,
      flags: requirementFlags(state.flags),
      token,
      lifetime: Math.max(0, secondsLeft(context)),
      moreSteps: mutual,
    };
  }

  function continueInitiator(
    handle: SecurityContext,
    context: SimContextState,
    inputToken: Uint8Array | null,
  ): InitSecContextResult {
    const operation = 'initSecContext';
    const pending = context.pending;
    // A failed call left a union context without a mechanism context (g_init_sec_context.c).
    if (context.state === 'failed') throw gssError(GSS_S_NO_CONTEXT, 0, { operation });
    if (context.state === 'acceptorContinueNeeded') {
      // mutual_auth on a waiting DCE acceptor: its peer is not the target (kg_compare_name),
      // BAD_NAME with minor 0 and the context deleted (measured on MIT 1.20.1).
      moveTo(context, 'failed');
      throw gssError(GSS_S_BAD_NAME, party.minors.map(0), {
        operation,
        minorMessage: errorMessage(0),
      });
    }
    if (context.state !== 'initiatorContinueNeeded' || pending === null) {
      moveTo(context, 'failed');
      throw gssError(GSS_S_FAILURE, party.minors.map(code('KG_CONTEXT_ESTABLISHED')), {
        operation,
        minorMessage: errorMessage(code('KG_CONTEXT_ESTABLISHED')),
      });
    }
    if (inputToken === null) {
      // mutual_auth: no token at all deletes the context, with DEFECTIVE_TOKEN and minor 0.
      moveTo(context, 'failed');
      throw gssError(GSS_S_DEFECTIVE_TOKEN, party.minors.map(0), {
        operation,
        minorMessage: errorMessage(0),
      });
    }
    let completion: InitiatorCompletion;
    try {
      completion = mechanismStep(party, operation, () =>
        completeInitiator(pending, inputToken, { clock: party.clock, random: party.random }),
      );
    } catch (error) {
      // mutual_auth keeps the context for a token that is neither an AP-REP nor a KRB-ERROR
      // (DEFECTIVE_TOKEN); every other failure deletes it.
      const defective = error instanceof GssError && error.routineCode === GSS_S_DEFECTIVE_TOKEN;
      if (!defective) moveTo(context, 'failed');
      throw error;
    }
    const { context: established, token } = completion;
    if (token !== null) traceToken(party, operation, token);
    context.pending = null;
    context.flags = established.flags;
    protect(context, established);
    moveTo(context, 'established');
    return {
      context: handle,
      mech: MechType.kerberos,
      flags: requirementFlags(context.flags),
      token,
      lifetime: Math.max(0, secondsLeft(context)),
      moreSteps: false,
    };
  }

  return function initSecContext(targetName, options = {}) {
    const operation = 'initSecContext';
    const given = options.context ?? null;
    const flags =
      options.flags === null || options.flags === undefined
        ? DEFAULT_FLAGS
        : flagsArgument(options.flags);
    const inputToken =
      options.inputToken === null || options.inputToken === undefined
        ? null
        : bytesValue(options.inputToken, 'inputToken', operation);
    if (given === null && inputToken !== null && inputToken.length > 0) {
      // kg_new_connection refuses a token on a first call: DEFECTIVE_TOKEN, minor 0, no
      // context (measured on MIT 1.20.1).
      throw gssError(GSS_S_DEFECTIVE_TOKEN, party.minors.map(0), {
        operation,
        minorMessage: errorMessage(0),
      });
    }
    if (given === null) return startInitiator(targetName, options, flags);

    const context = CONTEXTS.get(given, operation);
    nameValue(targetName, operation);
    optionalCreds(options.creds, operation);
    checkKrb5Mech(options.mech, operation);
    return continueInitiator(given, context, inputToken);
  };
}
