/**
 * The krb5 mechanism's GSS_Pseudo_random (RFC 4402 §2): PRF+ over one of the context's keys,
 * as MIT krb5 1.20 computes it (`krb5_gss_pseudo_random`, `prf.c`).
 *
 * @module
 */

import { type KeyBlock, prfOf } from '../../crypto/index.js';
import type { EstablishedContext } from './established-context.js';

/** GSS_C_PRF_KEY_FULL (RFC 4401 §2). */
export const PRF_KEY_FULL = 0;

/** GSS_C_PRF_KEY_PARTIAL (RFC 4401 §2). */
export const PRF_KEY_PARTIAL = 1;

/**
 * The key RFC 4402 §2 names for `prfKey`: for GSS_C_PRF_KEY_FULL the acceptor's subkey when
 * the acceptor asserted one, else the initiator's subkey; for GSS_C_PRF_KEY_PARTIAL the
 * initiator's subkey (the context key, which is the session key when there is no subkey).
 * @returns the key, or null for any other `prfKey` (MIT: EINVAL).
 */
export function prfKeyOf(context: EstablishedContext, prfKey: number): KeyBlock | null {
  if (prfKey === PRF_KEY_FULL) return context.acceptorSubkey ?? context.ctxKey;
  if (prfKey === PRF_KEY_PARTIAL) return context.ctxKey;
  return null;
}

/**
 * PRF+(K, L, S) of RFC 4402 §2: `T0 || T1 || ...` cut to `output.length` octets, with
 * `Tn = PRF(K, n || S)` and `n` a 32-bit big-endian counter from 0, as MIT counts (`prf.c`).
 * @param output where the octets go; its length is L.
 */
export function prfPlus(key: KeyBlock, input: Uint8Array, output: Uint8Array): Uint8Array {
  const prf = prfOf(key);
  const ns = new Uint8Array(4 + input.length);
  const counter = new DataView(ns.buffer);
  ns.set(input, 4);

  for (let offset = 0, n = 0; offset < output.length; n++) {
    counter.setUint32(0, n);
    const t = prf(ns);
    const take = Math.min(t.length, output.length - offset);
    output.set(t.subarray(0, take), offset);
    offset += take;
  }
  return output;
}
