/**
 * The `rfc6680` extension of the sim (RFC 6680 naming extensions), as MIT krb5 1.20 answers for
 * krb5 names: the mechglue's checks (`g_dsp_name_ext.c`, `g_inq_name.c`, `g_set_name_attr.c`,
 * `g_get_name_attr.c`, `g_del_name_attr.c`, `g_export_name_comp.c`) over the krb5 mechanism's
 * calls (`naming_exts.c`) and its authorization-data modules (`name-authdata.ts`).
 *
 * A name that is not a mechanism name has no attributes: the attribute calls and composite
 * export are GSS_S_UNAVAILABLE with minor 0. The first attribute call on a krb5 name (even one
 * that fails, or `inquireName` asking for nothing) gives it an empty authorization-data
 * context, as MIT does, and from then on `exportNameComposite` writes that context.
 *
 * @module
 */

import type { Rfc6680Api } from '../../spec/api/ext-names.js';
import { booleanArgument, oidArgument, textBytes } from '../../spec/arguments.js';
import { gssError } from '../../spec/errors.js';
import type { Name } from '../../spec/handles.js';
import type { TextInput } from '../../spec/options.js';
import { GSS_S_FAILURE, GSS_S_UNAVAILABLE } from '../../spec/status.js';
import { code } from '../errors/index.js';
import {
  type AuthdataResult,
  authdataAttributes,
  deleteAuthdataAttribute,
  EMPTY_AUTHDATA,
  externalizeAuthdata,
  getAuthdataAttribute,
  type NameAuthdata,
  setAuthdataAttribute,
  withNameAuthdata,
} from './name-authdata.js';
import { exportKrb5Name } from './name-export.js';
import { unparseMitPrincipal } from './name-principal.js';
import { mechFailure, nameError } from './name-status.js';
import { displayNameValue, type SimMechName } from './name-value.js';
import { NAMES, nameValue } from './names.js';
import type { SimParty } from './party.js';

/** The `rfc6680` extension of one party (its minor map numbers the mechanism's errnos). */
export function rfc6680Calls(party: SimParty): Rfc6680Api {
  /** `kg_map_name_error`, then the mechglue's `map_error`. */
  function orThrow<T>(result: AuthdataResult<T>, operation: string): T {
    if (result.ok) return result.value;
    const unavailable = result.code === code('ENOENT') || result.code === code('EPERM');
    const major = unavailable ? GSS_S_UNAVAILABLE : GSS_S_FAILURE;
    throw nameError(mechFailure(major, result.code), operation, party.minors);
  }

  return {
    displayNameExt(name, nameType) {
      const operation = 'displayNameExt';
      NAMES.get(name, operation);
      const type = oidArgument(nameType, 'nameType', operation);
      const value = nameValue(name, operation);

      // The krb5 mechanism has no gss_display_name_ext: the mechglue shows a name only in the
      // syntax it was imported with (for a mechanism name, through gss_display_name).
      if (value.nameType === null || !value.nameType.equals(type)) throw glueUnavailable(operation);
      return displayNameValue(value).name;
    },

    inquireName(name, options = {}) {
      const operation = 'inquireName';
      NAMES.get(name, operation);
      const askMech = booleanArgument(options.mechName, 'mechName', operation, true);
      const askAttrs = booleanArgument(options.attrs, 'attrs', operation, true);
      const value = nameValue(name, operation);

      if (value.mechName === null) return { attrs: [], isMechName: false, mech: null };
      const { mechName, authdata } = withContext(name, value.mechName);
      return {
        attrs: askAttrs ? authdataAttributes(authdata) : [],
        isMechName: askMech,
        mech: askMech ? mechName.mech : null,
      };
    },

    setNameAttribute(name, attr, value, options = {}) {
      const operation = 'setNameAttribute';
      NAMES.get(name, operation);
      const attrBytes = textBytes(attr, 'an attribute name', operation);
      const values = attributeValues(value, operation);
      // Neither of MIT's modules takes `complete` into account; it is only checked.
      booleanArgument(options.complete, 'complete', operation, false);

      // One C call a value: a later value fails on what an earlier one added.
      for (const bytes of values) {
        const { authdata } = withContext(name, mechNameOf(name, operation));
        const next = orThrow(setAuthdataAttribute(authdata, attrBytes, bytes), operation);
        replaceAuthdata(name, next);
      }
    },

    getNameAttribute(name, attr) {
      const operation = 'getNameAttribute';
      NAMES.get(name, operation);
      const attrBytes = textBytes(attr, 'an attribute name', operation);

      const { authdata } = withContext(name, mechNameOf(name, operation));
      return orThrow(getAuthdataAttribute(authdata, attrBytes), operation);
    },

    deleteNameAttribute(name, attr) {
      const operation = 'deleteNameAttribute';
      NAMES.get(name, operation);
      textBytes(attr, 'an attribute name', operation);

      withContext(name, mechNameOf(name, operation));
      orThrow(deleteAuthdataAttribute(), operation);
    },

    exportNameComposite(name) {
      const operation = 'exportNameComposite';
      const value = nameValue(name, operation);
      if (value.mechName === null) throw glueUnavailable(operation);

      const { authdata } = value.mechName.name;
      const attributes = authdata === undefined ? new Uint8Array(0) : externalizeAuthdata(authdata);
      return compositeToken(unparseMitPrincipal(value.mechName.name.principal), attributes);
    },
  };
}

/**
 * `krb5_gss_export_name_composite`: the `04 01` token of RFC 2743 §3.2 with the id `04 02`,
 * then a 4-octet length and the attributes (RFC 6680 §7.8).
 */
function compositeToken(text: string, attributes: Uint8Array): Uint8Array {
  const plain = exportKrb5Name(text);
  const token = new Uint8Array(plain.length + 4 + attributes.length);

  token.set(plain, 0);
  token[1] = 0x02;
  new DataView(token.buffer).setUint32(plain.length, attributes.length);
  token.set(attributes, plain.length + 4);
  return token;
}

/**
 * The mechanism name behind a live handle.
 * @throws {GssError} UNAVAILABLE (minor 0) for a name that is not a mechanism name, as the
 *   mechglue answers; CALL_INACCESSIBLE_READ | BAD_NAME for the empty name.
 */
function mechNameOf(name: Name, operation: string): SimMechName {
  const { mechName } = nameValue(name, operation);
  if (mechName === null) throw glueUnavailable(operation);
  return mechName;
}

/**
 * The handle's mechanism name and its authorization-data context, which is made (empty) and
 * kept in the handle when it has none yet (`krb5_authdata_context_init` in every RFC 6680 call
 * of `naming_exts.c`).
 */
function withContext(
  name: Name,
  mechName: SimMechName,
): { mechName: SimMechName; authdata: NameAuthdata } {
  const existing = mechName.name.authdata;
  if (existing !== undefined) return { mechName, authdata: existing };

  replaceAuthdata(name, EMPTY_AUTHDATA);
  return { mechName, authdata: EMPTY_AUTHDATA };
}

/** Keeps `authdata` as the context of the handle's name (MIT changes the name in place). */
function replaceAuthdata(name: Name, authdata: NameAuthdata): void {
  const { value } = NAMES.get(name, 'rfc6680');
  if (value === null) return;
  NAMES.set(name, { value: withNameAuthdata(value, authdata) });
}

/** GSS_S_UNAVAILABLE with minor 0: the mechglue's answer. */
function glueUnavailable(operation: string) {
  return gssError(GSS_S_UNAVAILABLE, 0, { operation });
}

/**
 * The values of `setNameAttribute`, all checked before any is set.
 * @throws {TypeError} for one value instead of an iterable, or a value that is not bytes or
 *   text.
 */
function attributeValues(values: unknown, operation: string): Uint8Array[] {
  if (typeof values === 'string' || values instanceof Uint8Array) {
    throw new TypeError(`${operation}: expected the values as an iterable of values, got one`);
  }
  if (typeof values !== 'object' || values === null || !(Symbol.iterator in values)) {
    throw new TypeError(`${operation}: expected the values as an iterable, got ${typeof values}`);
  }
  // The `in` check above proves the iterator method exists; each element is checked below.
  return [...(values as Iterable<TextInput>)].map((value) =>
    textBytes(value, 'an attribute value', operation),
  );
}
