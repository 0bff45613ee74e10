/**
 * Memory check of the native backend (issue 3): resident memory before and after 100,000
 * wrap/unwrap pairs and 10,000 context establishments with their names and credentials, on a
 * real MIT KDC. Run with `npm run bench:leaks`; it prints the growth of each phase and exits
 * non-zero when a phase grows by 20 MiB or more.
 */

import { MechType, NameType, RequirementFlag, startMitRealm } from 'gssapi-sim';
import type { GssApi, SecurityContext } from 'gssapi-sim/spec';

const MIB = 1024 * 1024;
const LIMIT_MIB = 20;
const WRAP_PAIRS = Number(process.env.GSSAPI_SIM_WRAP_PAIRS ?? 100_000);
const ESTABLISHMENTS = Number(process.env.GSSAPI_SIM_ESTABLISHMENTS ?? 10_000);

function settle(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 3; round++) gc?.();
  return process.memoryUsage().rss;
}

function establish(gss: GssApi, hostname: string): [SecurityContext, SecurityContext] {
  const target = gss.importName(`host@${hostname}`, { nameType: NameType.hostbasedService });
  const initiatorCreds = gss.acquireCred({ usage: 'initiate' }).creds;
  const acceptorCreds = gss.acquireCred({ usage: 'accept' }).creds;
  const flags = [RequirementFlag.mutualAuthentication, RequirementFlag.replayDetection];
  const first = gss.initSecContext(target, {
    creds: initiatorCreds,
    mech: MechType.kerberos,
    flags,
  });
  const accepted = gss.acceptSecContext(first.token ?? new Uint8Array(), {
    acceptorCreds,
  });
  gss.initSecContext(target, { context: first.context, inputToken: accepted.token ?? null });

  gss.releaseName(target);
  gss.releaseName(accepted.initiatorName);
  gss.releaseCred(initiatorCreds);
  gss.releaseCred(acceptorCreds);
  return [first.context, accepted.context];
}

async function main(): Promise<void> {
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    throw new Error('run with node --expose-gc (npm run bench:leaks does)');
  }
  const realm = await startMitRealm();
  const { gss } = realm;
  const rows: Array<[string, number, number]> = [];

  try {
    const [initiator, acceptor] = establish(gss, realm.hostname);
    const message = new Uint8Array(64).fill(7);
    for (let i = 0; i < 1_000; i++) gss.unwrap(acceptor, gss.wrap(initiator, message).message);
    let before = settle();
    for (let i = 0; i < WRAP_PAIRS; i++) {
      gss.unwrap(acceptor, gss.wrap(initiator, message).message);
    }
    rows.push([`${WRAP_PAIRS} wrap/unwrap pairs`, before, settle()]);
    gss.deleteSecContext(initiator);
    gss.deleteSecContext(acceptor);

    for (let i = 0; i < 100; i++)
      for (const context of establish(gss, realm.hostname)) gss.deleteSecContext(context);
    before = settle();
    for (let i = 0; i < ESTABLISHMENTS; i++) {
      for (const context of establish(gss, realm.hostname)) gss.deleteSecContext(context);
    }
    rows.push([`${ESTABLISHMENTS} establishments`, before, settle()]);
  } finally {
    await realm.close();
  }

  let failed = false;
  for (const [phase, before, after] of rows) {
    const growth = (after - before) / MIB;
    failed ||= growth >= LIMIT_MIB;
    console.log(
      `${phase.padEnd(28)} rss ${(before / MIB).toFixed(1)} -> ${(after / MIB).toFixed(1)} MiB, ` +
        `growth ${growth.toFixed(1)} MiB (limit ${LIMIT_MIB})`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
