/**
 * Two ends of an RFC 4121 context made of random keys, for the per-message token tests.
 */

import { ENCTYPE_PROFILES, type Enctype, KeyBlock } from '../../../../src/sim/crypto/index.js';
import {
  createMessageProtection,
  type MessageProtection,
} from '../../../../src/sim/krb5/tokens/index.js';
import { createRandom } from '../../../../src/sim/random.js';
import { GssError } from '../../../../src/spec/errors.js';

/** The four enctypes the sim implements. */
export const ENCTYPES: readonly Enctype[] = ENCTYPE_PROFILES.map((profile) => profile.enctype);

/** How a pair is made. */
export interface SimPairOptions {
  readonly enctype: Enctype;
  readonly acceptorSubkey?: boolean;
  readonly replayDetection?: boolean;
  readonly outOfSequenceDetection?: boolean;
  readonly initiatorSeq?: bigint;
  readonly acceptorSeq?: bigint;
  readonly seed?: string;
}

/** Both ends of one context. */
export interface SimPair {
  readonly initiator: MessageProtection;
  readonly acceptor: MessageProtection;
}

/** A context between two sim ends, with keys and confounders from a seeded source. */
export function simPair(options: SimPairOptions): SimPair {
  const random = createRandom(options.seed ?? `pair ${options.enctype}`);
  const length = ENCTYPE_PROFILES.find((p) => p.enctype === options.enctype)?.keyLength ?? 0;
  const ctxKey = new KeyBlock(options.enctype, random.bytes(length));
  const acceptorSubkey =
    options.acceptorSubkey === false ? null : new KeyBlock(options.enctype, random.bytes(length));
  const initiatorSeq = options.initiatorSeq ?? 0x1234_5678n;
  const acceptorSeq = options.acceptorSeq ?? 0x0abc_def0n;
  const common = {
    ctxKey,
    acceptorSubkey,
    replayDetection: options.replayDetection ?? true,
    outOfSequenceDetection: options.outOfSequenceDetection ?? true,
    random: (n: number) => random.bytes(n),
  };

  return {
    initiator: createMessageProtection({
      ...common,
      initiator: true,
      sendSeq: initiatorSeq,
      recvSeq: acceptorSeq,
    }),
    acceptor: createMessageProtection({
      ...common,
      initiator: false,
      sendSeq: acceptorSeq,
      recvSeq: initiatorSeq,
    }),
  };
}

/** What a call did: its result, or the class and codes of the GssError it threw. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly name: string; readonly major: number; readonly minor: number };

/** Runs a call and describes its outcome; anything but a GssError is rethrown. */
export function outcome(action: () => unknown): Outcome {
  try {
    return { ok: true, value: action() };
  } catch (error) {
    if (error instanceof GssError) {
      return { ok: false, name: error.name, major: error.major, minor: error.minor };
    }
    throw error;
  }
}
