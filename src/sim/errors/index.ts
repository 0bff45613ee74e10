/**
 * MIT krb5 1.20's error tables, messages and minor status codes, as the sim reproduces them.
 *
 * @module
 */

export * from './codes.js';
export { type ErrnoName, strerror } from './errno.js';
export { errorMessage } from './error-message.js';
export type { ErrorTable } from './error-table.js';
export { tableBase, tableName } from './error-table.js';
export * from './extended-messages.js';
export { MECHGLUE_ZERO_MINOR_TEXT, minorMessage } from './minor-message.js';
export { code, codeName, MIT_ERROR_TABLES, type MinorName, tableOf } from './tables.js';
