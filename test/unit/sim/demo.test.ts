/**
 * The demo `gssapi-sim demo` prints: its key lines, its width, no key octets, and the same
 * text for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SEED, runDemo } from '../../../src/sim/index.js';

async function demoLines(seed?: number | string): Promise<string[]> {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line), seed === undefined ? {} : { seed });
  return lines;
}

describe('runDemo', () => {
  it('prints the principals, both exchanges, both context tokens, a Wrap token and a refusal', async () => {
    const lines = await demoLines();
    const text = lines.join('\n');

    expect(lines[1]).toBe(
      `seed ${JSON.stringify(DEMO_SEED)}, clock 2026-01-01T00:00:00Z (standing still)`,
    );
    expect(text).toMatch(
      /^ {2}host\/localhost@KRBTEST\.COM +kvno 2 {2}aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96$/m,
    );
    expect(text).toMatch(/^ {2}krbtgt\/KRBTEST\.COM@KRBTEST\.COM +kvno 1 /m);
    expect(text).toMatch(/^ {2}user@KRBTEST\.COM +kvno 1 /m);
    expect(lines).toContain('  KDC exchange: AS-REQ -> KRB-ERROR');
    expect(lines).toContain('      name: KDC_ERR_PREAUTH_REQUIRED');
    expect(lines).toContain('  KDC exchange: AS-REQ -> AS-REP');
    expect(lines).toContain('  KDC exchange: TGS-REQ -> TGS-REP');
    expect(lines).toContain('    TOK_ID: KRB_AP_REQ (01 00)');
    expect(lines).toContain('      ap-options: mutual-required');
    expect(lines).toContain('    TOK_ID: KRB_AP_REP (02 00)');
    expect(lines).toContain('  default: initiator context initiatorContinueNeeded -> established');
    expect(lines).toContain('    TOK_ID: Wrap (05 04)');
    expect(lines).toContain('    Flags: Sealed, AcceptorSubkey');
    expect(lines).toContain('unwrapped: "Hello, host/localhost! -- user", encrypted: true');
    expect(lines).toContain(
      '  call party1: unwrap -> BadMICError major 0x00060000 minor 2529638943',
    );
    expect(lines).toContain('unwrap threw BadMICError (code BAD_MIC)');
    expect(lines).toContain('  minor: 2529638943 Decrypt integrity check failed');
  });

  it('keeps every line within 100 columns and prints no key octets', async () => {
    const lines = await demoLines();

    expect(lines.filter((line) => line.length > 100)).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/keyvalue|subkey|EncTicketPart/);
    // Only shortened hex: no run of 40 hex digits.
    expect(lines.join('\n')).not.toMatch(/[0-9a-f]{40}/);
  });

  it('prints the same text for the same seed, and other nonces for another seed', async () => {
    const first = await demoLines();
    const second = await demoLines();
    const other = await demoLines(7);

    expect(second).toEqual(first);
    const nonces = (lines: string[]) => lines.filter((line) => line.includes('nonce:'));
    expect(nonces(other)).not.toEqual(nonces(first));
    expect(other.length).toBe(first.length);
  });
});
