/**
 * The PAC's signatures (MS-PAC §2.8) as MIT krb5 1.20's `pac_sign.c` makes them and `pac.c`
 * checks them. Each PAC_SIGNATURE_DATA is the checksum type (4 octets, little-endian) and the
 * checksum, made with the key's mandatory checksum type and key usage 17
 * (KRB5_KEYUSAGE_APP_DATA_CKSUM):
 *
 * - server checksum (type 6): over the whole PAC with both the server and the KDC checksums
 *   zeroed, in the service's key;
 * - KDC checksum (type 7): over the server checksum's checksum octets, in the krbtgt key;
 * - ticket checksum (type 16): over the EncTicketPart whose PAC is replaced by one zero
 *   octet, in the krbtgt key (see `pac-ticket.ts`).
 *
 * Checks answer 0 or MIT's krb5 code (or errno), as `verify_checksum` does.
 *
 * @module
 */

import {
  checksumProfile,
  enctypeProfile,
  type KeyBlock,
  KrbCryptoError,
  makeChecksum,
  verifyChecksum,
} from '../../crypto/index.js';
import { code } from '../../errors/index.js';
import {
  decodePacTable,
  encodePac,
  locatePacBuffer,
  PAC_SIGNATURE_DATA_LENGTH,
  type PacBufferData,
  type PacBufferEntry,
  PacBufferType,
} from './pac-layout.js';

/** KRB5_KEYUSAGE_APP_DATA_CKSUM. */
export const KEY_USAGE_APP_DATA_CKSUM = 17;
/** CKSUMTYPE_SHA1 (unkeyed), which MIT refuses for the server checksum. */
const CKSUMTYPE_SHA1 = 14;

/** The keys a KDC signs a PAC with. Holds keys: never print it. */
export interface PacSigningKeys {
  /** The key the ticket is encrypted in. */
  readonly server: KeyBlock;
  /** The local krbtgt key (`local_tgt_key`). */
  readonly privsvr: KeyBlock;
}

/** A PAC_SIGNATURE_DATA of `key`'s mandatory checksum type over `data`. */
export function signatureData(key: KeyBlock, data: Uint8Array): Uint8Array {
  const { checksumType } = enctypeProfile(key.enctype);
  const checksum = makeChecksum(key, KEY_USAGE_APP_DATA_CKSUM, data, checksumType);
  const bytes = new Uint8Array(PAC_SIGNATURE_DATA_LENGTH + checksum.length);

  new DataView(bytes.buffer).setUint32(0, checksumType, true);
  bytes.set(checksum, PAC_SIGNATURE_DATA_LENGTH);
  return bytes;
}

/**
 * `krb5_pac_sign_ext` without client info: `buffers` in order, then a server checksum and a
 * KDC checksum appended, and both computed.
 * @throws {RangeError} when `buffers` already holds a server or KDC checksum.
 */
export function signPac(buffers: readonly PacBufferData[], keys: PacSigningKeys): Uint8Array {
  const signed = new Set<number>([PacBufferType.serverChecksum, PacBufferType.privsvrChecksum]);
  if (buffers.some(({ type }) => signed.has(type))) {
    throw new RangeError('signPac: expected buffers without server or KDC checksums');
  }

  const server = zeroedSignature(keys.server);
  const privsvr = zeroedSignature(keys.privsvr);
  const pac = encodePac([
    ...buffers,
    { type: PacBufferType.serverChecksum, data: server },
    { type: PacBufferType.privsvrChecksum, data: privsvr },
  ]);
  const table = decodePacTable(pac) ?? [];
  const serverSlot = locatePacBuffer(pac, table, PacBufferType.serverChecksum);
  const privsvrSlot = locatePacBuffer(pac, table, PacBufferType.privsvrChecksum);
  if (serverSlot === null || privsvrSlot === null) throw new Error('signPac: lost a checksum');

  serverSlot.set(signatureData(keys.server, pac));
  const serverChecksum = serverSlot.slice(PAC_SIGNATURE_DATA_LENGTH);
  privsvrSlot.set(signatureData(keys.privsvr, serverChecksum));
  return pac;
}

/**
 * `verify_server_checksum`: the server checksum over the PAC with both checksums zeroed.
 * @returns 0, or MIT's code: ENOENT/EINVAL (no such buffer, or two), KRB5_BAD_MSIZE,
 *   KRB5KDC_ERR_SUMTYPE_NOSUPP (unkeyed SHA-1), KRB5KRB_ERR_GENERIC (not a keyed type),
 *   KRB5_BAD_ENCTYPE (a type of another cipher than the key's), KRB5KRB_AP_ERR_MODIFIED.
 */
export function verifyServerChecksum(pac: Uint8Array, key: KeyBlock): number {
  const table = decodePacTable(pac);
  if (table === null) return code('EINVAL');
  const copy = pac.slice();
  for (const type of [PacBufferType.serverChecksum, PacBufferType.privsvrChecksum]) {
    const zeroed = zeroSignature(copy, table, type);
    if (zeroed !== 0) return zeroed;
  }
  return verifySignature(pac, table, PacBufferType.serverChecksum, key, copy);
}

/** `verify_kdc_checksum`: the KDC checksum over the server checksum's checksum octets. */
export function verifyPrivsvrChecksum(pac: Uint8Array, key: KeyBlock): number {
  const table = decodePacTable(pac);
  if (table === null) return code('EINVAL');
  const server = locatePacBuffer(pac, table, PacBufferType.serverChecksum);
  if (server === null) return code('ENOENT');
  if (server.length < PAC_SIGNATURE_DATA_LENGTH) return code('KRB5_BAD_MSIZE');
  const signed = server.subarray(PAC_SIGNATURE_DATA_LENGTH);
  return verifySignature(pac, table, PacBufferType.privsvrChecksum, key, signed);
}

/** `verify_checksum`: the signature buffer of `type` over `data` in `key`. */
export function verifySignature(
  pac: Uint8Array,
  table: readonly PacBufferEntry[],
  type: number,
  key: KeyBlock,
  data: Uint8Array,
): number {
  const buffer = locatePacBuffer(pac, table, type);
  if (buffer === null) return code('ENOENT');
  if (buffer.length < PAC_SIGNATURE_DATA_LENGTH) return code('KRB5_BAD_MSIZE');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const cksumtype = view.getUint32(0, true);
  if (type === PacBufferType.serverChecksum && cksumtype === CKSUMTYPE_SHA1) {
    return code('KRB5KDC_ERR_SUMTYPE_NOSUPP');
  }
  const length = checksumLength(cksumtype);
  if (length === null) return code('KRB5KRB_ERR_GENERIC');
  if (length > buffer.length - PAC_SIGNATURE_DATA_LENGTH) return code('KRB5_BAD_MSIZE');

  const checksum = buffer.subarray(PAC_SIGNATURE_DATA_LENGTH, PAC_SIGNATURE_DATA_LENGTH + length);
  try {
    const valid = verifyChecksum(key, KEY_USAGE_APP_DATA_CKSUM, data, checksum, cksumtype);
    return valid ? 0 : code('KRB5KRB_AP_ERR_MODIFIED');
  } catch (error) {
    if (error instanceof KrbCryptoError) return error.code;
    throw error;
  }
}

function zeroedSignature(key: KeyBlock): Uint8Array {
  const { checksumType } = enctypeProfile(key.enctype);
  const bytes = new Uint8Array(
    PAC_SIGNATURE_DATA_LENGTH + checksumProfile(checksumType).outputLength,
  );
  new DataView(bytes.buffer).setUint32(0, checksumType, true);
  return bytes;
}

/** `zero_signature`: the checksum octets after the type zeroed in `copy`. */
function zeroSignature(copy: Uint8Array, table: readonly PacBufferEntry[], type: number): number {
  const buffer = locatePacBuffer(copy, table, type);
  if (buffer === null) return code('ENOENT');
  if (buffer.length < PAC_SIGNATURE_DATA_LENGTH) return code('KRB5_BAD_MSIZE');
  buffer.fill(0, PAC_SIGNATURE_DATA_LENGTH);
  return 0;
}

/** The length of a keyed checksum type the sim knows, or null. */
function checksumLength(cksumtype: number): number | null {
  try {
    return checksumProfile(cksumtype).outputLength;
  } catch (error) {
    if (error instanceof KrbCryptoError) return null;
    throw error;
  }
}
