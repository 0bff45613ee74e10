/**
 * The minor status codes the sim returns, as unsigned 32-bit numbers (an `OM_uint32`), named as
 * MIT names them. Each is `code(name)` of `tables.ts`; the comment gives the table, the offset
 * in it and the text com_err prints. For a `krb5` code below 128 the offset is the RFC 4120
 * §7.5.9 error code a KRB-ERROR carries.
 *
 * @module
 */

/** krb5 + 6: "Client not found in Kerberos database". */
export const KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN = 2529638918;
/** krb5 + 7: "Server not found in Kerberos database". */
export const KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN = 2529638919;
/** krb5 + 11: "Requested effective lifetime is negative or too short". */
export const KRB5KDC_ERR_NEVER_VALID = 2529638923;
/** krb5 + 12: "KDC policy rejects request". */
export const KRB5KDC_ERR_POLICY = 2529638924;
/** krb5 + 13: "KDC can't fulfill requested option". */
export const KRB5KDC_ERR_BADOPTION = 2529638925;
/** krb5 + 14: "KDC has no support for encryption type". */
export const KRB5KDC_ERR_ETYPE_NOSUPP = 2529638926;
/** krb5 + 18: "Client's credentials have been revoked". */
export const KRB5KDC_ERR_CLIENT_REVOKED = 2529638930;
/** krb5 + 23: "Password has expired". */
export const KRB5KDC_ERR_KEY_EXP = 2529638935;
/** krb5 + 24: "Preauthentication failed". */
export const KRB5KDC_ERR_PREAUTH_FAILED = 2529638936;
/** krb5 + 25: "Additional pre-authentication required". */
export const KRB5KDC_ERR_PREAUTH_REQUIRED = 2529638937;
/** krb5 + 31: "Decrypt integrity check failed". */
export const KRB5KRB_AP_ERR_BAD_INTEGRITY = 2529638943;
/** krb5 + 32: "Ticket expired". */
export const KRB5KRB_AP_ERR_TKT_EXPIRED = 2529638944;
/** krb5 + 33: "Ticket not yet valid". */
export const KRB5KRB_AP_ERR_TKT_NYV = 2529638945;
/** krb5 + 34: "Request is a replay". */
export const KRB5KRB_AP_ERR_REPEAT = 2529638946;
/** krb5 + 35: "The ticket isn't for us". */
export const KRB5KRB_AP_ERR_NOT_US = 2529638947;
/** krb5 + 36: "Ticket/authenticator don't match". */
export const KRB5KRB_AP_ERR_BADMATCH = 2529638948;
/** krb5 + 37: "Clock skew too great". */
export const KRB5KRB_AP_ERR_SKEW = 2529638949;
/** krb5 + 39: "Protocol version mismatch". */
export const KRB5KRB_AP_ERR_BADVERSION = 2529638951;
/** krb5 + 40: "Invalid message type". */
export const KRB5KRB_AP_ERR_MSG_TYPE = 2529638952;
/** krb5 + 41: "Message stream modified". */
export const KRB5KRB_AP_ERR_MODIFIED = 2529638953;
/** krb5 + 44: "Key version is not available". */
export const KRB5KRB_AP_ERR_BADKEYVER = 2529638956;
/** krb5 + 45: "Service key not available". */
export const KRB5KRB_AP_ERR_NOKEY = 2529638957;
/** krb5 + 46: "Mutual authentication failed". */
export const KRB5KRB_AP_ERR_MUT_FAIL = 2529638958;
/** krb5 + 50: "Inappropriate type of checksum in message". */
export const KRB5KRB_AP_ERR_INAPP_CKSUM = 2529638962;
/** krb5 + 60: "Generic error (see e-text)". */
export const KRB5KRB_ERR_GENERIC = 2529638972;
/** krb5 + 61: "Field is too long for this implementation". */
export const KRB5KRB_ERR_FIELD_TOOLONG = 2529638973;
/** krb5 + 134: "Malformed representation of principal". */
export const KRB5_PARSE_MALFORMED = 2529639046;
/** krb5 + 138: "Invalid message type specified for encoding". */
export const KRB5_BADMSGTYPE = 2529639050;
/** krb5 + 141: "Matching credential not found". */
export const KRB5_CC_NOTFOUND = 2529639053;
/** krb5 + 142: "End of credential cache reached". */
export const KRB5_CC_END = 2529639054;
/** krb5 + 143: "Request did not supply a ticket". */
export const KRB5_NO_TKT_SUPPLIED = 2529639055;
/** krb5 + 147: "KDC reply did not match expectations". */
export const KRB5_KDCREP_MODIFIED = 2529639059;
/** krb5 + 148: "Clock skew too great in KDC reply". */
export const KRB5_KDCREP_SKEW = 2529639060;
/** krb5 + 150: "Program lacks support for encryption type". */
export const KRB5_PROG_ETYPE_NOSUPP = 2529639062;
/** krb5 + 153: "Program lacks support for checksum type". */
export const KRB5_PROG_SUMTYPE_NOSUPP = 2529639065;
/** krb5 + 156: "Cannot contact any KDC for requested realm". */
export const KRB5_KDC_UNREACH = 2529639068;
/** krb5 + 158: "Mutual authentication failed". */
export const KRB5_MUTUAL_FAILED = 2529639070;
/** krb5 + 178: "Cryptosystem internal error". */
export const KRB5_CRYPTO_INTERNAL = 2529639090;
/** krb5 + 181: "Key table entry not found". */
export const KRB5_KT_NOTFOUND = 2529639093;
/** krb5 + 182: "End of key table reached". */
export const KRB5_KT_END = 2529639094;
/** krb5 + 188: "Bad encryption type". */
export const KRB5_BAD_ENCTYPE = 2529639100;
/** krb5 + 189: "Key size is incompatible with encryption type". */
export const KRB5_BAD_KEYSIZE = 2529639101;
/** krb5 + 190: "Message size is incompatible with encryption type". */
export const KRB5_BAD_MSIZE = 2529639102;
/** krb5 + 195: "No credentials cache found". */
export const KRB5_FCC_NOFILE = 2529639107;
/** krb5 + 199: "Bad format in credentials cache". */
export const KRB5_CC_FORMAT = 2529639111;
/** krb5 + 210: "Generic preauthentication failure". */
export const KRB5_PREAUTH_FAILED = 2529639122;
/** krb5 + 230: "Key version number for principal in key table is incorrect". */
export const KRB5_KT_KVNONOTFOUND = 2529639142;
/** krb5 + 236: "Encryption type not permitted". */
export const KRB5_NOPERM_ETYPE = 2529639148;
/** krb5 + 224: "Configuration file does not specify default realm". */
export const KRB5_CONFIG_NODEFREALM = 2529639136;
/** krb5 + 221: "Requesting ticket can't get forwardable tickets". */
export const KRB5_TKT_NOT_FORWARDABLE = 2529639133;
/** asn1 + 1: "ASN.1 structure is missing a required field". */
export const ASN1_MISSING_FIELD = 1859794433;
/** asn1 + 2: "ASN.1 unexpected field number". */
export const ASN1_MISPLACED_FIELD = 1859794434;
/** asn1 + 3: "ASN.1 type numbers are inconsistent". */
export const ASN1_TYPE_MISMATCH = 1859794435;
/** asn1 + 4: "ASN.1 value too large". */
export const ASN1_OVERFLOW = 1859794436;
/** asn1 + 5: "ASN.1 encoding ended unexpectedly". */
export const ASN1_OVERRUN = 1859794437;
/** asn1 + 6: "ASN.1 identifier doesn't match expected value". */
export const ASN1_BAD_ID = 1859794438;
/** asn1 + 7: "ASN.1 length doesn't match expected value". */
export const ASN1_BAD_LENGTH = 1859794439;
/** asn1 + 8: "ASN.1 badly-formatted encoding". */
export const ASN1_BAD_FORMAT = 1859794440;
/** asn1 + 9: "ASN.1 parse error". */
export const ASN1_PARSE_ERROR = 1859794441;
/** asn1 + 11: "ASN.1 indefinite encoding". */
export const ASN1_INDEF = 1859794443;
/** asn1 + 12: "ASN.1 missing expected EOC". */
export const ASN1_MISSING_EOC = 1859794444;
/** k5g + 0: "Principal in credential cache does not match desired name". */
export const KG_CCACHE_NOMATCH = 39756032;
/** k5g + 1: "No principal in keytab matches desired name". */
export const KG_KEYTAB_NOMATCH = 39756033;
/** k5g + 2: "Credential cache has no TGT". */
export const KG_TGT_MISSING = 39756034;
/** k5g + 3: "Authenticator has no subkey". */
export const KG_NO_SUBKEY = 39756035;
/** k5g + 4: "Context is already fully established". */
export const KG_CONTEXT_ESTABLISHED = 39756036;
/** k5g + 5: "Unknown signature type in token". */
export const KG_BAD_SIGN_TYPE = 39756037;
/** k5g + 6: "Invalid field length in token". */
export const KG_BAD_LENGTH = 39756038;
/** k5g + 7: "Attempt to use incomplete security context". */
export const KG_CTX_INCOMPLETE = 39756039;
/** k5g + 11: "Sequence number in token is corrupt". */
export const KG_BAD_SEQ = 39756043;
/** k5g + 12: "Credential cache is empty". */
export const KG_EMPTY_CCACHE = 39756044;
/** k5g + 13: "Acceptor and Initiator share no checksum types". */
export const KG_NO_CTYPES = 39756045;
/** k5g + 14: "Requested lucid context version not supported". */
export const KG_LUCID_VERSION = 39756046;
/** k5g + 15: "PRF input too long". */
export const KG_INPUT_TOO_LONG = 39756047;
/** ggss + 0: "No @ in SERVICE-NAME name string". */
export const G_BAD_SERVICE_NAME = 2249944320;
/** ggss + 2: "UID does not resolve to username". */
export const G_NOUSER = 2249944322;
/** ggss + 3: "Validation error". */
export const G_VALIDATE_FAILED = 2249944323;
/** ggss + 5: "Message context invalid". */
export const G_BAD_MSG_CTX = 2249944325;
/** ggss + 6: "Buffer is the wrong size". */
export const G_WRONG_SIZE = 2249944326;
/** ggss + 7: "Credential usage type is unknown". */
export const G_BAD_USAGE = 2249944327;
/** ggss + 8: "Unknown quality of protection specified". */
export const G_UNKNOWN_QOP = 2249944328;
/** ggss + 11: "Mechanism is incorrect". */
export const G_WRONG_MECH = 2249944331;
/** ggss + 12: "Token header is malformed or corrupt". */
export const G_BAD_TOK_HEADER = 2249944332;
/** ggss + 13: "Packet was replayed in wrong direction". */
export const G_BAD_DIRECTION = 2249944333;
/** ggss + 14: "Token is missing data". */
export const G_TOK_TRUNC = 2249944334;
/** ggss + 15: "Token was reflected". */
export const G_REFLECT = 2249944335;
/** ggss + 16: "Received token ID does not match expected token ID". */
export const G_WRONG_TOKID = 2249944336;
/** ggss + 17: "The given credential's usage does not match the requested usage". */
export const G_CRED_USAGE_MISMATCH = 2249944337;
/** errno 1: "Operation not permitted". */
export const EPERM = 1;
/** errno 2: "No such file or directory". */
export const ENOENT = 2;
/** errno 12: "Cannot allocate memory". */
export const ENOMEM = 12;
/** errno 22: "Invalid argument". */
export const EINVAL = 22;
