/**
 * Credential extensions over MIT: storing (RFC 5588), credential stores, import and export,
 * S4U2Self impersonation, passwords and credential options.
 *
 * @module
 */

import type {
  CredImpExpApi,
  CredStoreApi,
  PasswordAddApi,
  PasswordApi,
  Rfc5588Api,
  S4uApi,
  SetCredOptApi,
} from '../../../spec/api/ext-creds.js';
import type { Creds } from '../../../spec/handles.js';
import { OID } from '../../../spec/oid.js';
import { ExtensionOid } from '../../../spec/oids.js';
import type {
  AcquireOptions,
  AddOptions,
  CredUsage,
  StoreCredOptions,
} from '../../../spec/options.js';
import type { AcquireCredResult, AddCredResult, StoreCredResult } from '../../../spec/results.js';
import { isGssError } from '../../../spec/status.js';
import type { CFunction } from '../library.js';
import { inBuffer, inOid, inOidSet, outBuffer } from '../memory.js';
import { CORE_PROTOTYPES } from '../prototypes.js';
import {
  CRED_USAGE,
  lifetimeArgument,
  lifetimeResult,
  type NativeRuntime,
  textBytes,
  toPointer,
  usageResult,
} from '../runtime.js';
import { oidList } from './ext-mechs.js';
import type { AnyExtensionModule, ExtensionModule } from './module.js';

/** The C prototypes of these extensions (MIT `gssapi_ext.h`, `gssapi_krb5.h`). */
const PROTOTYPES = {
  gss_store_cred:
    'uint32_t gss_store_cred(_Out_ uint32_t *minor, void *cred, int usage, gss_OID_desc *mech, uint32_t overwrite, uint32_t default_cred, _Out_ void **elements, _Out_ int *usage_stored)',
  gss_store_cred_into:
    'uint32_t gss_store_cred_into(_Out_ uint32_t *minor, void *cred, int usage, gss_OID_desc *mech, uint32_t overwrite, uint32_t default_cred, gss_key_value_set_desc *store, _Out_ void **elements, _Out_ int *usage_stored)',
  gss_acquire_cred_from:
    'uint32_t gss_acquire_cred_from(_Out_ uint32_t *minor, void *name, uint32_t time_req, gss_OID_set_desc *mechs, int usage, gss_key_value_set_desc *store, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *time_rec)',
  gss_add_cred_from:
    'uint32_t gss_add_cred_from(_Out_ uint32_t *minor, void *input_cred, void *name, gss_OID_desc *mech, int usage, uint32_t init_time_req, uint32_t accept_time_req, gss_key_value_set_desc *store, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *init_time_rec, _Out_ uint32_t *accept_time_rec)',
  gss_export_cred:
    'uint32_t gss_export_cred(_Out_ uint32_t *minor, void *cred, _Out_ gss_buffer_desc *token)',
  gss_import_cred:
    'uint32_t gss_import_cred(_Out_ uint32_t *minor, gss_buffer_desc *token, _Out_ void **cred)',
  gss_acquire_cred_impersonate_name:
    'uint32_t gss_acquire_cred_impersonate_name(_Out_ uint32_t *minor, void *impersonator, void *name, uint32_t time_req, gss_OID_set_desc *mechs, int usage, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *time_rec)',
  gss_add_cred_impersonate_name:
    'uint32_t gss_add_cred_impersonate_name(_Out_ uint32_t *minor, void *input_cred, void *impersonator, void *name, gss_OID_desc *mech, int usage, uint32_t init_time_req, uint32_t accept_time_req, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *init_time_rec, _Out_ uint32_t *accept_time_rec)',
  gss_acquire_cred_with_password:
    'uint32_t gss_acquire_cred_with_password(_Out_ uint32_t *minor, void *name, gss_buffer_desc *password, uint32_t time_req, gss_OID_set_desc *mechs, int usage, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *time_rec)',
  gss_add_cred_with_password:
    'uint32_t gss_add_cred_with_password(_Out_ uint32_t *minor, void *input_cred, void *name, gss_OID_desc *mech, gss_buffer_desc *password, int usage, uint32_t init_time_req, uint32_t accept_time_req, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *init_time_rec, _Out_ uint32_t *accept_time_rec)',
  gss_set_cred_option:
    'uint32_t gss_set_cred_option(_Out_ uint32_t *minor, _Inout_ void **cred, gss_OID_desc *option, gss_buffer_desc *value)',
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

/** Text as a NUL-terminated UTF-8 C string. */
function cString(value: unknown, what: string, operation: string): Uint8Array {
  if (!(typeof value === 'string' || value instanceof Uint8Array)) {
    throw new TypeError(`${operation}: expected ${what} as a Uint8Array or string`);
  }
  const bytes = textBytes(value, what, operation);
  if (bytes.includes(0)) throw new TypeError(`${operation}: ${what} contains a NUL byte`);
  const terminated = new Uint8Array(bytes.length + 1);
  terminated.set(bytes);
  return terminated;
}

/** A password buffer; MIT copies it as a C string, so a NUL byte is refused. */
function passwordArgument(password: unknown, operation: string) {
  if (!(typeof password === 'string' || password instanceof Uint8Array)) {
    throw new TypeError(`${operation}: expected the password as a Uint8Array or string`);
  }
  const bytes = textBytes(password, 'the password', operation);
  if (bytes.includes(0)) throw new TypeError(`${operation}: the password contains a NUL byte`);
  return inBuffer(bytes);
}

/** A C `gss_cred_usage_t` for `usage`, or for `fallback` when absent. */
function usageArgument(usage: unknown, fallback: CredUsage, operation: string): number {
  const value = usage ?? fallback;
  if (value !== 'initiate' && value !== 'accept' && value !== 'both') {
    throw new TypeError(
      `${operation}: expected usage 'initiate', 'accept' or 'both', got ${String(value)}`,
    );
  }
  return CRED_USAGE[value];
}

function requireOid(value: unknown, what: string, operation: string): OID {
  if (!(value instanceof OID)) {
    throw new TypeError(`${operation}: expected ${what} as an OID, got ${typeof value}`);
  }
  return value;
}

function optionalOid(value: unknown, what: string, operation: string): OID | null {
  return value === null || value === undefined ? null : requireOid(value, what, operation);
}

function flag(value: unknown, what: string, operation: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'boolean') {
    throw new TypeError(`${operation}: expected ${what} as a boolean, got ${typeof value}`);
  }
  return value ? 1 : 0;
}

/** The C arguments shared by the acquire calls: time_req and desired_mechs. */
function acquireArguments(options: AcquireOptions, operation: string) {
  const mechs = options.mechs ?? null;
  return {
    time: lifetimeArgument(options.lifetime, operation),
    mechs: mechs === null ? null : inOidSet(oidList(mechs, 'mechs', operation)),
  };
}

/** The helpers every call of this file shares, over one runtime. */
function credTools({ library, memory, status, handles }: NativeRuntime) {
  const releaseCred = library.bind(CORE_PROTOTYPES.gss_release_cred);

  /**
   * Calls an acquire or add function whose last outputs are `output_cred`, `actual_mechs`
   * and `times` time values; copies and releases the outputs, and releases a credential
   * made by a call that failed before throwing its error.
   */
  const call = (operation: string, func: CFunction, args: unknown[], times: number) => {
    const minor = [0];
    const cred: unknown[] = [null];
    const mechs: unknown[] = [null];
    const time = Array.from({ length: times }, () => [0]);

    const major = func(minor, ...args, cred, mechs, ...time);
    const actualMechs = memory.takeOidSet(mechs[0]) ?? [];
    const pointer = toPointer(cred[0]);
    if (pointer !== 0n && isGssError(major)) releaseCred([0], [pointer]);
    status.check(operation, major, minor[0] ?? 0);
    const lifetimes = time.map((value) => lifetimeResult(value[0] ?? 0));
    return { creds: handles.create('creds', pointer), mechs: actualMechs, lifetimes };
  };

  return {
    /** An acquire call: `func(minor, ...args, &cred, &mechs, &time_rec)`. */
    acquire(operation: string, func: CFunction, args: unknown[]): AcquireCredResult {
      const { creds, mechs, lifetimes } = call(operation, func, args, 1);
      return { creds, mechs, lifetime: lifetimes[0] ?? null };
    },

    /** An add call: `func(minor, ...args, &cred, &mechs, &init_time_rec, &accept_time_rec)`. */
    add(operation: string, func: CFunction, args: unknown[]): AddCredResult {
      const { creds, mechs, lifetimes } = call(operation, func, args, 2);
      return {
        creds,
        mechs,
        initLifetime: lifetimes[0] ?? null,
        acceptLifetime: lifetimes[1] ?? null,
      };
    },

    /** A store call: `func(minor, ...args, &elements_stored, &cred_usage_stored)`. */
    store(operation: string, func: CFunction, args: unknown[]): StoreCredResult {
      const minor = [0];
      const elements: unknown[] = [null];
      const usage = [0];

      const major = func(minor, ...args, elements, usage);
      const mechs = memory.takeOidSet(elements[0]) ?? [];
      status.check(operation, major, minor[0] ?? 0);
      return { mechs, usage: usageResult(usage[0] ?? 0) ?? 'both' };
    },
  };
}

/** The C arguments of the store calls. */
function storeArguments(options: StoreCredOptions, operation: string): unknown[] {
  return [
    usageArgument(options.usage, 'both', operation),
    inOid(optionalOid(options.mech, 'mech', operation)),
    flag(options.overwrite, 'overwrite', operation),
    flag(options.setDefault, 'setDefault', operation),
  ];
}

/** The lifetimes and usage of the add calls. */
function addArguments(options: AddOptions, usage: CredUsage, operation: string): unknown[] {
  return [
    usageArgument(options.usage, usage, operation),
    lifetimeArgument(options.initLifetime, operation),
    lifetimeArgument(options.acceptLifetime, operation),
  ];
}

/** `rfc5588`: gss_store_cred. */
const rfc5588: ExtensionModule<'rfc5588'> = {
  extension: 'rfc5588',
  symbols: ['gss_store_cred'],
  create(runtime): Rfc5588Api {
    const storeCred = runtime.library.bind(PROTOTYPES.gss_store_cred);
    const tools = credTools(runtime);

    return {
      storeCred(creds, options = {}) {
        const pointer = runtime.handles.pointer(creds, 'creds', 'storeCred');
        const args = storeArguments(options, 'storeCred');

        return tools.store('storeCred', storeCred, [pointer, ...args]);
      },
    };
  },
};

/** `credStore`: MIT's credential-store calls. */
const credStore: ExtensionModule<'credStore'> = {
  extension: 'credStore',
  symbols: ['gss_acquire_cred_from', 'gss_add_cred_from', 'gss_store_cred_into'],
  create(runtime): CredStoreApi {
    const { library, handles } = runtime;
    const acquireCredFrom = library.bind(PROTOTYPES.gss_acquire_cred_from);
    const addCredFrom = library.bind(PROTOTYPES.gss_add_cred_from);
    const storeCredInto = library.bind(PROTOTYPES.gss_store_cred_into);
    const tools = credTools(runtime);

    return {
      acquireCredFrom(options = {}) {
        const operation = 'acquireCredFrom';
        const store = storeArgument(options.store, operation);
        const name = handles.optionalPointer(options.name, 'name', operation);
        const { time, mechs } = acquireArguments(options, operation);
        const usage = usageArgument(options.usage, 'both', operation);

        return tools.acquire(operation, acquireCredFrom, [name, time, mechs, usage, store]);
      },

      addCredFrom(store, inputCreds, name, mech, options = {}) {
        const operation = 'addCredFrom';
        const storeSet = storeArgument(store, operation);
        const input = handles.optionalPointer(inputCreds, 'creds', operation);
        const namePointer = handles.pointer(name, 'name', operation);
        const mechDesc = inOid(requireOid(mech, 'mech', operation));
        const args = addArguments(options, 'both', operation);

        return tools.add(operation, addCredFrom, [input, namePointer, mechDesc, ...args, storeSet]);
      },

      storeCredInto(store, creds, options = {}) {
        const operation = 'storeCredInto';
        const storeSet = storeArgument(store, operation);
        const pointer = handles.pointer(creds, 'creds', operation);
        const args = storeArguments(options, operation);

        return tools.store(operation, storeCredInto, [pointer, ...args, storeSet]);
      },
    };
  },
};

/** `credImpExp`: credentials as tokens. */
const credImpExp: ExtensionModule<'credImpExp'> = {
  extension: 'credImpExp',
  symbols: ['gss_export_cred', 'gss_import_cred'],
  create({ library, memory, status, handles }): CredImpExpApi {
    const exportCred = library.bind(PROTOTYPES.gss_export_cred);
    const importCred = library.bind(PROTOTYPES.gss_import_cred);

    return {
      exportCred(creds) {
        const pointer = handles.pointer(creds, 'creds', 'exportCred');
        const minor = [0];
        const token = outBuffer();

        const major = exportCred(minor, pointer, token);
        const bytes = memory.takeBuffer(token);
        status.check('exportCred', major, minor[0] ?? 0);
        return bytes;
      },

      importCred(token) {
        if (!(token instanceof Uint8Array)) {
          throw new TypeError(
            `importCred: expected the token as a Uint8Array, got ${typeof token}`,
          );
        }
        const minor = [0];
        const out: unknown[] = [null];

        const major = importCred(minor, inBuffer(token), out);
        status.check('importCred', major, minor[0] ?? 0);
        return handles.create('creds', toPointer(out[0]));
      },
    };
  },
};

/** `s4u`: S4U2Self impersonation (MS-SFU §3.2.5.1.1). */
const s4u: ExtensionModule<'s4u'> = {
  extension: 's4u',
  symbols: ['gss_acquire_cred_impersonate_name', 'gss_add_cred_impersonate_name'],
  create(runtime): S4uApi {
    const { library, handles } = runtime;
    const acquire = library.bind(PROTOTYPES.gss_acquire_cred_impersonate_name);
    const add = library.bind(PROTOTYPES.gss_add_cred_impersonate_name);
    const tools = credTools(runtime);

    return {
      acquireCredImpersonateName(impersonatorCred, name, options = {}) {
        const operation = 'acquireCredImpersonateName';
        const impersonator = handles.pointer(impersonatorCred, 'creds', operation);
        const namePointer = handles.pointer(name, 'name', operation);
        const { time, mechs } = acquireArguments(options, operation);
        const usage = usageArgument(options.usage, 'initiate', operation);

        return tools.acquire(operation, acquire, [impersonator, namePointer, time, mechs, usage]);
      },

      addCredImpersonateName(inputCred, impersonatorCred, name, mech, options = {}) {
        const operation = 'addCredImpersonateName';
        const input = handles.optionalPointer(inputCred, 'creds', operation);
        const impersonator = handles.pointer(impersonatorCred, 'creds', operation);
        const namePointer = handles.pointer(name, 'name', operation);
        const mechDesc = inOid(requireOid(mech, 'mech', operation));
        const args = addArguments(options, 'initiate', operation);

        return tools.add(operation, add, [input, impersonator, namePointer, mechDesc, ...args]);
      },
    };
  },
};

/** `password`: gss_acquire_cred_with_password. */
const password: ExtensionModule<'password'> = {
  extension: 'password',
  symbols: ['gss_acquire_cred_with_password'],
  create(runtime): PasswordApi {
    const acquire = runtime.library.bind(PROTOTYPES.gss_acquire_cred_with_password);
    const tools = credTools(runtime);

    return {
      acquireCredWithPassword(name, secret, options = {}) {
        const operation = 'acquireCredWithPassword';
        const namePointer = runtime.handles.pointer(name, 'name', operation);
        const passwordBuffer = passwordArgument(secret, operation);
        const { time, mechs } = acquireArguments(options, operation);
        const usage = usageArgument(options.usage, 'initiate', operation);

        return tools.acquire(operation, acquire, [namePointer, passwordBuffer, time, mechs, usage]);
      },
    };
  },
};

/** `passwordAdd`: gss_add_cred_with_password. */
const passwordAdd: ExtensionModule<'passwordAdd'> = {
  extension: 'passwordAdd',
  symbols: ['gss_add_cred_with_password'],
  create(runtime): PasswordAddApi {
    const add = runtime.library.bind(PROTOTYPES.gss_add_cred_with_password);
    const tools = credTools(runtime);

    return {
      addCredWithPassword(inputCred, name, mech, secret, options = {}) {
        const operation = 'addCredWithPassword';
        const input = runtime.handles.pointer(inputCred, 'creds', operation);
        const namePointer = runtime.handles.pointer(name, 'name', operation);
        const mechDesc = inOid(requireOid(mech, 'mech', operation));
        const passwordBuffer = passwordArgument(secret, operation);
        const args = addArguments(options, 'initiate', operation);

        return tools.add(operation, add, [input, namePointer, mechDesc, passwordBuffer, ...args]);
      },
    };
  },
};

/**
 * MIT krb5 options whose value is a C structure of pointers (`gssapi_krb5.c`,
 * `krb5_gssspi_set_cred_option_ops`): a value of the right size is dereferenced as memory
 * addresses, so they are only reached through their own functions (`krb5ImportCred`,
 * `krb5SetAllowableEnctypes`, ...).
 */
const POINTER_OPTIONS = [
  ExtensionOid.krb5CopyCcache,
  ExtensionOid.krb5SetAllowableEnctypes,
  ExtensionOid.krb5SetCredRcache,
  ExtensionOid.krb5ImportCred,
];

/** Whether `oid` starts with `prefix`, as MIT matches option OIDs (`g_OID_prefix_equal`). */
function hasPrefix(oid: OID, prefix: OID): boolean {
  return oid.length >= prefix.length && prefix.bytes.every((byte, i) => oid.bytes[i] === byte);
}

/** `setCredOpt`: gss_set_cred_option. */
const setCredOpt: ExtensionModule<'setCredOpt'> = {
  extension: 'setCredOpt',
  // MIT also exports `gssspi_set_cred_option`, the 1.7 form that takes the credential by value
  // and so cannot make one; python-gssapi calls `gss_set_cred_option`, as here.
  symbols: ['gss_set_cred_option'],
  create({ library, status, handles }): SetCredOptApi {
    const setCredOption = library.bind(PROTOTYPES.gss_set_cred_option);

    return {
      setCredOption(desiredAspect, options = {}) {
        const operation = 'setCredOption';
        const oid = requireOid(desiredAspect, 'desiredAspect', operation);
        const creds = options.creds ?? null;
        const cred = [handles.optionalPointer(creds, 'creds', operation)];
        const value = options.value ?? null;
        if (value !== null && !(value instanceof Uint8Array)) {
          throw new TypeError(`${operation}: expected value as a Uint8Array, got ${typeof value}`);
        }
        checkOption(oid, creds, operation);
        const minor = [0];

        const major = setCredOption(minor, cred, inOid(oid), inBuffer(value ?? new Uint8Array(0)));
        status.check(operation, major, minor[0] ?? 0);
        const pointer = toPointer(cred[0]);
        if (creds === null) return handles.create('creds', pointer);
        if (pointer !== handles.pointer(creds, 'creds', operation)) handles.update(creds, pointer);
        return creds;
      },
    };
  },
};

/**
 * Refuses the krb5 options MIT would crash on: those carrying C pointers, and the others
 * without a credential (its krb5 mechanism writes into the credential it was not given).
 * @throws {TypeError} for those.
 */
function checkOption(oid: OID, creds: Creds | null, operation: string): void {
  if (POINTER_OPTIONS.some((prefix) => hasPrefix(oid, prefix))) {
    throw new TypeError(
      `${operation}: option ${oid.dottedForm} takes C pointers in its value; use the krb5 ` +
        'extension function for it',
    );
  }
  if (creds === null && hasPrefix(oid, ExtensionOid.krb5CredNoCiFlagsX)) {
    throw new TypeError(
      `${operation}: option ${oid.dottedForm} needs a credential (MIT's krb5 mechanism sets ` +
        'it on the credential given, and has none without one)',
    );
  }
}

/** The credential extensions of the native backend. */
export const MODULES: readonly AnyExtensionModule[] = [
  rfc5588,
  credStore,
  credImpExp,
  s4u,
  password,
  passwordAdd,
  setCredOpt,
];
