/**
 * The value behind a sim name handle, and the name calls over it (RFC 2743 §2.4), as MIT krb5
 * 1.20 behaves with its krb5 mechanism: the mechglue's union name (`g_imp_name.c`,
 * `g_canon_name.c`, `g_compare_name.c`, `g_dsp_name.c`, `g_export_name.c`) over the krb5
 * mechanism's name (`import_name.c`, `disp_name.c`, `export_name.c`, `naming_exts.c`).
 *
 * A name imported in a printable form is only recorded: its bytes and its name type. It turns
 * into a krb5 principal when it is used (canonicalized, compared with a mechanism name, given
 * to a credential or a context), so that a malformed principal fails there, not at import. An
 * exported name (`04 01`) is a mechanism name at once.
 *
 * What MIT reads from its environment is a {@link NameEnvironment}: the default realm, the
 * `[domain_realm]` entry of the realm's host, the machine's host name, and `getpwuid`.
 *
 * @module
 */

import { gssError } from '../../spec/errors.js';
import type { OID } from '../../spec/oid.js';
import { MechType, NameType } from '../../spec/oids.js';
import { DEFAULT_HOSTNAME, DEFAULT_REALM_NAME } from '../../spec/realm.js';
import { GSS_S_BAD_MECH, GSS_S_BAD_NAME, GSS_S_NAME_NOT_MN } from '../../spec/status.js';
import type { KrbPrincipal } from '../krb5/client/index.js';
import { NameType as KrbNameType } from '../krb5/messages/principal-name.js';
import { exportedNameMech, exportKrb5Name, KRB5_FAMILY } from './name-export.js';
import { importKrb5Name, type Krb5Name, type Krb5NameConfig } from './name-krb5-import.js';
import {
  fromKrbPrincipal,
  isAnonymous,
  octetBytes,
  octets,
  sameMitPrincipal,
  toKrbPrincipal,
  unparseMitPrincipal,
} from './name-principal.js';
import { glueFailure, type MinorMapper, type NameResult, nameError } from './name-status.js';

/**
 * What MIT's library reads from its environment for names. The sim's realms are configured as
 * the native test realms are: `default_realm` is the realm, `[domain_realm]` maps the realm's
 * host name (and its subdomains) to it, and no host name is canonicalized through DNS.
 */
export interface NameEnvironment {
  /** `default_realm`, such as `KRBTEST.COM`; also the realm `[domain_realm]` gives. */
  readonly defaultRealm: string;
  /** The host name `[domain_realm]` maps to the default realm, such as `localhost`. */
  readonly hostname: string;
  /**
   * What `gethostname()` returns, for a host-based name without `@host`. Default
   * {@link NameEnvironment.hostname}: the sim's party runs on the realm's host.
   */
  readonly localHostname?: string;
  /**
   * `getpwuid`: the user name of a uid, for GSS_C_NT_MACHINE_UID_NAME and
   * GSS_C_NT_STRING_UID_NAME. Default {@link rootOnlyUsers}: the sim has no password file,
   * and uid 0 is `root` on every POSIX system.
   */
  readonly userOfUid?: (uid: number) => string | undefined;
  /**
   * The mechglue's map of mechanism minor codes (the party's `MinorMap`), through which a
   * krb5 mechanism failure's minor goes, as `map_error` sends it. Default: none, so that a
   * mechanism's minor 0 stays 0 (MIT would show a made-up number from 100001).
   */
  readonly minors?: MinorMapper;
}

/**
 * An environment given as a realm name alone: that realm, host {@link DEFAULT_HOSTNAME}, the
 * other fields their defaults.
 */
export type NameEnvironmentInput = NameEnvironment | string;

/**
 * The environment of a sim party: its realm's name and host, and its minor map. Takes a
 * `SimParty` (or anything shaped like one).
 */
export function partyNameEnvironment(party: {
  readonly realm: { readonly name: string; readonly hostname: string };
  readonly minors: MinorMapper;
}): NameEnvironment {
  return { defaultRealm: party.realm.name, hostname: party.realm.hostname, minors: party.minors };
}

/** The default `getpwuid` of the sim: uid 0 is `root`, no other uid has a user. */
export function rootOnlyUsers(uid: number): string | undefined {
  return uid === 0 ? 'root' : undefined;
}

/** A krb5 mechanism name inside a {@link SimNameValue}. */
export interface SimMechName {
  /** The mechanism it was made for: the krb5 OID or one MIT registers for krb5 as well. */
  readonly mech: OID;
  /** The mechanism's name: the principal, and the service and host of a host-based name. */
  readonly name: Krb5Name;
}

/**
 * A name's value (MIT's union name): the bytes and name type it was imported with, and for a
 * mechanism name (MN) the krb5 name. Frozen; the bytes are held as an octet string, so nothing
 * can change it.
 */
export interface SimNameValue {
  /** The bytes as imported (for a mechanism's name, its display form), one char per byte. */
  readonly external: string;
  /** The name type as imported, or null (GSS_C_NO_OID). */
  readonly nameType: OID | null;
  /** The mechanism name, or null for a name that is not an MN. */
  readonly mechName: SimMechName | null;
}

/**
 * `importName`: records `input` and `nameType`; an exported name (GSS_C_NT_EXPORT_NAME or
 * GSS_C_NT_COMPOSITE_EXPORT) is read at once into a mechanism name. Any name type is taken:
 * an unknown one fails when the name is used.
 * @param environment needed for an exported name without a realm; default a realm with
 *   {@link DEFAULT_REALM_NAME} and {@link DEFAULT_HOSTNAME}.
 * @throws {GssError} BAD_NAME (minor 0) for empty input of any type but GSS_C_NT_ANONYMOUS;
 *   for an exported name DEFECTIVE_TOKEN (minor 0) for a broken frame, BAD_MECH (minor 0) for
 *   a mechanism other than krb5, BAD_NAME (mechanism minor 0) for a frame the krb5 mechanism
 *   refuses, FAILURE with KRB5_PARSE_MALFORMED for a principal that does not parse.
 */
export function importNameValue(
  input: Uint8Array,
  nameType: OID | null,
  environment: NameEnvironmentInput = DEFAULT_REALM_NAME,
): SimNameValue {
  const operation = 'importName';
  const env = resolveEnvironment(environment);
  if (input.length === 0 && nameType?.equals(NameType.anonymous) !== true) {
    throw gssError(GSS_S_BAD_NAME, 0, { operation });
  }
  const isExport =
    nameType !== null &&
    (nameType.equals(NameType.export) || nameType.equals(NameType.compositeExport));
  if (!isExport) return nameValueOf(octets(input), nameType, null);

  const mech = exportedNameMech(input);
  if (!mech.ok) throw nameError(mech, operation, env.minors);
  const name = orThrow(importKrb5Name(input, nameType, env.config), operation, env);
  return nameValueOf(octets(input), nameType, { mech: mech.value, name });
}

/**
 * `displayName`: a mechanism name as `krb5_unparse_name` writes its principal, with type
 * GSS_KRB5_NT_PRINCIPAL_NAME (GSS_C_NT_ANONYMOUS for the anonymous principal); any other name
 * as it was imported, with the type it was imported with.
 */
export function displayNameValue(value: SimNameValue): { name: Uint8Array; nameType: OID | null } {
  if (value.mechName === null) {
    return { name: octetBytes(value.external), nameType: value.nameType };
  }
  return displayKrb5Name(value.mechName.name);
}

/**
 * `canonicalizeName`: the mechanism name of `value` for `mech`. A mechanism name for the same
 * mechanism is duplicated; any other name is imported by the krb5 mechanism from its bytes and
 * type. The result keeps the bytes and type it came from.
 * @param mech the krb5 OID, or one MIT registers for the krb5 mechanism as well (the pre-RFC
 *   OID, Microsoft's wrong OID, IAKERB); their names are unequal to krb5's.
 * @throws {GssError} BAD_MECH (minor 0) for another mechanism (MIT would take SPNEGO too);
 *   else as {@link principalOfNameValue}.
 */
export function canonicalizeNameValue(
  value: SimNameValue,
  environment: NameEnvironmentInput,
  mech: OID = MechType.kerberos,
): SimNameValue {
  const operation = 'canonicalizeName';
  const env = resolveEnvironment(environment);
  const selected = KRB5_FAMILY.find((known) => known.equals(mech));
  if (selected === undefined) throw nameError(glueFailure(GSS_S_BAD_MECH), operation, env.minors);

  const name = krb5NameIn(value, selected, env, operation);
  return nameValueOf(value.external, value.nameType, { mech: selected, name });
}

/**
 * `compareName`, as MIT's mechglue decides it: two mechanism names are equal when made for the
 * same mechanism with the same principal (realm and components; not the Kerberos name type);
 * two other names when their types are the same OID, or both absent, and their bytes are the
 * same; a mechanism name and another name when the other imports into the same principal
 * (a name that fails to import is unequal, not an error).
 */
export function compareNameValues(
  a: SimNameValue,
  b: SimNameValue,
  environment: NameEnvironmentInput,
): boolean {
  if (a.mechName !== null && b.mechName !== null) {
    return (
      a.mechName.mech.equals(b.mechName.mech) &&
      sameMitPrincipal(a.mechName.name.principal, b.mechName.name.principal)
    );
  }
  if (a.mechName === null && b.mechName === null) {
    const sameType =
      a.nameType === null
        ? b.nameType === null
        : b.nameType !== null && a.nameType.equals(b.nameType);
    return sameType && a.external === b.external;
  }

  const [mechanismName, other] = a.mechName !== null ? [a.mechName, b] : [b.mechName, a];
  if (mechanismName === null) return false;
  const env = resolveEnvironment(environment);
  const imported = importKrb5Name(octetBytes(other.external), other.nameType, env.config);
  return imported.ok && sameMitPrincipal(mechanismName.name.principal, imported.value.principal);
}

/**
 * `exportName`: the RFC 2743 §3.2 token of a mechanism name, `04 01 00 0b 06 09`, the krb5
 * OID, the length of the principal's text and the text (`krb5_unparse_name`).
 * @throws {GssError} NAME_NOT_MN (MechanismNameRequiredError, minor 0) for a name that is not
 *   a mechanism name.
 */
export function exportNameValue(value: SimNameValue): Uint8Array {
  if (value.mechName === null) throw gssError(GSS_S_NAME_NOT_MN, 0, { operation: 'exportName' });
  return exportKrb5Name(unparseMitPrincipal(value.mechName.name.principal));
}

/**
 * The krb5 principal a name stands for, as the krb5 mechanism imports it for a credential or
 * a context: a mechanism name's own; for another name, the principal of its bytes and type.
 * A host-based name's realm is the one `[domain_realm]` gives its host, or the referral realm
 * (empty) for a host it does not map, as `krb5_sname_to_principal` leaves it.
 * @param operation the call that needs it, for the error (default `canonicalizeName`).
 * @throws {GssError} FAILURE with KRB5_PARSE_MALFORMED (`a@b@c`, a trailing `\`), BAD_NAME
 *   with G_NOUSER for a uid without a user or G_WRONG_SIZE for GSS_KRB5_NT_PRINCIPAL,
 *   BAD_NAMETYPE (mechanism minor 0) for a name type the mechanism does not take.
 */
export function principalOfNameValue(
  value: SimNameValue,
  environment: NameEnvironmentInput,
  operation = 'canonicalizeName',
): KrbPrincipal {
  const env = resolveEnvironment(environment);
  return toKrbPrincipal(krb5NameIn(value, MechType.kerberos, env, operation).principal);
}

/**
 * The principal an acceptor credential for this name serves (`kg_acceptor_princ`): for a
 * host-based service name, the service with the host it was given (as canonicalized) or an
 * empty host when none was given, in the empty realm, both of which match any value; for any
 * other name its principal.
 * @throws {GssError} as {@link principalOfNameValue}.
 */
export function acceptorPrincipalOfNameValue(
  value: SimNameValue,
  environment: NameEnvironmentInput,
  operation = 'acquireCred',
): KrbPrincipal {
  const env = resolveEnvironment(environment);
  const name = krb5NameIn(value, MechType.kerberos, env, operation);
  if (name.hostBased === null) return toKrbPrincipal(name.principal);

  const [, canonicalHost] = name.principal.components;
  const host = name.hostBased.host !== null && canonicalHost !== undefined ? canonicalHost : '';
  const components = [name.hostBased.service, host];
  return toKrbPrincipal({ type: KrbNameType.srvHst, components, realm: '' });
}

/**
 * The mechanism name of a principal the mechanism produced (a context's initiator, a
 * credential's name), as MIT's mechglue wraps it: its bytes and type are its display form.
 */
export function mechNameValue(principal: KrbPrincipal): SimNameValue {
  const name: Krb5Name = { principal: fromKrbPrincipal(principal), hostBased: null, isCert: false };
  const shown = displayKrb5Name(name);
  return nameValueOf(octets(shown.name), shown.nameType, { mech: MechType.kerberos, name });
}

/** Whether a value is a mechanism name (what `exportName` needs). */
export function isMechNameValue(value: SimNameValue): boolean {
  return value.mechName !== null;
}

interface ResolvedEnvironment {
  readonly config: Krb5NameConfig;
  readonly minors: MinorMapper | undefined;
}

function resolveEnvironment(input: NameEnvironmentInput): ResolvedEnvironment {
  const env: NameEnvironment =
    typeof input === 'string' ? { defaultRealm: input, hostname: DEFAULT_HOSTNAME } : input;
  const config: Krb5NameConfig = {
    realm: env.defaultRealm,
    mappedHost: env.hostname,
    localHostname: env.localHostname ?? env.hostname,
    userOfUid: env.userOfUid ?? rootOnlyUsers,
  };
  return { config, minors: env.minors };
}

/** `gssint_import_internal_name`: duplicate a name of the same mechanism, else import it. */
function krb5NameIn(
  value: SimNameValue,
  mech: OID,
  env: ResolvedEnvironment,
  operation: string,
): Krb5Name {
  if (value.mechName?.mech.equals(mech) === true) return value.mechName.name;
  return orThrow(
    importKrb5Name(octetBytes(value.external), value.nameType, env.config),
    operation,
    env,
  );
}

function orThrow<T>(result: NameResult<T>, operation: string, env: ResolvedEnvironment): T {
  if (!result.ok) throw nameError(result, operation, env.minors);
  return result.value;
}

function displayKrb5Name(name: Krb5Name): { name: Uint8Array; nameType: OID } {
  const nameType = isAnonymous(name.principal) ? NameType.anonymous : NameType.kerberosPrincipal;
  return { name: octetBytes(unparseMitPrincipal(name.principal)), nameType };
}

function nameValueOf(
  external: string,
  nameType: OID | null,
  mechName: SimMechName | null,
): SimNameValue {
  return Object.freeze({
    external,
    nameType,
    mechName:
      mechName === null ? null : Object.freeze({ ...mechName, name: freezeName(mechName.name) }),
  });
}

function freezeName(name: Krb5Name): Krb5Name {
  return Object.freeze({
    ...name,
    principal: Object.freeze({
      ...name.principal,
      components: Object.freeze([...name.principal.components]),
    }),
    hostBased: name.hostBased === null ? null : Object.freeze({ ...name.hostBased }),
  });
}
