/**
 * The failures a test can cause in a sim realm, each giving the error MIT gives in the same
 * situation: a KDC that does not answer, a party whose clock is off, a service key rotated or
 * a principal deleted behind a keytab's back, shorter ticket lives, and a wire between parties
 * that loses, repeats, reorders or alters tokens.
 *
 * @module
 */

import type { GssApi } from '../../spec/gss-api.js';
import type { SimParty } from '../gss/party.js';
import { currentKvno, type PrincipalDatabase, type SimKdc } from '../kdc/index.js';
import { createWire, type Wire, type WirePlan } from './wire.js';

/** The failures of a realm. */
export interface SimFaults {
  /** While true, the KDC answers nothing: clients fail with KRB5_KDC_UNREACH. */
  kdcUnreachable: boolean;
  /**
   * Sets how far a party's clock is from the realm's (the KDC's), in seconds; positive is
   * ahead. Beyond MIT's 300 s skew, the KDC and acceptors refuse its requests.
   * @param party a GSS-API of this realm (`realm.gss` or from `realm.party()`).
   * @throws {TypeError} for a GSS-API that is not a party of this realm.
   */
  skewClock(party: GssApi, seconds: number): void;
  /**
   * New random keys for a principal (`kadmin cpw -randkey`); keytabs keep the old ones, so an
   * acceptor then meets tickets of a key version it lacks. Returns the new key version.
   * @throws {Error} when the principal does not exist.
   */
  rotateKey(principal: string, options?: { readonly keepOld?: boolean }): number;
  /**
   * Deletes a principal (`kadmin delprinc`): the KDC no longer knows it.
   * @throws {Error} when the principal does not exist.
   */
  deletePrincipal(principal: string): void;
  /**
   * Shortens (or lengthens) ticket lives: the realm's limits (`max_life`,
   * `max_renewable_life` in kdc.conf), or one principal's (`modprinc -maxlife`), in seconds.
   * @throws {Error} when the principal does not exist.
   */
  ticketPolicy(policy: TicketPolicy): void;
  /** A wire between two parties that delivers tokens as `plan` says. */
  wire(plan?: WirePlan): Wire;
}

/** Ticket lives, in seconds. */
export interface TicketPolicy {
  /** The principal to change; the whole realm without it. */
  readonly principal?: string;
  readonly maxLife?: number;
  readonly maxRenewableLife?: number;
}

/** What the faults act on. */
export interface FaultTargets {
  readonly kdc: SimKdc;
  readonly database: PrincipalDatabase;
  readonly parties: WeakMap<GssApi, SimParty>;
}

/** The faults of a realm. */
export function createFaults(targets: FaultTargets): SimFaults {
  const { kdc, database, parties } = targets;

  return {
    get kdcUnreachable() {
      return kdc.unreachable;
    },

    set kdcUnreachable(value: boolean) {
      if (typeof value !== 'boolean') {
        throw new TypeError(`kdcUnreachable: expected a boolean, got ${typeof value}`);
      }
      kdc.unreachable = value;
    },

    skewClock(gss, seconds) {
      const party = parties.get(gss);
      if (party === undefined) {
        throw new TypeError('skewClock: expected a GSS-API of this realm');
      }
      party.skew = seconds;
    },

    rotateKey(principal, options = {}) {
      const entry = database.changeKeys(principal, { keepOld: options.keepOld ?? false });
      return currentKvno(entry);
    },

    deletePrincipal(principal) {
      database.delete(principal);
    },

    ticketPolicy(policy) {
      checkSeconds(policy.maxLife, 'maxLife');
      checkSeconds(policy.maxRenewableLife, 'maxRenewableLife');
      if (policy.principal !== undefined) {
        database.modify(policy.principal, {
          ...(policy.maxLife === undefined ? {} : { maxLife: policy.maxLife }),
          ...(policy.maxRenewableLife === undefined
            ? {}
            : { maxRenewableLife: policy.maxRenewableLife }),
        });
        return;
      }
      kdc.limits = {
        maxLife: policy.maxLife ?? kdc.limits.maxLife,
        maxRenewableLife: policy.maxRenewableLife ?? kdc.limits.maxRenewableLife,
      };
    },

    wire(plan) {
      return createWire(plan);
    },
  };
}

function checkSeconds(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) {
    throw new RangeError(`ticketPolicy: expected ${what} in whole seconds above 0, got ${value}`);
  }
}
