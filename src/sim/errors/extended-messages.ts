/**
 * The extended error messages MIT krb5 1.20 formats for some failures, which the krb5 mechanism
 * saves and `gss_display_status` then prints instead of the table text.
 *
 * How MIT gets there: `libkrb5` sets a message on its context with `k5_setmsg(context, code,
 * format, ...)`; when the krb5 mechanism fails with minor status `code` it calls
 * `krb5_gss_save_error_info`, which asks `krb5_get_error_message(context, code)`: the extended
 * message if the context's message is for that very code, com_err's text otherwise. The text is
 * saved per thread and per code, and `krb5_gss_display_status` prints the saved text for a code
 * before falling back to com_err (`disp_status.c`). `k5_change_error_message_code` renumbers a
 * message keeping its text, and `k5_wrapmsg` prefixes one as `<prefix>: <old message>`.
 *
 * Principal names here are as `krb5_unparse_name` writes them (`nosuch/localhost@KRBTEST.COM`).
 *
 * @module
 */

import { errorMessage } from './error-message.js';
import { code } from './tables.js';

/** A minor status with the text `gss_display_status` prints for it. */
export interface MinorStatus {
  /** The minor status code, an unsigned 32-bit number. */
  readonly minor: number;
  /** The text, MIT's byte for byte. */
  readonly message: string;
}

/** A minor status whose text is com_err's plain table text. */
export function plainStatus(minor: number): MinorStatus {
  return { minor: minor >>> 0, message: errorMessage(minor) };
}

/**
 * A TGS request for a server the KDC does not know (`gc_via_tkt.c`, when the KRB-ERROR has an
 * e-text and a server name, as MIT's KDC sends): `Server <sname> not found in Kerberos database`.
 */
export function serverNotFound(server: string): MinorStatus {
  return {
    minor: code('KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN'),
    message: `Server ${server} not found in Kerberos database`,
  };
}

/**
 * A TGS KRB-ERROR `KRB_ERR_GENERIC` with an e-text (`gc_via_tkt.c`):
 * `KDC returned error string: <e-text>`.
 */
export function kdcErrorString(eText: string): MinorStatus {
  return { minor: code('KRB5KRB_ERR_GENERIC'), message: `KDC returned error string: ${eText}` };
}

/**
 * An AS request for a client the KDC does not know (`get_in_tkt.c`, whatever the KDC said):
 * `Client '<cname>' not found in Kerberos database`.
 */
export function clientNotFound(client: string): MinorStatus {
  return {
    minor: code('KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN'),
    message: `Client '${client}' not found in Kerberos database`,
  };
}

/** No KDC of the realm answered (`sendto_kdc.c`): `Cannot contact any KDC for realm '<realm>'`. */
export function kdcUnreachable(realm: string): MinorStatus {
  return {
    minor: code('KRB5_KDC_UNREACH'),
    message: `Cannot contact any KDC for realm '${realm}'`,
  };
}

/**
 * An acceptor credential for a principal name with no key in the keytab: the file keytab's
 * `No key table entry found for <principal>` (`kt_file.c`), renumbered to `KG_KEYTAB_NOMATCH`
 * by `acquire_cred.c`.
 */
export function keytabNoEntry(principal: string): MinorStatus {
  return {
    minor: code('KG_KEYTAB_NOMATCH'),
    message: `No key table entry found for ${principal}`,
  };
}

/**
 * An acceptor credential for a host-based service name that no keytab entry matches
 * (`acquire_cred.c`): `No key table entry found matching <principal>`, as `KG_KEYTAB_NOMATCH`.
 * The principal is the name's acceptor form, e.g. `host/localhost@` with an empty realm.
 */
export function keytabNoMatch(principal: string): MinorStatus {
  return {
    minor: code('KG_KEYTAB_NOMATCH'),
    message: `No key table entry found matching ${principal}`,
  };
}

/**
 * A keytab without any entry, met when acquiring an acceptor credential for no specific name
 * (`ktfns.c`, `krb5_kt_have_content`): `Keytab <name> is nonexistent or empty`, where the name
 * is the keytab's full name with its type, e.g. `FILE:/etc/krb5.keytab`.
 */
export function keytabEmpty(keytab: string): MinorStatus {
  return { minor: code('KRB5_KT_NOTFOUND'), message: `Keytab ${keytab} is nonexistent or empty` };
}

/**
 * A credentials cache collection without any usable cache (`cccursor.c`,
 * `krb5_cccol_have_content`, when no cache gave an error of its own):
 * `No Kerberos credentials available (default cache: <name>)`.
 */
export function noCredentialsAvailable(defaultCache: string): MinorStatus {
  return {
    minor: code('KRB5_CC_NOTFOUND'),
    message: `No Kerberos credentials available (default cache: ${defaultCache})`,
  };
}

/**
 * A credentials cache collection without a cache for the client (`cccursor.c`,
 * `krb5_cc_cache_match`): `Can't find client principal <principal> in cache collection`.
 */
export function clientNotInCacheCollection(client: string): MinorStatus {
  return {
    minor: code('KRB5_CC_NOTFOUND'),
    message: `Can't find client principal ${client} in cache collection`,
  };
}

/**
 * A file-backed credentials cache or replay cache that failed, naming the file (`cc_file.c`,
 * `rc_file2.c`): `<com_err text> (filename: <path>)`, e.g. for `KRB5_FCC_NOFILE`.
 */
export function withFilename(minor: number, filename: string): MinorStatus {
  return { minor: minor >>> 0, message: `${errorMessage(minor)} (filename: ${filename})` };
}

/**
 * Why an acceptor iterating its keytab found no key for an AP-REQ's ticket (`rd_req_dec.c`,
 * `iteration_error`), from the first fact that fails.
 */
export interface KeytabSearch {
  /** The ticket's server principal. */
  readonly ticketServer: string;
  /** The ticket's key version number. */
  readonly ticketKvno: number;
  /** The ticket's enctype as `krb5_enctype_to_name(..., shortest)` names it: `aes256-cts`. */
  readonly ticketEnctype: string;
  /** Whether the keytab holds the ticket server at all. */
  readonly foundTicketServer: boolean;
  /** Whether it holds the ticket server with the ticket's kvno. */
  readonly foundKvno: boolean;
  /** Whether it holds the ticket server with a kvno higher than the ticket's. */
  readonly foundHigherKvno: boolean;
  /** Whether it holds that kvno with the ticket's enctype. */
  readonly foundEnctype: boolean;
}

/**
 * The message of an acceptor without a specific server name that iterated its keytab and
 * could not decrypt the ticket (`rd_req_dec.c`): the keytab lacks the server (`NOT_US`), lacks
 * the kvno (`BADKEYVER`, blaming the ticket when the keytab has a newer kvno and the keytab
 * otherwise), lacks the enctype (`BADKEYVER`), or has the key and it does not decrypt
 * (`BAD_INTEGRITY`).
 */
export function keytabSearchFailed(search: KeytabSearch): MinorStatus {
  const { ticketServer: server, ticketKvno: kvno, ticketEnctype: enctype } = search;

  if (!search.foundTicketServer) {
    return {
      minor: code('KRB5KRB_AP_ERR_NOT_US'),
      message: `Request ticket server ${server} not found in keytab (ticket kvno ${kvno})`,
    };
  }
  if (!search.foundKvno) {
    const stale = search.foundHigherKvno ? 'ticket' : 'keytab';
    return {
      minor: code('KRB5KRB_AP_ERR_BADKEYVER'),
      message:
        `Request ticket server ${server} kvno ${kvno} not found in keytab; ` +
        `${stale} is likely out of date`,
    };
  }
  if (!search.foundEnctype) {
    return {
      minor: code('KRB5KRB_AP_ERR_BADKEYVER'),
      message:
        `Request ticket server ${server} kvno ${kvno} found in keytab ` +
        `but not with enctype ${enctype}`,
    };
  }
  return {
    minor: code('KRB5KRB_AP_ERR_BAD_INTEGRITY'),
    message:
      `Request ticket server ${server} kvno ${kvno} enctype ${enctype} ` +
      'found in keytab but cannot decrypt ticket',
  };
}

/**
 * A ticket whose enctype the acceptor does not permit (`rd_req_dec.c`):
 * `Encryption type <name> not permitted`.
 */
export function enctypeNotPermitted(enctype: string): MinorStatus {
  return { minor: code('KRB5_NOPERM_ETYPE'), message: `Encryption type ${enctype} not permitted` };
}
