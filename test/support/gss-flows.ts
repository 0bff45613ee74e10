/**
 * Small flows the backend tests share: a context established between two ends in one
 * process, and catching the GssError a call throws.
 */

import { GssError } from '../../src/spec/errors.js';
import type { FlagsInput, RequirementFlag } from '../../src/spec/flags.js';
import type { GssApi } from '../../src/spec/gss-api.js';
import type { Creds, SecurityContext } from '../../src/spec/handles.js';
import { MechType, NameType } from '../../src/spec/oids.js';

/** Both ends of one established context. */
export interface ContextPair {
  readonly initiator: SecurityContext;
  readonly acceptor: SecurityContext;
}

/**
 * A krb5 context with mutual authentication from the default (or given) initiator
 * credential to `host@<hostname>`, both ends in this process.
 * @throws {Error} when a leg does not produce the token it should.
 */
export function establishPair(
  gss: GssApi,
  hostname: string,
  options: { flags: FlagsInput<RequirementFlag>; creds?: Creds | null },
): ContextPair {
  const target = gss.importName(`host@${hostname}`, { nameType: NameType.hostbasedService });
  const init = { creds: options.creds ?? null, mech: MechType.kerberos, flags: options.flags };
  const first = gss.initSecContext(target, init);
  if (first.token === null) throw new Error('no AP-REQ');
  const accepted = gss.acceptSecContext(first.token);
  if (accepted.token === null) throw new Error('no AP-REP');
  const second = gss.initSecContext(target, {
    ...init,
    context: first.context,
    inputToken: accepted.token,
  });
  if (second.moreSteps) throw new Error('the initiator wants a third leg');
  gss.releaseName(target);
  return { initiator: first.context, acceptor: accepted.context };
}

/** The GssError `action` throws; any other outcome fails the test. */
export function catchGssError(action: () => unknown): GssError {
  try {
    action();
  } catch (error) {
    if (error instanceof GssError) return error;
    throw error;
  }
  throw new Error('expected a GssError, got none');
}
