/**
 * The sim client's requests against those of MIT's `kinit` and `kvno`, both sent to the sim KDC
 * (MIT's over UDP on 127.0.0.1): the same padata, options, names, enctypes and lifetimes, field
 * by field; nonces, times and ciphertexts aside. One known difference: MIT 1.20 wraps every TGS
 * request in FAST (PA-FX-FAST with implicit armor), the sim does not.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClock } from '../../../../src/sim/clock.js';
import { decrypt, stringToKey } from '../../../../src/sim/crypto/index.js';
import { getServiceCredentials, Krb5Error } from '../../../../src/sim/krb5/client/index.js';
import { decodeEncryptedData } from '../../../../src/sim/krb5/messages/encryption.js';
import {
  decodeAsReq,
  decodeTgsReq,
  type KdcReq,
} from '../../../../src/sim/krb5/messages/kdc-req.js';
import { decodePaEncTsEnc, encodePaEncTsEnc } from '../../../../src/sim/krb5/messages/pa-data.js';
import { createRandom } from '../../../../src/sim/random.js';
import { describeNative } from '../../../support/native.js';
import { makeKdc, PASSWORD, REALM } from '../kdc/fixture.js';
import { type ServedKdc, serveKdc } from '../kdc/serve.js';
import { recording, userTgt } from './sim-realm.js';

function run(file: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<void> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: 10_000 }, () => resolve());
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

/** What should agree between two requests: everything but nonce, times and ciphertexts. */
function shape(request: KdcReq) {
  const { nonce: _nonce, till: _till, ...body } = request.reqBody;
  return {
    padata: request.padata?.map(({ padataType }) => padataType),
    body,
  };
}

describeNative("the sim client's requests beside kinit's and kvno's", () => {
  const mit: Uint8Array[] = [];
  let served: ServedKdc;
  let directory: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const kdc = makeKdc({ seed: 'kinit capture', now: null });
    const exchange = kdc.exchange.bind(kdc);
    kdc.exchange = (request) => {
      mit.push(request);
      return exchange(request);
    };
    served = await serveKdc(kdc);
    directory = mkdtempSync(join(tmpdir(), 'gssapi-sim-client-'));
    const config = join(directory, 'krb5.conf');
    writeFileSync(
      config,
      [
        '[libdefaults]',
        `  default_realm = ${REALM}`,
        '  dns_lookup_kdc = false',
        '  dns_canonicalize_hostname = false',
        '  rdns = false',
        '  qualify_shortname = ""',
        '  forwardable = true',
        '[realms]',
        `  ${REALM} = {`,
        `    kdc = 127.0.0.1:${served.port}`,
        '  }',
        '',
      ].join('\n'),
    );
    env = {
      ...process.env,
      LC_ALL: 'C',
      KRB5_CONFIG: config,
      KRB5CCNAME: `FILE:${join(directory, 'ccache')}`,
    };
    delete env.KRB5_TRACE;
    await run('kinit', ['user'], env, `${PASSWORD}\n`);
    await run('kvno', ['host/localhost', 'nosuch/localhost'], env);
  });

  afterAll(async () => {
    await served?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  function simRequests(): Uint8Array[] {
    const clock = createClock();
    const kdc = recording(makeKdc({ seed: 'sim', clock }));
    const random = createRandom('sim client');
    const { credential: tgt } = userTgt({ kdc, clock, random });
    const options = { kdc, tgt, random, clock };
    getServiceCredentials({ ...options, server: 'host/localhost' });
    try {
      getServiceCredentials({ ...options, server: 'nosuch/localhost' });
    } catch (error) {
      if (!(error instanceof Krb5Error)) throw error;
    }
    return kdc.requests;
  }

  it('sends the AS-REQs kinit sends, before and after PREAUTH_REQUIRED', () => {
    const sim = simRequests();
    expect(mit.length).toBe(5);
    for (const index of [0, 1]) {
      const theirs = decodeAsReq(mit[index] ?? new Uint8Array(0));
      const ours = decodeAsReq(sim[index] ?? new Uint8Array(0));
      expect(shape(ours)).toEqual(shape(theirs));
    }
  });

  it('encrypts a PA-ENC-TS-ENC of the same form as kinit in the same key', () => {
    const key = stringToKey(18, PASSWORD, `${REALM}user`);
    const timestamp = (request: Uint8Array | undefined) => {
      const pa = decodeAsReq(request ?? new Uint8Array(0)).padata?.[1];
      const encrypted = decodeEncryptedData(pa?.padataValue ?? new Uint8Array(0));
      return { encrypted, plain: decodePaEncTsEnc(decrypt(key, 1, encrypted.cipher)) };
    };
    const theirs = timestamp(mit[1]);
    const ours = timestamp(simRequests()[1]);
    expect(ours.encrypted.kvno).toBe(theirs.encrypted.kvno);
    // The DER INTEGER of the microseconds varies in length with kinit's clock, so compare the
    // encryption overhead, not the ciphertext length.
    const overhead = (side: typeof ours) =>
      side.encrypted.cipher.length - encodePaEncTsEnc(side.plain).length;
    expect(overhead(ours)).toBe(overhead(theirs));
    expect(Object.keys(ours.plain)).toEqual(Object.keys(theirs.plain));
  });

  it("sends kvno's TGS-REQ bodies: canonicalize, then without it for an unknown server", () => {
    const sim = simRequests();
    for (const index of [2, 3, 4]) {
      const theirs = shape(decodeTgsReq(mit[index] ?? new Uint8Array(0)));
      const ours = shape(decodeTgsReq(sim[index] ?? new Uint8Array(0)));
      expect(ours.body).toEqual(theirs.body);
      expect(theirs.padata).toEqual([1, 136]);
      expect(ours.padata).toEqual([1]);
    }
  });
});
