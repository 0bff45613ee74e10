/**
 * The AS exchange on the client's side as MIT 1.20's `krb5_init_creds_step` runs it for
 * `kinit` with a password: a first request with only the informational padata (empty
 * PA-AS-FRESHNESS and PA-REQ-ENC-PA-REP); after KDC_ERR_PREAUTH_REQUIRED, a new request (new
 * nonce) with the KDC's PA-FX-COOKIE echoed and PA-ENC-TIMESTAMP in the key of the
 * ETYPE-INFO2 salt, its time the KDC's (learned from the error, `kdc_timesync`); then the
 * AS-REP decrypted (key usage 3) and checked. A step machine, so that a caller may carry the
 * messages over any transport.
 *
 * @module
 */

import type { KerberosTimestamp } from '../../clock.js';
import { decrypt, KeyBlock } from '../../crypto/index.js';
import { clientNotFound, code } from '../../errors/index.js';
import { KdcOptions } from '../messages/flags.js';
import { decodeAsRep, decodeEncKdcRepPart } from '../messages/kdc-rep.js';
import { encodeAsReq, type KdcReqBody } from '../messages/kdc-req.js';
import { decodeKrbError, type KrbError } from '../messages/krb-error.js';
import { decodeMethodData, type PaData, PaDataType } from '../messages/pa-data.js';
import { NameType } from '../messages/principal-name.js';
import { encodeTicket } from '../messages/ticket.js';
import {
  type AsRequestSent,
  checkReplyEnctype,
  verifyAsReply,
  verifyEncPaRep,
} from './as-reply.js';
import type { Credential } from './credential.js';
import { DEFAULT_TICKET_LIFETIME, KDC_DEFAULT_OPTIONS, MIT_DEFAULT_ENCTYPES } from './defaults.js';
import type { InitCredsOptions, InitCredsStep, InitialCredentials } from './init-creds-options.js';
import { guarded, Krb5Error, plainKrb5Error, protocolKrb5Error } from './krb5-error.js';
import { generateNonce } from './nonce.js';
import { encTimestamp } from './pa-enc-timestamp.js';
import {
  isTgsName,
  type KrbPrincipal,
  tgsName,
  toKrbPrincipal,
  unparseKrbPrincipal,
} from './principal.js';
import {
  type ClientSecret,
  type ReplyKeyParameters,
  replyKey,
  selectEtypeInfo,
} from './reply-key.js';
import { offsetBetween, type TimeOffset, timeWithOffset } from './time-offset.js';

/** PA-AS-FRESHNESS (RFC 8070), which MIT's client sends empty to ask for a token. */
const PA_AS_FRESHNESS = 150;

/** MIT's `MAX_IN_TKT_LOOPS`. */
const MAX_IN_TKT_LOOPS = 16;

/** Key usages (RFC 4120 §7.5.1). */
const KEY_USAGE_AS_REP_ENC_PART = 3;

/** Protocol error codes the client acts on (RFC 4120 §7.5.9). */
const KDC_ERR_C_PRINCIPAL_UNKNOWN = 6;
const KDC_ERR_PREAUTH_FAILED = 24;
const KDC_ERR_PREAUTH_REQUIRED = 25;

/** One AS exchange of a client (`krb5_init_creds_context`). */
export class InitCredsContext {
  /** The client. */
  readonly client: KrbPrincipal;
  /** The server, `krbtgt/REALM@REALM` by default. */
  readonly server: KrbPrincipal;
  readonly #options: InitCredsOptions;
  readonly #secret: ClientSecret;
  readonly #kdcOptions: number;
  readonly #etypes: readonly number[];
  #keyParameters: ReplyKeyParameters;
  #asKey: KeyBlock | undefined;
  #methodPadata: readonly PaData[] | undefined;
  #paOffset: TimeOffset | undefined;
  #infoPaPermitted = true;
  #restarted = false;
  #loops = 0;
  #sent: (AsRequestSent & { readonly bytes: Uint8Array }) | undefined;
  #complete = false;

  /**
   * @throws {TypeError} without a password or key, or for a client name without a realm.
   */
  constructor(options: InitCredsOptions) {
    const secret: ClientSecret | undefined =
      options.key !== undefined
        ? { key: options.key }
        : options.password !== undefined
          ? { password: options.password }
          : undefined;
    if (secret === undefined) throw new TypeError('expected a password or a key for the client');

    this.client = toKrbPrincipal(options.client);
    this.server = inTktName(options.server, this.client.realm);
    this.#options = options;
    this.#secret = secret;
    this.#etypes = options.enctypes ?? MIT_DEFAULT_ENCTYPES;
    this.#keyParameters = {
      etype: this.#etypes[0] ?? 0,
      salt: undefined,
      s2kparams: undefined,
    };
    let kdcOptions = KDC_DEFAULT_OPTIONS;
    if (options.forwardable ?? true) kdcOptions |= KdcOptions.forwardable;
    if (options.proxiable ?? false) kdcOptions |= KdcOptions.proxiable;
    if (options.canonicalize ?? false) kdcOptions |= KdcOptions.canonicalize;
    if ((options.renewLifetime ?? 0) > 0) {
      kdcOptions = (kdcOptions | KdcOptions.renewable) & ~KdcOptions.renewableOk;
    }
    this.#kdcOptions = kdcOptions >>> 0;
  }

  /** The first request (`krb5_init_creds_step` with no reply). */
  start(): Uint8Array {
    return this.#makeRequest();
  }

  /**
   * Processes the KDC's reply to the last request.
   * @returns the next request, or the credentials when done.
   * @throws {Krb5Error} with MIT's code and message for every failure.
   */
  step(reply: Uint8Array): InitCredsStep {
    if (this.#complete || this.#sent === undefined) {
      throw new TypeError('expected a reply to a request of this AS exchange');
    }

    if (reply[0] === 0x7e) return this.#onError(guarded(() => decodeKrbError(reply)));
    if (reply[0] !== 0x6b) throw plainKrb5Error(code('KRB5KRB_AP_ERR_MSG_TYPE'));
    return { done: this.#onReply(reply, this.#sent) };
  }

  #onError(error: KrbError): InitCredsStep {
    const eData = error.eData ?? new Uint8Array(0);
    const retry = eData.length > 0;
    const padata = retry ? methodData(eData) : [];

    if (
      !this.#restarted &&
      error.errorCode === KDC_ERR_PREAUTH_FAILED &&
      this.#methodPadata === undefined
    ) {
      // A pre-1.7 KDC refusing the informational padata: start over without it.
      this.#infoPaPermitted = false;
      this.#restarted = true;
      return { request: this.#makeRequest() };
    }
    if (error.errorCode === KDC_ERR_PREAUTH_REQUIRED && retry) {
      // note_req_timestamp: the KDC's time against the local one.
      const local = this.#options.clock.usTimeOfDay();
      this.#paOffset = offsetBetween({ seconds: error.stime, microseconds: error.susec }, local);
      this.#methodPadata = padata;
      this.#keyParameters = selectEtypeInfo(padata, this.#etypes, this.#keyParameters);
      return { request: this.#makeRequest() };
    }
    if (error.errorCode === KDC_ERR_C_PRINCIPAL_UNKNOWN) {
      throw new Krb5Error(clientNotFound(unparseKrbPrincipal(this.client)), error);
    }
    // PREAUTH_FAILED after encrypted timestamp: no other mechanism to try, the KDC's code.
    throw protocolKrb5Error(error);
  }

  #onReply(
    bytes: Uint8Array,
    sent: AsRequestSent & { readonly bytes: Uint8Array },
  ): InitialCredentials {
    const reply = guarded(() => decodeAsRep(bytes));
    if (reply.msgType !== 11) throw plainKrb5Error(code('KRB5KRB_AP_ERR_MSG_TYPE'));
    checkReplyEnctype(reply, sent.body);
    this.#keyParameters = selectEtypeInfo(reply.padata ?? [], this.#etypes, this.#keyParameters);
    if (this.#keyParameters.salt === undefined) {
      // The default salt of the client the KDC names (`krb5_principal2salt` of its reply).
      const client = { realm: reply.crealm, name: reply.cname };
      const salt = new TextEncoder().encode(client.realm + client.name.nameString.join(''));
      this.#keyParameters = { ...this.#keyParameters, salt };
    }

    const { key, plain } = this.#decryptReply(reply.encPart.etype, reply.encPart.cipher);
    const { part } = guarded(() => decodeEncKdcRepPart(plain));
    const fastAvailable = verifyEncPaRep(part, sent.bytes, key);
    const kdcTimesync = this.#options.kdcTimesync ?? true;
    const learned = verifyAsReply(sent, reply, part, kdcTimesync);
    this.#complete = true;

    const credential: Credential = {
      client: this.client,
      server: { realm: part.srealm, name: part.sname },
      sessionKey: guarded(() => new KeyBlock(part.key.keytype, part.key.keyvalue)),
      ticket: encodeTicket(reply.ticket),
      times: {
        authtime: part.authtime,
        starttime: part.starttime ?? part.authtime,
        endtime: part.endtime,
        ...(part.renewTill === undefined ? {} : { renewTill: part.renewTill }),
      },
      flags: part.flags,
      ...(part.caddr === undefined ? {} : { addresses: part.caddr }),
    };
    return { credential, timeOffset: learned ?? this.#options.timeOffset, fastAvailable };
  }

  /**
   * `decrypt_as_reply`: the key computed for pre-authentication first, then the key for the
   * reply's enctype with the latest salt.
   */
  #decryptReply(etype: number, cipher: Uint8Array): { key: KeyBlock; plain: Uint8Array } {
    const asKey = this.#asKey;
    if (asKey !== undefined) {
      try {
        return { key: asKey, plain: decrypt(asKey, KEY_USAGE_AS_REP_ENC_PART, cipher) };
      } catch {
        // MIT falls back to the gak function: the reply may use another enctype.
      }
    }
    const key = replyKey(this.#secret, this.client, { ...this.#keyParameters, etype });
    this.#asKey = key;
    return { key, plain: guarded(() => decrypt(key, KEY_USAGE_AS_REP_ENC_PART, cipher)) };
  }

  /** `init_creds_step_request`: a new nonce, the times, the padata, the encoding. */
  #makeRequest(): Uint8Array {
    if (this.#loops >= MAX_IN_TKT_LOOPS) throw plainKrb5Error(code('KRB5_GET_IN_TKT_LOOP'));
    const { random, clock } = this.#options;

    const nonce = generateNonce(random);
    const now = this.#currentTime();
    const till = now.seconds + (this.#options.lifetime ?? DEFAULT_TICKET_LIFETIME);
    const renewLifetime = this.#options.renewLifetime ?? 0;
    const rtime = renewLifetime > 0 ? Math.max(now.seconds + renewLifetime, till) : undefined;
    const body: KdcReqBody = {
      kdcOptions: this.#kdcOptions,
      cname: this.client.name,
      realm: this.server.realm,
      sname: this.server.name,
      till,
      ...(rtime === undefined ? {} : { rtime }),
      nonce,
      etype: this.#etypes,
    };

    const padata: PaData[] = [];
    if (this.#methodPadata !== undefined) padata.push(...this.#preauth(this.#methodPadata));
    if (this.#infoPaPermitted) {
      padata.push({ padataType: PA_AS_FRESHNESS, padataValue: new Uint8Array(0) });
      padata.push({ padataType: PaDataType.reqEncPaRep, padataValue: new Uint8Array(0) });
    }
    const bytes = encodeAsReq({ msgType: 10, padata, reqBody: body });
    this.#loops += 1;
    this.#sent = {
      body,
      client: this.client,
      server: this.server,
      time: clock.usTimeOfDay(),
      bytes,
    };
    return bytes;
  }

  /**
   * `k5_preauth` over the KDC's METHOD-DATA: the cookie echoed, then PA-ENC-TIMESTAMP when the
   * KDC offers it (`preauth_encts.c`), in the reply key, with the KDC's time.
   * @throws {Krb5Error} KRB5_PREAUTH_FAILED when the KDC offers no mechanism the sim has.
   */
  #preauth(methodPadata: readonly PaData[]): PaData[] {
    const padata: PaData[] = [];
    const cookie = methodPadata.find(({ padataType }) => padataType === PaDataType.fxCookie);
    if (cookie !== undefined) padata.push(cookie);
    if (!methodPadata.some(({ padataType }) => padataType === PaDataType.encTimestamp)) {
      throw plainKrb5Error(code('KRB5_PREAUTH_FAILED'));
    }

    const key = replyKey(this.#secret, this.client, this.#keyParameters);
    this.#asKey = key;
    padata.push(encTimestamp(key, this.#currentTime(), this.#options.random));
    return padata;
  }

  /** `k5_init_creds_current_time`: the KDC's time once an error gave it, with `kdc_timesync`. */
  #currentTime(): KerberosTimestamp {
    const { clock, kdcTimesync, timeOffset } = this.#options;
    if (this.#paOffset !== undefined && (kdcTimesync ?? true)) {
      return timeWithOffset(clock, this.#paOffset);
    }
    return timeWithOffset(clock, timeOffset);
  }

  /** What `util.inspect` shows: the principals, never the password or keys. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const names = `${unparseKrbPrincipal(this.client)} -> ${unparseKrbPrincipal(this.server)}`;
    return `InitCredsContext(${names})`;
  }
}

/** `build_in_tkt_name`: the given service (a TGS name gets NT-SRV-INST), or the realm's TGS. */
function inTktName(server: string | KrbPrincipal | undefined, realm: string): KrbPrincipal {
  if (server === undefined) return tgsName(realm);
  const principal = toKrbPrincipal(server, realm);
  if (typeof server === 'string' && isTgsName(principal)) {
    return { ...principal, name: { ...principal.name, nameType: NameType.srvInst } };
  }
  return principal;
}

/** METHOD-DATA from e-data, or nothing when it does not decode (MIT tries TYPED-DATA next). */
function methodData(eData: Uint8Array): readonly PaData[] {
  try {
    return decodeMethodData(eData);
  } catch {
    return [];
  }
}
