/**
 * `createSimGssApi()`: the `GssApi` of one party of a sim realm.
 *
 * @module
 */

import type { GssApi } from '../../spec/gss-api.js';
import { completeGssApi } from '../../spec/unavailable-api.js';
import { contextCalls } from './contexts.js';
import { credCalls } from './creds.js';
import { passwordCalls } from './ext-password.js';
import { SIM_BACKEND } from './handles.js';
import { mechCalls } from './mechs.js';
import { messageCalls } from './messages.js';
import { nameCalls } from './names.js';
import type { SimParty } from './party.js';

/**
 * The GSS-API of `party`: every core function and the `password` extension; the other
 * extensions throw `OperationUnavailableError` (see the README's known limits).
 */
export function createSimGssApi(party: SimParty): GssApi {
  return completeGssApi(
    SIM_BACKEND,
    {
      ...nameCalls(party),
      ...credCalls(party),
      ...contextCalls(party),
      ...messageCalls(party),
      ...mechCalls(party),
      ...passwordCalls(party),
    },
    ['password'],
  );
}
