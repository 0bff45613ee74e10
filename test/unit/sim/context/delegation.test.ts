/**
 * The KRB-CRED of the 0x8003 Deleg field, made and read without a realm: a credential comes
 * back whole, the nonce and timestamp follow MIT's rules, and the reader tries the subkey, the
 * session key and clear text in MIT's order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt, makeRandomKey } from '../../../../src/sim/crypto/index.js';
import type { Credential } from '../../../../src/sim/krb5/client/index.js';
import {
  credentialInfo,
  KEY_USAGE_KRB_CRED_ENCPART,
  makeKrbCred,
  readDelegation,
} from '../../../../src/sim/krb5/context/delegation.js';
import {
  decodeEncKrbCredPart,
  decodeKrbCred,
  encodeEncKrbCredPart,
  encodeKrbCred,
} from '../../../../src/sim/krb5/messages/krb-cred.js';
import { encodeTicket } from '../../../../src/sim/krb5/messages/ticket.js';
import { createRandom } from '../../../../src/sim/random.js';
import { GssError } from '../../../../src/spec/errors.js';

const random = createRandom('delegation');
const randomKey = (enctype: number) => makeRandomKey(enctype, (n) => random.bytes(n));
const T0 = 1_700_000_000;

function tgtOf(
  enctype: number,
  flags: number,
  times: Credential['times'],
  cipher: Uint8Array,
): Credential {
  return {
    client: { realm: 'KRBTEST.COM', name: { nameType: 1, nameString: ['user'] } },
    server: { realm: 'KRBTEST.COM', name: { nameType: 2, nameString: ['krbtgt', 'KRBTEST.COM'] } },
    sessionKey: randomKey(enctype),
    ticket: encodeTicket({
      realm: 'KRBTEST.COM',
      sname: { nameType: 2, nameString: ['krbtgt', 'KRBTEST.COM'] },
      encPart: { etype: 18, kvno: 1, cipher },
    }),
    times,
    flags,
  };
}

const sameCredential = (read: Credential, sent: Credential) => {
  expect(read.sessionKey.contents()).toEqual(sent.sessionKey.contents());
  expect({ ...read, sessionKey: read.sessionKey.enctype }).toEqual({
    ...sent,
    sessionKey: sent.sessionKey.enctype,
  });
};

describe('the Deleg KRB-CRED', () => {
  it('carries a credential that the reader gives back whole, with the nonce and time MIT writes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(17, 18, 19, 20),
        fc.integer({ min: 1, max: 0x7fffffff }),
        fc.integer({ min: 0, max: 2 ** 30 - 1 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        (enctype, flags, seqNumber, usec, renew, cipher) => {
          const times = {
            authtime: T0,
            starttime: T0 + 1,
            endtime: T0 + 3600,
            ...(renew === undefined ? {} : { renewTill: T0 + 3600 + renew }),
          };
          const sent = tgtOf(enctype, flags, times, cipher);
          const sessionKey = randomKey(18);
          const clock = createClock((T0 + 5) * 1000 + usec / 1000);
          const deleg = makeKrbCred({ credential: sent, sessionKey, seqNumber, random, clock });

          sameCredential(readDelegation(deleg, { sessionKey }), sent);
          const krbCred = decodeKrbCred(deleg);
          expect(krbCred.encPart.etype).toBe(18);
          const part = decodeEncKrbCredPart(
            decrypt(sessionKey, KEY_USAGE_KRB_CRED_ENCPART, krbCred.encPart.cipher),
          );
          expect(part.nonce).toBe(seqNumber === 0 ? undefined : seqNumber);
          expect([part.timestamp, part.usec]).toEqual([T0 + 5, usec]);
          expect(part.sAddress ?? part.rAddress).toBeUndefined();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('is read with the subkey, else the session key, else as clear text, as krb5_rd_cred reads', () => {
    const sent = tgtOf(
      18,
      0x40e00000,
      { authtime: T0, starttime: T0, endtime: T0 + 60 },
      Uint8Array.of(1),
    );
    const sessionKey = randomKey(18);
    const subkey = randomKey(18);
    const clock = createClock(T0 * 1000);
    const inSession = makeKrbCred({ credential: sent, sessionKey, seqNumber: 7, random, clock });
    const inSubkey = makeKrbCred({
      credential: sent,
      sessionKey: subkey,
      seqNumber: 7,
      random,
      clock,
    });
    const clear = encodeKrbCred({
      tickets: decodeKrbCred(inSession).tickets,
      encPart: { etype: 0, cipher: encodeEncKrbCredPart({ ticketInfo: [credentialInfo(sent)] }) },
    });

    sameCredential(readDelegation(inSession, { subkey, sessionKey }), sent);
    sameCredential(readDelegation(inSubkey, { subkey, sessionKey }), sent);
    sameCredential(readDelegation(clear, { subkey, sessionKey }), sent);
    // With the subkey unknown, a KRB-CRED sealed in it opens with no key and is read as clear.
    expect(() => readDelegation(inSubkey, { sessionKey })).toThrow(GssError);
  });

  it('refuses a tampered enc-part with the ASN.1 error of reading it as clear text', () => {
    const sent = tgtOf(17, 0, { authtime: T0, starttime: T0, endtime: T0 + 60 }, Uint8Array.of(2));
    const sessionKey = randomKey(17);
    const clock = createClock(T0 * 1000);
    const deleg = decodeKrbCred(
      makeKrbCred({ credential: sent, sessionKey, seqNumber: 1, random, clock }),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: deleg.encPart.cipher.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, bits) => {
          const cipher = Uint8Array.from(deleg.encPart.cipher);
          cipher[at] = (cipher[at] ?? 0) ^ bits;
          const tampered = encodeKrbCred({ ...deleg, encPart: { ...deleg.encPart, cipher } });
          expect(() => readDelegation(tampered, { sessionKey })).toThrow(GssError);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses a KRB-CRED without a ticket', () => {
    const sessionKey = randomKey(18);
    const sent = tgtOf(18, 0, { authtime: T0, starttime: T0, endtime: T0 + 60 }, Uint8Array.of(3));
    const deleg = decodeKrbCred(
      makeKrbCred({
        credential: sent,
        sessionKey,
        seqNumber: 1,
        random,
        clock: createClock(T0 * 1000),
      }),
    );
    const empty = encodeKrbCred({ ...deleg, tickets: [] });
    expect(() => readDelegation(empty, { sessionKey })).toThrow(RangeError);
  });
});
