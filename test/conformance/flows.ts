/**
 * What the conformance tests share: the realm's host service as a target name, a whole context
 * establishment between the realm's user and host, and an assertion on a `GssError`'s class and
 * codes. Written against the `Realm` interface only, so it serves every backend alike.
 */
import { expect } from 'vitest';
import type { ChannelBindings } from '../../src/spec/channel-bindings.js';
import { GssError } from '../../src/spec/errors.js';
import type { FlagsInput, RequirementFlag } from '../../src/spec/flags.js';
import type { Creds, Name, SecurityContext } from '../../src/spec/handles.js';
import { NameType } from '../../src/spec/oids.js';
import type { Realm } from '../../src/spec/realm.js';
import type { AcceptSecContextResult, InitSecContextResult } from '../../src/spec/results.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of `text`. */
export const bytes = (text: string): Uint8Array => encoder.encode(text);

/** `bytes` as UTF-8 text. */
export const text = (value: Uint8Array): string => decoder.decode(value);

/** The printable form of a name. */
export function displayed(realm: Realm, name: Name | null): string | null {
  return name === null ? null : text(realm.gss.displayName(name).name);
}

/** `host@<hostname>` as a host-based service name: the realm's host principal as a target. */
export function hostTarget(realm: Realm): Name {
  return realm.gss.importName(`host@${realm.hostname}`, { nameType: NameType.hostbasedService });
}

/** How {@link establish} runs. */
export interface EstablishOptions {
  readonly flags?: FlagsInput<RequirementFlag> | null;
  readonly initiatorCreds?: Creds | null;
  readonly acceptorCreds?: Creds | null;
  readonly initiatorBindings?: ChannelBindings | null;
  readonly acceptorBindings?: ChannelBindings | null;
  readonly target?: Name;
}

/** Both contexts of a finished establishment and every step's result, in order. */
export interface Established {
  readonly initiator: SecurityContext;
  readonly acceptor: SecurityContext;
  readonly initSteps: readonly InitSecContextResult[];
  readonly acceptSteps: readonly AcceptSecContextResult[];
  /** Every token sent, initiator first, alternating. */
  readonly tokens: readonly Uint8Array[];
}

/** The most legs a krb5 establishment takes (DCE style). */
const MAX_LEGS = 4;

/**
 * Runs `initSecContext` and `acceptSecContext` in turn, passing tokens, until neither side
 * needs more. Throws whatever a step throws.
 */
export function establish(realm: Realm, options: EstablishOptions = {}): Established {
  const { gss } = realm;
  const target = options.target ?? hostTarget(realm);
  const initSteps: InitSecContextResult[] = [];
  const acceptSteps: AcceptSecContextResult[] = [];
  const tokens: Uint8Array[] = [];
  let initiator: SecurityContext | null = null;
  let acceptor: SecurityContext | null = null;
  let input: Uint8Array | null = null;
  let initDone = false;
  let acceptDone = false;

  for (let leg = 0; leg < MAX_LEGS && !(initDone && acceptDone); leg++) {
    if (!initDone) {
      const step = gss.initSecContext(target, {
        creds: options.initiatorCreds ?? null,
        context: initiator,
        flags: options.flags ?? null,
        channelBindings: options.initiatorBindings ?? null,
        inputToken: input,
      });
      initSteps.push(step);
      initiator = step.context;
      initDone = !step.moreSteps;
      input = step.token;
      if (input !== null) tokens.push(input);
    }
    if (input === null) break;
    const step = gss.acceptSecContext(input, {
      acceptorCreds: options.acceptorCreds ?? null,
      context: acceptor,
      channelBindings: options.acceptorBindings ?? null,
    });
    acceptSteps.push(step);
    acceptor = step.context;
    acceptDone = !step.moreSteps;
    input = step.token;
    if (input !== null) tokens.push(input);
    if (input === null && !initDone) throw new Error('the initiator waits for a token never sent');
  }
  if (initiator === null || acceptor === null || !initDone || !acceptDone) {
    throw new Error(`establishment did not finish in ${MAX_LEGS} legs`);
  }
  return { initiator, acceptor, initSteps, acceptSteps, tokens };
}

/** What a `GssError` is expected to carry. */
export interface ExpectedError {
  /** The class, checked by name so that a more specific class does not pass. */
  readonly name: string;
  readonly major: number;
  /** The minor status, or a predicate for one MIT's mechglue numbers per process. */
  readonly minor: number | ((minor: number) => boolean);
  /** The minor status texts, as `gss_display_status` gives them. */
  readonly minorMessages: readonly string[];
}

/**
 * MIT's mechglue gives a minor status that another mechanism already used a number of its
 * own, counting up from 100001 in the order the process meets them (`util_errmap.c`,
 * `next_fake`). Such a minor is only known up to that order; its text is exact.
 */
export const mechglueMappedMinor = (minor: number): boolean => minor > 100_000 && minor < 101_000;

/** Runs `fn`, expects it to throw a `GssError` like `expected`, and returns the error. */
export function expectGssError(fn: () => unknown, expected: ExpectedError): GssError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof GssError)) {
    throw new Error(`expected a ${expected.name}, got ${String(thrown)}`);
  }
  const error = thrown;
  expect(error.name).toBe(expected.name);
  expect(error.major).toBe(expected.major);
  if (typeof expected.minor === 'number') expect(error.minor).toBe(expected.minor);
  else expect(expected.minor(error.minor), `minor ${error.minor}`).toBe(true);
  expect(error.minorMessages).toEqual(expected.minorMessages);
  return error;
}

/** Runs `fn` and expects a `TypeError`. */
export function expectTypeError(fn: () => unknown): void {
  expect(fn).toThrow(TypeError);
}

/** The DER length octets of RFC 2743 §3.1 at `offset`: the length and the octets it took. */
export function derLength(token: Uint8Array, offset: number): { length: number; size: number } {
  const first = token[offset] ?? 0;
  if (first < 0x80) return { length: first, size: 1 };
  const count = first & 0x7f;
  let length = 0;
  for (let index = 1; index <= count; index++) length = length * 256 + (token[offset + index] ?? 0);
  return { length, size: 1 + count };
}

/**
 * The parts of an RFC 2743 §3.1 initial-context token: `0x60`, a DER length covering the
 * rest, the mechanism OID with its `06` tag, then the mechanism's bytes.
 */
export function frame(token: Uint8Array): { oid: Uint8Array; inner: Uint8Array; total: number } {
  const outer = derLength(token, 1);
  const oidStart = 1 + outer.size;
  const oidLength = token[oidStart + 1] ?? 0;
  const innerStart = oidStart + 2 + oidLength;
  return {
    oid: token.subarray(oidStart, innerStart),
    inner: token.subarray(innerStart),
    total: outer.length,
  };
}
