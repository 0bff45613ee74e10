/**
 * RFC 4121 tokens checked over IOV buffers, as MIT 1.20 checks them with `gss_unwrap_iov` and
 * `gss_verify_mic_iov` (`k5unsealiov.c`, `k5sealv3iov.c` with Debian's backport of the
 * CVE-2024-37370/37371 fixes, `util_crypt.c`, `util_cksum.c`): the token is read where the
 * buffers hold it and decrypted in place, so on success the caller's HEADER and TRAILER hold
 * the decrypted confounder and header copy, and an unsealed token's header has EC and RRC 0.
 *
 * @module
 */

import { IOVBufferType } from '../../../spec/flags.js';
import { GSS_S_BAD_SIG, GSS_S_DEFECTIVE_TOKEN } from '../../../spec/status.js';
import { enctypeProfile, KrbCryptoError, makeChecksum } from '../../crypto/index.js';
import {
  G_BAD_DIRECTION,
  G_BAD_TOK_HEADER,
  G_WRONG_MECH,
  KRB5_BAD_MSIZE,
} from '../../errors/index.js';
import { type CfxKeys, receivingKey } from './cfx-keys.js';
import { type IovSlot, locate, messageLengths, octets } from './iov-buffers.js';
import { decryptIov } from './iov-crypto.js';
import { checksumInput, checksumTarget, cryptoParts, type IovTokenKind } from './iov-seal.js';
import { tokenKeyUsage } from './key-usage.js';
import {
  FILLER,
  FLAG_SEALED,
  FLAG_SENT_BY_ACCEPTOR,
  RFC1964_TOK_IDS,
  readSndSeq,
  readUint16,
  TOK_ID_DELETE,
  TOK_ID_MIC,
  TOK_ID_WRAP,
} from './token-header.js';
import { failure, type TokenFailure } from './token-status.js';

/** A token that passed every check but the sequence window. */
export interface UnsealedIov {
  readonly ok: true;
  /** Whether it was sealed (`conf_state`). */
  readonly encrypted: boolean;
  /** High word of SND_SEQ. */
  readonly seqHi: number;
  /** Low word of SND_SEQ. */
  readonly seqLo: number;
}

/** What an unsealing call needs beyond the buffers. */
export interface UnsealIovOptions {
  readonly kind: IovTokenKind;
  /** The context was established with GSS_C_DCE_STYLE. */
  readonly dceStyle: boolean;
  /** The DER contents of the context's mechanism OID. */
  readonly mech: Uint8Array;
}

const TOKEN_HEADER = 16;
const HEADER_TYPE = { wrap: IOVBufferType.header, mic: IOVBufferType.micToken } as const;

/**
 * Checks the token in the buffers (`kg_unseal_iov_token`); the layout has been checked: a
 * single HEADER (MIC_TOKEN for a MIC) is there.
 */
export function unsealIov(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  options: UnsealIovOptions,
): UnsealedIov | TokenFailure {
  const header = locate(slots, HEADER_TYPE[options.kind]);
  if (header === null) throw new Error('unsealIov: the layout was not checked');
  const padding = locate(slots, IOVBufferType.padding);
  const trailer = locate(slots, IOVBufferType.trailer);

  let tokenLength = header.length;
  if (!options.dceStyle && options.kind === 'wrap') {
    const { data, assoc } = messageLengths(slots);
    tokenLength += data - assoc + (padding?.length ?? 0) + (trailer?.length ?? 0);
  }
  const wrapped = detachedWrapper(octets(header), tokenLength, options.mech);
  if (typeof wrapped === 'number') return failure(GSS_S_DEFECTIVE_TOKEN, wrapped);
  if (wrapped.length < 2) return failure(GSS_S_DEFECTIVE_TOKEN, G_BAD_TOK_HEADER);

  const tokId = readUint16(wrapped, 0);
  if (tokId === TOK_ID_MIC || tokId === TOK_ID_WRAP || tokId === TOK_ID_DELETE) {
    return unsealV3(keys, slots, header, options);
  }
  if (RFC1964_TOK_IDS.includes(tokId)) {
    // kg_unseal_v1_iov: an AES context has no RFC 1964 keys.
    if (trailer !== null && trailer.length !== 0) {
      return failure(GSS_S_DEFECTIVE_TOKEN, KRB5_BAD_MSIZE);
    }
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  return failure(GSS_S_DEFECTIVE_TOKEN, G_BAD_TOK_HEADER);
}

/**
 * `verify_detached_wrapper`: an RFC 2743 §3.1 wrapper at the start of the header, if any,
 * whose length must cover the whole token and whose OID must be the context's. Returns the
 * header after the wrapper, or the minor status of a bad one.
 */
function detachedWrapper(header: Uint8Array, tokenLength: number, mech: Uint8Array) {
  const input = { bytes: header, offset: 0, bad: false };
  const byte = (): number => {
    if (input.offset >= input.bytes.length) {
      input.bad = true;
      return 0;
    }
    return input.bytes[input.offset++] ?? 0;
  };
  // get_der_tag: a tag whose length octets run out leaves the input past what it read.
  const tag = (id: number): number | null => {
    if (input.bad || input.offset >= input.bytes.length || input.bytes[input.offset] !== id) {
      return null;
    }
    byte();
    const first = byte();
    let length = first;
    if (first >= 0x80) {
      length = 0;
      for (let index = 0; index < (first & 0x7f); index++) {
        if (length > Number.MAX_SAFE_INTEGER / 256) return null;
        length = length * 256 + byte();
      }
    }
    return input.bad ? null : length;
  };

  const outer = tag(0x60);
  if (outer !== null) {
    if (outer !== tokenLength - input.offset) return G_BAD_TOK_HEADER;
    const oidLength = tag(0x06);
    if (oidLength === null || input.bytes.length - input.offset < oidLength) {
      return G_BAD_TOK_HEADER;
    }
    const oid = input.bytes.subarray(input.offset, input.offset + oidLength);
    input.offset += oidLength;
    if (!sameOctets(oid, mech)) return G_WRONG_MECH;
  }
  return header.subarray(Math.min(input.offset, header.length));
}

/** `gss_krb5int_unseal_v3_iov`. */
function unsealV3(
  keys: CfxKeys,
  slots: readonly IovSlot[],
  header: IovSlot,
  options: UnsealIovOptions,
): UnsealedIov | TokenFailure {
  const padding = locate(slots, IOVBufferType.padding);
  if (padding !== null && padding.length !== 0) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  const trailer = locate(slots, IOVBufferType.trailer);
  const head = octets(header);
  if (head.length < TOKEN_HEADER) return failure(GSS_S_DEFECTIVE_TOKEN, 0);

  const flags = head[2] ?? 0;
  const expected = keys.initiator ? FLAG_SENT_BY_ACCEPTOR : 0;
  if ((flags & FLAG_SENT_BY_ACCEPTOR) !== expected) return failure(GSS_S_BAD_SIG, G_BAD_DIRECTION);
  const key = receivingKey(keys, flags);
  const usage = tokenKeyUsage(options.kind, !keys.initiator);
  const profile = enctypeProfile(key.enctype);
  const [seqHi, seqLo] = readSndSeq(head);

  if (options.kind === 'mic') {
    if (readUint16(head, 0) !== TOK_ID_MIC || head[3] !== FILLER) {
      return failure(GSS_S_DEFECTIVE_TOKEN, 0);
    }
    // The checksum is in MIC_TOKEN after the header, unless a TRAILER holds it.
    const rrc = trailer !== null ? 0 : head.length - TOKEN_HEADER;
    const verified = verifyChecksum(slots, header, rrc, profile.checksumLength, () =>
      makeChecksum(key, usage, checksumInput(slots, head)),
    );
    if (verified !== null) return verified;
    return { ok: true, encrypted: false, seqHi, seqLo };
  }

  if (readUint16(head, 0) !== TOK_ID_WRAP || head[3] !== FILLER) {
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  const sealed = (flags & FLAG_SEALED) !== 0;
  const ec = readUint16(head, 4);
  const rrc = readUint16(head, 6);
  const k5Trailer = sealed ? profile.trailerLength : profile.checksumLength;
  if (trailer === null) {
    const desired = k5Trailer + (sealed ? TOKEN_HEADER + (options.dceStyle ? 0 : ec) : 0);
    if (rrc !== desired) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  } else if (rrc !== 0) {
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }

  if (sealed) {
    const opened = openSealed(slots, header, trailer, { ec, rrc, key, usage, options });
    if (opened !== null) return opened;
  } else {
    if (ec !== k5Trailer) return failure(GSS_S_DEFECTIVE_TOKEN, 0);
    head.fill(0, 4, 8);
    const verified = verifyChecksum(slots, header, rrc, profile.checksumLength, () =>
      makeChecksum(key, usage, checksumInput(slots, head)),
    );
    if (verified !== null) return verified;
  }
  return { ok: true, encrypted: sealed, seqHi, seqLo };
}

/** Decrypts a sealed token in place (`kg_decrypt_iov`) and checks its header copy. */
function openSealed(
  slots: readonly IovSlot[],
  header: IovSlot,
  trailer: IovSlot | null,
  token: {
    readonly ec: number;
    readonly rrc: number;
    readonly key: CfxKeys['ctxKey'];
    readonly usage: number;
    readonly options: UnsealIovOptions;
  },
): TokenFailure | null {
  const { ec, rrc, key, usage, options } = token;
  const profile = enctypeProfile(key.enctype);
  const head = octets(header);

  // kg_translate_iov_v3: the exact sizes, or KRB5_BAD_MSIZE (reported as BAD_SIG).
  let headerLength = TOKEN_HEADER + profile.headerLength;
  const trailerLength = ec + TOKEN_HEADER + profile.trailerLength;
  if (trailer === null) {
    if (rrc + (options.dceStyle ? ec : 0) !== trailerLength) {
      return failure(GSS_S_BAD_SIG, KRB5_BAD_MSIZE);
    }
    headerLength += trailerLength;
  } else if (trailer.length !== trailerLength) {
    return failure(GSS_S_BAD_SIG, KRB5_BAD_MSIZE);
  }
  if (head.length !== headerLength) return failure(GSS_S_BAD_SIG, KRB5_BAD_MSIZE);

  const tail = trailer === null ? head.subarray(TOKEN_HEADER) : octets(trailer);
  const parts = cryptoParts(slots, head, tail, ec, profile.headerLength, profile.trailerLength);
  try {
    decryptIov(key, usage, parts);
  } catch (error) {
    if (error instanceof KrbCryptoError) return failure(GSS_S_BAD_SIG, error.code);
    throw error;
  }

  // CVE-2024-37370: the encrypted copy must repeat TOK_ID, Flags, Filler, EC and SND_SEQ.
  const copy = tail.subarray(ec, ec + TOKEN_HEADER);
  if (
    readUint16(copy, 0) !== TOK_ID_WRAP ||
    copy[2] !== head[2] ||
    copy[3] !== head[3] ||
    readUint16(copy, 4) !== ec ||
    !sameOctets(copy.subarray(8), head.subarray(8, TOKEN_HEADER))
  ) {
    return failure(GSS_S_DEFECTIVE_TOKEN, 0);
  }
  return null;
}

/** `kg_verify_checksum_iov_v3`: BAD_SIG with KRB5_BAD_MSIZE for a misplaced checksum. */
function verifyChecksum(
  slots: readonly IovSlot[],
  header: IovSlot,
  rrc: number,
  checksumLength: number,
  expected: () => Uint8Array,
): TokenFailure | null {
  let target: Uint8Array;
  try {
    target = checksumTarget(slots, header, rrc, checksumLength);
  } catch (error) {
    if (error instanceof KrbCryptoError) return failure(GSS_S_BAD_SIG, error.code);
    throw error;
  }
  if (!constantTimeEqual(expected(), target)) return failure(GSS_S_BAD_SIG, 0);
  return null;
}

/** Whether two octet strings are equal, in constant time for equal lengths. */
export function sameOctets(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && constantTimeEqual(a, b);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
