/**
 * How failures of the krb5 mechanism reach the caller: through MIT's mechglue, which maps the
 * mechanism's minor status (`util_errmap.c`), and into the realm's trace when a failure
 * carries a token for the peer.
 *
 * @module
 */

import { GssError, gssError } from '../../spec/errors.js';
import { MechType } from '../../spec/oids.js';
import { GSS_S_BAD_MECH, GSS_S_FAILURE, GSS_S_NO_CRED } from '../../spec/status.js';
import { errorMessage } from '../errors/index.js';
import { Krb5Error } from '../krb5/client/index.js';
import type { SimParty } from './party.js';

/**
 * A failure of the krb5 mechanism as the caller sees it: the mechglue maps its minor status
 * (a minor of 0 becomes a made-up number printed `Success`).
 */
export function mechanismError(party: SimParty, error: GssError): GssError {
  // A calling error or a bad mechanism is the mechglue's own answer: no mechanism minor.
  if (error.callingCode !== 0 || error.routineCode === GSS_S_BAD_MECH) return error;
  const message = error.minor === 0 ? errorMessage(0) : (error.minorMessages[0] ?? '');
  return gssError(error.major, party.minors.map(error.minor, message), {
    ...(error.operation === null ? {} : { operation: error.operation }),
    minorMessage: message,
    ...(error.token === null ? {} : { token: error.token }),
    mech: MechType.kerberos,
  });
}

/** A failed Kerberos exchange as the krb5 mechanism reports it: FAILURE with the krb5 code. */
export function krb5Failure(party: SimParty, error: Krb5Error, operation: string): GssError {
  return gssError(GSS_S_FAILURE, party.minors.map(error.code, error.message), {
    operation,
    minorMessage: error.message,
    mech: MechType.kerberos,
  });
}

/**
 * A credential without the element a call needs (an accept-only one to initiate, an
 * initiate-only one to accept): krb5's NO_CRED with a minor status of 0, which the mechglue
 * maps like any other (measured on MIT 1.20: a made-up number reading `Success`).
 */
export function wrongUsage(party: SimParty, operation: string): GssError {
  return gssError(GSS_S_NO_CRED, party.minors.map(0), { operation, minorMessage: errorMessage(0) });
}

/** Runs a step of the mechanism, turning its failures into what the caller sees. */
export function mechanismStep<T>(party: SimParty, operation: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof GssError) {
      // A KRB-ERROR token for the peer is a token like any other for the trace.
      if (error.token !== null) traceToken(party, operation, error.token);
      throw mechanismError(party, error);
    }
    if (error instanceof Krb5Error) throw krb5Failure(party, error, operation);
    throw error;
  }
}

/** Records a context token when the realm traces. */
export function traceToken(party: SimParty, call: string, token: Uint8Array): void {
  const { trace } = party.realm;
  if (trace.enabled) trace.record({ kind: 'token', party: party.label, call, token });
}
