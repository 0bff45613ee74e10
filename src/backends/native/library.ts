/**
 * MIT `libgssapi_krb5.so.2` loaded through koffi: the C types declared once, and every
 * function this backend calls bound by its C prototype. A function whose symbol the library
 * lacks is left out, which is how extensions are probed (as python-gssapi builds its optional
 * modules by symbol).
 *
 * @module
 */

import koffi, { type LibraryHandle } from 'koffi';

/** The file name of MIT's GSS-API library as Debian 12 ships it (package libgssapi-krb5-2). */
export const DEFAULT_LIBRARY = 'libgssapi_krb5.so.2';

/** The Debian package that provides {@link DEFAULT_LIBRARY}. */
export const LIBRARY_PACKAGE = 'libgssapi-krb5-2';

/**
 * A bound C function. Every GSS-API function returns its major status as an `OM_uint32`;
 * arguments are koffi values (numbers, bigint pointers, objects for structs, one-element
 * arrays for output scalars).
 */
export type CFunction = (...args: unknown[]) => number;

/**
 * The layout of a koffi type: primitive, size, alignment and members, without its own name or
 * the numbered names koffi gives anonymous member structs.
 */
function layout(type: unknown): string {
  const described = (value: unknown, top: boolean): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, item]) => !(key === 'name' && (top || anonymous(item))))
        .map(([key, item]) => [key, described(item, false)]),
    );
  };
  return JSON.stringify(described(koffi.type(type as never), true));
}

function anonymous(name: unknown): boolean {
  return typeof name === 'string' && name.startsWith('<anonymous');
}

/**
 * `koffi.struct(name, members)`, or the type of that name already declared with the same
 * layout. koffi's type names are process-wide, so a second copy of this package in the process
 * (another version in node_modules, or `src/` and `dist/` both loaded) would otherwise fail to
 * declare them ("Duplicate type name").
 * @throws {Error} when the name is taken by a type of another layout.
 */
export function namedStruct(name: string, members: Parameters<typeof koffi.struct>[0]) {
  try {
    return koffi.struct(name, members);
  } catch (cause) {
    let existing: unknown;
    try {
      existing = koffi.type(name);
    } catch {
      throw cause;
    }
    if (layout(existing) === layout(koffi.struct(members))) return koffi.type(name);
    throw new Error(
      `gssapi-sim native backend: the C type name ${name} is already declared in this process ` +
        'with another layout (another copy of the package?)',
      { cause },
    );
  }
}

/** `gss_buffer_desc` (RFC 2744 §3.2). */
export const gssBufferDesc = namedStruct('gss_buffer_desc', {
  length: 'size_t',
  value: 'void *',
});

/** `gss_OID_desc` (RFC 2744 §3.6). */
export const gssOidDesc = namedStruct('gss_OID_desc', {
  length: 'uint32_t',
  elements: 'void *',
});

/** `gss_OID_set_desc` (RFC 2744 §3.7). */
export const gssOidSetDesc = namedStruct('gss_OID_set_desc', {
  count: 'size_t',
  elements: koffi.pointer(gssOidDesc),
});

/** `struct gss_channel_bindings_struct` (RFC 2744 §3.11). */
export const gssChannelBindings = namedStruct('gss_channel_bindings_struct', {
  initiator_addrtype: 'uint32_t',
  initiator_address: gssBufferDesc,
  acceptor_addrtype: 'uint32_t',
  acceptor_address: gssBufferDesc,
  application_data: gssBufferDesc,
});

/** `gss_buffer_set_desc` (MIT `gssapi_ext.h`). */
export const gssBufferSetDesc = namedStruct('gss_buffer_set_desc', {
  count: 'size_t',
  elements: koffi.pointer(gssBufferDesc),
});

/** `gss_iov_buffer_desc` (MIT `gssapi_ext.h`). */
export const gssIovBufferDesc = namedStruct('gss_iov_buffer_desc', {
  type: 'uint32_t',
  buffer: gssBufferDesc,
});

/** `gss_key_value_element_desc` (MIT `gssapi_ext.h`, the credential store). */
export const gssKeyValueElement = namedStruct('gss_key_value_element_desc', {
  key: 'const char *',
  value: 'const char *',
});

/** `gss_key_value_set_desc` (MIT `gssapi_ext.h`). */
export const gssKeyValueSet = namedStruct('gss_key_value_set_desc', {
  count: 'uint32_t',
  elements: koffi.pointer(gssKeyValueElement),
});

/** `gss_krb5_lucid_key_t` (MIT `gssapi_krb5.h`). */
export const gssKrb5LucidKey = namedStruct('gss_krb5_lucid_key_t', {
  type: 'uint32_t',
  length: 'uint32_t',
  data: 'void *',
});

/** `gss_krb5_lucid_context_v1_t` (MIT `gssapi_krb5.h`). */
export const gssKrb5LucidContextV1 = namedStruct('gss_krb5_lucid_context_v1_t', {
  version: 'uint32_t',
  initiate: 'uint32_t',
  endtime: 'uint32_t',
  send_seq: 'uint64_t',
  recv_seq: 'uint64_t',
  protocol: 'uint32_t',
  rfc1964_kd: koffi.struct({
    sign_alg: 'uint32_t',
    seal_alg: 'uint32_t',
    ctx_key: gssKrb5LucidKey,
  }),
  cfx_kd: koffi.struct({
    have_acceptor_subkey: 'uint32_t',
    ctx_key: gssKrb5LucidKey,
    acceptor_subkey: gssKrb5LucidKey,
  }),
});

/** The C functions that must exist for the backend to load at all. */
const REQUIRED = [
  'gss_import_name',
  'gss_display_name',
  'gss_init_sec_context',
  'gss_accept_sec_context',
  'gss_display_status',
  'gss_release_buffer',
] as const;

/** The loaded library: the bound functions that exist in it. */
export interface GssLibrary {
  /** The path or file name it was loaded from. */
  readonly path: string;
  /** Whether the library exports `symbol` (any symbol, bound or not). */
  has(symbol: string): boolean;
  /**
   * The function of a C prototype such as `uint32_t gss_wrap(...)`, bound once and cached.
   * @throws {TypeError} when the library lacks the symbol (check {@link GssLibrary.has}).
   */
  bind(prototype: string): CFunction;
}

/**
 * Loads the library and binds every prototype whose symbol exists.
 * @throws {Error} naming the library and the Debian package when it cannot be loaded or lacks a
 *   required function.
 */
export function loadGssLibrary(path: string = DEFAULT_LIBRARY): GssLibrary {
  let library: LibraryHandle;
  try {
    library = koffi.load(path);
  } catch (cause) {
    throw new Error(
      `gssapi-sim native backend: cannot load ${path} (install it with ` +
        `'apt-get install ${LIBRARY_PACKAGE}'): ${String(cause)}`,
      { cause },
    );
  }

  const bound = new Map<string, CFunction>();
  const symbols = new Map<string, boolean>();
  const has = (symbol: string): boolean => {
    let present = symbols.get(symbol);
    if (present === undefined) {
      present = probe(library, symbol);
      symbols.set(symbol, present);
    }
    return present;
  };

  for (const name of REQUIRED) {
    if (!has(name)) {
      throw new Error(`gssapi-sim native backend: ${path} has no ${name}; is it MIT krb5?`);
    }
  }
  return {
    path,
    has,
    bind(prototype) {
      let func = bound.get(prototype);
      if (func === undefined) {
        const name = symbolOf(prototype);
        if (!has(name)) throw new TypeError(`${path} has no ${name}`);
        // koffi returns an untyped callable; every GSS-API prototype returns uint32_t.
        func = library.func(prototype) as CFunction;
        bound.set(prototype, func);
      }
      return func;
    },
  };
}

/** Whether the library exports `symbol`, asked by binding it as a function of no arguments. */
function probe(library: LibraryHandle, symbol: string): boolean {
  try {
    library.func(symbol, 'void', []);
    return true;
  } catch {
    return false;
  }
}

/** The function name of a C prototype: the identifier right before its `(`. */
function symbolOf(prototype: string): string {
  const match = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(prototype);
  if (match?.[1] === undefined) throw new TypeError(`not a C prototype: ${prototype}`);
  return match[1];
}

/**
 * A GSS-API C prototype for {@link GssLibrary.bind}: every GSS-API function returns its
 * `OM_uint32` major status, so only the name and the parameters vary. The parameters use
 * koffi's C syntax, with `_Out_`/`_Inout_` marking outputs.
 */
export function cPrototype(name: string, ...parameters: string[]): string {
  return `uint32_t ${name}(${parameters.join(', ')})`;
}
