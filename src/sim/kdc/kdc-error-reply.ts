/**
 * The KRB-ERROR the KDC sends for a refusal, as MIT's `prepare_error_as` and
 * `prepare_error_tgs` write it: no ctime or cusec, the KDC's time with microseconds, the
 * request's server, the client when known, the status as e-text, METHOD-DATA as e-data.
 *
 * @module
 */

import type { KdcReqBody } from '../krb5/messages/kdc-req.js';
import { encodeKrbError, type KrbError } from '../krb5/messages/krb-error.js';
import { encodeMethodData } from '../krb5/messages/pa-data.js';
import type { KdcContext } from './kdc-context.js';
import type { KdcFailure } from './kdc-failure.js';

/** The KRB-ERROR bytes of a refusal of a request with body `body`. */
export function errorReply(context: KdcContext, body: KdcReqBody, failure: KdcFailure): Uint8Array {
  const { seconds, microseconds } = context.clock.usTimeOfDay();
  const client =
    failure.client ??
    (body.cname === undefined ? undefined : { realm: body.realm, name: body.cname });

  const error: KrbError = {
    stime: seconds,
    susec: microseconds,
    errorCode: failure.errorCode,
    ...(client === undefined ? {} : { crealm: client.realm, cname: client.name }),
    realm: body.realm,
    sname: body.sname ?? { nameType: 0, nameString: [] },
    eText: failure.status,
    ...(failure.eData === undefined ? {} : { eData: encodeMethodData(failure.eData) }),
  };

  return encodeKrbError(error);
}
