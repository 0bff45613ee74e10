/**
 * Runs once per vitest run, before any test file: says once, for the whole run, that the
 * native tests are skipped when MIT krb5 is missing (each file then skips them silently), or
 * stops the run when `GSSAPI_SIM_REQUIRE_NATIVE=1` says they must not be skipped.
 */
import { mit, nativeRequired } from './native.js';

export default function setup(): void {
  if (mit.available) return;
  if (nativeRequired) throw new Error(`GSSAPI_SIM_REQUIRE_NATIVE=1 but ${mit.reason}`);
  process.stderr.write(`native tests skipped: ${mit.reason}\n`);
}
