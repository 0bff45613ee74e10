/**
 * The client defaults of MIT krb5 1.20 that the sim's client follows, for a realm configured
 * like `startMitRealm()`'s (`forwardable = true`, everything else default).
 *
 * @module
 */

import { KdcOptions } from '../messages/flags.js';

/**
 * The enctypes MIT 1.20 asks for (`default_tkt_enctypes` and `default_tgs_enctypes`:
 * aes256-sha1, aes128-sha1, aes256-sha384, aes128-sha256, des3, rc4, camellia128,
 * camellia256), in the order `kinit` sends them. The KDC ignores the ones it lacks.
 */
export const MIT_DEFAULT_ENCTYPES: readonly number[] = [18, 17, 20, 19, 16, 23, 25, 26];

/** MIT's `kdc_default_options`: renewable-ok. */
export const KDC_DEFAULT_OPTIONS = KdcOptions.renewableOk;

/** MIT's default `ticket_lifetime`: 24 hours. */
export const DEFAULT_TICKET_LIFETIME = 86_400;

/** MIT's default `clockskew`, in seconds. */
export const DEFAULT_CLIENT_CLOCK_SKEW = 300;

/**
 * The KDC options a TGS request copies from the TGT's flags (`FLAGS2OPTS`, MIT's
 * `KDC_TKT_COMMON_MASK`): forwardable, proxiable, may-postdate and renewable sit at the same
 * bits in both.
 */
export const KDC_TKT_COMMON_MASK =
  KdcOptions.forwardable | KdcOptions.proxiable | KdcOptions.allowPostdate | KdcOptions.renewable;
