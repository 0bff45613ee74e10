/**
 * The sim's `pseudoRandom` (RFC 4401, RFC 4402 PRF+) against MIT krb5 1.20's
 * `gss_pseudo_random` for the same context: MIT's contexts exported into the sim, and
 * contexts the sim makes up for every enctype exported into MIT. Both ends must give the same
 * octets for every key, input and length.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../../src/backends/native/mit-realm.js';
import { Enctype, makeRandomKey } from '../../../../src/sim/crypto/index.js';
import { parseKrbPrincipal } from '../../../../src/sim/krb5/client/index.js';
import type { ContextSnapshot } from '../../../../src/sim/krb5/context/context-snapshot.js';
import { exportContextToken } from '../../../../src/sim/krb5/context/export-token.js';
import { prfKeyOf, prfPlus } from '../../../../src/sim/krb5/context/pseudo-random.js';
import { createRandom } from '../../../../src/sim/random.js';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { PrfKey } from '../../../../src/spec/api/ext-rfc4401.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import type { SecurityContext } from '../../../../src/spec/handles.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';

const F = RequirementFlag;
const random = createRandom('pseudo-random vs MIT');
const EMPTY = new Uint8Array(0);
const ABC = new TextEncoder().encode('abc');
const LONG = random.bytes(300);
const INPUTS = [EMPTY, ABC, LONG];
/** Around one and two PRF outputs of each enctype (16, 32, 48 octets), and long ones. */
const LENGTHS = [0, 1, 15, 16, 17, 32, 33, 48, 49, 100, 4097, 10_000];
const KEYS = [PrfKey.full, PrfKey.partial];

describeNative("the sim's pseudoRandom against MIT's gss_pseudo_random", () => {
  let realm: MitRealm;
  let sim: GssApi;

  beforeAll(async () => {
    realm = await startMitRealm();
    sim = buildSimRealm().gss;
  }, 60_000);

  afterAll(async () => {
    await realm?.close();
  });

  /** Expects `ours` on the sim and `theirs` on MIT to give the same octets every time. */
  const expectSameOutputs = (ours: SecurityContext, theirs: SecurityContext) => {
    for (const key of KEYS) {
      for (const input of INPUTS) {
        for (const length of LENGTHS) {
          const expected = realm.gss.pseudoRandom(theirs, key, input, length);
          expect(expected).toHaveLength(length);
          expect(
            sim.pseudoRandom(ours, key, input, length),
            `key ${key}, length ${length}`,
          ).toEqual(expected);
        }
      }
    }
  };

  /** Both ends of a context on MIT. */
  const mitPair = (mutual: boolean) => {
    const target = realm.gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const flags = mutual ? [F.mutualAuthentication, F.integrity] : [F.integrity];
    const first = realm.gss.initSecContext(target, { mech: MechType.kerberos, flags });
    if (first.token === null) throw new Error('expected an AP-REQ');
    const accepted = realm.gss.acceptSecContext(first.token);
    if (mutual) {
      if (accepted.token === null) throw new Error('expected an AP-REP');
      realm.gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
    }
    realm.gss.releaseName(target);
    return { initiator: first.context, acceptor: accepted.context };
  };

  for (const mutual of [true, false]) {
    const label = mutual ? 'with an acceptor subkey' : 'without an acceptor subkey';

    it(`gives MIT's acceptor's octets from MIT's initiator imported into the sim (${label})`, () => {
      const { initiator, acceptor } = mitPair(mutual);

      const ours = sim.importSecContext(realm.gss.exportSecContext(initiator));
      expectSameOutputs(ours, acceptor);
      sim.deleteSecContext(ours);
      realm.gss.deleteSecContext(acceptor);
    });

    it(`gives MIT's initiator's octets from MIT's acceptor imported into the sim (${label})`, () => {
      const { initiator, acceptor } = mitPair(mutual);

      const ours = sim.importSecContext(realm.gss.exportSecContext(acceptor));
      expectSameOutputs(ours, initiator);
      sim.deleteSecContext(ours);
      realm.gss.deleteSecContext(initiator);
    });
  }

  it('gives different octets for the full and the partial key once the acceptor has a subkey', () => {
    const { initiator, acceptor } = mitPair(true);
    const prf = (context: SecurityContext, key: number) =>
      realm.gss.pseudoRandom(context, key, ABC, 32);

    expect(prf(initiator, PrfKey.full)).not.toEqual(prf(initiator, PrfKey.partial));
    expect(prf(initiator, PrfKey.full)).toEqual(prf(acceptor, PrfKey.full));
    expect(prf(initiator, PrfKey.partial)).toEqual(prf(acceptor, PrfKey.partial));
    realm.gss.deleteSecContext(initiator);
    realm.gss.deleteSecContext(acceptor);
  });

  const ENCTYPES = [
    Enctype.AES128_CTS_HMAC_SHA1_96,
    Enctype.AES256_CTS_HMAC_SHA1_96,
    Enctype.AES128_CTS_HMAC_SHA256_128,
    Enctype.AES256_CTS_HMAC_SHA384_192,
  ];
  for (const enctype of ENCTYPES) {
    for (const subkey of [true, false]) {
      const label = subkey ? 'with an acceptor subkey' : 'without one';
      it(`matches MIT for a made-up context of enctype ${enctype} (${label})`, () => {
        const snapshot: ContextSnapshot = {
          initiator: true,
          initiatorName: parseKrbPrincipal('user@KRBTEST.COM'),
          targetName: parseKrbPrincipal('host/localhost@KRBTEST.COM'),
          authtime: 1_700_000_000,
          sendSeq: 5n,
          established: {
            initiator: true,
            flags: F.integrity | F.confidentiality | F.mutualAuthentication,
            ctxKey: makeRandomKey(enctype, (n) => random.bytes(n)),
            acceptorSubkey: subkey ? makeRandomKey(enctype, (n) => random.bytes(n)) : null,
            sendSeq: 5,
            recvSeq: 9,
            endtime: 2_000_000_000,
          },
        };
        const token = exportContextToken(snapshot);
        const theirs = realm.gss.importSecContext(token);
        const ours = sim.importSecContext(token);
        const established = snapshot.established;
        if (established === undefined) throw new Error('expected an established snapshot');

        expectSameOutputs(ours, theirs);
        for (const key of KEYS) {
          const prfKey = prfKeyOf(established, key);
          if (prfKey === null) throw new Error('expected a key');
          expect(prfPlus(prfKey, LONG, new Uint8Array(77))).toEqual(
            realm.gss.pseudoRandom(theirs, key, LONG, 77),
          );
        }
        realm.gss.deleteSecContext(theirs);
        sim.deleteSecContext(ours);
      });
    }
  }
});
