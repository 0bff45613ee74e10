/**
 * A MIT realm from nothing: its directory and configuration, a database with the user and the
 * host principal, the host's keys in the keytab, the KDC listening, and the user's TGT in the
 * ccache. The database changes and the KDC's start run side by side; the first `kinit` waits
 * for both.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GssApi } from '../../../spec/gss-api.js';
import { HOST_SERVICE_NAME, USER_PRINCIPAL_NAME } from '../../../spec/realm.js';
import { type CommandResult, describeFailure, runCommand } from './command.js';
import { kdcConf, krb5Conf, type RealmPaths, realmPaths } from './config.js';
import { programEnvironment, type RealmEnvironment, realmEnvironment } from './environment.js';
import { addPrincipalRequest, addToKeytabRequest, runKadmin } from './kadmin.js';
import { type KdcProcess, startKdc } from './kdc-process.js';
import { createPkinitFiles, type PkinitIdentity, pkinitFiles } from './pkinit.js';
import { findFreePort } from './port.js';
import type { MitPrograms } from './programs.js';

/** What a realm is made of, as asked for. */
export interface RealmPlan {
  readonly name: string;
  readonly hostname: string;
  readonly userPassword: string;
  readonly programs: MitPrograms;
  readonly gss: () => GssApi;
  /**
   * With PKINIT: the path of `openssl` and the indicators the KDC asserts for a PKINIT login.
   */
  readonly pkinit?: { readonly openssl: string; readonly indicators: readonly string[] };
}

/** A realm that is set up and running. */
export interface RealmParts extends RealmPlan {
  readonly paths: RealmPaths;
  readonly port: number;
  readonly kdc: KdcProcess;
  /** The variables that name the realm's files. */
  readonly variables: RealmEnvironment;
  /** The environment of MIT's programs for this realm. */
  readonly env: NodeJS.ProcessEnv;
  readonly user: string;
  readonly host: string;
}

/**
 * Sets a realm up in a new temporary directory. On failure everything is stopped and removed,
 * and on process exit during the setup the directory is removed.
 * @throws {KdcStartError} when the KDC does not start, `addressInUse` telling whether another
 *   try on another port may work.
 * @throws {Error} when `kdb5_util`, `kadmin.local` or `kinit` fails.
 */
export async function setUpRealm(plan: RealmPlan): Promise<RealmParts> {
  const { name, hostname, userPassword, programs } = plan;
  const paths = realmPaths(await mkdtemp(join(tmpdir(), 'gssapi-sim-mit-')));
  const removeAtExit = (): void => rmSync(paths.directory, { recursive: true, force: true });
  process.on('exit', removeAtExit);
  let kdc: KdcProcess | undefined;

  try {
    const port = await findFreePort();
    const pkinit =
      plan.pkinit === undefined
        ? {}
        : { pkinit: { files: pkinitFiles(paths.directory), indicators: plan.pkinit.indicators } };
    const config = { realm: name, hostname, port, paths, ...pkinit };
    await Promise.all([
      writeFile(paths.krb5Conf, krb5Conf(config)),
      writeFile(paths.kdcConf, kdcConf(config)),
      writeFile(paths.acl, ''),
      writeFile(paths.mechConf, ''),
      mkdir(paths.rcacheDirectory, { mode: 0o700 }),
    ]);
    const variables = realmEnvironment(paths);
    const env = programEnvironment(variables);

    await Promise.all([
      createDatabase(programs, env),
      plan.pkinit && createPkinitFiles(plan.pkinit.openssl, paths.directory, name),
    ]);

    const user = `${USER_PRINCIPAL_NAME}@${name}`;
    const host = `${HOST_SERVICE_NAME}/${hostname}@${name}`;
    const [principals, started] = await Promise.allSettled([
      runKadmin(programs.kadminLocal, env, [
        addPrincipalRequest(user, userPassword),
        addPrincipalRequest(host),
        addToKeytabRequest(host),
      ]),
      startKdc({
        program: programs.krb5kdc,
        realm: name,
        directory: paths.directory,
        env,
        readLog: () => readKdcLog(paths),
      }),
    ]);
    if (started.status === 'fulfilled') kdc = started.value;
    if (principals.status === 'rejected') throw principals.reason;
    if (started.status === 'rejected') throw started.reason;
    await kinit(programs, env, user, userPassword, paths);

    return { ...plan, paths, port, kdc: started.value, variables, env, user, host };
  } catch (error) {
    await kdc?.stop();
    await rm(paths.directory, { recursive: true, force: true });
    throw error;
  } finally {
    process.off('exit', removeAtExit);
  }
}

/**
 * Gets a TGT for `principal` into the realm's ccache; the password goes through stdin. With
 * `lifetime` (seconds), the TGT asks for that life (`kinit -l <lifetime>s`).
 * @throws {Error} with what `kinit` said, such as `Password incorrect`.
 */
export async function kinit(
  programs: MitPrograms,
  env: NodeJS.ProcessEnv,
  principal: string,
  password: string,
  paths: RealmPaths,
  lifetime?: number,
): Promise<void> {
  const args = lifetime === undefined ? [principal] : ['-l', `${lifetime}s`, principal];
  const result = await runCommand(programs.kinit, args, { env, input: `${password}\n` });
  checkKinit(principal, result, `FILE:${paths.ccache}`);
}

/**
 * Gets a TGT for `principal` into `ccache` with PKINIT, as the certificate `identity`
 * proves; no password is given, so nothing else can succeed.
 * @throws {Error} with what `kinit` said.
 */
export async function kinitPkinit(
  programs: MitPrograms,
  env: NodeJS.ProcessEnv,
  principal: string,
  identity: PkinitIdentity,
  ccache: string,
): Promise<void> {
  const user = `X509_user_identity=FILE:${identity.certificate},${identity.key}`;
  const result = await runCommand(programs.kinit, ['-X', user, '-c', ccache, principal], { env });
  checkKinit(principal, result, ccache);
}

function checkKinit(principal: string, result: CommandResult, ccache: string): void {
  if (result.code !== 0) {
    const failure = describeFailure('kinit', result);
    throw new Error(`kinit ${principal}: expected a TGT in ${ccache}, but ${failure}`);
  }
}

/** The KDC's log file, or `''` when there is none (yet, or any more). */
export function readKdcLog(paths: RealmPaths): string {
  try {
    return readFileSync(paths.kdcLog, 'utf8');
  } catch {
    return '';
  }
}

/** `kdb5_util create` with a stash file and a random master password (`-W`: no /dev/random). */
async function createDatabase(programs: MitPrograms, env: NodeJS.ProcessEnv): Promise<void> {
  const master = randomBytes(24).toString('base64url');

  const result = await runCommand(programs.kdb5Util, ['create', '-W', '-s', '-P', master], { env });

  if (result.code !== 0) {
    const failure = describeFailure('kdb5_util', result);
    throw new Error(`expected kdb5_util to create the database, but ${failure}`);
  }
}
