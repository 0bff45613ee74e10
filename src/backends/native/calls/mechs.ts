/**
 * Mechanism and status calls over MIT: `gss_indicate_mechs`, `gss_inquire_names_for_mech`,
 * `gss_inquire_mechs_for_name` and `gss_display_status` (RFC 2744 §5.12, §5.23, §5.24, §5.11).
 *
 * @module
 */

import type { MechsApi } from '../../../spec/api/mechs.js';
import { booleanArgument, oidArgument, optionalOidArgument, uint32Argument } from '../arguments.js';
import { inOid, outBuffer } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import type { NativeRuntime } from '../runtime.js';
import { GSS_C_GSS_CODE, GSS_C_MECH_CODE } from '../status.js';

/** The mechanism and status calls of the native backend. */
export function mechCalls(runtime: NativeRuntime): MechsApi {
  const { library, memory, status, handles } = runtime;
  const indicateMechs = library.bind(C.gss_indicate_mechs);
  const inquireNamesForMech = library.bind(C.gss_inquire_names_for_mech);
  const inquireMechsForName = library.bind(C.gss_inquire_mechs_for_name);
  const displayStatus = library.bind(C.gss_display_status);

  return {
    indicateMechs() {
      const minor = [0];
      const mechs: unknown[] = [null];

      const major = indicateMechs(minor, mechs);
      status.check('indicateMechs', major, minor[0] ?? 0);
      return memory.takeOidSet(mechs[0]) ?? [];
    },

    inquireNamesForMech(mech) {
      oidArgument(mech, 'mech', 'inquireNamesForMech');
      const minor = [0];
      const types: unknown[] = [null];

      const major = inquireNamesForMech(minor, inOid(mech), types);
      status.check('inquireNamesForMech', major, minor[0] ?? 0, { mech });
      return memory.takeOidSet(types[0]) ?? [];
    },

    inquireMechsForName(name) {
      const pointer = handles.pointer(name, 'name', 'inquireMechsForName');
      const minor = [0];
      const mechs: unknown[] = [null];

      const major = inquireMechsForName(minor, pointer, mechs);
      status.check('inquireMechsForName', major, minor[0] ?? 0);
      return memory.takeOidSet(mechs[0]) ?? [];
    },

    displayStatus(errorCode, isMajorCode, options = {}) {
      const operation = 'displayStatus';
      const code = uint32Argument(errorCode, 'errorCode', operation);
      const type = booleanArgument(isMajorCode, 'isMajorCode', operation)
        ? GSS_C_GSS_CODE
        : GSS_C_MECH_CODE;
      const mech = optionalOidArgument(options.mech, 'mech', operation);
      const context = [uint32Argument(options.messageContext ?? 0, 'messageContext', operation)];
      const minor = [0];
      const text = outBuffer();

      const major = displayStatus(minor, code, type, inOid(mech), context, text);
      const message = memory.takeBuffer(text);
      status.check(operation, major, minor[0] ?? 0, { mech });
      const messageContext = (context[0] ?? 0) >>> 0;
      return { message, messageContext, moreMessages: messageContext !== 0 };
    },
  };
}
