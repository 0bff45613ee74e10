/**
 * Reads a serialized krb5 context as MIT krb5 1.20's `kg_ctx_internalize` does, with its
 * error codes: `EINVAL` for a wrong magic number, `ENOMEM` for most truncations, `ERANGE` or
 * `EINVAL` from the PAC and indicator readers, `KRB5_PARSE_MALFORMED` for a bad principal.
 *
 * MIT's readers treat many parts as optional: a reader that fails with `EINVAL` leaves the
 * position where it was and the part is taken as absent, so a damaged part usually surfaces
 * later as a wrong magic number. This module keeps that behaviour. Where MIT reads past the
 * end of its buffer or allocates what the input asks (a negative or huge count), the outcome
 * there depends on the machine; here it is the error MIT gives when the allocation fails
 * (`ENOMEM`); where it reads past the end, the failure that zeros found there would give.
 *
 * Keys must be of an enctype the sim implements and of its length; MIT imports any key and
 * fails only when it is used, the sim fails here with `KRB5_BAD_ENCTYPE` or
 * `KRB5_BAD_KEYSIZE`.
 *
 * @module
 */

import { KeyBlock } from '../../crypto/index.js';
import { EINVAL, ENOMEM } from '../../errors/index.js';
import { readAdContext, readAuthdata } from './export-authdata-decode.js';
import { atomic, Cursor, optional, SerializationFailure } from './export-cursor.js';
import { parseExportedPrincipal } from './export-principal.js';
import {
  AuthContextTag,
  type KgContextRecord,
  Magic,
  type SerializedAddress,
  type SerializedAuthContext,
  type SerializedAuthdata,
  type SerializedAuthenticator,
  type SerializedChecksum,
  type SerializedKrb5Context,
  type SerializedOsContext,
  type SerializedSeqState,
} from './export-record.js';

export { SerializationFailure } from './export-cursor.js';

/** The length of the RFC 1964 seed. */
const SEED_LENGTH = 16;
/** `sizeof(struct g_seqnum_state_st)` on x86-64. */
const SEQSTATE_LENGTH = 40;

const decoder = new TextDecoder();

/**
 * Reads the context from `bytes` (after the mechglue's OID prefix). Bytes after the closing
 * magic number are ignored, as MIT ignores them.
 * @throws {SerializationFailure} with MIT's code.
 * @throws {KrbCryptoError} for a key the sim cannot hold (from `KeyBlock`).
 */
export function decodeKgContext(bytes: Uint8Array): KgContextRecord {
  const c = new Cursor(bytes);

  c.magic(Magic.context);
  if (c.remain < 17 * 4 + 2 * 8 + SEED_LENGTH) throw new SerializationFailure(ENOMEM);
  const initiate = c.need(ENOMEM);
  const established = c.need(ENOMEM);
  const haveAcceptorSubkey = c.need(ENOMEM);
  const seedInit = c.need(ENOMEM);
  const gssFlags = c.need(ENOMEM);
  const seed = c.take(SEED_LENGTH, ENOMEM);
  const signalg = c.need(ENOMEM);
  const cksumSize = c.need(ENOMEM);
  const sealalg = c.need(ENOMEM);
  const authtime = c.need(ENOMEM);
  const starttime = c.need(ENOMEM);
  const endtime = c.need(ENOMEM);
  const renewTill = c.need(ENOMEM);
  const krbFlags = c.need(ENOMEM);
  const seqSend = c.uint64();
  const seqRecv = c.uint64();

  const mechUsed = optional(c, readOid);
  const here = optional(c, readPrincipal);
  const there = optional(c, readPrincipal);
  const subkey = optional(c, readKeyblock);
  const enc = optional(c, readKeyblock);
  const seq = optional(c, readKeyblock);
  const seqState = optional(c, readSeqState);
  const krb5Context = atomic(c, readKrb5Context);
  const authContext = atomic(c, readAuthContext);
  const proto = c.need(ENOMEM);
  const cksumtype = c.need(ENOMEM);
  const acceptorSubkey = optional(c, readKeyblock);
  const acceptorSubkeyCksumtype = c.need(ENOMEM);
  const credRcache = c.need(ENOMEM);
  const count = c.need(ENOMEM);
  const authdata: SerializedAuthdata[] = [];
  for (let index = 0; index < count; index++) authdata.push(atomic(c, readAuthdata));
  const initiatorName = initiate !== 0 ? here : there;
  if (initiatorName === null) throw new SerializationFailure(EINVAL);
  const adContext = optional(c, readAdContext);
  c.magic(Magic.context, c.remain < 4 ? ENOMEM : EINVAL);

  return {
    initiate,
    established,
    haveAcceptorSubkey,
    seedInit,
    gssFlags,
    seed,
    signalg,
    cksumSize,
    sealalg,
    authtime,
    starttime,
    endtime,
    renewTill,
    krbFlags,
    seqSend,
    seqRecv,
    mechUsed,
    here,
    there,
    subkey,
    enc,
    seq,
    seqState,
    krb5Context,
    authContext,
    proto,
    cksumtype,
    acceptorSubkey,
    acceptorSubkeyCksumtype,
    credRcache,
    authdata,
    adContext,
  };
}

/** `kg_oid_internalize`: every failure but a refused allocation is `EINVAL`. */
function readOid(c: Cursor): Uint8Array {
  c.magic(Magic.oid);
  const length = c.need(EINVAL);
  if (length < 0) throw new SerializationFailure(ENOMEM);
  const elements = c.take(length, EINVAL);
  c.magic(Magic.oid);
  return elements;
}

/** `k5_internalize_principal`, then `krb5_parse_name_flags` with a required realm. */
function readPrincipal(c: Cursor): string {
  c.magic(Magic.principal);
  const length = c.need(ENOMEM);
  const raw = c.take(length, ENOMEM);
  const nul = raw.indexOf(0);
  const text = decoder.decode(nul < 0 ? raw : raw.subarray(0, nul));
  const parsed = parseExportedPrincipal(text);
  if (typeof parsed === 'number') throw new SerializationFailure(parsed);
  c.magic(Magic.principal);
  return text;
}

/** `k5_internalize_keyblock`, then a key the sim can hold. */
function readKeyblock(c: Cursor): KeyBlock {
  c.magic(Magic.keyblock);
  if (c.remain < 12) throw new SerializationFailure(ENOMEM);
  const enctype = c.need(ENOMEM);
  const length = c.need(ENOMEM);
  const contents = c.take(length, ENOMEM);
  c.magic(Magic.keyblock);
  return new KeyBlock(enctype, contents);
}

/** `kg_seqstate_internalize`: every failure is `EINVAL`. */
function readSeqState(c: Cursor): SerializedSeqState {
  c.magic(Magic.queue);
  if (c.remain < SEQSTATE_LENGTH) throw new SerializationFailure(EINVAL);
  const raw = c.take(SEQSTATE_LENGTH, EINVAL);
  const view = new DataView(raw.buffer);
  c.magic(Magic.queue);
  return {
    doReplay: view.getInt32(0, true),
    doSequence: view.getInt32(4, true),
    seqmask: view.getBigUint64(8, true),
    base: view.getBigUint64(16, true),
    next: view.getBigUint64(24, true),
    recvmap: view.getBigUint64(32, true),
  };
}

/** `k5_internalize_context`. */
function readKrb5Context(c: Cursor): SerializedKrb5Context {
  c.magic(Magic.krb5Context);
  const realmLength = c.need(ENOMEM);
  const realm = realmLength === 0 ? new Uint8Array(0) : c.take(realmLength, ENOMEM);
  const nul = realm.indexOf(0);
  const defaultRealm = decoder.decode(nul < 0 ? realm : realm.subarray(0, nul));
  const count = c.need(ENOMEM) >>> 0;
  const tgsEtypes: number[] = [];
  for (let index = 0; index < count; index++) tgsEtypes.push(c.need(ENOMEM));
  const clockskew = c.need(ENOMEM);
  const kdcDefaultOptions = c.need(ENOMEM);
  const libraryOptions = c.need(ENOMEM);
  const profileSecure = c.need(ENOMEM);
  const fccDefaultFormat = c.need(ENOMEM);
  const osContext = optional(c, readOsContext);
  const profileFiles = optional(c, readProfile);
  c.magic(Magic.krb5Context, c.remain < 4 ? ENOMEM : EINVAL);
  return {
    defaultRealm,
    tgsEtypes,
    clockskew,
    kdcDefaultOptions,
    libraryOptions,
    profileSecure,
    fccDefaultFormat,
    osContext,
    profileFiles,
  };
}

/** `internalize_oscontext`. */
function readOsContext(c: Cursor): SerializedOsContext {
  c.magic(Magic.osContext);
  if (c.remain < 16) throw new SerializationFailure(ENOMEM);
  const timeOffset = c.need(ENOMEM);
  const usecOffset = c.need(ENOMEM);
  const osFlags = c.need(ENOMEM);
  c.magic(Magic.osContext);
  return { timeOffset, usecOffset, osFlags };
}

/**
 * `profile_ser_internalize`. The files are not opened: the sim reads no configuration (MIT
 * fails the import when none of them exists on the importing machine).
 */
function readProfile(c: Cursor): string[] {
  if (c.remain < 12) throw new SerializationFailure(EINVAL);
  c.magic(Magic.profile);
  const count = c.need(EINVAL);
  if (count < -1) throw new SerializationFailure(ENOMEM);
  const files: string[] = [];
  let ended = false;
  for (let index = 0; index < count; index++) {
    const length = c.int32();
    if (length === undefined) {
      ended = true;
      continue;
    }
    const name = c.take(length, EINVAL);
    if (!ended) files.push(decoder.decode(name));
  }
  c.magic(Magic.profile);
  return files;
}

/** `k5_internalize_auth_context`. */
function readAuthContext(c: Cursor): SerializedAuthContext {
  c.magic(Magic.authContext);
  if (c.remain < 20) throw new SerializationFailure(ENOMEM);
  const flags = c.need(ENOMEM);
  const remoteSeqNumber = c.need(ENOMEM);
  const localSeqNumber = c.need(ENOMEM);
  const reqCksumtype = c.need(ENOMEM);
  const safeCksumtype = c.need(ENOMEM);
  const cstateLength = c.need(ENOMEM);
  const cstate = c.take(cstateLength, ENOMEM);

  let tag = c.need(ENOMEM);
  const tagged = <T>(expected: number, read: (cursor: Cursor) => T): T | null => {
    if (tag !== expected) return null;
    const value = atomic(c, read);
    tag = c.need(ENOMEM);
    return value;
  };
  const remoteAddress = tagged(AuthContextTag.remoteAddress, readAddress);
  const remotePort = tagged(AuthContextTag.remotePort, readAddress);
  const localAddress = tagged(AuthContextTag.localAddress, readAddress);
  const localPort = tagged(AuthContextTag.localPort, readAddress);
  const key = tagged(AuthContextTag.key, readKeyblock);
  const sendSubkey = tagged(AuthContextTag.sendSubkey, readKeyblock);
  let recvSubkey: KeyBlock | null = null;
  if (tag === AuthContextTag.recvSubkey) recvSubkey = atomic(c, readKeyblock);
  else c.offset -= 4;
  const authenticator = optional(c, readAuthenticator);
  c.magic(Magic.authContext, c.remain < 4 ? ENOMEM : EINVAL);

  return {
    flags,
    remoteSeqNumber,
    localSeqNumber,
    reqCksumtype,
    safeCksumtype,
    cstate,
    remoteAddress,
    remotePort,
    localAddress,
    localPort,
    key,
    sendSubkey,
    recvSubkey,
    authenticator,
  };
}

/** `k5_internalize_address`. */
function readAddress(c: Cursor): SerializedAddress {
  c.magic(Magic.address);
  if (c.remain < 8) throw new SerializationFailure(ENOMEM);
  const addrtype = c.need(ENOMEM);
  const length = c.need(ENOMEM);
  const contents = c.take(length, ENOMEM);
  c.magic(Magic.address);
  return { addrtype, contents };
}

/**
 * `k5_internalize_authenticator`. As in MIT, a failure reading the client, checksum or subkey
 * is overwritten by the reading of the authorization-data count, and a negative count below
 * -1 (an allocation MIT cannot make) ends the authenticator there.
 */
function readAuthenticator(c: Cursor): SerializedAuthenticator {
  c.magic(Magic.authenticator);
  if (c.remain < 12) throw new SerializationFailure(ENOMEM);
  const ctime = c.need(ENOMEM);
  const cusec = c.need(ENOMEM);
  const seqNumber = c.need(ENOMEM);
  let client: string | null = null;
  let checksum: SerializedChecksum | null = null;
  let subkey: KeyBlock | null = null;
  try {
    client = optional(c, readPrincipal);
    checksum = optional(c, readChecksum);
    subkey = optional(c, readKeyblock);
  } catch (error) {
    if (!(error instanceof SerializationFailure)) throw error;
  }
  const count = c.need(ENOMEM);
  const authorizationData: SerializedAuthdata[] = [];
  if (count >= -1) {
    for (let index = 0; index < count; index++) authorizationData.push(atomic(c, readAuthdata));
    c.magic(Magic.authenticator);
  }
  return { ctime, cusec, seqNumber, client, checksum, subkey, authorizationData };
}

/** `k5_internalize_checksum`. */
function readChecksum(c: Cursor): SerializedChecksum {
  c.magic(Magic.checksum);
  if (c.remain < 8) throw new SerializationFailure(ENOMEM);
  const checksumType = c.need(ENOMEM);
  const length = c.need(ENOMEM);
  const contents = length === 0 ? new Uint8Array(0) : c.take(length, ENOMEM);
  c.magic(Magic.checksum);
  return { checksumType, contents };
}
