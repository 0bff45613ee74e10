/**
 * The krb5 mechanism's own calls over MIT (`gssapi_krb5.h`): the default ccache name, lucid
 * contexts, authtime, authorization data, ticket flags, importing C krb5 objects and limiting
 * enctypes.
 *
 * @module
 */

import koffi from 'koffi';
import type { Krb5Api } from '../../../spec/api/ext-krb5.js';
import type { Krb5Pointer } from '../../../spec/options.js';
import { GSS_S_COMPLETE } from '../../../spec/status.js';
import { cString, int32Argument, uint32Argument } from '../arguments.js';
import { cPrototype } from '../library.js';
import { outBuffer } from '../memory.js';
import { CORE_PROTOTYPES } from '../prototypes.js';
import { toPointer } from '../results.js';
import type { NativeRuntime } from '../runtime.js';
import { readLucidContext } from './ext-krb5-lucid.js';
import type { AnyExtensionModule } from './module.js';

const PROTOTYPES = {
  gss_krb5_ccache_name: cPrototype(
    'gss_krb5_ccache_name',
    '_Out_ uint32_t *minor',
    'void *name',
    '_Out_ void **out_name',
  ),
  gss_krb5_export_lucid_sec_context: cPrototype(
    'gss_krb5_export_lucid_sec_context',
    '_Out_ uint32_t *minor',
    '_Inout_ void **context',
    'uint32_t version',
    '_Out_ void **kctx',
  ),
  gss_krb5_free_lucid_sec_context: cPrototype(
    'gss_krb5_free_lucid_sec_context',
    '_Out_ uint32_t *minor',
    'void *kctx',
  ),
  // MIT writes a 32-bit krb5_timestamp, Heimdal a time_t: a zeroed 64-bit slot holds either
  // (on a little-endian machine, as the reference assumes too).
  gsskrb5_extract_authtime_from_sec_context: cPrototype(
    'gsskrb5_extract_authtime_from_sec_context',
    '_Out_ uint32_t *minor',
    'void *context',
    '_Inout_ uint64_t *authtime',
  ),
  gsskrb5_extract_authz_data_from_sec_context: cPrototype(
    'gsskrb5_extract_authz_data_from_sec_context',
    '_Out_ uint32_t *minor',
    'void *context',
    'int ad_type',
    '_Out_ gss_buffer_desc *ad_data',
  ),
  gss_krb5_import_cred: cPrototype(
    'gss_krb5_import_cred',
    '_Out_ uint32_t *minor',
    'void *id',
    'void *keytab_principal',
    'void *keytab',
    '_Out_ void **cred',
  ),
  gss_krb5_get_tkt_flags: cPrototype(
    'gss_krb5_get_tkt_flags',
    '_Out_ uint32_t *minor',
    'void *context',
    '_Inout_ uint32_t *ticket_flags',
  ),
  gss_krb5_set_allowable_enctypes: cPrototype(
    'gss_krb5_set_allowable_enctypes',
    '_Out_ uint32_t *minor',
    'void *cred',
    'uint32_t num_ktypes',
    'int32_t *ktypes',
  ),
} as const;

const UINT64_MAX = 0xffff_ffff_ffff_ffffn;

/**
 * A NUL-terminated C string of a ccache name, or null (also for an empty name, as the
 * reference passes it).
 * @throws {TypeError} when not text, or when the name holds a NUL byte (C would cut it there).
 */
function ccacheNameArgument(name: unknown): Uint8Array | null {
  if (name === null) return null;
  const terminated = cString(name, 'a ccache name', 'krb5CcacheName');
  return terminated.length === 1 ? null : terminated;
}

/**
 * The address of a C krb5 object, 0n for null or absent.
 * @throws {TypeError} when not a bigint or number; {@link RangeError} when not an address.
 */
function krb5PointerArgument(value: Krb5Pointer | null | undefined, what: string): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`krb5ImportCred: ${what} is an address, got ${value}`);
    }
    return BigInt(value);
  }
  if (typeof value !== 'bigint') {
    throw new TypeError(
      `krb5ImportCred: expected ${what} as a bigint address, got ${typeof value}`,
    );
  }
  if (value < 0n || value > UINT64_MAX) {
    throw new RangeError(`krb5ImportCred: ${what} is an address, got ${value}`);
  }
  return value;
}

/**
 * The enctypes as a C `krb5_enctype` array.
 * @throws {TypeError} when not iterable or an enctype is not a number.
 * @throws {RangeError} when an enctype is not a 32-bit signed integer.
 */
function enctypesArgument(ktypes: unknown): Int32Array {
  const operation = 'krb5SetAllowableEnctypes';
  if (typeof ktypes !== 'object' || ktypes === null || !(Symbol.iterator in ktypes)) {
    throw new TypeError(
      `${operation}: expected the enctypes as an iterable of numbers, got ${typeof ktypes}`,
    );
  }
  // The `in` check above proves the iterator method exists; each element is checked below.
  const values = [...(ktypes as Iterable<unknown>)];
  return Int32Array.from(values, (value) => int32Argument(value, 'an enctype', operation));
}

/** The `krb5` calls of the native backend. */
function krb5Calls(runtime: NativeRuntime): Krb5Api {
  const { library, memory, status, handles } = runtime;
  const ccacheName = library.bind(PROTOTYPES.gss_krb5_ccache_name);
  const exportLucid = library.bind(PROTOTYPES.gss_krb5_export_lucid_sec_context);
  const freeLucid = library.bind(PROTOTYPES.gss_krb5_free_lucid_sec_context);
  const extractAuthtime = library.bind(PROTOTYPES.gsskrb5_extract_authtime_from_sec_context);
  const extractAuthzData = library.bind(PROTOTYPES.gsskrb5_extract_authz_data_from_sec_context);
  const importCred = library.bind(PROTOTYPES.gss_krb5_import_cred);
  const getTktFlags = library.bind(PROTOTYPES.gss_krb5_get_tkt_flags);
  const setAllowableEnctypes = library.bind(PROTOTYPES.gss_krb5_set_allowable_enctypes);
  const releaseCred = library.bind(CORE_PROTOTYPES.gss_release_cred);

  const fail = (operation: string, major: number, minor: number[]): void => {
    if (major !== GSS_S_COMPLETE) throw status.error(operation, major, minor[0] ?? 0);
  };

  return {
    krb5CcacheName(name) {
      const cName = ccacheNameArgument(name);
      const minor = [0];
      const oldName: unknown[] = [null];

      const major = ccacheName(minor, cName, oldName);
      fail('krb5CcacheName', major, minor);
      // MIT keeps the old name in thread-specific memory until the next call: copy it now.
      const pointer = toPointer(oldName[0]);
      if (pointer === 0n) return null;
      return (koffi.decode(pointer, 'uint8_t', -1) as Uint8Array).slice(); // NUL-terminated
    },

    krb5ExportLucidSecContext(context, version) {
      const pointer = handles.pointer(context, 'context', 'krb5ExportLucidSecContext');
      uint32Argument(version, 'version', 'krb5ExportLucidSecContext');
      const minor = [0];
      const handle: unknown[] = [pointer];
      const lucid: unknown[] = [null];

      const major = exportLucid(minor, handle, version, lucid);
      // MIT deletes the context when the export succeeds (the handle becomes GSS_C_NO_CONTEXT).
      const after = toPointer(handle[0]);
      if (after !== pointer) handles.update(context, after);
      fail('krb5ExportLucidSecContext', major, minor);
      const kctx = toPointer(lucid[0]);
      if (kctx === 0n) {
        throw new Error('krb5ExportLucidSecContext: the library returned no lucid context');
      }
      try {
        return readLucidContext(kctx);
      } finally {
        freeLucid([0], kctx);
      }
    },

    krb5ExtractAuthtimeFromSecContext(context) {
      const pointer = handles.pointer(context, 'context', 'krb5ExtractAuthtimeFromSecContext');
      const minor = [0];
      const authtime: Array<number | bigint> = [0];

      const major = extractAuthtime(minor, pointer, authtime);
      fail('krb5ExtractAuthtimeFromSecContext', major, minor);
      return Number(authtime[0] ?? 0);
    },

    krb5ExtractAuthzDataFromSecContext(context, adType) {
      const operation = 'krb5ExtractAuthzDataFromSecContext';
      const pointer = handles.pointer(context, 'context', operation);
      int32Argument(adType, 'adType', operation);
      const minor = [0];
      const data = outBuffer();

      const major = extractAuthzData(minor, pointer, adType, data);
      const bytes = memory.takeBuffer(data);
      fail(operation, major, minor);
      return bytes;
    },

    krb5ImportCred(creds, options = {}) {
      const old = handles.pointer(creds, 'creds', 'krb5ImportCred');
      const cache = krb5PointerArgument(options.cache, 'cache');
      const keytabPrincipal = krb5PointerArgument(options.keytabPrincipal, 'keytabPrincipal');
      const keytab = krb5PointerArgument(options.keytab, 'keytab');
      if (cache === 0n && keytab === 0n) {
        throw new TypeError('krb5ImportCred: expected a cache or a keytab, got neither');
      }
      const minor = [0];
      const out: unknown[] = [null];

      const major = importCred(minor, cache, keytabPrincipal, keytab, out);
      fail('krb5ImportCred', major, minor);
      // The handle now stands for the imported credential; the one it held is released.
      handles.update(creds, toPointer(out[0]));
      if (old !== 0n) releaseCred([0], [old]);
    },

    krb5GetTktFlags(context) {
      const pointer = handles.pointer(context, 'context', 'krb5GetTktFlags');
      const minor = [0];
      const flags = [0];

      const major = getTktFlags(minor, pointer, flags);
      fail('krb5GetTktFlags', major, minor);
      return (flags[0] ?? 0) >>> 0;
    },

    krb5SetAllowableEnctypes(creds, ktypes) {
      const pointer = handles.pointer(creds, 'creds', 'krb5SetAllowableEnctypes');
      const enctypes = enctypesArgument(ktypes);
      const minor = [0];

      const major = setAllowableEnctypes(minor, pointer, enctypes.length, enctypes);
      fail('krb5SetAllowableEnctypes', major, minor);
    },
  };
}

/** The `krb5` extension module. */
export const MODULES: readonly AnyExtensionModule[] = [
  {
    extension: 'krb5',
    symbols: [
      'gss_krb5_ccache_name',
      'gss_krb5_export_lucid_sec_context',
      'gss_krb5_free_lucid_sec_context',
      'gsskrb5_extract_authtime_from_sec_context',
      'gsskrb5_extract_authz_data_from_sec_context',
      'gss_krb5_import_cred',
      'gss_krb5_get_tkt_flags',
      'gss_krb5_set_allowable_enctypes',
    ],
    create: krb5Calls,
  },
];
