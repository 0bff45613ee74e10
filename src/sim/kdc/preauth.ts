/**
 * Encrypted-timestamp pre-authentication on the KDC's side (RFC 4120 §5.2.7.2, MIT's
 * `kdc_preauth_encts.c`), and the hint list MIT 1.20 sends with PREAUTH_REQUIRED and
 * PREAUTH_FAILED in a realm where SPAKE failed to initialize (no groups configured):
 * PA-FX-FAST, PA-ETYPE-INFO2 with the one key the client will use, PA-ENC-TIMESTAMP, and the
 * `MIT` PA-FX-COOKIE.
 *
 * @module
 */

import { decrypt, defaultSalt } from '../crypto/index.js';
import { decodeEncryptedData } from '../krb5/messages/encryption.js';
import {
  decodePaEncTsEnc,
  encodeEtypeInfo2,
  type PaData,
  PaDataType,
} from '../krb5/messages/pa-data.js';
import { KdcErrorCode, KdcFailure } from './kdc-failure.js';
import type { PrincipalEntry, PrincipalKey } from './principal-entry.js';

/** Key usage of PA-ENC-TIMESTAMP (RFC 4120 §7.5.1). */
const KEY_USAGE_PA_ENC_TS = 1;

/** The PA-FX-COOKIE MIT's KDC sends outside FAST: the three octets `MIT`. */
const MIT_COOKIE = new TextEncoder().encode('MIT');

/** The e-data of PREAUTH_REQUIRED and PREAUTH_FAILED (`get_preauth_hint_list` and the cookie). */
export function preauthHints(
  client: PrincipalEntry,
  clientKey: PrincipalKey | undefined,
): PaData[] {
  const empty = new Uint8Array(0);
  const hints: PaData[] = [{ padataType: PaDataType.fxFast, padataValue: empty }];
  if (clientKey !== undefined) {
    const salt = clientKey.salt ?? defaultSalt(client.principal.realm, client.principal.components);
    const entry = { etype: clientKey.key.enctype, salt: new TextDecoder().decode(salt) };
    hints.push({ padataType: PaDataType.etypeInfo2, padataValue: encodeEtypeInfo2([entry]) });
  }
  hints.push({ padataType: PaDataType.encTimestamp, padataValue: empty });
  hints.push({ padataType: PaDataType.fxCookie, padataValue: MIT_COOKIE });
  return hints;
}

/**
 * Checks a PA-ENC-TIMESTAMP: every key of the client with its enctype is tried (a wrong
 * password decrypts with none), then the time must be within the skew.
 * @throws {KdcFailure} PREAUTH_FAILED with the hints when no key decrypts it; KRB_AP_ERR_SKEW
 *   (no e-data) when its time is too far; KRB_ERR_GENERIC when it does not decode. Each with
 *   MIT's status `PREAUTH_FAILED`.
 */
export function verifyEncTimestamp(
  value: Uint8Array,
  client: PrincipalEntry,
  now: number,
  clockSkew: number,
  hints: readonly PaData[],
): void {
  const generic = new KdcFailure(KdcErrorCode.KRB_ERR_GENERIC, 'PREAUTH_FAILED');
  let plain: Uint8Array | undefined;
  let encrypted: ReturnType<typeof decodeEncryptedData>;
  try {
    encrypted = decodeEncryptedData(value);
  } catch {
    throw generic;
  }

  for (const { key } of client.keys.filter(({ key }) => key.enctype === encrypted.etype)) {
    try {
      plain = decrypt(key, KEY_USAGE_PA_ENC_TS, encrypted.cipher);
      break;
    } catch {
      // The next key of this enctype, as MIT's loop over krb5_dbe_search_enctype.
    }
  }
  if (plain === undefined) {
    throw new KdcFailure(KdcErrorCode.KDC_ERR_PREAUTH_FAILED, 'PREAUTH_FAILED', { eData: hints });
  }

  let patimestamp: number;
  try {
    patimestamp = decodePaEncTsEnc(plain).patimestamp;
  } catch {
    throw generic;
  }
  if (Math.abs(patimestamp - now) > clockSkew) {
    throw new KdcFailure(KdcErrorCode.KRB_AP_ERR_SKEW, 'PREAUTH_FAILED');
  }
}
