/**
 * Tampering with per-message tokens, as a property: every single-bit flip of a MIC or Wrap
 * token is rejected with a `GssError`, in both directions, sealed or not, whatever the
 * message size. One exception, which MIT 1.20 shares bit for bit (measured with the native
 * backend, and pinned on both backends in test/conformance/messages.test.ts): RFC 4121's RRC
 * field is not protected, so a flip that changes the rotation by a multiple of the rotated
 * length leaves the token as it was, and it unwraps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSimRealm } from '../../src/sim/index.js';
import { GssError } from '../../src/spec/errors.js';
import { RequirementFlag } from '../../src/spec/flags.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import { establish } from '../conformance/flows.js';

const RUNS = Number(process.env.GSSAPI_SIM_RUNS ?? 30);
/** RFC 4121 §4.2.6: a token's header is 16 octets; RRC is octets 6 and 7. */
const HEADER = 16;
const RRC_OFFSET = 6;

const realm = buildSimRealm({ seed: 'tamper', now: Date.UTC(2026, 0, 1) });
const { gss } = realm;
// Without replay detection, so that a token accepted once is accepted again.
const pair = establish(realm, { flags: RequirementFlag.mutualAuthentication });

/** The RRC of a token with one bit flipped, and whether it rotates the same as before. */
function sameRotation(token: Uint8Array, flipped: Uint8Array): boolean {
  const rrc = (bytes: Uint8Array) => ((bytes[RRC_OFFSET] ?? 0) << 8) | (bytes[RRC_OFFSET + 1] ?? 0);
  const body = token.length - HEADER;
  return rrc(token) !== rrc(flipped) && (rrc(flipped) - rrc(token)) % body === 0;
}

function flip(token: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(token);
  copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return copy;
}

/** Runs `check` and returns what it threw, or null. */
function thrown(check: () => unknown): unknown {
  try {
    check();
    return null;
  } catch (error) {
    return error;
  }
}

describe('every single-bit flip of a token is rejected (sim)', () => {
  const ends = (fromInitiator: boolean): [SecurityContext, SecurityContext] =>
    fromInitiator ? [pair.initiator, pair.acceptor] : [pair.acceptor, pair.initiator];

  it('Wrap tokens, sealed or not, except an RRC flip that rotates the same', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.uint8Array({ maxLength: 300 }),
        (fromInitiator, confidential, message) => {
          const [sender, receiver] = ends(fromInitiator);
          const token = gss.wrap(sender, message, { confidential }).message;
          for (let bit = 0; bit < token.length * 8; bit++) {
            const flipped = flip(token, bit);
            const error = thrown(() => gss.unwrap(receiver, flipped));
            if (sameRotation(token, flipped)) {
              expect(error, `bit ${bit} only changes the RRC by the body length`).toBeNull();
            } else {
              expect(error, `bit ${bit} of a ${token.length}-byte token`).toBeInstanceOf(GssError);
            }
          }
          expect(gss.unwrap(receiver, token).message).toEqual(message);
        },
      ),
      { numRuns: RUNS, seed: 4121 },
    );
  });

  it('MIC tokens, every bit', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 300 }), (fromInitiator, message) => {
        const [sender, receiver] = ends(fromInitiator);
        const token = gss.getMic(sender, message);
        for (let bit = 0; bit < token.length * 8; bit++) {
          const error = thrown(() => gss.verifyMic(receiver, message, flip(token, bit)));
          expect(error, `bit ${bit}`).toBeInstanceOf(GssError);
        }
        expect(gss.verifyMic(receiver, message, token)).toBe(0);
      }),
      { numRuns: RUNS, seed: 1964 },
    );
  });

  it('the message of a MIC token, every bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (message) => {
        const token = gss.getMic(pair.initiator, message);
        for (let bit = 0; bit < message.length * 8; bit++) {
          const error = thrown(() => gss.verifyMic(pair.acceptor, flip(message, bit), token));
          expect(error, `bit ${bit}`).toBeInstanceOf(GssError);
        }
        expect(gss.verifyMic(pair.acceptor, message, token)).toBe(0);
      }),
      { numRuns: RUNS, seed: 2743 },
    );
  });
});
