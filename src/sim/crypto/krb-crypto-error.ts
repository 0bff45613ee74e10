/**
 * The error of the Kerberos crypto layer: an MIT `krb5_error_code` from the `krb5` error table,
 * with MIT's name and message for it.
 *
 * @module
 */

/** The `krb5` error table codes the crypto layer returns, with MIT's messages. */
const KRB5_ERRORS = {
  /** Index 31 of the `krb5` table. */
  KRB5KRB_AP_ERR_BAD_INTEGRITY: [31, 'Decrypt integrity check failed'],
  /** Index 178. */
  KRB5_CRYPTO_INTERNAL: [178, 'Cryptosystem internal error'],
  /** Index 188. */
  KRB5_BAD_ENCTYPE: [188, 'Bad encryption type'],
  /** Index 189. */
  KRB5_BAD_KEYSIZE: [189, 'Key size is incompatible with encryption type'],
  /** Index 190. */
  KRB5_BAD_MSIZE: [190, 'Message size is incompatible with encryption type'],
  /** Index 244. */
  KRB5_ERR_BAD_S2K_PARAMS: [244, 'Invalid key generation parameters from KDC'],
} as const;

/** The name of a `krb5` error code the crypto layer can return, as MIT spells it. */
export type KrbCryptoErrorName = keyof typeof KRB5_ERRORS;

/** The base of MIT's `krb5` error table (`ERROR_TABLE_BASE_krb5`, -1765328384), as an OM_uint32. */
const KRB5_ERROR_TABLE_BASE = 2_529_638_912;

/**
 * A Kerberos crypto operation failed the way MIT's `krb5_c_*` call fails: decrypting a
 * ciphertext whose integrity check does not match (`KRB5KRB_AP_ERR_BAD_INTEGRITY`), a
 * ciphertext too short for its enctype (`KRB5_BAD_MSIZE`), an unknown enctype or checksum
 * type (`KRB5_BAD_ENCTYPE`), a key of the wrong size (`KRB5_BAD_KEYSIZE`) or refused
 * string-to-key parameters (`KRB5_ERR_BAD_S2K_PARAMS`).
 *
 * `code` is the error code as the GSS-API reports it in a minor status (an unsigned 32-bit
 * number: KRB5KRB_AP_ERR_BAD_INTEGRITY is 2529638943). The message never holds key material.
 */
export class KrbCryptoError extends Error {
  override readonly name = 'KrbCryptoError';
  /** MIT's name of the code, like `KRB5KRB_AP_ERR_BAD_INTEGRITY`. */
  readonly codeName: KrbCryptoErrorName;
  /** The code as an unsigned 32-bit number (the GSS-API minor status). */
  readonly code: number;

  /** @param codeName MIT's name of the error code; the message is MIT's text for it. */
  constructor(codeName: KrbCryptoErrorName) {
    const [index, text] = KRB5_ERRORS[codeName];
    super(text);
    this.codeName = codeName;
    this.code = KRB5_ERROR_TABLE_BASE + index;
  }
}
