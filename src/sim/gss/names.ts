/**
 * The name calls of the sim (RFC 2743 §2.4): handles over the values of `name-value.ts`.
 *
 * @module
 */

import type { NamesApi } from '../../spec/api/names.js';
import {
  booleanArgument,
  oidArgument,
  optionalOidArgument,
  textBytes,
} from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import type { Name } from '../../spec/handles.js';
import { MechType } from '../../spec/oids.js';
import { GSS_S_BAD_MECH, GSS_S_BAD_NAME, GSS_S_CALL_INACCESSIBLE_READ } from '../../spec/status.js';
import type { KrbPrincipal } from '../krb5/client/index.js';
import { HandleTable } from './handles.js';
import { EMPTY_AUTHDATA, type NameAuthdata, withNameAuthdata } from './name-authdata.js';
import {
  canonicalizeNameValue,
  compareNameValues,
  displayNameValue,
  exportNameValue,
  importNameValue,
  mechNameValue,
  partyNameEnvironment,
  type SimNameValue,
} from './name-value.js';
import type { SimParty } from './party.js';

const decoder = new TextDecoder();

/** A name handle's state: a value, or none (the empty name of an unfinished acceptor). */
interface SimNameState {
  readonly value: SimNameValue | null;
}

/** The sim's name handles (shared by every party: a name is a value). */
export const NAMES = new HandleTable<'name', SimNameState>('name', (state) =>
  state.value === null ? 'empty' : decoder.decode(displayNameValue(state.value).name),
);

/** A new handle for a name value. */
export function nameHandle(value: SimNameValue): Name {
  return NAMES.make({ value });
}

/** A new handle for the mechanism name of a krb5 principal. */
export function principalHandle(principal: KrbPrincipal): Name {
  return nameHandle(mechNameValue(principal));
}

/**
 * A new handle for the initiator name an acceptor gets: a mechanism name whose
 * authorization-data context MIT fills from the ticket (`kg_accept_krb5`). The sim's tickets
 * carry no PAC and no CAMMAC, so the context is empty (MIT's KDC adds a PAC, whose attributes
 * such a name then lists).
 */
export function acceptedNameHandle(
  principal: KrbPrincipal,
  authdata: NameAuthdata = EMPTY_AUTHDATA,
): Name {
  return nameHandle(withNameAuthdata(mechNameValue(principal), authdata));
}

/** A handle holding no name (GSS_C_NO_NAME), as MIT gives before an acceptor completes. */
export function emptyNameHandle(): Name {
  return NAMES.make({ value: null });
}

/**
 * The value of a live name handle.
 * @throws {TypeError} for anything but a live sim name handle.
 * @throws {GssError} CALL_INACCESSIBLE_READ | BAD_NAME for the empty name, as the mechglue.
 */
export function nameValue(name: unknown, operation: string): SimNameValue {
  const { value } = NAMES.get(name, operation);
  if (value === null) {
    throw gssError(GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME, 0, { operation });
  }
  return value;
}

/** @throws {GssError} BAD_MECH (minor 0) for a mechanism other than krb5, as the mechglue. */
export function checkKrb5Mech(mech: unknown, operation: string): void {
  const oid = optionalOidArgument(mech, 'mech', operation);
  if (oid !== null && !oid.equals(MechType.kerberos)) {
    throw gssError(GSS_S_BAD_MECH, 0, { operation });
  }
}

/** The name calls of one party. */
export function nameCalls(party: SimParty): NamesApi {
  const environment = partyNameEnvironment(party);

  return {
    importName(name, options = {}) {
      const operation = 'importName';
      const bytes = textBytes(name, 'name', operation);
      const nameType = optionalOidArgument(options.nameType, 'nameType', operation);
      return nameHandle(importNameValue(Uint8Array.from(bytes), nameType, environment));
    },

    displayName(name, options = {}) {
      const operation = 'displayName';
      const value = nameValue(name, operation);
      const withType = booleanArgument(options.nameType, 'nameType', operation, true);
      const shown = displayNameValue(value);
      return { name: shown.name, nameType: withType ? shown.nameType : null };
    },

    compareName(name1, name2) {
      const operation = 'compareName';
      return compareNameValues(
        nameValue(name1, operation),
        nameValue(name2, operation),
        environment,
      );
    },

    exportName(name) {
      return exportNameValue(nameValue(name, 'exportName'));
    },

    canonicalizeName(name, mech) {
      const operation = 'canonicalizeName';
      const value = nameValue(name, operation);
      const oid = oidArgument(mech, 'mech', operation);
      return nameHandle(canonicalizeNameValue(value, environment, oid));
    },

    duplicateName(name) {
      return NAMES.make(NAMES.get(name, 'duplicateName'));
    },

    releaseName(name) {
      NAMES.release(name, 'releaseName');
    },
  };
}
