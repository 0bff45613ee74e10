/** A sim KDC for tests: `user` with a password, `host/localhost` with random keys. */
import { createClock } from '../../../../src/sim/clock.js';
import { PrincipalDatabase } from '../../../../src/sim/kdc/database.js';
import { type KdcOptions, SimKdc } from '../../../../src/sim/kdc/kdc.js';
import { createRandom } from '../../../../src/sim/random.js';

export const REALM = 'KRBTEST.COM';
export const PASSWORD = 'user-password';
/** 2026-01-01T00:00:00Z. */
export const START = Date.UTC(2026, 0, 1);

/** A KDC with `user@KRBTEST.COM` and `host/localhost@KRBTEST.COM` (kvno 2, as after `ktadd`). */
export function makeKdc(
  options: { seed?: number | string; now?: number | null } & Partial<
    Omit<KdcOptions, 'database'>
  > = {},
): SimKdc {
  const random = options.random ?? createRandom(options.seed ?? 1);
  const clock =
    options.clock ?? createClock(options.now === null ? undefined : (options.now ?? START));
  const database = new PrincipalDatabase({ realm: REALM, random: random.fork('database') });
  database.add('user', { password: PASSWORD });
  database.add('host/localhost');
  database.changeKeys('host/localhost');
  return new SimKdc({ ...options, database, clock, random });
}
