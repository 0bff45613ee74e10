/**
 * The `ggf` extension of the sim (`gss_inquire_cred_by_oid`, `gss_inquire_sec_context_by_oid`,
 * `gss_set_sec_context_option`), answering as MIT krb5 1.20's krb5 mechanism does
 * (`gssapi_krb5.c`, `inq_context.c`, `get_tkt_flags.c`, `inq_cred.c`).
 *
 * MIT finds an OID's handler by byte prefix (`g_OID_prefix_equal`), so an OID with more arcs
 * after a known one gets that one's answer; the sim does the same.
 *
 * @module
 */

import type { GgfApi } from '../../spec/api/ext-ggf.js';
import { bytesValue, contextInquiryOidArgument, oidArgument } from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import { OID } from '../../spec/oid.js';
import { ExtensionOid } from '../../spec/oids.js';
import { GSS_S_FAILURE, GSS_S_UNAVAILABLE } from '../../spec/status.js';
import { EINVAL, ENOENT, errorMessage } from '../errors/index.js';
import { CONTEXTS, checkCall, type SimContextState } from './context-state.js';
import { CREDS } from './creds.js';
import type { SimParty } from './party.js';

/**
 * What one OID of the krb5 mechanism's table answers for an established context: its values,
 * or null when the OID asks for nothing that can be answered (MIT: FAILURE, minor ENOENT).
 */
type ContextInquiry = (context: SimContextState, oid: OID) => Uint8Array[] | null;

/**
 * The krb5 mechanism's `gss_inquire_sec_context_by_oid` table, in MIT's order. The lucid
 * context OID is refused before (`contextInquiryOidArgument`): MIT answers it with a C pointer.
 */
const CONTEXT_INQUIRIES: readonly (readonly [OID, ContextInquiry])[] = [
  [ExtensionOid.krb5GetTktFlags, (context) => [int32Le(context.ticketFlags ?? 0)]],
  [ExtensionOid.krb5ExtractAuthzDataFromSecContext, authzData],
  [ExtensionOid.inqSspiSessionKey, sessionKey],
  [ExtensionOid.krb5ExtractAuthtimeFromSecContext, (context) => [int32Le(context.authtime)]],
  [ExtensionOid.secContextSaslSsf, saslSsf],
];

/** The `ggf` extension of one party. */
export function ggfCalls(party: SimParty): GgfApi {
  const failure = (major: number, minor: number, operation: string) =>
    gssError(major, party.minors.map(minor), { operation, minorMessage: errorMessage(minor) });

  return {
    inquireCredByOid(creds, desiredAspect) {
      const operation = 'inquireCredByOid';
      CREDS.get(creds, operation);
      const oid = oidArgument(desiredAspect, 'desiredAspect', operation);

      // The sim has no S4U2Proxy credential, so no credential has an impersonator.
      if (hasPrefix(oid, ExtensionOid.krb5GetCredImpersonator)) return [];
      throw failure(GSS_S_UNAVAILABLE, EINVAL, operation);
    },

    inquireSecContextByOid(context, desiredAspect) {
      const operation = 'inquireSecContextByOid';
      const state = CONTEXTS.get(context, operation);
      const oid = contextInquiryOidArgument(desiredAspect, operation);
      checkCall(state, 'inquireSecContextByOid', operation);

      const inquiry = CONTEXT_INQUIRIES.find(([known]) => hasPrefix(oid, known));
      if (inquiry === undefined) throw failure(GSS_S_UNAVAILABLE, EINVAL, operation);
      const answer = inquiry[1](state, oid);
      if (answer === null) throw failure(GSS_S_FAILURE, ENOENT, operation);
      return answer;
    },

    setSecContextOption(desiredAspect, options = {}) {
      const operation = 'setSecContextOption';
      oidArgument(desiredAspect, 'desiredAspect', operation);
      if (options.context !== null && options.context !== undefined) {
        CONTEXTS.get(options.context, operation);
      }
      if (options.value !== null && options.value !== undefined) {
        bytesValue(options.value, 'value', operation);
      }

      // krb5_gss_set_sec_context_option knows no option at all.
      throw failure(GSS_S_UNAVAILABLE, EINVAL, operation);
    },
  };
}

/** Whether `oid`'s bytes start with `prefix`'s (MIT's `g_OID_prefix_equal`). */
function hasPrefix(oid: OID, prefix: OID): boolean {
  const { bytes } = oid;
  return (
    bytes.length >= prefix.length && prefix.bytes.every((byte, index) => bytes[index] === byte)
  );
}

/** A C `int32_t` as MIT copies it into a buffer: in the machine's order, little-endian here. */
function int32Le(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}

/** The key the context's per-message tokens use: the acceptor's subkey, else the initiator's. */
function tokenKey(context: SimContextState) {
  const { established } = context;
  if (established === null) throw new Error('an established context without keys');
  return established.acceptorSubkey ?? established.ctxKey;
}

/**
 * GSS_C_INQ_SSPI_SESSION_KEY (`gss_krb5int_inq_session_key`): the key octets, then the OID
 * GSS_KRB5_SESSION_KEY_ENCTYPE_OID with the enctype as one more arc.
 */
function sessionKey(context: SimContextState): Uint8Array[] {
  const key = tokenKey(context);
  const enctype = OID.fromArcs([...ExtensionOid.krb5SessionKeyEnctype.arcs, BigInt(key.enctype)]);
  return [key.contents(), enctype.bytes];
}

/** GSS_C_SEC_CONTEXT_SASL_SSF: the key's strength in bits, 32-bit big-endian. */
function saslSsf(context: SimContextState): Uint8Array[] {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, tokenKey(context).length * 8);
  return [bytes];
}

/**
 * GSS_KRB5_EXTRACT_AUTHZ_DATA_FROM_SEC_CONTEXT_OID with the ad-type as one more arc: the
 * contents of each element of that type the context kept (an initiator keeps none). MIT reads
 * the arc as `generic_gss_oid_decompose` does, into a C `int`.
 */
function authzData(context: SimContextState, oid: OID): Uint8Array[] | null {
  const suffix = oid.bytes.subarray(ExtensionOid.krb5ExtractAuthzDataFromSecContext.length);
  let adType = 0;
  for (const [index, byte] of suffix.entries()) {
    adType = (adType << 7) | (byte & 0x7f);
    if (index + 1 !== suffix.length && (byte & 0x80) === 0) return null;
  }
  if (adType === 0) return null;

  const elements = context.authorizationData ?? [];
  return elements.filter((element) => element.adType === adType).map(({ adData }) => adData);
}
