/**
 * The sim's RFC 6680 naming extensions: the PAC as MIT's `pac.c` holds it, the
 * authorization-data context of `name-authdata.ts`, and the `rfc6680` calls' argument checks
 * and empty-name answers. Values and codes were measured on MIT krb5 1.20.1 (Debian 12);
 * `rfc6680-mit.test.ts` runs one script on both and `test/conformance/name-attributes.test.ts`
 * the shared behaviour.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authdataAttributes,
  EMPTY_AUTHDATA,
  externalizeAuthdata,
  getAuthdataAttribute,
  internalizeAuthdata,
  type NameAuthdata,
  setAuthdataAttribute,
} from '../../../../src/sim/gss/name-authdata.js';
import {
  addPacBuffer,
  type PacResult,
  pacBuffer,
  parsePac,
  type SimPac,
} from '../../../../src/sim/gss/name-pac.js';
import { emptyNameHandle } from '../../../../src/sim/gss/names.js';
import { buildSimRealm } from '../../../../src/sim/realm/sim-realm.js';
import { GssError } from '../../../../src/spec/errors.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';
import { GSS_S_BAD_NAME, GSS_S_CALL_INACCESSIBLE_READ } from '../../../../src/spec/status.js';

const ENOENT = 2;
const EPERM = 1;
const EEXIST = 17;
const EINVAL = 22;
const ERANGE = 34;

const hex = (bytes: Uint8Array | string): string =>
  Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const text = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'latin1'));
const le32 = (value: number): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0);
  return bytes.toString('hex');
};
const le64 = (value: number): string => le32(value) + le32(0);

/** A PAC: `cBuffers`, version 0, the entries, then `body` (hex). */
const pacBytes = (entries: readonly (readonly [number, number, number])[], body: string) =>
  fromHex(
    le32(entries.length) +
      le32(0) +
      entries.map(([type, size, offset]) => le32(type) + le32(size) + le64(offset)).join('') +
      body,
  );

/** One client-info buffer (type 10) of 5 octets at offset 24, padded to 8. */
const ONE_BUFFER = pacBytes([[10, 5, 24]], '6162636465000000');

function value<T>(result: PacResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got errno ${result.code}`);
  return result.value;
}

const verifiedPac = (bytes: Uint8Array): SimPac => value(parsePac(bytes, true));
const withPac = (pac: SimPac): NameAuthdata => ({ ...EMPTY_AUTHDATA, pac });

describe('parsePac', () => {
  it('reads the buffer table, unverified unless told', () => {
    const pac = value(parsePac(ONE_BUFFER));

    expect(pac.buffers).toEqual([{ type: 10, size: 5, offset: 24 }]);
    expect(pac.verified).toBe(false);
    expect(hex(pac.data)).toBe(hex(ONE_BUFFER));
    expect(value(parsePac(ONE_BUFFER, true)).verified).toBe(true);
  });

  it('refuses what krb5_pac_parse refuses, with its errno', () => {
    const cases: readonly (readonly [string, Uint8Array, number])[] = [
      ['shorter than PACTYPE', fromHex('01000000'), ERANGE],
      ['a version other than 0', fromHex(le32(1) + le32(1)), EINVAL],
      ['no buffer', fromHex(le32(0) + le32(0)), ERANGE],
      ['more than 4096 buffers', fromHex(le32(4097) + le32(0)), ERANGE],
      ['a table past the data', fromHex(le32(2) + le32(0) + '00'.repeat(16)), ERANGE],
      ['an unaligned offset', pacBytes([[10, 1, 25]], '00'.repeat(8)), EINVAL],
      ['an offset inside the header', pacBytes([[10, 1, 16]], '00'.repeat(8)), ERANGE],
      ['an offset past the end', pacBytes([[10, 0, 40]], '00'.repeat(8)), ERANGE],
      ['a size past the end', pacBytes([[10, 9, 24]], '00'.repeat(8)), ERANGE],
    ];
    for (const [label, bytes, errno] of cases) {
      expect(parsePac(bytes), label).toEqual({ ok: false, code: errno });
    }
  });
});

describe('pacBuffer and addPacBuffer', () => {
  it('finds the one buffer of a type, and refuses a type held twice (EINVAL)', () => {
    const twice = value(
      parsePac(
        pacBytes(
          [
            [10, 1, 40],
            [10, 1, 40],
          ],
          '00'.repeat(8),
        ),
      ),
    );

    expect(hex(value(pacBuffer(value(parsePac(ONE_BUFFER)), 10)))).toBe('6162636465');
    expect(pacBuffer(value(parsePac(ONE_BUFFER)), 1)).toEqual({ ok: false, code: ENOENT });
    expect(pacBuffer(twice, 10)).toEqual({ ok: false, code: EINVAL });
  });

  it('appends a buffer as MIT does, leaving the header in the octets as it was', () => {
    const pac = value(addPacBuffer(verifiedPac(ONE_BUFFER), 1, text('xyz')));

    expect(pac.verified).toBe(false);
    expect(pac.buffers).toEqual([
      { type: 10, size: 5, offset: 40 },
      { type: 1, size: 3, offset: 48 },
    ]);
    // The old header (one entry, offset 24), a zeroed slot, the old body, the value, padding.
    expect(hex(pac.data)).toBe(
      `${hex(ONE_BUFFER.subarray(0, 24))}${'00'.repeat(16)}6162636465000000${hex(text('xyz'))}${'00'.repeat(5)}`,
    );
    expect(hex(value(pacBuffer(pac, 1)))).toBe(hex(text('xyz')));
  });

  it('refuses a type the PAC holds once (EEXIST), but adds one it holds twice', () => {
    const twice = value(
      parsePac(
        pacBytes(
          [
            [10, 1, 40],
            [10, 1, 40],
          ],
          '00'.repeat(8),
        ),
      ),
    );

    expect(addPacBuffer(value(parsePac(ONE_BUFFER)), 10, text('x'))).toEqual({
      ok: false,
      code: EEXIST,
    });
    expect(value(addPacBuffer(twice, 10, text('x'))).buffers).toHaveLength(3);
  });
});

describe('the authorization-data context', () => {
  it('lists the whole PAC, then each buffer by name or signed number, then indicators', () => {
    const entries: [number, number, number][] = [
      [1, 0, 72],
      [16, 0, 72],
      [0x80000000, 0, 72],
      [0xffffffff, 0, 72],
    ];
    const authdata = { pac: verifiedPac(pacBytes(entries, '')), indicators: ['otp'] };

    expect(authdataAttributes(authdata).map((name) => Buffer.from(name).toString())).toEqual([
      'urn:mspac:',
      'urn:mspac:logon-info',
      'urn:mspac:16',
      'urn:mspac:-2147483648',
      'urn:mspac:',
      'auth-indicators',
    ]);
    expect(authdataAttributes(EMPTY_AUTHDATA)).toEqual([]);
  });

  it('reads a PAC attribute name in any case, or by a number as strtoul reads it', () => {
    const authdata = withPac(verifiedPac(ONE_BUFFER));
    for (const name of [
      'urn:mspac:client-info',
      'URN:MSPAC:CLIENT-INFO',
      'urn:mspac:10',
      'urn:mspac: +10',
      'urn:mspac:010',
      'urn:mspac:4294967306',
      'urn:mspac:10\0junk',
    ]) {
      expect(hex(value(getAuthdataAttribute(authdata, text(name))).values[0] ?? ''), name).toBe(
        '6162636465',
      );
    }
    for (const name of ['urn:mspac:-1', 'URN:MSPAC:', 'urn:mspac:18446744073709551616']) {
      expect(value(getAuthdataAttribute(authdata, text(name))).values, name).toEqual([ONE_BUFFER]);
    }
    for (const name of ['urn:mspac:0', 'urn:mspac:x', 'urn:mspac:10x', 'urn:mspac:1', 'urn:m']) {
      expect(getAuthdataAttribute(authdata, text(name)), name).toEqual({ ok: false, code: ENOENT });
    }
  });

  it('gives no value of an unverified PAC', () => {
    const authdata = withPac(value(parsePac(ONE_BUFFER)));

    expect(getAuthdataAttribute(authdata, text('urn:mspac:'))).toEqual({ ok: false, code: ENOENT });
    expect(authdataAttributes(authdata)).toHaveLength(2);
  });

  it('sets a PAC buffer or the whole PAC, never the indicators', () => {
    const authdata = withPac(verifiedPac(ONE_BUFFER));

    expect(
      value(setAuthdataAttribute(authdata, text('urn:mspac:7'), text('k'))).pac?.buffers,
    ).toHaveLength(2);
    expect(setAuthdataAttribute(authdata, text('urn:mspac:10'), text('k'))).toEqual({
      ok: false,
      code: EEXIST,
    });
    expect(
      value(setAuthdataAttribute(authdata, text('urn:mspac:'), ONE_BUFFER)).pac?.verified,
    ).toBe(false);
    expect(setAuthdataAttribute(authdata, text('urn:mspac:'), text('short'))).toEqual({
      ok: false,
      code: ERANGE,
    });
    expect(setAuthdataAttribute(authdata, text('auth-indicators'), text('x'))).toEqual({
      ok: false,
      code: EPERM,
    });
    expect(setAuthdataAttribute(EMPTY_AUTHDATA, text('urn:mspac:7'), text('k'))).toEqual({
      ok: false,
      code: ENOENT,
    });
  });

  it('writes an empty context as MIT does: both modules, nothing in them', () => {
    expect(hex(externalizeAuthdata(EMPTY_AUTHDATA))).toBe(
      '00000002000000056d7370616300000000000000000000001961757468656e7469636174696f6e2d696e64696361746f727300000000',
    );
    expect(internalizeAuthdata(new Uint8Array(0))).toEqual({ ok: true, value: null });
  });

  it('reads back what it writes (law: internalize after externalize is the identity)', () => {
    const indicator = fc.string({ unit: 'binary-ascii', maxLength: 12 });
    const pac = fc.option(
      fc.boolean().map((verified) => verifiedPacOf(verified)),
      {
        nil: null,
      },
    );
    fc.assert(
      fc.property(pac, fc.array(indicator, { maxLength: 4 }), (pacValue, indicators) => {
        const authdata: NameAuthdata = { pac: pacValue, indicators };
        const written = externalizeAuthdata(authdata);
        const read = value(internalizeAuthdata(written));

        expect(read).not.toBeNull();
        expect(hex(externalizeAuthdata(read ?? EMPTY_AUTHDATA))).toBe(hex(written));
        expect(read?.indicators).toEqual(indicators);
        expect(read?.pac?.verified ?? null).toBe(pacValue?.verified ?? null);
      }),
    );
  });
});

function verifiedPacOf(verified: boolean): SimPac {
  return value(parsePac(ONE_BUFFER, verified));
}

describe('the rfc6680 calls of a sim party', () => {
  const realm = buildSimRealm({ seed: 'rfc6680', now: Date.UTC(2024, 0, 1) });
  const { gss } = realm;
  const canonical = () =>
    gss.canonicalizeName(gss.importName('user', { nameType: NameType.user }), MechType.kerberos);

  it('declares rfc6680 and rfc6680CompOid', () => {
    expect(gss.has('rfc6680')).toBe(true);
    expect(gss.has('rfc6680CompOid')).toBe(true);
  });

  it("gives an accepted initiator's name an empty context when the ticket has no PAC", () => {
    realm.database.modify(realm.hostPrincipal, { attributes: { noAuthDataRequired: true } });
    const target = gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = gss.initSecContext(target, { flags: [] });
    realm.database.modify(realm.hostPrincipal, { attributes: { noAuthDataRequired: false } });
    if (first.token === null) throw new Error('expected an AP-REQ');
    const name = gss.acceptSecContext(first.token).initiatorName;

    expect(gss.inquireName(name).attrs).toEqual([]);
    expect(
      hex(gss.exportNameComposite(name)).endsWith(hex(externalizeAuthdata(EMPTY_AUTHDATA))),
    ).toBe(true);
  });

  it('answers GSS_C_NO_NAME with CALL_INACCESSIBLE_READ | BAD_NAME, except for no values', () => {
    const empty = emptyNameHandle();
    const calls = [
      () => gss.inquireName(empty),
      () => gss.displayNameExt(empty, NameType.user),
      () => gss.getNameAttribute(empty, 'x'),
      () => gss.setNameAttribute(empty, 'x', ['y']),
      () => gss.deleteNameAttribute(empty, 'x'),
      () => gss.exportNameComposite(empty),
    ];
    for (const call of calls) {
      expect(call).toThrow(GssError);
      expect(() => call()).toThrow(
        expect.objectContaining({ major: GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME, minor: 0 }),
      );
    }
    expect(gss.setNameAttribute(empty, 'x', [])).toBeUndefined();
  });

  it("takes a caller's mistake for a TypeError before anything else", () => {
    const name = canonical();
    const released = canonical();
    gss.releaseName(released);

    expect(() => gss.setNameAttribute(name, 'urn:x', 'one' as never)).toThrow(TypeError);
    expect(() => gss.setNameAttribute(name, 'urn:x', 5 as never)).toThrow(TypeError);
    expect(() => gss.setNameAttribute(name, 'urn:x', [5] as never)).toThrow(TypeError);
    expect(() => gss.setNameAttribute(name, 'urn:x', [], { complete: 1 as never })).toThrow(
      TypeError,
    );
    expect(() => gss.getNameAttribute(name, null as never)).toThrow(TypeError);
    expect(() => gss.deleteNameAttribute({} as never, 'urn:x')).toThrow(TypeError);
    expect(() => gss.inquireName(name, { attrs: 'yes' as never })).toThrow(TypeError);
    expect(() => gss.displayNameExt(name, 'krb5' as never)).toThrow(TypeError);
    expect(() => gss.exportNameComposite(released)).toThrow(TypeError);
    expect(() => gss.inquireName(released)).toThrow(TypeError);
  });

  it('keeps a context per handle: a duplicate made earlier does not get one', () => {
    const name = canonical();
    const copy = gss.duplicateName(name);
    gss.inquireName(name);

    expect(gss.exportNameComposite(copy)).not.toEqual(gss.exportNameComposite(name));
    expect(gss.exportNameComposite(gss.duplicateName(name))).toEqual(gss.exportNameComposite(name));
  });
});
