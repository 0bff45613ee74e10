/**
 * The `password` extension of the sim (`gss_acquire_cred_with_password`): an AS exchange with
 * the realm's KDC for the named client, into a ccache of the credential's own, as MIT's krb5
 * mechanism does it (a MEMORY ccache, never the default one).
 *
 * @module
 */

import type { PasswordApi } from '../../spec/api/ext-creds.js';
import {
  lifetimeArgument,
  nullableUsageValue,
  optionalOidListArgument,
  textBytes,
} from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import { MechType } from '../../spec/oids.js';
import { GSS_S_BAD_MECH, GSS_S_NO_CRED } from '../../spec/status.js';
import { CredentialCache, getInitialCredentials, Krb5Error } from '../krb5/client/index.js';
import { acquire, ccacheLifetime, credsHandle, KRB5_MECHS } from './creds.js';
import { partyNameEnvironment, principalOfNameValue } from './name-value.js';
import { nameValue } from './names.js';
import type { SimParty } from './party.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The `password` extension of one party. */
export function passwordCalls(party: SimParty): PasswordApi {
  return {
    acquireCredWithPassword(name, password, options = {}) {
      const operation = 'acquireCredWithPassword';
      const value = nameValue(name, operation);
      const client = principalOfNameValue(value, partyNameEnvironment(party), operation);
      const secret = decoder.decode(textBytes(password, 'password', operation));
      lifetimeArgument(options.lifetime, operation);
      const mechs = optionalOidListArgument(options.mechs, 'mechs', operation);
      if (mechs !== null && !mechs.some((mech) => mech.equals(MechType.kerberos))) {
        throw gssError(GSS_S_BAD_MECH, 0, { operation });
      }
      const usage = nullableUsageValue(options.usage, 'initiate', operation);

      const ccache = new CredentialCache(client);
      try {
        getInitialCredentials({
          kdc: party.realm.kdc,
          client,
          password: secret,
          ccache,
          random: party.random,
          clock: party.clock,
        });
      } catch (error) {
        if (!(error instanceof Krb5Error)) throw error;
        throw gssError(GSS_S_NO_CRED, party.minors.map(error.code, error.message), {
          operation,
          minorMessage: error.message,
          mech: MechType.kerberos,
        });
      }
      const acceptor = usage === 'initiate' ? null : acquire(party, value, 'accept', operation);
      const state = { party, usage, ccache, acceptor: acceptor?.acceptor ?? null };
      return {
        creds: credsHandle(state),
        mechs: KRB5_MECHS,
        lifetime: ccacheLifetime(party, ccache),
      };
    },
  };
}
