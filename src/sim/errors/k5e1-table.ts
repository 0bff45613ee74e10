/**
 * The com_err table `k5e1` of MIT krb5 1.20.1 (`src/lib/krb5/error_tables/k5e1_err.et`).
 * The Kerberos library's second table (plugins, caches, KCM, certauth).
 *
 * Entries are symbolic name and message in code order from the table's base; the texts are
 * MIT's byte for byte, as `error_message` returns them.
 *
 * @module
 */

import { defineErrorTable } from './error-table.js';

/** The `k5e1` table: 14 codes from its base. */
export const k5e1ErrorTable = defineErrorTable('k5e1', [
  ['KRB5_PLUGIN_VER_NOTSUPP', 'Plugin does not support interface version'],
  ['KRB5_PLUGIN_BAD_MODULE_SPEC', 'Invalid module specifier'],
  ['KRB5_PLUGIN_NAME_NOTFOUND', 'Plugin module name not found'],
  ['KRB5KDC_ERR_DISCARD', 'The KDC should discard this request'],
  ['KRB5_DCC_CANNOT_CREATE', "Can't create new subsidiary cache"],
  ['KRB5_KCC_INVALID_ANCHOR', 'Invalid keyring anchor name'],
  ['KRB5_KCC_UNKNOWN_VERSION', 'Unknown keyring collection version'],
  ['KRB5_KCC_INVALID_UID', 'Invalid UID in persistent keyring name'],
  ['KRB5_KCM_MALFORMED_REPLY', 'Malformed reply from KCM daemon'],
  ['KRB5_KCM_RPC_ERROR', 'Mach RPC error communicating with KCM daemon'],
  ['KRB5_KCM_REPLY_TOO_BIG', 'KCM daemon reply too big'],
  ['KRB5_KCM_NO_SERVER', 'No KCM server found'],
  ['KRB5_CERTAUTH_HWAUTH', 'Authorize and set hw-authent ticket flag'],
  ['KRB5_CERTAUTH_HWAUTH_PASS', 'Set hw-authent ticket flag but do not authorize'],
]);
