/**
 * The credential calls of the sim (RFC 2743 §2.1), as MIT krb5 1.20's `acquire_cred.c`,
 * `add_cred.c` and `inq_cred.c` answer them: an initiator element is a ccache whose TGT gives
 * the lifetime; an acceptor element is the default keytab, for one principal or any.
 *
 * @module
 */

import type { CredsApi } from '../../spec/api/creds.js';
import { lifetimeArgument, optionalOidListArgument, usageValue } from '../../spec/arguments.js';
import { GssError, gssError } from '../../spec/errors.js';
import type { Creds } from '../../spec/handles.js';
import type { OID } from '../../spec/oid.js';
import { MechType, NameType } from '../../spec/oids.js';
import type { CredUsage, Lifetime } from '../../spec/options.js';
import {
  GSS_S_BAD_MECH,
  GSS_S_BAD_NAME,
  GSS_S_DUPLICATE_ELEMENT,
  GSS_S_NO_CRED,
} from '../../spec/status.js';
import {
  clientNotInCacheCollection,
  keytabEmpty,
  keytabNoEntry,
  keytabNoMatch,
  type MinorStatus,
  noCredentialsAvailable,
} from '../errors/index.js';
import {
  type CredentialCache,
  type KrbPrincipal,
  parseKrbPrincipal,
  sameComponents,
  samePrincipal,
  tgsName,
  unparseKrbPrincipal,
} from '../krb5/client/index.js';
import { HandleTable } from './handles.js';
import {
  acceptorPrincipalOfNameValue,
  partyNameEnvironment,
  principalOfNameValue,
  type SimNameValue,
} from './name-value.js';
import { nameValue, principalHandle } from './names.js';
import type { SimParty } from './party.js';

/** A credential: its initiator and acceptor elements. */
export interface SimCredState {
  readonly party: SimParty;
  readonly usage: CredUsage;
  /** The initiator element: the ccache of the client (its default principal). */
  readonly ccache: CredentialCache | null;
  /** The acceptor element: keys of this principal in the party's keytab, or of any (null). */
  readonly acceptor: { readonly principal: KrbPrincipal | null } | null;
}

/** The sim's credential handles. */
export const CREDS = new HandleTable<'creds', SimCredState>('creds', (state) => {
  const name = state.ccache === null ? null : unparseKrbPrincipal(state.ccache.principal);
  return `${state.usage}${name === null ? '' : `, ${name}`}`;
});

/** The krb5 mechanism, the only one of the sim, as a one-element list. */
export const KRB5_MECHS: readonly OID[] = Object.freeze([MechType.kerberos]);

/** The name the ccache of the default party is known by in MIT's messages. */
export const DEFAULT_CCACHE_NAME = 'MEMORY:sim';
/** The name the default keytab is known by in MIT's messages. */
export const DEFAULT_KEYTAB_NAME = 'MEMORY:sim-keytab';

/** NO_CRED with the krb5 mechanism's minor status and its extended message, as MIT gives it. */
function noCredential(operation: string, status: MinorStatus, party: SimParty) {
  return gssError(GSS_S_NO_CRED, party.minors.map(status.minor, status.message), {
    operation,
    minorMessage: status.message,
  });
}

/** The seconds left of the TGT in a ccache at the party's time (0 when none or expired). */
export function ccacheLifetime(party: SimParty, ccache: CredentialCache): number {
  const tgt = ccache.retrieve(tgsName(ccache.principal.realm));
  if (tgt === undefined) return 0;
  return Math.max(0, tgt.times.endtime - party.now(ccache.timeOffset));
}

/** The lifetime of a credential as `gss_inquire_cred` reports it. */
function credLifetime(state: SimCredState): Lifetime {
  return state.ccache === null ? null : ccacheLifetime(state.party, state.ccache);
}

/**
 * The initiator element for `principal` (or the ccache's default principal).
 * @throws {GssError} NO_CRED as MIT: no ccache, or none for the principal.
 */
function initiatorElement(
  party: SimParty,
  principal: KrbPrincipal | null,
  operation: string,
): CredentialCache {
  const { ccache } = party;
  if (ccache === null) {
    throw noCredential(operation, noCredentialsAvailable(DEFAULT_CCACHE_NAME), party);
  }
  if (principal !== null && !samePrincipal(principal, ccache.principal)) {
    const status = clientNotInCacheCollection(unparseKrbPrincipal(principal));
    throw noCredential(operation, status, party);
  }
  return ccache;
}

/**
 * The acceptor element for `principal` (or any key of the keytab).
 * @throws {GssError} NO_CRED as MIT: an empty keytab, or no entry for the principal.
 */
function acceptorElement(
  party: SimParty,
  principal: KrbPrincipal | null,
  hostBased: boolean,
  operation: string,
): { readonly principal: KrbPrincipal | null } {
  if (party.keytab.length === 0) {
    throw noCredential(operation, keytabEmpty(DEFAULT_KEYTAB_NAME), party);
  }
  if (principal !== null) {
    const wanted = unparseKrbPrincipal(principal);
    // A host-based name has no realm yet (`host/localhost@`): an entry of any realm matches,
    // and the credential is that entry's principal (measured on MIT 1.20: `host@localhost`
    // acquires as host/localhost@KRBTEST.COM).
    const matches = (entry: { readonly principal: string }): boolean =>
      principal.realm === ''
        ? sameComponents(parseKrbPrincipal(entry.principal).name, principal.name)
        : entry.principal === wanted;
    const match = party.keytab.find(matches);
    if (match === undefined) {
      const status = hostBased ? keytabNoMatch(wanted) : keytabNoEntry(wanted);
      throw noCredential(operation, status, party);
    }
    if (principal.realm === '') return { principal: parseKrbPrincipal(match.principal) };
  }
  return { principal };
}

/** Builds a credential of `usage` for the name `name` (null: the defaults). */
export function acquire(
  party: SimParty,
  name: SimNameValue | null,
  usage: CredUsage,
  operation: string,
): SimCredState {
  const environment = partyNameEnvironment(party);
  const imported = (principalOf: typeof principalOfNameValue): KrbPrincipal | null =>
    name === null
      ? null
      : credentialName(operation, () => principalOf(name, environment, operation));
  const client = imported(principalOfNameValue);
  const service = imported(acceptorPrincipalOfNameValue);
  const ccache = usage === 'accept' ? null : initiatorElement(party, client, operation);
  const hostBased =
    name?.nameType?.equals(NameType.hostbasedService) === true ||
    name?.nameType?.equals(NameType.hostbasedServiceX) === true;
  const acceptor =
    usage === 'initiate' ? null : acceptorElement(party, service, hostBased, operation);
  return { party, usage, ccache, acceptor };
}

/**
 * Runs `importName`, the krb5 import of a credential's desired name. When it fails, MIT's
 * mechglue (`gss_add_cred_from`, `gss_add_cred_with_password`) reports GSS_S_BAD_NAME
 * whatever the mechanism said, keeping its minor status: measured on MIT 1.20, an unknown name
 * type (BAD_NAMETYPE at canonicalizeName) and a malformed principal (FAILURE) both read BAD_NAME.
 */
export function credentialName<T>(operation: string, importName: () => T): T {
  try {
    return importName();
  } catch (error) {
    if (!(error instanceof GssError) || error.callingCode !== 0) throw error;
    if (error.routineCode === GSS_S_BAD_NAME) throw error;
    throw gssError(GSS_S_BAD_NAME, error.minor, {
      operation,
      minorMessage: error.minorMessages,
      mech: error.mech,
    });
  }
}

/** @throws {GssError} BAD_MECH when the mechanisms asked for leave out krb5. */
function checkMechs(mechs: readonly OID[] | null, operation: string): void {
  if (mechs !== null && !mechs.some((mech) => mech.equals(MechType.kerberos))) {
    throw gssError(GSS_S_BAD_MECH, 0, { operation });
  }
}

/** The name of a credential: the client, the acceptor principal, or the first keytab entry's. */
function credName(state: SimCredState): KrbPrincipal | null {
  if (state.ccache !== null) return state.ccache.principal;
  const principal = state.acceptor?.principal ?? null;
  if (principal !== null) return principal;
  const first = state.party.keytab[0];
  return first === undefined ? null : parseKrbPrincipal(first.principal);
}

/** The credential calls of one party. */
export function credCalls(party: SimParty): CredsApi {
  return {
    acquireCred(options = {}) {
      const operation = 'acquireCred';
      const name = options.name ?? null;
      const value = name === null ? null : nameValue(name, operation);
      lifetimeArgument(options.lifetime, operation);
      checkMechs(optionalOidListArgument(options.mechs, 'mechs', operation), operation);
      const usage = usageValue(options.usage, 'both', operation);
      const state = acquire(party, value, usage, operation);
      return { creds: CREDS.make(state), mechs: KRB5_MECHS, lifetime: credLifetime(state) };
    },

    releaseCred(creds) {
      CREDS.release(creds, 'releaseCred');
    },

    addCred(inputCred, name, mech, options = {}) {
      const operation = 'addCred';
      if (inputCred !== null) CREDS.get(inputCred, operation);
      const value = nameValue(name, operation);
      checkMechs([mech], operation);
      const usage = usageValue(options.usage, 'initiate', operation);
      lifetimeArgument(options.initLifetime, operation);
      lifetimeArgument(options.acceptLifetime, operation);
      if (inputCred !== null) {
        throw gssError(GSS_S_DUPLICATE_ELEMENT, 0, { operation });
      }
      const state = acquire(party, value, usage, operation);
      const lifetime = credLifetime(state);
      return {
        creds: CREDS.make(state),
        mechs: KRB5_MECHS,
        initLifetime: usage === 'accept' ? 0 : lifetime,
        acceptLifetime: usage === 'initiate' ? 0 : lifetime,
      };
    },

    inquireCred(creds, options = {}) {
      const state = CREDS.get(creds, 'inquireCred');
      const principal = options.name === false ? null : credName(state);
      return {
        name: principal === null ? null : principalHandle(principal),
        lifetime: options.lifetime === false ? null : credLifetime(state),
        usage: options.usage === false ? null : state.usage,
        mechs: options.mechs === false ? null : KRB5_MECHS,
      };
    },

    inquireCredByMech(creds, mech, options = {}) {
      const operation = 'inquireCredByMech';
      const state = CREDS.get(creds, operation);
      checkMechs([mech], operation);
      const principal = options.name === false ? null : credName(state);
      const lifetime = credLifetime(state);
      return {
        name: principal === null ? null : principalHandle(principal),
        initLifetime:
          options.initLifetime === false ? null : state.usage === 'accept' ? 0 : lifetime,
        acceptLifetime:
          options.acceptLifetime === false ? null : state.usage === 'initiate' ? 0 : lifetime,
        usage: options.usage === false ? null : state.usage,
      };
    },
  };
}

/** The state of a live credential handle, or null for null. @throws {TypeError} otherwise. */
export function optionalCreds(creds: unknown, operation: string): SimCredState | null {
  return creds === null || creds === undefined ? null : CREDS.get(creds, operation);
}

/** A new handle for a credential state. */
export function credsHandle(state: SimCredState): Creds {
  return CREDS.make(state);
}
