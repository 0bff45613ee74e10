import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { describeNative } from '../../support/native.js';

/** The seconds the user's initiator credential has left: its TGT's remaining life. */
function initiatorLifetime(realm: MitRealm): number | null {
  const { creds, lifetime } = realm.gss.acquireCred({ usage: 'initiate' });
  realm.gss.releaseCred(creds);
  return lifetime;
}

describeNative('MitRealm.kinit with a lifetime', () => {
  let realm: MitRealm;
  beforeAll(async () => {
    realm = await startMitRealm();
  });
  afterAll(() => realm.close());

  it('gets a TGT that lives the seconds asked for, and a default one without the option', async () => {
    await realm.kinit('user', realm.userPassword, { lifetime: 60 });
    const short = initiatorLifetime(realm);

    await realm.kinit('user', realm.userPassword);
    const normal = initiatorLifetime(realm);

    expect(short).toBeGreaterThan(50);
    expect(short).toBeLessThanOrEqual(60);
    expect(normal).toBeGreaterThan(3_600);
  });

  describe('rejects a lifetime that is not a positive whole number of seconds', () => {
    for (const lifetime of [0, -5, 2.5, Number.NaN]) {
      it(`such as ${lifetime}`, () => {
        expect(() => realm.kinit('user', realm.userPassword, { lifetime })).toThrow(
          new RangeError(
            `expected a lifetime of a positive whole number of seconds, got ${lifetime}`,
          ),
        );
      });
    }
  });
});
