/**
 * `gssapi-sim/spec`: the GSS-API as types, constants, errors and state machines, with no I/O.
 * Backends implement it; applications and tests import their types and constants from here
 * or from the package root.
 *
 * @module
 */

export * from './channel-bindings.js';
export * from './display-status.js';
export * from './errors.js';
export * from './extensions.js';
export * from './flags.js';
export * from './framing.js';
export * from './gss-api.js';
export * from './handles.js';
export * from './iov.js';
export * from './machines/index.js';
export * from './oid.js';
export * from './oids.js';
export * from './options.js';
export * from './realm.js';
export type * from './results.js';
export * from './status.js';
export * from './unavailable-api.js';
