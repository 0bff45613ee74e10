/**
 * Reads MIT's FILE keytab (version 0x502) for the sim's tests: size-prefixed entries, a
 * negative size marking a hole. Only the AES entries the sim can use are returned.
 */
import { KeyBlock } from '../../../src/sim/crypto/index.js';
import type { ServiceKey } from '../../../src/sim/krb5/context/service-keys.js';

export function readKeytab(bytes: Uint8Array): ServiceKey[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0x0502) throw new Error('expected a version 0x502 keytab');
  const entries: ServiceKey[] = [];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    const size = view.getInt32(offset);
    offset += 4;
    if (size <= 0) {
      offset += -size;
      continue;
    }
    const end = offset + size;
    let at = offset;
    const octets = () => {
      const length = view.getUint16(at);
      const value = bytes.subarray(at + 2, at + 2 + length);
      at += 2 + length;
      return value;
    };
    const count = view.getUint16(at);
    at += 2;
    const realm = new TextDecoder().decode(octets());
    const components = Array.from({ length: count }, () => new TextDecoder().decode(octets()));
    at += 4 + 4; // name type, timestamp
    let kvno = view.getUint8(at);
    at += 1;
    const enctype = view.getUint16(at);
    at += 2;
    const contents = Uint8Array.from(octets());
    if (at + 4 <= end) kvno = view.getUint32(at);
    if ([17, 18, 19, 20].includes(enctype)) {
      const principal = `${components.join('/')}@${realm}`;
      entries.push({ principal, kvno, enctype, key: new KeyBlock(enctype, contents) });
    }
    offset = end;
  }
  return entries;
}
