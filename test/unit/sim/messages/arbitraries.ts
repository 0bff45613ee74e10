/**
 * fast-check arbitraries for every Kerberos message of `src/sim/krb5/messages`, with values in
 * the ranges the codec accepts (Int32, UInt32, KerberosTime from 1970 to 2106).
 */
import fc from 'fast-check';
import type { ApRep, EncApRepPart } from '../../../../src/sim/krb5/messages/ap-rep.js';
import type { ApReq, Authenticator } from '../../../../src/sim/krb5/messages/ap-req.js';
import type { AuthorizationData } from '../../../../src/sim/krb5/messages/authorization-data.js';
import type {
  Checksum,
  EncryptedData,
  EncryptionKey,
} from '../../../../src/sim/krb5/messages/encryption.js';
import type { HostAddress } from '../../../../src/sim/krb5/messages/host-address.js';
import type { EncKdcRepPart, KdcRep, LastReq } from '../../../../src/sim/krb5/messages/kdc-rep.js';
import type { KdcReq, KdcReqBody } from '../../../../src/sim/krb5/messages/kdc-req.js';
import type {
  EncKrbCredPart,
  KrbCred,
  KrbCredInfo,
} from '../../../../src/sim/krb5/messages/krb-cred.js';
import type { KrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import type {
  EtypeInfo2Entry,
  PaData,
  PaEncTsEnc,
} from '../../../../src/sim/krb5/messages/pa-data.js';
import type { PrincipalName } from '../../../../src/sim/krb5/messages/principal-name.js';
import type {
  EncTicketPart,
  Ticket,
  TransitedEncoding,
} from '../../../../src/sim/krb5/messages/ticket.js';

export const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
export const uint32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
export const time = fc.integer({ min: 0, max: 2 ** 32 - 1 });
export const bytes = fc.uint8Array({ maxLength: 40 });
export const text = fc.string({ unit: 'grapheme', maxLength: 12 });
export const flags = uint32;

export const principalName: fc.Arbitrary<PrincipalName> = fc.record({
  nameType: int32,
  nameString: fc.array(text, { maxLength: 3 }),
});

export const encryptedData: fc.Arbitrary<EncryptedData> = fc.record(
  { etype: int32, kvno: uint32, cipher: bytes },
  { requiredKeys: ['etype', 'cipher'] },
);

export const encryptionKey: fc.Arbitrary<EncryptionKey> = fc.record({
  keytype: int32,
  keyvalue: bytes,
});

export const checksum: fc.Arbitrary<Checksum> = fc.record({ cksumtype: int32, checksum: bytes });

export const hostAddress: fc.Arbitrary<HostAddress> = fc.record({
  addrType: int32,
  address: bytes,
});
export const hostAddresses = fc.array(hostAddress, { maxLength: 2 });

export const authorizationData: fc.Arbitrary<AuthorizationData> = fc.array(
  fc.record({ adType: int32, adData: bytes }),
  { maxLength: 2 },
);

export const paData: fc.Arbitrary<PaData> = fc.record({ padataType: int32, padataValue: bytes });
export const methodData = fc.array(paData, { maxLength: 2 });

export const paEncTsEnc: fc.Arbitrary<PaEncTsEnc> = fc.record(
  { patimestamp: time, pausec: int32 },
  { requiredKeys: ['patimestamp'] },
);

export const etypeInfo2Entry: fc.Arbitrary<EtypeInfo2Entry> = fc.record(
  { etype: int32, salt: text, s2kparams: bytes },
  { requiredKeys: ['etype'] },
);
export const etypeInfo2 = fc.array(etypeInfo2Entry, { maxLength: 3 });

export const ticket: fc.Arbitrary<Ticket> = fc.record({
  realm: text,
  sname: principalName,
  encPart: encryptedData,
});

export const transitedEncoding: fc.Arbitrary<TransitedEncoding> = fc.record({
  trType: fc.integer({ min: 0, max: 255 }),
  contents: bytes,
});

export const encTicketPart: fc.Arbitrary<EncTicketPart> = fc.record(
  {
    flags,
    key: encryptionKey,
    crealm: text,
    cname: principalName,
    transited: transitedEncoding,
    authtime: time,
    starttime: time,
    endtime: time,
    renewTill: time,
    caddr: hostAddresses,
    authorizationData,
  },
  { requiredKeys: ['flags', 'key', 'crealm', 'cname', 'transited', 'authtime', 'endtime'] },
);

export const kdcReqBody: fc.Arbitrary<KdcReqBody> = fc.record(
  {
    kdcOptions: flags,
    cname: principalName,
    realm: text,
    sname: principalName,
    from: time,
    till: time,
    rtime: time,
    nonce: int32,
    etype: fc.array(int32, { maxLength: 4 }),
    addresses: hostAddresses,
    encAuthorizationData: encryptedData,
    additionalTickets: fc.array(ticket, { maxLength: 1 }),
  },
  { requiredKeys: ['kdcOptions', 'realm', 'till', 'nonce', 'etype'] },
);

export const kdcReq: fc.Arbitrary<KdcReq> = fc.record(
  { msgType: uint32, padata: methodData, reqBody: kdcReqBody },
  { requiredKeys: ['msgType', 'reqBody'] },
);

export const kdcRep: fc.Arbitrary<KdcRep> = fc.record(
  {
    msgType: uint32,
    padata: methodData,
    crealm: text,
    cname: principalName,
    ticket,
    encPart: encryptedData,
  },
  { requiredKeys: ['msgType', 'crealm', 'cname', 'ticket', 'encPart'] },
);

export const lastReq: fc.Arbitrary<LastReq> = fc.array(
  fc.record({ lrType: int32, lrValue: time }),
  { maxLength: 2 },
);

export const encKdcRepPart: fc.Arbitrary<EncKdcRepPart> = fc.record(
  {
    key: encryptionKey,
    lastReq,
    nonce: int32,
    keyExpiration: time,
    flags,
    authtime: time,
    starttime: time,
    endtime: time,
    renewTill: time,
    srealm: text,
    sname: principalName,
    caddr: hostAddresses,
    encryptedPaData: methodData,
  },
  {
    requiredKeys: ['key', 'lastReq', 'nonce', 'flags', 'authtime', 'endtime', 'srealm', 'sname'],
  },
);

export const apReq: fc.Arbitrary<ApReq> = fc.record({
  apOptions: flags,
  ticket,
  authenticator: encryptedData,
});

export const authenticator: fc.Arbitrary<Authenticator> = fc.record(
  {
    crealm: text,
    cname: principalName,
    cksum: checksum,
    cusec: int32,
    ctime: time,
    subkey: encryptionKey,
    seqNumber: uint32,
    authorizationData,
  },
  { requiredKeys: ['crealm', 'cname', 'cusec', 'ctime'] },
);

export const apRep: fc.Arbitrary<ApRep> = fc.record({ encPart: encryptedData });

export const encApRepPart: fc.Arbitrary<EncApRepPart> = fc.record(
  { ctime: time, cusec: int32, subkey: encryptionKey, seqNumber: uint32 },
  { requiredKeys: ['ctime', 'cusec'] },
);

export const krbError: fc.Arbitrary<KrbError> = fc.record(
  {
    ctime: time,
    cusec: int32,
    stime: time,
    susec: int32,
    errorCode: uint32,
    crealm: text,
    cname: principalName,
    realm: text,
    sname: principalName,
    eText: text,
    eData: bytes,
  },
  { requiredKeys: ['stime', 'susec', 'errorCode', 'realm', 'sname'] },
);

export const krbCredInfo: fc.Arbitrary<KrbCredInfo> = fc.record(
  {
    key: encryptionKey,
    prealm: text,
    pname: principalName,
    flags,
    authtime: time,
    starttime: time,
    endtime: time,
    renewTill: time,
    srealm: text,
    sname: principalName,
    caddr: hostAddresses,
  },
  { requiredKeys: ['key'] },
);

export const krbCred: fc.Arbitrary<KrbCred> = fc.record({
  tickets: fc.array(ticket, { maxLength: 2 }),
  encPart: encryptedData,
});

export const encKrbCredPart: fc.Arbitrary<EncKrbCredPart> = fc.record(
  {
    ticketInfo: fc.array(krbCredInfo, { maxLength: 2 }),
    nonce: int32,
    timestamp: time,
    usec: int32,
    sAddress: hostAddress,
    rAddress: hostAddress,
  },
  { requiredKeys: ['ticketInfo'] },
);
