/**
 * What every native call module shares: the loaded library, the memory layer, the status
 * reader and the handle table. The conversions of arguments and results live in
 * `arguments.ts` and `results.ts`.
 *
 * @module
 */

import { HandleTable } from './handles.js';
import { type GssLibrary, loadGssLibrary } from './library.js';
import { Memory } from './memory.js';
import { CORE_PROTOTYPES } from './prototypes.js';
import { StatusReader } from './status.js';

/** The backend name native handles carry. */
export const NATIVE_BACKEND = 'mit';

/** The shared state of one native backend instance. */
export interface NativeRuntime {
  readonly library: GssLibrary;
  readonly memory: Memory;
  readonly status: StatusReader;
  readonly handles: HandleTable;
}

/** Loads the library and sets up the shared state. */
export function createRuntime(path?: string): NativeRuntime {
  const library = loadGssLibrary(path);
  const memory = new Memory(library);
  const status = new StatusReader(library, memory);
  const releaseName = library.bind(CORE_PROTOTYPES.gss_release_name);
  const releaseCred = library.bind(CORE_PROTOTYPES.gss_release_cred);
  const deleteContext = library.bind(CORE_PROTOTYPES.gss_delete_sec_context);
  const handles = new HandleTable(NATIVE_BACKEND, {
    name: (pointer) => releaseName([0], [pointer]),
    creds: (pointer) => releaseCred([0], [pointer]),
    context: (pointer) => deleteContext([0], [pointer], null),
  });
  return { library, memory, status, handles };
}
