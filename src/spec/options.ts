/**
 * The value types and option groups that several GSS-API calls share.
 *
 * The rule for every options object of `GssApi`: a parameter that has a default in the
 * reference (python-gssapi's `gssapi.raw`) is an optional field with the camelCase name. When the
 * reference accepts `None` for it (`Optional[...] = None`), the field also accepts `null` with
 * the meaning `None` has there (GSS_C_NO_CREDENTIAL, GSS_C_NO_OID, GSS_C_INDEFINITE, ...), so
 * that a value read from elsewhere can be passed through; absent means the same as `null`.
 * Otherwise the field is `?: T` and absent means the reference's default.
 *
 * @module
 */

import type { OID } from './oid.js';

/** How a credential is used (`gss_cred_usage_t`: GSS_C_INITIATE, GSS_C_ACCEPT, GSS_C_BOTH). */
export type CredUsage = 'initiate' | 'accept' | 'both';

/** The usage values, in the order of their C values (GSS_C_BOTH 0, INITIATE 1, ACCEPT 2). */
export const CRED_USAGES: readonly CredUsage[] = ['both', 'initiate', 'accept'];

/**
 * A lifetime in seconds; `null` is GSS_C_INDEFINITE (the C value 2^32 - 1). A lifetime given
 * to a call is a whole number from 0 to 2^32 - 2; anything else is a `RangeError`.
 */
export type Lifetime = number | null;

/**
 * Bytes, or text that the call encodes as UTF-8: names, attribute names, SASL names, passwords,
 * ccache names. Messages and tokens are always `Uint8Array`.
 */
export type TextInput = Uint8Array | string;

/**
 * A credential store (`gss_key_value_set_desc`, MIT's credential store extension): keys such as
 * `ccache`, `client_keytab`, `keytab`, `rcache`, `password`, `verify`; values as text or bytes.
 */
export type CredStore = Readonly<Record<string, TextInput>>;

/** The address of a C object (`krb5_ccache`, `krb5_principal`, `krb5_keytab`), as from koffi. */
export type Krb5Pointer = bigint | number;

/** Options of the calls that take a quality of protection. */
export interface QopOptions {
  /** The quality of protection; `null` or absent is GSS_C_QOP_DEFAULT (0). */
  readonly qop?: number | null;
}

/** Options of the calls that protect a message: `wrap`, `wrapSizeLimit`, the IOV calls. */
export interface ProtectionOptions extends QopOptions {
  /** Encrypt as well as integrity-protect (`conf_req_flag`). Default true. */
  readonly confidential?: boolean;
}

/** Options of the calls that acquire a credential: `acquireCred` and its variants. */
export interface AcquireOptions {
  /** The lifetime asked for, in seconds; `null` or absent asks for GSS_C_INDEFINITE. */
  readonly lifetime?: Lifetime;
  /** The mechanisms asked for; `null` or absent is GSS_C_NO_OID_SET (the default set). */
  readonly mechs?: Iterable<OID> | null;
  /** The usage asked for; each call documents its default. */
  readonly usage?: CredUsage;
}

/** Options of the calls that add a credential element: `addCred` and its variants. */
export interface AddOptions {
  /** The usage asked for; each call documents its default. */
  readonly usage?: CredUsage;
  /** The initiator lifetime asked for; `null` or absent asks for GSS_C_INDEFINITE. */
  readonly initLifetime?: Lifetime;
  /** The acceptor lifetime asked for; `null` or absent asks for GSS_C_INDEFINITE. */
  readonly acceptLifetime?: Lifetime;
}

/** Options of `storeCred` and `storeCredInto` (RFC 5588). */
export interface StoreCredOptions {
  /** Which elements to store. Default `both`. */
  readonly usage?: CredUsage;
  /** The mechanism whose elements to store; `null` or absent stores every mechanism's. */
  readonly mech?: OID | null;
  /** Replace credentials already stored for the same principal. Default false. */
  readonly overwrite?: boolean;
  /** Make the stored credentials the store's default. Default false. */
  readonly setDefault?: boolean;
}
