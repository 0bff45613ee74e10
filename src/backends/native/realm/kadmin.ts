/**
 * Changes to a realm's database through `kadmin.local`, several requests in one run.
 *
 * Without `-q`, `kadmin.local` reads requests from its standard input, one a line, and exits 0
 * whether they worked or not; errors only go to stderr. So each request names the line its
 * success prints on stdout, and a request whose line is missing failed. Passwords are given
 * with `-pw` inside the request line, quoted as MIT's `ss` parser wants (`"…"`, a quote
 * doubled), never as answers to a prompt: a line the prompt did not consume would be read as
 * a request, and `ss` runs a line starting with `!` as a shell command.
 *
 * @module
 */

import { type CommandResult, runCommand } from './command.js';

/** One `kadmin.local` request and the stdout line that shows it worked. */
export interface KadminRequest {
  /** The request line, without its line break. */
  readonly line: string;
  /** Text that stdout contains when the request worked. */
  readonly success: string;
  /** What the request does, for error messages: `create user@KRBTEST.COM`. */
  readonly description: string;
}

/** `addprinc`: with a password, or with random keys. */
export function addPrincipalRequest(principal: string, password?: string): KadminRequest {
  const keys = password === undefined ? '-randkey' : `-pw ${quoteArgument(password)}`;
  return {
    line: `addprinc ${keys} ${quoteArgument(principal)}`,
    success: `Principal "${principal}" created.`,
    description: `create ${principal}`,
  };
}

/** The principal attributes `modprinc` can switch on (`+name`) or off (`-name`). */
export const PRINCIPAL_ATTRIBUTES = [
  'allow_postdated',
  'allow_forwardable',
  'allow_tgs_req',
  'allow_renewable',
  'allow_proxiable',
  'allow_dup_skey',
  'allow_tix',
  'requires_preauth',
  'requires_hwauth',
  'needchange',
  'allow_svr',
  'password_changing_service',
  'ok_as_delegate',
  'ok_to_auth_as_delegate',
  'no_auth_data_required',
  'lockdown_keys',
] as const;

/** One attribute change: `+ok_to_auth_as_delegate`, `-requires_preauth`. */
export type PrincipalAttributeChange = `${'+' | '-'}${(typeof PRINCIPAL_ATTRIBUTES)[number]}`;

/**
 * `modprinc`: switches principal attributes on or off.
 * @throws {TypeError} when a change is not `+` or `-` before a known attribute.
 */
export function modifyPrincipalRequest(
  principal: string,
  changes: readonly PrincipalAttributeChange[],
): KadminRequest {
  for (const change of changes) {
    const name = change.slice(1);
    if (!/^[+-]/.test(change) || !(PRINCIPAL_ATTRIBUTES as readonly string[]).includes(name)) {
      throw new TypeError(`modifyPrincipal: expected +attribute or -attribute, got '${change}'`);
    }
  }
  return {
    line: `modprinc ${changes.join(' ')} ${quoteArgument(principal)}`,
    success: `Principal "${principal}" modified.`,
    description: `modify ${principal}`,
  };
}

/** `ktadd`: new random keys for the principal, added to the default keytab. */
export function addToKeytabRequest(principal: string): KadminRequest {
  return {
    line: `ktadd ${quoteArgument(principal)}`,
    success: `Entry for principal ${principal} with kvno `,
    description: `add ${principal} to the keytab`,
  };
}

/**
 * Runs the requests in one `kadmin.local` and checks that each printed its success line.
 * @param program the path of `kadmin.local`.
 * @param env the environment naming the realm's `kdc.conf`, `krb5.conf` and keytab.
 * @throws {Error} naming the first request that failed and what `kadmin.local` said on stderr.
 */
export async function runKadmin(
  program: string,
  env: NodeJS.ProcessEnv,
  requests: readonly KadminRequest[],
): Promise<void> {
  const input = requests.map((request) => `${request.line}\n`).join('');

  const result = await runCommand(program, [], { env, input });

  const failed = requests.find((request) => !result.stdout.includes(request.success));
  if (failed === undefined && result.code === 0) return;
  const what = failed === undefined ? 'its requests' : failed.description;
  throw new Error(`kadmin.local: expected to ${what}, but ${explain(result)}`);
}

/** An `ss` argument in double quotes, quotes inside doubled. */
function quoteArgument(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** What went wrong, from stderr without `addprinc`'s notes about policies. */
function explain(result: CommandResult): string {
  const lines = result.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => line !== '' && !/^No policy specified for .*; defaulting to no policy$/.test(line),
    );
  const ending = result.signal === null ? `exit code ${result.code}` : `signal ${result.signal}`;
  return lines.length === 0 ? `it printed no error (${ending})` : `it said: ${lines.join('; ')}`;
}
