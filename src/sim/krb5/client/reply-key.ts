/**
 * The AS reply key and how the client derives it (MIT's `gak_fct` with the etype, salt and
 * s2kparams of `k5_get_etype_info`): string-to-key of the password with the KDC's ETYPE-INFO2
 * salt, or the default salt of the client's name when the KDC gives none.
 *
 * @module
 */

import { defaultSalt, type KeyBlock, stringToKey } from '../../crypto/index.js';
import { code } from '../../errors/index.js';
import { decodeEtypeInfo2, type PaData, PaDataType } from '../messages/pa-data.js';
import { guarded, plainKrb5Error } from './krb5-error.js';
import type { KrbPrincipal } from './principal.js';

/** The client's secret: a password, or a key as from a client keytab. */
export type ClientSecret = { readonly password: string } | { readonly key: KeyBlock };

/** The string-to-key parameters the client will use: enctype, salt and s2kparams. */
export interface ReplyKeyParameters {
  /** The enctype. */
  readonly etype: number;
  /** The salt; `undefined` for the default salt of the client's name. */
  readonly salt: Uint8Array | undefined;
  /** The s2kparams, if the KDC sent any. */
  readonly s2kparams: Uint8Array | undefined;
}

/**
 * The parameters an ETYPE-INFO2 among `padata` selects (`k5_get_etype_info`): the first entry,
 * in the order of the request's enctypes, whose enctype the request lists; `current` when
 * there is no ETYPE-INFO2 or it does not decode.
 * @throws {Krb5Error} KRB5_PROG_ETYPE_NOSUPP (or KRB5_CONFIG_ETYPE_NOSUPP when an entry has an
 *   enctype MIT implements) when no entry has a requested enctype.
 */
export function selectEtypeInfo(
  padata: readonly PaData[],
  requested: readonly number[],
  current: ReplyKeyParameters,
): ReplyKeyParameters {
  const pa = padata.find(({ padataType }) => padataType === PaDataType.etypeInfo2);
  if (pa === undefined) return current;
  let entries: ReturnType<typeof decodeEtypeInfo2>;
  try {
    entries = decodeEtypeInfo2(pa.padataValue);
  } catch {
    return current;
  }

  for (const etype of requested) {
    const entry = entries.find((candidate) => candidate.etype === etype);
    if (entry === undefined) continue;
    return {
      etype,
      salt: entry.salt === undefined ? undefined : new TextEncoder().encode(entry.salt),
      s2kparams: entry.s2kparams,
    };
  }
  const known = entries.some(({ etype }) => MIT_VALID_ENCTYPES.includes(etype));
  throw plainKrb5Error(code(known ? 'KRB5_CONFIG_ETYPE_NOSUPP' : 'KRB5_PROG_ETYPE_NOSUPP'));
}

/** The enctypes MIT 1.20 implements (`krb5_c_valid_enctype`). */
const MIT_VALID_ENCTYPES: readonly number[] = [16, 17, 18, 19, 20, 23, 24, 25, 26];

/**
 * The reply key for `parameters` (`krb5_get_as_key_password`): string-to-key of the password,
 * or the given key.
 * @throws {Krb5Error} with the crypto layer's code, e.g. KRB5_BAD_ENCTYPE for an enctype the
 *   sim does not implement, KRB5_ERR_BAD_S2K_PARAMS for refused parameters.
 */
export function replyKey(
  secret: ClientSecret,
  client: KrbPrincipal,
  parameters: ReplyKeyParameters,
): KeyBlock {
  if ('key' in secret) return secret.key;

  const salt = parameters.salt ?? defaultSalt(client.realm, client.name.nameString);
  return guarded(() =>
    stringToKey(parameters.etype, secret.password, salt, {
      ...(parameters.s2kparams === undefined ? {} : { params: parameters.s2kparams }),
    }),
  );
}
