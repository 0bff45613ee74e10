import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChannelBindings } from '../../src/spec/channel-bindings.js';
import { AddressType } from '../../src/spec/flags.js';

describe('ChannelBindings', () => {
  it('defaults every part to unspecified or absent, as GSS_C_AF_UNSPEC and empty buffers', () => {
    const bindings = new ChannelBindings();

    expect(bindings.initiatorAddressType).toBe(0);
    expect(bindings.acceptorAddressType).toBe(0);
    expect(bindings.initiatorAddress).toBeNull();
    expect(bindings.acceptorAddress).toBeNull();
    expect(bindings.applicationData).toBeNull();
  });

  it('keeps copies of its byte fields, in and out', () => {
    const data = Uint8Array.of(1, 2, 3);
    const bindings = new ChannelBindings({
      initiatorAddressType: AddressType.ip,
      initiatorAddress: Uint8Array.of(127, 0, 0, 1),
      applicationData: data,
    });
    data[0] = 9;
    const out = bindings.applicationData;
    if (out) out[1] = 9;

    expect(bindings.initiatorAddressType).toBe(2);
    expect(bindings.initiatorAddress).toEqual(Uint8Array.of(127, 0, 0, 1));
    expect(bindings.applicationData).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('rejects address types that are not 32-bit unsigned and bytes that are not Uint8Array', () => {
    expect(() => new ChannelBindings({ initiatorAddressType: -1 })).toThrow(RangeError);
    expect(() => new ChannelBindings({ acceptorAddressType: 2 ** 32 })).toThrow(RangeError);
    expect(() => new ChannelBindings({ applicationData: 'tls' as never })).toThrow(TypeError);
  });

  it('shows its parts in hex when inspected', () => {
    const bindings = new ChannelBindings({ applicationData: Uint8Array.of(0xab) });

    expect(inspect(bindings)).toBe('ChannelBindings(initiator 0:-, acceptor 0:-, application ab)');
  });
});
