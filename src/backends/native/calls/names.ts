/**
 * Name calls over MIT: `gss_import_name` and its kin (RFC 2744 §5.16 and neighbours).
 *
 * @module
 */

import type { NamesApi } from '../../../spec/api/names.js';
import { oidArgument, optionalOidArgument, textBytes } from '../arguments.js';
import { inBuffer, inOid, outBuffer } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import { toPointer } from '../results.js';
import type { NativeRuntime } from '../runtime.js';

/** The name calls of the native backend. */
export function nameCalls(runtime: NativeRuntime): NamesApi {
  const { library, memory, status, handles } = runtime;
  const importName = library.bind(C.gss_import_name);
  const displayName = library.bind(C.gss_display_name);
  const compareName = library.bind(C.gss_compare_name);
  const exportName = library.bind(C.gss_export_name);
  const canonicalizeName = library.bind(C.gss_canonicalize_name);
  const duplicateName = library.bind(C.gss_duplicate_name);
  const releaseName = library.bind(C.gss_release_name);

  return {
    importName(name, options = {}) {
      const bytes = textBytes(name, 'a name', 'importName');
      const nameType = optionalOidArgument(options.nameType, 'nameType', 'importName');
      const minor = [0];
      const out: unknown[] = [null];

      const major = importName(minor, inBuffer(bytes), inOid(nameType), out);
      status.check('importName', major, minor[0] ?? 0);
      return handles.create('name', toPointer(out[0]));
    },

    displayName(name, options = {}) {
      const pointer = handles.pointer(name, 'name', 'displayName');
      const minor = [0];
      const text = outBuffer();
      const type: unknown[] = [null];

      const major = displayName(minor, pointer, text, type);
      status.check('displayName', major, minor[0] ?? 0);
      const nameType = options.nameType === false ? null : memory.readOid(type[0]);
      return { name: memory.takeBuffer(text), nameType };
    },

    compareName(name1, name2) {
      const first = handles.pointer(name1, 'name', 'compareName');
      const second = handles.pointer(name2, 'name', 'compareName');
      const minor = [0];
      const equal = [0];

      const major = compareName(minor, first, second, equal);
      status.check('compareName', major, minor[0] ?? 0);
      return equal[0] !== 0;
    },

    exportName(name) {
      const pointer = handles.pointer(name, 'name', 'exportName');
      const minor = [0];
      const token = outBuffer();

      const major = exportName(minor, pointer, token);
      status.check('exportName', major, minor[0] ?? 0);
      return memory.takeBuffer(token);
    },

    canonicalizeName(name, mech) {
      const pointer = handles.pointer(name, 'name', 'canonicalizeName');
      oidArgument(mech, 'mech', 'canonicalizeName');
      const minor = [0];
      const out: unknown[] = [null];

      const major = canonicalizeName(minor, pointer, inOid(mech), out);
      status.check('canonicalizeName', major, minor[0] ?? 0, { mech });
      return handles.create('name', toPointer(out[0]));
    },

    duplicateName(name) {
      const pointer = handles.pointer(name, 'name', 'duplicateName');
      const minor = [0];
      const out: unknown[] = [null];

      const major = duplicateName(minor, pointer, out);
      status.check('duplicateName', major, minor[0] ?? 0);
      return handles.create('name', toPointer(out[0]));
    },

    releaseName(name) {
      const pointer = handles.release(name, 'name', 'releaseName');
      const minor = [0];

      const major = releaseName(minor, [pointer]);
      status.check('releaseName', major, minor[0] ?? 0);
    },
  };
}
