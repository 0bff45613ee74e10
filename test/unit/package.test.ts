import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/**
 * Builds the package into a scratch folder and installs it, by link, into a consumer project
 * there, so the exports map, the emitted JavaScript and the declarations are tested as a user
 * meets them.
 */
describe('the built package', () => {
  let scratch = '';
  let consumer = '';

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'gssapi-sim-package-'));
    const installed = join(scratch, 'gssapi-sim');
    consumer = join(scratch, 'consumer');
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    mkdirSync(installed);
    writeFileSync(join(consumer, 'package.json'), '{ "type": "module" }\n');
    cpSync(join(root, 'package.json'), join(installed, 'package.json'));
    execFileSync(process.execPath, [
      tsc,
      '-p',
      join(root, 'tsconfig.build.json'),
      '--outDir',
      join(installed, 'dist'),
    ]);
    // The package's own dependencies (xstate) resolve from its node_modules, as after npm install.
    symlinkSync(join(root, 'node_modules'), join(installed, 'node_modules'), 'dir');
    symlinkSync(installed, join(consumer, 'node_modules/gssapi-sim'), 'dir');
    symlinkSync(join(root, 'node_modules/@types'), join(consumer, 'node_modules/@types'), 'dir');
  }, 120_000);

  afterAll(() => {
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  it('is ESM only, free of side effects, with types first in every export', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    for (const [path, target] of Object.entries(manifest.exports)) {
      if (path === './package.json') continue;
      expect(Object.keys(target as object)[0]).toBe('types');
    }
  });

  it('imports at run time from the root and from ./spec', () => {
    const script = [
      "const root = await import('gssapi-sim');",
      "const spec = await import('gssapi-sim/spec');",
      'console.log(JSON.stringify([root.MechType.kerberos.dottedForm, typeof spec.gssError,',
      '  new root.BadMICError(0x60000, 0) instanceof spec.GssError]));',
    ].join('\n');
    writeFileSync(join(consumer, 'run.mjs'), script);

    const output = execFileSync(process.execPath, [join(consumer, 'run.mjs')], { cwd: consumer });

    expect(JSON.parse(output.toString())).toEqual(['1.2.840.113554.1.2.2', 'function', true]);
  });

  it('type-checks a consumer that uses the whole API through the declarations', () => {
    const source = [
      "import { type GssApi, type Realm, MechType, requirementFlags, RequirementFlag } from 'gssapi-sim';",
      "import type { InitSecContextResult, WrapResult, Extension } from 'gssapi-sim/spec';",
      'export function flow(gss: GssApi, realm: Realm): WrapResult | undefined {',
      "  const target = gss.importName('host@localhost', { nameType: null });",
      '  const flags = requirementFlags([RequirementFlag.mutualAuthentication]);',
      '  const init: InitSecContextResult = gss.initSecContext(target, { flags, mech: MechType.kerberos });',
      "  const extension: Extension = 'dce';",
      "  if (!gss.has(extension) || realm.backend !== 'sim') return undefined;",
      '  return gss.wrap(init.context, new Uint8Array(1), { confidential: true });',
      '}',
    ].join('\n');
    writeFileSync(join(consumer, 'index.ts'), source);
    const options = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ];

    const check = () =>
      execFileSync(process.execPath, [tsc, ...options, '--types', 'node', 'index.ts'], {
        cwd: consumer,
        encoding: 'utf8',
      });

    expect(check).not.toThrow();
  }, 60_000);
});
