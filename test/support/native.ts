/**
 * Whether the native backend's tests can run here: MIT's programs (for the test realm) and
 * `libgssapi_krb5.so.2` (for the library). Without them the tests are skipped with one note,
 * unless `GSSAPI_SIM_REQUIRE_NATIVE=1` (as in CI), which makes a missing piece a failure.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { PKINIT_PACKAGE, requirePkinit } from '../../src/backends/native/realm/pkinit.js';
import { findMitPrograms, MIT_REALM_INSTALL } from '../../src/backends/native/realm/programs.js';

/** What {@link nativeAvailability} found. */
export interface NativeAvailability {
  /** True when MIT's programs and library are all here. */
  readonly available: boolean;
  /** Why not, with the command that installs what is missing; empty when available. */
  readonly reason: string;
}

const LIBRARY = 'libgssapi_krb5.so.2';
const LIBRARY_PACKAGE = 'libgssapi-krb5-2';
const LIBRARY_DIRECTORIES = ['/usr/lib', '/lib', '/usr/lib64', '/lib64', '/usr/local/lib'];

/** True when `GSSAPI_SIM_REQUIRE_NATIVE=1`: missing MIT pieces fail instead of skipping. */
export const nativeRequired = process.env.GSSAPI_SIM_REQUIRE_NATIVE === '1';

/** Looks for MIT's programs and library. */
export function nativeAvailability(): NativeAvailability {
  const programs = findMitPrograms();
  const library = findLibrary();
  const problems: string[] = [];

  if (!programs.found) problems.push(`programs missing: ${programs.missing.join(', ')}`);
  if (library === undefined)
    problems.push(`${LIBRARY} not found in ${LIBRARY_DIRECTORIES.join(', ')}`);
  // The model-based tests start a PKINIT realm for authentication indicators.
  try {
    requirePkinit();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }

  if (problems.length === 0) return { available: true, reason: '' };
  const reason =
    `MIT krb5 is not installed (${problems.join('; ')}); ` +
    `install it with \`${MIT_REALM_INSTALL} ${LIBRARY_PACKAGE} ${PKINIT_PACKAGE} openssl\``;
  return { available: false, reason };
}

/** The availability of MIT on this machine, computed once. */
export const mit = nativeAvailability();

/**
 * `describe` for tests that need MIT. When MIT is missing the suite is skipped (the run's
 * global setup says so once), or, with `GSSAPI_SIM_REQUIRE_NATIVE=1`, this throws so that the
 * test file fails.
 * @throws {Error} when MIT is missing and required.
 */
export function describeNative(name: string, fn: () => void): void {
  if (!mit.available && nativeRequired) {
    throw new Error(`GSSAPI_SIM_REQUIRE_NATIVE=1 but ${mit.reason}`);
  }
  describe.skipIf(!mit.available)(name, fn);
}

function findLibrary(): string | undefined {
  const directories = [...LIBRARY_DIRECTORIES];
  for (const base of ['/usr/lib', '/lib']) {
    try {
      for (const entry of readdirSync(base)) {
        if (entry.endsWith('-linux-gnu')) directories.push(join(base, entry));
      }
    } catch {
      // No such directory.
    }
  }
  return directories.map((directory) => join(directory, LIBRARY)).find((path) => existsSync(path));
}
