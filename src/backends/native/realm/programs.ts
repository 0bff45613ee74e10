/**
 * Where MIT's KDC and admin programs are on this machine. `krb5kdc`, `kdb5_util` and
 * `kadmin.local` live in `/usr/sbin` on Debian, which is often not on a user's `PATH`, so the
 * search looks there too.
 *
 * @module
 */

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The programs a MIT test realm runs, by the name used in code. */
export interface MitPrograms {
  readonly krb5kdc: string;
  readonly kdb5Util: string;
  readonly kadminLocal: string;
  readonly kinit: string;
  readonly klist: string;
}

/** The Debian packages that provide {@link MitPrograms}. */
export const MIT_REALM_PACKAGES = ['krb5-kdc', 'krb5-admin-server', 'krb5-user'] as const;

/** The command that installs {@link MIT_REALM_PACKAGES}. */
export const MIT_REALM_INSTALL = `apt-get install ${MIT_REALM_PACKAGES.join(' ')}`;

const PROGRAM_FILES: Readonly<Record<keyof MitPrograms, string>> = {
  krb5kdc: 'krb5kdc',
  kdb5Util: 'kdb5_util',
  kadminLocal: 'kadmin.local',
  kinit: 'kinit',
  klist: 'klist',
};

const SYSTEM_DIRECTORIES = ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin', '/bin'];

/** What a search for the MIT programs found. */
export type MitProgramSearch =
  | { readonly found: true; readonly programs: MitPrograms }
  | { readonly found: false; readonly missing: readonly string[]; readonly reason: string };

let cached: MitProgramSearch | undefined;

/**
 * Looks for the MIT programs on `PATH` and in the system's `sbin` and `bin` directories. The
 * answer is computed once per process.
 */
export function findMitPrograms(): MitProgramSearch {
  cached ??= searchMitPrograms([
    ...(process.env.PATH ?? '').split(delimiter),
    ...SYSTEM_DIRECTORIES,
  ]);
  return cached;
}

/**
 * The MIT programs, or an Error naming the missing ones and the packages to install.
 * @throws {Error} when a program is not found.
 */
export function requireMitPrograms(): MitPrograms {
  const result = findMitPrograms();
  if (!result.found) throw new Error(result.reason);
  return result.programs;
}

/** Looks for the MIT programs in `directories`, in order. */
export function searchMitPrograms(directories: readonly string[]): MitProgramSearch {
  const found: Partial<Record<keyof MitPrograms, string>> = {};
  const missing: string[] = [];

  for (const [key, file] of Object.entries(PROGRAM_FILES)) {
    const path = locate(file, directories);
    if (path === undefined) missing.push(file);
    else found[key as keyof MitPrograms] = path; // Object.entries loses the key type.
  }

  const { krb5kdc, kdb5Util, kadminLocal, kinit, klist } = found;
  if (krb5kdc && kdb5Util && kadminLocal && kinit && klist) {
    return { found: true, programs: { krb5kdc, kdb5Util, kadminLocal, kinit, klist } };
  }
  const reason =
    `MIT krb5 programs not found: ${missing.join(', ')} (looked in ` +
    `${directories.filter((directory) => directory !== '').join(', ')}); ` +
    `install them with \`${MIT_REALM_INSTALL}\``;
  return { found: false, missing, reason };
}

function locate(file: string, directories: readonly string[]): string | undefined {
  for (const directory of directories) {
    if (directory === '') continue;
    const path = join(directory, file);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}
