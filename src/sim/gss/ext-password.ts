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
import { GSS_S_BAD_MECH, GSS_S_FAILURE, GSS_S_NO_CRED } from '../../spec/status.js';
import { code, errorMessage } from '../errors/index.js';
import {
  CredentialCache,
  getInitialCredentials,
  Krb5Error,
  type KrbPrincipal,
} from '../krb5/client/index.js';
import { acquire, ccacheLifetime, credentialName, credsHandle, KRB5_MECHS } from './creds.js';
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
      const client = credentialName(operation, () =>
        principalOfNameValue(value, partyNameEnvironment(party), operation),
      );
      const secret = decoder.decode(textBytes(password, 'password', operation));
      lifetimeArgument(options.lifetime, operation);
      const mechs = optionalOidListArgument(options.mechs, 'mechs', operation);
      if (mechs !== null && !mechs.some((mech) => mech.equals(MechType.kerberos))) {
        throw gssError(GSS_S_BAD_MECH, 0, { operation });
      }
      const usage = nullableUsageValue(options.usage, 'initiate', operation);
      if (secret.length === 0) {
        // MIT's krb5 mechanism refuses an empty password whatever the usage (EINVAL).
        const einval = code('EINVAL');
        throw gssError(GSS_S_FAILURE, party.minors.map(einval), {
          operation,
          minorMessage: errorMessage(einval),
          mech: MechType.kerberos,
        });
      }

      // As MIT: the acceptor element (from the keytab; the password is not used) comes first.
      const acceptor = usage === 'initiate' ? null : acquire(party, value, 'accept', operation);
      const ccache = usage === 'accept' ? null : initialCredentials(party, client, secret);
      const state = { party, usage, ccache, acceptor: acceptor?.acceptor ?? null };
      return {
        creds: credsHandle(state),
        mechs: KRB5_MECHS,
        lifetime: ccache === null ? null : ccacheLifetime(party, ccache),
      };
    },
  };
}

/**
 * A ccache of its own holding a TGT for `client`, from an AS exchange with `password`.
 * @throws {GssError} NO_CRED with the KDC's error, as MIT.
 */
function initialCredentials(
  party: SimParty,
  client: KrbPrincipal,
  password: string,
): CredentialCache {
  const ccache = new CredentialCache(client);
  try {
    getInitialCredentials({
      kdc: party.realm.kdc,
      client,
      password,
      ccache,
      random: party.random,
      clock: party.clock,
    });
  } catch (error) {
    if (!(error instanceof Krb5Error)) throw error;
    throw gssError(GSS_S_NO_CRED, party.minors.map(error.code, error.message), {
      operation: 'acquireCredWithPassword',
      minorMessage: error.message,
      mech: MechType.kerberos,
    });
  }
  return ccache;
}
