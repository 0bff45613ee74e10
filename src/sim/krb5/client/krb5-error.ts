/**
 * The error of the sim's Kerberos client: a `krb5_error_code` with the message MIT's libkrb5
 * sets for it (`k5_setmsg`), which the krb5 GSS mechanism later reports as its minor status
 * and `gss_display_status` prints.
 *
 * @module
 */

import { GssError } from '../../../spec/errors.js';
import { KrbCryptoError } from '../../crypto/index.js';
import { codeName, errorMessage, type MinorName, type MinorStatus } from '../../errors/index.js';
import type { KrbError } from '../messages/krb-error.js';

/**
 * A failed AS or TGS exchange, as MIT's `krb5_get_init_creds_password` or
 * `krb5_get_credentials` fails: `code` is the error code as an unsigned 32-bit number (the GSS
 * minor status), the message MIT's extended message or com_err's text. No key or password
 * ever appears in it.
 */
export class Krb5Error extends Error {
  override readonly name = 'Krb5Error';
  /** The error code, an unsigned 32-bit number, such as 2529638936 (Preauthentication failed). */
  readonly code: number;
  /** MIT's name of the code, such as `KRB5KDC_ERR_PREAUTH_FAILED`, when it has one. */
  readonly codeName: MinorName | undefined;
  /** The KDC's KRB-ERROR the failure came from, when it came from one. */
  readonly krbError: KrbError | undefined;

  /**
   * @param status the code and MIT's message for it.
   * @param krbError the KDC's KRB-ERROR, when the failure is the KDC's answer.
   */
  constructor(status: MinorStatus, krbError?: KrbError) {
    super(status.message);
    this.code = status.minor >>> 0;
    this.codeName = codeName(this.code);
    this.krbError = krbError;
  }

  /** The code and message, as the GSS mechanism saves them. */
  get status(): MinorStatus {
    return { minor: this.code, message: this.message };
  }
}

/** A {@link Krb5Error} with com_err's plain text for `code`. */
export function plainKrb5Error(code: number, krbError?: KrbError): Krb5Error {
  return new Krb5Error({ minor: code, message: errorMessage(code) }, krbError);
}

/** The base of MIT's `krb5` error table: a KRB-ERROR's error-code plus it is MIT's code. */
const KRB5_ERROR_TABLE_BASE = 2_529_638_912;

/** The {@link Krb5Error} of a KRB-ERROR: `error + ERROR_TABLE_BASE_krb5`, com_err's text. */
export function protocolKrb5Error(krbError: KrbError): Krb5Error {
  return plainKrb5Error(KRB5_ERROR_TABLE_BASE + krbError.errorCode, krbError);
}

/**
 * The {@link Krb5Error} of what a decoding or crypto step threw: a decoder's `GssError` keeps
 * its minor status (an ASN.1 code such as ASN1_BAD_ID), a `KrbCryptoError` its code (such as
 * KRB5KRB_AP_ERR_BAD_INTEGRITY); anything else is rethrown, being a bug, not a reply's fault.
 */
export function toKrb5Error(error: unknown): Krb5Error {
  if (error instanceof Krb5Error) return error;
  if (error instanceof KrbCryptoError) return plainKrb5Error(error.code);
  if (error instanceof GssError) return plainKrb5Error(error.minor);
  throw error;
}

/** Runs a decoding or crypto step, turning its failure into a {@link Krb5Error}. */
export function guarded<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw toKrb5Error(error);
  }
}
