/**
 * The transitions the context machine (`context.ts`) shares between states: the
 * non-establishing calls built from `CONTEXT_CALL_OUTCOMES`, the establishing calls on a
 * handle without a context, and init/accept on an established context.
 *
 * @module
 */

import { RequirementFlag } from '../flags.js';
import {
  GSS_S_COMPLETE,
  GSS_S_CONTINUE_NEEDED,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  majorStatusName,
} from '../status.js';
import {
  CONTEXT_CALL_OUTCOMES,
  CONTEXT_CALLS,
  type ContextCall,
  type ContextStateName,
} from './context-calls.js';
import type { ContextPrediction } from './context-events.js';
import { predict } from './prediction.js';

const { protectionReady } = RequirementFlag;

/** A transition of a non-establishing call, as `callTransitions` builds it. */
interface CallTransition {
  readonly target?: 'deleted' | 'exported';
  readonly description: string;
  readonly actions: {
    readonly type: 'report';
    readonly params: { readonly prediction: ContextPrediction };
  };
}

/** The transitions of the non-establishing calls in `state`, from `CONTEXT_CALL_OUTCOMES`. */
export function callTransitions(state: ContextStateName): Record<ContextCall, CallTransition> {
  const table = CONTEXT_CALL_OUTCOMES[state];
  const entries = CONTEXT_CALLS.map((call): [ContextCall, CallTransition] => {
    const { prediction, source, target } = table[call];
    const actions = { type: 'report', params: { prediction } } as const;
    const minor = prediction.minor === undefined ? '' : `, minor ${prediction.minor}`;
    const description = `${source}: ${majorStatusName(prediction.major)}${minor}`;
    return [
      call,
      target === undefined ? { description, actions } : { target, description, actions },
    ];
  });
  // Object.fromEntries loses the key type; the entries cover CONTEXT_CALLS exactly.
  return Object.fromEntries(entries) as Record<ContextCall, CallTransition>;
}

/** The `report` action with its prediction, as a transition lists it. */
export const report = (prediction: ContextPrediction) =>
  ({ type: 'report', params: { prediction } }) as const;

/**
 * The establishing calls on a handle that holds no context: a first init or accept, or an
 * import. A failed first call creates no context (RFC 2744 §5.1, §5.19).
 */
export function startTransitions() {
  return {
    initSecContext: [
      {
        guard: 'givesFirstToken',
        description:
          'kg_new_connection: "complain if the input token is non-null": a first call given ' +
          'a non-empty token gets DEFECTIVE_TOKEN (minor 0) and no context is made.',
        actions: report(predict(GSS_S_DEFECTIVE_TOKEN)),
      },
      {
        guard: 'asksMutual',
        target: 'initiatorContinueNeeded',
        description:
          'kg_new_connection with GSS_C_MUTUAL_FLAG (or DCE style, which implies it): the ' +
          'AP-REQ is emitted, CONTINUE_NEEDED, no PROT_READY.',
        actions: [
          'startInitiator',
          {
            type: 'reportStep',
            params: { major: GSS_S_CONTINUE_NEEDED, outputToken: true, extra: 0, clear: 0 },
          },
        ],
      },
      {
        target: 'established',
        description:
          'kg_new_connection without mutual authentication: the AP-REQ is emitted and the ' +
          'context is complete at once. ret_flags is copied before PROT_READY is added to ' +
          'ctx->gss_flags, so the call reports no PROT_READY (inquire_context shows it).',
        actions: [
          'startInitiator',
          {
            type: 'reportStep',
            params: { major: GSS_S_COMPLETE, outputToken: true, extra: 0, clear: 0 },
          },
        ],
      },
    ],
    acceptSecContext: [
      {
        guard: { type: 'inputTokenIs', params: { kind: 'wrongTokenId' } },
        target: 'failed',
        description:
          'kg_accept_krb5: G_WRONG_TOKID gives CONTINUE_NEEDED with minor ' +
          'KRB5KRB_AP_ERR_MSG_TYPE but no mechanism context; the mechglue keeps the union ' +
          'context, so the handle is a husk.',
        actions: report(predict(GSS_S_CONTINUE_NEEDED, 'KRB5KRB_AP_ERR_MSG_TYPE')),
      },
      {
        guard: { type: 'inputTokenIs', params: { kind: 'invalid' } },
        description:
          'kg_accept_krb5: krb5_rd_req_decoded rejects the AP-REQ; FAILURE, no context, and a ' +
          'KRB-ERROR token when the AP-REQ asked for mutual authentication.',
        actions: 'reportRejectedApReq',
      },
      {
        guard: 'asksDceStyle',
        target: 'acceptorContinueNeeded',
        description:
          'kg_accept_krb5, DCE style: the raw AP-REP is emitted, CONTINUE_NEEDED, and no ' +
          'return arguments ("only last leg should set return arguments"): ret_flags 0.',
        actions: [
          'startAcceptor',
          report({ major: GSS_S_CONTINUE_NEEDED, outputToken: true, flags: 0 }),
        ],
      },
      {
        guard: 'asksMutual',
        target: 'established',
        description:
          'kg_accept_krb5 with mutual authentication: the AP-REP is emitted, COMPLETE, with ' +
          'GSS_C_PROT_READY_FLAG.',
        actions: [
          'startAcceptor',
          {
            type: 'reportStep',
            params: { major: GSS_S_COMPLETE, outputToken: true, extra: protectionReady, clear: 0 },
          },
        ],
      },
      {
        target: 'established',
        description:
          'kg_accept_krb5 without mutual authentication: COMPLETE with no output token and ' +
          'no PROT_READY.',
        actions: [
          'startAcceptor',
          {
            type: 'reportStep',
            params: { major: GSS_S_COMPLETE, outputToken: false, extra: 0, clear: 0 },
          },
        ],
      },
    ],
    importSecContext: [
      {
        guard: 'importsEstablished',
        target: 'established',
        description: 'import_sec_context.c: an established context comes back established.',
        actions: ['adopt', report(predict(GSS_S_COMPLETE))],
      },
      {
        guard: 'importsInitiator',
        target: 'initiatorContinueNeeded',
        description:
          'krb5_gss_export_sec_context exports partial contexts too (it checks only ' +
          '`terminated`), so an initiator can come back waiting for its AP-REP.',
        actions: ['adopt', report(predict(GSS_S_COMPLETE))],
      },
      {
        target: 'acceptorContinueNeeded',
        description: 'A partial acceptor context is a DCE acceptor waiting for the third leg.',
        actions: ['adopt', report(predict(GSS_S_COMPLETE))],
      },
    ],
  } as const;
}

/** Init and accept on an established (or expired) context. */
export function establishedTransitions() {
  return {
    initSecContext: {
      target: 'failed',
      description:
        'mutual_auth: ctx->established, so KG_CONTEXT_ESTABLISHED with GSS_S_FAILURE, and ' +
        'the mechanism deletes its context.',
      actions: report(predict(GSS_S_FAILURE, 'KG_CONTEXT_ESTABLISHED')),
    },
    acceptSecContext: {
      description:
        'krb5_gss_accept_sec_context_ext: an existing, non-DCE-pending handle is refused ' +
        'with FAILURE/EINVAL; the context is unchanged.',
      actions: report(predict(GSS_S_FAILURE, 'EINVAL')),
    },
  } as const;
}
