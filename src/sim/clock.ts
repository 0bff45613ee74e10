/**
 * The sim's clock: one per realm, virtual when the realm is given a start time (it stands
 * still until a test sets or advances it) and following real time otherwise. Every party reads
 * it, through a view skewed by that party's clock offset.
 *
 * Time is kept in whole microseconds since the Unix epoch, the precision of a Kerberos
 * timestamp with its microseconds (RFC 4120 §5.2.4, `ctime` and `cusec`).
 *
 * @module
 */

/** A Kerberos timestamp: whole seconds since the epoch and the microseconds within the second. */
export interface KerberosTimestamp {
  /** Seconds since 1970-01-01T00:00:00Z (a `KerberosTime` has no finer precision). */
  readonly seconds: number;
  /** Microseconds within the second, 0 to 999999 (a `Microseconds` field). */
  readonly microseconds: number;
}

/** A clock, or a view of one skewed by a fixed offset. */
export interface Clock {
  /** True when the realm's clock stands still between `set` and `advance` calls. */
  readonly virtual: boolean;
  /** This view's offset from the realm's clock, in seconds (0 for the realm's own clock). */
  readonly offsetSeconds: number;
  /** The time in milliseconds since the epoch, rounded down, as `Date.now()` gives it. */
  now(): number;
  /** The time as a Kerberos timestamp. */
  timestamp(): KerberosTimestamp;
  /**
   * The time as MIT's `krb5_crypto_us_timeofday` gives it: never the same timestamp twice in a
   * row for this view; a reading that does not move past the previous one (same second, same or
   * lower microseconds) becomes the previous one plus one microsecond.
   */
  usTimeOfDay(): KerberosTimestamp;
  /**
   * Sets the realm's clock so that this view reads `time` (a `Date` or milliseconds since the
   * epoch). A real-time clock keeps running from there.
   */
  set(time: Date | number): void;
  /** Moves the realm's clock, and so every view of it, by `seconds` (negative goes back). */
  advance(seconds: number): void;
  /** A view of the realm's clock that reads `offsetSeconds` later (earlier when negative). */
  skewed(offsetSeconds: number): Clock;
}

const MICROSECONDS_PER_SECOND = 1_000_000;

/** The realm's time source: microseconds since the epoch, with what `set`/`advance` changed. */
class TimeBase {
  readonly virtual: boolean;
  /** The virtual time, or the offset added to real time. */
  #microseconds: number;

  constructor(start: number | undefined) {
    this.virtual = start !== undefined;
    this.#microseconds = start ?? 0;
  }

  read(): number {
    if (this.virtual) return this.#microseconds;
    return realMicroseconds() + this.#microseconds;
  }

  set(microseconds: number): void {
    this.#microseconds = this.virtual ? microseconds : microseconds - realMicroseconds();
  }

  advance(microseconds: number): void {
    this.#microseconds += microseconds;
  }
}

function realMicroseconds(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

function toMicroseconds(time: Date | number, what: string): number {
  const milliseconds = time instanceof Date ? time.getTime() : time;
  if (!Number.isFinite(milliseconds)) {
    throw new RangeError(`expected ${what} as a valid Date or finite milliseconds, got ${time}`);
  }
  return Math.round(milliseconds * 1000);
}

function secondsToMicroseconds(seconds: number, what: string): number {
  if (!Number.isFinite(seconds)) {
    throw new RangeError(`expected ${what} as a finite number of seconds, got ${seconds}`);
  }
  return Math.round(seconds * MICROSECONDS_PER_SECOND);
}

function split(microseconds: number): KerberosTimestamp {
  const seconds = Math.floor(microseconds / MICROSECONDS_PER_SECOND);
  return { seconds, microseconds: microseconds - seconds * MICROSECONDS_PER_SECOND };
}

/** A view of a time base with an offset, and the last `usTimeOfDay` reading it gave. */
class ClockView implements Clock {
  readonly #base: TimeBase;
  readonly #offset: number;
  #last: KerberosTimestamp | undefined;

  constructor(base: TimeBase, offsetMicroseconds: number) {
    this.#base = base;
    this.#offset = offsetMicroseconds;
  }

  get virtual(): boolean {
    return this.#base.virtual;
  }

  get offsetSeconds(): number {
    return this.#offset / MICROSECONDS_PER_SECOND;
  }

  now(): number {
    return Math.floor(this.#read() / 1000);
  }

  timestamp(): KerberosTimestamp {
    return split(this.#read());
  }

  usTimeOfDay(): KerberosTimestamp {
    let now = this.timestamp();
    const last = this.#last;

    // c_ustime.c: the same second without later microseconds, or the second just before the
    // last one (after a microsecond rollover), gives the last reading plus one microsecond.
    const behind =
      last !== undefined &&
      (now.seconds === last.seconds - 1 ||
        (now.seconds === last.seconds && now.microseconds <= last.microseconds));
    if (behind) now = split(last.seconds * MICROSECONDS_PER_SECOND + last.microseconds + 1);

    this.#last = now;
    return now;
  }

  set(time: Date | number): void {
    this.#base.set(toMicroseconds(time, 'the time') - this.#offset);
  }

  advance(seconds: number): void {
    this.#base.advance(secondsToMicroseconds(seconds, 'the advance'));
  }

  skewed(offsetSeconds: number): Clock {
    return new ClockView(this.#base, this.#offset + secondsToMicroseconds(offsetSeconds, 'a skew'));
  }

  #read(): number {
    return this.#base.read() + this.#offset;
  }
}

/**
 * The realm's clock: virtual from `start` (a `Date` or milliseconds since the epoch), or real
 * time without it.
 * @throws {RangeError} when `start` is an invalid `Date` or not a finite number.
 */
export function createClock(start?: Date | number): Clock {
  const base = new TimeBase(start === undefined ? undefined : toMicroseconds(start, 'a start'));
  return new ClockView(base, 0);
}
