/**
 * The layout of an MS-PAC (MS-PAC §2.3: PACTYPE, PAC_INFO_BUFFER) as MIT krb5 1.20's KDC
 * writes it: an 8-octet header (`cBuffers`, `Version` 0), one 16-octet entry per buffer, then
 * the buffers in the order they were added, each starting on an 8-octet boundary and padded
 * with zeros to the next one. Integers are little-endian.
 *
 * @module
 */

/** PAC buffer types (MS-PAC §2.4) that MIT's KDC writes or reads. */
export const PacBufferType = {
  /** KERB_VALIDATION_INFO. */
  logonInfo: 1,
  /** PAC_SIGNATURE_DATA with the server's key. */
  serverChecksum: 6,
  /** PAC_SIGNATURE_DATA with the KDC's (krbtgt) key. */
  privsvrChecksum: 7,
  /** PAC_CLIENT_INFO: the authtime and the client's name. */
  clientInfo: 10,
  /** S4U_DELEGATION_INFO. */
  delegationInfo: 11,
  /** UPN_DNS_INFO. */
  upnDnsInfo: 12,
  /** PAC_SIGNATURE_DATA over the ticket, with the KDC's key (MS-PAC §2.8.3). */
  ticketChecksum: 16,
} as const;

/** One buffer with its contents. */
export interface PacBufferData {
  /** `ulType`. */
  readonly type: number;
  /** The buffer's octets (`cbBufferSize` of them). */
  readonly data: Uint8Array;
}

/** One entry of a PAC's table, as read. */
export interface PacBufferEntry {
  /** `ulType`. */
  readonly type: number;
  /** `cbBufferSize`. */
  readonly size: number;
  /** `Offset` from the PAC's start. */
  readonly offset: number;
}

/** PACTYPE's `cBuffers` and `Version`. */
export const PACTYPE_LENGTH = 8;
/** PAC_INFO_BUFFER: `ulType`, `cbBufferSize`, `Offset`. */
export const PAC_INFO_BUFFER_LENGTH = 16;
/** Buffers start on 8-octet boundaries. */
export const PAC_ALIGNMENT = 8;
/** PAC_SIGNATURE_DATA's `SignatureType` before the signature. */
export const PAC_SIGNATURE_DATA_LENGTH = 4;
/** PAC_CLIENT_INFO's `ClientId` (8) and `NameLength` (2) before the name. */
export const PAC_CLIENT_INFO_LENGTH = 10;

/** Encodes `buffers` in their order, each at the next 8-octet boundary. */
export function encodePac(buffers: readonly PacBufferData[]): Uint8Array {
  const headerLength = PACTYPE_LENGTH + buffers.length * PAC_INFO_BUFFER_LENGTH;
  const total = buffers.reduce((length, { data }) => length + aligned(data.length), headerLength);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);

  view.setUint32(0, buffers.length, true);
  view.setUint32(4, 0, true);
  let offset = headerLength;
  for (const [index, { type, data }] of buffers.entries()) {
    const at = PACTYPE_LENGTH + index * PAC_INFO_BUFFER_LENGTH;
    view.setUint32(at, type >>> 0, true);
    view.setUint32(at + 4, data.length, true);
    view.setBigUint64(at + 8, BigInt(offset), true);
    bytes.set(data, offset);
    offset += aligned(data.length);
  }
  return bytes;
}

/**
 * The table of a PAC, checked as `krb5_pac_parse` checks it (version 0, 1 to 4096 buffers,
 * aligned offsets inside the data), or null when it does not parse.
 */
export function decodePacTable(bytes: Uint8Array): PacBufferEntry[] | null {
  if (bytes.length < PACTYPE_LENGTH) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  if (view.getUint32(4, true) !== 0 || count < 1 || count > 4096) return null;
  const headerLength = PACTYPE_LENGTH + count * PAC_INFO_BUFFER_LENGTH;
  if (bytes.length < headerLength) return null;

  const entries: PacBufferEntry[] = [];
  for (let index = 0; index < count; index++) {
    const at = PACTYPE_LENGTH + index * PAC_INFO_BUFFER_LENGTH;
    const type = view.getUint32(at, true);
    const size = view.getUint32(at + 4, true);
    const offset = Number(view.getBigUint64(at + 8, true));
    if (offset % PAC_ALIGNMENT !== 0 || offset < headerLength) return null;
    if (offset > bytes.length || size > bytes.length - offset) return null;
    entries.push({ type, size, offset });
  }
  return entries;
}

/**
 * The one buffer of `type` in a PAC (`k5_pac_locate_buffer`), or null when there is none or
 * more than one.
 */
export function locatePacBuffer(
  bytes: Uint8Array,
  table: readonly PacBufferEntry[],
  type: number,
): Uint8Array | null {
  const found = table.filter((entry) => entry.type === type);
  const [entry] = found;
  if (entry === undefined || found.length > 1) return null;
  return bytes.subarray(entry.offset, entry.offset + entry.size);
}

function aligned(length: number): number {
  return Math.ceil(length / PAC_ALIGNMENT) * PAC_ALIGNMENT;
}
