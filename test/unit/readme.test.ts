import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTENSION_FUNCTIONS, EXTENSIONS } from '../../src/spec/extensions.js';
import { CORE_FUNCTIONS } from '../../src/spec/gss-api.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README API map', () => {
  it('lists every core function as core', () => {
    for (const name of CORE_FUNCTIONS) expect(readme).toMatch(rowOf(name, 'core'));
  });

  it('lists every extension function with its extension', () => {
    for (const extension of EXTENSIONS) {
      for (const name of EXTENSION_FUNCTIONS[extension]) {
        expect(readme).toMatch(rowOf(name, `\`${extension}\``));
      }
    }
  });
});

function rowOf(name: string, last: string): RegExp {
  return new RegExp(`^\\| \`${name}\` +\\|[^|]+\\|[^|]+\\| ${last} +\\|$`, 'm');
}
