/**
 * What an exchange of the KDC works with: the database, the clock, the random sources and the
 * realm's limits; and the reply pieces both exchanges share.
 *
 * @module
 */

import type { Clock, KerberosTimestamp } from '../clock.js';
import { type Enctype, isEnctype, KeyBlock, makeRandomKey } from '../crypto/index.js';
import type { EncryptionKey } from '../krb5/messages/encryption.js';
import type { LastReq } from '../krb5/messages/kdc-rep.js';
import type { PrincipalName } from '../krb5/messages/principal-name.js';
import type { RandomSource } from '../random.js';
import type { PrincipalDatabase } from './database.js';
import type { Principal } from './principal.js';
import type { PrincipalEntry } from './principal-entry.js';
import type { RealmLimits } from './ticket-policy.js';

/** The KDC's state an exchange reads. */
export interface KdcContext {
  readonly database: PrincipalDatabase;
  readonly clock: Clock;
  /** Session keys. */
  readonly sessionKeys: RandomSource;
  /** Confounders of the KDC's encryptions. */
  readonly confounders: RandomSource;
  readonly limits: RealmLimits;
  /** The allowed clock skew, in seconds (`clockskew`, 300). */
  readonly clockSkew: number;
  /** Advertise FAST (PA-FX-FAST in the AS-REP's encrypted padata), as MIT's KDC does. */
  readonly advertiseFast: boolean;
}

/** The KDC's time for one request: whole seconds (`kdc_time`). */
export function kdcTime(context: KdcContext): KerberosTimestamp {
  return context.clock.timestamp();
}

/** The database principal of a request's name and realm. */
export function toPrincipal(name: PrincipalName, realm: string): Principal {
  return { components: name.nameString, realm };
}

/**
 * The session key's enctype (`select_session_keytype`): the first requested enctype the sim
 * implements and the server has a key of.
 */
export function sessionEnctype(
  requested: readonly number[],
  server: PrincipalEntry,
): Enctype | undefined {
  return requested.find(
    (enctype): enctype is Enctype =>
      isEnctype(enctype) && server.keys.some(({ key }) => key.enctype === enctype),
  );
}

/** A new session key from the KDC's seeded source (`krb5_c_make_random_key`). */
export function newSessionKey(context: KdcContext, enctype: Enctype): KeyBlock {
  return makeRandomKey(enctype, (length) => context.sessionKeys.bytes(length));
}

/** A KeyBlock as the EncryptionKey of a message. */
export function toEncryptionKey(key: KeyBlock): EncryptionKey {
  return { keytype: key.enctype, keyvalue: key.contents() };
}

/** The KeyBlock of a message's EncryptionKey. */
export function fromEncryptionKey(key: EncryptionKey): KeyBlock {
  return new KeyBlock(key.keytype, key.keyvalue);
}

/** The confounder source of the KDC's encryptions. */
export function confounder(context: KdcContext): (length: number) => Uint8Array {
  return (length) => context.confounders.bytes(length);
}

/** MIT's last-req: one entry, type 0 (none), value 0 (`nolrentry`). */
export const NO_LAST_REQ: LastReq = [{ lrType: 0, lrValue: 0 }];
