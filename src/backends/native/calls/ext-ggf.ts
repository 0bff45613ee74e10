/**
 * The Global Grid Forum extension calls over MIT (draft-engert-ggf-gss-extensions-00):
 * `gss_inquire_cred_by_oid`, `gss_inquire_sec_context_by_oid` and
 * `gss_set_sec_context_option`. The inquiries answer with a `gss_buffer_set_t`, copied into
 * JavaScript and released with `gss_release_buffer_set` (`Memory.takeBufferSet`).
 *
 * @module
 */

import type { GgfApi } from '../../../spec/api/ext-ggf.js';
import { GSS_S_COMPLETE } from '../../../spec/status.js';
import { bytesArgument, contextInquiryOidArgument, oidArgument } from '../arguments.js';
import { cPrototype } from '../library.js';
import { inBuffer, inOid } from '../memory.js';
import { CORE_PROTOTYPES } from '../prototypes.js';
import { toPointer } from '../results.js';
import type { NativeRuntime } from '../runtime.js';
import type { AnyExtensionModule } from './module.js';

const PROTOTYPES = {
  gss_inquire_cred_by_oid: cPrototype(
    'gss_inquire_cred_by_oid',
    '_Out_ uint32_t *minor',
    'void *cred',
    'gss_OID_desc *desired_object',
    '_Out_ void **data_set',
  ),
  gss_inquire_sec_context_by_oid: cPrototype(
    'gss_inquire_sec_context_by_oid',
    '_Out_ uint32_t *minor',
    'void *context',
    'gss_OID_desc *desired_object',
    '_Out_ void **data_set',
  ),
  gss_set_sec_context_option: cPrototype(
    'gss_set_sec_context_option',
    '_Out_ uint32_t *minor',
    '_Inout_ void **context',
    'gss_OID_desc *desired_object',
    'gss_buffer_desc *value',
  ),
} as const;

/** The `ggf` calls of the native backend. */
function ggfCalls(runtime: NativeRuntime): GgfApi {
  const { library, memory, status, handles } = runtime;
  const inquireCredByOid = library.bind(PROTOTYPES.gss_inquire_cred_by_oid);
  const inquireSecContextByOid = library.bind(PROTOTYPES.gss_inquire_sec_context_by_oid);
  const setSecContextOption = library.bind(PROTOTYPES.gss_set_sec_context_option);
  const deleteSecContext = library.bind(CORE_PROTOTYPES.gss_delete_sec_context);

  return {
    inquireCredByOid(creds, desiredAspect) {
      const pointer = handles.pointer(creds, 'creds', 'inquireCredByOid');
      const oid = oidArgument(desiredAspect, 'desiredAspect', 'inquireCredByOid');
      const minor = [0];
      const set: unknown[] = [null];

      const major = inquireCredByOid(minor, pointer, inOid(oid), set);
      const values = memory.takeBufferSet(set[0]);
      if (major !== GSS_S_COMPLETE) throw status.error('inquireCredByOid', major, minor[0] ?? 0);
      return values;
    },

    inquireSecContextByOid(context, desiredAspect) {
      const pointer = handles.pointer(context, 'context', 'inquireSecContextByOid');
      const oid = contextInquiryOidArgument(desiredAspect, 'inquireSecContextByOid');
      const minor = [0];
      const set: unknown[] = [null];

      const major = inquireSecContextByOid(minor, pointer, inOid(oid), set);
      const values = memory.takeBufferSet(set[0]);
      if (major !== GSS_S_COMPLETE) {
        throw status.error('inquireSecContextByOid', major, minor[0] ?? 0);
      }
      return values;
    },

    setSecContextOption(desiredAspect, options = {}) {
      const oid = oidArgument(desiredAspect, 'desiredAspect', 'setSecContextOption');
      const given = options.context ?? null;
      const pointer = handles.optionalPointer(given, 'context', 'setSecContextOption');
      const value =
        options.value === null || options.value === undefined
          ? inBuffer(new Uint8Array(0))
          : bytesArgument(options.value, 'value', 'setSecContextOption');
      const minor = [0];
      const context: unknown[] = [pointer];

      const major = setSecContextOption(minor, context, inOid(oid), value);
      const after = toPointer(context[0]);
      if (major !== GSS_S_COMPLETE) {
        // A context the library made for a failed call has no handle to own it.
        if (given === null && after !== 0n) deleteSecContext([0], [after], null);
        else if (given !== null && after !== pointer) handles.update(given, after);
        throw status.error('setSecContextOption', major, minor[0] ?? 0);
      }
      if (given === null) return handles.create('context', after);
      if (after !== pointer) handles.update(given, after);
      return given;
    },
  };
}

/** The `ggf` extension module. */
export const MODULES: readonly AnyExtensionModule[] = [
  {
    extension: 'ggf',
    symbols: [
      'gss_inquire_cred_by_oid',
      'gss_inquire_sec_context_by_oid',
      'gss_set_sec_context_option',
      'gss_release_buffer_set',
    ],
    create: ggfCalls,
  },
];
