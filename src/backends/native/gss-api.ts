/**
 * `createNativeGssApi()`: the `GssApi` over MIT's `libgssapi_krb5.so.2`.
 *
 * @module
 */

import type { Extension } from '../../spec/extensions.js';
import type { GssApi } from '../../spec/gss-api.js';
import { completeGssApi, type GssApiImplementation } from '../../spec/unavailable-api.js';
import { contextCalls } from './calls/contexts.js';
import { credCalls } from './calls/creds.js';
import { MODULES as CRED_EXTENSIONS } from './calls/ext-creds.js';
import { MODULES as GGF_EXTENSIONS } from './calls/ext-ggf.js';
import { MODULES as KRB5_EXTENSIONS } from './calls/ext-krb5.js';
import { MODULES as MECH_EXTENSIONS } from './calls/ext-mechs.js';
import { MODULES as MESSAGE_EXTENSIONS } from './calls/ext-messages.js';
import { MODULES as NAME_EXTENSIONS } from './calls/ext-names.js';
import { MODULES as RFC4401_EXTENSIONS } from './calls/ext-rfc4401.js';
import { mechCalls } from './calls/mechs.js';
import { messageCalls } from './calls/messages.js';
import type { AnyExtensionModule } from './calls/module.js';
import { nameCalls } from './calls/names.js';
import { createRuntime, NATIVE_BACKEND } from './runtime.js';

/** Options of {@link createNativeGssApi}. */
export interface NativeGssApiOptions {
  /** The library to load; default `libgssapi_krb5.so.2` (Debian package libgssapi-krb5-2). */
  readonly library?: string;
}

/** Every extension module of the native backend. */
export const EXTENSION_MODULES: readonly AnyExtensionModule[] = [
  ...MECH_EXTENSIONS,
  ...NAME_EXTENSIONS,
  ...CRED_EXTENSIONS,
  ...MESSAGE_EXTENSIONS,
  ...RFC4401_EXTENSIONS,
  ...GGF_EXTENSIONS,
  ...KRB5_EXTENSIONS,
];

/**
 * The GSS-API of the system's MIT krb5. Every core function works; an extension is declared
 * (`has()` true) when the library exports all of its symbols, and otherwise its functions throw
 * `OperationUnavailableError`.
 *
 * The library reads `KRB5_CONFIG`, `KRB5CCNAME`, `KRB5_KTNAME` and friends from the process
 * environment, so set them (or use `startMitRealm()`) before calling.
 * @throws {Error} when the library cannot be loaded, naming the Debian package to install.
 */
export function createNativeGssApi(options: NativeGssApiOptions = {}): GssApi {
  const runtime = createRuntime(options.library);
  const implementation: GssApiImplementation = {
    ...nameCalls(runtime),
    ...credCalls(runtime),
    ...contextCalls(runtime),
    ...messageCalls(runtime),
    ...mechCalls(runtime),
  };
  const extensions: Extension[] = [];

  for (const module of EXTENSION_MODULES) {
    if (!module.symbols.every((symbol) => runtime.library.has(symbol))) continue;
    Object.assign(implementation, module.create(runtime));
    extensions.push(module.extension);
  }
  return completeGssApi(NATIVE_BACKEND, implementation, extensions);
}
