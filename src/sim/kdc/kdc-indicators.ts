/**
 * The authentication indicators MIT krb5 1.20's KDC asserts in tickets (`handle_authdata`,
 * `kdc_authdata.c`): an AS reply asserts those of the client's login, a TGS reply copies those
 * of the TGT whose CAMMAC verifies in the local krbtgt key (`get_auth_indicators`). Each ticket
 * gets them in a CAMMAC after its other elements, before the PAC is signed; a server with
 * `no_auth_data_required` gets none.
 *
 * MIT asserts indicators for a login with a pre-authentication mechanism configured to (such
 * as PKINIT with `pkinit_indicator`); the sim has no such mechanism and asserts a principal's
 * {@link PrincipalEntry.authIndicators} in every AS reply for it.
 *
 * @module
 */

import type { KeyBlock } from '../crypto/index.js';
import type { EncTicketPart } from '../krb5/messages/ticket.js';
import { addTicketIndicators, kdcTicketIndicators } from '../krb5/pac/cammac.js';
import type { KdcContext } from './kdc-context.js';
import { tgsPrincipal } from './principal.js';
import { currentKvno, firstCurrentKey, type PrincipalEntry } from './principal-entry.js';

/**
 * `add_auth_indicators`: `part` with `indicators` in a CAMMAC, or unchanged when there are
 * none, the server has `no_auth_data_required`, or a key is missing.
 */
export function withTicketIndicators(
  context: KdcContext,
  part: EncTicketPart,
  server: PrincipalEntry,
  indicators: readonly string[],
): EncTicketPart {
  if (indicators.length === 0 || server.attributes.noAuthDataRequired) return part;
  const krbtgt = context.database.get(tgsPrincipal(context.database.realm));
  const tgtKey = krbtgt === undefined ? undefined : firstCurrentKey(krbtgt);
  const serverKey = firstCurrentKey(server);
  if (krbtgt === undefined || tgtKey === undefined || serverKey === undefined) return part;

  return addTicketIndicators(part, indicators, {
    krbtgt: tgtKey.key,
    krbtgtKvno: currentKvno(krbtgt),
    server: serverKey.key,
  });
}

/**
 * `get_auth_indicators` of a TGT: the indicators of its CAMMACs whose kdc-verifier checks in
 * the local krbtgt's key of the verifier's kvno (its first current key for the current kvno).
 * @throws {GssError} with MIT's ASN.1 code when a CAMMAC does not decode.
 */
export function tgtIndicators(context: KdcContext, part: EncTicketPart): string[] {
  const krbtgt = context.database.get(tgsPrincipal(context.database.realm));
  if (krbtgt === undefined) return [];
  const keyOf = (kvno: number | undefined): KeyBlock | null => {
    if (kvno === undefined) return null;
    const key =
      kvno === currentKvno(krbtgt)
        ? firstCurrentKey(krbtgt)
        : krbtgt.keys.find((each) => each.kvno === kvno);
    return key?.key ?? null;
  };
  return kdcTicketIndicators(part, keyOf);
}
