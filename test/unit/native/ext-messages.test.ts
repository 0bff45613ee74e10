import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MitRealm, startMitRealm } from '../../../src/backends/native/mit-realm.js';
import { BadMICError } from '../../../src/spec/errors.js';
import { IOVBufferType, RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { IOV } from '../../../src/spec/iov.js';
import { type ContextPair, establishPair } from '../../support/gss-flows.js';
import { describeNative } from '../../support/native.js';

const encoder = new TextEncoder();
const FLAGS = [
  RequirementFlag.mutualAuthentication,
  RequirementFlag.replayDetection,
  RequirementFlag.outOfSequenceDetection,
  RequirementFlag.confidentiality,
  RequirementFlag.integrity,
];

type Pair = ContextPair;

/** A krb5 context between the realm's user and host, both ends in this process. */
function establish(gss: GssApi, realm: MitRealm): Pair {
  return establishPair(gss, realm.hostname, { flags: FLAGS });
}

/** The value of the IOV buffer at `index`. */
function valueAt(iov: IOV, index: number): Uint8Array {
  const value = iov.at(index)?.value;
  if (value === null || value === undefined) throw new Error(`no value at ${index}`);
  return value;
}

/** A receiver's IOV holding the sender's wrapped buffers, supplied by the caller. */
function received(wrapped: IOV): IOV {
  return new IOV(
    [...wrapped].map((entry) => [entry.type, false, entry.value] as const),
    { stdLayout: false },
  );
}

describeNative('native dce, dceAead and iovMic extensions over MIT', () => {
  let realm: MitRealm;
  let gss: GssApi;
  let pair: Pair;

  beforeAll(async () => {
    realm = await startMitRealm();
    gss = realm.gss;
    pair = establish(gss, realm);
  }, 30_000);

  afterAll(async () => {
    await realm?.close();
  });

  it('declares the three extensions', () => {
    expect(gss.has('dce')).toBe(true);
    expect(gss.has('dceAead')).toBe(true);
    expect(gss.has('iovMic')).toBe(true);
  });

  it('wraps an IOV with confidentiality in place and unwraps it on the other side', () => {
    const plaintext = encoder.encode('the data buffer, encrypted where it lies');
    const signed = encoder.encode('sign-only header');
    const message = new IOV([[IOVBufferType.signOnly, signed], plaintext]);

    expect(gss.wrapIov(pair.initiator, message)).toBe(true);
    expect(message.types).toEqual([
      IOVBufferType.header,
      IOVBufferType.signOnly,
      IOVBufferType.data,
      IOVBufferType.padding,
      IOVBufferType.trailer,
    ]);
    expect(message.at(0)?.allocate).toBeNull();
    expect(valueAt(message, 0).length).toBeGreaterThan(0);
    expect(valueAt(message, 1)).toEqual(signed);
    expect(valueAt(message, 2).length).toBe(plaintext.length);
    expect(valueAt(message, 2)).not.toEqual(plaintext);
    expect(message.at(4)?.allocate).toBeNull();

    const incoming = received(message);
    expect(gss.unwrapIov(pair.acceptor, incoming)).toEqual({ encrypted: true, qop: 0 });
    expect(valueAt(incoming, 2)).toEqual(plaintext);
    expect(valueAt(incoming, 1)).toEqual(signed);
  });

  it('wraps an IOV without confidentiality, leaving the data readable', () => {
    const plaintext = encoder.encode('integrity only');
    const message = new IOV([plaintext]);

    expect(gss.wrapIov(pair.acceptor, message, { confidential: false })).toBe(false);
    expect(valueAt(message, 1)).toEqual(plaintext);

    const incoming = received(message);
    expect(gss.unwrapIov(pair.initiator, incoming)).toEqual({ encrypted: false, qop: 0 });
    expect(valueAt(incoming, 1)).toEqual(plaintext);
  });

  it('rejects a changed sign-only buffer with BadMICError', () => {
    const message = new IOV([[IOVBufferType.signOnly, encoder.encode('abc')], encoder.encode('x')]);
    gss.wrapIov(pair.initiator, message);

    const incoming = received(message);
    incoming.fill(1, encoder.encode('abd'), { allocated: false });
    expect(() => gss.unwrapIov(pair.acceptor, incoming)).toThrow(BadMICError);
    // The untouched message still unwraps (and keeps the sequence without a gap).
    expect(gss.unwrapIov(pair.acceptor, received(message)).encrypted).toBe(true);
  });

  it('sizes header, padding and trailer as wrapIov then fills them', () => {
    for (const confidential of [true, false]) {
      const plaintext = new Uint8Array(100).fill(7);
      const sized = new IOV([plaintext]);
      expect(gss.wrapIovLength(pair.initiator, sized, { confidential })).toBe(confidential);
      const wrapped = new IOV([plaintext]);
      gss.wrapIov(pair.initiator, wrapped, { confidential });

      for (const index of [0, 2, 3]) {
        // A buffer sized 0 (CFX has no padding) stays without a value, as in the reference.
        const length = sized.at(index)?.value?.length ?? 0;
        expect(sized.at(index)?.value ?? new Uint8Array(0)).toEqual(new Uint8Array(length));
        expect(sized.at(index)?.allocate).toBe(true);
        expect(wrapped.at(index)?.value?.length ?? 0).toBe(length);
      }
      expect(valueAt(sized, 1)).toEqual(plaintext);
      expect(gss.unwrapIov(pair.acceptor, received(wrapped)).encrypted).toBe(confidential);
    }
  });

  it('writes into header and trailer buffers the caller supplies', () => {
    const plaintext = encoder.encode('caller-owned buffers');
    const sized = new IOV([plaintext]);
    gss.wrapIovLength(pair.initiator, sized);
    const supplied = new IOV(
      [...sized].map((entry) => [entry.type, false, entry.value] as const),
      { stdLayout: false },
    );

    gss.wrapIov(pair.initiator, supplied);
    expect(supplied.at(0)?.allocate).toBe(false);
    expect(valueAt(supplied, 0)).not.toEqual(valueAt(sized, 0));
    const incoming = received(supplied);
    gss.unwrapIov(pair.acceptor, incoming);
    expect(valueAt(incoming, 1)).toEqual(plaintext);
  });

  it('unwraps a whole wrap token given as a stream buffer into an empty data buffer', () => {
    const plaintext = encoder.encode('a stream of one token');
    const token = gss.wrap(pair.initiator, plaintext).message;
    const incoming = new IOV(
      [
        [IOVBufferType.stream, token],
        [IOVBufferType.data, null],
      ],
      {
        stdLayout: false,
      },
    );

    expect(gss.unwrapIov(pair.acceptor, incoming)).toEqual({ encrypted: true, qop: 0 });
    expect(valueAt(incoming, 1)).toEqual(plaintext);
  });

  it('wraps with associated data and unwraps only with the same associated data', () => {
    const plaintext = encoder.encode('aead payload');
    const associated = encoder.encode('associated');
    const wrapped = gss.wrapAead(pair.initiator, plaintext, { associated });
    expect(wrapped.encrypted).toBe(true);

    expect(gss.unwrapAead(pair.acceptor, wrapped.message, { associated })).toEqual({
      message: plaintext,
      encrypted: true,
      qop: 0,
    });

    const again = gss.wrapAead(pair.initiator, plaintext, { associated, confidential: false });
    expect(again.encrypted).toBe(false);
    const wrong = encoder.encode('associatee');
    expect(() => gss.unwrapAead(pair.acceptor, again.message, { associated: wrong })).toThrow(
      BadMICError,
    );
    expect(() => gss.unwrapAead(pair.acceptor, again.message)).toThrow(BadMICError);
    expect(gss.unwrapAead(pair.acceptor, again.message, { associated }).message).toEqual(plaintext);
  });

  it('leaves the token given to unwrapAead unchanged though MIT unwraps in place', () => {
    const token = gss.wrap(pair.initiator, encoder.encode('rotated'), { confidential: false });
    const copy = token.message.slice();
    gss.unwrapAead(pair.acceptor, token.message);
    expect(token.message).toEqual(copy);
  });

  it('makes an IOV MIC that verifies, sized as getMicIovLength says, and rejects tampering', () => {
    const data = encoder.encode('signed data');
    const header = encoder.encode('signed header');
    const message = new IOV(
      [data, [IOVBufferType.signOnly, header], [IOVBufferType.micToken, true, null]],
      { stdLayout: false },
    );
    const sized = new IOV([data, [IOVBufferType.micToken, true, null]], { stdLayout: false });

    gss.getMicIovLength(pair.initiator, sized);
    gss.getMicIov(pair.initiator, message);
    expect(message.at(2)?.allocate).toBeNull();
    expect(valueAt(message, 2).length).toBe(valueAt(sized, 1).length);
    expect(valueAt(message, 0)).toEqual(data);

    const incoming = received(message);
    expect(gss.verifyMicIov(pair.acceptor, incoming)).toBe(0);

    const tampered = received(message);
    tampered.fill(0, encoder.encode('signed dat4'), { allocated: false });
    expect(() => gss.verifyMicIov(pair.acceptor, tampered)).toThrow(BadMICError);
  });

  it('rejects caller mistakes before calling C', () => {
    const iov = new IOV([encoder.encode('x')]);
    // Deliberately wrong types, as an untyped caller could pass them.
    const notIov = [encoder.encode('x')] as unknown as IOV;
    expect(() => gss.wrapIov(pair.initiator, notIov)).toThrow(TypeError);
    expect(() => gss.wrapIov(pair.initiator, iov, { qop: -1 })).toThrow(RangeError);
    expect(() => gss.getMicIov(pair.initiator, iov, { qop: 2 ** 32 })).toThrow(RangeError);
    const notBytes = 'text' as unknown as Uint8Array;
    expect(() => gss.wrapAead(pair.initiator, notBytes)).toThrow(TypeError);
    expect(() =>
      gss.unwrapAead(pair.initiator, encoder.encode('x'), { associated: notBytes }),
    ).toThrow(TypeError);
    expect(iov.at(0)?.allocate).toBe(true);
  });

  it('refuses a deleted context with TypeError', () => {
    const { initiator, acceptor } = establish(gss, realm);
    gss.deleteSecContext(initiator);
    gss.deleteSecContext(acceptor);
    expect(() => gss.wrapIov(initiator, new IOV([encoder.encode('x')]))).toThrow(TypeError);
    expect(() => gss.unwrapAead(acceptor, encoder.encode('x'))).toThrow(TypeError);
    expect(() => gss.verifyMicIov(acceptor, new IOV([]))).toThrow(TypeError);
  });
});
