/**
 * Every message codec of `src/sim/krb5/messages`, with its arbitrary, for the properties that
 * hold for all of them (round trip, robustness).
 */
import type fc from 'fast-check';
import type { DecodeOptions } from '../../../../src/sim/asn1/der.js';
import * as apRep from '../../../../src/sim/krb5/messages/ap-rep.js';
import * as apReq from '../../../../src/sim/krb5/messages/ap-req.js';
import * as authorizationData from '../../../../src/sim/krb5/messages/authorization-data.js';
import * as encryption from '../../../../src/sim/krb5/messages/encryption.js';
import * as hostAddress from '../../../../src/sim/krb5/messages/host-address.js';
import * as kdcRep from '../../../../src/sim/krb5/messages/kdc-rep.js';
import * as kdcReq from '../../../../src/sim/krb5/messages/kdc-req.js';
import * as krbCred from '../../../../src/sim/krb5/messages/krb-cred.js';
import * as krbError from '../../../../src/sim/krb5/messages/krb-error.js';
import * as paData from '../../../../src/sim/krb5/messages/pa-data.js';
import * as principalName from '../../../../src/sim/krb5/messages/principal-name.js';
import * as ticket from '../../../../src/sim/krb5/messages/ticket.js';
import * as arb from './arbitraries.js';

/** One message type: its name, values, encoder and decoder. */
export interface Codec<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly encode: (value: T) => Uint8Array;
  readonly decode: (bytes: Uint8Array, options?: DecodeOptions) => T;
}

/** A codec whose value type is forgotten, for tables of codecs. */
export type AnyCodec = Codec<never> & { readonly arbitrary: fc.Arbitrary<unknown> };

function codec<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  encode: (value: T) => Uint8Array,
  decode: (bytes: Uint8Array, options?: DecodeOptions) => T,
): AnyCodec {
  // The table only ever pairs a codec's arbitrary with its own encoder and decoder.
  return { name, arbitrary, encode, decode } as unknown as AnyCodec;
}

const encKdcRep = (bytes: Uint8Array, options?: DecodeOptions) =>
  kdcRep.decodeEncKdcRepPart(bytes, options).part;

/** All message types, in RFC 4120 order. */
export const CODECS: readonly AnyCodec[] = [
  codec(
    'PrincipalName',
    arb.principalName,
    principalName.encodePrincipalName,
    principalName.decodePrincipalName,
  ),
  codec(
    'EncryptedData',
    arb.encryptedData,
    encryption.encodeEncryptedData,
    encryption.decodeEncryptedData,
  ),
  codec(
    'EncryptionKey',
    arb.encryptionKey,
    encryption.encodeEncryptionKey,
    encryption.decodeEncryptionKey,
  ),
  codec('Checksum', arb.checksum, encryption.encodeChecksum, encryption.decodeChecksum),
  codec(
    'HostAddress',
    arb.hostAddress,
    hostAddress.encodeHostAddress,
    hostAddress.decodeHostAddress,
  ),
  codec(
    'HostAddresses',
    arb.hostAddresses,
    hostAddress.encodeHostAddresses,
    hostAddress.decodeHostAddresses,
  ),
  codec(
    'AuthorizationData',
    arb.authorizationData,
    authorizationData.encodeAuthorizationData,
    authorizationData.decodeAuthorizationData,
  ),
  codec('PA-DATA', arb.paData, paData.encodePaData, paData.decodePaData),
  codec('METHOD-DATA', arb.methodData, paData.encodeMethodData, paData.decodeMethodData),
  codec('PA-ENC-TS-ENC', arb.paEncTsEnc, paData.encodePaEncTsEnc, paData.decodePaEncTsEnc),
  codec('ETYPE-INFO2', arb.etypeInfo2, paData.encodeEtypeInfo2, paData.decodeEtypeInfo2),
  codec('Ticket', arb.ticket, ticket.encodeTicket, ticket.decodeTicket),
  codec(
    'TransitedEncoding',
    arb.transitedEncoding,
    ticket.encodeTransitedEncoding,
    ticket.decodeTransitedEncoding,
  ),
  codec('EncTicketPart', arb.encTicketPart, ticket.encodeEncTicketPart, ticket.decodeEncTicketPart),
  codec('KDC-REQ-BODY', arb.kdcReqBody, kdcReq.encodeKdcReqBody, kdcReq.decodeKdcReqBody),
  codec('AS-REQ', arb.kdcReq, kdcReq.encodeAsReq, kdcReq.decodeAsReq),
  codec('TGS-REQ', arb.kdcReq, kdcReq.encodeTgsReq, kdcReq.decodeTgsReq),
  codec('AS-REP', arb.kdcRep, kdcRep.encodeAsRep, kdcRep.decodeAsRep),
  codec('TGS-REP', arb.kdcRep, kdcRep.encodeTgsRep, kdcRep.decodeTgsRep),
  codec('EncASRepPart', arb.encKdcRepPart, kdcRep.encodeEncAsRepPart, encKdcRep),
  codec('EncTGSRepPart', arb.encKdcRepPart, kdcRep.encodeEncTgsRepPart, encKdcRep),
  codec('AP-REQ', arb.apReq, apReq.encodeApReq, apReq.decodeApReq),
  codec('Authenticator', arb.authenticator, apReq.encodeAuthenticator, apReq.decodeAuthenticator),
  codec('AP-REP', arb.apRep, apRep.encodeApRep, apRep.decodeApRep),
  codec('EncAPRepPart', arb.encApRepPart, apRep.encodeEncApRepPart, apRep.decodeEncApRepPart),
  codec('KRB-ERROR', arb.krbError, krbError.encodeKrbError, krbError.decodeKrbError),
  codec('KRB-CRED', arb.krbCred, krbCred.encodeKrbCred, krbCred.decodeKrbCred),
  codec(
    'EncKrbCredPart',
    arb.encKrbCredPart,
    krbCred.encodeEncKrbCredPart,
    krbCred.decodeEncKrbCredPart,
  ),
  codec('KrbCredInfo', arb.krbCredInfo, krbCred.encodeKrbCredInfo, krbCred.decodeKrbCredInfo),
];
