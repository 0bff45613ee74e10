import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../src/sim/clock.js';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('a virtual clock', () => {
  it('stands still at its start until it is moved', async () => {
    const clock = createClock(new Date(START));
    await new Promise((resolve) => setTimeout(resolve, 5));

    expect(clock.virtual).toBe(true);
    expect(clock.now()).toBe(START);
    expect(clock.timestamp()).toEqual({ seconds: START / 1000, microseconds: 0 });
  });

  it('advances by seconds, to the microsecond, forwards and back', () => {
    const clock = createClock(START);
    clock.advance(1.000_001);

    expect(clock.timestamp()).toEqual({ seconds: START / 1000 + 1, microseconds: 1 });
    expect(clock.now()).toBe(START + 1000);

    clock.advance(-301);
    expect(clock.timestamp()).toEqual({ seconds: START / 1000 - 300, microseconds: 1 });
  });

  it('is set to a Date or to milliseconds', () => {
    const clock = createClock(START);
    clock.set(new Date(START + 1234));

    expect(clock.timestamp()).toEqual({ seconds: START / 1000 + 1, microseconds: 234_000 });
    clock.set(START - 0.5);
    expect(clock.timestamp()).toEqual({ seconds: START / 1000 - 1, microseconds: 999_500 });
    expect(clock.now()).toBe(START - 1);
  });

  it('splits any time into seconds and microseconds below one million, as a property', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 4e12 }), (milliseconds) => {
        const clock = createClock(milliseconds);
        clock.advance(0.000_123);
        const { seconds, microseconds } = clock.timestamp();

        expect(Number.isInteger(seconds)).toBe(true);
        expect(microseconds).toBeGreaterThanOrEqual(0);
        expect(microseconds).toBeLessThan(1_000_000);
        expect(seconds * 1e6 + microseconds).toBe(milliseconds * 1000 + 123);
      }),
    );
  });

  it('refuses times and advances that are not finite', () => {
    const clock = createClock(START);

    expect(() => createClock(Number.NaN)).toThrow(RangeError);
    expect(() => createClock(new Date('no date'))).toThrow(RangeError);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.skewed(Number.NaN)).toThrow(RangeError);
  });
});

describe('skewed views', () => {
  it('read the realm clock plus their offset, and follow it when it moves', () => {
    const clock = createClock(START);
    const ahead = clock.skewed(301);
    const behind = clock.skewed(-0.25);

    expect(ahead.now() - clock.now()).toBe(301_000);
    expect(behind.now() - clock.now()).toBe(-250);
    expect([ahead.offsetSeconds, behind.offsetSeconds, clock.offsetSeconds]).toEqual([
      301, -0.25, 0,
    ]);

    clock.advance(10);
    expect(ahead.now()).toBe(START + 311_000);
  });

  it('move the realm clock when set or advanced, keeping every offset', () => {
    const clock = createClock(START);
    const ahead = clock.skewed(60);
    ahead.set(START);

    expect(clock.now()).toBe(START - 60_000);
    ahead.advance(1);
    expect(clock.now()).toBe(START - 59_000);
    expect(ahead.skewed(-60).now()).toBe(clock.now());
  });
});

describe('usTimeOfDay', () => {
  it('never repeats a timestamp on a clock that stands still', () => {
    const clock = createClock(START + 0.999);
    const readings = [clock.usTimeOfDay(), clock.usTimeOfDay(), clock.usTimeOfDay()];

    expect(readings).toEqual([
      { seconds: START / 1000, microseconds: 999 },
      { seconds: START / 1000, microseconds: 1000 },
      { seconds: START / 1000, microseconds: 1001 },
    ]);
  });

  it('rolls the microseconds over into the next second', () => {
    const clock = createClock(START + 999.999);
    clock.usTimeOfDay();

    expect(clock.usTimeOfDay()).toEqual({ seconds: START / 1000 + 1, microseconds: 0 });
    expect(clock.usTimeOfDay()).toEqual({ seconds: START / 1000 + 1, microseconds: 1 });
  });

  it('follows the clock when it moves on, and when it is set far back', () => {
    const clock = createClock(START);
    clock.usTimeOfDay();
    clock.advance(2);

    expect(clock.usTimeOfDay()).toEqual({ seconds: START / 1000 + 2, microseconds: 0 });
    clock.advance(-600);
    expect(clock.usTimeOfDay()).toEqual({ seconds: START / 1000 - 598, microseconds: 0 });
  });

  it('keeps one last reading per view', () => {
    const clock = createClock(START);
    const other = clock.skewed(0);
    clock.usTimeOfDay();

    expect(other.usTimeOfDay()).toEqual({ seconds: START / 1000, microseconds: 0 });
    expect(clock.usTimeOfDay()).toEqual({ seconds: START / 1000, microseconds: 1 });
  });
});

describe('a real-time clock', () => {
  it('follows real time without a start', async () => {
    const clock = createClock();
    const first = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(clock.virtual).toBe(false);
    expect(Math.abs(first - Date.now())).toBeLessThan(1000);
    expect(clock.now() - first).toBeGreaterThanOrEqual(15);
  });

  it('keeps running from where it was set or advanced to', async () => {
    const clock = createClock();
    clock.set(START);
    clock.advance(3600);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = clock.now() - (START + 3_600_000);

    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(elapsed).toBeLessThan(1000);
  });
});
