/**
 * `krb5_get_init_creds_password` for the sim: the AS exchange with a KDC, the credential
 * stored in a cache when one is given, as `kinit` does.
 *
 * @module
 */

import type { CredentialCache } from './credential-cache.js';
import { InitCredsContext } from './init-creds-context.js';
import type { InitCredsOptions, InitialCredentials } from './init-creds-options.js';
import { type KdcTransport, sendToKdc } from './kdc-transport.js';

/** {@link InitCredsOptions} and where to send the requests and keep the result. */
export interface GetInitialCredentialsOptions extends InitCredsOptions {
  /** The realm's KDC. */
  readonly kdc: KdcTransport;
  /**
   * A cache to initialize for the client and store the credential and time offset in (the
   * output ccache of `krb5_get_init_creds_opt_set_out_ccache`, as `kinit` uses it).
   */
  readonly ccache?: CredentialCache;
}

/**
 * Gets initial credentials (a TGT unless another server is named) from the KDC.
 * @throws {Krb5Error} with MIT's code and message: `Preauthentication failed` for a wrong
 *   password, `Client '<name>' not found in Kerberos database`, `Cannot contact any KDC for
 *   realm '<realm>'`, `Clock skew too great` (without `kdc_timesync`), and the rest.
 * @throws {TypeError} without a password or key.
 */
export function getInitialCredentials(options: GetInitialCredentialsOptions): InitialCredentials {
  const context = new InitCredsContext(options);
  let request = context.start();

  for (;;) {
    const reply = sendToKdc(options.kdc, request, context.server.realm);
    const next = context.step(reply);
    if (next.done === undefined) {
      request = next.request;
      continue;
    }

    if (options.ccache !== undefined) {
      options.ccache.initialize(next.done.credential.client);
      options.ccache.timeOffset = next.done.timeOffset;
      options.ccache.store(next.done.credential);
    }
    return next.done;
  }
}
