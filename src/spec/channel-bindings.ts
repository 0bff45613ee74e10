/**
 * Channel bindings (RFC 2743 §1.1.6, RFC 2744 §3.11, `gss_channel_bindings_struct`).
 *
 * @module
 */

import { AddressType } from './flags.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** The parts of a set of channel bindings; every part is optional, as in the reference. */
export interface ChannelBindingsInit {
  /** The initiator's address type; absent means GSS_C_AF_UNSPEC (0). */
  readonly initiatorAddressType?: number | null;
  /** The initiator's address bytes. */
  readonly initiatorAddress?: Uint8Array | null;
  /** The acceptor's address type; absent means GSS_C_AF_UNSPEC (0). */
  readonly acceptorAddressType?: number | null;
  /** The acceptor's address bytes. */
  readonly acceptorAddress?: Uint8Array | null;
  /** Application data, such as a TLS channel binding (RFC 5929 `tls-server-end-point`). */
  readonly applicationData?: Uint8Array | null;
}

/**
 * Channel bindings: addresses and application data that both peers give, so that a context
 * is bound to the channel it was made over. Immutable; byte fields are copied in and out.
 */
export class ChannelBindings {
  /** The initiator's address type (GSS_C_AF_*), 0 when unspecified. */
  readonly initiatorAddressType: number;
  /** The acceptor's address type (GSS_C_AF_*), 0 when unspecified. */
  readonly acceptorAddressType: number;
  readonly #initiatorAddress: Uint8Array | null;
  readonly #acceptorAddress: Uint8Array | null;
  readonly #applicationData: Uint8Array | null;

  /**
   * @throws {RangeError} when an address type is not a 32-bit unsigned integer.
   * @throws {TypeError} when a byte field is not a Uint8Array.
   */
  constructor(init: ChannelBindingsInit = {}) {
    this.initiatorAddressType = addressType('initiatorAddressType', init.initiatorAddressType);
    this.acceptorAddressType = addressType('acceptorAddressType', init.acceptorAddressType);
    this.#initiatorAddress = bytesOrNull('initiatorAddress', init.initiatorAddress);
    this.#acceptorAddress = bytesOrNull('acceptorAddress', init.acceptorAddress);
    this.#applicationData = bytesOrNull('applicationData', init.applicationData);
  }

  /** The initiator's address (a copy), or null. */
  get initiatorAddress(): Uint8Array | null {
    return copyOrNull(this.#initiatorAddress);
  }

  /** The acceptor's address (a copy), or null. */
  get acceptorAddress(): Uint8Array | null {
    return copyOrNull(this.#acceptorAddress);
  }

  /** The application data (a copy), or null. */
  get applicationData(): Uint8Array | null {
    return copyOrNull(this.#applicationData);
  }

  [inspectSymbol](): string {
    const parts = [
      `initiator ${this.initiatorAddressType}:${hex(this.#initiatorAddress)}`,
      `acceptor ${this.acceptorAddressType}:${hex(this.#acceptorAddress)}`,
      `application ${hex(this.#applicationData)}`,
    ];
    return `ChannelBindings(${parts.join(', ')})`;
  }
}

function addressType(field: string, value: number | null | undefined): number {
  if (value === undefined || value === null) return AddressType.unspecified;
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`ChannelBindings: ${field} is a 32-bit unsigned integer, got ${value}`);
  }
  return value;
}

function bytesOrNull(field: string, value: Uint8Array | null | undefined): Uint8Array | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`ChannelBindings: ${field} is a Uint8Array, got ${typeof value}`);
  }
  return Uint8Array.from(value);
}

function copyOrNull(value: Uint8Array | null): Uint8Array | null {
  return value === null ? null : Uint8Array.from(value);
}

function hex(value: Uint8Array | null): string {
  if (value === null) return '-';
  return Array.from(value, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
