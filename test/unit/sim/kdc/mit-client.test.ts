/**
 * MIT's own client programs against the sim's KDC, over UDP and TCP on 127.0.0.1: `kinit`
 * succeeds with the password and fails with MIT's messages otherwise, `kvno` gets a service
 * ticket, and `klist -e` shows the enctypes and flags MIT's KDC gives.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimKdc } from '../../../../src/sim/kdc/kdc.js';
import { describeNative } from '../../../support/native.js';
import { makeKdc, PASSWORD, REALM } from './fixture.js';
import { type ServedKdc, serveKdc } from './serve.js';

interface Run {
  readonly code: number;
  readonly output: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

function krb5Conf(port: number, tcp: boolean): string {
  return [
    '[libdefaults]',
    `  default_realm = ${REALM}`,
    '  dns_lookup_kdc = false',
    '  dns_lookup_realm = false',
    '  dns_canonicalize_hostname = false',
    '  rdns = false',
    '  qualify_shortname = ""',
    '  forwardable = true',
    ...(tcp ? ['  udp_preference_limit = 1'] : []),
    '[realms]',
    `  ${REALM} = {`,
    `    kdc = 127.0.0.1:${port}`,
    '  }',
    '',
  ].join('\n');
}

describeNative("MIT's client against the sim KDC", () => {
  let kdc: SimKdc;
  let served: ServedKdc;
  let directory: string;

  beforeAll(async () => {
    // Real time: MIT's client checks the reply against its own clock.
    kdc = makeKdc({ seed: 'mit-client', now: null });
    served = await serveKdc(kdc);
    directory = mkdtempSync(join(tmpdir(), 'gssapi-sim-kdc-'));
  });

  afterAll(async () => {
    await served.close();
    rmSync(directory, { recursive: true, force: true });
  });

  for (const transport of ['udp', 'tcp'] as const) {
    describe(`over ${transport}`, () => {
      let env: NodeJS.ProcessEnv;

      beforeAll(() => {
        const config = join(directory, `krb5-${transport}.conf`);
        writeFileSync(config, krb5Conf(served.port, transport === 'tcp'));
        env = {
          ...process.env,
          LC_ALL: 'C',
          KRB5_CONFIG: config,
          KRB5CCNAME: `FILE:${join(directory, `ccache-${transport}`)}`,
          KRB5_KTNAME: `FILE:${join(directory, 'no.keytab')}`,
          KRB5_CLIENT_KTNAME: `FILE:${join(directory, 'no-client.keytab')}`,
        };
        delete env.KRB5_TRACE;
      });

      it('kinit gets a TGT with the right password', async () => {
        const result = await run('kinit', ['user'], env, `${PASSWORD}\n`);
        expect(result.output).not.toMatch(/kinit:/);
        expect(result.code).toBe(0);
      });

      it("kinit fails with MIT's 'Password incorrect' for a wrong password", async () => {
        const result = await run('kinit', ['user'], env, 'wrong\n');
        expect(result.code).toBe(1);
        expect(result.output).toContain(
          'kinit: Password incorrect while getting initial credentials',
        );
      });

      it("kinit fails with MIT's message for an unknown client", async () => {
        const result = await run('kinit', ['nosuch'], env, 'x\n');
        expect(result.code).toBe(1);
        expect(result.output).toContain(
          "kinit: Client 'nosuch@KRBTEST.COM' not found in Kerberos database " +
            'while getting initial credentials',
        );
      });

      it('kvno gets a service ticket, and klist -e shows what MIT issues', async () => {
        expect((await run('kinit', ['user'], env, `${PASSWORD}\n`)).code).toBe(0);
        const kvno = await run('kvno', ['host/localhost'], env);
        expect(kvno.output).toContain('host/localhost@KRBTEST.COM: kvno = 2');

        const klist = await run('klist', ['-ef'], env);
        expect(klist.output).toContain('Default principal: user@KRBTEST.COM');
        const lines = klist.output.split('\n');
        const flagsOf = (service: string) =>
          lines[lines.findIndex((line) => line.includes(service)) + 1]?.trim();
        const aes256 = 'Etype (skey, tkt): aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96';
        expect(flagsOf('krbtgt/KRBTEST.COM@KRBTEST.COM')).toBe(`Flags: FIA, ${aes256}`);
        expect(flagsOf('host/localhost@KRBTEST.COM')).toBe(`Flags: FAT, ${aes256}`);
      });

      it("kvno fails with MIT's message for an unknown server", async () => {
        const result = await run('kvno', ['nosuch/localhost'], env);
        expect(result.output).toContain(
          'kvno: Server nosuch/localhost@KRBTEST.COM not found in Kerberos database ' +
            'while getting credentials for nosuch/localhost@KRBTEST.COM',
        );
      });

      it("kinit -r asks for a renewable TGT and gets MIT's capped one", async () => {
        expect((await run('kinit', ['-r', '7d', 'user'], env, `${PASSWORD}\n`)).code).toBe(0);
        const klist = await run('klist', ['-ef'], env);
        expect(klist.output).toMatch(/renew until .*, Flags: FRIA/);
      });
    });
  }
});
