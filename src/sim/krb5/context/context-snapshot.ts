/**
 * Everything one end of a krb5 security context holds, as a plain value: what
 * `exportSecContext` writes and `importSecContext` reads back. The GSS layer builds its live
 * context from it, so an imported context goes on exactly where the exported one stopped.
 *
 * @module
 */

import type { SequenceState } from '../../../spec/machines/sequence.js';
import type { KrbPrincipal } from '../client/principal.js';
import type { DceAcceptorState } from './dce-acceptor.js';
import type { EstablishedContext } from './established-context.js';
import type { KgContextRecord } from './export-record.js';
import type { InitiatorState } from './initiator-token.js';

/** One end of a context. Holds keys: never print it. */
export interface ContextSnapshot {
  /** Whether this end initiated the context. */
  readonly initiator: boolean;
  /** The initiator (`ctx->initiate ? here : there`). */
  readonly initiatorName: KrbPrincipal;
  /** The acceptor, as the ticket names it. */
  readonly targetName: KrbPrincipal;
  /** The ticket's authtime. */
  readonly authtime: number;
  /**
   * The established end: keys, initial sequence numbers, flags and endtime. Absent for an
   * initiator still waiting for the AP-REP (then {@link ContextSnapshot.pending} is set) and
   * for a DCE-style acceptor waiting for the initiator's third token (then
   * {@link ContextSnapshot.dce} is set).
   */
  readonly established?: EstablishedContext;
  /** The next sequence number this end sends (RFC 4121 SND_SEQ, 64 bits). */
  readonly sendSeq: bigint;
  /** The receive window. */
  readonly window?: Readonly<SequenceState>;
  /** An initiator waiting for the AP-REP: what it needs to read it. */
  readonly pending?: InitiatorState;
  /**
   * A DCE-style acceptor waiting for the initiator's third token: the end that token
   * establishes and the ticket's session key that seals it. MIT exports such an acceptor with
   * `established` 0 and imports it back (measured on 1.20.1).
   */
  readonly dce?: Pick<DceAcceptorState, 'context' | 'sessionKey'>;
  /**
   * What MIT's krb5 mechanism holds beyond this snapshot (the session key and authenticator
   * of its auth context, its `krb5_context`, the ticket flags and starttime, the PAC...),
   * field by field where it differs from what `exportContextToken` would write for the
   * snapshot alone. Set by `importContextToken`, so that a context imported from MIT exports
   * back to MIT's bytes.
   */
  readonly mit?: Readonly<Partial<KgContextRecord>>;
}
