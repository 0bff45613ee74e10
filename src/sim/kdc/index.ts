/**
 * The sim's KDC: the principal database and the AS and TGS exchanges, as MIT 1.20's KDC runs
 * them for a realm like `startMitRealm()`'s.
 *
 * @module
 */

export {
  type AddPrincipalOptions,
  type DatabaseOptions,
  DEFAULT_KEY_ENCTYPES,
  DEFAULT_MAX_LIFE,
  DEFAULT_MAX_RENEWABLE_LIFE,
  PrincipalDatabase,
} from './database.js';
export { DEFAULT_CLOCK_SKEW, DEFAULT_REALM_LIMITS, type KdcOptions, SimKdc } from './kdc.js';
export { KdcErrorCode } from './kdc-failure.js';
export {
  isTgsPrincipal,
  type Principal,
  parsePrincipal,
  samePrincipal,
  tgsPrincipal,
  unparsePrincipal,
} from './principal.js';
export {
  currentKvno,
  DEFAULT_ATTRIBUTES,
  findKey,
  firstCurrentKey,
  type PrincipalAttributes,
  type PrincipalEntry,
  type PrincipalKey,
} from './principal-entry.js';
export { KDC_INFINITY, type RealmLimits } from './ticket-policy.js';
