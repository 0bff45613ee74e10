/**
 * Security-context calls over MIT: `gss_init_sec_context`, `gss_accept_sec_context` and the
 * calls on an established context (RFC 2744 §5.1, §5.9, §5.11, §5.17, §5.18, §5.19, §5.21).
 *
 * `gss_init_sec_context` and `gss_accept_sec_context` take the context by reference: the
 * library creates it on the first call and may delete it on a failed later one (RFC 2744
 * §5.1, §5.19), so every call records the pointer it got back in the handle.
 *
 * @module
 */

import type { ContextsApi } from '../../../spec/api/contexts.js';
import { RequirementFlag, requirementFlags } from '../../../spec/flags.js';
import { mechOfAcceptorToken } from '../../../spec/framing.js';
import type { Name, SecurityContext } from '../../../spec/handles.js';
import type { OID } from '../../../spec/oid.js';
import { GSS_S_CONTINUE_NEEDED, isGssError } from '../../../spec/status.js';
import {
  bindingsArgument,
  bytesArgument,
  flagsArgument,
  lifetimeArgument,
  optionalOidArgument,
} from '../arguments.js';
import { inOid, outBuffer } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import { lifetimeResult, toPointer } from '../results.js';
import type { NativeRuntime } from '../runtime.js';

/** The reference's `req_flags` when none are given: mutual authentication and sequencing. */
const DEFAULT_FLAGS = RequirementFlag.mutualAuthentication | RequirementFlag.outOfSequenceDetection;

/** The context calls of the native backend. */
export function contextCalls(runtime: NativeRuntime): ContextsApi {
  const { library, memory, status, handles } = runtime;
  const initSecContext = library.bind(C.gss_init_sec_context);
  const acceptSecContext = library.bind(C.gss_accept_sec_context);
  const inquireContext = library.bind(C.gss_inquire_context);
  const contextTime = library.bind(C.gss_context_time);
  const processContextToken = library.bind(C.gss_process_context_token);
  const importSecContext = library.bind(C.gss_import_sec_context);
  const exportSecContext = library.bind(C.gss_export_sec_context);
  const deleteSecContext = library.bind(C.gss_delete_sec_context);
  const releaseName = library.bind(C.gss_release_name);
  const releaseCred = library.bind(C.gss_release_cred);

  /**
   * The context handle after a call: the given one, updated when the library replaced or
   * deleted its context, or a new one for the context the first call created.
   */
  const settle = (given: SecurityContext | null, before: bigint, after: bigint) => {
    if (given === null) return handles.create('context', after);
    if (after !== before) handles.update(given, after);
    return given;
  };

  /**
   * After a failed step: a context the given handle held is kept for the caller to delete,
   * or marked released when the library deleted it; one the library made on a failed first
   * call (RFC 2744 §5.19 says it makes none) is freed at once.
   */
  const abandon = (given: SecurityContext | null, before: bigint, after: bigint): void => {
    if (given !== null) {
      if (after !== before) handles.update(given, after);
    } else if (after !== 0n) {
      deleteSecContext([0], [after], null);
    }
  };

  /** The mechanism of a context, for the rare step where the library leaves `mech` unset. */
  const contextMech = (pointer: bigint): OID | null => {
    const mech: unknown[] = [null];
    const major = inquireContext([0], pointer, null, null, null, mech, null, null, null);
    return isGssError(major) ? null : memory.readOid(mech[0]);
  };

  return {
    initSecContext(targetName, options = {}) {
      const operation = 'initSecContext';
      const target = handles.pointer(targetName, 'name', operation);
      const creds = handles.optionalPointer(options.creds, 'creds', operation);
      const given = options.context ?? null;
      const before = given === null ? 0n : handles.pointer(given, 'context', operation);
      const mech = optionalOidArgument(options.mech, 'mech', operation);
      const flags =
        options.flags === null || options.flags === undefined
          ? DEFAULT_FLAGS
          : flagsArgument(options.flags);
      const lifetime = lifetimeArgument(options.lifetime, operation);
      const bindings = bindingsArgument(options.channelBindings, operation);
      const inputToken = options.inputToken ?? null;
      const input = inputToken === null ? null : bytesArgument(inputToken, 'inputToken', operation);
      const minor = [0];
      const context = [before];
      const actualMech: unknown[] = [null];
      const output = outBuffer();
      const retFlags = [0];
      const timeRec = [0];

      const major = initSecContext(
        minor,
        creds,
        context,
        target,
        inOid(mech),
        flags,
        lifetime,
        bindings,
        input,
        actualMech,
        output,
        retFlags,
        timeRec,
      );
      const token = memory.takeBuffer(output);
      const after = toPointer(context[0]);
      const resultMech = memory.readOid(actualMech[0]);
      if (failedStep(major)) {
        abandon(given, before, after);
        throw status.error(operation, major, minor[0] ?? 0, {
          mech: resultMech ?? mech,
          token: token.length === 0 ? null : token,
        });
      }

      return {
        context: settle(given, before, after),
        mech: resultMech ?? mech ?? contextMech(after) ?? missingMech(operation),
        flags: requirementFlags(retFlags[0] ?? 0),
        token: token.length === 0 ? null : token,
        lifetime: lifetimeResult(timeRec[0] ?? 0),
        moreSteps: major === GSS_S_CONTINUE_NEEDED,
      };
    },

    acceptSecContext(inputToken, options = {}) {
      const operation = 'acceptSecContext';
      const input = bytesArgument(inputToken, 'inputToken', operation);
      const creds = handles.optionalPointer(options.acceptorCreds, 'creds', operation);
      const given = options.context ?? null;
      const before = given === null ? 0n : handles.pointer(given, 'context', operation);
      const bindings = bindingsArgument(options.channelBindings, operation);
      const minor = [0];
      const context = [before];
      const sourceName: unknown[] = [null];
      const mech: unknown[] = [null];
      const output = outBuffer();
      const retFlags = [0];
      const timeRec = [0];
      const delegated: unknown[] = [null];

      const major = acceptSecContext(
        minor,
        context,
        creds,
        input,
        bindings,
        sourceName,
        mech,
        output,
        retFlags,
        timeRec,
        delegated,
      );
      const token = memory.takeBuffer(output);
      const after = toPointer(context[0]);
      const namePointer = toPointer(sourceName[0]);
      const credsPointer = toPointer(delegated[0]);
      const resultMech = memory.readOid(mech[0]);
      if (failedStep(major)) {
        if (namePointer !== 0n) releaseName([0], [namePointer]);
        if (credsPointer !== 0n) releaseCred([0], [credsPointer]);
        abandon(given, before, after);
        throw status.error(operation, major, minor[0] ?? 0, {
          mech: resultMech,
          token: token.length === 0 ? null : token,
        });
      }

      return {
        context: settle(given, before, after),
        // MIT names the initiator only on completion; before it the handle is an empty one.
        initiatorName: handles.create('name', namePointer),
        // A krb5 token of the wrong type gets CONTINUE_NEEDED with no mechanism context
        // (g_accept_sec_context.c); the mechanism is then the one the mechglue chose.
        mech:
          resultMech ??
          contextMech(after) ??
          mechOfAcceptorToken(inputToken) ??
          missingMech(operation),
        token: token.length === 0 ? null : token,
        flags: requirementFlags(retFlags[0] ?? 0),
        lifetime: lifetimeResult(timeRec[0] ?? 0),
        delegatedCreds: credsPointer === 0n ? null : handles.create('creds', credsPointer),
        moreSteps: major === GSS_S_CONTINUE_NEEDED,
      };
    },

    inquireContext(context, options = {}) {
      const pointer = handles.pointer(context, 'context', 'inquireContext');
      const minor = [0];
      const initiatorName: unknown[] | null = options.initiatorName !== false ? [null] : null;
      const targetName: unknown[] | null = options.targetName !== false ? [null] : null;
      const lifetime = options.lifetime !== false ? [0] : null;
      const mech: unknown[] | null = options.mech !== false ? [null] : null;
      const flags = options.flags !== false ? [0] : null;
      const locallyInit = options.locallyInit !== false ? [0] : null;
      const complete = options.complete !== false ? [0] : null;

      const major = inquireContext(
        minor,
        pointer,
        initiatorName,
        targetName,
        lifetime,
        mech,
        flags,
        locallyInit,
        complete,
      );
      status.check('inquireContext', major, minor[0] ?? 0);
      return {
        initiatorName: nameResult(initiatorName),
        targetName: nameResult(targetName),
        lifetime: lifetime === null ? null : lifetimeResult(lifetime[0] ?? 0),
        mech: mech === null ? null : memory.readOid(mech[0]),
        flags: flags === null ? null : requirementFlags(flags[0] ?? 0),
        locallyInit: locallyInit === null ? null : locallyInit[0] !== 0,
        complete: complete === null ? null : complete[0] !== 0,
      };
    },

    contextTime(context) {
      const pointer = handles.pointer(context, 'context', 'contextTime');
      const minor = [0];
      const timeRec = [0];

      const major = contextTime(minor, pointer, timeRec);
      status.check('contextTime', major, minor[0] ?? 0);
      return (timeRec[0] ?? 0) >>> 0;
    },

    processContextToken(context, token) {
      const pointer = handles.pointer(context, 'context', 'processContextToken');
      const input = bytesArgument(token, 'token', 'processContextToken');
      const minor = [0];

      const major = processContextToken(minor, pointer, input);
      status.check('processContextToken', major, minor[0] ?? 0);
    },

    importSecContext(token) {
      const input = bytesArgument(token, 'token', 'importSecContext');
      const minor = [0];
      const context: unknown[] = [null];

      const major = importSecContext(minor, input, context);
      status.check('importSecContext', major, minor[0] ?? 0);
      return handles.create('context', toPointer(context[0]));
    },

    exportSecContext(context) {
      const pointer = handles.pointer(context, 'context', 'exportSecContext');
      const minor = [0];
      const inout = [pointer];
      const output = outBuffer();

      const major = exportSecContext(minor, inout, output);
      const token = memory.takeBuffer(output);
      if (isGssError(major)) {
        // A failed export leaves the context to the caller, unless the library deleted it.
        const after = toPointer(inout[0]);
        if (after !== pointer) handles.update(context, after);
        throw status.error('exportSecContext', major, minor[0] ?? 0);
      }
      handles.release(context, 'context', 'exportSecContext');
      return token;
    },

    deleteSecContext(context, options = {}) {
      const pointer = handles.pointer(context, 'context', 'deleteSecContext');
      const minor = [0];
      const inout = [pointer];
      const output = options.localOnly === false ? outBuffer() : null;

      const major = deleteSecContext(minor, inout, output);
      const token = output === null ? new Uint8Array(0) : memory.takeBuffer(output);
      // MIT keeps the context only when its mechanism failed to delete it.
      if (toPointer(inout[0]) === 0n) handles.release(context, 'context', 'deleteSecContext');
      status.check('deleteSecContext', major, minor[0] ?? 0);
      return token;
    },
  };

  /** A name the library returned in a one-element output, or null when not asked or none. */
  function nameResult(out: unknown[] | null): Name | null {
    const pointer = out === null ? 0n : toPointer(out[0]);
    return pointer === 0n ? null : handles.create('name', pointer);
  }
}

/**
 * Whether an establishment step failed: any status but GSS_S_COMPLETE and
 * GSS_S_CONTINUE_NEEDED, as the reference decides (a supplementary bit alone is raised too).
 */
function failedStep(major: number): boolean {
  return major !== 0 && major !== GSS_S_CONTINUE_NEEDED;
}

/** The mechanism of a context the library would not name: never expected from MIT. */
function missingMech(operation: string): never {
  throw new Error(`${operation}: expected the library to name the mechanism, got none`);
}
