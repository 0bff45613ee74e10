/**
 * A ticket's PAC as MIT krb5 1.20 carries it: the first element of the EncTicketPart's
 * authorization-data, an AD-IF-RELEVANT (1) holding one AD-WIN2K-PAC (128). The KDC signs it
 * (`krb5_kdc_sign_ticket`), the TGS checks the TGT's (`krb5_kdc_verify_ticket`) and an
 * acceptor checks a service ticket's (`mspac_verify`).
 *
 * @module
 */

import type { KeyBlock } from '../../crypto/index.js';
import { code } from '../../errors/index.js';
import type { KrbPrincipal } from '../client/principal.js';
import {
  type AuthorizationData,
  type AuthorizationDataEntry,
  decodeAuthorizationData,
  encodeAuthorizationData,
} from '../messages/authorization-data.js';
import { type EncTicketPart, encodeEncTicketPart } from '../messages/ticket.js';
import {
  decodeClientInfo,
  encodeClientInfo,
  pacClientName,
  pacDisplayName,
} from './pac-client-info.js';
import {
  decodePacTable,
  locatePacBuffer,
  type PacBufferData,
  PacBufferType,
} from './pac-layout.js';
import {
  type PacSigningKeys,
  signatureData,
  signPac,
  verifyPrivsvrChecksum,
  verifyServerChecksum,
  verifySignature,
} from './pac-signature.js';

/** Authorization-data types (RFC 4120 §5.2.6, MIT's `KRB5_AUTHDATA_*`). */
export const AdType = {
  ifRelevant: 1,
  kdcIssued: 4,
  signTicket: 512,
  win2kPac: 128,
  cammac: 96,
  authIndicator: 97,
} as const;

/** The ad-types MIT's KDC issues itself and drops when copying a TGT's authorization-data. */
const KDC_ISSUED: ReadonlySet<number> = new Set([
  AdType.signTicket,
  AdType.kdcIssued,
  AdType.win2kPac,
  AdType.cammac,
  AdType.authIndicator,
]);

/** A PAC found in a ticket: its octets and where it sits. */
export interface TicketPac {
  /** The PAC's octets. */
  readonly pac: Uint8Array;
  /** The index of its AD-IF-RELEVANT element in the ticket's authorization-data. */
  readonly index: number;
  /** That element's contents, decoded. */
  readonly container: AuthorizationData;
  /** The index of the AD-WIN2K-PAC element inside the container. */
  readonly inner: number;
}

/** What a ticket needs to get a PAC from the KDC. */
export interface TicketPacOptions {
  /** The ticket's server: tickets to a krbtgt or kadmin/changepw get no ticket checksum. */
  readonly server: readonly string[];
  /** The client whose PAC_CLIENT_INFO is added, or null when `buffers` holds one. */
  readonly client: KrbPrincipal | null;
  /** Buffers copied from the TGT's PAC, in order (a TGS copies PAC_CLIENT_INFO). */
  readonly buffers: readonly PacBufferData[];
  /** The server's key and the krbtgt key. */
  readonly keys: PacSigningKeys;
}

/** An AD-IF-RELEVANT element holding one AD-WIN2K-PAC of `pac` (`encode_pac_ad`). */
export function pacAuthorizationElement(pac: Uint8Array): AuthorizationDataEntry {
  const inner = encodeAuthorizationData([{ adType: AdType.win2kPac, adData: pac }]);
  return { adType: AdType.ifRelevant, adData: inner };
}

/**
 * `k5_pac_should_have_ticket_signature` (MS-PAC §2.8.3): every server but a krbtgt and
 * kadmin/changepw.
 */
export function shouldHaveTicketSignature(server: readonly string[]): boolean {
  if (server.length === 2 && server[0] === 'krbtgt') return false;
  return !(server.length === 2 && server[0] === 'kadmin' && server[1] === 'changepw');
}

/**
 * Whether an element is one the KDC issues (`is_kdc_issued_authdatum`): of such a type, or
 * an AD-IF-RELEVANT container holding one.
 */
export function isKdcIssued(entry: AuthorizationDataEntry): boolean {
  if (entry.adType !== AdType.ifRelevant) return KDC_ISSUED.has(entry.adType);
  try {
    return decodeAuthorizationData(entry.adData).some(({ adType }) => KDC_ISSUED.has(adType));
  } catch {
    return false;
  }
}

/**
 * `krb5_kdc_sign_ticket`: `part` with a new PAC as the first element of its
 * authorization-data. The PAC holds `buffers`, then (except for a krbtgt or kadmin/changepw)
 * a ticket checksum over `part` with a one-zero-octet PAC in its place, then PAC_CLIENT_INFO
 * for `client` (authtime and name without realm), then the server and KDC checksums.
 */
export function signTicketPac(part: EncTicketPart, options: TicketPacOptions): EncTicketPart {
  const rest = part.authorizationData ?? [];
  const buffers = [...options.buffers];
  if (shouldHaveTicketSignature(options.server)) {
    const dummy = pacAuthorizationElement(Uint8Array.of(0));
    const encoded = encodeEncTicketPart({ ...part, authorizationData: [dummy, ...rest] });
    const checksum = signatureData(options.keys.privsvr, encoded);
    buffers.push({ type: PacBufferType.ticketChecksum, data: checksum });
  }
  if (options.client !== null && !buffers.some(({ type }) => type === PacBufferType.clientInfo)) {
    const data = encodeClientInfo(part.authtime, pacClientName(options.client));
    buffers.push({ type: PacBufferType.clientInfo, data });
  }

  const pac = signPac(buffers, options.keys);
  return { ...part, authorizationData: [pacAuthorizationElement(pac), ...rest] };
}

/**
 * The first AD-IF-RELEVANT element holding an AD-WIN2K-PAC, as `krb5_kdc_verify_ticket`
 * finds it, or null. A container that does not decode is skipped.
 */
export function findTicketPac(authorizationData: AuthorizationData | undefined): TicketPac | null {
  for (const [index, entry] of (authorizationData ?? []).entries()) {
    if (entry.adType !== AdType.ifRelevant) continue;
    let container: AuthorizationData;
    try {
      container = decodeAuthorizationData(entry.adData);
    } catch {
      continue;
    }
    const inner = container.findIndex(({ adType }) => adType === AdType.win2kPac);
    const element = container[inner];
    if (element !== undefined) return { pac: element.adData, index, container, inner };
  }
  return null;
}

/**
 * `krb5_kdc_verify_ticket`: with `privsvr` and a server that should have one, the ticket
 * checksum over `part` re-encoded with a one-zero-octet PAC; then the server checksum in
 * `server`, and the KDC checksum in `privsvr` when given.
 * @returns the PAC and 0, the PAC and MIT's code, or null when the ticket has no PAC.
 */
export function verifyTicketPac(
  part: EncTicketPart,
  serverName: readonly string[],
  server: KeyBlock,
  privsvr?: KeyBlock,
): { readonly pac: Uint8Array; readonly code: number } | null {
  const found = findTicketPac(part.authorizationData);
  if (found === null) return null;
  const { pac } = found;
  const table = decodePacTable(pac);
  if (table === null) return { pac, code: PAC_PARSE_ERROR };

  if (privsvr !== undefined && shouldHaveTicketSignature(serverName)) {
    const encoded = encodeEncTicketPart(withDummyPac(part, found));
    const ticket = verifySignature(pac, table, PacBufferType.ticketChecksum, privsvr, encoded);
    if (ticket !== 0) return { pac, code: ticket };
  }
  const serverCode = verifyServerChecksum(pac, server);
  if (serverCode !== 0) return { pac, code: serverCode };
  const kdcCode = privsvr === undefined ? 0 : verifyPrivsvrChecksum(pac, privsvr);
  return { pac, code: kdcCode };
}

/**
 * `mspac_verify` on an acceptor: the server checksum in the key that decrypted the ticket,
 * then PAC_CLIENT_INFO against the ticket's authtime and client (name without realm). A
 * failure leaves the PAC unverified and the context is still accepted.
 * @returns the PAC and whether it verified, or null when the ticket has no PAC.
 */
export function acceptTicketPac(
  part: EncTicketPart,
  serverKey: KeyBlock,
): { readonly pac: Uint8Array; readonly verified: boolean } | null {
  const found = findTicketPac(part.authorizationData);
  if (found === null) return null;
  const { pac } = found;
  const table = decodePacTable(pac);
  if (table === null || verifyServerChecksum(pac, serverKey) !== 0) {
    return { pac, verified: false };
  }

  const buffer = locatePacBuffer(pac, table, PacBufferType.clientInfo);
  const info = buffer === null ? null : decodeClientInfo(buffer);
  const client = { realm: part.crealm, name: part.cname };
  const verified =
    info !== null && info.authtime === part.authtime && info.name === pacDisplayName(client);
  return { pac, verified };
}

/** EINVAL, which `krb5_pac_parse` gives most often for a PAC that does not parse. */
const PAC_PARSE_ERROR = code('EINVAL');

function withDummyPac(part: EncTicketPart, found: TicketPac): EncTicketPart {
  const container = found.container.map((entry, index) =>
    index === found.inner ? { adType: AdType.win2kPac, adData: Uint8Array.of(0) } : entry,
  );
  const element = { adType: AdType.ifRelevant, adData: encodeAuthorizationData(container) };
  const authorizationData = (part.authorizationData ?? []).map((entry, index) =>
    index === found.index ? element : entry,
  );
  return { ...part, authorizationData };
}
