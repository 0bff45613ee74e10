import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InitSecContextOptions } from '../../src/spec/api/contexts.js';
import {
  EXTENSION_FUNCTIONS,
  EXTENSIONS,
  type Extension,
  type ExtensionFunctionName,
  extensionOf,
  isExtension,
  REFERENCE_MODULES,
} from '../../src/spec/extensions.js';
import {
  CORE_FUNCTIONS,
  type CoreFunctionName,
  type ExtensionApis,
  type GssApi,
  type GssApiFunctionName,
} from '../../src/spec/gss-api.js';
import {
  type Creds,
  checkHandle,
  handleKind,
  isHandle,
  type Name,
  type SecurityContext,
} from '../../src/spec/handles.js';
import type { OID } from '../../src/spec/oid.js';
import type {
  AcceptSecContextResult,
  AcquireCredResult,
  InitSecContextResult,
  UnwrapResult,
  WrapResult,
} from '../../src/spec/results.js';

/** Every function of the GSS-API, core then extensions. A name GssApi lacks fails to compile. */
const FUNCTIONS = [
  'importName',
  'displayName',
  'compareName',
  'exportName',
  'canonicalizeName',
  'duplicateName',
  'releaseName',
  'acquireCred',
  'releaseCred',
  'addCred',
  'inquireCred',
  'inquireCredByMech',
  'initSecContext',
  'acceptSecContext',
  'inquireContext',
  'contextTime',
  'processContextToken',
  'importSecContext',
  'exportSecContext',
  'deleteSecContext',
  'getMic',
  'verifyMic',
  'wrapSizeLimit',
  'wrap',
  'unwrap',
  'indicateMechs',
  'inquireNamesForMech',
  'inquireMechsForName',
  'displayStatus',
  'setNegMechs',
  'pseudoRandom',
  'indicateMechsByAttrs',
  'inquireAttrsForMech',
  'displayMechAttr',
  'storeCred',
  'inquireSaslnameForMech',
  'inquireMechForSaslname',
  'acquireCredFrom',
  'addCredFrom',
  'storeCredInto',
  'displayNameExt',
  'inquireName',
  'setNameAttribute',
  'getNameAttribute',
  'deleteNameAttribute',
  'exportNameComposite',
  'exportCred',
  'importCred',
  'wrapAead',
  'unwrapAead',
  'wrapIov',
  'unwrapIov',
  'wrapIovLength',
  'getMicIov',
  'getMicIovLength',
  'verifyMicIov',
  'inquireCredByOid',
  'inquireSecContextByOid',
  'setSecContextOption',
  'acquireCredImpersonateName',
  'addCredImpersonateName',
  'acquireCredWithPassword',
  'addCredWithPassword',
  'krb5CcacheName',
  'krb5ExportLucidSecContext',
  'krb5ExtractAuthtimeFromSecContext',
  'krb5ExtractAuthzDataFromSecContext',
  'krb5ImportCred',
  'krb5GetTktFlags',
  'krb5SetAllowableEnctypes',
  'setCredOption',
] as const satisfies readonly (keyof GssApi)[];

/** The reference's public functions by module (python-gssapi `gssapi.raw`), snake_case. */
const REFERENCE_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  'gssapi.raw.names': [
    'import_name',
    'display_name',
    'compare_name',
    'export_name',
    'canonicalize_name',
    'duplicate_name',
    'release_name',
  ],
  'gssapi.raw.creds': [
    'acquire_cred',
    'release_cred',
    'add_cred',
    'inquire_cred',
    'inquire_cred_by_mech',
  ],
  'gssapi.raw.sec_contexts': [
    'init_sec_context',
    'accept_sec_context',
    'inquire_context',
    'context_time',
    'process_context_token',
    'import_sec_context',
    'export_sec_context',
    'delete_sec_context',
  ],
  'gssapi.raw.message': ['get_mic', 'verify_mic', 'wrap_size_limit', 'wrap', 'unwrap'],
  'gssapi.raw.misc': [
    'indicate_mechs',
    'inquire_names_for_mech',
    'inquire_mechs_for_name',
    '_display_status',
  ],
  'gssapi.raw.ext_rfc4178': ['set_neg_mechs'],
  'gssapi.raw.ext_rfc4401': ['pseudo_random'],
  'gssapi.raw.ext_rfc5587': [
    'indicate_mechs_by_attrs',
    'inquire_attrs_for_mech',
    'display_mech_attr',
  ],
  'gssapi.raw.ext_rfc5588': ['store_cred'],
  'gssapi.raw.ext_rfc5801': ['inquire_saslname_for_mech', 'inquire_mech_for_saslname'],
  'gssapi.raw.ext_cred_store': ['acquire_cred_from', 'add_cred_from', 'store_cred_into'],
  'gssapi.raw.ext_rfc6680': [
    'display_name_ext',
    'inquire_name',
    'set_name_attribute',
    'get_name_attribute',
    'delete_name_attribute',
    'export_name_composite',
  ],
  'gssapi.raw.ext_rfc6680_comp_oid': [],
  'gssapi.raw.ext_cred_imp_exp': ['export_cred', 'import_cred'],
  'gssapi.raw.ext_dce': ['wrap_iov', 'unwrap_iov', 'wrap_iov_length'],
  'gssapi.raw.ext_dce_aead': ['wrap_aead', 'unwrap_aead'],
  'gssapi.raw.ext_iov_mic': ['get_mic_iov', 'get_mic_iov_length', 'verify_mic_iov'],
  'gssapi.raw.ext_ggf': [
    'inquire_cred_by_oid',
    'inquire_sec_context_by_oid',
    'set_sec_context_option',
  ],
  'gssapi.raw.ext_s4u': ['acquire_cred_impersonate_name', 'add_cred_impersonate_name'],
  'gssapi.raw.ext_password': ['acquire_cred_with_password'],
  'gssapi.raw.ext_password_add': ['add_cred_with_password'],
  'gssapi.raw.ext_krb5': [
    'krb5_ccache_name',
    'krb5_export_lucid_sec_context',
    'krb5_extract_authtime_from_sec_context',
    'krb5_extract_authz_data_from_sec_context',
    'krb5_import_cred',
    'krb5_get_tkt_flags',
    'krb5_set_allowable_enctypes',
  ],
  'gssapi.raw.ext_set_cred_opt': ['set_cred_option'],
};

/** DESIGN's naming rule: drop a leading `_` or `gss_`, then snake_case to camelCase. */
function tsName(referenceName: string): string {
  return referenceName
    .replace(/^_/, '')
    .replace(/^gss_/, '')
    .replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

type Listed = (typeof FUNCTIONS)[number];

describe('the GssApi interface (type level)', () => {
  it('has exactly the functions of the list, no more and no fewer', () => {
    expectTypeOf<Listed>().toEqualTypeOf<GssApiFunctionName>();
  });

  it('splits its functions into core and extension functions with no overlap', () => {
    expectTypeOf<CoreFunctionName | ExtensionFunctionName>().toEqualTypeOf<GssApiFunctionName>();
    expectTypeOf<CoreFunctionName & ExtensionFunctionName>().toBeNever();
    expectTypeOf<(typeof CORE_FUNCTIONS)[number]>().toEqualTypeOf<CoreFunctionName>();
  });

  it('lists, for each extension, exactly the functions of its interface', () => {
    type Mapped = { [E in Extension]: (typeof EXTENSION_FUNCTIONS)[E][number] };
    type Declared = { [E in Extension]: keyof ExtensionApis[E] };
    expectTypeOf<keyof ExtensionApis>().toEqualTypeOf<Extension>();
    expectTypeOf<Mapped>().toEqualTypeOf<Declared>();
  });

  it('gives the key calls their shapes', () => {
    expectTypeOf<GssApi['wrap']>().returns.toEqualTypeOf<WrapResult>();
    expectTypeOf<GssApi['unwrap']>().returns.toEqualTypeOf<UnwrapResult>();
    expectTypeOf<GssApi['wrap']>().parameter(0).toEqualTypeOf<SecurityContext>();
    expectTypeOf<GssApi['wrap']>().parameter(1).toEqualTypeOf<Uint8Array>();
    expectTypeOf<GssApi['initSecContext']>().parameter(0).toEqualTypeOf<Name>();
    expectTypeOf<GssApi['initSecContext']>()
      .parameter(1)
      .toEqualTypeOf<InitSecContextOptions | undefined>();
    expectTypeOf<GssApi['initSecContext']>().returns.toEqualTypeOf<InitSecContextResult>();
    expectTypeOf<GssApi['acceptSecContext']>().returns.toEqualTypeOf<AcceptSecContextResult>();
    expectTypeOf<GssApi['importName']>().parameter(0).toEqualTypeOf<Uint8Array | string>();
    expectTypeOf<GssApi['acquireCred']>().returns.toEqualTypeOf<AcquireCredResult>();
    expectTypeOf<GssApi['indicateMechs']>().returns.toEqualTypeOf<readonly OID[]>();
    expectTypeOf<GssApi['has']>().parameter(0).toEqualTypeOf<Extension>();
  });

  it('takes defaulted parameters in one options object, checked strictly', () => {
    const gss = {} as GssApi; // only its type is used: nothing below runs
    const context: SecurityContext = { backend: 'sim', [handleKind]: 'context' };
    const target: Name = { backend: 'sim', [handleKind]: 'name' };
    const run = false;
    if (run) {
      gss.initSecContext(target);
      gss.initSecContext(target, { flags: 2, lifetime: null, inputToken: null, mech: null });
      gss.wrap(context, new Uint8Array(), { confidential: false, qop: 0 });
      gss.importName('host@localhost', { nameType: null });
      gss.acquireCred({ usage: 'accept' });
      // @ts-expect-error a required parameter cannot move into the options
      gss.wrap(context, { message: new Uint8Array() });
      // @ts-expect-error unknown option
      gss.wrap(context, new Uint8Array(), { encrypt: true });
      // @ts-expect-error exactOptionalPropertyTypes: absent, not undefined
      gss.wrap(context, new Uint8Array(), { confidential: undefined });
      // @ts-expect-error usage is one of three words
      gss.acquireCred({ usage: 'initiator' });
    }
    expect(run).toBe(false);
  });

  it('does not take a plain object for a handle, nor one kind of handle for another', () => {
    expectTypeOf<{ backend: string }>().not.toExtend<Name>();
    expectTypeOf<Creds>().not.toExtend<Name>();
    expectTypeOf<SecurityContext>().not.toExtend<Creds>();
    expectTypeOf<{ backend: 'sim'; [handleKind]: 'name' }>().toExtend<Name>();
  });
});

describe('the function list (run time)', () => {
  it('names no function twice', () => {
    expect(new Set(FUNCTIONS).size).toBe(FUNCTIONS.length);
  });

  it('puts every extension function in exactly one extension', () => {
    const owners = new Map<string, Extension[]>();
    for (const extension of EXTENSIONS) {
      for (const name of EXTENSION_FUNCTIONS[extension]) {
        owners.set(name, [...(owners.get(name) ?? []), extension]);
      }
    }

    for (const [name, extensions] of owners) {
      expect(extensions, name).toHaveLength(1);
      expect(extensionOf(name)).toBe(extensions[0]);
    }
  });

  it('is the core functions plus the extension map, and nothing else', () => {
    const mapped: string[] = EXTENSIONS.flatMap((extension) => [...EXTENSION_FUNCTIONS[extension]]);
    const core: string[] = [...CORE_FUNCTIONS];

    expect(new Set(FUNCTIONS)).toEqual(new Set([...core, ...mapped]));
    expect(core.filter((name) => mapped.includes(name))).toEqual([]);
    expect(
      FUNCTIONS.filter((name) => !core.includes(name) && extensionOf(name) === undefined),
    ).toEqual([]);
    for (const name of CORE_FUNCTIONS) expect(extensionOf(name), name).toBeUndefined();
  });

  it('names every reference function by the DESIGN rule, module by module', () => {
    const fromReference = Object.values(REFERENCE_FUNCTIONS).flat().map(tsName);
    expect(new Set(fromReference)).toEqual(new Set(FUNCTIONS));
    expect(fromReference).toHaveLength(FUNCTIONS.length);

    for (const extension of EXTENSIONS) {
      const module = REFERENCE_MODULES[extension];
      const expected = (REFERENCE_FUNCTIONS[module] ?? ['(module missing)']).map(tsName);
      expect([...EXTENSION_FUNCTIONS[extension]], extension).toEqual(expected);
    }
  });

  it('knows the extension names and only those', () => {
    for (const extension of EXTENSIONS) expect(isExtension(extension)).toBe(true);
    expect(isExtension('rfc9999')).toBe(false);
    expect(isExtension('has')).toBe(false);
    expect(isExtension(undefined)).toBe(false);
    expect(extensionOf('noSuchFunction')).toBeUndefined();
  });
});

describe('handles', () => {
  const simName: Name = { backend: 'sim', [handleKind]: 'name' };

  it('are recognised by their brand and kind, not by their shape', () => {
    expect(isHandle(simName, 'name')).toBe(true);
    expect(isHandle(simName, 'creds')).toBe(false);
    expect(isHandle({ backend: 'sim' }, 'name')).toBe(false);
    expect(isHandle(null, 'context')).toBe(false);
  });

  it('are accepted by their own backend', () => {
    expect(checkHandle(simName, 'name', 'sim', 'displayName')).toBe(simName);
  });

  it("are a TypeError when given to another backend's function", () => {
    expect(() => checkHandle(simName, 'name', 'mit', 'displayName')).toThrow(
      new TypeError("displayName: expected a Name handle of backend 'mit', got one of 'sim'"),
    );
  });

  it('are a TypeError when of another kind or not handles at all', () => {
    expect(() => checkHandle(simName, 'context', 'sim', 'wrap')).toThrow(
      new TypeError("wrap: expected a SecurityContext handle, got a handle of kind 'name'"),
    );
    expect(() => checkHandle({ backend: 'sim' }, 'creds', 'sim', 'inquireCred')).toThrow(
      new TypeError('inquireCred: expected a Creds handle, got an object that is not a handle'),
    );
    expect(() => checkHandle(undefined, 'name', 'sim', 'exportName')).toThrow(TypeError);
  });
});
