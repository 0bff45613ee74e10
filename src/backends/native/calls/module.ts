/**
 * How the native backend is assembled: each extension is a module that names the C symbols it
 * needs and builds its functions; the backend declares an extension exactly when the library
 * exports all of its symbols.
 *
 * @module
 */

import type { Extension } from '../../../spec/extensions.js';
import type { ExtensionApis } from '../../../spec/gss-api.js';
import type { NativeRuntime } from '../runtime.js';

/** One extension of the native backend. */
export interface ExtensionModule<E extends Extension = Extension> {
  /** The extension, as `has()` names it. */
  readonly extension: E;
  /** The C symbols that must all exist for the extension to be declared. */
  readonly symbols: readonly string[];
  /** Builds the extension's functions over a runtime whose library has every symbol. */
  readonly create: (runtime: NativeRuntime) => ExtensionApis[E];
}

/** An extension module with its type parameter erased, for lists of modules. */
export type AnyExtensionModule = { [E in Extension]: ExtensionModule<E> }[Extension];
