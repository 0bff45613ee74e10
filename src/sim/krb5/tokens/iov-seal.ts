/**
 * RFC 4121 §4.2.6 tokens made over IOV buffers, as MIT 1.20 makes them with `gss_wrap_iov`,
 * `gss_get_mic_iov` and sizes them with `gss_wrap_iov_length`, `gss_get_mic_iov_length`
 * (`k5sealv3iov.c`, `k5sealiov.c`, `util_crypt.c`, `util_cksum.c`):
 *
 * ```
 * sealed:   HEADER = 05 04 | Flags|Sealed | FF | EC | RRC | SND_SEQ | confounder
 *           DATA... encrypted in place (SIGN_ONLY signed only)
 *           TRAILER = EC octets FF | E(token header, RRC 0) | HMAC
 * unsealed: HEADER = 05 04 | Flags | FF | EC = checksum length | RRC | SND_SEQ
 *           TRAILER = checksum(DATA and SIGN_ONLY buffers | header with EC and RRC 0)
 * MIC:      MIC_TOKEN = 04 04 | Flags | FF | FF FF FF FF | SND_SEQ | checksum
 * ```
 *
 * Without a single TRAILER buffer the trailer follows the token header inside HEADER and RRC
 * says so: the trailer length, less EC on a DCE-style context (MIT's workaround for Windows,
 * which rotates by EC + RRC). EC is 0 for AES, or one block on a DCE-style context (Windows
 * rejects tokens whose EC is not a block). PADDING is always made empty.
 *
 * @module
 */

import { IOVBufferType } from '../../../spec/flags.js';
import { GSS_S_FAILURE } from '../../../spec/status.js';
import {
  enctypeProfile,
  type KeyBlock,
  KrbCryptoError,
  makeChecksum,
  type RandomBytes,
} from '../../crypto/index.js';
import { type CfxKeys, sendingFlags, sendingKey } from './cfx-keys.js';
import { concat } from './concat.js';
import {
  allocateSlot,
  clearSlot,
  cryptoRole,
  type IovSlot,
  integrityOnly,
  locate,
  octets,
} from './iov-buffers.js';
import { type CryptoPart, encryptIov } from './iov-crypto.js';
import { tokenKeyUsage } from './key-usage.js';
import { FLAG_SEALED, TOK_ID_MIC, TOK_ID_WRAP, writeTokenHeader } from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

/** The kind of token an IOV call makes or checks (MIT `KG_TOK_WRAP_MSG`, `KG_TOK_MIC_MSG`). */
export type IovTokenKind = 'wrap' | 'mic';

/** What a sealing call needs beyond the buffers. */
export interface SealIovOptions {
  readonly kind: IovTokenKind;
  /** Encryption was asked for (`conf_req_flag`); ignored for MIC tokens. */
  readonly confidential: boolean;
  /** The context was established with GSS_C_DCE_STYLE. */
  readonly dceStyle: boolean;
  /** The sender's sequence number for this token. */
  readonly sndSeq: bigint;
  /** Where the confounder of a sealed token comes from. */
  readonly random: RandomBytes;
}

/** A token made: whether it was sealed (`conf_state`). */
export interface SealedIov {
  readonly ok: true;
  readonly encrypted: boolean;
}

const TOKEN_HEADER = 16;
const HEADER_TYPE = { wrap: IOVBufferType.header, mic: IOVBufferType.micToken } as const;

/**
 * Makes a token in the buffers (`kg_seal_iov` for an established CFX context). The layout has
 * been checked (`checkIovLayout`): the HEADER or MIC_TOKEN is there. Fails as MIT does, with
 * GSS_S_FAILURE and KRB5_BAD_MSIZE for a caller's HEADER or TRAILER too short, or a TRAILER
 * of another length than the checksum for a MIC; nothing is then to be copied back.
 */
export function sealIov(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  options: SealIovOptions,
): SealedIov | TokenFailure {
  const header = locate(slots, HEADER_TYPE[options.kind]);
  if (header === null) throw new Error('sealIov: the layout was not checked');
  const padding = locate(slots, IOVBufferType.padding);
  if (padding !== null) padding.length = 0;
  const confidential = options.kind === 'wrap' && options.confidential && !integrityOnly(slots);

  try {
    if (confidential) sealConfidential(keys, slots, header, options);
    else sealChecksummed(keys, slots, header, options);
  } catch (error) {
    if (error instanceof KrbCryptoError) return failure(GSS_S_FAILURE, error.code);
    throw error;
  }
  return { ok: true, encrypted: confidential };
}

/** Sizes of a sealed token's parts for a key (`krb5_c_crypto_length` and the EC rule). */
function sealedSizes(key: KeyBlock, dceStyle: boolean) {
  const profile = enctypeProfile(key.enctype);
  // krb5_c_padding_length is 0 for the CTS enctypes: EC is 0, or a block for DCE.
  const ec = dceStyle ? profile.blockSize : 0;
  return {
    ec,
    k5Header: profile.headerLength,
    k5Trailer: profile.trailerLength,
    header: TOKEN_HEADER + profile.headerLength,
    trailer: ec + TOKEN_HEADER + profile.trailerLength,
  };
}

function sealConfidential(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  header: IovSlot,
  options: SealIovOptions,
): void {
  const key = sendingKey(keys);
  const sizes = sealedSizes(key, options.dceStyle);
  const trailer = locate(slots, IOVBufferType.trailer);
  let headerLength = sizes.header;
  let rrc = 0;
  if (trailer === null) {
    rrc = sizes.trailer - (options.dceStyle ? sizes.ec : 0);
    headerLength += sizes.trailer;
  }
  size(header, headerLength);
  if (trailer !== null) size(trailer, sizes.trailer);

  const head = octets(header);
  const flags = sendingFlags(keys) | FLAG_SEALED;
  writeTokenHeader(head, 0, {
    tokId: TOK_ID_WRAP,
    flags,
    ec: sizes.ec,
    rrc: 0,
    sndSeq: options.sndSeq,
  });
  const tail = trailer === null ? head.subarray(TOKEN_HEADER) : octets(trailer);
  tail.fill(0xff, 0, sizes.ec);
  tail.set(head.subarray(0, TOKEN_HEADER), sizes.ec);

  const parts = cryptoParts(slots, head, tail, sizes.ec, sizes.k5Header, sizes.k5Trailer);
  encryptIov(key, tokenKeyUsage('wrap', keys.initiator), parts, options.random);
  new DataView(head.buffer, head.byteOffset).setUint16(6, rrc);
}

/**
 * The parts of `kg_translate_iov_v3`: the confounder at the end of HEADER, the buffers in
 * order, then EC and the header copy, then the HMAC, where the trailer is.
 */
export function cryptoParts(
  slots: readonly IovSlot[],
  head: Uint8Array,
  tail: Uint8Array,
  ec: number,
  k5Header: number,
  k5Trailer: number,
): CryptoPart[] {
  const parts: CryptoPart[] = [{ role: 'header', bytes: head.subarray(head.length - k5Header) }];
  for (const slot of slots) {
    const role = cryptoRole(slot.type);
    if (role !== null) parts.push({ role, bytes: octets(slot) });
  }
  parts.push({ role: 'data', bytes: tail.subarray(0, ec + TOKEN_HEADER) });
  parts.push({
    role: 'trailer',
    bytes: tail.subarray(ec + TOKEN_HEADER, ec + TOKEN_HEADER + k5Trailer),
  });
  return parts;
}

function sealChecksummed(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  header: IovSlot,
  options: SealIovOptions,
): void {
  const key = sendingKey(keys);
  const checksumLength = enctypeProfile(key.enctype).checksumLength;
  // A MIC always carries its checksum in MIC_TOKEN, whatever buffers follow.
  const trailer = options.kind === 'mic' ? null : locate(slots, IOVBufferType.trailer);
  const headerLength = TOKEN_HEADER + (trailer === null ? checksumLength : 0);
  const rrc = trailer === null ? checksumLength : 0;
  size(header, headerLength);
  if (trailer !== null) size(trailer, checksumLength);

  const head = octets(header);
  const tokId = options.kind === 'mic' ? TOK_ID_MIC : TOK_ID_WRAP;
  writeTokenHeader(head, 0, {
    tokId,
    flags: sendingFlags(keys),
    ec: 0,
    rrc: 0,
    sndSeq: options.sndSeq,
  });
  const usage = tokenKeyUsage(options.kind, keys.initiator);
  const target = checksumTarget(slots, header, rrc, checksumLength);
  target.set(makeChecksum(key, usage, checksumInput(slots, head)));

  if (options.kind === 'wrap') {
    const view = new DataView(head.buffer, head.byteOffset);
    view.setUint16(4, checksumLength);
    view.setUint16(6, rrc);
  }
}

/**
 * Where the checksum of `checksum_iov_v3` goes, after its length checks: the single TRAILER of
 * the buffers (even for a MIC), or the octets after the token header when there is none.
 * @throws {KrbCryptoError} `KRB5_BAD_MSIZE` when that place has another length.
 */
export function checksumTarget(
  slots: readonly IovSlot[],
  header: IovSlot,
  rrc: number,
  checksumLength: number,
): Uint8Array {
  const trailer = locate(slots, IOVBufferType.trailer);
  if (trailer === null) {
    if (rrc !== checksumLength || header.length !== TOKEN_HEADER + checksumLength) {
      throw new KrbCryptoError('KRB5_BAD_MSIZE');
    }
    return octets(header).subarray(TOKEN_HEADER);
  }
  if (trailer.length !== checksumLength) throw new KrbCryptoError('KRB5_BAD_MSIZE');
  return octets(trailer);
}

/** The checksummed octets: DATA, PADDING and SIGN_ONLY buffers in order, then the header. */
export function checksumInput(slots: readonly IovSlot[], head: Uint8Array): Uint8Array {
  const signed = slots.filter((slot) => cryptoRole(slot.type) !== null).map(octets);
  return concat(...signed, head.subarray(0, TOKEN_HEADER));
}

/** Allocates a flagged buffer, or checks that the caller's is long enough, then sets its length. */
function size(slot: IovSlot, length: number): void {
  if (slot.allocate) allocateSlot(slot, length);
  else if (slot.length < length) throw new KrbCryptoError('KRB5_BAD_MSIZE');
  slot.length = length;
}

/** The sizes `gss_wrap_iov_length` reports. */
export interface SealIovLengthOptions {
  readonly kind: IovTokenKind;
  readonly confidential: boolean;
  readonly dceStyle: boolean;
}

/**
 * Sizes the HEADER (or MIC_TOKEN), PADDING and TRAILER of a token over these buffers
 * (`kg_seal_iov_length`): each is pointed at nothing and given its length, which the caller
 * reads as zeros. The layout has been checked.
 * @returns whether `sealIov` would encrypt (`conf_state`).
 */
export function sealIovLength(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  options: SealIovLengthOptions,
): boolean {
  const header = locate(slots, HEADER_TYPE[options.kind]);
  if (header === null) throw new Error('sealIovLength: the layout was not checked');
  clearSlot(header);
  const trailer = locate(slots, IOVBufferType.trailer);
  if (trailer !== null) clearSlot(trailer);
  const padding = locate(slots, IOVBufferType.padding);
  if (padding !== null) clearSlot(padding);
  const confidential = options.confidential && !integrityOnly(slots);

  const profile = enctypeProfile(sendingKey(keys).enctype);
  let headerLength = TOKEN_HEADER;
  let trailerLength = profile.checksumLength;
  if (confidential) {
    // MIC tokens and DCE-style Wrap tokens get a one-block EC (the CTS padding length is 0).
    const ec = options.dceStyle || options.kind === 'mic' ? profile.blockSize : 0;
    headerLength += profile.headerLength;
    trailerLength = ec + TOKEN_HEADER + profile.trailerLength;
  }
  if (trailer === null) headerLength += trailerLength;
  else trailer.length = trailerLength;
  header.length = headerLength;
  return confidential;
}
