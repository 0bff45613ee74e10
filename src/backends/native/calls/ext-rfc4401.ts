/**
 * The RFC 4401 pseudo-random function over MIT: `gss_pseudo_random` (`gssapi_ext.h`), which
 * MIT's krb5 mechanism computes as RFC 4402 PRF+ (`prf.c`).
 *
 * @module
 */

import type { Rfc4401Api } from '../../../spec/api/ext-rfc4401.js';
import { GSS_S_COMPLETE } from '../../../spec/status.js';
import { bytesArgument, int32Argument, lengthArgument } from '../arguments.js';
import { cPrototype } from '../library.js';
import { outBuffer } from '../memory.js';
import type { NativeRuntime } from '../runtime.js';
import type { AnyExtensionModule } from './module.js';

const PROTOTYPES = {
  gss_pseudo_random: cPrototype(
    'gss_pseudo_random',
    '_Out_ uint32_t *minor',
    'void *context',
    'int prf_key',
    'gss_buffer_desc *prf_in',
    'intptr_t desired_output_len',
    '_Out_ gss_buffer_desc *prf_out',
  ),
} as const;

/** The `rfc4401` call of the native backend. */
function rfc4401Calls(runtime: NativeRuntime): Rfc4401Api {
  const { library, memory, status, handles } = runtime;
  const pseudoRandom = library.bind(PROTOTYPES.gss_pseudo_random);

  return {
    pseudoRandom(context, prfKey, prfIn, desiredOutputLength) {
      const operation = 'pseudoRandom';
      const pointer = handles.pointer(context, 'context', operation);
      const key = int32Argument(prfKey, 'prfKey', operation);
      const input = bytesArgument(prfIn, 'prfIn', operation);
      const length = lengthArgument(desiredOutputLength, 'desiredOutputLength', operation);
      const minor = [0];
      const output = outBuffer();

      const major = pseudoRandom(minor, pointer, key, input, length, output);
      const bytes = memory.takeBuffer(output);
      if (major !== GSS_S_COMPLETE) throw status.error(operation, major, minor[0] ?? 0);
      return bytes;
    },
  };
}

/** The `rfc4401` extension module. */
export const MODULES: readonly AnyExtensionModule[] = [
  { extension: 'rfc4401', symbols: ['gss_pseudo_random'], create: rfc4401Calls },
];
