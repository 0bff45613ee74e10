/**
 * Exported names (RFC 2743 §3.2, RFC 6680 §7.1): `04 01`, a 2-byte length, the mechanism OID
 * in DER, a 4-byte length and the name; a composite name (`04 02`) adds a 4-byte length and
 * the serialized attributes. Read in two passes, as MIT krb5 1.20 does: the mechglue
 * (`importExportName` of `g_imp_name.c`) checks the frame and finds the mechanism; the krb5
 * mechanism (`krb5_gss_import_name`) reads the frame again, strictly, for the principal.
 *
 * @module
 */

import type { OID } from '../../spec/oid.js';
import { MechType } from '../../spec/oids.js';
import { GSS_S_BAD_MECH, GSS_S_BAD_NAME, GSS_S_DEFECTIVE_TOKEN } from '../../spec/status.js';
import { internalizeAuthdata, type NameAuthdata } from './name-authdata.js';
import { cString, octetBytes, octets } from './name-principal.js';
import { glueFailure, mechFailure, type NameResult, success } from './name-status.js';

/** The mechanisms MIT's mechglue registers for krb5 (each with the krb5 mechanism's calls). */
export const KRB5_FAMILY: readonly OID[] = [
  MechType.kerberos,
  MechType.kerberosOld,
  MechType.kerberosWrong,
  MechType.iakerb,
];

const KRB5_OID = MechType.kerberos.bytes;
/** `06 09` and the krb5 OID: the DER the krb5 mechanism writes and insists on. */
const KRB5_OID_DER = Uint8Array.of(0x06, KRB5_OID.length, ...KRB5_OID);
/** The 2-byte length of {@link KRB5_OID_DER}, then its tag and length. */
const KRB5_OID_HEADER = Uint8Array.of(0x00, KRB5_OID_DER.length, 0x06, KRB5_OID.length);

/**
 * The mechglue's pass: the token id (`04 01` or `04 02`), the OID's two lengths agreeing, and
 * a mechanism it knows. Only the krb5 family is known here: MIT would also take SPNEGO's OID
 * and make a SPNEGO name, which the sim, having no SPNEGO, refuses as an unknown mechanism.
 * @returns the token's mechanism OID; DEFECTIVE_TOKEN or BAD_MECH (minor 0) otherwise.
 */
export function exportedNameMech(token: Uint8Array): NameResult<OID> {
  if (token.length < 4) return glueFailure(GSS_S_DEFECTIVE_TOKEN);
  if (token[0] !== 0x04 || (token[1] !== 0x01 && token[1] !== 0x02)) {
    return glueFailure(GSS_S_DEFECTIVE_TOKEN);
  }
  const mechOidLength = ((token[2] ?? 0) << 8) | (token[3] ?? 0);
  const frameLength = 4 + mechOidLength;
  if (token.length < frameLength || token[4] !== 0x06) return glueFailure(GSS_S_DEFECTIVE_TOKEN);

  // gssint_get_der_length is told how much follows the whole OID field, not what is in it.
  const der = derLength(token, 5, token.length - frameLength);
  if (der === null || der.size + der.length + 1 !== mechOidLength) {
    return glueFailure(GSS_S_DEFECTIVE_TOKEN);
  }
  const start = 5 + der.size;
  const oid = token.subarray(start, start + der.length);
  const mech = KRB5_FAMILY.find((known) => sameBytes(known.bytes, oid));
  return mech === undefined ? glueFailure(GSS_S_BAD_MECH) : success(mech);
}

/** `gssint_get_der_length`: a DER length at `offset`, and how many bytes it took. */
function derLength(
  token: Uint8Array,
  offset: number,
  available: number,
): { length: number; size: number } | null {
  if (available < 1) return null;
  const first = token[offset] ?? 0;
  if (first < 0x80) return { length: first, size: 1 };

  const count = first & 0x7f;
  if (count > available - 1) return null;
  let length = 0;
  for (let index = 1; index <= count; index++) {
    const next = length * 256 + (token[offset + index] ?? 0);
    if (next > 0x7fffffff) return null;
    length = next;
  }
  return { length, size: 1 + count };
}

/**
 * The krb5 mechanism's pass over a token the mechglue let through: exactly `04 01` or `04 02`,
 * `00 0b 06 09` and the krb5 OID, the name (read as a C string), and for `04 02` the
 * attributes. Anything else is BAD_NAME with minor 0, or with the attribute reader's code.
 *
 * MIT asserts that nothing follows (`assert(cp == end)`) and so aborts the process on trailing
 * bytes; the sim fails those with BAD_NAME, minor 0, instead.
 * @returns the name's text (an octet string) and, for a composite name with attributes, its
 *   authorization-data context (`name-authdata.ts`).
 */
export function exportedKrb5Name(token: Uint8Array): NameResult<ExportedKrb5Name> {
  const reader = { token, offset: 0 };
  const head = take(reader, 2);
  if (head === null || head[0] !== 0x04 || (head[1] !== 0x01 && head[1] !== 0x02)) {
    return mechFailure(GSS_S_BAD_NAME);
  }
  const composite = head[1] === 0x02;

  const oidHeader = take(reader, 4);
  if (oidHeader === null || !sameBytes(oidHeader, KRB5_OID_HEADER)) {
    return mechFailure(GSS_S_BAD_NAME);
  }
  const oid = take(reader, KRB5_OID.length);
  if (oid === null || !sameBytes(oid, KRB5_OID)) return mechFailure(GSS_S_BAD_NAME);

  const name = takeCounted(reader);
  if (name === null) return mechFailure(GSS_S_BAD_NAME);
  let authdata: NameAuthdata | null = null;
  if (composite) {
    const attributes = takeCounted(reader);
    if (attributes === null) return mechFailure(GSS_S_BAD_NAME);
    const context = internalizeAuthdata(attributes);
    if (!context.ok) return mechFailure(GSS_S_BAD_NAME, context.code);
    authdata = context.value;
  }
  if (reader.offset !== token.length) return mechFailure(GSS_S_BAD_NAME);

  return success({ text: cString(octets(name)), authdata });
}

/** What the krb5 mechanism reads from an exported name. */
export interface ExportedKrb5Name {
  /** The principal's text (an octet string, up to the first NUL). */
  readonly text: string;
  /** The authorization-data context of a composite name with attributes, else null. */
  readonly authdata: NameAuthdata | null;
}

/**
 * The exported form of a krb5 mechanism name, as `krb5_gss_export_name` writes it whatever
 * krb5-family OID the name was made for: `04 01 00 0b 06 09`, the krb5 OID, the length of the
 * text and the text.
 * @param text the principal as `krb5_unparse_name` writes it (an octet string).
 */
export function exportKrb5Name(text: string): Uint8Array {
  const name = octetBytes(text);
  const token = new Uint8Array(4 + KRB5_OID_DER.length + 4 + name.length);
  const view = new DataView(token.buffer);

  token.set([0x04, 0x01], 0);
  view.setUint16(2, KRB5_OID_DER.length);
  token.set(KRB5_OID_DER, 4);
  view.setUint32(4 + KRB5_OID_DER.length, name.length);
  token.set(name, 8 + KRB5_OID_DER.length);
  return token;
}

interface Reader {
  readonly token: Uint8Array;
  offset: number;
}

function take(reader: Reader, count: number): Uint8Array | null {
  if (reader.token.length - reader.offset < count) return null;
  const bytes = reader.token.subarray(reader.offset, reader.offset + count);
  reader.offset += count;
  return bytes;
}

/** A 4-byte big-endian length and that many bytes. */
function takeCounted(reader: Reader): Uint8Array | null {
  const length = take(reader, 4);
  if (length === null) return null;
  const count = new DataView(length.buffer, length.byteOffset, 4).getUint32(0);
  return take(reader, count);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
