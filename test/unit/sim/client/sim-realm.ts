/**
 * A sim KDC and a client sharing one virtual clock, with fixed seeds, for the client's tests:
 * the KDC fixture's `user@KRBTEST.COM` (password, pre-authentication required) and
 * `host/localhost@KRBTEST.COM` (kvno 2).
 */
import { type Clock, createClock } from '../../../../src/sim/clock.js';
import type { SimKdc } from '../../../../src/sim/kdc/kdc.js';
import {
  type GetInitialCredentialsOptions,
  getInitialCredentials,
  type InitialCredentials,
  type KdcTransport,
} from '../../../../src/sim/krb5/client/index.js';
import { createRandom, type RandomSource } from '../../../../src/sim/random.js';
import { makeKdc, PASSWORD, REALM, START } from '../kdc/fixture.js';

export { PASSWORD, REALM, START };

/** The KDC's time at the start, in seconds. */
export const NOW = START / 1000;

/** A KDC, its clock, and a client random source. */
export interface SimRealm {
  readonly kdc: SimKdc;
  readonly clock: Clock;
  readonly random: RandomSource;
}

/** A realm with seeds `kdcSeed` (KDC) and `clientSeed` (client). */
export function simRealm(kdcSeed: number | string = 1, clientSeed: number | string = 'client') {
  const clock = createClock(START);
  const kdc = makeKdc({ seed: kdcSeed, clock });
  return { kdc, clock, random: createRandom(clientSeed) } satisfies SimRealm;
}

/** `user`'s TGT from the realm, with the right password. */
export function userTgt(
  realm: Pick<SimRealm, 'clock' | 'random'> & { readonly kdc: KdcTransport },
  options: Partial<GetInitialCredentialsOptions> = {},
): InitialCredentials {
  return getInitialCredentials({
    kdc: realm.kdc,
    client: `user@${REALM}`,
    password: PASSWORD,
    random: realm.random,
    clock: realm.clock,
    ...options,
  });
}

/** Records every request and reply that passes between a client and `kdc`. */
export function recording(kdc: SimKdc): {
  readonly exchange: (request: Uint8Array) => Uint8Array | undefined;
  readonly requests: Uint8Array[];
  readonly replies: (Uint8Array | undefined)[];
} {
  const requests: Uint8Array[] = [];
  const replies: (Uint8Array | undefined)[] = [];
  return {
    requests,
    replies,
    exchange: (request) => {
      requests.push(request);
      const reply = kdc.exchange(request);
      replies.push(reply);
      return reply;
    },
  };
}
