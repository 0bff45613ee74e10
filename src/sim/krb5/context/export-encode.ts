/**
 * Writes a {@link KgContextRecord} as MIT krb5 1.20's `kg_ctx_externalize` does: big-endian
 * 32-bit integers, 64-bit sequence numbers, each structure between its magic numbers, optional
 * parts left out when absent, and the receive window copied as x86-64 lays it out
 * (little-endian).
 *
 * @module
 */

import type { KeyBlock } from '../../crypto/index.js';
import {
  AuthContextTag,
  type KgContextRecord,
  Magic,
  type SerializedAddress,
  type SerializedAdModule,
  type SerializedAuthContext,
  type SerializedAuthdata,
  type SerializedAuthenticator,
  type SerializedKrb5Context,
  type SerializedSeqState,
} from './export-record.js';

const encoder = new TextEncoder();

/** An append-only byte buffer. */
class Writer {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  int32(value: number): void {
    const chunk = new Uint8Array(4);
    new DataView(chunk.buffer).setUint32(0, value >>> 0);
    this.bytes(chunk);
  }

  uint64(value: bigint, littleEndian = false): void {
    const chunk = new Uint8Array(8);
    new DataView(chunk.buffer).setBigUint64(0, BigInt.asUintN(64, value), littleEndian);
    this.bytes(chunk);
  }

  bytes(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** A length, then the octets. */
  counted(chunk: Uint8Array): void {
    this.int32(chunk.length);
    this.bytes(chunk);
  }

  result(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** The serialized context, `KG_CONTEXT` to `KG_CONTEXT`, without the mechglue's OID prefix. */
export function encodeKgContext(record: KgContextRecord): Uint8Array {
  const w = new Writer();

  w.int32(Magic.context);
  for (const field of [
    record.initiate,
    record.established,
    record.haveAcceptorSubkey,
    record.seedInit,
    record.gssFlags,
  ]) {
    w.int32(field);
  }
  w.bytes(record.seed);
  for (const field of [
    record.signalg,
    record.cksumSize,
    record.sealalg,
    record.authtime,
    record.starttime,
    record.endtime,
    record.renewTill,
    record.krbFlags,
  ]) {
    w.int32(field);
  }
  w.uint64(record.seqSend);
  w.uint64(record.seqRecv);

  if (record.mechUsed !== null) {
    w.int32(Magic.oid);
    w.counted(record.mechUsed);
    w.int32(Magic.oid);
  }
  if (record.here !== null) principal(w, record.here);
  if (record.there !== null) principal(w, record.there);
  if (record.subkey !== null) keyblock(w, record.subkey);
  if (record.enc !== null) keyblock(w, record.enc);
  if (record.seq !== null) keyblock(w, record.seq);
  if (record.seqState !== null) seqState(w, record.seqState);
  krb5Context(w, record.krb5Context);
  authContext(w, record.authContext);
  w.int32(record.proto);
  w.int32(record.cksumtype);
  if (record.acceptorSubkey !== null) keyblock(w, record.acceptorSubkey);
  w.int32(record.acceptorSubkeyCksumtype);
  w.int32(record.credRcache);
  w.int32(record.authdata.length);
  for (const element of record.authdata) authdata(w, element);
  if (record.adContext !== null) adContext(w, record.adContext);
  w.int32(Magic.context);

  return w.result();
}

function principal(w: Writer, name: string): void {
  w.int32(Magic.principal);
  w.counted(encoder.encode(name));
  w.int32(Magic.principal);
}

function keyblock(w: Writer, key: KeyBlock): void {
  w.int32(Magic.keyblock);
  w.int32(key.enctype);
  w.counted(key.contents());
  w.int32(Magic.keyblock);
}

function seqState(w: Writer, state: SerializedSeqState): void {
  w.int32(Magic.queue);
  const raw = new Uint8Array(8);
  const view = new DataView(raw.buffer);
  view.setInt32(0, state.doReplay, true);
  view.setInt32(4, state.doSequence, true);
  w.bytes(raw);
  for (const word of [state.seqmask, state.base, state.next, state.recvmap]) w.uint64(word, true);
  w.int32(Magic.queue);
}

function krb5Context(w: Writer, context: SerializedKrb5Context): void {
  w.int32(Magic.krb5Context);
  w.counted(encoder.encode(context.defaultRealm));
  w.int32(context.tgsEtypes.length);
  for (const enctype of context.tgsEtypes) w.int32(enctype);
  w.int32(context.clockskew);
  w.int32(context.kdcDefaultOptions);
  w.int32(context.libraryOptions);
  w.int32(context.profileSecure);
  w.int32(context.fccDefaultFormat);
  if (context.osContext !== null) {
    w.int32(Magic.osContext);
    w.int32(context.osContext.timeOffset);
    w.int32(context.osContext.usecOffset);
    w.int32(context.osContext.osFlags);
    w.int32(Magic.osContext);
  }
  if (context.profileFiles !== null) {
    w.int32(Magic.profile);
    w.int32(context.profileFiles.length);
    for (const file of context.profileFiles) w.counted(encoder.encode(file));
    w.int32(Magic.profile);
  }
  w.int32(Magic.krb5Context);
}

function authContext(w: Writer, context: SerializedAuthContext): void {
  w.int32(Magic.authContext);
  w.int32(context.flags);
  w.int32(context.remoteSeqNumber);
  w.int32(context.localSeqNumber);
  w.int32(context.reqCksumtype);
  w.int32(context.safeCksumtype);
  w.counted(context.cstate);
  const addresses: [number, SerializedAddress | null][] = [
    [AuthContextTag.remoteAddress, context.remoteAddress],
    [AuthContextTag.remotePort, context.remotePort],
    [AuthContextTag.localAddress, context.localAddress],
    [AuthContextTag.localPort, context.localPort],
  ];
  for (const [tag, value] of addresses) {
    if (value === null) continue;
    w.int32(tag);
    w.int32(Magic.address);
    w.int32(value.addrtype);
    w.counted(value.contents);
    w.int32(Magic.address);
  }
  const keys: [number, KeyBlock | null][] = [
    [AuthContextTag.key, context.key],
    [AuthContextTag.sendSubkey, context.sendSubkey],
    [AuthContextTag.recvSubkey, context.recvSubkey],
  ];
  for (const [tag, key] of keys) {
    if (key === null) continue;
    w.int32(tag);
    keyblock(w, key);
  }
  if (context.authenticator !== null) authenticator(w, context.authenticator);
  w.int32(Magic.authContext);
}

function authenticator(w: Writer, value: SerializedAuthenticator): void {
  w.int32(Magic.authenticator);
  w.int32(value.ctime);
  w.int32(value.cusec);
  w.int32(value.seqNumber);
  if (value.client !== null) principal(w, value.client);
  if (value.checksum !== null) {
    w.int32(Magic.checksum);
    w.int32(value.checksum.checksumType);
    w.counted(value.checksum.contents);
    w.int32(Magic.checksum);
  }
  if (value.subkey !== null) keyblock(w, value.subkey);
  w.int32(value.authorizationData.length);
  for (const element of value.authorizationData) authdata(w, element);
  w.int32(Magic.authenticator);
}

function authdata(w: Writer, element: SerializedAuthdata): void {
  w.int32(Magic.authdata);
  w.int32(element.adType);
  w.counted(element.contents);
  w.int32(Magic.authdata);
}

function adContext(w: Writer, modules: readonly SerializedAdModule[]): void {
  w.int32(Magic.authdataContext);
  w.int32(modules.length);
  for (const module of modules) {
    w.counted(encoder.encode(module.name));
    if (module.name === 'mspac') {
      w.counted(module.pac ?? new Uint8Array(0));
      w.int32(module.verified);
    } else {
      w.int32(module.indicators.length);
      for (const indicator of module.indicators) w.counted(indicator);
    }
  }
  w.int32(Magic.authdataContext);
}
