/**
 * The authorization data of a serialized krb5 context as MIT krb5 1.20 reads it
 * (`k5_internalize_authdata`, `k5_internalize_authdata_context` with its `mspac` and
 * `authentication-indicators` modules, and `krb5_pac_parse`'s checks), for
 * `export-decode.ts`.
 *
 * @module
 */

import { EINVAL, ENOMEM } from '../../errors/index.js';
import { type Cursor, SerializationFailure } from './export-cursor.js';
import { Magic, type SerializedAdModule, type SerializedAuthdata } from './export-record.js';

/** errno 34, which MIT's PAC and indicator readers return for out-of-range lengths. */
const ERANGE = 34;
const PAC_HEADER_LENGTH = 8;
const PAC_INFO_BUFFER_LENGTH = 16;
const PAC_MAX_BUFFERS = 4096;
const PAC_ALIGNMENT = 8n;
/** The longest PAC read past the end of a token that is still checked (1 MiB). */
const PAC_OVERREAD_LIMIT = 0x10_0000;

const decoder = new TextDecoder();

/** `k5_internalize_authdata`. */
export function readAuthdata(c: Cursor): SerializedAuthdata {
  c.magic(Magic.authdata);
  if (c.remain < 8) throw new SerializationFailure(ENOMEM);
  const adType = c.need(ENOMEM);
  const length = c.need(ENOMEM);
  const contents = c.take(length, ENOMEM);
  c.magic(Magic.authdata);
  return { adType, contents };
}

/** `k5_internalize_authdata_context` with MIT 1.20's two modules. */
export function readAdContext(c: Cursor): SerializedAdModule[] {
  c.magic(Magic.authdataContext, c.remain < 4 ? ENOMEM : EINVAL);
  const count = c.need(ENOMEM);
  const modules: SerializedAdModule[] = [];
  for (let index = 0; index < count; index++) {
    const nameLength = c.need(ENOMEM);
    if (nameLength < 0 || nameLength > c.remain) throw new SerializationFailure(ENOMEM);
    const name = decoder.decode(c.take(nameLength, ENOMEM));
    if (name === 'mspac') modules.push(readPacModule(c));
    else if (name === 'authentication-indicators') modules.push(readIndicatorsModule(c));
    else throw new SerializationFailure(EINVAL);
  }
  c.magic(Magic.authdataContext, c.remain < 4 ? ENOMEM : EINVAL);
  return modules;
}

/** `mspac_internalize` with `krb5_pac_parse`'s checks. */
function readPacModule(c: Cursor): SerializedAdModule {
  const length = c.need(ENOMEM);
  let pac: Uint8Array | null = null;
  if (length !== 0) {
    if (length < 0 || length > c.remain) {
      // MIT parses `length` octets wherever they end. Past the token it is taken here to find
      // zeros; a PAC that passes then leaves the authorization-data context without its
      // trailer: EINVAL.
      if (length > 0 && length <= PAC_OVERREAD_LIMIT) {
        const padded = new Uint8Array(length);
        padded.set(c.bytes.subarray(c.offset));
        checkPac(padded);
      }
      throw new SerializationFailure(EINVAL);
    }
    pac = c.take(length, EINVAL);
    checkPac(pac);
  }
  const verified = c.need(ENOMEM);
  return { name: 'mspac', pac, verified };
}

function checkPac(pac: Uint8Array): void {
  if (pac.length < PAC_HEADER_LENGTH) throw new SerializationFailure(ERANGE);
  const view = new DataView(pac.buffer, pac.byteOffset, pac.byteLength);
  const buffers = view.getUint32(0, true);
  if (view.getUint32(4, true) !== 0) throw new SerializationFailure(EINVAL);
  if (buffers < 1 || buffers > PAC_MAX_BUFFERS) throw new SerializationFailure(ERANGE);
  const headerLength = PAC_HEADER_LENGTH + buffers * PAC_INFO_BUFFER_LENGTH;
  if (pac.length < headerLength) throw new SerializationFailure(ERANGE);
  const total = BigInt(pac.length);
  for (let index = 0; index < buffers; index++) {
    const at = PAC_HEADER_LENGTH + index * PAC_INFO_BUFFER_LENGTH;
    const size = BigInt(view.getUint32(at + 4, true));
    const offset = view.getBigUint64(at + 8, true);
    if (offset % PAC_ALIGNMENT !== 0n) throw new SerializationFailure(EINVAL);
    if (offset < BigInt(headerLength) || offset > total || size > total - offset) {
      throw new SerializationFailure(ERANGE);
    }
  }
}

/** `authind_internalize`. */
function readIndicatorsModule(c: Cursor): SerializedAdModule {
  const count = c.need(ENOMEM);
  if (count < 0 || count > c.remain) throw new SerializationFailure(ERANGE);
  const indicators: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const length = c.need(ENOMEM);
    if (length < 0 || length > c.remain) throw new SerializationFailure(ERANGE);
    indicators.push(c.take(length, ENOMEM));
  }
  return { name: 'authentication-indicators', indicators };
}
