/**
 * Builds a complete {@link GssApi} from what a backend implements: core functions are required,
 * extensions are declared, and every function of an extension the backend lacks throws
 * `OperationUnavailableError`, so that callers never meet a missing method.
 *
 * @module
 */

import { unavailable } from './errors.js';
import {
  EXTENSION_FUNCTIONS,
  EXTENSIONS,
  type Extension,
  type ExtensionFunctionName,
  extensionOf,
  isExtension,
} from './extensions.js';
import { CORE_FUNCTIONS, type GssApi, type GssApiFunctions } from './gss-api.js';

/** What a backend implements: any subset of the functions, core ones required at run time. */
export type GssApiImplementation = Partial<GssApiFunctions>;

const EXTENSION_FUNCTION_NAMES: readonly ExtensionFunctionName[] = EXTENSIONS.flatMap(
  (extension) => EXTENSION_FUNCTIONS[extension],
);

/**
 * The complete GSS-API of a backend.
 *
 * - Each core function must be implemented.
 * - Each function of a declared extension must be implemented.
 * - A function of an undeclared extension is not used, even when implemented (a class may have
 *   every method and declare only what its library has): it throws `unavailable('<name>')`
 *   (`OperationUnavailableError`, GSS_S_UNAVAILABLE, minor 0) before looking at its arguments.
 * - `has(extension)` answers true exactly for the declared extensions, and throws a
 *   `TypeError` for a name that is not an extension (a typo should not read as "absent").
 *
 * The functions are called with `implementation` as `this`. Other properties of
 * `implementation` are ignored. The result is frozen.
 *
 * @param backend the backend's name, the `backend` of its handles.
 * @param implementation the backend's functions.
 * @param extensions the extensions the backend has; repeats are harmless.
 * @throws {TypeError} when `backend` is empty, an extension name is unknown, or a core function
 *   or a declared extension's function is not a function of `implementation`.
 */
export function completeGssApi(
  backend: string,
  implementation: GssApiImplementation,
  extensions: Iterable<Extension>,
): GssApi {
  if (typeof backend !== 'string' || backend === '') {
    throw new TypeError(`completeGssApi: expected a backend name, got '${String(backend)}'`);
  }
  const declared = declaredExtensions(extensions);
  const missingCore = CORE_FUNCTIONS.filter((name) => !hasFunction(implementation, name));
  if (missingCore.length > 0) {
    throw new TypeError(
      `completeGssApi: backend '${backend}' lacks core functions: ${missingCore.join(', ')}`,
    );
  }
  const missingExtension = EXTENSION_FUNCTION_NAMES.filter(
    (name) => isDeclared(declared, name) && !hasFunction(implementation, name),
  );
  if (missingExtension.length > 0) {
    const list = missingExtension.map((name) => `${name} (${extensionOf(name)})`).join(', ');
    throw new TypeError(
      `completeGssApi: backend '${backend}' declares extensions without their functions: ${list}`,
    );
  }

  const api: Record<string, unknown> = {
    backend,
    has(extension: Extension): boolean {
      if (!isExtension(extension)) {
        throw new TypeError(`has: expected an extension name, got '${String(extension)}'`);
      }
      return declared.has(extension);
    },
  };
  for (const name of CORE_FUNCTIONS) api[name] = bound(implementation, name);
  for (const name of EXTENSION_FUNCTION_NAMES) {
    api[name] = isDeclared(declared, name)
      ? bound(implementation, name)
      : unavailableFunction(name);
  }

  // `api` holds `backend`, `has` and one function for every name of CORE_FUNCTIONS and
  // EXTENSION_FUNCTIONS, which together are exactly the functions of GssApi
  // (test/unit/gss-api.test.ts checks that at the type level).
  return Object.freeze(api) as unknown as GssApi;
}

function declaredExtensions(extensions: Iterable<Extension>): ReadonlySet<Extension> {
  const declared = new Set<Extension>();
  for (const extension of extensions) {
    if (!isExtension(extension)) {
      throw new TypeError(`completeGssApi: unknown extension '${String(extension)}'`);
    }
    declared.add(extension);
  }
  return declared;
}

function isDeclared(declared: ReadonlySet<Extension>, name: ExtensionFunctionName): boolean {
  const extension = extensionOf(name);
  return extension !== undefined && declared.has(extension);
}

function hasFunction(implementation: GssApiImplementation, name: keyof GssApiFunctions): boolean {
  return typeof implementation[name] === 'function';
}

function bound(implementation: GssApiImplementation, name: keyof GssApiFunctions): unknown {
  const fn: unknown = implementation[name];
  if (typeof fn !== 'function') throw new TypeError(`completeGssApi: ${name} is not a function`);
  return fn.bind(implementation);
}

function unavailableFunction(name: ExtensionFunctionName): () => never {
  return () => {
    throw unavailable(name);
  };
}
