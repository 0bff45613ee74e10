/**
 * Storing credentials (RFC 5588 `gss_store_cred`) and MIT's credential stores
 * (`gss_acquire_cred_from`, `gss_add_cred_from`, `gss_store_cred_into`): the same calls with a
 * `gss_key_value_set_desc` naming where the credentials live (`ccache`, `keytab`, ...).
 *
 * @module
 */

import type { CredStoreApi, Rfc5588Api } from '../../../spec/api/ext-creds.js';
import type { StoreCredOptions } from '../../../spec/options.js';
import {
  booleanArgument,
  cString,
  nullableUsageArgument,
  oidArgument,
  optionalOidArgument,
} from '../arguments.js';
import { cPrototype } from '../library.js';
import { inOid } from '../memory.js';
import { acquireArguments, addArguments, credCallShapes } from './ext-creds-calls.js';
import type { ExtensionModule } from './module.js';

/** The C prototypes of these extensions (MIT `gssapi_ext.h`). */
const PROTOTYPES = {
  gss_store_cred: cPrototype(
    'gss_store_cred',
    '_Out_ uint32_t *minor',
    'void *cred',
    'int usage',
    'gss_OID_desc *mech',
    'uint32_t overwrite',
    'uint32_t default_cred',
    '_Out_ void **elements',
    '_Out_ int *usage_stored',
  ),
  gss_store_cred_into: cPrototype(
    'gss_store_cred_into',
    '_Out_ uint32_t *minor',
    'void *cred',
    'int usage',
    'gss_OID_desc *mech',
    'uint32_t overwrite',
    'uint32_t default_cred',
    'gss_key_value_set_desc *store',
    '_Out_ void **elements',
    '_Out_ int *usage_stored',
  ),
  gss_acquire_cred_from: cPrototype(
    'gss_acquire_cred_from',
    '_Out_ uint32_t *minor',
    'void *name',
    'uint32_t time_req',
    'gss_OID_set_desc *mechs',
    'int usage',
    'gss_key_value_set_desc *store',
    '_Out_ void **cred',
    '_Out_ void **actual_mechs',
    '_Out_ uint32_t *time_rec',
  ),
  gss_add_cred_from: cPrototype(
    'gss_add_cred_from',
    '_Out_ uint32_t *minor',
    'void *input_cred',
    'void *name',
    'gss_OID_desc *mech',
    'int usage',
    'uint32_t init_time_req',
    'uint32_t accept_time_req',
    'gss_key_value_set_desc *store',
    '_Out_ void **cred',
    '_Out_ void **actual_mechs',
    '_Out_ uint32_t *init_time_rec',
    '_Out_ uint32_t *accept_time_rec',
  ),
} as const;

/** A C `gss_key_value_set_desc` as koffi writes it; NUL-terminated bytes for the strings. */
interface KeyValueSet {
  count: number;
  elements: Array<{ key: Uint8Array; value: Uint8Array }>;
}

/**
 * A credential store as MIT's `gss_key_value_set_desc`, or null for GSS_C_NO_CRED_STORE.
 * Values are C strings, so a NUL byte in one is refused rather than cut short; the message
 * names the key only, since a value may be a password.
 * @throws {TypeError} when the store is not a record of text values.
 */
function storeArgument(store: unknown, operation: string): KeyValueSet | null {
  if (store === null || store === undefined) return null;
  if (typeof store !== 'object' || Array.isArray(store) || store instanceof Uint8Array) {
    throw new TypeError(`${operation}: expected the store as a record of key to text`);
  }
  const elements = Object.entries(store).map(([key, value]) => ({
    key: cString(key, `the store key ${JSON.stringify(key)}`, operation),
    value: cString(value, `the value of store key ${JSON.stringify(key)}`, operation),
  }));
  return { count: elements.length, elements };
}

/**
 * The C arguments of the store calls: usage, mechanism, `overwrite_cred`, `default_cred`.
 * @throws {TypeError} for a bad usage, mechanism or flag.
 */
function storeArguments(options: StoreCredOptions, operation: string): unknown[] {
  return [
    nullableUsageArgument(options.usage, 'both', operation),
    inOid(optionalOidArgument(options.mech, 'mech', operation)),
    booleanArgument(options.overwrite, 'overwrite', operation, false) ? 1 : 0,
    booleanArgument(options.setDefault, 'setDefault', operation, false) ? 1 : 0,
  ];
}

/** `rfc5588`: gss_store_cred. */
export const rfc5588: ExtensionModule<'rfc5588'> = {
  extension: 'rfc5588',
  symbols: ['gss_store_cred'],
  create(runtime): Rfc5588Api {
    const storeCred = runtime.library.bind(PROTOTYPES.gss_store_cred);
    const shapes = credCallShapes(runtime);

    return {
      storeCred(creds, options = {}) {
        const pointer = runtime.handles.pointer(creds, 'creds', 'storeCred');
        const args = storeArguments(options, 'storeCred');

        return shapes.store('storeCred', storeCred, [pointer, ...args]);
      },
    };
  },
};

/** `credStore`: MIT's credential-store calls. */
export const credStore: ExtensionModule<'credStore'> = {
  extension: 'credStore',
  symbols: ['gss_acquire_cred_from', 'gss_add_cred_from', 'gss_store_cred_into'],
  create(runtime): CredStoreApi {
    const { library, handles } = runtime;
    const acquireCredFrom = library.bind(PROTOTYPES.gss_acquire_cred_from);
    const addCredFrom = library.bind(PROTOTYPES.gss_add_cred_from);
    const storeCredInto = library.bind(PROTOTYPES.gss_store_cred_into);
    const shapes = credCallShapes(runtime);

    return {
      acquireCredFrom(options = {}) {
        const operation = 'acquireCredFrom';
        const store = storeArgument(options.store, operation);
        const name = handles.optionalPointer(options.name, 'name', operation);
        const { time, mechs } = acquireArguments(options, operation);
        const usage = nullableUsageArgument(options.usage, 'both', operation);

        return shapes.acquire(operation, acquireCredFrom, [name, time, mechs, usage, store]);
      },

      addCredFrom(store, inputCreds, name, mech, options = {}) {
        const operation = 'addCredFrom';
        const storeSet = storeArgument(store, operation);
        const input = handles.optionalPointer(inputCreds, 'creds', operation);
        const namePointer = handles.pointer(name, 'name', operation);
        const mechDesc = inOid(oidArgument(mech, 'mech', operation));
        const args = addArguments(options, 'both', operation);

        return shapes.add(operation, addCredFrom, [
          input,
          namePointer,
          mechDesc,
          ...args,
          storeSet,
        ]);
      },

      storeCredInto(store, creds, options = {}) {
        const operation = 'storeCredInto';
        const storeSet = storeArgument(store, operation);
        const pointer = handles.pointer(creds, 'creds', operation);
        const args = storeArguments(options, operation);

        return shapes.store(operation, storeCredInto, [pointer, ...args, storeSet]);
      },
    };
  },
};
