/**
 * Security-context calls of the GSS-API (RFC 2743 §2.2, RFC 2744 §5; python-gssapi
 * `gssapi.raw.sec_contexts`).
 *
 * @module
 */

import type { ChannelBindings } from '../channel-bindings.js';
import type { FlagsInput, RequirementFlag } from '../flags.js';
import type { Creds, Name, SecurityContext } from '../handles.js';
import type { OID } from '../oid.js';
import type { Lifetime } from '../options.js';
import type {
  AcceptSecContextResult,
  InitSecContextResult,
  InquireContextResult,
} from '../results.js';

/** Options of {@link ContextsApi.initSecContext}. */
export interface InitSecContextOptions {
  /** The initiator's credential; `null` or absent is GSS_C_NO_CREDENTIAL (the default). */
  readonly creds?: Creds | null;
  /**
   * The context to continue, as returned by the previous call; `null` or absent starts a new
   * one (GSS_C_NO_CONTEXT). The context is changed in place and returned again.
   */
  readonly context?: SecurityContext | null;
  /** The mechanism; `null` or absent is GSS_C_NO_OID, the default (krb5 for MIT). */
  readonly mech?: OID | null;
  /**
   * The services asked for (`req_flags`); `null` or absent asks for `mutualAuthentication` and
   * `outOfSequenceDetection`, the reference's default. Only read on the first call.
   */
  readonly flags?: FlagsInput<RequirementFlag> | null;
  /** The lifetime asked for (`time_req`); `null` or absent asks for GSS_C_INDEFINITE. */
  readonly lifetime?: Lifetime;
  /** The channel bindings; `null` or absent is GSS_C_NO_CHANNEL_BINDINGS. */
  readonly channelBindings?: ChannelBindings | null;
  /** The acceptor's last token; `null` or absent on the first call (GSS_C_NO_BUFFER). */
  readonly inputToken?: Uint8Array | null;
}

/** Options of {@link ContextsApi.acceptSecContext}. */
export interface AcceptSecContextOptions {
  /** The acceptor's credential; `null` or absent is GSS_C_NO_CREDENTIAL (any keytab key). */
  readonly acceptorCreds?: Creds | null;
  /** The context to continue; `null` or absent starts a new one. Changed in place. */
  readonly context?: SecurityContext | null;
  /** The channel bindings; `null` or absent is GSS_C_NO_CHANNEL_BINDINGS. */
  readonly channelBindings?: ChannelBindings | null;
}

/** Options of {@link ContextsApi.inquireContext}: which fields to ask for, each default true. */
export interface InquireContextOptions {
  readonly initiatorName?: boolean;
  readonly targetName?: boolean;
  readonly lifetime?: boolean;
  readonly mech?: boolean;
  readonly flags?: boolean;
  readonly locallyInit?: boolean;
  readonly complete?: boolean;
}

/** Options of {@link ContextsApi.deleteSecContext}. */
export interface DeleteSecContextOptions {
  /**
   * Delete locally only (`output_token` = GSS_C_NO_BUFFER), the default. When false, ask for
   * a context-deletion token for the peer (RFC 2743 §2.2.3; krb5 gives an empty one).
   */
  readonly localOnly?: boolean;
}

/** The security-context calls. Every backend has them. */
export interface ContextsApi {
  /**
   * GSS_Init_sec_context (RFC 2743 §2.2.1): one initiator step. Call it first without a context,
   * send the token, and while `moreSteps` call it again with the context and the acceptor's
   * token. The context is changed in place.
   * @param targetName the acceptor's name (a `hostbasedService` name such as `host@localhost`).
   * @throws {InvalidTokenError} the acceptor's token is malformed.
   * @throws {InvalidCredentialsError} the credential is defective.
   * @throws {MissingCredentialsError} there is no initiator credential.
   * @throws {ExpiredCredentialsError} the credential has expired.
   * @throws {BadChannelBindingsError} the channel bindings do not match.
   * @throws {BadMICError} the acceptor's token failed its integrity check.
   * @throws {ExpiredTokenError} the acceptor's token is too old.
   * @throws {DuplicateTokenError} the acceptor's token was seen before.
   * @throws {MissingContextError} the context is not valid.
   * @throws {BadNameTypeError} the target name's type is not supported.
   * @throws {BadNameError} the target name is not valid (unknown principal).
   * @throws {BadMechanismError} the mechanism is not supported.
   * A `GssError` from this call may carry an output token (a KRB-ERROR) to send to the peer.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   * @throws {RangeError} when `lifetime` or the flag word is out of range.
   */
  initSecContext(targetName: Name, options?: InitSecContextOptions): InitSecContextResult;

  /**
   * GSS_Accept_sec_context (RFC 2743 §2.2.2): one acceptor step, for the initiator's token.
   * The context is changed in place.
   * @param inputToken the initiator's token.
   * @throws {InvalidTokenError} the token is malformed.
   * @throws {InvalidCredentialsError} the credential is defective (no matching key).
   * @throws {MissingCredentialsError} there is no acceptor credential.
   * @throws {ExpiredCredentialsError} the credential or ticket has expired.
   * @throws {BadChannelBindingsError} the channel bindings do not match.
   * @throws {MissingContextError} the context is not valid.
   * @throws {BadMICError} the token failed its integrity check.
   * @throws {ExpiredTokenError} the token is too old.
   * @throws {DuplicateTokenError} the token is a replay.
   * @throws {BadMechanismError} the token is for an unsupported mechanism.
   * A `GssError` from this call may carry an output token (a KRB-ERROR) to send to the peer.
   * @throws {TypeError} when an argument has the wrong type or a handle is not of this backend.
   */
  acceptSecContext(
    inputToken: Uint8Array,
    options?: AcceptSecContextOptions,
  ): AcceptSecContextResult;

  /**
   * GSS_Inquire_context (RFC 2743 §2.2.6): the names, lifetime, mechanism, flags and state of
   * a context, also of one not yet established.
   * @throws {MissingContextError} the context is not valid.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  inquireContext(context: SecurityContext, options?: InquireContextOptions): InquireContextResult;

  /**
   * GSS_Context_time (RFC 2743 §2.2.5): the seconds the context remains valid.
   * @throws {ExpiredContextError} the context has expired.
   * @throws {MissingContextError} the context is not valid.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  contextTime(context: SecurityContext): number;

  /**
   * GSS_Process_context_token (RFC 2743 §2.2.4): a token from the peer outside the
   * establishment loop, such as an error token after this side thought it was done.
   * @throws {InvalidTokenError} the token is malformed.
   * @throws {MissingContextError} the context is not valid.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  processContextToken(context: SecurityContext, token: Uint8Array): void;

  /**
   * GSS_Import_sec_context (RFC 2743 §2.2.9): a context from a token of `exportSecContext`.
   * @throws {MissingContextError} the token holds no context.
   * @throws {InvalidTokenError} the token is malformed.
   * @throws {OperationUnavailableError} the mechanism cannot import contexts.
   * @throws {UnauthorizedError} local policy forbids the import.
   * @throws {TypeError} when `token` is not a Uint8Array.
   */
  importSecContext(token: Uint8Array): SecurityContext;

  /**
   * GSS_Export_sec_context (RFC 2743 §2.2.8): a token holding the context, for another process.
   * The context ends here: the handle is dead afterwards. MIT also exports a context that is not
   * yet established; the imported one then finishes establishment as the original would have.
   * @throws {ExpiredContextError} the context has expired.
   * @throws {MissingContextError} the context is not valid.
   * @throws {OperationUnavailableError} the mechanism cannot export contexts.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  exportSecContext(context: SecurityContext): Uint8Array;

  /**
   * GSS_Delete_sec_context (RFC 2743 §2.2.3): ends the context now instead of at finalization.
   * The handle is dead afterwards; deleting it again, or any use, is a `TypeError`.
   * @returns the token for the peer; empty when `localOnly` (the default) or when the mechanism
   *   makes none.
   * @throws {MissingContextError} the context is not valid.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  deleteSecContext(context: SecurityContext, options?: DeleteSecContextOptions): Uint8Array;
}
