/**
 * The sim: a deterministic Kerberos V5 realm in memory and the krb5 GSS-API mechanism over it.
 *
 * @module
 */

export type { Clock, KerberosTimestamp } from './clock.js';
export { Enctype } from './crypto/enctype.js';
export { DEMO_SEED, DEMO_START, type DemoOptions, runDemo } from './demo.js';
export type { TraceEvent } from './gss/trace-sink.js';
export type { FaultTargets, SimFaults, TicketPolicy } from './realm/faults.js';
export {
  buildSimRealm,
  createSimRealm,
  type PartyOptions,
  type SimRealm,
  type SimRealmOptions,
} from './realm/sim-realm.js';
export type { SimTrace, TraceStartOptions } from './realm/trace.js';
export {
  type DecodedFields,
  type DecodedValue,
  decodeTraceEvent,
  type TraceDecodeOptions,
} from './realm/trace-decode.js';
export type { Wire, WirePlan } from './realm/wire.js';
