/**
 * `decodeTraceEvent` on what is not a well-formed token or KDC message: it never throws, its
 * result is plain JSON, and the parts it cannot read are error fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSimRealm, decodeTraceEvent, type TraceEvent } from '../../../../src/sim/index.js';
import { GssError } from '../../../../src/spec/errors.js';
import { establish, hostTarget } from '../../../conformance/flows.js';

/** A traced realm with the events of one establishment and one AS exchange. */
async function tracedRealm() {
  const realm = buildSimRealm({ seed: 'trace-decode', now: Date.UTC(2026, 0, 1) });
  realm.trace.start({ keys: true });
  await realm.kinit(realm.userPrincipal, realm.userPassword);
  establish(realm);
  realm.trace.stop();
  return realm;
}

const KRB5_FRAMING = Uint8Array.of(0x60, 0x7f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12);
const KRB5_OID_TAIL = Uint8Array.of(0x01, 0x02, 0x02);

const tokenEvent = (token: Uint8Array): TraceEvent => ({
  kind: 'token',
  party: 'p',
  call: 'initSecContext',
  token,
});

const kdcEvent = (request: Uint8Array, reply: Uint8Array | null): TraceEvent => ({
  kind: 'kdc',
  party: 'kdc',
  request,
  reply,
});

/** Whether `value` survives a JSON round trip unchanged (no bigint, no bytes, no class). */
function isPlainJson(value: unknown): boolean {
  const text = JSON.stringify(value);
  expect(JSON.parse(text)).toEqual(value);
  return true;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

describe('decodeTraceEvent on garbage', () => {
  it('decodes any octets as a token or a KDC message to plain JSON without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (octets, asToken) => {
        const event = asToken ? tokenEvent(octets) : kdcEvent(octets, octets);
        return isPlainJson(decodeTraceEvent(event));
      }),
      { seed: 4121, numRuns: 500 },
    );
  });

  it('reads an AP-REQ whose tag is not [APPLICATION 14] as an error field', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (rest) => {
        const token = concat(KRB5_FRAMING, KRB5_OID_TAIL, Uint8Array.of(0x01, 0x00, 0x30), rest);

        const decoded = decodeTraceEvent(tokenEvent(token));

        expect(decoded).toMatchObject({
          token: { TOK_ID: 'KRB_AP_REQ (01 00)', 'AP-REQ': { error: expect.any(String) } },
        });
      }),
      { seed: 2743, numRuns: 200 },
    );
  });

  it('shows an error field for every truncation of a context token or KDC message', async () => {
    const realm = await tracedRealm();
    const messages = realm.trace.events.flatMap((event) =>
      event.kind === 'token' && event.call !== 'wrap'
        ? [{ make: tokenEvent, bytes: event.token }]
        : event.kind === 'kdc'
          ? [
              { make: (b: Uint8Array) => kdcEvent(b, null), bytes: event.request },
              ...(event.reply === null
                ? []
                : [{ make: (b: Uint8Array) => kdcEvent(Uint8Array.of(), b), bytes: event.reply }]),
            ]
          : [],
    );
    expect(messages.length).toBeGreaterThanOrEqual(6);

    fc.assert(
      fc.property(
        fc.constantFrom(...messages),
        fc.nat(),
        fc.boolean(),
        ({ make, bytes }, cut, keys) => {
          const truncated = bytes.subarray(0, cut % bytes.length);
          const options = keys ? { keys: true, database: realm.database } : {};

          const decoded = decodeTraceEvent(make(truncated), options);

          expect(isPlainJson(decoded)).toBe(true);
          expect(JSON.stringify(decoded)).toContain('"error"');
        },
      ),
      { seed: 4120, numRuns: 300 },
    );
  });

  it('decodes real events with one bit flipped, keys included, without throwing', async () => {
    const realm = await tracedRealm();
    const events = realm.trace.events.filter(
      (event) => event.kind === 'token' || event.kind === 'kdc',
    );

    fc.assert(
      fc.property(fc.constantFrom(...events), fc.nat(), (event, position) => {
        const flip = (bytes: Uint8Array) => {
          const copy = Uint8Array.from(bytes);
          const bit = position % (copy.length * 8);
          copy[bit >>> 3] = (copy[bit >>> 3] ?? 0) ^ (1 << (bit & 7));
          return copy;
        };
        const flipped: TraceEvent =
          event.kind === 'token'
            ? { ...event, token: flip(event.token) }
            : event.kind === 'kdc'
              ? { ...event, request: flip(event.request) }
              : event;

        return isPlainJson(decodeTraceEvent(flipped, { keys: true, database: realm.database }));
      }),
      { seed: 3961, numRuns: 300 },
    );
  });

  it('answers an error field for what is not an event, or not bytes', () => {
    expect(decodeTraceEvent({ kind: 'nonsense' } as unknown as TraceEvent)).toEqual({
      error: 'not a trace event: {"kind":"nonsense"}',
    });
    expect(
      decodeTraceEvent({ ...tokenEvent(Uint8Array.of()), token: null } as unknown as TraceEvent),
    ).toMatchObject({ kind: 'token', token: { error: expect.any(String) } });
  });

  it("names a KRB-ERROR context token's error by its RFC 4120 name and MIT's text", () => {
    const realm = buildSimRealm({ seed: 'krb-error', now: Date.UTC(2026, 0, 1) });
    const acceptor = realm.party({ keytab: [realm.hostPrincipal] });
    const { token } = realm.gss.initSecContext(hostTarget(realm));
    realm.faults.skewClock(acceptor, 600);

    const error = catchGssError(() => acceptor.acceptSecContext(token ?? Uint8Array.of()));

    expect(decodeTraceEvent(tokenEvent(error.token ?? Uint8Array.of()))).toMatchObject({
      token: {
        TOK_ID: 'KRB_ERROR (03 00)',
        'KRB-ERROR': {
          'error-code': 37,
          name: 'KRB_AP_ERR_SKEW',
          text: 'Clock skew too great',
          stime: '2026-01-01T00:10:00Z',
          sname: 'host/localhost',
        },
      },
    });
  });
});

function catchGssError(fn: () => unknown): GssError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GssError) return error;
    throw error;
  }
  throw new Error('expected a GssError');
}
