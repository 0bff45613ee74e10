/**
 * The errors of the DER decoder: a `GssError` with GSS_S_FAILURE and MIT's com_err code and text
 * as the minor status, as MIT's `gss_init_sec_context` reports a reply its decoder rejects.
 *
 * @module
 */

import { type GssError, gssError } from '../../spec/errors.js';
import { GSS_S_FAILURE } from '../../spec/status.js';
import { code, errorMessage } from '../errors/index.js';

/**
 * The codes MIT's decoder returns (`asn1_err.et`), and the one of the `krb5` table that its
 * `krb5_version` field gives for a protocol version other than 5.
 */
export type Asn1ErrorName =
  | 'ASN1_BAD_TIMEFORMAT'
  | 'ASN1_MISSING_FIELD'
  | 'ASN1_OVERFLOW'
  | 'ASN1_OVERRUN'
  | 'ASN1_BAD_ID'
  | 'ASN1_BAD_LENGTH'
  | 'ASN1_BAD_FORMAT'
  | 'ASN1_INDEF'
  | 'KRB5KDC_ERR_BAD_PVNO';

/**
 * The error a decoder throws: major GSS_S_FAILURE (what MIT 1.20 returns when `krb5_rd_rep` or
 * `krb5_rd_error` fail to decode), minor the com_err code, message MIT's text.
 */
export function asn1Error(name: Asn1ErrorName): GssError {
  const minor = code(name);
  return gssError(GSS_S_FAILURE, minor, { minorMessage: errorMessage(minor) });
}
