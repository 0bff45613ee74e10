/**
 * The files of a MIT test realm's directory: `krb5.conf` for clients, `kdc.conf` for the KDC
 * and `kadmin.local`, and the paths of everything else. Laid out like MIT's `k5test.py` realm,
 * but listening on 127.0.0.1 only and never asking DNS.
 *
 * @module
 */

import { join } from 'node:path';
import type { PkinitFiles } from './pkinit.js';

/** The loopback address the KDC listens on and clients send to; nothing else is used. */
export const KDC_ADDRESS = '127.0.0.1';

/** The paths of a realm's files, all inside its directory. */
export interface RealmPaths {
  readonly directory: string;
  readonly krb5Conf: string;
  readonly kdcConf: string;
  readonly database: string;
  readonly stash: string;
  readonly acl: string;
  readonly kdcLog: string;
  readonly kadminLog: string;
  readonly otherLog: string;
  /** `FILE:` cache of the realm's default ccache. */
  readonly ccache: string;
  /** The default keytab (acceptor keys), a file path without the `FILE:` prefix. */
  readonly keytab: string;
  /** The default client keytab; never created, so no system client keytab is used. */
  readonly clientKeytab: string;
  /** The replay cache directory. */
  readonly rcacheDirectory: string;
  /** An empty GSS mechanism configuration, so no system mechanism module is loaded. */
  readonly mechConf: string;
}

/** The paths of a realm laid out in `directory`. */
export function realmPaths(directory: string): RealmPaths {
  return {
    directory,
    krb5Conf: join(directory, 'krb5.conf'),
    kdcConf: join(directory, 'kdc.conf'),
    database: join(directory, 'principal'),
    stash: join(directory, 'stash'),
    acl: join(directory, 'kadm5.acl'),
    kdcLog: join(directory, 'kdc.log'),
    kadminLog: join(directory, 'kadmind.log'),
    otherLog: join(directory, 'others.log'),
    ccache: join(directory, 'ccache'),
    keytab: join(directory, 'keytab'),
    clientKeytab: join(directory, 'client.keytab'),
    rcacheDirectory: join(directory, 'rcache'),
    mechConf: join(directory, 'mech.conf'),
  };
}

/** What the configuration files say. */
export interface RealmConfig {
  readonly realm: string;
  readonly hostname: string;
  readonly port: number;
  readonly paths: RealmPaths;
  /** PKINIT's files and the indicators the KDC asserts for it; absent: no PKINIT. */
  readonly pkinit?: PkinitConfig;
}

/** What PKINIT adds to the configuration. */
export interface PkinitConfig {
  readonly files: PkinitFiles;
  /** `pkinit_indicator`, each asserted in tickets got with PKINIT. */
  readonly indicators: readonly string[];
}

/**
 * `krb5.conf`: the realm is the default, its one KDC is 127.0.0.1:port, and no name is
 * looked up in DNS or canonicalized (`qualify_shortname` empty, as `k5test.py` has it, so that
 * `host/localhost` stays `localhost`), and tickets are forwardable. MIT 1.20's default
 * enctypes are kept.
 */
export function krb5Conf({ realm, hostname, port, paths, pkinit }: RealmConfig): string {
  return `${[
    '[libdefaults]',
    `  default_realm = ${realm}`,
    '  dns_lookup_kdc = false',
    '  dns_lookup_realm = false',
    '  dns_canonicalize_hostname = false',
    '  rdns = false',
    '  qualify_shortname = ""',
    // Tickets are forwardable, as most realms issue them, so that delegation works.
    '  forwardable = true',
    `  default_ccache_name = ${quote(`FILE:${paths.ccache}`)}`,
    `  default_keytab_name = ${quote(`FILE:${paths.keytab}`)}`,
    `  default_client_keytab_name = ${quote(`FILE:${paths.clientKeytab}`)}`,
    '',
    '[realms]',
    `  ${realm} = {`,
    `    kdc = ${KDC_ADDRESS}:${port}`,
    ...(pkinit === undefined
      ? []
      : [`    pkinit_anchors = ${quote(`FILE:${pkinit.files.anchor}`)}`]),
    '  }',
    '',
    '[domain_realm]',
    `  ${hostname} = ${realm}`,
  ].join('\n')}\n`;
}

/**
 * `kdc.conf`: a db2 database, a stash file, the listeners on 127.0.0.1:port, log files, and
 * pre-authentication required of every principal; with PKINIT, the KDC's identity, the anchor
 * and the indicators.
 */
export function kdcConf({ realm, port, paths, pkinit }: RealmConfig): string {
  const listen = `${KDC_ADDRESS}:${port}`;
  return `${[
    '[kdcdefaults]',
    `  kdc_listen = ${listen}`,
    `  kdc_tcp_listen = ${listen}`,
    '',
    '[realms]',
    `  ${realm} = {`,
    '    database_module = db',
    `    key_stash_file = ${quote(paths.stash)}`,
    `    acl_file = ${quote(paths.acl)}`,
    `    kdc_listen = ${listen}`,
    `    kdc_tcp_listen = ${listen}`,
    // Principals require pre-authentication, as production realms do: a wrong password is
    // refused by the KDC (KDC_ERR_PREAUTH_FAILED), not only by the client.
    '    default_principal_flags = +preauth',
    ...(pkinit === undefined ? [] : pkinitKdcLines(pkinit)),
    '  }',
    '',
    '[dbmodules]',
    '  db = {',
    '    db_library = db2',
    `    database_name = ${quote(paths.database)}`,
    '  }',
    '',
    '[logging]',
    `  kdc = ${quote(`FILE:${paths.kdcLog}`)}`,
    `  admin_server = ${quote(`FILE:${paths.kadminLog}`)}`,
    `  default = ${quote(`FILE:${paths.otherLog}`)}`,
  ].join('\n')}\n`;
}

/** The realm's PKINIT relations in `kdc.conf`. */
function pkinitKdcLines({ files, indicators }: PkinitConfig): string[] {
  return [
    `    pkinit_identity = ${quote(`FILE:${files.kdcCertificate},${files.kdcKey}`)}`,
    `    pkinit_anchors = ${quote(`FILE:${files.anchor}`)}`,
    ...indicators.map((indicator) => `    pkinit_indicator = ${quote(indicator)}`),
  ];
}

/** A profile string value in double quotes; MIT's profile parser takes `\\` and `\"` in them. */
function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
