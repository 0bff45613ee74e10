/** The KDCOptions, TicketFlags and APOptions masks are MIT's `KDC_OPT_*`, `TKT_FLG_*`, `AP_OPTS_*`. */
import { describe, expect, it } from 'vitest';
import {
  ApOptions,
  flagBit,
  flagNames,
  KdcOptions,
  TicketFlags,
} from '../../../../src/sim/krb5/messages/flags.js';

describe('Kerberos flag names', () => {
  it('numbers bit 0 as the most significant of 32', () => {
    expect(flagBit(0)).toBe(0x80000000);
    expect(flagBit(31)).toBe(1);
    expect(() => flagBit(32)).toThrow(RangeError);
  });

  it('gives the KDCOptions masks of MIT krb5.h', () => {
    expect(KdcOptions).toMatchObject({
      forwardable: 0x40000000,
      renewable: 0x00800000,
      cnameInAddlTkt: 0x00020000,
      canonicalize: 0x00010000,
      requestAnonymous: 0x00008000,
      disableTransitedCheck: 0x20,
      renewableOk: 0x10,
      encTktInSkey: 0x8,
      renew: 0x2,
      validate: 0x1,
    });
  });

  it('gives the TicketFlags masks of MIT krb5.h', () => {
    expect(TicketFlags).toMatchObject({
      forwardable: 0x40000000,
      invalid: 0x01000000,
      initial: 0x00400000,
      preAuthent: 0x00200000,
      transitedPolicyChecked: 0x00080000,
      okAsDelegate: 0x00040000,
      encPaRep: 0x00010000,
      anonymous: 0x00008000,
    });
    expect(ApOptions).toEqual({ useSessionKey: 0x40000000, mutualRequired: 0x20000000 });
  });

  it('names the bits set in a flags word', () => {
    expect(flagNames(TicketFlags, 0x40e10000)).toEqual([
      'forwardable',
      'renewable',
      'initial',
      'preAuthent',
      'encPaRep',
    ]);
    expect(flagNames(ApOptions, 0)).toEqual([]);
  });
});
