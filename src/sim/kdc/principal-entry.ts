/**
 * A principal of the KDC's database as MIT's `krb5_db_entry` holds it: attributes, ticket
 * policy and keys, each key with its version number and salt. Keys stay inside: `inspect`
 * and JSON show enctypes and version numbers only.
 *
 * @module
 */

import type { KeyBlock } from '../crypto/index.js';
import type { Principal } from './principal.js';

/**
 * The attributes `kadmin modprinc` switches (`+requires_preauth`, `-allow_forwardable`), as
 * booleans named like kadmin's options. In MIT most are stored inverted (`DISALLOW_*`); here
 * each is what it says.
 */
export interface PrincipalAttributes {
  /** `requires_preauth`: an AS request must carry pre-authentication. */
  readonly requiresPreauth: boolean;
  /** `allow_forwardable`: tickets for or to it may be forwardable. */
  readonly allowForwardable: boolean;
  /** `allow_proxiable`. */
  readonly allowProxiable: boolean;
  /** `allow_renewable`. */
  readonly allowRenewable: boolean;
  /** `allow_postdated`. */
  readonly allowPostdated: boolean;
  /** `allow_tix`: any ticket at all may be issued for or to it. */
  readonly allowTix: boolean;
  /** `allow_svr`: tickets may be issued for it as a service. */
  readonly allowSvr: boolean;
  /** `ok_as_delegate`: service tickets for it carry the ok-as-delegate flag. */
  readonly okAsDelegate: boolean;
  /** `ok_to_auth_as_delegate`: it may get forwardable S4U2Self tickets. */
  readonly okToAuthAsDelegate: boolean;
  /** `lockdown_keys`: its keys never leave the KDC (MIT sets it on krbtgt). */
  readonly lockdownKeys: boolean;
  /** `no_auth_data_required`: tickets for it as a server carry no PAC. */
  readonly noAuthDataRequired: boolean;
}

/** One key of a principal: `kadmin getprinc`'s `Key: vno 1, aes256-cts-hmac-sha1-96`. */
export interface PrincipalKey {
  /** The key version number. */
  readonly kvno: number;
  /** The key. */
  readonly key: KeyBlock;
  /** The salt its password was stretched with (`normal`: realm and components), if any. */
  readonly salt?: Uint8Array;
}

/** A principal of the database. */
export interface PrincipalEntry {
  /** Its name. */
  readonly principal: Principal;
  /** Its attributes. */
  readonly attributes: PrincipalAttributes;
  /** `Maximum ticket life`, in seconds (0: no limit of its own). */
  readonly maxLife: number;
  /** `Maximum renewable life`, in seconds. */
  readonly maxRenewableLife: number;
  /** When it expires, in seconds since 1970 (0: never). */
  readonly expiration: number;
  /** Its keys, newest version first, each version in the order of its enctypes. */
  readonly keys: readonly PrincipalKey[];
  /**
   * The authentication indicators its logins assert (as MIT's KDC asserts `pkinit_indicator`
   * for a PKINIT login): every AS reply for it carries them. Default none.
   */
  readonly authIndicators?: readonly string[];
}

/**
 * The attributes of a principal `addprinc` creates in a realm with
 * `default_principal_flags = +preauth` (what `startMitRealm()` configures): everything allowed,
 * pre-authentication required.
 */
export const DEFAULT_ATTRIBUTES: PrincipalAttributes = {
  requiresPreauth: true,
  allowForwardable: true,
  allowProxiable: true,
  allowRenewable: true,
  allowPostdated: true,
  allowTix: true,
  allowSvr: true,
  okAsDelegate: false,
  okToAuthAsDelegate: false,
  lockdownKeys: false,
  noAuthDataRequired: false,
};

/** The highest key version number of an entry (MIT's `current_kvno`), or 0 without keys. */
export function currentKvno(entry: PrincipalEntry): number {
  return entry.keys.reduce((highest, { kvno }) => Math.max(highest, kvno), 0);
}

/**
 * The key of `enctype` with version `kvno`, or the newest of that enctype when `kvno` is
 * absent (`krb5_dbe_find_enctype` with kvno -1). Keys are kept newest first.
 */
export function findKey(
  entry: PrincipalEntry,
  enctype: number,
  kvno?: number,
): PrincipalKey | undefined {
  return entry.keys.find(
    (key) => key.key.enctype === enctype && (kvno === undefined || key.kvno === kvno),
  );
}

/** The first key of the newest version (MIT's `get_first_current_key`), which tickets use. */
export function firstCurrentKey(entry: PrincipalEntry): PrincipalKey | undefined {
  const kvno = currentKvno(entry);
  return entry.keys.find((key) => key.kvno === kvno);
}
