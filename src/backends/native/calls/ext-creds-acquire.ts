/**
 * Acquiring credentials other than from the default stores: S4U2Self impersonation
 * (`gss_acquire_cred_impersonate_name`, `gss_add_cred_impersonate_name`, MS-SFU §3.2.5.1.1)
 * and a password (`gss_acquire_cred_with_password`, `gss_add_cred_with_password`).
 *
 * @module
 */

import type { PasswordAddApi, PasswordApi, S4uApi } from '../../../spec/api/ext-creds.js';
import { nulFreeText, nullableUsageArgument, oidArgument } from '../arguments.js';
import { cPrototype } from '../library.js';
import { type BufferDesc, inBuffer, inOid } from '../memory.js';
import { acquireArguments, addArguments, credCallShapes } from './ext-creds-calls.js';
import type { ExtensionModule } from './module.js';

/** The C prototypes of these extensions (MIT `gssapi_ext.h`). */
const PROTOTYPES = {
  gss_acquire_cred_impersonate_name: cPrototype(
    'gss_acquire_cred_impersonate_name',
    '_Out_ uint32_t *minor',
    'void *impersonator',
    'void *name',
    'uint32_t time_req',
    'gss_OID_set_desc *mechs',
    'int usage',
    '_Out_ void **cred',
    '_Out_ void **actual_mechs',
    '_Out_ uint32_t *time_rec',
  ),
  gss_add_cred_impersonate_name: cPrototype(
    'gss_add_cred_impersonate_name',
    '_Out_ uint32_t *minor',
    'void *input_cred',
    'void *impersonator',
    'void *name',
    'gss_OID_desc *mech',
    'int usage',
    'uint32_t init_time_req',
    'uint32_t accept_time_req',
    '_Out_ void **cred',
    '_Out_ void **actual_mechs',
    '_Out_ uint32_t *init_time_rec',
    '_Out_ uint32_t *accept_time_rec',
  ),
  gss_acquire_cred_with_password: cPrototype(
    'gss_acquire_cred_with_password',
    '_Out_ uint32_t *minor',
    'void *name',
    'gss_buffer_desc *password',
    'uint32_t time_req',
    'gss_OID_set_desc *mechs',
    'int usage',
    '_Out_ void **cred',
    '_Out_ void **actual_mechs',
    '_Out_ uint32_t *time_rec',
  ),
  gss_add_cred_with_password: cPrototype(
    'gss_add_cred_with_password',
    '_Out_ uint32_t *minor',
    'void *input_cred',
    'void *name',
    'gss_OID_desc *mech',
    'gss_buffer_desc *password',
    'int usage',
    'uint32_t init_time_req',
    'uint32_t accept_time_req',
    '_Out_ void **cred',
    '_Out_ void **actual_mechs',
    '_Out_ uint32_t *init_time_rec',
    '_Out_ uint32_t *accept_time_rec',
  ),
} as const;

/**
 * A password buffer; MIT copies it as a C string, so a NUL byte is refused.
 * @throws {TypeError} when not a Uint8Array or string, or when it holds a NUL byte.
 */
function passwordArgument(password: unknown, operation: string): BufferDesc {
  return inBuffer(nulFreeText(password, 'the password', operation));
}

/** `s4u`: S4U2Self impersonation (MS-SFU §3.2.5.1.1). */
export const s4u: ExtensionModule<'s4u'> = {
  extension: 's4u',
  symbols: ['gss_acquire_cred_impersonate_name', 'gss_add_cred_impersonate_name'],
  create(runtime): S4uApi {
    const { library, handles } = runtime;
    const acquire = library.bind(PROTOTYPES.gss_acquire_cred_impersonate_name);
    const add = library.bind(PROTOTYPES.gss_add_cred_impersonate_name);
    const shapes = credCallShapes(runtime);

    return {
      acquireCredImpersonateName(impersonatorCred, name, options = {}) {
        const operation = 'acquireCredImpersonateName';
        const impersonator = handles.pointer(impersonatorCred, 'creds', operation);
        const namePointer = handles.pointer(name, 'name', operation);
        const { time, mechs } = acquireArguments(options, operation);
        const usage = nullableUsageArgument(options.usage, 'initiate', operation);

        return shapes.acquire(operation, acquire, [impersonator, namePointer, time, mechs, usage]);
      },

      addCredImpersonateName(inputCred, impersonatorCred, name, mech, options = {}) {
        const operation = 'addCredImpersonateName';
        const input = handles.optionalPointer(inputCred, 'creds', operation);
        const impersonator = handles.pointer(impersonatorCred, 'creds', operation);
        const namePointer = handles.pointer(name, 'name', operation);
        const mechDesc = inOid(oidArgument(mech, 'mech', operation));
        const args = addArguments(options, 'initiate', operation);

        return shapes.add(operation, add, [input, impersonator, namePointer, mechDesc, ...args]);
      },
    };
  },
};

/** `password`: gss_acquire_cred_with_password. */
export const password: ExtensionModule<'password'> = {
  extension: 'password',
  symbols: ['gss_acquire_cred_with_password'],
  create(runtime): PasswordApi {
    const acquire = runtime.library.bind(PROTOTYPES.gss_acquire_cred_with_password);
    const shapes = credCallShapes(runtime);

    return {
      acquireCredWithPassword(name, secret, options = {}) {
        const operation = 'acquireCredWithPassword';
        const namePointer = runtime.handles.pointer(name, 'name', operation);
        const passwordBuffer = passwordArgument(secret, operation);
        const { time, mechs } = acquireArguments(options, operation);
        const usage = nullableUsageArgument(options.usage, 'initiate', operation);

        return shapes.acquire(operation, acquire, [
          namePointer,
          passwordBuffer,
          time,
          mechs,
          usage,
        ]);
      },
    };
  },
};

/** `passwordAdd`: gss_add_cred_with_password. */
export const passwordAdd: ExtensionModule<'passwordAdd'> = {
  extension: 'passwordAdd',
  symbols: ['gss_add_cred_with_password'],
  create(runtime): PasswordAddApi {
    const add = runtime.library.bind(PROTOTYPES.gss_add_cred_with_password);
    const shapes = credCallShapes(runtime);

    return {
      addCredWithPassword(inputCred, name, mech, secret, options = {}) {
        const operation = 'addCredWithPassword';
        const input = runtime.handles.pointer(inputCred, 'creds', operation);
        const namePointer = runtime.handles.pointer(name, 'name', operation);
        const mechDesc = inOid(oidArgument(mech, 'mech', operation));
        const passwordBuffer = passwordArgument(secret, operation);
        const args = addArguments(options, 'initiate', operation);

        return shapes.add(operation, add, [input, namePointer, mechDesc, passwordBuffer, ...args]);
      },
    };
  },
};
