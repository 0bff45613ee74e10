import { describe, expect, it } from 'vitest';
import { code } from '../../../../src/sim/errors/index.js';
import { FIRST_FAKE_MINOR, MinorMap } from '../../../../src/sim/gss/minor-map.js';

describe('MinorMap (MIT util_errmap.c)', () => {
  it('keeps a code met the first time and explains it with com_err text', () => {
    const map = new MinorMap();
    const incomplete = code('KG_CTX_INCOMPLETE');

    expect(map.map(incomplete)).toBe(incomplete);
    expect(map.text(incomplete)).toBe('Attempt to use incomplete security context');
  });

  it('gives 0 a made-up number from 100001, the same each time, printed Success', () => {
    const map = new MinorMap();

    expect(map.map(0)).toBe(FIRST_FAKE_MINOR);
    expect(map.map(0)).toBe(FIRST_FAKE_MINOR);
    expect(map.text(FIRST_FAKE_MINOR)).toBe('Success');
  });

  it('does not explain a number it never handed out', () => {
    const map = new MinorMap();

    expect(map.text(code('KRB5_KDC_UNREACH'))).toBeUndefined();
    expect(map.text(FIRST_FAKE_MINOR)).toBeUndefined();
  });

  it("prints a code's saved extended message, until another code's replaces it", () => {
    const map = new MinorMap();
    const notFound = code('KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN');
    const replay = code('KRB5KRB_AP_ERR_REPEAT');
    map.map(notFound, 'Server a/b@R not found in Kerberos database');

    expect(map.text(notFound)).toBe('Server a/b@R not found in Kerberos database');
    map.map(replay, 'Request is a replay (extended)');
    expect(map.text(notFound)).toBe('Server not found in Kerberos database');
  });
});
