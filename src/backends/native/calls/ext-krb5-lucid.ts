/**
 * MIT's lucid context (`gssapi_krb5.h`, `gss_krb5_lucid_context_v1_t`) read from C memory
 * into the API's {@link Krb5LucidContext}: the keys and sequence numbers a kernel or another
 * implementation needs to carry on with an exported context.
 *
 * @module
 */

import koffi from 'koffi';
import type { Krb5LucidContext } from '../../../spec/results.js';
import { gssKrb5LucidContextV1 } from '../library.js';
import { copyFromC } from '../memory.js';

/** `gss_krb5_lucid_key_t` as koffi reads it. */
interface LucidKey {
  type: number;
  length: number;
  data: bigint | null;
}

/** `gss_krb5_lucid_context_v1_t` as koffi reads it. */
interface LucidContextV1 {
  version: number;
  initiate: number;
  endtime: number;
  send_seq: number | bigint;
  recv_seq: number | bigint;
  protocol: number;
  rfc1964_kd: { sign_alg: number; seal_alg: number; ctx_key: LucidKey };
  cfx_kd: { have_acceptor_subkey: number; ctx_key: LucidKey; acceptor_subkey: LucidKey };
}

/** A copy of a lucid key's bytes. */
function keyBytes(key: LucidKey): Uint8Array {
  if (typeof key.data !== 'bigint' || key.data === 0n || key.length === 0) return new Uint8Array(0);
  return copyFromC(key.data, key.length);
}

/**
 * The lucid context at `pointer`, copied into JavaScript.
 * @throws {Error} when the library answered with a structure this backend cannot read.
 */
export function readLucidContext(pointer: bigint): Krb5LucidContext {
  const version = koffi.decode(pointer, 'uint32_t') as number; // the first field of every version
  if (version !== 1) {
    throw new Error(
      `krb5ExportLucidSecContext: expected a version 1 lucid context, got ${version}`,
    );
  }
  // koffi decodes the struct as a plain object with these fields.
  const lucid = koffi.decode(pointer, gssKrb5LucidContextV1) as LucidContextV1;
  const fields = {
    version: 1,
    isInitiator: lucid.initiate !== 0,
    endtime: lucid.endtime >>> 0,
    sendSeq: BigInt(lucid.send_seq),
    recvSeq: BigInt(lucid.recv_seq),
  } as const;

  if (lucid.protocol === 0) {
    const kd = lucid.rfc1964_kd;
    return {
      ...fields,
      protocol: 0,
      rfc1964Kd: {
        signAlg: kd.sign_alg,
        sealAlg: kd.seal_alg,
        keyType: kd.ctx_key.type,
        key: keyBytes(kd.ctx_key),
      },
      cfxKd: null,
    };
  }
  if (lucid.protocol === 1) {
    const kd = lucid.cfx_kd;
    const subkey = kd.have_acceptor_subkey !== 0;
    return {
      ...fields,
      protocol: 1,
      rfc1964Kd: null,
      cfxKd: {
        ctxKeyType: kd.ctx_key.type,
        ctxKey: keyBytes(kd.ctx_key),
        acceptorSubkeyType: subkey ? kd.acceptor_subkey.type : null,
        acceptorSubkey: subkey ? keyBytes(kd.acceptor_subkey) : null,
      },
    };
  }
  throw new Error(`krb5ExportLucidSecContext: expected protocol 0 or 1, got ${lucid.protocol}`);
}
