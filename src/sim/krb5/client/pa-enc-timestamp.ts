/**
 * Encrypted-timestamp pre-authentication on the client's side (RFC 4120 §5.2.7.2, MIT's
 * `preauth_encts.c`): PA-ENC-TIMESTAMP, a PA-ENC-TS-ENC encrypted in the reply key with key
 * usage 1, its time the KDC's when the client learned it from the PREAUTH_REQUIRED error.
 *
 * @module
 */

import type { KerberosTimestamp } from '../../clock.js';
import { encrypt, type KeyBlock } from '../../crypto/index.js';
import type { RandomSource } from '../../random.js';
import { encodeEncryptedData } from '../messages/encryption.js';
import { encodePaEncTsEnc, type PaData, PaDataType } from '../messages/pa-data.js';
import { guarded } from './krb5-error.js';

/** Key usage of PA-ENC-TIMESTAMP (RFC 4120 §7.5.1). */
const KEY_USAGE_PA_ENC_TIMESTAMP = 1;

/**
 * PA-ENC-TIMESTAMP for `time` in `key`: pausec is left out when 0, as MIT's encoder does, and
 * the EncryptedData carries no kvno.
 */
export function encTimestamp(key: KeyBlock, time: KerberosTimestamp, random: RandomSource): PaData {
  const plain = encodePaEncTsEnc({
    patimestamp: time.seconds,
    ...(time.microseconds === 0 ? {} : { pausec: time.microseconds }),
  });
  const cipher = guarded(() =>
    encrypt(key, KEY_USAGE_PA_ENC_TIMESTAMP, plain, (length) => random.bytes(length)),
  );

  return {
    padataType: PaDataType.encTimestamp,
    padataValue: encodeEncryptedData({ etype: key.enctype, cipher }),
  };
}
