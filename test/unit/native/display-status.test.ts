import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createNativeGssApi } from '../../../src/backends/native/gss-api.js';
import { displayMajorStatus } from '../../../src/spec/display-status.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { describeNative } from '../../support/native.js';

const decoder = new TextDecoder();

/** Every message the library gives for a major status, following its message context. */
function nativeMessages(gss: GssApi, status: number): Array<[string, number]> {
  const messages: Array<[string, number]> = [];
  let messageContext = 0;
  do {
    const step = gss.displayStatus(status, true, { messageContext });
    messageContext = step.messageContext;
    messages.push([decoder.decode(step.message), messageContext]);
  } while (messageContext !== 0 && messages.length < 32);
  return messages;
}

/** The same through the spec's own table. */
function specMessages(status: number): Array<[string, number]> {
  const messages: Array<[string, number]> = [];
  let messageContext = 0;
  do {
    const step = displayMajorStatus(status, messageContext);
    messageContext = step.messageContext;
    messages.push([step.message, messageContext]);
  } while (messageContext !== 0 && messages.length < 32);
  return messages;
}

describeNative('major status texts', () => {
  const gss = createNativeGssApi();

  it("match MIT's gss_display_status for every single calling, routine and supplementary code", () => {
    const singles = [
      0,
      ...[1, 2, 3, 4, 255].map((code) => (code << 24) >>> 0),
      ...Array.from({ length: 21 }, (_, code) => code << 16),
      ...Array.from({ length: 16 }, (_, bit) => 1 << bit),
    ];

    for (const status of singles)
      expect(specMessages(status), `status ${status}`).toEqual(nativeMessages(gss, status));
  });

  it("match MIT's gss_display_status, texts and message contexts, for any 32-bit status", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (status) => {
        expect(specMessages(status)).toEqual(nativeMessages(gss, status));
      }),
      { numRuns: 2_000, seed: 20261203 },
    );
  });
});
