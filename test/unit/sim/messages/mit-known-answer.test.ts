/**
 * Known answers from MIT krb5 1.20: the messages of a real GSS-API exchange (with delegation)
 * and of `kinit` and `kvno` against a real KDC decode to the fields MIT put in them, and encode
 * back to MIT's bytes exactly. The encrypted parts are decrypted with the keys the realm holds
 * (the service's keytab, the user's password) and checked the same way.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_PASSWORD,
  type MitRealm,
  startMitRealm,
} from '../../../../src/backends/native/mit-realm.js';
import { decrypt, KeyBlock, stringToKey } from '../../../../src/sim/crypto/index.js';
import {
  decodeApRep,
  decodeEncApRepPart,
  encodeApRep,
  encodeEncApRepPart,
} from '../../../../src/sim/krb5/messages/ap-rep.js';
import {
  decodeApReq,
  decodeAuthenticator,
  encodeApReq,
  encodeAuthenticator,
} from '../../../../src/sim/krb5/messages/ap-req.js';
import { decodeEncryptedData } from '../../../../src/sim/krb5/messages/encryption.js';
import { ApOptions, KdcOptions, TicketFlags } from '../../../../src/sim/krb5/messages/flags.js';
import {
  decodeAsRep,
  decodeEncKdcRepPart,
  decodeTgsRep,
  encodeAsRep,
  encodeEncTgsRepPart,
  encodeTgsRep,
} from '../../../../src/sim/krb5/messages/kdc-rep.js';
import {
  decodeAsReq,
  decodeTgsReq,
  encodeAsReq,
  encodeTgsReq,
} from '../../../../src/sim/krb5/messages/kdc-req.js';
import {
  decodeEncKrbCredPart,
  decodeKrbCred,
  encodeEncKrbCredPart,
  encodeKrbCred,
} from '../../../../src/sim/krb5/messages/krb-cred.js';
import { decodeKrbError, encodeKrbError } from '../../../../src/sim/krb5/messages/krb-error.js';
import {
  decodeEtypeInfo2,
  decodeMethodData,
  decodePaEncTsEnc,
  encodeMethodData,
  encodePaEncTsEnc,
  PaDataType,
} from '../../../../src/sim/krb5/messages/pa-data.js';
import {
  decodeEncTicketPart,
  decodeTicket,
  encodeEncTicketPart,
  encodeTicket,
} from '../../../../src/sim/krb5/messages/ticket.js';
import { RequirementFlag } from '../../../../src/spec/flags.js';
import { NameType } from '../../../../src/spec/oids.js';
import { describeNative } from '../../../support/native.js';
import { readKeytab } from '../keytab.js';
import { captureKdcExchanges, type KdcExchange } from './mit-capture.js';

const AES256 = 18;
const REALM = 'KRBTEST.COM';

/** The krb5 message inside an RFC 2743 token: after 0x60, the length, the OID and TOK_ID. */
function innerToken(token: Uint8Array): Uint8Array {
  const lengthOctets = (token[1] ?? 0) & 0x80 ? ((token[1] ?? 0) & 0x7f) + 1 : 1;
  return token.subarray(1 + lengthOctets + 11 + 2);
}

function only<T>(values: readonly T[] | undefined): T {
  expect(values).toHaveLength(1);
  const value = values?.[0];
  if (value === undefined) throw new Error('expected one value');
  return value;
}

describeNative('MIT known answers', () => {
  let realm: MitRealm;
  let apReqBytes: Uint8Array;
  let apRepBytes: Uint8Array;
  let serviceKey: KeyBlock;
  let exchanges: { kinit: KdcExchange; kvno: KdcExchange };

  beforeAll(async () => {
    realm = await startMitRealm();
    try {
      const { gss } = realm;
      const target = gss.importName(`host@${realm.hostname}`, {
        nameType: NameType.hostbasedService,
      });
      const flags = [RequirementFlag.mutualAuthentication, RequirementFlag.delegateToPeer];
      const first = gss.initSecContext(target, { flags });
      if (first.token === null) throw new Error('expected an AP-REQ token');
      const accepted = gss.acceptSecContext(first.token);
      if (accepted.token === null) throw new Error('expected an AP-REP token');
      apReqBytes = innerToken(first.token);
      apRepBytes = innerToken(accepted.token);

      const path = (realm.env.KRB5_KTNAME ?? '').replace(/^FILE:/, '');
      const entry = readKeytab(readFileSync(path)).find((key) => key.enctype === AES256);
      if (entry === undefined) throw new Error('expected an aes256 key in the keytab');
      serviceKey = entry.key;

      exchanges = await captureKdcExchanges(realm, DEFAULT_USER_PASSWORD);
    } finally {
      await realm.close();
    }
  });

  describe('GSS-API context tokens', () => {
    it("decodes MIT's AP-REQ to the fields MIT put in it", () => {
      const apReq = decodeApReq(apReqBytes);
      expect(apReq.apOptions).toBe(ApOptions.mutualRequired);
      expect(apReq.ticket.realm).toBe(REALM);
      expect(apReq.ticket.sname).toEqual({ nameType: 3, nameString: ['host', 'localhost'] });
      expect(apReq.ticket.encPart.etype).toBe(AES256);
      expect(apReq.ticket.encPart.kvno).toBe(2);
      expect(apReq.authenticator.etype).toBe(AES256);
      expect(apReq.authenticator.kvno).toBeUndefined();
      expect([...apReqBytes.subarray(0, 1)]).toEqual([0x6e]);
    });

    it("encodes MIT's AP-REQ and its ticket back to MIT's bytes", () => {
      const apReq = decodeApReq(apReqBytes);
      expect(encodeApReq(apReq)).toEqual(apReqBytes);
      const ticketBytes = encodeTicket(apReq.ticket);
      expect(encodeTicket(decodeTicket(ticketBytes))).toEqual(ticketBytes);
      expect(Buffer.from(apReqBytes).includes(Buffer.from(ticketBytes))).toBe(true);
    });

    it("decodes MIT's EncTicketPart and Authenticator and encodes them back exactly", () => {
      const apReq = decodeApReq(apReqBytes);
      const ticketPlain = decrypt(serviceKey, 2, apReq.ticket.encPart.cipher);
      const encTicketPart = decodeEncTicketPart(ticketPlain);
      expect(encodeEncTicketPart(encTicketPart)).toEqual(ticketPlain);
      expect(encTicketPart.crealm).toBe(REALM);
      expect(encTicketPart.cname).toEqual({ nameType: 1, nameString: ['user'] });
      expect(encTicketPart.key.keytype).toBe(AES256);
      expect(encTicketPart.flags & TicketFlags.forwardable).toBe(TicketFlags.forwardable);
      expect(encTicketPart.transited).toEqual({ trType: 1, contents: new Uint8Array(0) });

      const session = new KeyBlock(encTicketPart.key.keytype, encTicketPart.key.keyvalue);
      const authenticatorPlain = decrypt(session, 11, apReq.authenticator.cipher);
      const authenticator = decodeAuthenticator(authenticatorPlain);
      expect(encodeAuthenticator(authenticator)).toEqual(authenticatorPlain);
      expect(authenticator.cname).toEqual(encTicketPart.cname);
      expect(authenticator.cksum?.cksumtype).toBe(0x8003);
      expect(authenticator.subkey?.keytype).toBe(AES256);
      expect(authenticator.seqNumber).toBeGreaterThan(0);
    });

    it('decodes the delegated KRB-CRED and its EncKrbCredPart and encodes them back exactly', () => {
      const apReq = decodeApReq(apReqBytes);
      const encTicketPart = decodeEncTicketPart(
        decrypt(serviceKey, 2, apReq.ticket.encPart.cipher),
      );
      const session = new KeyBlock(encTicketPart.key.keytype, encTicketPart.key.keyvalue);
      const authenticator = decodeAuthenticator(decrypt(session, 11, apReq.authenticator.cipher));
      const cksum = Buffer.from(authenticator.cksum?.checksum ?? new Uint8Array(0));
      expect(cksum.readUInt16LE(24)).toBe(1); // DlgOpt
      const credBytes = Uint8Array.from(cksum.subarray(28, 28 + cksum.readUInt16LE(26)));

      const krbCred = decodeKrbCred(credBytes);
      expect(encodeKrbCred(krbCred)).toEqual(credBytes);
      const tgt = only(krbCred.tickets);
      expect(tgt.sname).toEqual({ nameType: 2, nameString: ['krbtgt', REALM] });

      // MIT encrypts the KRB-CRED in the ticket's session key, not the subkey (it suppresses
      // the send subkey around krb5_fwd_tgt_creds).
      const credPlain = decrypt(session, 14, krbCred.encPart.cipher);
      const encPart = decodeEncKrbCredPart(credPlain);
      expect(encodeEncKrbCredPart(encPart)).toEqual(credPlain);
      const info = only(encPart.ticketInfo);
      expect(info.pname).toEqual({ nameType: 1, nameString: ['user'] });
      expect(info.sname).toEqual(tgt.sname);
      expect((info.flags ?? 0) & TicketFlags.forwarded).toBe(TicketFlags.forwarded);
    });

    it("decodes MIT's AP-REP and EncAPRepPart and encodes them back exactly", () => {
      const apRep = decodeApRep(apRepBytes);
      expect(encodeApRep(apRep)).toEqual(apRepBytes);
      expect(apRep.encPart.etype).toBe(AES256);

      const apReq = decodeApReq(apReqBytes);
      const encTicketPart = decodeEncTicketPart(
        decrypt(serviceKey, 2, apReq.ticket.encPart.cipher),
      );
      const session = new KeyBlock(encTicketPart.key.keytype, encTicketPart.key.keyvalue);
      const plain = decrypt(session, 12, apRep.encPart.cipher);
      const part = decodeEncApRepPart(plain);
      expect(encodeEncApRepPart(part)).toEqual(plain);
      expect(part.subkey?.keytype).toBe(AES256);
    });
  });

  describe('KDC exchanges of kinit and kvno', () => {
    it('decodes the first AS-REQ and encodes it back exactly', () => {
      const [first] = exchanges.kinit.requests;
      if (first === undefined) throw new Error('expected an AS-REQ');
      const asReq = decodeAsReq(first);
      expect(encodeAsReq(asReq)).toEqual(first);
      expect(asReq.msgType).toBe(10);
      expect(asReq.reqBody.cname).toEqual({ nameType: 1, nameString: ['user'] });
      expect(asReq.reqBody.sname).toEqual({ nameType: 2, nameString: ['krbtgt', REALM] });
      expect(asReq.reqBody.realm).toBe(REALM);
      expect(asReq.reqBody.etype).toContain(AES256);
      expect(asReq.reqBody.nonce).toBeGreaterThanOrEqual(0);
    });

    it('decodes the KDC_ERR_PREAUTH_REQUIRED error with its METHOD-DATA and ETYPE-INFO2', () => {
      const [error] = exchanges.kinit.replies;
      if (error === undefined) throw new Error('expected a KRB-ERROR');
      const krbError = decodeKrbError(error);
      expect(encodeKrbError(krbError)).toEqual(error);
      expect(krbError.errorCode).toBe(25);
      expect(krbError.sname).toEqual({ nameType: 2, nameString: ['krbtgt', REALM] });

      const eData = krbError.eData ?? new Uint8Array(0);
      const methodData = decodeMethodData(eData);
      expect(encodeMethodData(methodData)).toEqual(eData);
      const info = methodData.find((pa) => pa.padataType === PaDataType.etypeInfo2);
      const entries = decodeEtypeInfo2(info?.padataValue ?? new Uint8Array(0));
      expect(entries[0]).toEqual({ etype: AES256, salt: `${REALM}user` });
      expect(methodData.map((pa) => pa.padataType)).toContain(PaDataType.encTimestamp);
    });

    it('decodes the AS-REQ with PA-ENC-TIMESTAMP and its PA-ENC-TS-ENC', () => {
      const second = exchanges.kinit.requests[1];
      if (second === undefined) throw new Error('expected a second AS-REQ');
      const asReq = decodeAsReq(second);
      expect(encodeAsReq(asReq)).toEqual(second);
      const timestamp = asReq.padata?.find((pa) => pa.padataType === PaDataType.encTimestamp);
      expect(timestamp).toBeDefined();

      const userKey = stringToKey(AES256, DEFAULT_USER_PASSWORD, `${REALM}user`);
      const encrypted = decodeEncryptedDataOf(timestamp?.padataValue);
      const plain = decrypt(userKey, 1, encrypted.cipher);
      const paEncTsEnc = decodePaEncTsEnc(plain);
      expect(encodePaEncTsEnc(paEncTsEnc)).toEqual(plain);
      expect(Math.abs(paEncTsEnc.patimestamp - Date.now() / 1000)).toBeLessThan(600);
    });

    it('decodes the AS-REP, whose encrypted part MIT tags EncTGSRepPart [26]', () => {
      const asRepBytes = exchanges.kinit.replies[1];
      if (asRepBytes === undefined) throw new Error('expected an AS-REP');
      const asRep = decodeAsRep(asRepBytes);
      expect(encodeAsRep(asRep)).toEqual(asRepBytes);
      expect(asRep.msgType).toBe(11);
      expect(asRep.ticket.sname).toEqual({ nameType: 2, nameString: ['krbtgt', REALM] });

      const userKey = stringToKey(AES256, DEFAULT_USER_PASSWORD, `${REALM}user`);
      const plain = decrypt(userKey, 3, asRep.encPart.cipher);
      const { tag, part } = decodeEncKdcRepPart(plain);
      expect(tag).toBe(26);
      expect(encodeEncTgsRepPart(part)).toEqual(plain);
      expect(part.srealm).toBe(REALM);
      expect(part.flags & TicketFlags.initial).toBe(TicketFlags.initial);
      expect(part.flags & TicketFlags.preAuthent).toBe(TicketFlags.preAuthent);
      expect(part.nonce).toBe(
        decodeAsReq(exchanges.kinit.requests[1] ?? new Uint8Array(0)).reqBody.nonce,
      );
    });

    it('decodes the TGS-REQ and TGS-REP of kvno and encodes them back exactly', () => {
      const tgsReqBytes = only(exchanges.kvno.requests);
      const tgsRepBytes = only(exchanges.kvno.replies);
      const tgsReq = decodeTgsReq(tgsReqBytes);
      expect(encodeTgsReq(tgsReq)).toEqual(tgsReqBytes);
      expect(tgsReq.msgType).toBe(12);
      expect(tgsReq.reqBody.sname).toEqual({ nameType: 1, nameString: ['host', 'localhost'] });
      expect(tgsReq.reqBody.kdcOptions & KdcOptions.canonicalize).toBe(KdcOptions.canonicalize);
      const paTgsReq = tgsReq.padata?.find((pa) => pa.padataType === PaDataType.tgsReq);
      const apReq = decodeApReq(paTgsReq?.padataValue ?? new Uint8Array(0));
      expect(encodeApReq(apReq)).toEqual(paTgsReq?.padataValue);

      const tgsRep = decodeTgsRep(tgsRepBytes);
      expect(encodeTgsRep(tgsRep)).toEqual(tgsRepBytes);
      expect(tgsRep.msgType).toBe(13);
      expect(tgsRep.ticket.sname.nameString).toEqual(['host', 'localhost']);
    });
  });
});

function decodeEncryptedDataOf(bytes: Uint8Array | undefined) {
  return decodeEncryptedData(bytes ?? new Uint8Array(0));
}
