/**
 * The GSS-API extensions a backend may have, named after the reference's optional modules
 * (python-gssapi `gssapi.raw.ext_*`), and the functions each provides.
 *
 * A backend has an extension wholly or not at all, as the reference imports a module wholly or
 * not at all: `gss.has('dce')` true means `wrapIov`, `unwrapIov` and `wrapIovLength` all work.
 *
 * @module
 */

import type { ExtensionApis } from './gss-api.js';

/** Every extension name. */
export const EXTENSIONS = [
  'rfc4178',
  'rfc4401',
  'rfc5587',
  'rfc5588',
  'rfc5801',
  'credStore',
  'rfc6680',
  'rfc6680CompOid',
  'credImpExp',
  'dce',
  'dceAead',
  'iovMic',
  'ggf',
  's4u',
  'password',
  'passwordAdd',
  'krb5',
  'setCredOpt',
] as const;

/** The name of an extension. */
export type Extension = (typeof EXTENSIONS)[number];

/**
 * The functions of each extension, as in the reference's module. `rfc6680CompOid` has none: it
 * only adds the name type `NameType.compositeExport`.
 */
export const EXTENSION_FUNCTIONS = {
  rfc4178: ['setNegMechs'],
  rfc4401: ['pseudoRandom'],
  rfc5587: ['indicateMechsByAttrs', 'inquireAttrsForMech', 'displayMechAttr'],
  rfc5588: ['storeCred'],
  rfc5801: ['inquireSaslnameForMech', 'inquireMechForSaslname'],
  credStore: ['acquireCredFrom', 'addCredFrom', 'storeCredInto'],
  rfc6680: [
    'displayNameExt',
    'inquireName',
    'setNameAttribute',
    'getNameAttribute',
    'deleteNameAttribute',
    'exportNameComposite',
  ],
  rfc6680CompOid: [],
  credImpExp: ['exportCred', 'importCred'],
  dce: ['wrapIov', 'unwrapIov', 'wrapIovLength'],
  dceAead: ['wrapAead', 'unwrapAead'],
  iovMic: ['getMicIov', 'getMicIovLength', 'verifyMicIov'],
  ggf: ['inquireCredByOid', 'inquireSecContextByOid', 'setSecContextOption'],
  s4u: ['acquireCredImpersonateName', 'addCredImpersonateName'],
  password: ['acquireCredWithPassword'],
  passwordAdd: ['addCredWithPassword'],
  krb5: [
    'krb5CcacheName',
    'krb5ExportLucidSecContext',
    'krb5ExtractAuthtimeFromSecContext',
    'krb5ExtractAuthzDataFromSecContext',
    'krb5ImportCred',
    'krb5GetTktFlags',
    'krb5SetAllowableEnctypes',
  ],
  setCredOpt: ['setCredOption'],
} as const satisfies { readonly [E in Extension]: readonly (keyof ExtensionApis[E])[] };

/** The name of a function that belongs to an extension. */
export type ExtensionFunctionName = (typeof EXTENSION_FUNCTIONS)[Extension][number];

/** The reference's module for each extension, for readers who compare. */
export const REFERENCE_MODULES = {
  rfc4178: 'gssapi.raw.ext_rfc4178',
  rfc4401: 'gssapi.raw.ext_rfc4401',
  rfc5587: 'gssapi.raw.ext_rfc5587',
  rfc5588: 'gssapi.raw.ext_rfc5588',
  rfc5801: 'gssapi.raw.ext_rfc5801',
  credStore: 'gssapi.raw.ext_cred_store',
  rfc6680: 'gssapi.raw.ext_rfc6680',
  rfc6680CompOid: 'gssapi.raw.ext_rfc6680_comp_oid',
  credImpExp: 'gssapi.raw.ext_cred_imp_exp',
  dce: 'gssapi.raw.ext_dce',
  dceAead: 'gssapi.raw.ext_dce_aead',
  iovMic: 'gssapi.raw.ext_iov_mic',
  ggf: 'gssapi.raw.ext_ggf',
  s4u: 'gssapi.raw.ext_s4u',
  password: 'gssapi.raw.ext_password',
  passwordAdd: 'gssapi.raw.ext_password_add',
  krb5: 'gssapi.raw.ext_krb5',
  setCredOpt: 'gssapi.raw.ext_set_cred_opt',
} as const satisfies { readonly [E in Extension]: string };

const EXTENSION_SET: ReadonlySet<string> = new Set(EXTENSIONS);

const EXTENSION_BY_FUNCTION: ReadonlyMap<string, Extension> = new Map(
  EXTENSIONS.flatMap((extension) =>
    EXTENSION_FUNCTIONS[extension].map((name): [string, Extension] => [name, extension]),
  ),
);

/** Whether `value` is an extension name. */
export function isExtension(value: unknown): value is Extension {
  return typeof value === 'string' && EXTENSION_SET.has(value);
}

/** The extension a function belongs to, or `undefined` for a core function or an unknown name. */
export function extensionOf(functionName: string): Extension | undefined {
  return EXTENSION_BY_FUNCTION.get(functionName);
}
