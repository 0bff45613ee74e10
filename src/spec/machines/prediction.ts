/**
 * What a call is predicted to return: the major status MIT krb5 1.20 gives and, where MIT's
 * krb5 mechanism sets a known one, the symbolic name of the minor status. The numbers behind
 * minor names are computed elsewhere (com_err tables and the platform's errno values).
 *
 * @module
 */

/**
 * Symbolic minor status names that the machines predict.
 *
 * - `KG_*` come from MIT's `src/lib/gssapi/krb5/gssapi_err_krb5.et` (table `k5g`).
 * - `KRB5*` come from the krb5 error table (`krb5_err.et`).
 * - `EEXIST`, `EINVAL`, `ENOENT`, `EPERM` are errno values as MIT passes them through
 *   unchanged.
 */
export type MinorName =
  | 'KG_CTX_INCOMPLETE'
  | 'KG_CONTEXT_ESTABLISHED'
  | 'KRB5KRB_AP_ERR_MSG_TYPE'
  | 'KRB5_BAD_MSIZE'
  | 'EEXIST'
  | 'EINVAL'
  | 'ENOENT'
  | 'EPERM';

/**
 * A predicted outcome. `minor` is given only where MIT sets a known minor status; when it is
 * absent the prediction makes no claim about the minor status (it may be 0 or a code that
 * depends on data the machine does not model, such as a KDC error).
 */
export interface Prediction {
  /** The major status, as a complete `OM_uint32` (calling, routine and supplementary fields). */
  readonly major: number;
  /** The symbolic name of the minor status, when MIT's mechanism sets a known one. */
  readonly minor?: MinorName;
}

/** A frozen prediction, so that tables can share one object per outcome. */
export function predict(major: number, minor?: MinorName): Prediction {
  return Object.freeze(minor === undefined ? { major } : { major, minor });
}
