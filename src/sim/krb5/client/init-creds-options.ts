/**
 * What an AS exchange of the client is given and gives back: the options of
 * `krb5_get_init_creds_opt` and the realm's `krb5.conf`, the result, and the steps.
 *
 * @module
 */

import type { Clock } from '../../clock.js';
import type { KeyBlock } from '../../crypto/index.js';
import type { RandomSource } from '../../random.js';
import type { Credential } from './credential.js';
import type { KrbPrincipal } from './principal.js';
import type { TimeOffset } from './time-offset.js';

/** How initial credentials are asked for (`krb5_get_init_creds_opt` and `krb5.conf`). */
export interface InitCredsOptions {
  /** The client, such as `user@KRBTEST.COM`. */
  readonly client: string | KrbPrincipal;
  /** The password; or give {@link InitCredsOptions.key}. */
  readonly password?: string;
  /** The client's key, as from a client keytab, used whatever the KDC's ETYPE-INFO2 says. */
  readonly key?: KeyBlock;
  /** The server; default `krbtgt/<client realm>@<client realm>`. */
  readonly server?: string | KrbPrincipal;
  /** Ask for a forwardable ticket. Default true (`forwardable = true` in the realm's krb5.conf). */
  readonly forwardable?: boolean;
  /** Ask for a proxiable ticket. Default false. */
  readonly proxiable?: boolean;
  /** Ask for canonicalization. Default false. */
  readonly canonicalize?: boolean;
  /** The requested lifetime in seconds (`kinit -l`). Default 24 hours. */
  readonly lifetime?: number;
  /** The requested renewable lifetime in seconds (`kinit -r`). Default 0: not renewable. */
  readonly renewLifetime?: number;
  /** The requested enctypes, most preferred first. Default MIT 1.20's list. */
  readonly enctypes?: readonly number[];
  /** Learn the KDC's time (`kdc_timesync`). Default true, as MIT's default. */
  readonly kdcTimesync?: boolean;
  /** The time offset the client already knows (from its ccache). */
  readonly timeOffset?: TimeOffset;
  /** The client's random source: nonces and confounders. */
  readonly random: RandomSource;
  /** The client's clock. */
  readonly clock: Clock;
}

/** The result of the AS exchange. */
export interface InitialCredentials {
  /** The new credential. */
  readonly credential: Credential;
  /** The time offset to keep: the learned one with `kdc_timesync`, else the given one. */
  readonly timeOffset: TimeOffset | undefined;
  /** Whether the KDC offered FAST in the reply (MIT stores `fast_avail` in the ccache). */
  readonly fastAvailable: boolean;
}

/** What to do next: send a request, or done. */
export type InitCredsStep =
  | { readonly request: Uint8Array; readonly done?: undefined }
  | { readonly done: InitialCredentials; readonly request?: undefined };
