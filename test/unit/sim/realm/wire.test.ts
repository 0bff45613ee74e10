import { describe, expect, it } from 'vitest';
import { createWire } from '../../../../src/sim/realm/wire.js';

const token = (n: number) => new Uint8Array([n, n, n]);
const firstBytes = (tokens: readonly Uint8Array[]) => tokens.map((t) => t[0]);

describe('wire', () => {
  it('delivers every token in order without a plan, copies included', () => {
    const wire = createWire();
    const sent = token(1);
    wire.send(sent);
    sent[0] = 9;
    wire.send(token(2));

    expect(firstBytes(wire.receive())).toEqual([1, 2]);
    expect(wire.receive()).toEqual([]);
    expect(wire.sent).toBe(2);
  });

  it('drops, duplicates and delays by position', () => {
    const wire = createWire({ drop: [1], duplicate: [2], delay: [{ index: 0, after: 2 }] });
    for (let n = 0; n < 5; n++) wire.send(token(n));

    // 0 waits for two deliveries (2 and its copy), 1 is lost.
    expect(firstBytes(wire.receive())).toEqual([2, 2, 0, 3, 4]);
  });

  it('flips the bit asked for and only in that token', () => {
    const wire = createWire({ flipBit: [{ index: 1, bit: 9 }] });
    wire.send(token(4));
    wire.send(token(4));

    expect(wire.receive().map((t) => [...t])).toEqual([
      [4, 4, 4],
      [4, 6, 4],
    ]);
  });

  it('refuses a plan with negative positions and a bit past the token', () => {
    expect(() => createWire({ drop: [-1] })).toThrow(RangeError);
    expect(() => createWire({ delay: [{ index: 0, after: 1.5 }] })).toThrow(RangeError);
    const wire = createWire({ flipBit: [{ index: 0, bit: 24 }] });
    expect(() => wire.send(token(1))).toThrow(RangeError);
  });
});
