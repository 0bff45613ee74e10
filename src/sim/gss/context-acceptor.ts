/**
 * `acceptSecContext` of the sim: the mechglue's choice of mechanism, the acceptor credential's
 * keys, the AP-REQ of `krb5/context/acceptor-token.ts`, a DCE-style last leg, delegated
 * credentials, and MIT's answer to a krb5 token of the wrong type.
 *
 * @module
 */

import type { ContextsApi } from '../../spec/api/contexts.js';
import { bytesValue, channelBindingsValue } from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import { RequirementFlag, requirementFlags } from '../../spec/flags.js';
import { mechOfAcceptorToken } from '../../spec/framing.js';
import type { Creds, SecurityContext } from '../../spec/handles.js';
import { MechType } from '../../spec/oids.js';
import type { AcceptSecContextResult } from '../../spec/results.js';
import {
  GSS_S_BAD_MECH,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CONTEXT,
  GSS_S_NO_CRED,
} from '../../spec/status.js';
import { code } from '../errors/index.js';
import {
  CredentialCache,
  type KrbPrincipal,
  parseKrbPrincipal,
  unparseKrbPrincipal,
} from '../krb5/client/index.js';
import {
  type AcceptedContext,
  acceptContextToken,
  WrongTokenIdError,
} from '../krb5/context/acceptor-token.js';
import { parseContextToken } from '../krb5/context/context-token.js';
import { acceptDceReply } from '../krb5/context/dce-acceptor.js';
import { decodeApReq } from '../krb5/messages/ap-req.js';
import {
  CONTEXTS,
  moveTo,
  newContext,
  protect,
  type SimContextState,
  secondsLeft,
} from './context-state.js';
import { acquire, credsHandle, optionalCreds } from './creds.js';
import { mechanismStep, traceToken, wrongUsage } from './mechanism-step.js';
import { ticketAuthdata } from './name-authdata.js';
import { acceptedNameHandle, emptyNameHandle } from './names.js';
import type { SimParty } from './party.js';

const F = RequirementFlag;

/** `acceptSecContext` of one party. */
export function acceptSecContextCall(party: SimParty): ContextsApi['acceptSecContext'] {
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
      initiatorName: acceptedNameHandle(
        parseKrbPrincipal(accepted.initiatorName),
        context.initiatorAuthdata,
      ),
      mech: MechType.kerberos,
      token: accepted.token,
      flags: requirementFlags(context.flags),
      lifetime: Math.max(0, secondsLeft(context)),
      delegatedCreds: delegated,
      moreSteps: false,
    };
  }

  return function acceptSecContext(inputToken, options = {}) {
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
      ...(accepted.pac === undefined && accepted.indicators === undefined
        ? {}
        : { initiatorAuthdata: ticketAuthdata(accepted.pac, accepted.indicators) }),
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
  };
}

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

/**
 * MIT's answer to a krb5 token of the wrong type: CONTINUE_NEEDED with a context handle that
 * holds no mechanism context (the machine's `failed` state), no token, no flags.
 */
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
