/**
 * The sim's Kerberos client: the AS and TGS exchanges as MIT krb5 1.20's libkrb5 runs them
 * (`get_in_tkt.c`, `preauth_encts.c`, `send_tgs.c`, `gc_via_tkt.c`, `get_creds.c`,
 * `fwd_tgt.c`), deterministic from an injected random source and clock, with an in-memory
 * credential cache.
 *
 * @module
 */

export { checkReplyEnctype, verifyAsReply, verifyEncPaRep } from './as-reply.js';
export { type Credential, isCurrent, type TicketTimes } from './credential.js';
export { CredentialCache, type RetrieveOptions } from './credential-cache.js';
export {
  DEFAULT_CLIENT_CLOCK_SKEW,
  DEFAULT_TICKET_LIFETIME,
  KDC_DEFAULT_OPTIONS,
  KDC_TKT_COMMON_MASK,
  MIT_DEFAULT_ENCTYPES,
} from './defaults.js';
export { type ForwardedTgtOptions, getForwardedTgt } from './forwarded-tgt.js';
export { InitCredsContext } from './init-creds-context.js';
export type { InitCredsOptions, InitCredsStep, InitialCredentials } from './init-creds-options.js';
export { type GetInitialCredentialsOptions, getInitialCredentials } from './initial-credentials.js';
export { type KdcTransport, sendToKdc } from './kdc-transport.js';
export {
  guarded,
  Krb5Error,
  plainKrb5Error,
  protocolKrb5Error,
  toKrb5Error,
} from './krb5-error.js';
export { generateNonce } from './nonce.js';
export { encTimestamp } from './pa-enc-timestamp.js';
export {
  isTgsName,
  type KrbPrincipal,
  parseKrbPrincipal,
  sameComponents,
  samePrincipal,
  tgsName,
  toKrbPrincipal,
  unparseKrbPrincipal,
} from './principal.js';
export {
  type ClientSecret,
  type ReplyKeyParameters,
  replyKey,
  selectEtypeInfo,
} from './reply-key.js';
export { getServiceCredentials, type ServiceCredentialsOptions } from './service-credentials.js';
export { processTgsReply, type TgsReplyExpectation } from './tgs-reply.js';
export { makeTgsRequest, type TgsRequest, type TgsRequestOptions } from './tgs-request.js';
export { NO_OFFSET, offsetBetween, type TimeOffset, timeWithOffset } from './time-offset.js';
