/**
 * Credential delegation in the 0x8003 checksum's Deleg field (RFC 4121 §4.1.1, DlgOpt 1), as
 * MIT krb5 1.20 makes and reads it. The initiator (`make_gss_checksum`, `krb5_fwd_tgt_creds`,
 * `krb5_mk_ncred`) gets a forwarded TGT asking for the session key's enctype, then all
 * enctypes if that fails, and sends it in a KRB-CRED sealed in the ticket's session key (never
 * the subkey) with key usage 14. Its EncKrbCredPart has the one KrbCredInfo, the initiator's
 * sequence number as nonce (none when it is 0), the time and microseconds, and no addresses;
 * making it consumes that sequence number, so the authenticator and the context start from
 * the next one. The acceptor (`rd_and_store_for_creds`, `krb5_rd_cred`) opens the enc-part with
 * the initiator's subkey, then the session key, and failing both reads it as clear text, and
 * keeps the first credential.
 *
 * @module
 */

import { withoutUndefined } from '../../asn1/sequence.js';
import type { Clock } from '../../clock.js';
import { decrypt, encrypt, KeyBlock } from '../../crypto/index.js';
import type { RandomSource } from '../../random.js';
import type { Credential } from '../client/credential.js';
import { getForwardedTgt } from '../client/forwarded-tgt.js';
import type { KdcTransport } from '../client/kdc-transport.js';
import { Krb5Error } from '../client/krb5-error.js';
import { type TimeOffset, timeWithOffset } from '../client/time-offset.js';
import {
  decodeEncKrbCredPart,
  decodeKrbCred,
  type EncKrbCredPart,
  encodeEncKrbCredPart,
  encodeKrbCred,
  type KrbCredInfo,
} from '../messages/krb-cred.js';
import { decodeTicket, encodeTicket } from '../messages/ticket.js';

/** RFC 4120 §7.5.1 key usage of the KRB-CRED's EncKrbCredPart. */
export const KEY_USAGE_KRB_CRED_ENCPART = 14;

/** How a KRB-CRED is made for the Deleg field. */
export interface KrbCredOptions {
  /** The credential to delegate: the forwarded TGT. */
  readonly credential: Credential;
  /** The service ticket's session key, which seals the enc-part. */
  readonly sessionKey: KeyBlock;
  /** The initiator's initial sequence number: the nonce, left out when it is 0. */
  readonly seqNumber: number;
  /** The initiator's random source (the confounder). */
  readonly random: RandomSource;
  /** The initiator's clock, for timestamp and usec. */
  readonly clock: Clock;
  /** The initiator's KDC time offset, which MIT's `krb5_us_timeofday` adds. */
  readonly timeOffset?: TimeOffset;
}

/** The KrbCredInfo MIT writes for a credential: every field it knows, zeros left out. */
export function credentialInfo(credential: Credential): KrbCredInfo {
  const { times } = credential;
  const nonZero = (value: number | undefined) =>
    value === undefined || value === 0 ? undefined : value;
  return withoutUndefined<KrbCredInfo>({
    key: { keytype: credential.sessionKey.enctype, keyvalue: credential.sessionKey.contents() },
    prealm: credential.client.realm,
    pname: credential.client.name,
    flags: nonZero(credential.flags),
    authtime: nonZero(times.authtime),
    starttime: nonZero(times.starttime),
    endtime: nonZero(times.endtime),
    renewTill: nonZero(times.renewTill),
    srealm: credential.server.realm,
    sname: credential.server.name,
    caddr: credential.addresses?.length ? credential.addresses : undefined,
  });
}

/** Makes the KRB-CRED of one credential, as `krb5_mk_1cred` makes it in a GSS context. */
export function makeKrbCred(options: KrbCredOptions): Uint8Array {
  const { seconds, microseconds } = timeWithOffset(options.clock, options.timeOffset);
  const nonce = options.seqNumber | 0;
  const part: EncKrbCredPart = {
    ticketInfo: [credentialInfo(options.credential)],
    ...(nonce === 0 ? {} : { nonce }),
    ...(seconds === 0 ? {} : { timestamp: seconds, usec: microseconds }),
  };
  const cipher = encrypt(
    options.sessionKey,
    KEY_USAGE_KRB_CRED_ENCPART,
    encodeEncKrbCredPart(part),
    (n) => options.random.bytes(n),
  );
  return encodeKrbCred({
    tickets: [decodeTicket(options.credential.ticket)],
    encPart: { etype: options.sessionKey.enctype, cipher },
  });
}

/** How the initiator delegates its TGT. */
export interface DelegationOptions {
  /** The realm's KDC. */
  readonly kdc: KdcTransport;
  /** The initiator's TGT; it must be forwardable. */
  readonly tgt: Credential;
  /** The service ticket's session key. */
  readonly sessionKey: KeyBlock;
  /** The initiator's initial sequence number. */
  readonly seqNumber: number;
  /** The initiator's random source, drawn from after the subkey, as MIT draws. */
  readonly random: RandomSource;
  /** The initiator's clock. */
  readonly clock: Clock;
  /** The initiator's KDC time offset. */
  readonly timeOffset?: TimeOffset;
}

/**
 * The Deleg field: a forwarded TGT (session key's enctype first, then any) in a KRB-CRED, or
 * `undefined` when the KDC refuses both, as MIT then drops GSS_C_DELEG_FLAG and goes on. When
 * it is made, the authenticator's and the context's sequence number is `seqNumber + 1`.
 */
export function makeDelegation(options: DelegationOptions): Uint8Array | undefined {
  const { tgt, random, clock, sessionKey } = options;
  const offset = options.timeOffset === undefined ? {} : { timeOffset: options.timeOffset };
  const forward = (enctype?: number) =>
    getForwardedTgt({
      kdc: options.kdc,
      tgt,
      forwardable: true,
      ...(enctype === undefined ? {} : { enctype }),
      random,
      clock,
      ...offset,
    });
  let credential: Credential;
  try {
    try {
      credential = forward(sessionKey.enctype);
    } catch (error) {
      if (!(error instanceof Krb5Error)) throw error;
      credential = forward();
    }
  } catch (error) {
    if (error instanceof Krb5Error) return undefined;
    throw error;
  }
  return makeKrbCred({
    credential,
    sessionKey,
    seqNumber: options.seqNumber,
    random,
    clock,
    ...offset,
  });
}

/** The keys the acceptor tries on a received KRB-CRED. */
export interface DelegationKeys {
  /** The initiator's subkey from the authenticator, tried first. */
  readonly subkey?: KeyBlock;
  /** The ticket's session key, tried next. */
  readonly sessionKey: KeyBlock;
}

/**
 * Reads a received Deleg field into the credential MIT stores (the first one).
 * @throws {GssError} with MIT's ASN.1 code when the KRB-CRED, or its enc-part read as clear
 *   text after both keys fail, does not decode.
 * @throws {RangeError} when it holds no credential or a KrbCredInfo without both principals.
 */
export function readDelegation(deleg: Uint8Array, keys: DelegationKeys): Credential {
  const krbCred = decodeKrbCred(deleg);
  const ciphertext = krbCred.encPart.cipher;
  let part: EncKrbCredPart | undefined;
  for (const key of [keys.subkey, keys.sessionKey]) {
    if (key === undefined || part !== undefined) continue;
    try {
      part = decodeEncKrbCredPart(decrypt(key, KEY_USAGE_KRB_CRED_ENCPART, ciphertext));
    } catch {
      // As krb5_rd_cred: any failure with this key moves on to the next, then to clear text.
    }
  }
  part ??= decodeEncKrbCredPart(ciphertext);

  const ticket = krbCred.tickets[0];
  const info = part.ticketInfo[0];
  if (ticket === undefined || info === undefined) {
    throw new RangeError('expected a KRB-CRED with a ticket and its KrbCredInfo');
  }
  if (info.pname === undefined || info.sname === undefined) {
    throw new RangeError('expected a KrbCredInfo with pname and sname');
  }
  const authtime = info.authtime ?? 0;
  return {
    client: { realm: info.prealm ?? '', name: info.pname },
    server: { realm: info.srealm ?? '', name: info.sname },
    sessionKey: new KeyBlock(info.key.keytype, info.key.keyvalue),
    ticket: encodeTicket(ticket),
    times: {
      authtime,
      starttime: info.starttime ?? authtime,
      endtime: info.endtime ?? 0,
      ...(info.renewTill === undefined ? {} : { renewTill: info.renewTill }),
    },
    flags: info.flags ?? 0,
    ...(info.caddr === undefined || info.caddr.length === 0 ? {} : { addresses: info.caddr }),
  };
}
