import { expect, it } from 'vitest';
import { createNativeGssApi, EXTENSION_MODULES } from '../../../src/backends/native/gss-api.js';
import { EXTENSION_FUNCTIONS, EXTENSIONS } from '../../../src/spec/extensions.js';
import { describeNative } from '../../support/native.js';

describeNative('native extensions', () => {
  const gss = createNativeGssApi();

  it("declares every extension of the reference on Debian 12's MIT krb5 1.20", () => {
    expect(EXTENSIONS.filter((extension) => !gss.has(extension))).toEqual([]);
  });

  it('has one module per extension, each naming the C symbols it needs', () => {
    expect(EXTENSION_MODULES.map((module) => module.extension).sort()).toEqual(
      [...EXTENSIONS].sort(),
    );
    for (const module of EXTENSION_MODULES) expect(module.symbols.length).toBeGreaterThan(0);
  });

  it('gives each declared extension its real functions, not the unavailable ones', () => {
    for (const extension of EXTENSIONS) {
      for (const name of EXTENSION_FUNCTIONS[extension]) {
        expect(() => Reflect.apply(gss[name], gss, [])).not.toThrow(
          /GSS_S_UNAVAILABLE|not available/,
        );
      }
    }
  });

  it('names the missing library and the Debian package that provides it', () => {
    expect(() => createNativeGssApi({ library: 'libgssapi_missing.so.9' })).toThrow(
      /cannot load libgssapi_missing\.so\.9 .*apt-get install libgssapi-krb5-2/,
    );
  });
});
