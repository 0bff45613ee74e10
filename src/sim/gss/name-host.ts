/**
 * Host-based service names (RFC 2743 §4.1, `service@host`) as MIT krb5 1.20's krb5 mechanism
 * turns them into principals: `parse_hostbased` of `import_name.c`, then
 * `krb5_sname_to_principal` (`sn2princ.c`) under the configuration of the test realms,
 * `dns_canonicalize_hostname = false` and `qualify_shortname = ""`, and `krb5_get_host_realm`
 * (`hostrealm.c`, `hostrealm_profile.c`) over a `[domain_realm]` that maps one host name to
 * the realm.
 *
 * @module
 */

import { isIP } from 'node:net';
import { NameType as KrbNameType } from '../krb5/messages/principal-name.js';
import { cString, type MitPrincipal } from './name-principal.js';

/** What MIT's library knows of hosts: its `krb5.conf` and the machine's name. */
export interface HostConfig {
  /** The realm `[domain_realm]` gives {@link HostConfig.mappedHost} and its subdomains. */
  readonly realm: string;
  /** The one host name `[domain_realm]` maps (exactly as written there). */
  readonly mappedHost: string;
  /** What `gethostname()` says, for a name without `@host`. */
  readonly localHostname: string;
}

/** A host-based service name split into its service and host (null when no host was given). */
export interface HostBasedName {
  /** The service, such as `host` (read as a C string). */
  readonly service: string;
  /** The host as given, or null for `service` or `service@`. */
  readonly host: string | null;
}

/**
 * `parse_hostbased`: the service is what comes before the first `@`; the host is what follows
 * it, when at least one character does. Both are then read as C strings.
 */
export function splitHostBased(name: string): HostBasedName {
  const at = name.indexOf('@');
  const service = cString(at < 0 ? name : name.slice(0, at));
  const host = at < 0 || at === name.length - 1 ? null : cString(name.slice(at + 1));
  return { service, host };
}

/**
 * `krb5_sname_to_principal(host, service, KRB5_NT_SRV_HST)` without DNS: the host (the local
 * host name when none was given) in lower case without a trailing dot, a `:port` trailer kept,
 * and the realm that `[domain_realm]` gives the host, or the referral realm (empty) when it
 * gives none.
 */
export function hostBasedPrincipal(name: HostBasedName, config: HostConfig): MitPrincipal {
  const given = name.host ?? config.localHostname;
  const { host, trailer } = splitTrailer(given);
  const canonical = expandHostname(host);

  return {
    type: KrbNameType.srvHst,
    components: [name.service, canonical + trailer],
    realm: hostRealm(canonical, config),
  };
}

/**
 * `split_trailer`: a single `:` followed by at least one character starts a trailer (a port);
 * an IPv6 address, with more than one colon, has none.
 */
function splitTrailer(name: string): { host: string; trailer: string } {
  const colon = name.indexOf(':');
  if (colon < 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0) {
    return { host: name, trailer: '' };
  }
  return { host: name.slice(0, colon), trailer: name.slice(colon) };
}

/** `expand_hostname` without DNS or a short-name domain: ASCII lower case, no trailing dot. */
function expandHostname(host: string): string {
  const lower = asciiLower(host);
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * `krb5_get_host_realm` with the profile module alone: no realm for a numeric address; else
 * the realm of the host or of the nearest parent domain (`.example.com`, then `example.com`)
 * that `[domain_realm]` names; else the referral realm.
 */
function hostRealm(host: string, config: HostConfig): string {
  const clean = expandHostname(host);
  if (isIP(clean) !== 0) return '';

  for (let rest: string | null = clean; rest !== null; rest = nextSuffix(rest)) {
    if (rest === config.mappedHost) return config.realm;
  }
  return '';
}

/**
 * The next key `profile_host_realm` tries after `name`: `.b.c` after `a.b.c`, `b.c` after
 * `.b.c`.
 */
function nextSuffix(name: string): string | null {
  if (name.startsWith('.')) return name.slice(1);
  const dot = name.indexOf('.');
  return dot < 0 ? null : name.slice(dot);
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}
