/**
 * The C types of the native backend in a process that loads the package twice: koffi's type
 * names are process-wide, so a second copy must reuse the first copy's identical types.
 */
import { expect, it, vi } from 'vitest';
import { namedStruct } from '../../../src/backends/native/library.js';
import { describeNative } from '../../support/native.js';

describeNative('native C types', () => {
  it('reuses a type declared again with the same layout and refuses another layout', () => {
    const first = namedStruct('gssapi_sim_test_pair', { count: 'size_t', value: 'void *' });
    const again = namedStruct('gssapi_sim_test_pair', { count: 'size_t', value: 'void *' });

    expect(again).toBe(first);
    expect(() => namedStruct('gssapi_sim_test_pair', { count: 'int', value: 'void *' })).toThrow(
      /gssapi_sim_test_pair is already declared in this process with another layout/,
    );
  });

  it('works from a second copy of the backend loaded in the same process', async () => {
    vi.resetModules();
    const second = await import('../../../src/backends/native/gss-api.js');
    // The second copy has its own OID class: its name types come from it too.
    const { NameType } = await import('../../../src/spec/oids.js');
    const gss = second.createNativeGssApi();

    const name = gss.importName('someone@EXAMPLE.TEST', { nameType: NameType.kerberosPrincipal });
    expect(new TextDecoder().decode(gss.displayName(name).name)).toBe('someone@EXAMPLE.TEST');
    gss.releaseName(name);
  });
});
