/**
 * How the client reaches its realm's KDC: one request, one reply or none, as `krb5_sendto_kdc`
 * sees a KDC over UDP or TCP. The sim's `SimKdc` is one.
 *
 * @module
 */

import { kdcUnreachable } from '../../errors/index.js';
import { Krb5Error } from './krb5-error.js';

/** A KDC: the reply to a request, or `undefined` when none came (dropped, unreachable). */
export interface KdcTransport {
  exchange(request: Uint8Array): Uint8Array | undefined;
}

/**
 * Sends a request to the realm's KDC (`krb5_sendto_kdc`).
 * @throws {Krb5Error} KRB5_KDC_UNREACH, `Cannot contact any KDC for realm '<realm>'`, when no
 *   reply comes.
 */
export function sendToKdc(kdc: KdcTransport, request: Uint8Array, realm: string): Uint8Array {
  const reply = kdc.exchange(request);
  if (reply === undefined) throw new Krb5Error(kdcUnreachable(realm));

  return reply;
}
