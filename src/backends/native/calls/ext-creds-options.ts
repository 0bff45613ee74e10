/**
 * Credential extensions that are not about acquiring: credentials as tokens
 * (`gss_export_cred`, `gss_import_cred`) and mechanism options set on a credential
 * (`gss_set_cred_option`).
 *
 * @module
 */

import type { CredImpExpApi, SetCredOptApi } from '../../../spec/api/ext-creds.js';
import type { Creds } from '../../../spec/handles.js';
import type { OID } from '../../../spec/oid.js';
import { ExtensionOid } from '../../../spec/oids.js';
import { bytesArgument, oidArgument } from '../arguments.js';
import { cPrototype } from '../library.js';
import { inOid, outBuffer } from '../memory.js';
import { toPointer } from '../results.js';
import type { ExtensionModule } from './module.js';

/** The C prototypes of these extensions (MIT `gssapi_ext.h`). */
const PROTOTYPES = {
  gss_export_cred: cPrototype(
    'gss_export_cred',
    '_Out_ uint32_t *minor',
    'void *cred',
    '_Out_ gss_buffer_desc *token',
  ),
  gss_import_cred: cPrototype(
    'gss_import_cred',
    '_Out_ uint32_t *minor',
    'gss_buffer_desc *token',
    '_Out_ void **cred',
  ),
  gss_set_cred_option: cPrototype(
    'gss_set_cred_option',
    '_Out_ uint32_t *minor',
    '_Inout_ void **cred',
    'gss_OID_desc *option',
    'gss_buffer_desc *value',
  ),
} as const;

/** `credImpExp`: credentials as tokens. */
export const credImpExp: ExtensionModule<'credImpExp'> = {
  extension: 'credImpExp',
  symbols: ['gss_export_cred', 'gss_import_cred'],
  create({ library, memory, status, handles }): CredImpExpApi {
    const exportCred = library.bind(PROTOTYPES.gss_export_cred);
    const importCred = library.bind(PROTOTYPES.gss_import_cred);

    return {
      exportCred(creds) {
        const pointer = handles.pointer(creds, 'creds', 'exportCred');
        const minor = [0];
        const token = outBuffer();

        const major = exportCred(minor, pointer, token);
        const bytes = memory.takeBuffer(token);
        status.check('exportCred', major, minor[0] ?? 0);
        return bytes;
      },

      importCred(token) {
        const input = bytesArgument(token, 'the token', 'importCred');
        const minor = [0];
        const out: unknown[] = [null];

        const major = importCred(minor, input, out);
        status.check('importCred', major, minor[0] ?? 0);
        return handles.create('creds', toPointer(out[0]));
      },
    };
  },
};

/**
 * MIT krb5 options whose value is a C structure of pointers (`gssapi_krb5.c`,
 * `krb5_gssspi_set_cred_option_ops`): a value of the right size is dereferenced as memory
 * addresses, so they are only reached through their own functions (`krb5ImportCred`,
 * `krb5SetAllowableEnctypes`, ...).
 */
const POINTER_OPTIONS = [
  ExtensionOid.krb5CopyCcache,
  ExtensionOid.krb5SetAllowableEnctypes,
  ExtensionOid.krb5SetCredRcache,
  ExtensionOid.krb5ImportCred,
];

/** Whether `oid` starts with `prefix`, as MIT matches option OIDs (`g_OID_prefix_equal`). */
function hasPrefix(oid: OID, prefix: OID): boolean {
  return oid.length >= prefix.length && prefix.bytes.every((byte, i) => oid.bytes[i] === byte);
}

/** `setCredOpt`: gss_set_cred_option. */
export const setCredOpt: ExtensionModule<'setCredOpt'> = {
  extension: 'setCredOpt',
  // MIT also exports `gssspi_set_cred_option`, the 1.7 form that takes the credential by value
  // and so cannot make one; python-gssapi calls `gss_set_cred_option`, as here.
  symbols: ['gss_set_cred_option'],
  create({ library, status, handles }): SetCredOptApi {
    const setCredOption = library.bind(PROTOTYPES.gss_set_cred_option);

    return {
      setCredOption(desiredAspect, options = {}) {
        const operation = 'setCredOption';
        const oid = oidArgument(desiredAspect, 'desiredAspect', operation);
        const creds = options.creds ?? null;
        const cred = [handles.optionalPointer(creds, 'creds', operation)];
        const value = bytesArgument(options.value ?? new Uint8Array(0), 'value', operation);
        checkOption(oid, creds, operation);
        const minor = [0];

        const major = setCredOption(minor, cred, inOid(oid), value);
        status.check(operation, major, minor[0] ?? 0);
        const pointer = toPointer(cred[0]);
        if (creds === null) return handles.create('creds', pointer);
        if (pointer !== handles.pointer(creds, 'creds', operation)) handles.update(creds, pointer);
        return creds;
      },
    };
  },
};

/**
 * Refuses the krb5 options MIT would crash on: those carrying C pointers, and the others
 * without a credential (its krb5 mechanism writes into the credential it was not given).
 * @throws {TypeError} for those.
 */
function checkOption(oid: OID, creds: Creds | null, operation: string): void {
  if (POINTER_OPTIONS.some((prefix) => hasPrefix(oid, prefix))) {
    throw new TypeError(
      `${operation}: option ${oid.dottedForm} takes C pointers in its value; use the krb5 ` +
        'extension function for it',
    );
  }
  if (creds === null && hasPrefix(oid, ExtensionOid.krb5CredNoCiFlagsX)) {
    throw new TypeError(
      `${operation}: option ${oid.dottedForm} needs a credential (MIT's krb5 mechanism sets ` +
        'it on the credential given, and has none without one)',
    );
  }
}
