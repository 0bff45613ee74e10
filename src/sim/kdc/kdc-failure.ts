/**
 * Why the KDC refuses a request: a protocol error code (RFC 4120 §7.5.9), the status MIT's
 * KDC logs and sends as e-text, and the e-data it adds. Thrown inside an exchange and turned
 * into a KRB-ERROR by the KDC, never seen by callers.
 *
 * @module
 */

import type { PaData } from '../krb5/messages/pa-data.js';
import type { PrincipalName } from '../krb5/messages/principal-name.js';

/** The protocol error codes the sim's KDC sends (RFC 4120 §7.5.9, MIT's `KDC_ERR_*`). */
export const KdcErrorCode = {
  KDC_ERR_NAME_EXP: 1,
  KDC_ERR_SERVICE_EXP: 2,
  KDC_ERR_C_PRINCIPAL_UNKNOWN: 6,
  KDC_ERR_S_PRINCIPAL_UNKNOWN: 7,
  KDC_ERR_BADOPTION: 13,
  KDC_ERR_ETYPE_NOSUPP: 14,
  KDC_ERR_PADATA_TYPE_NOSUPP: 16,
  KDC_ERR_CLIENT_REVOKED: 18,
  KDC_ERR_PREAUTH_FAILED: 24,
  KDC_ERR_PREAUTH_REQUIRED: 25,
  KDC_ERR_MUST_USE_USER2USER: 27,
  KDC_ERR_POLICY: 12,
  KRB_AP_ERR_BAD_INTEGRITY: 31,
  KRB_AP_ERR_TKT_EXPIRED: 32,
  KRB_AP_ERR_TKT_NYV: 33,
  KRB_AP_ERR_BADMATCH: 36,
  KRB_AP_ERR_SKEW: 37,
  KRB_AP_ERR_MODIFIED: 41,
  KRB_AP_ERR_BADKEYVER: 44,
  KRB_AP_ERR_INAPP_CKSUM: 50,
  KRB_ERR_GENERIC: 60,
} as const;

/** A refusal: the KRB-ERROR's code, e-text, e-data and client. */
export class KdcFailure extends Error {
  override readonly name = 'KdcFailure';
  /** error-code. */
  readonly errorCode: number;
  /** e-text: MIT's status string, such as `NEEDED_PREAUTH`. */
  readonly status: string;
  /** e-data: METHOD-DATA, when MIT sends one. */
  readonly eData: readonly PaData[] | undefined;
  /** The client to name in the error (the TGT's, for a TGS request), when known. */
  readonly client: { readonly realm: string; readonly name: PrincipalName } | undefined;

  constructor(
    errorCode: number,
    status: string,
    options: {
      readonly eData?: readonly PaData[];
      readonly client?: { readonly realm: string; readonly name: PrincipalName };
    } = {},
  ) {
    super(`${status} (${errorCode})`);
    this.errorCode = errorCode;
    this.status = status;
    this.eData = options.eData;
    this.client = options.client;
  }
}

/**
 * The protocol code of a library error code, as MIT's KDC makes it (`errcode -
 * ERROR_TABLE_BASE_krb5`, KRB_ERR_GENERIC when outside the protocol's range).
 */
export function protocolCode(minor: number): number {
  const KRB5_BASE = 2_529_638_912;
  const KRB_ERR_MAX = 127;
  const offset = (minor >>> 0) - KRB5_BASE;
  return offset < 0 || offset > KRB_ERR_MAX ? KdcErrorCode.KRB_ERR_GENERIC : offset;
}
