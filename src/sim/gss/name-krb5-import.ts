/**
 * The krb5 mechanism's import of a name (`krb5_gss_import_name` of MIT krb5 1.20's
 * `import_name.c`): the principal each name type stands for. The mechglue calls it when a name
 * is first used for krb5 (canonicalize, compare, credentials, contexts) and, for exported
 * names, at import.
 *
 * @module
 */

import type { OID } from '../../spec/oid.js';
import { NameType } from '../../spec/oids.js';
import { GSS_S_BAD_NAME, GSS_S_BAD_NAMETYPE, GSS_S_FAILURE } from '../../spec/status.js';
import { code } from '../errors/index.js';
import { NameType as KrbNameType } from '../krb5/messages/principal-name.js';
import type { NameAuthdata } from './name-authdata.js';
import { exportedKrb5Name } from './name-export.js';
import {
  type HostBasedName,
  type HostConfig,
  hostBasedPrincipal,
  splitHostBased,
} from './name-host.js';
import {
  ANONYMOUS_PRINCIPAL,
  cString,
  type MitPrincipal,
  octets,
  parseMitPrincipal,
} from './name-principal.js';
import { mechFailure, type NameResult, success } from './name-status.js';

/** What the krb5 mechanism reads besides the name: `krb5.conf`, the machine, `getpwuid`. */
export interface Krb5NameConfig extends HostConfig {
  /** The user name of a uid (`getpwuid`), or undefined when no user has it. */
  readonly userOfUid: (uid: number) => string | undefined;
}

/** A krb5 mechanism name (`krb5_gss_name_rec`). */
export interface Krb5Name {
  /** The principal. */
  readonly principal: MitPrincipal;
  /** For a host-based service name: its service and host as given (for the acceptor). */
  readonly hostBased: HostBasedName | null;
  /** True for a name imported as GSS_KRB5_NT_X509_CERT (an S4U2Self certificate). */
  readonly isCert: boolean;
  /**
   * The authorization-data context (`ad_context`), which holds the RFC 6680 attributes; absent
   * until one is made (`name-authdata.ts`).
   */
  readonly authdata?: NameAuthdata;
}

/**
 * The krb5 mechanism name for `external` of type `nameType`.
 * @returns the name, or the mechanism's failure: FAILURE with KRB5_PARSE_MALFORMED for a text
 *   that does not parse, BAD_NAME with G_NOUSER for a uid without a user, G_WRONG_SIZE for a
 *   C `krb5_principal`, minor 0 for a bad exported name; BAD_NAMETYPE (minor 0) for a type
 *   the mechanism does not take.
 */
export function importKrb5Name(
  external: Uint8Array,
  nameType: OID | null,
  config: Krb5NameConfig,
): NameResult<Krb5Name> {
  const text = octets(external);
  const is = (type: OID) => nameType?.equals(type) === true;

  if (is(NameType.hostbasedService) || is(NameType.hostbasedServiceX)) {
    const hostBased = splitHostBased(text);
    return success({ principal: hostBasedPrincipal(hostBased, config), hostBased, isCert: false });
  }
  if (is(NameType.krb5Principal)) {
    // The name of a C `krb5_principal` pointer, which the sim has none of: every such buffer
    // fails as MIT fails one that is not pointer-sized.
    return mechFailure(GSS_S_BAD_NAME, code('G_WRONG_SIZE'));
  }
  if (is(NameType.anonymous)) return named(ANONYMOUS_PRINCIPAL);
  if (is(NameType.krb5X509Cert)) {
    const principal = { type: KrbNameType.principal, components: [text], realm: '' };
    return success({ principal, hostBased: null, isCert: true });
  }

  if (is(NameType.export) || is(NameType.compositeExport)) {
    const exported = exportedKrb5Name(external);
    if (!exported.ok) return exported;
    const principal = parseMitPrincipal(exported.value.text, { defaultRealm: config.realm });
    if (principal === null) return mechFailure(GSS_S_FAILURE, code('KRB5_PARSE_MALFORMED'));
    const { authdata } = exported.value;
    return success({
      principal,
      hostBased: null,
      isCert: false,
      ...(authdata === null ? {} : { authdata }),
    });
  }

  const user = userText(external, nameType, config);
  if (!user.ok) return user;
  const enterprise = is(NameType.krb5EnterpriseName);
  const principal = parseMitPrincipal(user.value, { defaultRealm: config.realm, enterprise });
  if (principal === null) return mechFailure(GSS_S_FAILURE, code('KRB5_PARSE_MALFORMED'));
  return named(principal);
}

/** The text to parse as a principal, for the types that name one by text. */
function userText(
  external: Uint8Array,
  nameType: OID | null,
  config: Krb5NameConfig,
): NameResult<string> {
  const text = octets(external);
  const is = (type: OID) => nameType?.equals(type) === true;

  if (
    nameType === null ||
    is(NameType.kerberosPrincipal) ||
    is(NameType.user) ||
    is(NameType.krb5EnterpriseName)
  ) {
    return success(text);
  }
  if (is(NameType.machineUid)) return userOfUid(machineUid(text), config);
  if (is(NameType.stringUid)) return userOfUid(atoi(cString(text)), config);
  return mechFailure(GSS_S_BAD_NAMETYPE);
}

function named(principal: MitPrincipal): NameResult<Krb5Name> {
  return success({ principal, hostBased: null, isCert: false });
}

function userOfUid(uid: number, config: Krb5NameConfig): NameResult<string> {
  const user = config.userOfUid(uid);
  return user === undefined ? mechFailure(GSS_S_BAD_NAME, code('G_NOUSER')) : success(user);
}

/**
 * A `uid_t` read from the buffer in the byte order of x86-64 and AArch64 (little-endian). MIT
 * reads four bytes whatever the buffer's length; the sim reads missing ones as 0.
 */
function machineUid(text: string): number {
  let uid = 0;
  for (let index = 3; index >= 0; index--) uid = uid * 256 + (text.charCodeAt(index) || 0);
  return uid;
}

/**
 * `atoi` as glibc has it, `(int) strtol(text, NULL, 10)`, given to a 32-bit `uid_t`: leading
 * white space and a sign, then decimal digits up to the first other character (none: 0); an
 * overflow saturates at the 64-bit `long` bounds before the cast keeps the low 32 bits.
 */
export function atoi(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text);
  const digits = match?.[2] ?? '';
  if (digits === '') return 0;

  const LONG_MAX = 2n ** 63n - 1n;
  const magnitude = BigInt(digits);
  const value =
    match?.[1] === '-'
      ? magnitude > LONG_MAX + 1n
        ? -(LONG_MAX + 1n)
        : -magnitude
      : magnitude > LONG_MAX
        ? LONG_MAX
        : magnitude;
  return Number(BigInt.asUintN(32, value));
}
