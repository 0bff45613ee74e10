/**
 * Credential calls over MIT: `gss_acquire_cred` and its kin (RFC 2744 §5.2, §5.3, §5.21,
 * §5.22, §5.27).
 *
 * @module
 */

import type { CredsApi } from '../../../spec/api/creds.js';
import type { Name } from '../../../spec/handles.js';
import {
  lifetimeArgument,
  oidArgument,
  optionalOidListArgument,
  usageArgument,
} from '../arguments.js';
import { inOid, inOidSet } from '../memory.js';
import { CORE_PROTOTYPES as C } from '../prototypes.js';
import { lifetimeResult, toPointer, usageResult } from '../results.js';
import type { NativeRuntime } from '../runtime.js';

/** The credential calls of the native backend. */
export function credCalls(runtime: NativeRuntime): CredsApi {
  const { library, memory, status, handles } = runtime;
  const acquireCred = library.bind(C.gss_acquire_cred);
  const releaseCred = library.bind(C.gss_release_cred);
  const addCred = library.bind(C.gss_add_cred);
  const inquireCred = library.bind(C.gss_inquire_cred);
  const inquireCredByMech = library.bind(C.gss_inquire_cred_by_mech);

  /** A name the library returned as a new handle, or null for GSS_C_NO_NAME. */
  const nameResult = (pointer: unknown): Name | null => {
    const address = toPointer(pointer);
    return address === 0n ? null : handles.create('name', address);
  };

  return {
    acquireCred(options = {}) {
      const name = handles.optionalPointer(options.name, 'name', 'acquireCred');
      const lifetime = lifetimeArgument(options.lifetime, 'acquireCred');
      const mechs = inOidSet(optionalOidListArgument(options.mechs, 'mechs', 'acquireCred'));
      const usage = usageArgument(options.usage, 'both', 'acquireCred');
      const minor = [0];
      const creds: unknown[] = [null];
      const actualMechs: unknown[] = [null];
      const timeRec = [0];

      const major = acquireCred(minor, name, lifetime, mechs, usage, creds, actualMechs, timeRec);
      status.check('acquireCred', major, minor[0] ?? 0);
      return {
        creds: handles.create('creds', toPointer(creds[0])),
        mechs: memory.takeOidSet(actualMechs[0]) ?? [],
        lifetime: lifetimeResult(timeRec[0] ?? 0),
      };
    },

    releaseCred(creds) {
      const pointer = handles.release(creds, 'creds', 'releaseCred');
      const minor = [0];

      const major = releaseCred(minor, [pointer]);
      status.check('releaseCred', major, minor[0] ?? 0);
    },

    addCred(inputCred, name, mech, options = {}) {
      const input = handles.optionalPointer(inputCred, 'creds', 'addCred');
      const namePointer = handles.pointer(name, 'name', 'addCred');
      const mechOid = oidArgument(mech, 'mech', 'addCred');
      const usage = usageArgument(options.usage, 'initiate', 'addCred');
      const initTime = lifetimeArgument(options.initLifetime, 'addCred');
      const acceptTime = lifetimeArgument(options.acceptLifetime, 'addCred');
      const mutateInput = options.mutateInput === true;
      const minor = [0];
      const output: unknown[] | null = mutateInput ? null : [null];
      const actualMechs: unknown[] = [null];
      const initRec = [0];
      const acceptRec = [0];

      const major = addCred(
        minor,
        input,
        namePointer,
        inOid(mechOid),
        usage,
        initTime,
        acceptTime,
        output,
        actualMechs,
        initRec,
        acceptRec,
      );
      status.check('addCred', major, minor[0] ?? 0, { mech: mechOid });
      return {
        creds: output === null ? null : handles.create('creds', toPointer(output[0])),
        mechs: memory.takeOidSet(actualMechs[0]) ?? [],
        initLifetime: lifetimeResult(initRec[0] ?? 0),
        acceptLifetime: lifetimeResult(acceptRec[0] ?? 0),
      };
    },

    inquireCred(creds, options = {}) {
      const pointer = handles.pointer(creds, 'creds', 'inquireCred');
      const wantName = options.name !== false;
      const wantLifetime = options.lifetime !== false;
      const wantUsage = options.usage !== false;
      const wantMechs = options.mechs !== false;
      const minor = [0];
      const name: unknown[] | null = wantName ? [null] : null;
      const lifetime = wantLifetime ? [0] : null;
      const usage = wantUsage ? [0] : null;
      const mechs: unknown[] | null = wantMechs ? [null] : null;

      const major = inquireCred(minor, pointer, name, lifetime, usage, mechs);
      status.check('inquireCred', major, minor[0] ?? 0);
      return {
        name: name === null ? null : nameResult(name[0]),
        lifetime: lifetime === null ? null : lifetimeResult(lifetime[0] ?? 0),
        usage: usage === null ? null : usageResult(usage[0] ?? -1),
        mechs: mechs === null ? null : (memory.takeOidSet(mechs[0]) ?? []),
      };
    },

    inquireCredByMech(creds, mech, options = {}) {
      const operation = 'inquireCredByMech';
      const pointer = handles.pointer(creds, 'creds', operation);
      const mechOid = oidArgument(mech, 'mech', operation);
      const wantName = options.name !== false;
      const wantInit = options.initLifetime !== false;
      const wantAccept = options.acceptLifetime !== false;
      const wantUsage = options.usage !== false;
      const minor = [0];
      const name: unknown[] | null = wantName ? [null] : null;
      const initLifetime = wantInit ? [0] : null;
      const acceptLifetime = wantAccept ? [0] : null;
      const usage = wantUsage ? [0] : null;

      const major = inquireCredByMech(
        minor,
        pointer,
        inOid(mechOid),
        name,
        initLifetime,
        acceptLifetime,
        usage,
      );
      status.check(operation, major, minor[0] ?? 0, { mech: mechOid });
      return {
        name: name === null ? null : nameResult(name[0]),
        initLifetime: initLifetime === null ? null : lifetimeResult(initLifetime[0] ?? 0),
        acceptLifetime: acceptLifetime === null ? null : lifetimeResult(acceptLifetime[0] ?? 0),
        usage: usage === null ? null : usageResult(usage[0] ?? -1),
      };
    },
  };
}
