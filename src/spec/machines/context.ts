/**
 * The life of one security context handle, initiator or acceptor, as MIT krb5 1.20 with its
 * krb5 mechanism lives it: no context → continue needed → established → expired, deleted or
 * exported, plus the `failed` husk that a failed continuation leaves behind.
 *
 * Every call is an event named after the python-gssapi function. The machine records what the
 * call returns in `context.result`; calls that do not establish the context come from the
 * tables of `context-calls.ts`, establishing calls are the guarded transitions below.
 *
 * @module
 */

import { assign, setup } from 'xstate';
import { RequirementFlag } from '../flags.js';
import {
  GSS_S_BAD_NAME,
  GSS_S_COMPLETE,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CONTEXT,
} from '../status.js';
import {
  type ContextEvent,
  type ContextMachineContext,
  type ContextPrediction,
  type InputTokenKind,
  inputToken,
  requestedFlags,
} from './context-events.js';
import {
  asksDceStyle,
  asksMutual,
  krb5AcceptorFlags,
  krb5InitiatorFlags,
} from './context-flags.js';
import {
  callTransitions,
  establishedTransitions,
  report,
  startTransitions,
} from './context-transitions.js';
import { predict } from './prediction.js';

export type {
  AcceptSecContextEvent,
  ContextCallEvent,
  ContextEvent,
  ContextMachineContext,
  ContextPrediction,
  EndtimePassesEvent,
  ImportSecContextEvent,
  InitSecContextEvent,
  InputTokenKind,
} from './context-events.js';

const { delegateToPeer } = RequirementFlag;

/**
 * One security context handle under MIT krb5 1.20 and its krb5 mechanism. Start it with no
 * input; send the calls made on the handle; read `context.result` for what each returned.
 *
 * `importSecContext` is accepted only where the handle holds no context (it creates one); the
 * establishing calls on a context of the other role follow MIT's code paths, noted per
 * transition.
 */
export const contextMachine = setup({
  // Type-only declarations (xstate's idiom): the `{} as T` values are never read.
  types: {
    context: {} as ContextMachineContext,
    events: {} as ContextEvent,
  },
  guards: {
    /** The request asks for an AP-REP: GSS_C_MUTUAL_FLAG or GSS_C_DCE_STYLE. */
    asksMutual: ({ event }) => asksMutual(requestedFlags(event)),
    /** The request asks for DCE style. */
    asksDceStyle: ({ event }) => asksDceStyle(requestedFlags(event)),
    /** The context was established with DCE style. */
    isDceStyle: ({ context }) => asksDceStyle(context.flags),
    /**
     * A first init given a token: every kind but `valid` (a first leg has no peer token) and
     * `unframed` (an empty buffer) is a non-empty buffer.
     */
    givesFirstToken: ({ event }) =>
      event.type === 'initSecContext' &&
      inputToken(event) !== 'valid' &&
      inputToken(event) !== 'unframed',
    /** The input token is of the given kind. */
    inputTokenIs: ({ event }, params: { kind: InputTokenKind }) =>
      inputToken(event) === params.kind,
    /** The peer's token for this leg, on a DCE-style context. */
    validDceToken: ({ context, event }) =>
      inputToken(event) === 'valid' && asksDceStyle(context.flags),
    /** An unframed token on a non-DCE context (DCE AP-REPs are raw, so never unframed). */
    unframedNotDce: ({ context, event }) =>
      inputToken(event) === 'unframed' && !asksDceStyle(context.flags),
    /** The imported context was established. */
    importsEstablished: ({ event }) => event.type === 'importSecContext' && event.established,
    /** The imported context is an initiator's. */
    importsInitiator: ({ event }) =>
      event.type === 'importSecContext' && event.role === 'initiator',
  },
  actions: {
    /** Records what the call returned. */
    report: assign((_, params: { prediction: ContextPrediction }) => ({
      result: params.prediction,
    })),
    /** A new initiator context from `kg_new_connection`. */
    startInitiator: assign(({ event }) => ({
      role: 'initiator' as const,
      flags: krb5InitiatorFlags(requestedFlags(event)),
    })),
    /** A new acceptor context from `kg_accept_krb5`. */
    startAcceptor: assign(({ event }) => ({
      role: 'acceptor' as const,
      flags: krb5AcceptorFlags(requestedFlags(event)),
    })),
    /** The context of an imported token. */
    adopt: assign(({ event }) => ({
      role: event.type === 'importSecContext' ? event.role : null,
      flags: requestedFlags(event),
    })),
    /** Reports a completed or continued establishing call with its token and flags. */
    reportStep: assign(
      (
        { context },
        params: { major: number; outputToken: boolean; extra: number; clear: number },
      ) => ({
        result: {
          major: params.major,
          outputToken: params.outputToken,
          flags: ((context.flags | params.extra) & ~params.clear) >>> 0,
        },
      }),
    ),
    /** A failed accept of an AP-REQ: MIT sends a KRB-ERROR back when mutual was asked. */
    reportRejectedApReq: assign(({ event }) => ({
      result: { major: GSS_S_FAILURE, outputToken: asksMutual(requestedFlags(event)) },
    })),
  },
}).createMachine({
  id: 'context',
  description: 'A security context handle under MIT krb5 1.20 (RFC 2743 §1.1.2, RFC 4121 §4).',
  context: { role: null, flags: 0, result: null },
  initial: 'noContext',
  states: {
    noContext: {
      description: 'The handle is GSS_C_NO_CONTEXT: nothing was established on it yet.',
      on: { ...callTransitions('noContext'), ...startTransitions() },
    },
    initiatorContinueNeeded: {
      description:
        'The initiator sent its AP-REQ and waits for the AP-REP (mutual or DCE style); ' +
        'ctx->established = 0 (init_sec_context.c kg_new_connection).',
      on: {
        ...callTransitions('initiatorContinueNeeded'),
        initSecContext: [
          {
            guard: 'validDceToken',
            target: 'established',
            description:
              'mutual_auth, DCE style: the raw AP-REP verifies; COMPLETE, emitting the ' +
              'third-leg DCE AP-REP (krb5_mk_rep_dce). PROT_READY is not added.',
            actions: {
              type: 'reportStep',
              params: { major: GSS_S_COMPLETE, outputToken: true, extra: 0, clear: 0 },
            },
          },
          {
            guard: { type: 'inputTokenIs', params: { kind: 'valid' } },
            target: 'established',
            description:
              'mutual_auth: the AP-REP verifies; COMPLETE with no output token. PROT_READY is ' +
              'not added (only kg_new_connection adds it, for non-mutual contexts).',
            actions: {
              type: 'reportStep',
              params: { major: GSS_S_COMPLETE, outputToken: false, extra: 0, clear: 0 },
            },
          },
          {
            guard: 'unframedNotDce',
            description:
              'mutual_auth: neither an AP-REP nor a KRB-ERROR header; DEFECTIVE_TOKEN with ' +
              'minor 0, and the context is kept.',
            actions: report(predict(GSS_S_DEFECTIVE_TOKEN)),
          },
          {
            target: 'failed',
            description:
              'mutual_auth fails (bad AP-REP, KRB-ERROR, or any bad raw DCE token): ' +
              'GSS_S_FAILURE and the mechanism deletes its context (RFC 2744 §5.19 keeps the ' +
              'union handle).',
            actions: report(predict(GSS_S_FAILURE)),
          },
        ],
        acceptSecContext: [
          {
            guard: 'isDceStyle',
            target: 'failed',
            description:
              'krb5_gss_accept_sec_context_ext sends a non-established DCE context to ' +
              'kg_accept_dce, which cannot read the token with the initiator state: FAILURE, ' +
              'context deleted.',
            actions: report(predict(GSS_S_FAILURE)),
          },
          {
            description:
              'krb5_gss_accept_sec_context_ext: "accept_sec_context called with existing ' +
              'context handle", FAILURE/EINVAL; the context is unchanged.',
            actions: report(predict(GSS_S_FAILURE, 'EINVAL')),
          },
        ],
      },
    },
    acceptorContinueNeeded: {
      description:
        'DCE style only: the acceptor sent a raw AP-REP and waits for the DCE AP-REP ' +
        '(accept_sec_context.c kg_accept_krb5, ctx->established = 0).',
      on: {
        ...callTransitions('acceptorContinueNeeded'),
        acceptSecContext: [
          {
            guard: { type: 'inputTokenIs', params: { kind: 'valid' } },
            target: 'established',
            description:
              'kg_accept_dce: krb5_rd_rep_dce verifies; COMPLETE with no output token and ' +
              'the flags without GSS_C_DELEG_FLAG.',
            actions: {
              type: 'reportStep',
              params: {
                major: GSS_S_COMPLETE,
                outputToken: false,
                extra: 0,
                clear: delegateToPeer,
              },
            },
          },
          {
            target: 'failed',
            description: 'kg_accept_dce: the token does not verify; FAILURE, context deleted.',
            actions: report(predict(GSS_S_FAILURE)),
          },
        ],
        initSecContext: {
          target: 'failed',
          description:
            'mutual_auth on an acceptor context: its peer (the initiator) is not the target ' +
            'name, so kg_compare_name fails: BAD_NAME, minor 0, context deleted.',
          actions: report(predict(GSS_S_BAD_NAME)),
        },
      },
    },
    established: {
      description: 'ctx->established = 1: per-message calls work (RFC 2743 §1.2).',
      on: {
        ...callTransitions('established'),
        ...establishedTransitions(),
        endtimePasses: {
          target: 'expired',
          description: 'The clock passes krb_times.endtime (plus clock skew for an acceptor).',
        },
      },
    },
    expired: {
      description:
        'Established, past its end time. Only context_time and inquire_context notice ' +
        '(GSS_S_CONTEXT_EXPIRED); MIT 1.20 per-message calls do not check the end time.',
      on: { ...callTransitions('expired'), ...establishedTransitions() },
    },
    failed: {
      description:
        'A union context whose mechanism context was deleted by a failed call; everything ' +
        'but delete returns GSS_S_NO_CONTEXT from the mechglue.',
      on: {
        ...callTransitions('failed'),
        initSecContext: {
          description: 'g_init_sec_context.c: internal_ctx_id is GSS_C_NO_CONTEXT.',
          actions: report(predict(GSS_S_NO_CONTEXT)),
        },
        acceptSecContext: {
          description: 'g_accept_sec_context.c: internal_ctx_id is GSS_C_NO_CONTEXT.',
          actions: report(predict(GSS_S_NO_CONTEXT)),
        },
      },
    },
    deleted: {
      description:
        'gss_delete_sec_context set the handle to GSS_C_NO_CONTEXT; calls answer as on no ' +
        'context, and init/accept/import start a new context on the handle.',
      on: { ...callTransitions('deleted'), ...startTransitions() },
    },
    exported: {
      description: 'gss_export_sec_context deleted the context and cleared the handle; as deleted.',
      on: { ...callTransitions('exported'), ...startTransitions() },
    },
  },
});
