/**
 * The environment variables that point MIT's library and programs at a test realm's files
 * instead of `/etc/krb5.conf`, the system keytabs, `/etc/gss/mech.d` and `/var/tmp`.
 *
 * @module
 */

import type { RealmPaths } from './config.js';

/** The variables a realm sets, by name. */
export type RealmEnvironment = Readonly<Record<string, string>>;

/**
 * `KRB5_CONFIG`, `KRB5_KDC_PROFILE`, `KRB5CCNAME`, `KRB5_KTNAME`, `KRB5_CLIENT_KTNAME` (a
 * file never created, so no system client keytab is read), `KRB5RCACHEDIR`, and
 * `GSS_MECH_CONFIG` (an empty file, so no system mechanism module is loaded), as
 * `k5test.py` sets them.
 */
export function realmEnvironment(paths: RealmPaths): RealmEnvironment {
  return {
    KRB5_CONFIG: paths.krb5Conf,
    KRB5_KDC_PROFILE: paths.kdcConf,
    KRB5CCNAME: `FILE:${paths.ccache}`,
    KRB5_KTNAME: `FILE:${paths.keytab}`,
    KRB5_CLIENT_KTNAME: `FILE:${paths.clientKeytab}`,
    KRB5RCACHEDIR: paths.rcacheDirectory,
    GSS_MECH_CONFIG: paths.mechConf,
  };
}

/**
 * The environment for MIT's programs: this process's, the realm's variables, `LC_ALL=C` so
 * their messages can be read, and no `KRB5_TRACE` that a user set for the library.
 */
export function programEnvironment(variables: RealmEnvironment): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...variables, LC_ALL: 'C' };
  delete env.KRB5_TRACE;
  return env;
}

/**
 * Sets `variables` in `process.env` (and so in the C library's environment) and returns a
 * function that puts back what was there before, unsetting what was unset.
 */
export function applyEnvironment(variables: RealmEnvironment): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(variables)) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }

  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
