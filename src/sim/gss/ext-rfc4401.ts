/**
 * The `rfc4401` extension of the sim (`gss_pseudo_random`): RFC 4402 PRF+ over the context's
 * key, with MIT krb5 1.20's answers (`g_prf.c`, `prf.c`).
 *
 * @module
 */

import type { Rfc4401Api } from '../../spec/api/ext-rfc4401.js';
import { bytesValue, int32Argument, lengthArgument } from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import { GSS_S_FAILURE } from '../../spec/status.js';
import { EINVAL, errorMessage, KG_INPUT_TOO_LONG } from '../errors/index.js';
import { prfKeyOf, prfPlus } from '../krb5/context/pseudo-random.js';
import { CONTEXTS, checkCall } from './context-state.js';
import type { SimParty } from './party.js';

/** The `rfc4401` extension of one party (the context decides whose keys are used). */
export function rfc4401Calls(party: SimParty): Rfc4401Api {
  const failure = (minor: number, operation: string) =>
    gssError(GSS_S_FAILURE, party.minors.map(minor), {
      operation,
      minorMessage: errorMessage(minor),
    });

  return {
    pseudoRandom(context, prfKey, prfIn, desiredOutputLength) {
      const operation = 'pseudoRandom';
      const state = CONTEXTS.get(context, operation);
      const which = int32Argument(prfKey, 'prfKey', operation);
      const input = bytesValue(prfIn, 'prfIn', operation);
      const length = lengthArgument(desiredOutputLength, 'desiredOutputLength', operation);
      checkCall(state, 'pseudoRandom', operation);
      const { established } = state;
      if (established === null) throw new Error(`${operation}: an established context, no keys`);

      const key = prfKeyOf(established, which);
      if (key === null) throw failure(EINVAL, operation);
      if (length === 0) return new Uint8Array(0);
      const output = allocate(length, () => failure(KG_INPUT_TOO_LONG, operation));
      return prfPlus(key, input, output);
    },
  };
}

/** `length` zero octets, or MIT's answer when its `malloc` fails: KG_INPUT_TOO_LONG. */
function allocate(length: number, tooLong: () => Error): Uint8Array {
  try {
    return new Uint8Array(length);
  } catch (error) {
    if (error instanceof RangeError) throw tooLong();
    throw error;
  }
}
