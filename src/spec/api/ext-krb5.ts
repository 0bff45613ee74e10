/**
 * The krb5 mechanism's own calls (MIT `gssapi_krb5.h`). python-gssapi `ext_krb5`; its
 * `mech_krb5` module only defines `MechType.kerberos` and `NameType.kerberosPrincipal`.
 *
 * A backend without the extension still has these functions: they throw
 * `OperationUnavailableError` (GSS_S_UNAVAILABLE, minor 0) before looking at their arguments.
 *
 * @module
 */

import type { Creds, SecurityContext } from '../handles.js';
import type { Krb5Pointer, TextInput } from '../options.js';
import type { Krb5LucidContext } from '../results.js';

/** Options of {@link Krb5Api.krb5ImportCred}; at least `cache` or `keytab` is given. */
export interface Krb5ImportCredOptions {
  /** A `krb5_ccache` to use for initiating; `null` or absent: none. */
  readonly cache?: Krb5Pointer | null;
  /** A `krb5_principal` restricting the keytab to one acceptor name; `null`: any. */
  readonly keytabPrincipal?: Krb5Pointer | null;
  /** A `krb5_keytab` to use for accepting; `null` or absent: none. */
  readonly keytab?: Krb5Pointer | null;
}

/** The `krb5` extension. */
export interface Krb5Api {
  /**
   * gss_krb5_ccache_name: sets the ccache that this thread's krb5 mechanism uses by default
   * (for `acquireCred`, and `initSecContext` without a credential).
   * @param name a ccache name such as `MEMORY:x` or `FILE:/tmp/cc`; `null` (or an empty name)
   *   goes back to the configuration and `KRB5CCNAME`.
   * @returns the name in effect before: the one last set or, when none was, the default name
   *   (from `KRB5CCNAME` or the configuration). MIT always gives one; `null` is for a library
   *   that gives none, which the reference allows.
   * @throws {OperationUnavailableError} the backend lacks `krb5`.
   * @throws {GssError} the name cannot be set.
   * @throws {TypeError} when `name` has the wrong type.
   */
  krb5CcacheName(name: TextInput | null): Uint8Array | null;

  /**
   * gss_krb5_export_lucid_sec_context: the context's keys and sequence numbers, for a kernel
   * or another implementation to carry on with. The context ends here: the handle is dead
   * after a successful export (MIT deletes it), as for `exportSecContext`; a failed one keeps
   * it. MIT's `recvSeq` is the peer's initial sequence number, not the next one expected.
   * @param version the structure version; MIT knows only 1 and fails others with
   *   GSS_S_FAILURE (minor KG_LUCID_VERSION).
   * @throws {OperationUnavailableError} the backend lacks `krb5`.
   * @throws {MissingContextError} the context is not established.
   * @throws {GssError} the version is not supported.
   * @throws {TypeError} when `context` is not a live context of this backend or `version` is
   *   not a number.
   * @throws {RangeError} when `version` is not a 32-bit unsigned integer.
   */
  krb5ExportLucidSecContext(context: SecurityContext, version: number): Krb5LucidContext;

  /**
   * gsskrb5_extract_authtime_from_sec_context: when the initiator first authenticated to the
   * KDC (the ticket's `authtime`, RFC 4120 §5.3), in seconds since the Unix epoch. MIT answers
   * on both sides, Heimdal on the acceptor only.
   * @throws {OperationUnavailableError} the backend lacks `krb5`.
   * @throws {MissingContextError} the context is not established.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  krb5ExtractAuthtimeFromSecContext(context: SecurityContext): number;

  /**
   * gsskrb5_extract_authz_data_from_sec_context: the ticket's authorization data of one type
   * (RFC 4120 §5.2.6 ad-type, such as 128 for a PAC), on an acceptor context.
   * @throws {OperationUnavailableError} the backend lacks `krb5`.
   * @throws {GssError} there is no such data (MIT: GSS_S_FAILURE with minor 0) or no context.
   * @throws {TypeError} when `context` is not a live context of this backend or `adType` is
   *   not a number.
   * @throws {RangeError} when `adType` is not a 32-bit signed integer.
   */
  krb5ExtractAuthzDataFromSecContext(context: SecurityContext, adType: number): Uint8Array;

  /**
   * gss_krb5_import_cred: fills `creds` with a krb5 ccache and/or keytab given as C objects.
   * Only a backend over a C library can take them; the sim throws `OperationUnavailableError`
   * even though it has the `krb5` extension.
   * @throws {OperationUnavailableError} the backend lacks `krb5`, or has no C krb5 objects.
   * @throws {GssError} the objects cannot be imported.
   * @throws {TypeError} when neither `cache` nor `keytab` is given (the reference's
   *   `ValueError`), or `creds` is not of this backend.
   */
  krb5ImportCred(creds: Creds, options?: Krb5ImportCredOptions): void;

  /**
   * gss_krb5_get_tkt_flags: the ticket's flags (RFC 4120 §5.3 TicketFlags as MIT's
   * `krb5_flags`, such as `forwardable` = 0x40000000).
   * @throws {OperationUnavailableError} the backend lacks `krb5`.
   * @throws {MissingContextError} the context is not established.
   * @throws {TypeError} when `context` is not a live context of this backend.
   */
  krb5GetTktFlags(context: SecurityContext): number;

  /**
   * gss_krb5_set_allowable_enctypes: limits the enctypes (RFC 3961 numbers) that contexts
   * made with this initiator credential may use, for the session subkey. MIT drops the
   * enctypes it does not support from the list, and takes an empty list as a return to the
   * default enctypes.
   * @throws {OperationUnavailableError} the backend lacks `krb5`.
   * @throws {GssError} no enctype of a non-empty list is supported (MIT: GSS_S_FAILURE,
   *   KRB5_PROG_ETYPE_NOSUPP).
   * @throws {TypeError} when `creds` is not a live credential of this backend, or `ktypes` is
   *   not an iterable of numbers.
   * @throws {RangeError} when an enctype is not a 32-bit signed integer.
   */
  krb5SetAllowableEnctypes(creds: Creds, ktypes: Iterable<number>): void;
}
