/**
 * Mechanism and status calls over MIT: `gss_indicate_mechs`, `gss_inquire_names_for_mech`,
 * `gss_inquire_mechs_for_name` and `gss_display_status` (RFC 2744 §5.12, §5.23, §5.24, §5.11).
 *
 * @module
 */

import type { MechsApi } from '../../../spec/api/mechs.js';
import { OID } from '../../../spec/oid.js';
import { inOid, outBuffer } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import type { NativeRuntime } from '../runtime.js';
import { GSS_C_GSS_CODE, GSS_C_MECH_CODE } from '../status.js';

/** The largest `OM_uint32`. */
const UINT32_MAX = 0xffffffff;

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
      if (!(mech instanceof OID)) {
        throw new TypeError(`inquireNamesForMech: expected mech as an OID, got ${typeof mech}`);
      }
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
      const code = uint32Argument(errorCode, 'errorCode');
      if (typeof isMajorCode !== 'boolean') {
        throw new TypeError(
          `displayStatus: expected isMajorCode as a boolean, got ${typeof isMajorCode}`,
        );
      }
      const mech = options.mech ?? null;
      if (mech !== null && !(mech instanceof OID)) {
        throw new TypeError(`displayStatus: expected mech as an OID, got ${typeof mech}`);
      }
      const context = [uint32Argument(options.messageContext ?? 0, 'messageContext')];
      const minor = [0];
      const text = outBuffer();
      const type = isMajorCode ? GSS_C_GSS_CODE : GSS_C_MECH_CODE;

      const major = displayStatus(minor, code, type, inOid(mech), context, text);
      const message = memory.takeBuffer(text);
      status.check('displayStatus', major, minor[0] ?? 0, { mech });
      const messageContext = (context[0] ?? 0) >>> 0;
      return { message, messageContext, moreMessages: messageContext !== 0 };
    },
  };
}

/**
 * A C `OM_uint32` argument of `displayStatus`.
 * @throws {TypeError} when not a number.
 * @throws {RangeError} when not an integer in 0..2^32-1.
 */
function uint32Argument(value: unknown, what: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`displayStatus: expected ${what} as a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new RangeError(`displayStatus: ${what} is an integer from 0 to 2^32-1, got ${value}`);
  }
  return value;
}
