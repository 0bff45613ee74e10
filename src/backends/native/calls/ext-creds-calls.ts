/**
 * The call shapes the credential extensions share: the acquire, add and store functions of
 * `gssapi_ext.h` each end in the same outputs, copied and released here, and take the same
 * lifetime, mechanism and usage arguments.
 *
 * @module
 */

import type { AcquireOptions, AddOptions, CredUsage } from '../../../spec/options.js';
import type { AcquireCredResult, AddCredResult, StoreCredResult } from '../../../spec/results.js';
import { isGssError } from '../../../spec/status.js';
import { lifetimeArgument, nullableUsageArgument, optionalOidListArgument } from '../arguments.js';
import type { CFunction } from '../library.js';
import { inOidSet } from '../memory.js';
import { CORE_PROTOTYPES } from '../prototypes.js';
import { lifetimeResult, toPointer, usageResult } from '../results.js';
import type { NativeRuntime } from '../runtime.js';

/**
 * The C arguments shared by the acquire calls: `time_req` and `desired_mechs`.
 * @throws {TypeError} or {@link RangeError} for a bad lifetime or mechanism list.
 */
export function acquireArguments(options: AcquireOptions, operation: string) {
  return {
    time: lifetimeArgument(options.lifetime, operation),
    mechs: inOidSet(optionalOidListArgument(options.mechs, 'mechs', operation)),
  };
}

/**
 * The usage and lifetimes of the add calls, in their C order; `usage` is the default.
 * @throws {TypeError} or {@link RangeError} for a bad usage or lifetime.
 */
export function addArguments(options: AddOptions, usage: CredUsage, operation: string): unknown[] {
  return [
    nullableUsageArgument(options.usage, usage, operation),
    lifetimeArgument(options.initLifetime, operation),
    lifetimeArgument(options.acceptLifetime, operation),
  ];
}

/** The three call shapes over one runtime: acquire, add and store. */
export function credCallShapes({ library, memory, status, handles }: NativeRuntime) {
  const releaseCred = library.bind(CORE_PROTOTYPES.gss_release_cred);

  /**
   * Calls an acquire or add function whose last outputs are `output_cred`, `actual_mechs`
   * and `times` time values; copies and releases the outputs, and releases a credential
   * made by a call that failed before throwing its error.
   */
  const call = (operation: string, func: CFunction, args: unknown[], times: number) => {
    const minor = [0];
    const cred: unknown[] = [null];
    const mechs: unknown[] = [null];
    const time = Array.from({ length: times }, () => [0]);

    const major = func(minor, ...args, cred, mechs, ...time);
    const actualMechs = memory.takeOidSet(mechs[0]) ?? [];
    const pointer = toPointer(cred[0]);
    if (pointer !== 0n && isGssError(major)) releaseCred([0], [pointer]);
    status.check(operation, major, minor[0] ?? 0);
    const lifetimes = time.map((value) => lifetimeResult(value[0] ?? 0));
    return { creds: handles.create('creds', pointer), mechs: actualMechs, lifetimes };
  };

  return {
    /** An acquire call: `func(minor, ...args, &cred, &mechs, &time_rec)`. */
    acquire(operation: string, func: CFunction, args: unknown[]): AcquireCredResult {
      const { creds, mechs, lifetimes } = call(operation, func, args, 1);
      return { creds, mechs, lifetime: lifetimes[0] ?? null };
    },

    /** An add call: `func(minor, ...args, &cred, &mechs, &init_time_rec, &accept_time_rec)`. */
    add(operation: string, func: CFunction, args: unknown[]): AddCredResult {
      const { creds, mechs, lifetimes } = call(operation, func, args, 2);
      return {
        creds,
        mechs,
        initLifetime: lifetimes[0] ?? null,
        acceptLifetime: lifetimes[1] ?? null,
      };
    },

    /** A store call: `func(minor, ...args, &elements_stored, &cred_usage_stored)`. */
    store(operation: string, func: CFunction, args: unknown[]): StoreCredResult {
      const minor = [0];
      const elements: unknown[] = [null];
      const usage = [0];

      const major = func(minor, ...args, elements, usage);
      const mechs = memory.takeOidSet(elements[0]) ?? [];
      status.check(operation, major, minor[0] ?? 0);
      return { mechs, usage: usageResult(usage[0] ?? 0) ?? 'both' };
    },
  };
}
