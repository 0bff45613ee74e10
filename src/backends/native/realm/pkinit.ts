/**
 * PKINIT (RFC 4556) for a MIT test realm, so that its KDC asserts authentication indicators
 * (`pkinit_indicator` in `kdc.conf`): a certificate authority, the KDC's certificate and one
 * certificate per client principal, all made with `openssl` in the realm's directory.
 *
 * The KDC's certificate has the id-pkinit-KPKdc extended key usage and the `krbtgt/<realm>`
 * principal as its id-pkinit-san; a client's has id-pkinit-KPClientAuth and the client's
 * principal (RFC 4556 §3.2.2, §3.2.4). Keys are ECDSA P-256, which MIT 1.20 takes and which
 * `openssl` makes in milliseconds.
 *
 * @module
 */

import { accessSync, constants, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFailure, runCommand } from './command.js';

/** The Debian package with MIT's PKINIT plugin. */
export const PKINIT_PACKAGE = 'krb5-pkinit';

/** id-pkinit-san (RFC 4556 §3.2.2): a KRB5PrincipalName as a subjectAltName otherName. */
const ID_PKINIT_SAN = '1.3.6.1.5.2.2';
/** id-pkinit-KPClientAuth (RFC 4556 §3.2.2). */
const ID_PKINIT_KP_CLIENT_AUTH = '1.3.6.1.5.2.3.4';
/** id-pkinit-KPKdc (RFC 4556 §3.2.4). */
const ID_PKINIT_KP_KDC = '1.3.6.1.5.2.3.5';
/** KRB5-NT-PRINCIPAL and KRB5-NT-SRV-INST (RFC 4120 §6.2). */
const NT_PRINCIPAL = 1;
const NT_SRV_INST = 2;

/** What `openssl` may hold unquoted in a configuration value. */
const PLAIN_COMPONENT = /^[A-Za-z0-9._-]+$/;

/** The PKINIT files of a realm, all in its directory. */
export interface PkinitFiles {
  /** The CA's certificate: the anchor of the KDC and of clients. */
  readonly anchor: string;
  readonly kdcCertificate: string;
  readonly kdcKey: string;
}

/** A client's identity: its certificate and key. */
export interface PkinitIdentity {
  readonly certificate: string;
  readonly key: string;
}

/**
 * The path of `openssl` and MIT's PKINIT plugin, or an Error naming what is missing.
 * @throws {Error} when `openssl` or the `pkinit.so` plugin is not installed.
 */
export function requirePkinit(): string {
  const path = (process.env.PATH ?? '').split(':').concat('/usr/bin');
  const openssl = locate('openssl', path, constants.X_OK);
  const plugin = findPkinitPlugin();
  const missing = [
    ...(openssl === undefined ? ['openssl'] : []),
    ...(plugin ? [] : [`MIT's pkinit.so (package ${PKINIT_PACKAGE})`]),
  ];
  if (openssl === undefined || missing.length > 0) {
    throw new Error(`PKINIT realm: expected ${missing.join(' and ')} to be installed`);
  }
  return openssl;
}

/** Where a realm in `directory` keeps its PKINIT files. */
export function pkinitFiles(directory: string): PkinitFiles {
  return {
    anchor: join(directory, 'pkinit-ca.pem'),
    kdcCertificate: join(directory, 'pkinit-kdc.pem'),
    kdcKey: join(directory, 'pkinit-kdc.key'),
  };
}

/** Makes the CA and the KDC's certificate for `realm` in `directory`. */
export async function createPkinitFiles(
  openssl: string,
  directory: string,
  realm: string,
): Promise<void> {
  const files = pkinitFiles(directory);
  const caKey = join(directory, 'pkinit-ca.key');

  await openSsl(openssl, [
    'req',
    '-x509',
    ...newKey(caKey),
    '-out',
    files.anchor,
    '-days',
    '2',
    '-subj',
    `/CN=${realm} test CA`,
  ]);
  await issue(openssl, directory, files, caKey, {
    name: 'pkinit-kdc',
    subject: `/CN=krbtgt ${realm}`,
    usage: ID_PKINIT_KP_KDC,
    nameType: NT_SRV_INST,
    components: ['krbtgt', realm],
    realm,
    certificate: files.kdcCertificate,
    key: files.kdcKey,
  });
}

/**
 * Issues a client certificate for `principal` (`name[/instance]@REALM`) with the realm's CA.
 * @throws {TypeError} when a part of the principal has characters other than letters, digits,
 *   `.`, `_` and `-`.
 */
export async function issueClientIdentity(
  openssl: string,
  directory: string,
  principal: string,
): Promise<PkinitIdentity> {
  const files = pkinitFiles(directory);
  const at = principal.lastIndexOf('@');
  const realm = principal.slice(at + 1);
  const components = principal.slice(0, at).split('/');
  if (at < 0 || ![realm, ...components].every((part) => PLAIN_COMPONENT.test(part))) {
    throw new TypeError(
      "expected a principal of letters, digits, '.', '_' and '-' for a certificate, " +
        `got ${JSON.stringify(principal)}`,
    );
  }

  const name = `pkinit-client-${components.join('.')}`;
  const identity = {
    certificate: join(directory, `${name}.pem`),
    key: join(directory, `${name}.key`),
  };
  await issue(openssl, directory, files, join(directory, 'pkinit-ca.key'), {
    name,
    subject: `/CN=${components.join('/')}`,
    usage: ID_PKINIT_KP_CLIENT_AUTH,
    nameType: NT_PRINCIPAL,
    components,
    realm,
    ...identity,
  });
  return identity;
}

/** What one certificate says and where it goes. */
interface CertificatePlan {
  readonly name: string;
  readonly subject: string;
  readonly usage: string;
  readonly nameType: number;
  readonly components: readonly string[];
  readonly realm: string;
  readonly certificate: string;
  readonly key: string;
}

async function issue(
  openssl: string,
  directory: string,
  files: PkinitFiles,
  caKey: string,
  plan: CertificatePlan,
): Promise<void> {
  const extensions = join(directory, `${plan.name}.cnf`);
  const request = join(directory, `${plan.name}.csr`);
  await writeFile(extensions, extensionSection(plan));

  await openSsl(openssl, [
    'req',
    '-new',
    ...newKey(plan.key),
    '-out',
    request,
    '-subj',
    plan.subject,
  ]);
  await openSsl(openssl, [
    'x509',
    '-req',
    '-in',
    request,
    '-CA',
    files.anchor,
    '-CAkey',
    caKey,
    '-set_serial',
    String(Date.now()),
    '-days',
    '2',
    '-out',
    plan.certificate,
    '-extfile',
    extensions,
    '-extensions',
    'pkinit',
  ]);
}

/** The `openssl x509 -extfile` section: key usages and the KRB5PrincipalName otherName. */
function extensionSection(plan: CertificatePlan): string {
  const parts = plan.components.map((part, index) => `p${index} = GeneralString:${part}`);
  return `${[
    '[pkinit]',
    'basicConstraints = CA:FALSE',
    'keyUsage = digitalSignature, keyEncipherment, keyAgreement',
    `extendedKeyUsage = ${plan.usage}`,
    `subjectAltName = otherName:${ID_PKINIT_SAN};SEQUENCE:principal`,
    '[principal]',
    `realm = EXP:0,GeneralString:${plan.realm}`,
    'principal_name = EXP:1,SEQUENCE:principal_name',
    '[principal_name]',
    `name_type = EXP:0,INTEGER:${plan.nameType}`,
    'name_string = EXP:1,SEQUENCE:name_string',
    '[name_string]',
    ...parts,
  ].join('\n')}\n`;
}

function newKey(path: string): string[] {
  return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path];
}

async function openSsl(openssl: string, args: readonly string[]): Promise<void> {
  const result = await runCommand(openssl, args, { env: { ...process.env, LC_ALL: 'C' } });
  if (result.code !== 0) {
    throw new Error(
      `PKINIT realm: expected openssl ${args[0]} to succeed, ` +
        `but ${describeFailure('openssl', result)}`,
    );
  }
}

/**
 * `indicators`, checked.
 * @throws {TypeError} when one is empty or has a control character or a double quote.
 */
export function checkIndicators(indicators: readonly string[]): readonly string[] {
  for (const indicator of indicators) {
    if (indicator === '' || /[\p{Cc}"\\]/u.test(indicator)) {
      throw new TypeError(
        'expected an indicator without quotes, backslashes or control characters, ' +
          `got ${JSON.stringify(indicator)}`,
      );
    }
  }
  return Object.freeze([...indicators]);
}

/** Whether MIT's `pkinit.so` is in a `krb5/plugins/preauth` directory of the system. */
function findPkinitPlugin(): boolean {
  const roots = ['/usr/lib', '/usr/lib64', '/usr/local/lib'];
  const candidates = roots.flatMap((root) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(root);
    } catch {
      return [];
    }
    return [root, ...entries.map((entry) => join(root, entry))];
  });
  return (
    locate(
      'pkinit.so',
      candidates.map((dir) => join(dir, 'krb5/plugins/preauth')),
      constants.R_OK,
    ) !== undefined
  );
}

function locate(file: string, directories: readonly string[], mode: number): string | undefined {
  for (const directory of directories) {
    if (directory === '') continue;
    const path = join(directory, file);
    try {
      accessSync(path, mode);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}
