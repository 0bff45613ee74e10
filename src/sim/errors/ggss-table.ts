/**
 * The com_err table `ggss` of MIT krb5 1.20.1 (`src/lib/gssapi/generic/gssapi_err_generic.et`).
 * The generic GSS-API table (`G_*`), shared by MIT's mechanisms.
 *
 * Entries are symbolic name and message in code order from the table's base; the texts are
 * MIT's byte for byte, as `error_message` returns them.
 *
 * @module
 */

import { defineErrorTable } from './error-table.js';

/** The `ggss` table: 20 codes from its base. */
export const ggssErrorTable = defineErrorTable('ggss', [
  ['G_BAD_SERVICE_NAME', 'No @ in SERVICE-NAME name string'],
  ['G_BAD_STRING_UID', 'STRING-UID-NAME contains nondigits'],
  ['G_NOUSER', 'UID does not resolve to username'],
  ['G_VALIDATE_FAILED', 'Validation error'],
  ['G_BUFFER_ALLOC', "Couldn't allocate gss_buffer_t data"],
  ['G_BAD_MSG_CTX', 'Message context invalid'],
  ['G_WRONG_SIZE', 'Buffer is the wrong size'],
  ['G_BAD_USAGE', 'Credential usage type is unknown'],
  ['G_UNKNOWN_QOP', 'Unknown quality of protection specified'],
  ['G_NO_HOSTNAME', 'Local host name could not be determined'],
  ['G_BAD_HOSTNAME', 'Hostname in SERVICE-NAME string could not be canonicalized'],
  ['G_WRONG_MECH', 'Mechanism is incorrect'],
  ['G_BAD_TOK_HEADER', 'Token header is malformed or corrupt'],
  ['G_BAD_DIRECTION', 'Packet was replayed in wrong direction'],
  ['G_TOK_TRUNC', 'Token is missing data'],
  ['G_REFLECT', 'Token was reflected'],
  ['G_WRONG_TOKID', 'Received token ID does not match expected token ID'],
  ['G_CRED_USAGE_MISMATCH', "The given credential's usage does not match the requested usage"],
  [
    'G_STORE_ACCEPTOR_CRED_NOSUPP',
    'Storing of acceptor credentials is not supported by the mechanism',
  ],
  [
    'G_STORE_NON_DEFAULT_CRED_NOSUPP',
    'Storing of non-default credentials is not supported by the mechanism',
  ],
]);
