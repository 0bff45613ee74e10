/**
 * Authentication indicators in a ticket, as MIT krb5 1.20's KDC writes them and its acceptor
 * reads them: an AD-AUTHENTICATION-INDICATOR element (97, a SEQUENCE OF UTF8String) inside an
 * AD-CAMMAC (96, RFC 7751 §4) inside AD-IF-RELEVANT (1), after the ticket's other elements.
 *
 * The CAMMAC carries two verifiers, each a checksum with key usage 64 (KEY_USAGE_CAMMAC) in
 * the key's mandatory checksum type:
 *
 * - kdc-verifier: kvno of the local krbtgt key, over the EncTicketPart with the CAMMAC's
 *   elements as its whole authorization-data (`cammac_create`); a TGS trusts a TGT's
 *   indicators only when it verifies (`get_auth_indicators`);
 * - svc-verifier: no kvno, over the DER of the elements in the ticket's server key; an
 *   acceptor takes the elements only when it verifies (`k5_unwrap_cammac_svc`).
 *
 * Measured on MIT 1.20.1 (PKINIT with `pkinit_indicator = pkinit-test`): the TGT and the
 * service ticket each end with `3068 a003020160 a161 045f 305d a01c 301a 3018 a003020161 a111
 * 040f 300d 0c0b "pkinit-test" a120 301e a103020101 a317 <checksum 16> a21b 3019 a317
 * <checksum 16>`.
 *
 * @module
 */

import { encodeTlv, hasTag, type Tag, TagClass } from '../../asn1/der.js';
import { decodeStringContents, encodeStringContents } from '../../asn1/primitives.js';
import { field, sequence, withoutUndefined } from '../../asn1/sequence.js';
import { type DerType, decodeMessage, int32, kvno, sequenceOf } from '../../asn1/types.js';
import { enctypeProfile, type KeyBlock, makeChecksum, verifyChecksum } from '../../crypto/index.js';
import {
  type AuthorizationData,
  type AuthorizationDataEntry,
  authorizationData as authorizationDataType,
  decodeAuthorizationData,
  encodeAuthorizationData,
} from '../messages/authorization-data.js';
import { type Checksum, checksum } from '../messages/encryption.js';
import { type EncTicketPart, encodeEncTicketPart } from '../messages/ticket.js';
import { AdType } from './pac-ticket.js';

/** KEY_USAGE_CAMMAC (RFC 7751 §4). */
export const KEY_USAGE_CAMMAC = 64;

/** Verifier-MAC (RFC 7751 §4), without the identifier MIT never writes. */
interface VerifierMac {
  readonly kvno?: number;
  readonly enctype?: number;
  readonly mac: Checksum;
}

/** AD-CAMMAC (RFC 7751 §4), without other-verifiers, which MIT neither writes nor reads. */
interface Cammac {
  readonly elements: AuthorizationData;
  readonly kdcVerifier?: VerifierMac;
  readonly svcVerifier?: VerifierMac;
}

const UTF8_STRING: Tag = { tagClass: TagClass.universal, constructed: false, number: 12 };

/** A UTF8String, as MIT's `krb5_data` of its octets. */
const utf8String: DerType<string> = {
  matches: (tag) => hasTag(tag, UTF8_STRING),
  decode: (tlv) => decodeStringContents(tlv.contents),
  encode: (value) => encodeTlv(UTF8_STRING, encodeStringContents(value)),
};

const indicatorList = sequenceOf(utf8String);

const verifierMac: DerType<VerifierMac> = sequence(
  (reader) => {
    reader.optional(0, SKIPPED);
    return withoutUndefined<VerifierMac>({
      kvno: reader.optional(1, kvno),
      enctype: reader.optional(2, int32),
      mac: reader.required(3, checksum),
    });
  },
  (value) => [
    field(1, kvno, value.kvno),
    field(2, int32, value.enctype),
    field(3, checksum, value.mac),
  ],
);

/** A field the sim reads past (identifier, other-verifiers): any constructed value. */
const SKIPPED: DerType<undefined> = {
  matches: () => true,
  decode: () => undefined,
  encode: () => new Uint8Array(0),
};

const cammac: DerType<Cammac> = sequence(
  (reader) => {
    const value = withoutUndefined<Cammac>({
      elements: reader.required(0, authorizationDataType),
      kdcVerifier: reader.optional(1, verifierMac),
      svcVerifier: reader.optional(2, verifierMac),
    });
    reader.optional(3, SKIPPED);
    return value;
  },
  (value) => [
    field(0, authorizationDataType, value.elements),
    field(1, verifierMac, value.kdcVerifier),
    field(2, verifierMac, value.svcVerifier),
  ],
);

/** The keys of a CAMMAC: the local krbtgt's first current key and its kvno, the server's. */
export interface CammacKeys {
  readonly krbtgt: KeyBlock;
  readonly krbtgtKvno: number;
  readonly server: KeyBlock;
}

/**
 * `add_auth_indicators`: `part` with the indicators in a CAMMAC appended to its
 * authorization-data; unchanged for no indicators.
 */
export function addTicketIndicators(
  part: EncTicketPart,
  indicators: readonly string[],
  keys: CammacKeys,
): EncTicketPart {
  if (indicators.length === 0) return part;
  const elements: AuthorizationData = [
    { adType: AdType.authIndicator, adData: indicatorList.encode(indicators) },
  ];

  const kdcData = encodeEncTicketPart({ ...part, authorizationData: elements });
  const svcData = encodeAuthorizationData(elements);
  const value: Cammac = {
    elements,
    kdcVerifier: { kvno: keys.krbtgtKvno, mac: mac(keys.krbtgt, kdcData) },
    svcVerifier: { mac: mac(keys.server, svcData) },
  };
  const inner = encodeAuthorizationData([{ adType: AdType.cammac, adData: cammac.encode(value) }]);
  const wrapped: AuthorizationDataEntry = { adType: AdType.ifRelevant, adData: inner };
  return { ...part, authorizationData: [...(part.authorizationData ?? []), wrapped] };
}

/**
 * `get_auth_indicators`: the indicators of every CAMMAC of a TGT whose kdc-verifier checks in
 * the krbtgt key of its kvno (`keyOf`, null when there is none), in ticket order. A CAMMAC
 * that does not verify is skipped.
 * @throws {GssError} with MIT's ASN.1 code when a CAMMAC or its indicators do not decode.
 */
export function kdcTicketIndicators(
  part: EncTicketPart,
  keyOf: (kvno: number | undefined) => KeyBlock | null,
): string[] {
  const indicators: string[] = [];
  for (const found of findCammacs(part.authorizationData ?? [])) {
    const { elements, kdcVerifier } = found;
    if (kdcVerifier === undefined) continue;
    const key = keyOf(kdcVerifier.kvno);
    if (key === null) continue;
    if (kdcVerifier.enctype !== undefined && kdcVerifier.enctype !== key.enctype) continue;
    const data = encodeEncTicketPart({ ...part, authorizationData: elements });
    if (!verifies(key, data, kdcVerifier.mac)) continue;
    indicators.push(...indicatorsOf(elements));
  }
  return indicators;
}

/**
 * What MIT's acceptor gives the `authentication-indicators` module (`get_cammac_authdata`,
 * `authind_import_authdata`): the indicators of every CAMMAC whose svc-verifier checks in
 * the key that decrypted the ticket, in ticket order; a CAMMAC with a bad checksum is skipped.
 * @returns the indicators, or null when MIT's `krb5_rd_req` fails instead: a CAMMAC that does
 *   not decode or has no svc-verifier.
 */
export function acceptorTicketIndicators(
  authorizationData: AuthorizationData,
  serviceKey: KeyBlock,
): string[] | null {
  try {
    const indicators: string[] = [];
    for (const { elements, svcVerifier } of findCammacs(authorizationData)) {
      if (svcVerifier === undefined) return null;
      if (!verifies(serviceKey, encodeAuthorizationData(elements), svcVerifier.mac)) continue;
      indicators.push(...indicatorsOf(elements));
    }
    return indicators;
  } catch {
    return null;
  }
}

/** The CAMMACs of authorization-data, at the top or in AD-IF-RELEVANT (`krb5_find_authdata`). */
function findCammacs(authorizationData: AuthorizationData): Cammac[] {
  const found: Cammac[] = [];
  for (const entry of authorizationData) {
    if (entry.adType === AdType.cammac) found.push(decodeMessage(cammac, entry.adData));
    if (entry.adType === AdType.ifRelevant) {
      found.push(...findCammacs(decodeAuthorizationData(entry.adData)));
    }
  }
  return found;
}

/** The indicators of the AD-AUTHENTICATION-INDICATOR elements (`k5_authind_decode`). */
function indicatorsOf(elements: AuthorizationData): string[] {
  return elements
    .filter(({ adType }) => adType === AdType.authIndicator)
    .flatMap(({ adData }) => decodeMessage(indicatorList, adData));
}

function mac(key: KeyBlock, data: Uint8Array): Checksum {
  const cksumtype = enctypeProfile(key.enctype).checksumType;
  return { cksumtype, checksum: makeChecksum(key, KEY_USAGE_CAMMAC, data, cksumtype) };
}

function verifies(key: KeyBlock, data: Uint8Array, value: Checksum): boolean {
  try {
    return verifyChecksum(key, KEY_USAGE_CAMMAC, data, value.checksum, value.cksumtype);
  } catch {
    return false;
  }
}
