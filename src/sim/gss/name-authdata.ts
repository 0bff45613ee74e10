/**
 * The authorization-data context of a krb5 mechanism name (MIT krb5 1.20's
 * `krb5_authdata_context`, `authdata.c`), which gives the name its RFC 6680 attributes. MIT
 * builds it in two modules, asked in this order:
 *
 * - `mspac` (`pac.c`): a PAC. Attributes `urn:mspac:` (the whole PAC) and `urn:mspac:<buffer>`
 *   (by name, such as `urn:mspac:client-info`, or by type number, such as `urn:mspac:16`).
 *   Values are given only for a verified PAC; setting one adds a buffer (or replaces the PAC).
 * - `authentication-indicators` (`ai_authdata.c`): attribute `auth-indicators`, the ticket's
 *   indicators, which cannot be set.
 *
 * No module deletes. Every failure is an errno: ENOENT and EPERM read as GSS_S_UNAVAILABLE,
 * others as GSS_S_FAILURE (`kg_map_name_error`).
 *
 * A name has no context until it needs one: an accepted initiator name and an imported
 * composite name with attributes come with one, and the first RFC 6680 call on any other
 * krb5 name makes an empty one. Composite export writes the context, or nothing without one.
 *
 * @module
 */

import { code } from '../errors/index.js';
import { addPacBuffer, type PacResult, pacBuffer, parsePac, type SimPac } from './name-pac.js';
import { octetBytes, octets } from './name-principal.js';
import type { SimNameValue } from './name-value.js';

/** A name's authorization-data context: what its two modules hold. Frozen. */
export interface NameAuthdata {
  /** The `mspac` module's PAC, or null. */
  readonly pac: SimPac | null;
  /** The `authentication-indicators` module's indicators (octet strings), in ticket order. */
  readonly indicators: readonly string[];
}

/** A context with nothing in it, as `krb5_authdata_context_init` makes it. */
export const EMPTY_AUTHDATA: NameAuthdata = Object.freeze({ pac: null, indicators: [] });

/**
 * The context of a name accepted from a ticket with a PAC (`mspac_import_authdata`), verified
 * or not as the acceptor found it; a PAC that does not parse gives an empty context.
 */
export function pacAuthdata(pac: Uint8Array, verified: boolean): NameAuthdata {
  const parsed = parsePac(pac, verified);
  return parsed.ok ? Object.freeze({ pac: parsed.value, indicators: [] }) : EMPTY_AUTHDATA;
}

/**
 * The context of a name accepted from a ticket: its PAC (as {@link pacAuthdata}) and the
 * indicators of its verified CAMMACs (`authind_import_authdata`).
 */
export function ticketAuthdata(
  pac: { readonly pac: Uint8Array; readonly verified: boolean } | undefined,
  indicators: readonly string[] = [],
): NameAuthdata {
  const base = pac === undefined ? EMPTY_AUTHDATA : pacAuthdata(pac.pac, pac.verified);
  if (indicators.length === 0) return base;
  return Object.freeze({ ...base, indicators: Object.freeze([...indicators]) });
}

/**
 * `value` with `authdata` as its krb5 name's context: a new frozen value, the rest unchanged.
 * @throws {TypeError} when `value` is not a mechanism name (only the sim's own code calls this).
 */
export function withNameAuthdata(value: SimNameValue, authdata: NameAuthdata): SimNameValue {
  const { mechName } = value;
  if (mechName === null) throw new TypeError('withNameAuthdata: expected a mechanism name');
  const name = Object.freeze({ ...mechName.name, authdata });
  return Object.freeze({ ...value, mechName: Object.freeze({ ...mechName, name }) });
}

/** The values of one attribute (RFC 6680 §7.5). */
export interface AuthdataValues {
  readonly values: readonly Uint8Array[];
  readonly displayValues: readonly Uint8Array[];
  readonly authenticated: boolean;
  readonly complete: boolean;
}

/** A module's answer: a value, or an errno. */
export type AuthdataResult<T> = PacResult<T>;

const MSPAC = 'mspac';
const AUTH_INDICATORS_MODULE = 'authentication-indicators';
/** The attribute of the indicators module, matched exactly. */
const AUTH_INDICATORS = 'auth-indicators';
/** The attribute prefix of the PAC module, matched without regard to case. */
const MSPAC_PREFIX = 'urn:mspac:';
/** The type number MIT uses for the whole PAC. */
const WHOLE_PAC = 0xffffffff;
/** The PAC buffers MIT names (MS-PAC §2.4); others are `urn:mspac:<type>`. */
const PAC_ATTRIBUTES: readonly (readonly [number, string])[] = [
  [WHOLE_PAC, ''],
  [1, 'logon-info'],
  [2, 'credentials-info'],
  [6, 'server-checksum'],
  [7, 'privsvr-checksum'],
  [10, 'client-info'],
  [11, 'delegation-info'],
  [12, 'upn-dns-info'],
];

/**
 * `krb5_authdata_get_attribute_types`: the PAC's attributes (the whole PAC, then one per
 * buffer of its table, verified or not), then `auth-indicators` when there are some.
 */
export function authdataAttributes(authdata: NameAuthdata): Uint8Array[] {
  const names: string[] = [];
  if (authdata.pac !== null) {
    names.push(MSPAC_PREFIX);
    for (const { type } of authdata.pac.buffers) names.push(pacAttributeName(type));
  }
  if (authdata.indicators.length > 0) names.push(AUTH_INDICATORS);
  return names.map(octetBytes);
}

/**
 * `krb5_authdata_get_attribute` over every value: from a verified PAC the whole PAC or one
 * buffer, or the indicators; each authenticated and complete, with empty display values.
 * @returns the values, or ENOENT (whatever the PAC module found: the last module's answer
 *   stands).
 */
export function getAuthdataAttribute(
  authdata: NameAuthdata,
  attr: Uint8Array,
): AuthdataResult<AuthdataValues> {
  const pac = pacValue(authdata.pac, attr);
  if (pac !== null) return found([pac]);

  const name = octets(attr);
  if (name !== AUTH_INDICATORS || authdata.indicators.length === 0) return errno('ENOENT');
  return found(authdata.indicators.map(octetBytes));
}

/**
 * `krb5_authdata_set_attribute`, one value: the PAC module adds a buffer (EEXIST when the PAC
 * holds one of that type) or, for `urn:mspac:`, replaces the PAC by the value parsed (its
 * errno when it does not parse); the indicators module refuses `auth-indicators` (EPERM).
 * `complete` is taken by neither module.
 * @returns the new context, or ENOENT when no module took the attribute.
 */
export function setAuthdataAttribute(
  authdata: NameAuthdata,
  attr: Uint8Array,
  value: Uint8Array,
): AuthdataResult<NameAuthdata> {
  const type = authdata.pac === null ? null : pacAttributeType(attr);
  let next = authdata;
  if (authdata.pac !== null && type !== null) {
    const pac = type === WHOLE_PAC ? parsePac(value) : addPacBuffer(authdata.pac, type, value);
    if (!pac.ok) return pac;
    next = Object.freeze({ ...authdata, pac: pac.value });
  }

  if (octets(attr) === AUTH_INDICATORS) return errno('EPERM');
  return next === authdata ? errno('ENOENT') : { ok: true, value: next };
}

/** `krb5_authdata_delete_attribute`: no module deletes, so always ENOENT. */
export function deleteAuthdataAttribute(): AuthdataResult<never> {
  return errno('ENOENT');
}

/**
 * `krb5_authdata_export_attributes`: a 4-octet count of modules (2), then per module its name
 * (4-octet length and text) and its data: the PAC's length, octets and verified flag (0, 0
 * without a PAC); the number of indicators, then each one's length and octets. Integers are
 * big-endian 32-bit.
 */
export function externalizeAuthdata(authdata: NameAuthdata): Uint8Array {
  const { pac, indicators } = authdata;
  const parts: string[] = [int32(2), counted(MSPAC)];
  parts.push(pac === null ? int32(0) + int32(0) : counted(pac.data) + int32(pac.verified ? 1 : 0));
  parts.push(counted(AUTH_INDICATORS_MODULE), int32(indicators.length));
  for (const indicator of indicators) parts.push(counted(indicator));
  return octetBytes(parts.join(''));
}

/**
 * `krb5_authdata_import_attributes` of a composite name's attributes: a 4-octet count, then
 * per module its name and data, as {@link externalizeAuthdata} writes them. A count of 0 or
 * less reads nothing; what follows the last module is not looked at.
 *
 * MIT reads past the data when a PAC's length exceeds what is left (or is negative); the sim
 * answers ENOMEM, as for any other length that runs past the data.
 * @returns the context, or null for no attributes at all (empty data: the name gets no
 *   context); else ENOMEM (data too short), EINVAL (a module MIT does not have), ERANGE (an
 *   indicator count or length past the data, a PAC too short), the PAC's parse errno.
 */
export function internalizeAuthdata(data: Uint8Array): AuthdataResult<NameAuthdata | null> {
  if (data.length === 0) return { ok: true, value: null };
  const reader = { data, offset: 0 };
  const count = readInt32(reader);
  if (count === null) return errno('ENOMEM');

  let authdata = EMPTY_AUTHDATA;
  for (let index = 0; index < count; index++) {
    const length = readInt32(reader);
    if (length === null || length < 0 || remaining(reader) < length) return errno('ENOMEM');
    const name = octets(take(reader, length));
    const read =
      name === MSPAC
        ? readPac(reader)
        : name === AUTH_INDICATORS_MODULE
          ? readIndicators(reader)
          : null;
    if (read === null) return errno('EINVAL');
    if (!read.ok) return read;
    authdata = Object.freeze({ ...authdata, ...read.value });
  }
  return { ok: true, value: authdata };
}

/** The attribute name MIT lists for a PAC buffer type. */
function pacAttributeName(type: number): string {
  const known = PAC_ATTRIBUTES.find(([number]) => number === type);
  return MSPAC_PREFIX + (known === undefined ? String(type | 0) : known[1]);
}

/**
 * `mspac_attr2type`: a listed name (any case), or the prefix (any case) and a number as
 * `strtoul` reads it (blanks and a sign first), cut to 32 bits and not 0.
 */
function pacAttributeType(attr: Uint8Array): number | null {
  const name = octets(attr);
  const lower = asciiLower(name);
  const known = PAC_ATTRIBUTES.find(([, suffix]) => lower === MSPAC_PREFIX + suffix);
  if (known !== undefined) return known[0];
  if (name.length <= MSPAC_PREFIX.length || !lower.startsWith(MSPAC_PREFIX)) return null;

  const rest = name.slice(MSPAC_PREFIX.length);
  const nul = rest.indexOf('\0');
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(nul < 0 ? rest : rest.slice(0, nul));
  if (match === null) return null;
  const ULONG_MAX = 2n ** 64n - 1n;
  const magnitude = BigInt(match[2] ?? '0');
  const value =
    magnitude > ULONG_MAX
      ? ULONG_MAX
      : match[1] === '-'
        ? (ULONG_MAX + 1n - magnitude) & ULONG_MAX
        : magnitude;
  const type = Number(BigInt.asUintN(32, value));
  return type === 0 ? null : type;
}

/** `mspac_get_attribute`: a value of a verified PAC, or null when the module has none. */
function pacValue(pac: SimPac | null, attr: Uint8Array): Uint8Array | null {
  if (pac === null || !pac.verified) return null;
  const type = pacAttributeType(attr);
  if (type === null) return null;
  if (type === WHOLE_PAC) return octetBytes(pac.data);
  const buffer = pacBuffer(pac, type);
  return buffer.ok ? buffer.value : null;
}

function found(values: Uint8Array[]): AuthdataResult<AuthdataValues> {
  const displayValues = values.map(() => new Uint8Array(0));
  return { ok: true, value: { values, displayValues, authenticated: true, complete: true } };
}

/** `mspac_internalize`: the PAC's length and octets (none for 0), then the verified flag. */
function readPac(reader: Reader): AuthdataResult<Pick<NameAuthdata, 'pac'>> {
  const length = readInt32(reader);
  if (length === null || length < 0 || remaining(reader) < length) return errno('ENOMEM');
  const parsed = length === 0 ? null : parsePac(take(reader, length));
  if (parsed !== null && !parsed.ok) return parsed;
  const verified = readInt32(reader);
  if (verified === null) return errno('ENOMEM');

  const pac = parsed === null ? null : Object.freeze({ ...parsed.value, verified: verified !== 0 });
  return { ok: true, value: { pac } };
}

/** `authind_internalize`: a count, then each indicator's length and octets. */
function readIndicators(reader: Reader): AuthdataResult<Pick<NameAuthdata, 'indicators'>> {
  const count = readInt32(reader);
  if (count === null) return errno('ENOMEM');
  if (count < 0 || count > remaining(reader)) return errno('ERANGE');

  const indicators: string[] = [];
  for (let index = 0; index < count; index++) {
    const length = readInt32(reader);
    if (length === null) return errno('ENOMEM');
    if (length < 0 || length > remaining(reader)) return errno('ERANGE');
    indicators.push(octets(take(reader, length)));
  }
  return { ok: true, value: { indicators: Object.freeze(indicators) } };
}

interface Reader {
  readonly data: Uint8Array;
  offset: number;
}

function remaining(reader: Reader): number {
  return reader.data.length - reader.offset;
}

function take(reader: Reader, count: number): Uint8Array {
  const bytes = reader.data.subarray(reader.offset, reader.offset + count);
  reader.offset += count;
  return bytes;
}

/** `krb5_ser_unpack_int32`: a big-endian signed 32-bit integer, or null when too short. */
function readInt32(reader: Reader): number | null {
  if (remaining(reader) < 4) return null;
  const bytes = take(reader, 4);
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0);
}

function int32(value: number): string {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value);
  return octets(bytes);
}

function counted(text: string): string {
  return int32(text.length) + text;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function errno(name: 'EINVAL' | 'ENOENT' | 'ENOMEM' | 'EPERM' | 'ERANGE'): {
  ok: false;
  code: number;
} {
  return { ok: false, code: code(name) };
}
