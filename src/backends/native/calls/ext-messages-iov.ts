/**
 * The C side of the IOV calls: an {@link IOV} copied into a `gss_iov_buffer_desc` array in C
 * memory this module allocates (`koffi.alloc`), since the library reads and fills the buffers
 * in place, and copied back into the IOV (`IOV.fill`) afterwards. Buffers the library allocated
 * are released with `gss_release_iov_buffer` and ours are freed, on every path.
 *
 * @module
 */

import koffi from 'koffi';
import {
  GSS_IOV_BUFFER_FLAG_ALLOCATE,
  GSS_IOV_BUFFER_FLAG_ALLOCATED,
} from '../../../spec/flags.js';
import { IOV } from '../../../spec/iov.js';
import { GSS_S_COMPLETE } from '../../../spec/status.js';
import { type CFunction, gssIovBufferDesc } from '../library.js';
import { copyFromC, copyToC } from '../memory.js';

/** A `gss_iov_buffer_desc` as koffi reads it back. */
interface IovDesc {
  type: number;
  buffer: { length: number | bigint; value: bigint | null };
}

/** The outcome of one C call: its major and minor status. */
export interface Status {
  readonly major: number;
  readonly minor: number;
}

/**
 * Runs `call` over a C copy of `message`, then copies every buffer back into `message` when
 * the call succeeded (`copyBack`), and releases all C memory whatever happened.
 * @throws {TypeError} when `message` is not an IOV.
 */
export function withIov(
  releaseIov: CFunction,
  message: unknown,
  operation: string,
  copyBack: boolean,
  call: (iov: bigint, count: number) => Status,
): Status {
  if (!(message instanceof IOV)) {
    throw new TypeError(`${operation}: expected message as an IOV, got ${typeof message}`);
  }
  const count = message.length;
  const owned: bigint[] = [];
  // koffi.alloc returns the address as a bigint; one element at least, for an empty IOV.
  const array = koffi.alloc(gssIovBufferDesc, Math.max(count, 1)) as bigint;

  try {
    const descs: IovDesc[] = [];
    for (const entry of message) {
      const flags = entry.allocate === true ? GSS_IOV_BUFFER_FLAG_ALLOCATE : 0;
      let value: bigint | null = null;
      if (entry.value !== null && entry.value.length > 0) {
        value = koffi.alloc('uint8_t', entry.value.length) as bigint; // an address, as above
        owned.push(value);
        copyToC(value, entry.value);
      }
      descs.push({ type: entry.type | flags, buffer: { length: entry.value?.length ?? 0, value } });
    }
    if (count > 0) koffi.encode(array, gssIovBufferDesc, descs, count);

    const status = call(array, count);
    if (copyBack && status.major === GSS_S_COMPLETE && count > 0) {
      // koffi decodes the array as the struct's plain objects.
      fillIov(message, koffi.decode(array, gssIovBufferDesc, count) as IovDesc[]);
    }
    return status;
  } finally {
    if (count > 0) releaseIov([0], array, count);
    for (const pointer of owned) koffi.free(pointer);
    koffi.free(array);
  }
}

/**
 * Copies the C buffers into `message`, as the reference reads them back: a buffer the library
 * sized but left without memory (the `_length` calls) becomes zeros; a buffer with neither
 * stays as it was.
 */
function fillIov(message: IOV, descs: readonly IovDesc[]): void {
  descs.forEach((desc, index) => {
    const length = Number(desc.buffer.length);
    const pointer = desc.buffer.value;
    const allocated = (desc.type & GSS_IOV_BUFFER_FLAG_ALLOCATED) !== 0;
    if (typeof pointer !== 'bigint' || pointer === 0n) {
      if (length > 0) message.fill(index, new Uint8Array(length), { allocated });
      return;
    }
    message.fill(index, copyFromC(pointer, length), { allocated });
  });
}
