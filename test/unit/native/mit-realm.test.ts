import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_PASSWORD,
  type MitRealm,
  startMitRealm,
} from '../../../src/backends/native/mit-realm.js';
import { runCommand } from '../../../src/backends/native/realm/command.js';
import { kdcConf, krb5Conf, realmPaths } from '../../../src/backends/native/realm/config.js';
import {
  programEnvironment,
  realmEnvironment,
} from '../../../src/backends/native/realm/environment.js';
import { KdcStartError, startKdc } from '../../../src/backends/native/realm/kdc-process.js';
import {
  requireMitPrograms,
  searchMitPrograms,
} from '../../../src/backends/native/realm/programs.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { describeNative } from '../../support/native.js';

/** A stand-in for the native GSS-API: these tests are about the realm, not the library. */
const noGss = (): GssApi => {
  throw new Error('no GSS-API in the realm tests');
};

const REALM_VARIABLES = [
  'KRB5_CONFIG',
  'KRB5_KDC_PROFILE',
  'KRB5CCNAME',
  'KRB5_KTNAME',
  'KRB5_CLIENT_KTNAME',
  'KRB5RCACHEDIR',
  'GSS_MECH_CONFIG',
];

/** What `klist` prints for the realm that `process.env` names. */
function klist(args: readonly string[] = []): string {
  return execFileSync(requireMitPrograms().klist, args, {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
}

/** True while `pid` is a process that has not exited (a zombie counts as exited). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('the search for MIT programs', () => {
  it('names the missing programs and the packages to install', () => {
    const result = searchMitPrograms(['/nonexistent/bin']);

    expect(result).toEqual({
      found: false,
      missing: ['krb5kdc', 'kdb5_util', 'kadmin.local', 'kinit', 'klist'],
      reason:
        'MIT krb5 programs not found: krb5kdc, kdb5_util, kadmin.local, kinit, klist ' +
        '(looked in /nonexistent/bin); ' +
        'install them with `apt-get install krb5-kdc krb5-admin-server krb5-user`',
    });
  });
});

describeNative('startMitRealm', () => {
  describe('a started realm', () => {
    let realm: MitRealm;
    beforeAll(async () => {
      realm = await startMitRealm({ gss: noGss });
    });
    afterAll(() => realm.close());

    it('has the default names and the documented user password', () => {
      expect(realm.backend).toBe('mit');
      expect(realm.name).toBe('KRBTEST.COM');
      expect(realm.hostname).toBe('localhost');
      expect(realm.userPrincipal).toBe('user@KRBTEST.COM');
      expect(realm.hostPrincipal).toBe('host/localhost@KRBTEST.COM');
      expect(realm.userPassword).toBe(DEFAULT_USER_PASSWORD);
    });

    it("puts the user's TGT in the default ccache", () => {
      const listing = klist();

      expect(listing).toContain(`Ticket cache: FILE:${join(realm.directory, 'ccache')}`);
      expect(listing).toContain('Default principal: user@KRBTEST.COM');
      expect(listing).toContain('krbtgt/KRBTEST.COM@KRBTEST.COM');
    });

    it("puts the host's keys in the default keytab, aes256-cts-hmac-sha1-96 among them", () => {
      const listing = klist(['-ke']);

      expect(listing).toContain(`Keytab name: FILE:${join(realm.directory, 'keytab')}`);
      expect(listing).toContain('host/localhost@KRBTEST.COM (aes256-cts-hmac-sha1-96)');
    });

    it('points every variable at files inside its directory', () => {
      for (const name of REALM_VARIABLES) {
        expect(process.env[name]).toBe(realm.env[name]);
        expect(realm.env[name]).toContain(realm.directory);
      }
    });

    it('has a KDC that listens on 127.0.0.1 only, for UDP and TCP', () => {
      const port = realm.kdcPort.toString(16).toUpperCase().padStart(4, '0');
      const sockets = (file: string) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .slice(1)
          .map((line) => line.trim().split(/\s+/)[1] ?? '')
          .filter((local) => local.endsWith(`:${port}`));

      expect(sockets('/proc/net/udp')).toEqual([`0100007F:${port}`]);
      expect(sockets('/proc/net/tcp')).toContain(`0100007F:${port}`);
      expect(existsSync('/proc/net/tcp6') ? sockets('/proc/net/tcp6') : []).toEqual([]);
      expect(readFileSync(realm.env.KRB5_CONFIG ?? '', 'utf8')).toContain(
        `kdc = 127.0.0.1:${realm.kdcPort}`,
      );
    });

    it('logs the AS exchange of the first kinit in kdcLog()', () => {
      expect(realm.kdcLog()).toMatch(
        /AS_REQ .* ISSUE: .*user@KRBTEST\.COM for krbtgt\/KRBTEST\.COM/,
      );
    });

    it('adds the realm to a principal name without one', () => {
      expect(realm.principal('alice')).toBe('alice@KRBTEST.COM');
      expect(realm.principal('HTTP/localhost')).toBe('HTTP/localhost@KRBTEST.COM');
      expect(realm.principal('bob@OTHER.ORG')).toBe('bob@OTHER.ORG');
      expect(() => realm.principal('two words')).toThrow(TypeError);
      expect(() => realm.principal('a@B@C')).toThrow(/name\[\/instance\]\[@REALM\]/);
    });

    it('creates a principal with a password that kinit then accepts', async () => {
      const password = 'a "quoted" pass word!';
      await realm.addPrincipal('alice', { password });

      await realm.kinit('alice', password);

      expect(klist()).toContain('Default principal: alice@KRBTEST.COM');
      await realm.kinit('user', realm.userPassword);
      expect(klist()).toContain('Default principal: user@KRBTEST.COM');
    });

    it('rejects kinit with a wrong password, naming what kinit said', async () => {
      await expect(realm.kinit('user', 'not the password')).rejects.toThrow(
        /^kinit user@KRBTEST\.COM: expected a TGT .* kinit: Password incorrect/,
      );
    });

    it('rejects a principal that exists already', async () => {
      await expect(realm.addPrincipal('user', { password: 'x' })).rejects.toThrow(
        /expected to create user@KRBTEST\.COM, but it said: .*already exists/,
      );
    });

    it('adds a random-key principal to the keytab, the kvno rising with each ktadd', async () => {
      await realm.addPrincipal('HTTP/localhost');

      await realm.addToKeytab('HTTP/localhost');
      await realm.addToKeytab('HTTP/localhost@KRBTEST.COM');

      const kvnos = klist(['-k'])
        .split('\n')
        .filter((line) => line.includes('HTTP/localhost@KRBTEST.COM'))
        .map((line) => Number.parseInt(line.trim(), 10));
      expect(new Set(kvnos)).toEqual(new Set([2, 3]));
    });

    it('rejects adding a principal that does not exist to the keytab', async () => {
      await expect(realm.addToKeytab('nobody')).rejects.toThrow(/does not exist/);
    });

    it('refuses a second realm while it is open', async () => {
      await expect(startMitRealm({ gss: noGss })).rejects.toThrow(
        /expected no open MIT realm in this process, found KRBTEST\.COM in \//,
      );
    });

    it('makes its gss with the factory on first use, once', async () => {
      let calls = 0;
      const fake = {} as GssApi; // Only its identity matters here.
      await realm.close();
      realm = await startMitRealm({
        gss: () => {
          calls++;
          return fake;
        },
      });

      expect(calls).toBe(0);
      expect(realm.gss).toBe(fake);
      expect(realm.gss).toBe(fake);
      expect(calls).toBe(1);
    });
  });

  describe('with the default gss', () => {
    it("is MIT's GSS-API, which finds the user's TGT through the environment", async () => {
      const realm = await startMitRealm();

      try {
        const { creds } = realm.gss.acquireCred();
        const { name } = realm.gss.inquireCred(creds);
        expect(name).not.toBeNull();
        const shown = name === null ? new Uint8Array() : realm.gss.displayName(name).name;
        expect(realm.gss.backend).toBe('mit');
        expect(new TextDecoder().decode(shown)).toBe('user@KRBTEST.COM');
      } finally {
        await realm.close();
      }
    });
  });

  describe('closing', () => {
    it('stops the KDC, removes the directory and restores the environment', async () => {
      process.env.KRB5CCNAME = 'FILE:/tmp/outer-ccache';
      delete process.env.KRB5_CONFIG;
      const realm = await startMitRealm({ gss: noGss });
      expect(isRunning(realm.kdcPid)).toBe(true);

      await realm.close();
      await realm.close();

      expect(isRunning(realm.kdcPid)).toBe(false);
      expect(existsSync(realm.directory)).toBe(false);
      expect(process.env.KRB5CCNAME).toBe('FILE:/tmp/outer-ccache');
      expect(process.env.KRB5_CONFIG).toBeUndefined();
      delete process.env.KRB5CCNAME;
    });

    it('allows realms one after the other, each on its own port and directory', async () => {
      const first = await startMitRealm({ gss: noGss });
      await first.close();
      const second = await startMitRealm({
        name: 'EXAMPLE.ORG',
        hostname: 'server.test',
        gss: noGss,
      });

      try {
        expect(second.directory).not.toBe(first.directory);
        expect(second.hostPrincipal).toBe('host/server.test@EXAMPLE.ORG');
        expect(klist()).toContain('Default principal: user@EXAMPLE.ORG');
        expect(klist(['-k'])).toContain('host/server.test@EXAMPLE.ORG');
      } finally {
        await second.close();
      }
    });

    it('rejects a realm name that krb5.conf cannot hold', async () => {
      await expect(startMitRealm({ name: 'BAD REALM', gss: noGss })).rejects.toThrow(TypeError);
    });
  });

  describe('the KDC process', () => {
    it('reports a port in use with the KDC log, then removes the directory', async () => {
      const directory = mkdtempSync(join(tmpdir(), 'gssapi-sim-kdc-test-'));
      const held = await holdPort();
      const paths = realmPaths(directory);
      const config = { realm: 'KRBTEST.COM', hostname: 'localhost', port: held.port, paths };
      writeFileSync(paths.krb5Conf, krb5Conf(config));
      writeFileSync(paths.kdcConf, kdcConf(config));
      const env = programEnvironment(realmEnvironment(paths));
      const programs = requireMitPrograms();
      await runCommand(programs.kdb5Util, ['create', '-W', '-s', '-P', 'master'], { env });

      try {
        const starting = startKdc({
          program: programs.krb5kdc,
          realm: 'KRBTEST.COM',
          directory,
          env,
          readLog: () => readFileSync(paths.kdcLog, 'utf8'),
        });

        const error = await starting.then(
          () => new Error('expected the KDC not to start'),
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(KdcStartError);
        expect(error).toMatchObject({ addressInUse: true });
        expect(String(error)).toMatch(/^KdcStartError: krb5kdc exited with code 1 before it was/);
        expect(String(error)).toMatch(/listening; stderr: .*; log: .*Address already in use/s);
        expect(existsSync(directory)).toBe(false);
      } finally {
        held.close();
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });

  describe('when the process ends without close()', () => {
    let scratch: string;
    beforeAll(() => {
      scratch = compileRealmForNode();
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it.each([
      ['killed with SIGKILL', 'kill'],
      ['exiting normally', 'exit'],
    ] as const)('stops the KDC and removes the directory when %s', async (_, how) => {
      const child = spawn(process.execPath, [join(scratch, 'driver.mjs')], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const line = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('\n')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`driver exited with ${code}: ${text}`)));
      });
      const { pid, directory } = JSON.parse(line) as { pid: number; directory: string };
      expect(isRunning(pid)).toBe(true);

      if (how === 'kill') child.kill('SIGKILL');
      else child.stdin.end('exit\n');
      await exited;
      // The exit handler removes the directory before the process is gone; the guard may lag.
      if (how === 'exit') expect(existsSync(directory)).toBe(false);
      const gone = await eventually(() => !isRunning(pid) && !existsSync(directory), 10_000);

      if (!gone) {
        process.kill(pid, 'SIGKILL');
        rmSync(directory, { recursive: true, force: true });
      }
      expect(gone).toBe(true);
    });
  });
});

/** Holds a 127.0.0.1 port for TCP and UDP, as another program might. */
async function holdPort(): Promise<{ port: number; close: () => void }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind({ address: '127.0.0.1', port }, resolve));
  return {
    port,
    close: () => {
      server.close();
      socket.close();
    },
  };
}

/**
 * Node 20 cannot run TypeScript, so the realm's modules are transpiled into a scratch
 * directory, with a driver that starts a realm, prints its KDC pid and directory, and then
 * waits to be killed, or to exit without closing the realm when a line arrives on stdin.
 */
function compileRealmForNode(): string {
  const root = join(import.meta.dirname, '../../..');
  const scratch = mkdtempSync(join(tmpdir(), 'gssapi-sim-realm-child-'));
  const sources = [
    'src/spec/realm.ts',
    'src/backends/native/mit-realm.ts',
    ...readdirSync(join(root, 'src/backends/native/realm'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `src/backends/native/realm/${file}`),
  ];
  for (const source of sources) {
    const output = ts.transpileModule(readFileSync(join(root, source), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(scratch, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  const entry = `./${relative(scratch, join(scratch, 'src/backends/native/mit-realm.js'))}`;
  writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(scratch, 'driver.mjs'),
    [
      `import { startMitRealm } from '${entry}';`,
      'const realm = await startMitRealm({ gss: () => { throw new Error("unused"); } });',
      'const state = { pid: realm.kdcPid, directory: realm.directory };',
      'process.stdout.write(JSON.stringify(state) + "\\n");',
      "process.stdin.once('data', () => process.exit(0));",
    ].join('\n'),
  );
  return scratch;
}
