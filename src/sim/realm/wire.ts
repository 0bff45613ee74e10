/**
 * A wire between two parties: the test sends each token into it and takes out what arrives.
 * A plan, keyed by the position of a token in the order sent (0 is the first), drops,
 * duplicates, holds back or alters tokens, so that per-message tests can meet lost, repeated,
 * late and tampered tokens without writing the bookkeeping themselves.
 *
 * @module
 */

/** What happens to the tokens on a wire, by their position in the order sent. */
export interface WirePlan {
  /** Tokens never delivered. */
  readonly drop?: readonly number[];
  /** Tokens delivered twice in a row. */
  readonly duplicate?: readonly number[];
  /** Tokens held back until `after` more tokens have been delivered. */
  readonly delay?: readonly { readonly index: number; readonly after: number }[];
  /** Tokens delivered with one bit flipped (bit 0 is the lowest bit of the first byte). */
  readonly flipBit?: readonly { readonly index: number; readonly bit: number }[];
}

/** A wire. */
export interface Wire {
  /** Puts a token on the wire; it is copied, so the caller may reuse its buffer. */
  send(token: Uint8Array): void;
  /** The tokens that arrived since the last call, in arrival order. */
  receive(): Uint8Array[];
  /** How many tokens were sent so far. */
  readonly sent: number;
}

/**
 * A wire following `plan`.
 * @throws {RangeError} for a negative position, bit or delay.
 */
export function createWire(plan: WirePlan = {}): Wire {
  for (const index of [...(plan.drop ?? []), ...(plan.duplicate ?? [])]) checkCount(index, 'index');
  for (const { index, after } of plan.delay ?? []) {
    checkCount(index, 'index');
    checkCount(after, 'after');
  }
  for (const { index, bit } of plan.flipBit ?? []) {
    checkCount(index, 'index');
    checkCount(bit, 'bit');
  }

  let sent = 0;
  let arrived: Uint8Array[] = [];
  const held: { token: Uint8Array; remaining: number }[] = [];

  const deliver = (token: Uint8Array) => {
    arrived.push(token);
    for (const entry of held) entry.remaining -= 1;
    for (let i = held.length - 1; i >= 0; i--) {
      const entry = held[i];
      if (entry !== undefined && entry.remaining <= 0) {
        held.splice(i, 1);
        arrived.push(entry.token);
      }
    }
  };

  return {
    get sent() {
      return sent;
    },

    send(token) {
      const index = sent++;
      let copy = Uint8Array.from(token);
      for (const flip of plan.flipBit ?? []) {
        if (flip.index !== index) continue;
        const byte = flip.bit >>> 3;
        if (byte >= copy.length) {
          throw new RangeError(`wire: bit ${flip.bit} is past the end of token ${index}`);
        }
        copy = Uint8Array.from(copy);
        copy[byte] = (copy[byte] ?? 0) ^ (1 << (flip.bit & 7));
      }
      if (plan.drop?.includes(index) === true) return;
      const delay = plan.delay?.find((entry) => entry.index === index);
      if (delay !== undefined && delay.after > 0) {
        held.push({ token: copy, remaining: delay.after });
        return;
      }
      deliver(copy);
      if (plan.duplicate?.includes(index) === true) deliver(Uint8Array.from(copy));
    },

    receive() {
      const out = arrived;
      arrived = [];
      return out;
    },
  };
}

function checkCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`wire: expected ${what} as a whole number from 0, got ${value}`);
  }
}
