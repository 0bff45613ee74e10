/**
 * gssapi-sim: a TypeScript GSSAPI with two interchangeable backends, a deterministic in-memory
 * Kerberos V5 realm (sim) and MIT's libgssapi_krb5 (native). The package root re-exports the
 * spec, the sim's realm, and the native backend with its real-KDC test realm.
 *
 * @module
 */

export { createNativeGssApi, type NativeGssApiOptions } from './backends/native/gss-api.js';
export {
  DEFAULT_USER_PASSWORD,
  MIT_REALM_INSTALL,
  MIT_REALM_PACKAGES,
  type MitRealm,
  type MitRealmOptions,
  startMitRealm,
} from './backends/native/mit-realm.js';
export * from './sim/index.js';
export * from './spec/index.js';
