/**
 * The com_err table `kv5m` of MIT krb5 1.20.1 (`src/lib/krb5/error_tables/kv5m_err.et`).
 * Bad magic numbers of the Kerberos library's structures.
 *
 * Entries are symbolic name and message in code order from the table's base; the texts are
 * MIT's byte for byte, as `error_message` returns them.
 *
 * @module
 */

import { defineErrorTable } from './error-table.js';

/** The `kv5m` table: 61 codes from its base. */
export const kv5mErrorTable = defineErrorTable('kv5m', [
  ['KV5M_NONE', 'Kerberos V5 magic number table'],
  ['KV5M_PRINCIPAL', 'Bad magic number for krb5_principal structure'],
  ['KV5M_DATA', 'Bad magic number for krb5_data structure'],
  ['KV5M_KEYBLOCK', 'Bad magic number for krb5_keyblock structure'],
  ['KV5M_CHECKSUM', 'Bad magic number for krb5_checksum structure'],
  ['KV5M_ENCRYPT_BLOCK', 'Bad magic number for krb5_encrypt_block structure'],
  ['KV5M_ENC_DATA', 'Bad magic number for krb5_enc_data structure'],
  ['KV5M_CRYPTOSYSTEM_ENTRY', 'Bad magic number for krb5_cryptosystem_entry structure'],
  ['KV5M_CS_TABLE_ENTRY', 'Bad magic number for krb5_cs_table_entry structure'],
  ['KV5M_CHECKSUM_ENTRY', 'Bad magic number for krb5_checksum_entry structure'],
  ['KV5M_AUTHDATA', 'Bad magic number for krb5_authdata structure'],
  ['KV5M_TRANSITED', 'Bad magic number for krb5_transited structure'],
  ['KV5M_ENC_TKT_PART', 'Bad magic number for krb5_enc_tkt_part structure'],
  ['KV5M_TICKET', 'Bad magic number for krb5_ticket structure'],
  ['KV5M_AUTHENTICATOR', 'Bad magic number for krb5_authenticator structure'],
  ['KV5M_TKT_AUTHENT', 'Bad magic number for krb5_tkt_authent structure'],
  ['KV5M_CREDS', 'Bad magic number for krb5_creds structure'],
  ['KV5M_LAST_REQ_ENTRY', 'Bad magic number for krb5_last_req_entry structure'],
  ['KV5M_PA_DATA', 'Bad magic number for krb5_pa_data structure'],
  ['KV5M_KDC_REQ', 'Bad magic number for krb5_kdc_req structure'],
  ['KV5M_ENC_KDC_REP_PART', 'Bad magic number for krb5_enc_kdc_rep_part structure'],
  ['KV5M_KDC_REP', 'Bad magic number for krb5_kdc_rep structure'],
  ['KV5M_ERROR', 'Bad magic number for krb5_error structure'],
  ['KV5M_AP_REQ', 'Bad magic number for krb5_ap_req structure'],
  ['KV5M_AP_REP', 'Bad magic number for krb5_ap_rep structure'],
  ['KV5M_AP_REP_ENC_PART', 'Bad magic number for krb5_ap_rep_enc_part structure'],
  ['KV5M_RESPONSE', 'Bad magic number for krb5_response structure'],
  ['KV5M_SAFE', 'Bad magic number for krb5_safe structure'],
  ['KV5M_PRIV', 'Bad magic number for krb5_priv structure'],
  ['KV5M_PRIV_ENC_PART', 'Bad magic number for krb5_priv_enc_part structure'],
  ['KV5M_CRED', 'Bad magic number for krb5_cred structure'],
  ['KV5M_CRED_INFO', 'Bad magic number for krb5_cred_info structure'],
  ['KV5M_CRED_ENC_PART', 'Bad magic number for krb5_cred_enc_part structure'],
  ['KV5M_PWD_DATA', 'Bad magic number for krb5_pwd_data structure'],
  ['KV5M_ADDRESS', 'Bad magic number for krb5_address structure'],
  ['KV5M_KEYTAB_ENTRY', 'Bad magic number for krb5_keytab_entry structure'],
  ['KV5M_CONTEXT', 'Bad magic number for krb5_context structure'],
  ['KV5M_OS_CONTEXT', 'Bad magic number for krb5_os_context structure'],
  ['KV5M_ALT_METHOD', 'Bad magic number for krb5_alt_method structure'],
  ['KV5M_ETYPE_INFO_ENTRY', 'Bad magic number for krb5_etype_info_entry structure'],
  ['KV5M_DB_CONTEXT', 'Bad magic number for krb5_db_context structure'],
  ['KV5M_AUTH_CONTEXT', 'Bad magic number for krb5_auth_context structure'],
  ['KV5M_KEYTAB', 'Bad magic number for krb5_keytab structure'],
  ['KV5M_RCACHE', 'Bad magic number for krb5_rcache structure'],
  ['KV5M_CCACHE', 'Bad magic number for krb5_ccache structure'],
  ['KV5M_PREAUTH_OPS', 'Bad magic number for krb5_preauth_ops'],
  ['KV5M_SAM_CHALLENGE', 'Bad magic number for krb5_sam_challenge'],
  ['KV5M_SAM_CHALLENGE_2', 'Bad magic number for krb5_sam_challenge_2'],
  ['KV5M_SAM_KEY', 'Bad magic number for krb5_sam_key'],
  ['KV5M_ENC_SAM_RESPONSE_ENC', 'Bad magic number for krb5_enc_sam_response_enc'],
  ['KV5M_ENC_SAM_RESPONSE_ENC_2', 'Bad magic number for krb5_enc_sam_response_enc'],
  ['KV5M_SAM_RESPONSE', 'Bad magic number for krb5_sam_response'],
  ['KV5M_SAM_RESPONSE_2', 'Bad magic number for krb5_sam_response 2'],
  ['KV5M_PREDICTED_SAM_RESPONSE', 'Bad magic number for krb5_predicted_sam_response'],
  ['KV5M_PASSWD_PHRASE_ELEMENT', 'Bad magic number for passwd_phrase_element'],
  ['KV5M_GSS_OID', 'Bad magic number for GSSAPI OID'],
  ['KV5M_GSS_QUEUE', 'Bad magic number for GSSAPI QUEUE'],
  ['KV5M_FAST_ARMORED_REQ', 'Bad magic number for fast armored request'],
  ['KV5M_FAST_REQ', 'Bad magic number for FAST request'],
  ['KV5M_FAST_RESPONSE', 'Bad magic number for FAST response'],
  ['KV5M_AUTHDATA_CONTEXT', 'Bad magic number for krb5_authdata_context'],
]);
