/**
 * `decodeTraceEvent()`: one recorded event as a tree of named fields, for a person reading a
 * flow or a test asserting on one. Fields carry their RFC names (`kdc-options`, `sname`,
 * `TOK_ID`, `SND_SEQ`); numbers that name something are given by name (enctypes, padata
 * types, flags, error codes); times are ISO 8601. Key octets appear only when keys were asked
 * for and a principal database can open the tickets.
 *
 * @module
 */

import type { TraceEvent } from '../gss/trace-sink.js';
import type { PrincipalDatabase } from '../kdc/index.js';
import type { KeyAccess } from './trace-ap.js';
import { attempt, type DecodedFields } from './trace-fields.js';
import { decodedKdcMessage } from './trace-kdc.js';
import { decodedToken } from './trace-token.js';

export type { DecodedFields, DecodedValue } from './trace-fields.js';

/** How far {@link decodeTraceEvent} goes. */
export interface TraceDecodeOptions {
  /**
   * Open tickets with their service's key from `database`, and authenticators with the
   * ticket's session key, showing the session keys and subkeys in hex. Default false: only
   * what travels in clear is shown, and never a key.
   */
  readonly keys?: boolean;
  /** The realm's principal database, where `keys` finds the service keys. */
  readonly database?: PrincipalDatabase;
}

/**
 * An event's fields: `kind` and `party`, then for a call its name and outcome, for a
 * transition the context and its states, for a KDC exchange the request and reply decoded,
 * for a token the call that made it and the token decoded. Every part that cannot be read is
 * `{ error: '...' }`: garbage never throws.
 */
export function decodeTraceEvent(
  event: TraceEvent,
  options: TraceDecodeOptions = {},
): DecodedFields {
  const access: KeyAccess = {
    database: options.keys === true ? (options.database ?? null) : null,
  };

  switch (event.kind) {
    case 'call':
      return { kind: 'call', party: event.party, call: event.call, outcome: event.outcome };
    case 'transition':
      return {
        kind: 'transition',
        party: event.party,
        context: event.context,
        from: event.from,
        to: event.to,
      };
    case 'kdc':
      return {
        kind: 'kdc',
        party: event.party,
        request: decodedKdcMessage(event.request, access),
        reply: event.reply === null ? null : decodedKdcMessage(event.reply, access),
      };
    case 'token':
      return {
        kind: 'token',
        party: event.party,
        call: event.call,
        token: decodedToken(event.token, access),
      };
    default:
      return { error: `not a trace event: ${describe(event)}` };
  }
}

/** What a value that is not an event is, without printing it whole. */
function describe(value: unknown): string {
  const text = attempt(() => JSON.stringify(value) ?? String(value));
  return typeof text === 'string' ? text.slice(0, 60) : typeof value;
}
