/**
 * The Bnd field of the RFC 4121 §4.1.1 checksum: the MD5 hash of the channel bindings as MIT
 * krb5 1.20's `kg_checksum_channel_bindings` lays them out, or 16 zero octets without them.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import type { ChannelBindings } from '../../../spec/channel-bindings.js';

/** The length of Bnd (RFC 4121 §4.1.1: Lgth is 16). */
export const BND_LENGTH = 16;

/**
 * Bnd for `bindings`: MD5 over the initiator address type, the initiator address, the acceptor
 * address type, the acceptor address and the application data, each number and each length a
 * little-endian 32-bit word (RFC 4121 §4.1.1.2, as MIT writes it); zeros for no bindings.
 */
export function channelBindingsHash(bindings: ChannelBindings | null | undefined): Uint8Array {
  if (bindings === null || bindings === undefined) return new Uint8Array(BND_LENGTH);

  const word = (value: number) => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
    return bytes;
  };
  const buffer = (value: Uint8Array | null) => [
    word(value?.length ?? 0),
    value ?? new Uint8Array(),
  ];
  const parts = [
    word(bindings.initiatorAddressType),
    ...buffer(bindings.initiatorAddress),
    word(bindings.acceptorAddressType),
    ...buffer(bindings.acceptorAddress),
    ...buffer(bindings.applicationData),
  ];

  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}
