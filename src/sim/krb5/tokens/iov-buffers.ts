/**
 * The buffers of an IOV call as MIT's krb5 mechanism sees them (`gss_iov_buffer_desc`): a
 * type, the ALLOCATE flag, a pointer and a length. The IOV calls read and write them in place,
 * shorten them, point one into another (a STREAM unwrap) or allocate them, so they are
 * modelled here as views over shared memory, and copied into the caller's {@link IOV} the way
 * the native backend copies MIT's buffers back (`ext-messages-iov.ts`).
 *
 * @module
 */

import { GSS_IOV_BUFFER_FLAG_ALLOCATE, IOVBufferType } from '../../../spec/flags.js';
import type { IOV } from '../../../spec/iov.js';

/** One buffer during an IOV call. */
export interface IovSlot {
  /** The buffer type, without flags. */
  readonly type: IOVBufferType;
  /** GSS_IOV_BUFFER_FLAG_ALLOCATE: the mechanism is to allocate it. */
  readonly allocate: boolean;
  /** The memory the buffer points to, or null for a NULL pointer. */
  memory: Uint8Array | null;
  /** The buffer length, which the mechanism may change. */
  length: number;
  /** GSS_IOV_BUFFER_FLAG_ALLOCATED: the mechanism allocated it. */
  allocated: boolean;
}

/**
 * The slots of `iov`, each over a copy of its buffer's octets: a buffer without octets is a
 * NULL pointer of length 0, as the native backend passes it.
 */
export function slotsOf(iov: IOV): IovSlot[] {
  return [...iov].map((entry) => {
    const value = entry.value;
    return {
      type: entry.type,
      allocate: entry.allocate === true,
      memory: value === null || value.length === 0 ? null : Uint8Array.from(value),
      length: value?.length ?? 0,
      allocated: false,
    };
  });
}

/** The C type words of `iov` (type | ALLOCATE), which `checkIovLayout` reads. */
export function typeWords(iov: IOV): number[] {
  return [...iov].map(
    (entry) => entry.type | (entry.allocate === true ? GSS_IOV_BUFFER_FLAG_ALLOCATE : 0),
  );
}

/**
 * Writes the slots back into `iov` as the native backend reads MIT's buffers back: a buffer
 * with memory gets its first `length` octets, one with a NULL pointer and a length gets zeros,
 * one with neither stays as it was; a buffer the mechanism allocated is marked allocated.
 */
export function fillIov(iov: IOV, slots: readonly IovSlot[]): void {
  slots.forEach((slot, index) => {
    const allocated = slot.allocated;
    if (slot.memory === null) {
      if (slot.length > 0) iov.fill(index, new Uint8Array(slot.length), { allocated });
      return;
    }
    iov.fill(index, slot.memory.slice(0, slot.length), { allocated });
  });
}

/**
 * The one slot of `type` (`kg_locate_iov`): null when there is none or more than one.
 */
export function locate(slots: readonly IovSlot[], type: IOVBufferType): IovSlot | null {
  let found: IovSlot | null = null;
  for (const slot of slots) {
    if (slot.type !== type) continue;
    if (found !== null) return null;
    found = slot;
  }
  return found;
}

/** The octets of a slot (a view: writes go to the slot's memory). */
export function octets(slot: IovSlot): Uint8Array {
  return slot.memory === null ? new Uint8Array(slot.length) : slot.memory.subarray(0, slot.length);
}

/** Gives a slot fresh memory of `size` zero octets (`kg_allocate_iov`). */
export function allocateSlot(slot: IovSlot, size: number): void {
  slot.memory = new Uint8Array(size);
  slot.length = size;
  slot.allocated = true;
}

/** Points a slot at nothing (`INIT_IOV_DATA`). */
export function clearSlot(slot: IovSlot): void {
  slot.memory = null;
  slot.length = 0;
}

/**
 * `kg_iov_msglen`: the octets of the DATA and SIGN_ONLY buffers, and of the SIGN_ONLY ones.
 */
export function messageLengths(slots: readonly IovSlot[]): { data: number; assoc: number } {
  let data = 0;
  let assoc = 0;
  for (const slot of slots) {
    if (slot.type === IOVBufferType.signOnly) assoc += slot.length;
    if (slot.type === IOVBufferType.data || slot.type === IOVBufferType.signOnly) {
      data += slot.length;
    }
  }
  return { data, assoc };
}

/** `kg_integ_only_iov`: there is no DATA buffer, so nothing can be encrypted. */
export function integrityOnly(slots: readonly IovSlot[]): boolean {
  return !slots.some((slot) => slot.type === IOVBufferType.data);
}

/**
 * How a buffer takes part in RFC 3961 crypto (`kg_translate_flag_iov`): DATA and PADDING are
 * encrypted and signed, SIGN_ONLY only signed, every other type ignored.
 */
export function cryptoRole(type: IOVBufferType): 'data' | 'signOnly' | null {
  if (type === IOVBufferType.data || type === IOVBufferType.padding) return 'data';
  if (type === IOVBufferType.signOnly) return 'signOnly';
  return null;
}
