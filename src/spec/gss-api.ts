/**
 * The GSS-API as one interface: every function of the reference (python-gssapi's low-level
 * `gssapi.raw`, RFC 2743/2744 and its extensions), named as DESIGN says (`gss_` dropped,
 * camelCase), required parameters positional and defaulted ones in a trailing options object.
 * All calls are synchronous, like the C calls they mirror.
 *
 * The functions are grouped by area in `./api/`; this module combines them.
 *
 * @module
 */

import type { ContextsApi } from './api/contexts.js';
import type { CredsApi } from './api/creds.js';
import type {
  CredImpExpApi,
  CredStoreApi,
  PasswordAddApi,
  PasswordApi,
  Rfc5588Api,
  S4uApi,
  SetCredOptApi,
} from './api/ext-creds.js';
import type { GgfApi } from './api/ext-ggf.js';
import type { Krb5Api } from './api/ext-krb5.js';
import type { Rfc4178Api, Rfc5587Api, Rfc5801Api } from './api/ext-mechs.js';
import type { DceAeadApi, DceApi, IovMicApi } from './api/ext-messages.js';
import type { Rfc6680Api, Rfc6680CompOidApi } from './api/ext-names.js';
import type { Rfc4401Api } from './api/ext-rfc4401.js';
import type { MechsApi } from './api/mechs.js';
import type { MessagesApi } from './api/messages.js';
import type { NamesApi } from './api/names.js';
import type { Extension } from './extensions.js';

export type * from './api/contexts.js';
export type * from './api/creds.js';
export type * from './api/ext-creds.js';
export type * from './api/ext-ggf.js';
export type * from './api/ext-krb5.js';
export type * from './api/ext-mechs.js';
export type * from './api/ext-messages.js';
export type * from './api/ext-names.js';
export * from './api/ext-rfc4401.js';
export type * from './api/mechs.js';
export type * from './api/messages.js';
export type * from './api/names.js';

/** The calls of RFC 2743/2744 that every backend has. */
export interface CoreApi extends NamesApi, CredsApi, ContextsApi, MessagesApi, MechsApi {}

/** The functions each extension provides, by extension name. */
export interface ExtensionApis {
  readonly rfc4178: Rfc4178Api;
  readonly rfc4401: Rfc4401Api;
  readonly rfc5587: Rfc5587Api;
  readonly rfc5588: Rfc5588Api;
  readonly rfc5801: Rfc5801Api;
  readonly credStore: CredStoreApi;
  readonly rfc6680: Rfc6680Api;
  readonly rfc6680CompOid: Rfc6680CompOidApi;
  readonly credImpExp: CredImpExpApi;
  readonly dce: DceApi;
  readonly dceAead: DceAeadApi;
  readonly iovMic: IovMicApi;
  readonly ggf: GgfApi;
  readonly s4u: S4uApi;
  readonly password: PasswordApi;
  readonly passwordAdd: PasswordAddApi;
  readonly krb5: Krb5Api;
  readonly setCredOpt: SetCredOptApi;
}

/**
 * The GSS-API of one backend.
 *
 * Every function exists on every backend. The core ones work everywhere; an extension's
 * function on a backend without the extension throws `OperationUnavailableError`
 * (GSS_S_UNAVAILABLE, minor 0), never a `TypeError` for a missing method. Ask first with
 * {@link GssApi.has}.
 *
 * Handles (`Name`, `Creds`, `SecurityContext`) belong to the backend that made them; giving one
 * to another backend is a `TypeError`. A caller's mistake (a wrong type, a value out of range, a
 * released handle) is a `TypeError` or `RangeError`; a `GssError` is always a GSS-API status.
 */
export interface GssApi
  extends CoreApi,
    Rfc4178Api,
    Rfc4401Api,
    Rfc5587Api,
    Rfc5588Api,
    Rfc5801Api,
    CredStoreApi,
    Rfc6680Api,
    CredImpExpApi,
    DceApi,
    DceAeadApi,
    IovMicApi,
    GgfApi,
    S4uApi,
    PasswordApi,
    PasswordAddApi,
    Krb5Api,
    SetCredOptApi {
  /** The backend's name, such as `sim` or `mit`; the `backend` of its handles. */
  readonly backend: string;

  /**
   * Whether the backend has an extension, so that its functions work.
   * @throws {TypeError} when `extension` is not one of `EXTENSIONS` (a typo is a caller's
   *   mistake, not a missing extension).
   */
  has(extension: Extension): boolean;
}

/** The functions of {@link GssApi}, without `backend` and `has`. */
export type GssApiFunctions = Omit<GssApi, 'backend' | 'has'>;

/** The name of a function of {@link GssApi}. */
export type GssApiFunctionName = keyof GssApiFunctions;

/** The name of a core function. */
export type CoreFunctionName = keyof CoreApi;

/** The core functions, in the order of the reference's modules (names, creds, ...). */
export const CORE_FUNCTIONS = [
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
] as const satisfies readonly CoreFunctionName[];
