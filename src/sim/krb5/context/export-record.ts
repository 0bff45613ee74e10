/**
 * The fields of an exported krb5 context as MIT krb5 1.20 serializes them
 * (`kg_ctx_externalize` in `src/lib/gssapi/krb5/ser_sctx.c` and the `k5_externalize_*`
 * serializers it calls): `krb5_gss_ctx_id_rec` with its principals, keys, receive window,
 * `krb5_context`, `krb5_auth_context` and authorization data.
 *
 * Every 32-bit field is kept as MIT packs it: a signed 32-bit integer (`krb5_int32`), written
 * big-endian; a timestamp beyond 2038 reads as negative here, as it does in MIT's structure.
 *
 * @module
 */

import type { KeyBlock } from '../../crypto/index.js';

/** The magic numbers that open and close each serialized structure. */
export const Magic = {
  /** `KG_CONTEXT` (k5g table + 8): the GSS context. */
  context: 0x025e_a108,
  /** `KV5M_PRINCIPAL`. */
  principal: 0x970e_a701 | 0,
  /** `KV5M_KEYBLOCK`. */
  keyblock: 0x970e_a703 | 0,
  /** `KV5M_CHECKSUM`. */
  checksum: 0x970e_a704 | 0,
  /** `KV5M_AUTHDATA`. */
  authdata: 0x970e_a70a | 0,
  /** `KV5M_AUTHENTICATOR`. */
  authenticator: 0x970e_a70e | 0,
  /** `KV5M_ADDRESS`. */
  address: 0x970e_a722 | 0,
  /** `KV5M_CONTEXT`: the `krb5_context`. */
  krb5Context: 0x970e_a724 | 0,
  /** `KV5M_OS_CONTEXT`. */
  osContext: 0x970e_a725 | 0,
  /** `KV5M_AUTH_CONTEXT`. */
  authContext: 0x970e_a729 | 0,
  /** `KV5M_GSS_OID`. */
  oid: 0x970e_a737 | 0,
  /** `KV5M_GSS_QUEUE`: the receive window. */
  queue: 0x970e_a738 | 0,
  /** `KV5M_AUTHDATA_CONTEXT`. */
  authdataContext: 0x970e_a73c | 0,
  /** `PROF_MAGIC_PROFILE`: the profile's file list. */
  profile: 0xaaca_6012 | 0,
} as const;

/** The tags of the optional parts of a serialized auth context (`ser_actx.c`). */
export const AuthContextTag = {
  remoteAddress: 950_916,
  remotePort: 950_917,
  localAddress: 950_918,
  localPort: 950_919,
  key: 950_920,
  sendSubkey: 950_921,
  recvSubkey: 950_922,
} as const;

/** A `krb5_address`. */
export interface SerializedAddress {
  readonly addrtype: number;
  readonly contents: Uint8Array;
}

/** A `krb5_checksum`. */
export interface SerializedChecksum {
  readonly checksumType: number;
  readonly contents: Uint8Array;
}

/** One `krb5_authdata` element. */
export interface SerializedAuthdata {
  readonly adType: number;
  readonly contents: Uint8Array;
}

/** The `krb5_authenticator` an auth context keeps (`authentp`). */
export interface SerializedAuthenticator {
  readonly ctime: number;
  readonly cusec: number;
  readonly seqNumber: number;
  /** The client's unparsed name (`user@REALM`), or null. */
  readonly client: string | null;
  readonly checksum: SerializedChecksum | null;
  readonly subkey: KeyBlock | null;
  readonly authorizationData: readonly SerializedAuthdata[];
}

/** A `krb5_auth_context`. */
export interface SerializedAuthContext {
  /** `auth_context_flags` (KRB5_AUTH_CONTEXT_*). */
  readonly flags: number;
  readonly remoteSeqNumber: number;
  readonly localSeqNumber: number;
  readonly reqCksumtype: number;
  readonly safeCksumtype: number;
  /** The cipher state (`cstate`), empty for GSS. */
  readonly cstate: Uint8Array;
  readonly remoteAddress: SerializedAddress | null;
  readonly remotePort: SerializedAddress | null;
  readonly localAddress: SerializedAddress | null;
  readonly localPort: SerializedAddress | null;
  /** The ticket's session key. */
  readonly key: KeyBlock | null;
  readonly sendSubkey: KeyBlock | null;
  readonly recvSubkey: KeyBlock | null;
  readonly authenticator: SerializedAuthenticator | null;
}

/** The `krb5_os_context` of a `krb5_context`. */
export interface SerializedOsContext {
  readonly timeOffset: number;
  readonly usecOffset: number;
  readonly osFlags: number;
}

/** The `krb5_context` MIT serializes inside a GSS context. */
export interface SerializedKrb5Context {
  readonly defaultRealm: string;
  readonly tgsEtypes: readonly number[];
  readonly clockskew: number;
  readonly kdcDefaultOptions: number;
  readonly libraryOptions: number;
  readonly profileSecure: number;
  readonly fccDefaultFormat: number;
  readonly osContext: SerializedOsContext | null;
  /** The profile's files, or null for no profile part. */
  readonly profileFiles: readonly string[] | null;
}

/** The receive window: MIT's `g_seqnum_state_st`, copied as the host lays it out. */
export interface SerializedSeqState {
  readonly doReplay: number;
  readonly doSequence: number;
  readonly seqmask: bigint;
  readonly base: bigint;
  readonly next: bigint;
  readonly recvmap: bigint;
}

/** One module of an authorization-data context. */
export type SerializedAdModule =
  | {
      readonly name: 'mspac';
      /** The PAC as the ticket carried it, or null for none. */
      readonly pac: Uint8Array | null;
      readonly verified: number;
    }
  | {
      readonly name: 'authentication-indicators';
      readonly indicators: readonly Uint8Array[];
    };

/** `krb5_gss_ctx_id_rec` as `kg_ctx_externalize` writes it. */
export interface KgContextRecord {
  readonly initiate: number;
  readonly established: number;
  readonly haveAcceptorSubkey: number;
  readonly seedInit: number;
  readonly gssFlags: number;
  /** The RFC 1964 sequence-key seed, 16 octets. */
  readonly seed: Uint8Array;
  readonly signalg: number;
  readonly cksumSize: number;
  readonly sealalg: number;
  readonly authtime: number;
  readonly starttime: number;
  readonly endtime: number;
  readonly renewTill: number;
  /** The ticket flags (`krb_flags`). */
  readonly krbFlags: number;
  /** The next number sent (unsigned 64 bits). */
  readonly seqSend: bigint;
  /** The peer's initial number (unsigned 64 bits). */
  readonly seqRecv: bigint;
  /** The mechanism OID's DER contents, or null. */
  readonly mechUsed: Uint8Array | null;
  /** This end's unparsed principal, or null. */
  readonly here: string | null;
  /** The peer's unparsed principal, or null. */
  readonly there: string | null;
  readonly subkey: KeyBlock | null;
  /** RFC 1964 keys; null for RFC 4121 contexts. */
  readonly enc: KeyBlock | null;
  readonly seq: KeyBlock | null;
  readonly seqState: SerializedSeqState | null;
  readonly krb5Context: SerializedKrb5Context;
  readonly authContext: SerializedAuthContext;
  /** 1 for RFC 4121 (CFX) tokens, 0 for RFC 1964. */
  readonly proto: number;
  readonly cksumtype: number;
  readonly acceptorSubkey: KeyBlock | null;
  readonly acceptorSubkeyCksumtype: number;
  readonly credRcache: number;
  /** The ticket's authorization data (acceptor side). */
  readonly authdata: readonly SerializedAuthdata[];
  /** The initiator name's authorization-data context, or null. */
  readonly adContext: readonly SerializedAdModule[] | null;
}
