/**
 * The bit names of KDCOptions, TicketFlags and APOptions (RFC 4120 §5.2.8, §5.3, §5.4.1,
 * §5.5.1), as 32-bit masks with bit 0 the most significant, as KerberosFlags are decoded and as
 * MIT's `KDC_OPT_*`, `TKT_FLG_*` and `AP_OPTS_*` define them.
 *
 * @module
 */

/** The mask of KerberosFlags bit `bit` (0 is the most significant of the 32). */
export function flagBit(bit: number): number {
  if (!Number.isInteger(bit) || bit < 0 || bit > 31) {
    throw new RangeError(`expected a KerberosFlags bit from 0 to 31, got ${bit}`);
  }
  return 2 ** (31 - bit);
}

/** KDCOptions (RFC 4120 §5.4.1, RFC 6806, RFC 4120 errata). */
export const KdcOptions = {
  forwardable: flagBit(1),
  forwarded: flagBit(2),
  proxiable: flagBit(3),
  proxy: flagBit(4),
  allowPostdate: flagBit(5),
  postdated: flagBit(6),
  renewable: flagBit(8),
  /** cname-in-addl-tkt (MS-SFU constrained delegation). */
  cnameInAddlTkt: flagBit(14),
  canonicalize: flagBit(15),
  /** request-anonymous (RFC 6112). */
  requestAnonymous: flagBit(16),
  disableTransitedCheck: flagBit(26),
  renewableOk: flagBit(27),
  encTktInSkey: flagBit(28),
  renew: flagBit(30),
  validate: flagBit(31),
} as const;

/** TicketFlags (RFC 4120 §5.3, RFC 6112, RFC 6113). */
export const TicketFlags = {
  forwardable: flagBit(1),
  forwarded: flagBit(2),
  proxiable: flagBit(3),
  proxy: flagBit(4),
  mayPostdate: flagBit(5),
  postdated: flagBit(6),
  invalid: flagBit(7),
  renewable: flagBit(8),
  initial: flagBit(9),
  preAuthent: flagBit(10),
  hwAuthent: flagBit(11),
  transitedPolicyChecked: flagBit(12),
  okAsDelegate: flagBit(13),
  /** enc-pa-rep (RFC 6806): the reply's encrypted part carries encrypted-pa-data. */
  encPaRep: flagBit(15),
  anonymous: flagBit(16),
} as const;

/** APOptions (RFC 4120 §5.5.1). */
export const ApOptions = {
  useSessionKey: flagBit(1),
  mutualRequired: flagBit(2),
} as const;

/** The names of the bits set in `flags`, from a table such as {@link TicketFlags}. */
export function flagNames<Name extends string>(
  table: Readonly<Record<Name, number>>,
  flags: number,
): Name[] {
  const names: Name[] = [];
  for (const [name, mask] of Object.entries<number>(table)) {
    // Object.entries of a Record<Name, number> yields its own keys, which are Names.
    if ((flags & mask) >>> 0 === mask) names.push(name as Name);
  }
  return names;
}
