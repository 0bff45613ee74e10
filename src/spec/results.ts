/**
 * The results of the GSS-API calls that return more than one value: the reference's named
 * tuples (python-gssapi `gssapi.raw.named_tuples`) and its other tuple results, as readonly
 * objects with camelCase fields.
 *
 * Conventions: bytes are `Uint8Array`; a set of OIDs is a `readonly OID[]` without duplicates
 * (an `OID` is an object, so a `Set` would not compare by value; use `OID.equals`); flags are a
 * {@link RequirementFlagSet}; lifetimes are seconds with `null` for GSS_C_INDEFINITE. A field that
 * the caller chose not to ask for (the `inquire*` calls) is `null`.
 *
 * @module
 */

import type { RequirementFlagSet } from './flags.js';
import type { Creds, Name, SecurityContext } from './handles.js';
import type { OID } from './oid.js';
import type { CredUsage, Lifetime } from './options.js';

/** `acquireCred` and its variants (RFC 2743 §2.1.1). */
export interface AcquireCredResult {
  /** The credential acquired. */
  readonly creds: Creds;
  /** The mechanisms it can be used with (`actual_mechs`). */
  readonly mechs: readonly OID[];
  /** Its lifetime in seconds (`time_rec`), `null` when indefinite. */
  readonly lifetime: Lifetime;
}

/** `inquireCred` (RFC 2743 §2.1.3); a field not asked for is `null`. */
export interface InquireCredResult {
  /** The credential's principal. */
  readonly name: Name | null;
  /** The seconds left, `null` when indefinite or not asked for. */
  readonly lifetime: Lifetime;
  /** How the credential can be used. */
  readonly usage: CredUsage | null;
  /** The mechanisms the credential has elements for. */
  readonly mechs: readonly OID[] | null;
}

/** `inquireCredByMech` (RFC 2743 §2.1.5); a field not asked for is `null`. */
export interface InquireCredByMechResult {
  /** The element's principal. */
  readonly name: Name | null;
  /** The seconds left for initiating, `null` when indefinite or not asked for. */
  readonly initLifetime: Lifetime;
  /** The seconds left for accepting, `null` when indefinite or not asked for. */
  readonly acceptLifetime: Lifetime;
  /** How the element can be used. */
  readonly usage: CredUsage | null;
}

/** `addCred` and its variants (RFC 2743 §2.1.4). */
export interface AddCredResult {
  /** The new credential, or `null` when the input credential was changed in place. */
  readonly creds: Creds | null;
  /** The mechanisms the resulting credential can be used with. */
  readonly mechs: readonly OID[];
  /** The initiator lifetime granted, `null` when indefinite. */
  readonly initLifetime: Lifetime;
  /** The acceptor lifetime granted, `null` when indefinite. */
  readonly acceptLifetime: Lifetime;
}

/** `displayName` (RFC 2743 §2.4.4). */
export interface DisplayNameResult {
  /** The printable form of the name. */
  readonly name: Uint8Array;
  /** The name's type, `null` when not asked for or when the name has none (GSS_C_NO_OID). */
  readonly nameType: OID | null;
}

/** `wrap` and `wrapAead` (RFC 2743 §2.3.3). */
export interface WrapResult {
  /** The token to send. */
  readonly message: Uint8Array;
  /** Whether the message was encrypted (`conf_state`), not only integrity-protected. */
  readonly encrypted: boolean;
}

/** `unwrap` and `unwrapAead` (RFC 2743 §2.3.4). */
export interface UnwrapResult {
  /** The message recovered. */
  readonly message: Uint8Array;
  /** Whether the sender encrypted it (`conf_state`). */
  readonly encrypted: boolean;
  /** The quality of protection the sender used (`qop_state`). */
  readonly qop: number;
}

/** `unwrapIov` (the IOV message is changed in place). */
export interface IOVUnwrapResult {
  /** Whether the sender encrypted it (`conf_state`). */
  readonly encrypted: boolean;
  /** The quality of protection the sender used (`qop_state`). */
  readonly qop: number;
}

/** `initSecContext` (RFC 2743 §2.2.1). */
export interface InitSecContextResult {
  /** The context: the one given in the options, or a new one on the first call. */
  readonly context: SecurityContext;
  /** The mechanism in use (`actual_mech_type`). */
  readonly mech: OID;
  /** The services the context provides (`ret_flags`). */
  readonly flags: RequirementFlagSet;
  /** The token to send to the acceptor, `null` when there is none. */
  readonly token: Uint8Array | null;
  /** The context's lifetime in seconds (`time_rec`), `null` when indefinite. */
  readonly lifetime: Lifetime;
  /** GSS_S_CONTINUE_NEEDED: another token from the acceptor is expected. */
  readonly moreSteps: boolean;
}

/** `acceptSecContext` (RFC 2743 §2.2.2). */
export interface AcceptSecContextResult {
  /** The context: the one given in the options, or a new one on the first call. */
  readonly context: SecurityContext;
  /** The initiator's authenticated name, a mechanism name (`src_name`). */
  readonly initiatorName: Name;
  /** The mechanism in use (`mech_type`). */
  readonly mech: OID;
  /** The token to send back to the initiator, `null` when there is none. */
  readonly token: Uint8Array | null;
  /** The services the initiator asked for and the context provides (`ret_flags`). */
  readonly flags: RequirementFlagSet;
  /** The context's lifetime in seconds (`time_rec`), `null` when indefinite. */
  readonly lifetime: Lifetime;
  /** The initiator's delegated credential, when `flags` has `delegateToPeer`; else `null`. */
  readonly delegatedCreds: Creds | null;
  /** GSS_S_CONTINUE_NEEDED: another token from the initiator is expected. */
  readonly moreSteps: boolean;
}

/** `inquireContext` (RFC 2743 §2.2.6); a field not asked for is `null`. */
export interface InquireContextResult {
  /** The initiator's name. */
  readonly initiatorName: Name | null;
  /** The acceptor's name; also `null` when it is GSS_C_NO_NAME (an acceptor not yet known). */
  readonly targetName: Name | null;
  /** The seconds left, `null` when indefinite or not asked for. */
  readonly lifetime: Lifetime;
  /** The mechanism. */
  readonly mech: OID | null;
  /** The services the context provides. */
  readonly flags: RequirementFlagSet | null;
  /** Whether this side initiated the context. */
  readonly locallyInit: boolean | null;
  /** Whether the context is fully established (`open`). */
  readonly complete: boolean | null;
}

/** `storeCred` and `storeCredInto` (RFC 5588). */
export interface StoreCredResult {
  /** The mechanisms whose elements were stored (`elements_stored`). */
  readonly mechs: readonly OID[];
  /** The usage they were stored with (`cred_usage_stored`). */
  readonly usage: CredUsage;
}

/** `inquireName` (RFC 6680 §7.4). */
export interface InquireNameResult {
  /** The names of the name's attributes; empty when not asked for. */
  readonly attrs: readonly Uint8Array[];
  /** Whether the name is a mechanism name; false when not asked for. */
  readonly isMechName: boolean;
  /** The mechanism of a mechanism name, else `null`. */
  readonly mech: OID | null;
}

/** `getNameAttribute` (RFC 6680 §7.5): all values of the attribute at once. */
export interface GetNameAttributeResult {
  /** The raw values. */
  readonly values: readonly Uint8Array[];
  /** The printable values, one per raw value. */
  readonly displayValues: readonly Uint8Array[];
  /** Whether the values were authenticated by the mechanism. */
  readonly authenticated: boolean;
  /** Whether the value set is complete. */
  readonly complete: boolean;
}

/** `inquireAttrsForMech` (RFC 5587 §3.4). */
export interface InquireAttrsResult {
  /** The attributes the mechanism has (GSS_C_MA_*). */
  readonly mechAttrs: readonly OID[];
  /** Every attribute the mechanism knows of. */
  readonly knownMechAttrs: readonly OID[];
}

/** `displayMechAttr` (RFC 5587 §3.4). */
export interface DisplayAttrResult {
  /** The attribute's name, such as `GSS_C_MA_MECH_CONCRETE`. */
  readonly name: Uint8Array;
  /** Its short description. */
  readonly shortDesc: Uint8Array;
  /** Its long description. */
  readonly longDesc: Uint8Array;
}

/** `inquireSaslnameForMech` (RFC 5801 §10). */
export interface InquireSASLNameResult {
  /** The SASL mechanism name, such as `GS2-KRB5`. */
  readonly saslMechName: Uint8Array;
  /** The mechanism's name. */
  readonly mechName: Uint8Array;
  /** The mechanism's description. */
  readonly mechDescription: Uint8Array;
}

/** `displayStatus` (RFC 2743 §2.4.1): one message of a status and where to go on from it. */
export interface DisplayStatusResult {
  /** One message. */
  readonly message: Uint8Array;
  /** The `message_context` to pass to the next call; 0 after the last message. */
  readonly messageContext: number;
  /** Whether there are more messages (`messageContext` is not 0). */
  readonly moreMessages: boolean;
}

/** The keys of an RFC 1964 (protocol 0) lucid context (MIT `gss_krb5_rfc1964_keydata_t`). */
export interface Rfc1964KeyData {
  /** The SGN_ALG of RFC 1964 §1.2.1. */
  readonly signAlg: number;
  /** The SEAL_ALG of RFC 1964 §1.2.2. */
  readonly sealAlg: number;
  /** The key's enctype (RFC 3961). */
  readonly keyType: number;
  /** The key. */
  readonly key: Uint8Array;
}

/** The keys of an RFC 4121 (protocol 1, CFX) lucid context (MIT `gss_krb5_cfx_keydata_t`). */
export interface CfxKeyData {
  /** The enctype of the context key (the session key or the initiator's subkey). */
  readonly ctxKeyType: number;
  /** The context key. */
  readonly ctxKey: Uint8Array;
  /** The enctype of the acceptor's subkey, `null` when it sent none (RFC 4121 §2). */
  readonly acceptorSubkeyType: number | null;
  /** The acceptor's subkey, `null` when it sent none. */
  readonly acceptorSubkey: Uint8Array | null;
}

/** The fields of a version 1 lucid context common to both protocols. */
interface Krb5LucidContextV1Fields {
  /** The structure version: 1 (MIT knows no other). */
  readonly version: 1;
  /** Whether the context was the initiator. */
  readonly isInitiator: boolean;
  /** When the context expires, in seconds since the Unix epoch (a `krb5_timestamp`). */
  readonly endtime: number;
  /** The next sequence number to send; a `bigint` because RFC 4121 numbers are 64-bit. */
  readonly sendSeq: bigint;
  /**
   * The peer's initial sequence number. MIT 1.20 records it when the context is established
   * and never advances it (`lucid_context.c`), so it is not the next number expected.
   */
  readonly recvSeq: bigint;
}

/**
 * `krb5ExportLucidSecContext` (MIT `gss_krb5_lucid_context_v1_t`): the context's keys and
 * sequence numbers. Exactly one key-data field is set, as `protocol` says.
 */
export type Krb5LucidContext =
  | (Krb5LucidContextV1Fields & {
      /** 0: RFC 1964 tokens. */
      readonly protocol: 0;
      readonly rfc1964Kd: Rfc1964KeyData;
      readonly cfxKd: null;
    })
  | (Krb5LucidContextV1Fields & {
      /** 1: RFC 4121 (CFX) tokens. */
      readonly protocol: 1;
      readonly rfc1964Kd: null;
      readonly cfxKd: CfxKeyData;
    });
