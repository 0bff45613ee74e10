/**
 * The authenticator checksum of type 0x8003 (RFC 4121 §4.1.1): Lgth, Bnd, Flags and, when
 * delegating, DlgOpt, Dlgth and Deleg, with the little-endian words MIT krb5 1.20 writes
 * (`make_gss_checksum`) and reads (`process_checksum`).
 *
 * @module
 */

import { BND_LENGTH } from './channel-bindings-hash.js';

/** The checksum type of the GSS-API authenticator checksum. */
export const CKSUMTYPE_KG_CB = 0x8003;

/** DlgOpt: the option number of delegated credentials (`KRB5_GSS_FOR_CREDS_OPTION`). */
export const KRB5_GSS_FOR_CREDS_OPTION = 1;

/** The fixed part: Lgth (4), Bnd (16), Flags (4). MIT's `MIN_8003_LEN`. */
export const MIN_8003_LENGTH = 4 + BND_LENGTH + 4;

/** The contents of a 0x8003 checksum. */
export interface GssChecksum {
  /** Bnd: the channel-binding hash, 16 octets. */
  readonly bnd: Uint8Array;
  /** Flags: the context flags the initiator asks for (GSS_C_* bits). */
  readonly flags: number;
  /** Deleg: a KRB-CRED message, when credentials are delegated. */
  readonly deleg?: Uint8Array;
}

/**
 * Encodes the checksum value.
 * @throws {RangeError} when Bnd is not 16 octets or Deleg does not fit its 16-bit length.
 */
export function encodeGssChecksum(value: GssChecksum): Uint8Array {
  if (value.bnd.length !== BND_LENGTH) {
    throw new RangeError(`expected a Bnd of ${BND_LENGTH} octets, got ${value.bnd.length}`);
  }
  const deleg = value.deleg;
  if (deleg !== undefined && deleg.length + 28 > 0x7fff) {
    throw new RangeError(`expected a Deleg under ${0x7fff - 28} octets, got ${deleg.length}`);
  }

  const length = MIN_8003_LENGTH + (deleg === undefined ? 0 : 4 + deleg.length);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, BND_LENGTH, true);
  bytes.set(value.bnd, 4);
  view.setUint32(20, value.flags >>> 0, true);
  if (deleg !== undefined) {
    view.setUint16(24, KRB5_GSS_FOR_CREDS_OPTION, true);
    view.setUint16(26, deleg.length, true);
    bytes.set(deleg, 28);
  }
  return bytes;
}
