/**
 * How the differential properties describe what a call did, so that the description is the
 * same on every backend when the backends agree: flags as names, context tokens by kind,
 * lifetimes relative to the user's TGT, and errors as their class, major status
 * (supplementary bits included) and minor status, where MIT's per-process renumbered minors
 * read `mapped`.
 *
 * Context-token lengths are left out (measured on MIT krb5 1.20.1): the authenticator and the
 * AP-REP carry a random sequence number and microseconds as DER integers, so the same call
 * gives lengths a byte or two apart on either backend; and MIT 1.20's KDC puts a PAC in every
 * ticket, which the sim's KDC does not, so MIT's AP-REQ is about 190 bytes longer. Exported
 * contexts differ in length for the same reasons and more (see the report of issue 5).
 */
import { ChannelBindings } from '../../src/spec/channel-bindings.js';
import { GssError } from '../../src/spec/errors.js';
import { RequirementFlag, type RequirementFlagSet } from '../../src/spec/flags.js';
import type { GssApi } from '../../src/spec/gss-api.js';
import type { Lifetime } from '../../src/spec/options.js';
import { mechglueMappedMinor } from '../conformance/flows.js';
import { type BindingsSpec, FLAG_NAMES } from './differential-scenario.js';

/** One normalised event of a run. */
export type Outcome = Readonly<Record<string, unknown>>;

/** A call's result, or what it threw as an {@link Outcome} with the error's token. */
export type Attempt<T> = { value: T } | { failure: Outcome; errorToken: Uint8Array | null };

/** The result of `call`, or what it threw. */
export function attempt<T>(call: () => T): Attempt<T> {
  try {
    return { value: call() };
  } catch (error) {
    const errorToken = error instanceof GssError ? error.token : null;
    return { failure: errorOutcome(error), errorToken };
  }
}

/** A `GssError` or a caller's error, as data; anything else is thrown again. */
export function errorOutcome(error: unknown): Outcome {
  if (error instanceof GssError) {
    return {
      error: error.name,
      major: `0x${error.major.toString(16)}`,
      minor: mechglueMappedMinor(error.minor) ? 'mapped' : error.minor,
      minorMessages: error.minorMessages,
      token: tokenKind(error.token),
    };
  }
  if (error instanceof TypeError || error instanceof RangeError) {
    return { thrown: error.name, message: error.message };
  }
  throw error;
}

/** Where the mechanism OID's tag (0x06) is in an RFC 2743 §3.1 framed token. */
function oidTagOffset(token: Uint8Array): number {
  const first = token[1] ?? 0;
  return 1 + (first < 0x80 ? 1 : 1 + (first & 0x7f));
}

/**
 * What a context token is: `framed` and its RFC 4121 §4.1 TOK_ID, or (DCE style) `raw` and
 * its RFC 4120 APPLICATION tag.
 */
export function tokenKind(token: Uint8Array | null): string | null {
  if (token === null) return null;
  if (token[0] !== 0x60) return `raw ${hex2(token[0] ?? 0)}`;
  const oid = oidTagOffset(token);
  const tokId = oid + 2 + (token[oid + 1] ?? 0);
  return `framed ${Array.from(token.subarray(tokId, tokId + 2), hex2).join('')}`;
}

/**
 * The bytes of a context token that are the same on every realm, as `[start, end)`: the
 * mechanism OID and the TOK_ID of a framed token, the APPLICATION tag of a raw one.
 */
export function sharedHead(token: Uint8Array): [number, number] {
  if (token[0] !== 0x60) return [0, 1];
  const oid = oidTagOffset(token);
  return [oid, oid + 2 + (token[oid + 1] ?? 0) + 2];
}

const hex2 = (byte: number): string => byte.toString(16).padStart(2, '0');

function fromHex(text: string | null): Uint8Array | null {
  if (text === null) return null;
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** The channel bindings a scenario describes, or null. */
export function bindingsOf(spec: BindingsSpec | null): ChannelBindings | null {
  if (spec === null) return null;
  return new ChannelBindings({
    initiatorAddressType: spec.initiatorAddressType,
    initiatorAddress: fromHex(spec.initiatorAddress),
    acceptorAddressType: spec.acceptorAddressType,
    acceptorAddress: fromHex(spec.acceptorAddress),
    applicationData: fromHex(spec.applicationData),
  });
}

/** The names of the flags in `set`, in bit order, then any unnamed bits in hex. */
export function flagNames(set: RequirementFlagSet | null): string[] | null {
  if (set === null) return null;
  const names = FLAG_NAMES.filter((name) => set.has(RequirementFlag[name]));
  const named = names.reduce((sum, name) => sum + RequirementFlag[name], 0);
  const unnamed = Number(set) & ~named;
  return unnamed === 0 ? names : [...names, `0x${unnamed.toString(16)}`];
}

/**
 * A lifetime as `indefinite`, `0`, or whole minutes beyond what remains of the user's TGT
 * (the service ticket ends with it; MIT's acceptor adds its clock skew). Minutes keep a
 * second's drift between the two realms out of the comparison.
 */
export function lifetimeClass(lifetime: Lifetime, ticket: number): string | number {
  if (lifetime === null) return 'indefinite';
  if (lifetime === 0) return 0;
  const minutes = Math.round((lifetime - ticket) / 60);
  return minutes === 0 ? 'ticket' : `ticket${minutes > 0 ? '+' : ''}${minutes}min`;
}

/** What remains of the user's TGT, in seconds. */
export function ticketLifetime(gss: GssApi): number {
  const { creds } = gss.acquireCred({ usage: 'initiate' });
  const { lifetime } = gss.inquireCred(creds, { lifetime: true });
  gss.releaseCred(creds);
  if (lifetime === null) throw new Error('the user TGT has no end');
  return lifetime;
}
