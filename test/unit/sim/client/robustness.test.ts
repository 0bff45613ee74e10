/**
 * The client against damaged and random replies: every single-byte change of a KDC reply, and
 * random bytes, give a credential or a `Krb5Error` with a krb5 or ASN.1 code, never another
 * exception; and the same seeds give the same bytes, as a property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringToKey } from '../../../../src/sim/crypto/index.js';
import {
  InitCredsContext,
  Krb5Error,
  makeTgsRequest,
  processTgsReply,
} from '../../../../src/sim/krb5/client/index.js';
import { KdcOptions } from '../../../../src/sim/krb5/messages/flags.js';
import { PASSWORD, REALM, recording, simRealm, userTgt } from './sim-realm.js';

const KEY = stringToKey(18, PASSWORD, `${REALM}user`);

/** A byte flip or a random reply. */
function damaged(valid: Uint8Array) {
  return fc.oneof(
    fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, bits]) => {
      const copy = valid.slice();
      copy[at] = (copy[at] ?? 0) ^ bits;
      return copy;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 300 }),
  );
}

function onlyKrb5Errors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Krb5Error);
    if (error instanceof Krb5Error) expect(error.code).toBeGreaterThan(0);
  }
}

describe('the client against damaged replies', () => {
  it('takes a damaged PREAUTH_REQUIRED error or AS-REP only as a credential or a Krb5Error', () => {
    const realm = simRealm();
    const options = { client: `user@${REALM}`, key: KEY, random: realm.random, clock: realm.clock };
    const probe = new InitCredsContext(options);
    const error = realm.kdc.exchange(probe.start()) ?? new Uint8Array(0);
    const asRep = realm.kdc.exchange(probe.step(error).request ?? new Uint8Array(0));

    fc.assert(
      fc.property(
        fc.boolean(),
        damaged(error),
        damaged(asRep ?? new Uint8Array(0)),
        (first, e, r) => {
          const context = new InitCredsContext(options);
          context.start();
          if (first) onlyKrb5Errors(() => context.step(e));
          else {
            context.step(error);
            onlyKrb5Errors(() => context.step(r));
          }
        },
      ),
      { seed: 4120, numRuns: 400 },
    );
  });

  it('takes a damaged TGS-REP or KRB-ERROR only as a credential or a Krb5Error', () => {
    const realm = simRealm();
    const { credential: tgt } = userTgt(realm);
    const server = { realm: REALM, name: { nameType: 1, nameString: ['host', 'localhost'] } };
    const request = makeTgsRequest({
      tgt,
      server,
      kdcOptions: KdcOptions.forwardable,
      enctypes: [18],
      random: realm.random,
      clock: realm.clock,
    });
    const reply = realm.kdc.exchange(request.bytes) ?? new Uint8Array(0);
    const nosuch = makeTgsRequest({
      tgt,
      server: { ...server, name: { nameType: 1, nameString: ['nosuch'] } },
      kdcOptions: 0,
      enctypes: [18],
      random: realm.random,
      clock: realm.clock,
    });
    const refusal = realm.kdc.exchange(nosuch.bytes) ?? new Uint8Array(0);

    fc.assert(
      fc.property(fc.oneof(damaged(reply), damaged(refusal)), (bytes) => {
        onlyKrb5Errors(() => processTgsReply(bytes, { tgt, request, server }));
      }),
      { seed: 4121, numRuns: 600 },
    );
  });
});

describe('determinism', () => {
  it('gives byte-identical AS and TGS exchanges for the same seeds, others for others', () => {
    const exchange = (kdcSeed: number, clientSeed: number) => {
      const realm = simRealm(kdcSeed, clientSeed);
      const kdc = recording(realm.kdc);
      const { credential: tgt } = userTgt(realm, { kdc, key: KEY });
      const request = makeTgsRequest({
        tgt,
        server: { realm: REALM, name: { nameType: 1, nameString: ['host', 'localhost'] } },
        kdcOptions: KdcOptions.forwardable,
        enctypes: [18],
        random: realm.random,
        clock: realm.clock,
      });
      kdc.exchange(request.bytes);
      return [...kdc.requests, ...kdc.replies];
    };

    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (kdcSeed, clientSeed) => {
        const first = exchange(kdcSeed, clientSeed);
        expect(exchange(kdcSeed, clientSeed)).toEqual(first);
        expect(exchange(kdcSeed, clientSeed + 1)[0]).not.toEqual(first[0]);
        // [requests: PREAUTH try, AS-REQ, TGS-REQ; replies: error, AS-REP, TGS-REP]
        expect(exchange(kdcSeed + 1, clientSeed)[4]).not.toEqual(first[4]);
      }),
      { seed: 7, numRuns: 10 },
    );
  });
});
