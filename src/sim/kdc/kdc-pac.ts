/**
 * The PAC MIT krb5 1.20's KDC puts in the tickets it issues (`handle_pac` in
 * `kdc_authdata.c`, with the db2 back end, which adds no buffers of its own):
 *
 * - AS exchange: a new PAC with PAC_CLIENT_INFO (authtime, client name without realm), the
 *   ticket checksum unless the server is a krbtgt, and the server and KDC checksums. Measured
 *   on a TGT: buffers 10, 6, 7 at offsets 56, 80, 96, checksums HMAC-SHA1-96-AES256 (16).
 * - TGS exchange: only when the TGT has a PAC, whose server checksum must verify in the
 *   TGT's key (else HEADER_PAC); the new PAC copies its PAC_CLIENT_INFO (HANDLE_AUTHDATA
 *   without one), then adds the ticket checksum and the two others. Measured on a service
 *   ticket: buffers 10, 16, 6, 7.
 *
 * No PAC for a server with `no_auth_data_required`, for an anonymous ticket, or for an AS
 * request whose PA-PAC-REQUEST says include-pac FALSE. The PAC goes first in the ticket's
 * authorization-data; a TGS drops the TGT's KDC-issued elements (its PAC) when copying.
 *
 * @module
 */

import { TicketFlags } from '../krb5/messages/flags.js';
import type { PaData } from '../krb5/messages/pa-data.js';
import { PaDataType } from '../krb5/messages/pa-data.js';
import type { EncTicketPart } from '../krb5/messages/ticket.js';
import { decodePacTable, locatePacBuffer, PacBufferType } from '../krb5/pac/pac-layout.js';
import { isKdcIssued, signTicketPac, verifyTicketPac } from '../krb5/pac/pac-ticket.js';
import type { KdcContext } from './kdc-context.js';
import { KdcErrorCode, KdcFailure, protocolCode } from './kdc-failure.js';
import { withTicketIndicators } from './kdc-indicators.js';
import { tgsPrincipal } from './principal.js';
import { firstCurrentKey, type PrincipalEntry } from './principal-entry.js';

/** KERB-PA-PAC-REQUEST { include-pac [0] FALSE } in DER. */
const PAC_REQUEST_FALSE = '3005a003010100';

/** A TGT's PAC as the TGS found it: the buffers a new PAC copies, or null for no PAC. */
export type SubjectPac = { readonly clientInfo: Uint8Array | null } | null;

/**
 * `part` of an AS reply with the PAC `handle_pac` adds, or unchanged when none is due.
 * @param padata the request's padata (PA-PAC-REQUEST can ask for no PAC).
 */
export function asTicketPac(
  context: KdcContext,
  part: EncTicketPart,
  server: PrincipalEntry,
  padata: readonly PaData[] | undefined,
): EncTicketPart {
  const pacRequest = padata?.find((pa) => pa.padataType === PaDataType.pacRequest);
  const excluded =
    pacRequest !== undefined &&
    Buffer.from(pacRequest.padataValue).toString('hex') === PAC_REQUEST_FALSE;
  const keys = signingKeys(context, server);
  if (excluded || keys === null || !issuesPac(part, server)) return part;

  return signTicketPac(part, {
    server: server.principal.components,
    client: { realm: part.crealm, name: part.cname },
    buffers: [],
    keys,
  });
}

/**
 * `get_verified_pac` for a TGT: its PAC's server checksum in the key that decrypted it.
 * @returns what a new PAC copies, or null when the TGT has no PAC.
 * @throws {KdcFailure} HEADER_PAC with the check's protocol code.
 */
export function tgsSubjectPac(
  part: EncTicketPart,
  tgtServer: readonly string[],
  tgtKey: SubjectKey,
): SubjectPac {
  const checked = verifyTicketPac(part, tgtServer, tgtKey);
  if (checked === null) return null;
  if (checked.code !== 0) {
    throw new KdcFailure(protocolCode(checked.code), 'HEADER_PAC', {
      client: { realm: part.crealm, name: part.cname },
    });
  }
  const table = decodePacTable(checked.pac) ?? [];
  const clientInfo = locatePacBuffer(checked.pac, table, PacBufferType.clientInfo);
  return { clientInfo: clientInfo === null ? null : clientInfo.slice() };
}

/**
 * `part` of a TGS reply: the TGT's authorization-data without its KDC-issued elements, and a
 * new PAC first when the TGT had one and one is due.
 * @param tgtAuthorizationData the TGT's authorization-data.
 * @param indicators the TGT's verified authentication indicators, put in a CAMMAC after the
 *   copied elements (`kdc-indicators.ts`).
 */
export function tgsTicketPac(
  context: KdcContext,
  part: EncTicketPart,
  server: PrincipalEntry,
  tgtAuthorizationData: EncTicketPart['authorizationData'],
  subject: SubjectPac,
  indicators: readonly string[] = [],
): EncTicketPart {
  const copied = (tgtAuthorizationData ?? []).filter((entry) => !isKdcIssued(entry));
  const { authorizationData: _dropped, ...rest } = part;
  const base = withTicketIndicators(
    context,
    copied.length === 0 ? rest : { ...rest, authorizationData: copied },
    server,
    indicators,
  );
  const keys = signingKeys(context, server);
  if (subject === null || keys === null || !issuesPac(base, server)) return base;

  const { clientInfo } = subject;
  if (clientInfo === null) {
    // copy_pac_buffer fails with ENOENT, which handle_authdata passes on.
    throw new KdcFailure(KdcErrorCode.KRB_ERR_GENERIC, 'HANDLE_AUTHDATA', {
      client: { realm: part.crealm, name: part.cname },
    });
  }
  return signTicketPac(base, {
    server: server.principal.components,
    client: null,
    buffers: [{ type: PacBufferType.clientInfo, data: clientInfo }],
    keys,
  });
}

type SubjectKey = Parameters<typeof verifyTicketPac>[2];

function issuesPac(part: EncTicketPart, server: PrincipalEntry): boolean {
  if (server.attributes.noAuthDataRequired) return false;
  return (part.flags & TicketFlags.anonymous) === 0;
}

/** The server's first current key and the local krbtgt's (`get_local_tgt`), or null. */
function signingKeys(context: KdcContext, server: PrincipalEntry) {
  const realm = context.database.realm;
  const krbtgt = context.database.get(tgsPrincipal(realm));
  const privsvr = krbtgt === undefined ? undefined : firstCurrentKey(krbtgt);
  const serverKey = firstCurrentKey(server);
  if (privsvr === undefined || serverKey === undefined) return null;
  return { server: serverKey.key, privsvr: privsvr.key };
}
