/**
 * The mechanism and status calls of the sim: the krb5 mechanism alone, its name types as MIT
 * 1.20 lists them, and `displayStatus` with MIT's mechglue rules for minor codes.
 *
 * @module
 */

import type { MechsApi } from '../../spec/api/mechs.js';
import {
  booleanArgument,
  oidArgument,
  optionalOidArgument,
  uint32Argument,
} from '../../spec/arguments.js';
import { displayMajorStatus } from '../../spec/display-status.js';
import { gssError, UNKNOWN_MINOR_TEXT } from '../../spec/errors.js';
import type { OID } from '../../spec/oid.js';
import { MechType, NameType } from '../../spec/oids.js';
import { GSS_S_BAD_MECH, GSS_S_BAD_STATUS, GSS_S_FAILURE } from '../../spec/status.js';
import { code, errorMessage } from '../errors/index.js';
import { KRB5_MECHS } from './creds.js';
import { displayNameValue } from './name-value.js';
import { nameValue } from './names.js';
import type { SimParty } from './party.js';

/** The name types MIT 1.20's krb5 mechanism lists, in its order (`gss_inquire_names_for_mech`). */
export const KRB5_NAME_TYPES: readonly OID[] = Object.freeze([
  NameType.user,
  NameType.machineUid,
  NameType.stringUid,
  NameType.hostbasedService,
  NameType.hostbasedServiceX,
  NameType.export,
  NameType.kerberosPrincipal,
  NameType.compositeExport,
  NameType.krb5Principal,
]);

const encoder = new TextEncoder();

/** The mechanism and status calls of one party. */
export function mechCalls(party: SimParty): MechsApi {
  return {
    indicateMechs() {
      return KRB5_MECHS;
    },

    inquireNamesForMech(mech) {
      const operation = 'inquireNamesForMech';
      if (!oidArgument(mech, 'mech', operation).equals(MechType.kerberos)) {
        throw gssError(GSS_S_BAD_MECH, 0, { operation });
      }
      return KRB5_NAME_TYPES;
    },

    inquireMechsForName(name) {
      const { nameType } = displayNameValue(nameValue(name, 'inquireMechsForName'));
      // MIT 1.20 lists no mechanism for a name imported without a type (GSS_C_NO_OID).
      if (nameType === null) return [];
      return KRB5_NAME_TYPES.some((type) => type.equals(nameType)) ? KRB5_MECHS : [];
    },

    displayStatus(errorCode, isMajorCode, options = {}) {
      const operation = 'displayStatus';
      const status = uint32Argument(errorCode, 'errorCode', operation);
      const major = booleanArgument(isMajorCode, 'isMajorCode', operation);
      // MIT's mechglue finds a minor status's mechanism in its map and ignores `mech` (even
      // one it does not know): only the number decides. The argument is still checked.
      optionalOidArgument(options.mech, 'mech', operation);
      const messageContext = uint32Argument(
        options.messageContext ?? 0,
        'messageContext',
        operation,
      );
      if (major) {
        const shown = displayMajorStatus(status, messageContext);
        return {
          message: encoder.encode(shown.message),
          messageContext: shown.messageContext,
          moreMessages: shown.messageContext !== 0,
        };
      }
      const text = status === 0 ? UNKNOWN_MINOR_TEXT : party.minors.text(status);
      if (text === undefined) {
        const einval = code('EINVAL');
        throw gssError(GSS_S_BAD_STATUS, party.minors.map(einval), {
          operation,
          minorMessage: errorMessage(einval),
        });
      }
      if (status !== 0 && messageContext !== 0) {
        // krb5's display_status has one message per code: any other context is refused.
        const badContext = code('G_BAD_MSG_CTX');
        throw gssError(GSS_S_FAILURE, party.minors.map(badContext), {
          operation,
          minorMessage: errorMessage(badContext),
        });
      }
      return { message: encoder.encode(text), messageContext: 0, moreMessages: false };
    },
  };
}
