/**
 * The 16-octet header of RFC 4121 §4.2.6 per-message tokens: TOK_ID, Flags, Filler, EC, RRC
 * and SND_SEQ, with the token IDs and flag bits MIT names in `gssapiP_krb5.h`.
 *
 * ```
 *  0..1  TOK_ID   04 04 (MIC), 05 04 (Wrap), 04 05 (context deletion, never sent)
 *  2     Flags    0x01 SentByAcceptor, 0x02 Sealed, 0x04 AcceptorSubkey
 *  3     Filler   FF
 *  4..5  EC       Wrap: extra count, big-endian; MIC: FF FF
 *  6..7  RRC      Wrap: right rotation count, big-endian; MIC: FF FF
 *  8..15 SND_SEQ  64-bit big-endian sequence number
 * ```
 *
 * @module
 */

/** The length of the token header, and of its encrypted copy in a sealed Wrap token. */
export const TOKEN_HEADER_LENGTH = 16;

/** TOK_ID of a MIC token (RFC 4121 §4.2.6.1, MIT `KG2_TOK_MIC_MSG`). */
export const TOK_ID_MIC = 0x0404;
/** TOK_ID of a Wrap token (RFC 4121 §4.2.6.2, MIT `KG2_TOK_WRAP_MSG`). */
export const TOK_ID_WRAP = 0x0504;
/** TOK_ID of MIT's CFX context-deletion token (`KG2_TOK_DEL_CTX`), never sent by 1.20. */
export const TOK_ID_DELETE = 0x0405;
/** The RFC 1964 token IDs (MIC, Wrap, deletion), which MIT routes to its RFC 1964 code. */
export const RFC1964_TOK_IDS: readonly number[] = [0x0101, 0x0201, 0x0102];

/** Flags bit 0: the sender is the context acceptor (MIT `FLAG_SENDER_IS_ACCEPTOR`). */
export const FLAG_SENT_BY_ACCEPTOR = 0x01;
/** Flags bit 1: the Wrap token is encrypted (MIT `FLAG_WRAP_CONFIDENTIAL`). */
export const FLAG_SEALED = 0x02;
/** Flags bit 2: the acceptor's subkey protects the token (MIT `FLAG_ACCEPTOR_SUBKEY`). */
export const FLAG_ACCEPTOR_SUBKEY = 0x04;

/** The filler octet, and the EC and RRC octets of a MIC token. */
export const FILLER = 0xff;

/** The fields of a token header as the sender writes them. */
export interface TokenHeaderFields {
  /** TOK_ID, {@link TOK_ID_MIC} or {@link TOK_ID_WRAP}. */
  readonly tokId: number;
  /** The Flags octet. */
  readonly flags: number;
  /** EC; ignored for a MIC token, which carries FF FF. */
  readonly ec: number;
  /** RRC; ignored for a MIC token, which carries FF FF. */
  readonly rrc: number;
  /** SND_SEQ, an unsigned 64-bit number. */
  readonly sndSeq: bigint;
}

/**
 * Writes a token header into `target` at `offset` (16 octets).
 *
 * @param target the buffer to write into.
 * @param offset where the header starts.
 * @param fields the header fields.
 */
export function writeTokenHeader(
  target: Uint8Array,
  offset: number,
  fields: TokenHeaderFields,
): void {
  if (offset < 0 || offset + TOKEN_HEADER_LENGTH > target.length) {
    throw new RangeError(`a token header needs ${TOKEN_HEADER_LENGTH} octets at ${offset}`);
  }
  // Octet by octet: a DataView made per token cost more than the rest of the header.
  putUint16(target, offset, fields.tokId);
  target[offset + 2] = fields.flags & 0xff;
  target[offset + 3] = FILLER;
  if (fields.tokId === TOK_ID_MIC) {
    putUint16(target, offset + 4, 0xffff);
    putUint16(target, offset + 6, 0xffff);
  } else {
    putUint16(target, offset + 4, fields.ec);
    putUint16(target, offset + 6, fields.rrc);
  }
  const sndSeq = BigInt.asUintN(64, fields.sndSeq);
  putUint32(target, offset + 8, Number(sndSeq >> 32n));
  putUint32(target, offset + 12, Number(sndSeq & 0xffff_ffffn));
}

function putUint16(target: Uint8Array, at: number, value: number): void {
  target[at] = (value >>> 8) & 0xff;
  target[at + 1] = value & 0xff;
}

function putUint32(target: Uint8Array, at: number, value: number): void {
  putUint16(target, at, value >>> 16);
  putUint16(target, at + 2, value & 0xffff);
}

/**
 * A big-endian unsigned 16-bit field of a token.
 *
 * @param bytes the token.
 * @param offset where the field starts; the caller has checked that two octets are there.
 */
export function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

/**
 * SND_SEQ of a token header as its high and low unsigned 32-bit words, the form
 * `checkSequenceWords` takes.
 *
 * @param header at least the 16 header octets.
 */
export function readSndSeq(header: Uint8Array): [hi: number, lo: number] {
  if (header.length < TOKEN_HEADER_LENGTH) {
    throw new RangeError(`a token header has ${TOKEN_HEADER_LENGTH} octets`);
  }
  return [
    readUint16(header, 8) * 0x1_0000 + readUint16(header, 10),
    readUint16(header, 12) * 0x1_0000 + readUint16(header, 14),
  ];
}
