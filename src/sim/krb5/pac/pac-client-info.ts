/**
 * PAC_CLIENT_INFO (MS-PAC §2.7) as MIT krb5 1.20 writes and checks it: the ticket's authtime as
 * a 64-bit FILETIME (100 ns since 1601), the name's length in octets (16 bits), and the
 * client's name in UTF-16LE, without its realm. Integers are little-endian.
 *
 * @module
 */

import { unparsePrincipal } from '../../kdc/principal.js';
import type { KrbPrincipal } from '../client/principal.js';
import { PAC_CLIENT_INFO_LENGTH } from './pac-layout.js';

/** Seconds from 1601-01-01 to 1970-01-01. */
const EPOCH_1601 = 11_644_473_600n;
/** FILETIME ticks per second. */
const TICKS_PER_SECOND = 10_000_000n;

/** What a PAC_CLIENT_INFO says. */
export interface PacClientInfo {
  /** The authtime, in seconds since 1970. */
  readonly authtime: number;
  /** The client's name, decoded from UTF-16LE. */
  readonly name: string;
}

/**
 * The client's name as MIT's KDC writes it (`krb5_unparse_name_flags` with NO_REALM): the
 * components joined by `/`, with `/`, `@`, `\` and control characters quoted.
 */
export function pacClientName(client: KrbPrincipal): string {
  const unparsed = unparsePrincipal({ components: client.name.nameString, realm: '' });
  return unparsed.slice(0, -1);
}

/**
 * The client's name as MIT compares it (`k5_pac_validate_client`: DISPLAY and NO_REALM):
 * the components joined by `/`, unquoted.
 */
export function pacDisplayName(client: KrbPrincipal): string {
  return client.name.nameString.join('/');
}

/** Encodes a PAC_CLIENT_INFO for `authtime` and `name`. */
export function encodeClientInfo(authtime: number, name: string): Uint8Array {
  const utf16 = Buffer.from(name, 'utf16le');
  const bytes = new Uint8Array(PAC_CLIENT_INFO_LENGTH + utf16.length);
  const view = new DataView(bytes.buffer);

  view.setBigUint64(0, (BigInt(authtime) + EPOCH_1601) * TICKS_PER_SECOND, true);
  view.setUint16(8, utf16.length, true);
  bytes.set(utf16, PAC_CLIENT_INFO_LENGTH);
  return bytes;
}

/**
 * Decodes a PAC_CLIENT_INFO (`krb5_pac_get_client_info`), or null when it is too short for
 * its name or the name's length is odd.
 */
export function decodeClientInfo(bytes: Uint8Array): PacClientInfo | null {
  if (bytes.length < PAC_CLIENT_INFO_LENGTH) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ticks = view.getBigUint64(0, true);
  const length = view.getUint16(8, true);
  if (bytes.length < PAC_CLIENT_INFO_LENGTH + length || length % 2 !== 0) return null;

  const authtime = Number(ticks / TICKS_PER_SECOND - EPOCH_1601);
  const nameBytes = bytes.subarray(PAC_CLIENT_INFO_LENGTH, PAC_CLIENT_INFO_LENGTH + length);
  return { authtime, name: Buffer.from(nameBytes).toString('utf16le') };
}
