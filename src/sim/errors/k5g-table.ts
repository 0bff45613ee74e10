/**
 * The com_err table `k5g` of MIT krb5 1.20.1 (`src/lib/gssapi/krb5/gssapi_err_krb5.et`).
 * The krb5 GSS-API mechanism's table (`KG_*`).
 *
 * Entries are symbolic name and message in code order from the table's base; the texts are
 * MIT's byte for byte, as `error_message` returns them.
 *
 * @module
 */

import { defineErrorTable } from './error-table.js';

/** The `k5g` table: 17 codes from its base. */
export const k5gErrorTable = defineErrorTable('k5g', [
  ['KG_CCACHE_NOMATCH', 'Principal in credential cache does not match desired name'],
  ['KG_KEYTAB_NOMATCH', 'No principal in keytab matches desired name'],
  ['KG_TGT_MISSING', 'Credential cache has no TGT'],
  ['KG_NO_SUBKEY', 'Authenticator has no subkey'],
  ['KG_CONTEXT_ESTABLISHED', 'Context is already fully established'],
  ['KG_BAD_SIGN_TYPE', 'Unknown signature type in token'],
  ['KG_BAD_LENGTH', 'Invalid field length in token'],
  ['KG_CTX_INCOMPLETE', 'Attempt to use incomplete security context'],
  ['KG_CONTEXT', 'Bad magic number for krb5_gss_ctx_id_t'],
  ['KG_CRED', 'Bad magic number for krb5_gss_cred_id_t'],
  ['KG_ENC_DESC', 'Bad magic number for krb5_gss_enc_desc'],
  ['KG_BAD_SEQ', 'Sequence number in token is corrupt'],
  ['KG_EMPTY_CCACHE', 'Credential cache is empty'],
  ['KG_NO_CTYPES', 'Acceptor and Initiator share no checksum types'],
  ['KG_LUCID_VERSION', 'Requested lucid context version not supported'],
  ['KG_INPUT_TOO_LONG', 'PRF input too long'],
  ['KG_IAKERB_CONTEXT', 'Bad magic number for iakerb_ctx_id_t'],
]);
