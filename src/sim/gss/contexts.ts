/**
 * The context calls of the sim (RFC 2743 §2.2): establishment over the RFC 4121 tokens of
 * `krb5/context`, and the calls on a context, each checked against the spec's context machine.
 *
 * @module
 */

import type { ContextsApi } from '../../spec/api/contexts.js';
import {
  booleanArgument,
  bytesValue,
  channelBindingsValue,
  flagsArgument,
  lifetimeArgument,
} from '../../spec/arguments.js';
import { GssError, gssError } from '../../spec/errors.js';
import { RequirementFlag, requirementFlags } from '../../spec/flags.js';
import { mechOfAcceptorToken } from '../../spec/framing.js';
import type { Creds, SecurityContext } from '../../spec/handles.js';
import { MechType } from '../../spec/oids.js';
import type { AcceptSecContextResult, InitSecContextResult } from '../../spec/results.js';
import {
  GSS_S_BAD_MECH,
  GSS_S_BAD_NAME,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CONTEXT,
  GSS_S_NO_CRED,
  GSS_S_UNAVAILABLE,
} from '../../spec/status.js';
import { code, errorMessage } from '../errors/index.js';
import {
  CredentialCache,
  getServiceCredentials,
  Krb5Error,
  type KrbPrincipal,
  parseKrbPrincipal,
  tgsName,
  unparseKrbPrincipal,
} from '../krb5/client/index.js';
import {
  type AcceptedContext,
  acceptContextToken,
  WrongTokenIdError,
} from '../krb5/context/acceptor-token.js';
import { completeInitiator, type InitiatorCompletion } from '../krb5/context/ap-rep-reply.js';
import type { ContextSnapshot } from '../krb5/context/context-snapshot.js';
import { parseContextToken } from '../krb5/context/context-token.js';
import { acceptDceReply } from '../krb5/context/dce-acceptor.js';
import { makeDelegation } from '../krb5/context/delegation.js';
import { exportContextToken, importContextToken } from '../krb5/context/export-token.js';
import { makeInitiatorToken } from '../krb5/context/initiator-token.js';
import { decodeApReq } from '../krb5/messages/ap-req.js';
import {
  CONTEXTS,
  checkCall,
  moveTo,
  newContext,
  protect,
  type SimContextState,
  secondsLeft,
} from './context-state.js';
import { acquire, credsHandle, optionalCreds, type SimCredState } from './creds.js';
import { partyNameEnvironment, principalOfNameValue } from './name-value.js';
import {
  acceptedNameHandle,
  checkKrb5Mech,
  emptyNameHandle,
  nameValue,
  principalHandle,
} from './names.js';
import type { SimParty } from './party.js';

const F = RequirementFlag;

/** The reference's `req_flags` when none are given: mutual authentication and sequencing. */
const DEFAULT_FLAGS = F.mutualAuthentication | F.outOfSequenceDetection;

/**
 * A failure of the krb5 mechanism as the caller sees it: the mechglue maps its minor status
 * (a minor of 0 becomes a made-up number printed `Success`).
 */
export function mechanismError(party: SimParty, error: GssError): GssError {
  // A calling error or a bad mechanism is the mechglue's own answer: no mechanism minor.
  if (error.callingCode !== 0 || error.routineCode === GSS_S_BAD_MECH) return error;
  const message = error.minor === 0 ? errorMessage(0) : (error.minorMessages[0] ?? '');
  return gssError(error.major, party.minors.map(error.minor, message), {
    ...(error.operation === null ? {} : { operation: error.operation }),
    minorMessage: message,
    ...(error.token === null ? {} : { token: error.token }),
    mech: MechType.kerberos,
  });
}

/** A failed Kerberos exchange as the krb5 mechanism reports it: FAILURE with the krb5 code. */
function krb5Failure(party: SimParty, error: Krb5Error, operation: string): GssError {
  return gssError(GSS_S_FAILURE, party.minors.map(error.code, error.message), {
    operation,
    minorMessage: error.message,
    mech: MechType.kerberos,
  });
}

/**
 * A credential without the element a call needs (an accept-only one to initiate, an
 * initiate-only one to accept): krb5's NO_CRED with a minor status of 0, which the mechglue
 * maps like any other (measured on MIT 1.20: a made-up number reading `Success`).
 */
function wrongUsage(party: SimParty, operation: string): GssError {
  return gssError(GSS_S_NO_CRED, party.minors.map(0), { operation, minorMessage: errorMessage(0) });
}

/** Runs a step of the mechanism, turning its failures into what the caller sees. */
function mechanismStep<T>(party: SimParty, operation: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof GssError) {
      // A KRB-ERROR token for the peer is a token like any other for the trace.
      if (error.token !== null) traceToken(party, operation, error.token);
      throw mechanismError(party, error);
    }
    if (error instanceof Krb5Error) throw krb5Failure(party, error, operation);
    throw error;
  }
}

/** The context calls of one party. */
export function contextCalls(party: SimParty): ContextsApi {
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

  /** The acceptor's last step of a DCE-style context: the initiator's raw AP-REP. */
  function continueAcceptor(
    handle: SecurityContext,
    context: SimContextState,
    input: Uint8Array,
  ): AcceptSecContextResult {
    const operation = 'acceptSecContext';
    const dce = context.dce;
    // A failed call left a union context without a mechanism context (g_accept_sec_context.c).
    if (context.state === 'failed') throw gssError(GSS_S_NO_CONTEXT, 0, { operation });
    if (context.state !== 'acceptorContinueNeeded' || dce === null) {
      // krb5_gss_accept_sec_context_ext sets this extended message, which MIT then displays.
      const message = 'accept_sec_context called with existing context handle';
      throw gssError(GSS_S_FAILURE, party.minors.map(code('EINVAL'), message), {
        operation,
        minorMessage: message,
      });
    }
    let accepted: AcceptedContext;
    try {
      accepted = mechanismStep(party, operation, () => acceptDceReply(dce, input));
    } catch (error) {
      moveTo(context, 'failed');
      throw error;
    }
    context.dce = null;
    context.flags = accepted.context.flags;
    protect(context, accepted.context);
    moveTo(context, 'established');
    const result = acceptResult(handle, context, accepted, null);
    // kg_accept_dce returns the context's flags without GSS_C_DELEG_FLAG.
    return { ...result, flags: requirementFlags(context.flags & ~F.delegateToPeer) };
  }

  /** The result of an accepting step that completes the context. */
  function acceptResult(
    handle: SecurityContext,
    context: SimContextState,
    accepted: AcceptedContext,
    delegated: Creds | null,
  ): AcceptSecContextResult {
    return {
      context: handle,
      initiatorName: acceptedNameHandle(parseKrbPrincipal(accepted.initiatorName)),
      mech: MechType.kerberos,
      token: accepted.token,
      flags: requirementFlags(context.flags),
      lifetime: Math.max(0, secondsLeft(context)),
      delegatedCreds: delegated,
      moreSteps: false,
    };
  }

  return {
    initSecContext(targetName, options = {}) {
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
    },

    acceptSecContext(inputToken, options = {}) {
      const operation = 'acceptSecContext';
      const input = bytesValue(inputToken, 'inputToken', operation);
      const creds = optionalCreds(options.acceptorCreds, operation);
      const bindings = channelBindingsValue(options.channelBindings, operation);
      if (options.context !== null && options.context !== undefined) {
        return continueAcceptor(options.context, CONTEXTS.get(options.context, operation), input);
      }

      const mech = mechOfAcceptorToken(input);
      const oid = input[0] === 0x60 ? mechglueOid(input) : undefined;
      if (oid === null) throw gssError(GSS_S_DEFECTIVE_TOKEN, 0, { operation });
      if (mech === null) {
        // An OID the mechglue reads but that is no valid OID names no mechanism.
        const foreign = oid !== undefined && !equalBytes(oid, MechType.kerberos.bytes);
        throw gssError(foreign ? GSS_S_BAD_MECH : GSS_S_DEFECTIVE_TOKEN, 0, { operation });
      }
      if (!mech.equals(MechType.kerberos)) {
        // The mechglue knows krb5's pre-RFC and Microsoft OIDs, but as deprecated mechanisms
        // that no default or default-mechanism acceptor credential covers (g_accept_sec_context).
        const known = mech.equals(MechType.kerberosOld) || mech.equals(MechType.kerberosWrong);
        throw gssError(known ? GSS_S_NO_CRED : GSS_S_BAD_MECH, 0, { operation });
      }
      const acceptor = creds ?? acquire(party, null, 'accept', operation);
      if (acceptor.acceptor === null) throw wrongUsage(party, operation);
      const wanted =
        acceptor.acceptor.principal === null
          ? null
          : unparseKrbPrincipal(acceptor.acceptor.principal);
      const keys =
        wanted === null ? party.keytab : party.keytab.filter((key) => key.principal === wanted);

      let accepted: AcceptedContext;
      try {
        accepted = mechanismStep(party, operation, () =>
          acceptContextToken(input, {
            keys,
            clock: party.clock,
            random: party.random,
            replayCache: party.replayCache,
            channelBindings: bindings,
          }),
        );
      } catch (error) {
        if (error instanceof WrongTokenIdError) return emptyAcceptorContext(party);
        throw error;
      }
      if (accepted.token !== null) traceToken(party, operation, accepted.token);

      const established = accepted.context;
      const dce = accepted.dce ?? null;
      const context = newContext(party, {
        state: dce === null ? 'established' : 'acceptorContinueNeeded',
        initiator: false,
        flags: established.flags,
        initiatorName: parseKrbPrincipal(accepted.initiatorName),
        targetName: ticketServer(input),
        ...(accepted.ticketFlags === undefined ? {} : { ticketFlags: accepted.ticketFlags }),
        ...(accepted.authorizationData === undefined
          ? {}
          : { authorizationData: accepted.authorizationData }),
        authtime: accepted.authtime,
        endtime: established.endtime,
        pending: null,
        dce,
        established: null,
        protection: null,
      });
      const handle = CONTEXTS.make(context);
      if (dce !== null) {
        // MIT reports no flags, no initiator and no lifetime until the last leg (kg_accept_krb5).
        return {
          context: handle,
          initiatorName: emptyNameHandle(),
          mech: MechType.kerberos,
          token: accepted.token,
          flags: requirementFlags(0),
          lifetime: 0,
          delegatedCreds: null,
          moreSteps: true,
        };
      }
      protect(context, established);
      const delegated =
        accepted.delegated === undefined ? null : delegatedCreds(party, accepted.delegated);
      return acceptResult(handle, context, accepted, delegated);
    },

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
            : acceptedNameHandle(context.initiatorName);
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
      // A DCE-style acceptor between its legs has no slot in MIT's export record as the sim
      // writes it (see the README's known limits).
      if (context.dce !== null) throw gssError(GSS_S_UNAVAILABLE, 0, { operation });
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

/**
 * MIT's answer to a krb5 token of the wrong type: CONTINUE_NEEDED with a context handle that
 * holds no mechanism context (the machine's `failed` state), no token, no flags.
 */
/**
 * The mechanism OID MIT's mechglue reads off a framed token (`gssint_get_mech_type_oid`), or
 * null when it finds the token defective: after 0x60, a first length octet that is not 0 (a
 * long form of at most four octets, its value unchecked), 0x06, then a one-octet OID length
 * up to 127 that fits. The OID's contents are not decoded: one that is not a valid OID names
 * no mechanism, GSS_S_BAD_MECH (measured on MIT 1.20.1).
 */
function mechglueOid(token: Uint8Array): Uint8Array | null {
  const first = token[1] ?? 0;
  if (first === 0) return null;
  const lengthOctets = first & 0x80 ? first & 0x7f : 0;
  if (lengthOctets > 4 || lengthOctets > token.length - 2) return null;
  const tag = 2 + lengthOctets;
  const oidLength = token[tag + 1] ?? 0x80;
  if (token[tag] !== 0x06 || oidLength > 0x7f || oidLength > token.length - tag - 2) return null;
  return token.subarray(tag + 2, tag + 2 + oidLength);
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, index) => byte === b[index]);

function emptyAcceptorContext(party: SimParty): AcceptSecContextResult {
  const context = newContext(party, {
    state: 'failed',
    initiator: false,
    flags: 0,
    initiatorName: null,
    targetName: null,
    authtime: 0,
    endtime: 0,
    pending: null,
    dce: null,
    established: null,
    protection: null,
  });
  return {
    context: CONTEXTS.make(context),
    initiatorName: emptyNameHandle(),
    mech: MechType.kerberos,
    token: null,
    flags: requirementFlags(0),
    lifetime: 0,
    delegatedCreds: null,
    moreSteps: true,
  };
}

/** A credential for the TGT a peer delegated: a ccache of its own, for initiating. */
function delegatedCreds(
  party: SimParty,
  credential: Parameters<CredentialCache['store']>[0],
): ReturnType<typeof credsHandle> {
  const ccache = new CredentialCache(credential.client);
  ccache.store(credential);
  return credsHandle({ party, usage: 'initiate', ccache, acceptor: null });
}

/** The server an accepted AP-REQ's ticket names (its clear part), as MIT's acceptor reports it. */
function ticketServer(token: Uint8Array): KrbPrincipal | null {
  const parsed = token[0] === 0x6e ? token : parseContextToken(token)?.message;
  if (parsed === undefined) return null;
  const { ticket } = decodeApReq(parsed);
  return { realm: ticket.realm, name: ticket.sname };
}

/** Records a context token when the realm traces. */
function traceToken(party: SimParty, call: string, token: Uint8Array): void {
  const { trace } = party.realm;
  if (trace.enabled) trace.record({ kind: 'token', party: party.label, call, token });
}

/**
 * The flags a context keeps (what `inquireContext` reports) for the flags an establishment
 * step returned: MIT's one-leg initiator stores GSS_C_PROT_READY_FLAG without returning it
 * from `initSecContext` (measured; `kg_new_connection`).
 */
function storedFlags(initiator: boolean, returned: number, established: boolean): number {
  const oneLeg = initiator && established && (returned & F.mutualAuthentication) === 0;
  return oneLeg ? (returned | F.protectionReady) >>> 0 : returned;
}

/** What an export holds of a context. */
function snapshotOf(context: SimContextState): ContextSnapshot {
  const { initiatorName, targetName, established, protection, pending } = context;
  if (initiatorName === null || targetName === null) {
    throw new RangeError('expected a context that knows both names');
  }
  return {
    initiator: context.initiator,
    initiatorName,
    targetName,
    authtime: context.authtime,
    sendSeq: protection?.sendSeq ?? BigInt(pending?.seqNumber ?? 0),
    ...(established === null ? {} : { established }),
    ...(protection === null ? {} : { window: protection.receiveWindow }),
    ...(pending === null ? {} : { pending }),
    ...(context.mit === null || context.mit === undefined ? {} : { mit: context.mit }),
  };
}

/** A live context from an imported snapshot. */
function restore(party: SimParty, snapshot: ContextSnapshot): SimContextState {
  const { established, pending } = snapshot;
  const context = newContext(party, {
    state: established === undefined ? 'initiatorContinueNeeded' : 'established',
    initiator: snapshot.initiator,
    flags:
      established === undefined
        ? (pending?.flags ?? 0)
        : storedFlags(snapshot.initiator, established.flags, true),
    initiatorName: snapshot.initiatorName,
    targetName: snapshot.targetName,
    authtime: snapshot.authtime,
    endtime: established?.endtime ?? pending?.endtime ?? 0,
    pending: pending ?? null,
    dce: null,
    established: null,
    protection: null,
  });
  context.mit = snapshot.mit ?? null;
  context.ticketFlags = snapshot.mit?.krbFlags ?? 0;
  context.authorizationData = (snapshot.mit?.authdata ?? []).map(({ adType, contents }) => ({
    adType,
    adData: contents,
  }));
  if (established !== undefined) {
    protect(context, established, {
      sendSeq: snapshot.sendSeq,
      ...(snapshot.window === undefined ? {} : { window: snapshot.window }),
    });
  }
  return context;
}
