/**
 * The KDC time offset MIT's libkrb5 keeps (`os_context.time_offset` and `usec_offset`, set by
 * `krb5_set_time_offsets`): with `kdc_timesync = 1`, MIT's default, a client whose clock is off
 * learns the KDC's time from the AS exchange and then reads its clock corrected by the offset.
 *
 * @module
 */

import type { Clock, KerberosTimestamp } from '../../clock.js';

/** A time offset: seconds and microseconds to add to the local clock. */
export interface TimeOffset {
  readonly seconds: number;
  readonly microseconds: number;
}

/** No offset. */
export const NO_OFFSET: TimeOffset = { seconds: 0, microseconds: 0 };

const MICROSECONDS_PER_SECOND = 1_000_000;

/**
 * The clock's time corrected by an offset (`k5_time_with_offset`, and `krb5_us_timeofday` with
 * the context's offset), the microseconds brought back into range.
 */
export function timeWithOffset(clock: Clock, offset: TimeOffset = NO_OFFSET): KerberosTimestamp {
  const now = clock.usTimeOfDay();
  let seconds = now.seconds + offset.seconds;
  let microseconds = now.microseconds + offset.microseconds;

  if (microseconds >= MICROSECONDS_PER_SECOND) {
    seconds += 1;
    microseconds -= MICROSECONDS_PER_SECOND;
  } else if (microseconds < 0) {
    seconds -= 1;
    microseconds += MICROSECONDS_PER_SECOND;
  }
  return { seconds, microseconds };
}

/** The offset that makes the local time `local` read as the KDC's `kdc` (`ts_delta`). */
export function offsetBetween(kdc: KerberosTimestamp, local: KerberosTimestamp): TimeOffset {
  return {
    seconds: kdc.seconds - local.seconds,
    microseconds: kdc.microseconds - local.microseconds,
  };
}
