/**
 * The sim KDC's AS exchange with a fixed seed and clock: the PREAUTH_REQUIRED round trip,
 * every refusal with MIT's code and e-text, determinism, and robustness against random bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, stringToKey } from '../../../../src/sim/crypto/index.js';
import { encodeEncryptedData } from '../../../../src/sim/krb5/messages/encryption.js';
import { KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import { decodeAsRep, decodeEncKdcRepPart } from '../../../../src/sim/krb5/messages/kdc-rep.js';
import { encodeAsReq, type KdcReqBody } from '../../../../src/sim/krb5/messages/kdc-req.js';
import { decodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import {
  decodeEtypeInfo2,
  decodeMethodData,
  encodePaEncTsEnc,
  type PaData,
} from '../../../../src/sim/krb5/messages/pa-data.js';
import { makeKdc, PASSWORD, REALM, START } from './fixture.js';

const NOW = START / 1000;
const userKey = stringToKey(18, PASSWORD, `${REALM}user`);

function asReq(
  options: { cname?: string; sname?: string[]; padata?: PaData[]; till?: number } = {},
): Uint8Array {
  const body: KdcReqBody = {
    kdcOptions: KdcOptions.forwardable | KdcOptions.renewableOk,
    cname: { nameType: 1, nameString: [options.cname ?? 'user'] },
    realm: REALM,
    sname: { nameType: 2, nameString: options.sname ?? ['krbtgt', REALM] },
    till: options.till ?? NOW + 86_400,
    nonce: 12345,
    etype: [18, 17, 20, 19, 16, 23],
  };
  return encodeAsReq({
    msgType: 10,
    reqBody: body,
    ...(options.padata ? { padata: options.padata } : {}),
  });
}

function encTimestamp(key = userKey, time = NOW): PaData {
  const plain = encodePaEncTsEnc({ patimestamp: time, pausec: 0 });
  const cipher = encrypt(key, 1, plain, new Uint8Array(16));
  return { padataType: 2, padataValue: encodeEncryptedData({ etype: key.enctype, cipher }) };
}

function errorOf(reply: Uint8Array | undefined) {
  if (reply === undefined) throw new Error('expected a reply');
  return decodeKrbError(reply);
}

describe('the AS exchange', () => {
  it("answers a request without pre-authentication with MIT's PREAUTH_REQUIRED", () => {
    const error = errorOf(makeKdc().exchange(asReq()));
    expect(error.errorCode).toBe(25);
    expect(error.eText).toBe('NEEDED_PREAUTH');
    expect(error.cname).toEqual({ nameType: 1, nameString: ['user'] });
    expect(error.ctime).toBeUndefined();
    const methodData = decodeMethodData(error.eData ?? new Uint8Array(0));
    expect(methodData.map((pa) => pa.padataType)).toEqual([136, 19, 2, 133]);
    expect(decodeEtypeInfo2(methodData[1]?.padataValue ?? new Uint8Array(0))).toEqual([
      { etype: 18, salt: `${REALM}user` },
    ]);
    expect(new TextDecoder().decode(methodData[3]?.padataValue)).toBe('MIT');
  });

  it('issues a forwardable, initial, pre-authenticated TGT for the right timestamp', () => {
    const reply = makeKdc().exchange(asReq({ padata: [encTimestamp()] }));
    const asRep = decodeAsRep(reply ?? new Uint8Array(0));
    expect(asRep.ticket.encPart).toMatchObject({ etype: 18, kvno: 1 });
    const { tag, part } = decodeEncKdcRepPart(decrypt(userKey, 3, asRep.encPart.cipher));
    expect(tag).toBe(26);
    expect(part.nonce).toBe(12345);
    expect(part.authtime).toBe(NOW);
    expect(part.starttime).toBeUndefined();
    expect(part.endtime).toBe(NOW + 86_400);
    expect(part.renewTill).toBeUndefined();
    const wanted = TicketFlags.forwardable | TicketFlags.initial | TicketFlags.preAuthent;
    expect(part.flags).toBe((wanted | TicketFlags.encPaRep) >>> 0);
  });

  it('caps the end time at the maximum ticket life', () => {
    const kdc = makeKdc();
    kdc.database.modify('user', { maxLife: 3600 });
    const asRep = decodeAsRep(
      kdc.exchange(asReq({ padata: [encTimestamp()], till: NOW + 999_999 })) ?? new Uint8Array(0),
    );
    expect(decodeEncKdcRepPart(decrypt(userKey, 3, asRep.encPart.cipher)).part.endtime).toBe(
      NOW + 3600,
    );
  });

  it.each([
    [
      'a wrong password',
      { padata: [encTimestamp(stringToKey(18, 'wrong', `${REALM}user`))] },
      24,
      'PREAUTH_FAILED',
    ],
    ['a timestamp 301 s off', { padata: [encTimestamp(userKey, NOW + 301)] }, 37, 'PREAUTH_FAILED'],
    ['an unknown client', { cname: 'nosuch' }, 6, 'CLIENT_NOT_FOUND'],
    ['an unknown server', { sname: ['nosuch', 'x'] }, 7, 'SERVER_NOT_FOUND'],
    [
      'an undecodable timestamp',
      { padata: [{ padataType: 2, padataValue: new Uint8Array([1]) }] },
      60,
      'PREAUTH_FAILED',
    ],
  ])('refuses %s with error %i and e-text %s', (_name, options, code, status) => {
    const error = errorOf(makeKdc().exchange(asReq(options)));
    expect([error.errorCode, error.eText]).toEqual([code, status]);
  });

  it('accepts a timestamp exactly 300 s off', () => {
    const reply = makeKdc().exchange(asReq({ padata: [encTimestamp(userKey, NOW - 300)] }));
    expect(reply?.[0]).toBe(0x6b);
  });

  it('refuses a deleted client as unknown', () => {
    const kdc = makeKdc();
    kdc.database.delete('user');
    expect(errorOf(kdc.exchange(asReq())).errorCode).toBe(6);
  });

  it('gives no reply while unreachable, and answers again afterwards', () => {
    const kdc = makeKdc();
    kdc.unreachable = true;
    expect(kdc.exchange(asReq())).toBeUndefined();
    kdc.unreachable = false;
    expect(kdc.exchange(asReq())).toBeDefined();
  });

  it('gives the same reply bytes for the same seed and clock, other bytes for another seed', () => {
    const request = asReq({ padata: [encTimestamp()] });
    const first = makeKdc({ seed: 7 }).exchange(request);
    expect(makeKdc({ seed: 7 }).exchange(request)).toEqual(first);
    expect(makeKdc({ seed: 8 }).exchange(request)).not.toEqual(first);
  });

  it('answers random and mutated requests with a reply or nothing, never an exception', () => {
    const kdc = makeKdc();
    const valid = asReq({ padata: [encTimestamp()] });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, bits]) => {
            const copy = valid.slice();
            copy[at] = (copy[at] ?? 0) ^ bits;
            return copy;
          }),
        ),
        (bytes) => {
          const reply = kdc.exchange(bytes);
          expect(reply === undefined || [0x6b, 0x7e].includes(reply[0] ?? 0)).toBe(true);
        },
      ),
      { seed: 4120, numRuns: 500 },
    );
  });
});
