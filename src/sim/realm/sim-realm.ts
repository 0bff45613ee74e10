/**
 * `createSimRealm()`: a Kerberos realm in memory, laid out like MIT's `k5test.py` realm and
 * `startMitRealm()`: `user@<realm>` with a password and a TGT in the default ccache,
 * `host/<hostname>@<realm>` with its key in the default keytab. It adds what a real realm
 * cannot give a test: a virtual clock, faults, parties (processes) of its own, and a trace.
 *
 * @module
 */

import type { GssApi } from '../../spec/gss-api.js';
import {
  DEFAULT_HOSTNAME,
  DEFAULT_REALM_NAME,
  DEFAULT_USER_PASSWORD,
  HOST_SERVICE_NAME,
  type Realm,
  type RealmOptions,
  USER_PRINCIPAL_NAME,
} from '../../spec/realm.js';
import { type Clock, createClock } from '../clock.js';
import type { Enctype, KeyBlock } from '../crypto/index.js';
import { createSimGssApi } from '../gss/gss-api.js';
import { type RealmCore, SimParty } from '../gss/party.js';
import { firstCurrentKey, PrincipalDatabase, SimKdc } from '../kdc/index.js';
import {
  CredentialCache,
  getInitialCredentials,
  type KdcTransport,
  Krb5Error,
  parseKrbPrincipal,
  unparseKrbPrincipal,
} from '../krb5/client/index.js';
import type { ServiceKey } from '../krb5/context/service-keys.js';
import { createRandom } from '../random.js';
import { createFaults, type SimFaults } from './faults.js';
import { createTrace, type SimTrace } from './trace.js';

/** How a sim realm is made; every field has a default. */
export interface SimRealmOptions extends RealmOptions {
  /**
   * The seed of every random byte (keys, confounders, nonces, sequence numbers): the same
   * seed and the same calls give the same tokens. Default none: crypto-random.
   */
  readonly seed?: number | string;
  /** The start of the virtual clock. Default none: the realm runs on real time. */
  readonly now?: Date | number;
  /** The enctypes of the principals' keys, most preferred first. Default MIT 1.20's. */
  readonly enctypes?: readonly Enctype[];
}

/** What a new party of the realm holds. */
export interface PartyOptions {
  /**
   * The principal whose TGT the party's default ccache holds (got with the principal's key,
   * as `kinit -k` would). Default: no ccache.
   */
  readonly ccache?: string;
  /** The principals whose current keys the party's default keytab holds. Default none. */
  readonly keytab?: readonly string[];
}

/** A sim realm: the {@link Realm} interface, and the clock, parties, faults and trace. */
export interface SimRealm extends Realm {
  readonly backend: 'sim';
  /** The realm's clock; every party reads it (a skewed party reads it with its offset). */
  readonly clock: Clock;
  /** The principal database (`kadmin`): principals, keys, attributes, policies. */
  readonly database: PrincipalDatabase;
  /** The failures a test can cause. */
  readonly faults: SimFaults;
  /** The recording of what happens in the realm, when started. */
  readonly trace: SimTrace;
  /**
   * The GSS-API of another process of the realm, with its own default ccache, keytab,
   * replay cache and minor-status numbering.
   * @throws {Error} when a principal does not exist.
   */
  party(options?: PartyOptions): GssApi;
}

/** The party behind each GSS-API the realm handed out, for the faults. */
export type PartyRegistry = WeakMap<GssApi, SimParty>;

/**
 * Creates a realm in memory. It is ready at once (no process, no file, no port).
 * @throws {RangeError} for a seed or start time that is not usable.
 */
export async function createSimRealm(options: SimRealmOptions = {}): Promise<SimRealm> {
  return buildSimRealm(options);
}

/** {@link createSimRealm}, synchronously. */
export function buildSimRealm(options: SimRealmOptions = {}): SimRealm {
  const name = options.name ?? DEFAULT_REALM_NAME;
  const hostname = options.hostname ?? DEFAULT_HOSTNAME;
  const random = createRandom(options.seed);
  const clock = createClock(options.now);
  const database = new PrincipalDatabase({
    realm: name,
    random: random.fork('database'),
    ...(options.enctypes === undefined ? {} : { enctypes: options.enctypes }),
  });
  const kdc = new SimKdc({ database, clock, random: random.fork('kdc') });
  const trace = createTrace(database);
  const transport: KdcTransport = {
    exchange(request) {
      const reply = kdc.exchange(request);
      if (trace.sink.enabled) {
        trace.sink.record({ kind: 'kdc', party: 'kdc', request, reply: reply ?? null });
      }
      return reply;
    },
  };
  const core: RealmCore = { name, hostname, kdc: transport, clock, trace: trace.sink };
  const parties: PartyRegistry = new WeakMap();
  let partyCount = 0;

  const userPrincipal = `${USER_PRINCIPAL_NAME}@${name}`;
  const hostPrincipal = `${HOST_SERVICE_NAME}/${hostname}@${name}`;
  database.add(userPrincipal, { password: DEFAULT_USER_PASSWORD });
  database.add(hostPrincipal);

  const newParty = (label: string, ccache?: string): SimParty =>
    new SimParty(core, {
      label,
      random: random.fork(`party ${label}`),
      ...(ccache === undefined ? {} : { ccache }),
    });

  const keysOf = (principal: string): ServiceKey[] => {
    const entry = database.lookup(principal);
    if (entry === undefined) throw new Error(`${principal}: Principal does not exist`);
    const unparsed = unparseKrbPrincipal(parseKrbPrincipal(principal, name));
    return entry.keys.map(({ kvno, key }) => ({
      principal: unparsed,
      kvno,
      enctype: key.enctype,
      key,
    }));
  };

  /** `kinit`: a TGT for `principal` into the party's default ccache, replacing what it held. */
  const kinitInto = (party: SimParty, principal: string, secret: ClientSecret) => {
    const client = parseKrbPrincipal(principal, name);
    const ccache = party.ccache ?? new CredentialCache(client);
    try {
      getInitialCredentials({
        kdc: transport,
        client,
        ...secret,
        ccache,
        random: party.random,
        clock: party.clock,
      });
    } catch (error) {
      if (error instanceof Krb5Error) throw new Error(`kinit ${principal}: ${error.message}`);
      throw error;
    }
    party.ccache = ccache;
  };

  const defaultParty = newParty('default', userPrincipal);
  kinitInto(defaultParty, userPrincipal, { password: DEFAULT_USER_PASSWORD });
  database.changeKeys(hostPrincipal);
  defaultParty.keytab.push(...keysOf(hostPrincipal));
  const gss = createSimGssApi(defaultParty);
  parties.set(gss, defaultParty);

  const realm: SimRealm = {
    backend: 'sim',
    name,
    hostname,
    userPrincipal,
    userPassword: DEFAULT_USER_PASSWORD,
    hostPrincipal,
    gss,
    clock,
    database,
    faults: createFaults({ kdc, database, parties }),
    trace: trace.api,

    party(partyOptions = {}) {
      partyCount += 1;
      const party = newParty(`party${partyCount}`);
      if (partyOptions.ccache !== undefined) {
        // With the principal's key, as `kinit -k` gets a TGT.
        kinitInto(party, partyOptions.ccache, { key: currentKey(database, partyOptions.ccache) });
      }
      for (const principal of partyOptions.keytab ?? []) party.keytab.push(...keysOf(principal));
      const api = createSimGssApi(party);
      parties.set(api, party);
      return api;
    },

    async addPrincipal(principal, principalOptions = {}) {
      database.add(principal, principalOptions);
    },

    async addToKeytab(principal) {
      database.changeKeys(principal);
      defaultParty.keytab.push(...keysOf(principal));
    },

    async kinit(principal, password) {
      kinitInto(defaultParty, principal, { password });
    },

    async close() {
      // Nothing to stop or remove: the realm is garbage once unreferenced.
    },
  };
  return realm;
}

/** The principal's current key of the first enctype (what `ktadd -norandkey` would write). */
function currentKey(database: PrincipalDatabase, principal: string): KeyBlock {
  const entry = database.lookup(principal);
  if (entry === undefined) throw new Error(`${principal}: Principal does not exist`);
  const key = firstCurrentKey(entry);
  if (key === undefined) throw new Error(`${principal}: the principal has no key`);
  return key.key;
}

/** How `kinit` authenticates: a password, or a key. */
interface ClientSecret {
  readonly password?: string;
  readonly key?: KeyBlock;
}
