/**
 * gssapi-sim: a TypeScript GSSAPI with two interchangeable backends, a deterministic in-memory
 * Kerberos V5 realm (sim) and MIT's libgssapi_krb5 (native). The package root re-exports the
 * spec; the backends join it as they land.
 *
 * @module
 */

export * from './spec/index.js';
