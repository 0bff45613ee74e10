/**
 * The interprocess token of `gss_export_sec_context` for the krb5 mechanism, as MIT krb5 1.20
 * writes and reads it, so that a context exported by the sim imports into MIT's library and
 * the other way round.
 *
 * The token is the mechglue's wrapper (`g_exp_sec_context.c`: a 4-octet big-endian length, the
 * mechanism OID's DER contents) around `kg_ctx_externalize`'s serialization of the krb5
 * context (`ser_sctx.c`, see {@link KgContextRecord}).
 *
 * A {@link ContextSnapshot} holds what the sim's context knows; MIT's record holds more (the
 * auth context with the session key and authenticator, the `krb5_context` with its profile
 * files, the ticket flags, the PAC...). Export fills those fields with what MIT would hold for
 * the snapshot, overridden by {@link ContextSnapshot.mit}; import keeps in `mit` exactly the
 * fields that differ from those defaults, so token → snapshot → token gives MIT's bytes back.
 *
 * @module
 */

import { type GssError, gssError } from '../../../spec/errors.js';
import { RequirementFlag } from '../../../spec/flags.js';
import type { SequenceState } from '../../../spec/machines/sequence.js';
import {
  GSS_S_BAD_MECH,
  GSS_S_CALL_BAD_STRUCTURE,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
} from '../../../spec/status.js';
import { enctypeProfile, type KeyBlock, KrbCryptoError } from '../../crypto/index.js';
import { EINVAL, minorMessage } from '../../errors/index.js';
import type { KrbPrincipal } from '../client/principal.js';
import type { ContextSnapshot } from './context-snapshot.js';
import type { EstablishedContext } from './established-context.js';
import { decodeKgContext, SerializationFailure } from './export-decode.js';
import { encodeKgContext } from './export-encode.js';
import { exportedPrincipalText, parseExportedPrincipal } from './export-principal.js';
import type {
  KgContextRecord,
  SerializedAuthContext,
  SerializedKrb5Context,
  SerializedSeqState,
} from './export-record.js';
import type { InitiatorState } from './initiator-token.js';

/** A DCE-style acceptor waiting for the initiator's third token. */
type DceSnapshot = NonNullable<ContextSnapshot['dce']>;

const F = RequirementFlag;
const OPERATION = 'importSecContext';

/** The krb5 mechanism's OID, 1.2.840.113554.1.2.2, as DER contents. */
export const KRB5_MECH_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02);

/**
 * The OIDs MIT's mechglue hands to the krb5 mechanism's import: krb5, the pre-RFC krb5
 * (1.3.5.1.5.2), Microsoft's (1.2.840.48018.1.2.2) and IAKERB (1.3.6.1.5.2.5).
 */
const KRB5_OIDS: readonly Uint8Array[] = [
  KRB5_MECH_OID,
  Uint8Array.of(0x2b, 0x05, 0x01, 0x05, 0x02),
  Uint8Array.of(0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02),
  Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x02, 0x05),
];

/** SPNEGO, 1.3.6.1.5.5.2: MIT's SPNEGO refuses imports (GSS_S_CALL_BAD_STRUCTURE). */
const SPNEGO_OID = Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x05, 0x02);

/** `KRB5_AUTH_CONTEXT_DO_SEQUENCE` and `KRB5_AUTH_CONTEXT_USE_SUBKEY`. */
const AUTH_CONTEXT_DO_SEQUENCE = 0x04;
const AUTH_CONTEXT_USE_SUBKEY = 0x20;
/** The GSS checksum type of the AP-REQ authenticator (RFC 4121 §4.1.1). */
const CKSUMTYPE_GSSAPI = 0x8003;
/** `KRB5_OS_TOFFSET_VALID`: MIT's initiator has synchronized its clock with the KDC. */
const OS_TOFFSET_VALID = 1;
const UINT64_MAX = 0xffff_ffff_ffff_ffffn;
const UINT32_MAX = 0xffff_ffffn;

/**
 * MIT's `krb5_context` fields as a fresh context has them on Debian 12: 300 s clock skew,
 * `renewable_ok` KDC options, KDC time synchronization, ccache format 0x0504, and here no
 * profile file (the sim reads none; MIT opens the files a token names when it imports it).
 */
const DEFAULT_KRB5_CONTEXT: SerializedKrb5Context = {
  defaultRealm: '',
  tgsEtypes: [],
  clockskew: 300,
  kdcDefaultOptions: 0x10,
  libraryOptions: 1,
  profileSecure: 0,
  fccDefaultFormat: 0x0504,
  osContext: { timeOffset: 0, usecOffset: 0, osFlags: 0 },
  profileFiles: [],
};

/**
 * `gss_export_sec_context`'s token for a snapshot: the mechglue's OID prefix and MIT's
 * serialization of the krb5 context.
 * @throws {RangeError} when the snapshot is neither established, nor an initiator waiting for
 *   the AP-REP, nor a DCE-style acceptor waiting for the initiator's third token.
 */
export function exportContextToken(snapshot: ContextSnapshot): Uint8Array {
  const record: KgContextRecord = { ...defaultRecord(snapshot), ...snapshot.mit };
  const mech = record.mechUsed ?? KRB5_MECH_OID;
  const inner = encodeKgContext(record);

  const token = new Uint8Array(4 + mech.length + inner.length);
  new DataView(token.buffer).setUint32(0, mech.length);
  token.set(mech, 4);
  token.set(inner, 4 + mech.length);
  return token;
}

/**
 * Reads a token of `gss_export_sec_context`, failing as MIT's `gss_import_sec_context` does:
 * GSS_S_CALL_INACCESSIBLE_READ | GSS_S_DEFECTIVE_TOKEN for an empty token,
 * GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN for an OID length of 0 or past the end,
 * GSS_S_BAD_MECH for a mechanism MIT does not have, and GSS_S_FAILURE with the krb5
 * mechanism's code (`EINVAL`, `ENOMEM`, ...) for a context it cannot read. Bytes after the
 * context are ignored, as MIT ignores them.
 *
 * The minor status is the mechanism's; MIT's mechglue renumbers a code another mechanism OID
 * already used (for the pre-RFC, Microsoft and IAKERB OIDs), which is the GSS layer's part.
 *
 * Where the sim cannot hold what MIT would import (a key of an enctype it lacks, a context
 * without its keys or names, an acceptor not yet established that is not a DCE-style one
 * waiting for its third token) it fails with GSS_S_FAILURE and `KRB5_BAD_ENCTYPE`,
 * `KRB5_BAD_KEYSIZE` or `EINVAL`.
 * @throws {GssError} as above.
 */
export function importContextToken(token: Uint8Array): ContextSnapshot {
  if (token.length === 0) {
    throw failure(GSS_S_CALL_INACCESSIBLE_READ | GSS_S_DEFECTIVE_TOKEN, 0);
  }
  const length = token.length >= 4 ? new DataView(token.buffer, token.byteOffset).getUint32(0) : 0;
  if (length === 0 || length > token.length - 4) {
    throw failure(GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN, 0);
  }
  const mech = token.subarray(4, 4 + length);
  if (sameBytes(mech, SPNEGO_OID))
    throw failure(GSS_S_CALL_BAD_STRUCTURE | GSS_S_DEFECTIVE_TOKEN, 0);
  if (!KRB5_OIDS.some((oid) => sameBytes(oid, mech))) throw failure(GSS_S_BAD_MECH, 0);

  let record: KgContextRecord;
  try {
    record = decodeKgContext(token.subarray(4 + length));
  } catch (error) {
    if (error instanceof SerializationFailure || error instanceof KrbCryptoError) {
      throw failure(GSS_S_FAILURE, error.code);
    }
    throw error;
  }
  return snapshotOf(record);
}

function failure(major: number, minor: number): GssError {
  return gssError(major, minor, { operation: OPERATION, minorMessage: minorMessage(minor) });
}

/** What MIT's krb5 mechanism holds for a snapshot, with nothing but the snapshot to go on. */
function defaultRecord(snapshot: ContextSnapshot): KgContextRecord {
  const { established, pending, initiator } = snapshot;
  const dce = initiator ? null : (snapshot.dce ?? null);
  const { ctxKey, endtime } = endOf(snapshot);
  const end = established ?? dce?.context ?? null;
  const acceptorSubkey = end?.acceptorSubkey ?? null;
  const here = initiator ? snapshot.initiatorName : snapshot.targetName;
  const there = initiator ? snapshot.targetName : snapshot.initiatorName;

  return {
    initiate: initiator ? 1 : 0,
    established: established === undefined ? 0 : 1,
    haveAcceptorSubkey: acceptorSubkey === null ? 0 : 1,
    seedInit: 0,
    gssFlags: gssFlagsOf(snapshot),
    seed: new Uint8Array(16),
    signalg: -1,
    cksumSize: 0,
    sealalg: -1,
    authtime: snapshot.authtime | 0,
    starttime: initiator ? snapshot.authtime | 0 : 0,
    endtime: endtime | 0,
    renewTill: 0,
    krbFlags: 0,
    seqSend: snapshot.sendSeq,
    seqRecv: end === null ? 0n : BigInt(end.recvSeq),
    mechUsed: KRB5_MECH_OID,
    here: exportedPrincipalText(here),
    there: exportedPrincipalText(there),
    subkey: ctxKey,
    enc: null,
    seq: null,
    seqState:
      snapshot.window === undefined
        ? dce === null
          ? null
          : dceSeqState(dce)
        : seqStateOf(snapshot.window),
    krb5Context: {
      ...DEFAULT_KRB5_CONTEXT,
      osContext: { timeOffset: 0, usecOffset: 0, osFlags: initiator ? OS_TOFFSET_VALID : 0 },
    },
    authContext: authContextOf(snapshot, end, pending ?? null, dce),
    proto: 1,
    // MIT's DCE-style acceptor keeps no checksum type for the context key (measured).
    cksumtype: dceAcceptor(snapshot) ? 0 : enctypeProfile(ctxKey.enctype).checksumType,
    acceptorSubkey,
    acceptorSubkeyCksumtype:
      acceptorSubkey === null ? 0 : enctypeProfile(acceptorSubkey.enctype).checksumType,
    credRcache: 0,
    authdata: [],
    adContext: null,
  };
}

/**
 * The context key and endtime of an established end, of an initiator waiting for the AP-REP
 * or of a DCE-style acceptor waiting for the third token.
 */
function endOf(snapshot: ContextSnapshot): { ctxKey: KeyBlock; endtime: number } {
  const { established, pending, dce } = snapshot;
  if (established !== undefined) return established;
  if (pending !== undefined && snapshot.initiator) return { ctxKey: pending.subkey, ...pending };
  if (dce !== undefined && !snapshot.initiator) return dce.context;
  throw new RangeError(
    'expected an established context, an initiator waiting for the AP-REP or a DCE-style ' +
      'acceptor waiting for the third token, got none of them',
  );
}

/** Whether the snapshot is the acceptor of a GSS_C_DCE_STYLE context. */
function dceAcceptor(snapshot: ContextSnapshot): boolean {
  const flags = snapshot.established?.flags ?? snapshot.dce?.context.flags ?? 0;
  return !snapshot.initiator && (flags & F.dceStyle) !== 0;
}

/**
 * The receive window MIT's DCE-style acceptor holds between its legs (measured on 1.20.1):
 * 32-bit, based on the initiator's number, nothing received yet.
 */
function dceSeqState(dce: DceSnapshot): SerializedSeqState {
  const { flags, recvSeq } = dce.context;
  return {
    doReplay: (flags & F.replayDetection) === 0 ? 0 : 1,
    doSequence: (flags & F.outOfSequenceDetection) === 0 ? 0 : 1,
    seqmask: UINT32_MAX,
    base: BigInt(recvSeq >>> 0),
    next: 0n,
    recvmap: 0n,
  };
}

/**
 * `ctx->gss_flags`: the flags returned, except that MIT's initiator without mutual
 * authentication adds GSS_C_PROT_READY_FLAG after returning them (`init_sec_context.c`).
 */
function gssFlagsOf(snapshot: ContextSnapshot): number {
  const { established, pending, dce } = snapshot;
  if (established === undefined) return (pending?.flags ?? dce?.context.flags ?? 0) | 0;
  const oneLeg = snapshot.initiator && (established.flags & F.mutualAuthentication) === 0;
  return (oneLeg ? established.flags | F.protectionReady : established.flags) | 0;
}

/** The flags `gssFlagsOf` was made from. */
function returnedFlags(record: KgContextRecord): number {
  const flags = record.gssFlags >>> 0;
  const oneLeg =
    record.initiate !== 0 && record.established !== 0 && (flags & F.mutualAuthentication) === 0;
  // `>>> 0`: a bitwise `&` gives a signed word, and a flag word is unsigned.
  return oneLeg ? (flags & ~F.protectionReady) >>> 0 : flags;
}

/**
 * The auth context MIT keeps for the snapshot, as far as the snapshot tells. A DCE-style
 * acceptor between its legs keeps the ticket's session key there, which seals the third token
 * (`krb5_rd_rep_dce`).
 */
function authContextOf(
  snapshot: ContextSnapshot,
  established: EstablishedContext | null,
  pending: InitiatorState | null,
  dce: DceSnapshot | null,
): SerializedAuthContext {
  const local = established?.sendSeq ?? pending?.seqNumber ?? 0;
  const remote = established?.recvSeq ?? 0;
  const ctxKey = established?.ctxKey ?? pending?.subkey ?? null;
  const subkey = established?.acceptorSubkey ?? ctxKey;
  const useSubkey = !snapshot.initiator && established?.acceptorSubkey != null;

  return {
    flags: AUTH_CONTEXT_DO_SEQUENCE | (useSubkey ? AUTH_CONTEXT_USE_SUBKEY : 0),
    remoteSeqNumber: remote | 0,
    localSeqNumber: local | 0,
    reqCksumtype: snapshot.initiator ? CKSUMTYPE_GSSAPI : 0,
    safeCksumtype: 0,
    cstate: new Uint8Array(0),
    remoteAddress: null,
    remotePort: null,
    localAddress: null,
    localPort: null,
    key: pending?.sessionKey ?? dce?.sessionKey ?? null,
    sendSubkey: subkey,
    recvSubkey: subkey,
    authenticator:
      pending === null
        ? null
        : {
            ctime: pending.ctime | 0,
            cusec: pending.cusec | 0,
            seqNumber: pending.seqNumber | 0,
            client: null,
            checksum: null,
            subkey: pending.subkey,
            authorizationData: [],
          },
  };
}

function seqStateOf(window: Readonly<SequenceState>): SerializedSeqState {
  const word = (hi: number, lo: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  return {
    doReplay: window.doReplay ? 1 : 0,
    doSequence: window.doSequence ? 1 : 0,
    seqmask: window.wide ? UINT64_MAX : UINT32_MAX,
    base: word(window.baseHi, window.baseLo),
    next: word(window.nextHi, window.nextLo),
    recvmap: word(window.mapHi, window.mapLo),
  };
}

function windowOf(state: SerializedSeqState): SequenceState {
  const hi = (value: bigint) => Number((value >> 32n) & UINT32_MAX);
  const lo = (value: bigint) => Number(value & UINT32_MAX);
  return {
    doReplay: state.doReplay !== 0,
    doSequence: state.doSequence !== 0,
    wide: state.seqmask !== UINT32_MAX,
    baseHi: hi(state.base),
    baseLo: lo(state.base),
    nextHi: hi(state.next),
    nextLo: lo(state.next),
    mapHi: hi(state.recvmap),
    mapLo: lo(state.recvmap),
  };
}

/** The snapshot of a record, with `mit` holding what differs from the snapshot's defaults. */
function snapshotOf(record: KgContextRecord): ContextSnapshot {
  const initiator = record.initiate !== 0;
  const here = principalOf(record.here);
  const there = principalOf(record.there);
  const flags = returnedFlags(record);
  const subkey = record.subkey ?? invalid();
  const endtime = record.endtime >>> 0;
  const { authContext } = record;

  let core: ContextSnapshot;
  const base = {
    initiator,
    initiatorName: initiator ? here : there,
    targetName: initiator ? there : here,
    authtime: record.authtime >>> 0,
    sendSeq: record.seqSend,
    ...(record.seqState === null ? {} : { window: windowOf(record.seqState) }),
  };
  if (record.established !== 0) {
    const acceptorSubkey =
      record.haveAcceptorSubkey === 0 ? null : (record.acceptorSubkey ?? invalid());
    core = {
      ...base,
      established: {
        initiator,
        flags,
        ctxKey: subkey,
        acceptorSubkey,
        sendSeq: authContext.localSeqNumber >>> 0,
        recvSeq: Number(record.seqRecv & UINT32_MAX),
        endtime,
      },
    };
  } else if (!initiator) {
    // Only a DCE-style acceptor waits for a token, and it needs the session key and subkey.
    const sessionKey = authContext.key;
    const acceptorSubkey = record.acceptorSubkey;
    const dce = (flags & F.dceStyle) !== 0 && record.haveAcceptorSubkey !== 0;
    if (!dce || sessionKey === null || acceptorSubkey === null) invalid();
    core = {
      ...base,
      dce: {
        context: {
          initiator,
          flags,
          ctxKey: subkey,
          acceptorSubkey,
          sendSeq: authContext.localSeqNumber >>> 0,
          recvSeq: Number(record.seqRecv & UINT32_MAX),
          endtime,
        },
        sessionKey,
      },
    };
  } else {
    const authenticator = authContext.authenticator;
    if (authContext.key === null || authenticator === null) invalid();
    core = {
      ...base,
      pending: {
        flags,
        sessionKey: authContext.key,
        subkey,
        seqNumber: authContext.localSeqNumber >>> 0,
        ctime: authenticator.ctime >>> 0,
        cusec: authenticator.cusec >>> 0,
        endtime,
      },
    };
  }

  const defaults = defaultRecord(core);
  const mit: Partial<Record<keyof KgContextRecord, unknown>> = {};
  for (const key of Object.keys(record) as (keyof KgContextRecord)[]) {
    if (!deepEqual(record[key], defaults[key])) mit[key] = record[key];
  }
  // `mit` holds values taken from `record` under their own keys.
  return Object.keys(mit).length === 0 ? core : { ...core, mit: mit as Partial<KgContextRecord> };
}

function principalOf(text: string | null): KrbPrincipal {
  const parsed = text === null ? EINVAL : parseExportedPrincipal(text);
  if (typeof parsed === 'number') invalid();
  return parsed;
}

/** A context MIT would import but the sim cannot hold. */
function invalid(): never {
  throw failure(GSS_S_FAILURE, EINVAL);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** Structural equality over the record's values: bytes, keys, bigints, arrays, objects. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return sameBytes(a, b);
  if (isKey(a) && isKey(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

function isKey(value: unknown): value is KeyBlock {
  return typeof value === 'object' && value !== null && 'equals' in value && 'enctype' in value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}
