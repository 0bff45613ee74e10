/**
 * Naming extensions over MIT (RFC 6680): name attributes, extended display and composite
 * export, and the GSS_C_NT_COMPOSITE_EXPORT name type.
 *
 * @module
 */

import type { Rfc6680Api, Rfc6680CompOidApi } from '../../../spec/api/ext-names.js';
import type { TextInput } from '../../../spec/options.js';
import { booleanArgument, oidArgument, textBytes } from '../arguments.js';
import { cPrototype } from '../library.js';
import { inBuffer, inOid, outBuffer } from '../memory.js';
import type { AnyExtensionModule, ExtensionModule } from './module.js';

/** The C prototypes of RFC 6680 (MIT `gssapi_ext.h`) and the release of an OID copy. */
const PROTOTYPES = {
  gss_display_name_ext: cPrototype(
    'gss_display_name_ext',
    '_Out_ uint32_t *minor',
    'void *name',
    'gss_OID_desc *type',
    '_Out_ gss_buffer_desc *out',
  ),
  gss_inquire_name: cPrototype(
    'gss_inquire_name',
    '_Out_ uint32_t *minor',
    'void *name',
    '_Out_ int *is_mn',
    '_Out_ void **mech',
    '_Out_ void **attrs',
  ),
  gss_set_name_attribute: cPrototype(
    'gss_set_name_attribute',
    '_Out_ uint32_t *minor',
    'void *name',
    'int complete',
    'gss_buffer_desc *attr',
    'gss_buffer_desc *value',
  ),
  gss_get_name_attribute: cPrototype(
    'gss_get_name_attribute',
    '_Out_ uint32_t *minor',
    'void *name',
    'gss_buffer_desc *attr',
    '_Out_ int *authenticated',
    '_Out_ int *complete',
    '_Out_ gss_buffer_desc *value',
    '_Out_ gss_buffer_desc *display_value',
    '_Inout_ int *more',
  ),
  gss_delete_name_attribute: cPrototype(
    'gss_delete_name_attribute',
    '_Out_ uint32_t *minor',
    'void *name',
    'gss_buffer_desc *attr',
  ),
  gss_export_name_composite: cPrototype(
    'gss_export_name_composite',
    '_Out_ uint32_t *minor',
    'void *name',
    '_Out_ gss_buffer_desc *out',
  ),
  gss_release_oid: cPrototype('gss_release_oid', '_Out_ uint32_t *minor', '_Inout_ void **oid'),
} as const;

/** The values of `setNameAttribute`, all checked before any C call. */
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

/** `rfc6680`: name attributes. */
const rfc6680: ExtensionModule<'rfc6680'> = {
  extension: 'rfc6680',
  symbols: [
    'gss_display_name_ext',
    'gss_inquire_name',
    'gss_set_name_attribute',
    'gss_get_name_attribute',
    'gss_delete_name_attribute',
    'gss_export_name_composite',
  ],
  create({ library, memory, status, handles }): Rfc6680Api {
    const displayNameExt = library.bind(PROTOTYPES.gss_display_name_ext);
    const inquireName = library.bind(PROTOTYPES.gss_inquire_name);
    const setNameAttribute = library.bind(PROTOTYPES.gss_set_name_attribute);
    const getNameAttribute = library.bind(PROTOTYPES.gss_get_name_attribute);
    const deleteNameAttribute = library.bind(PROTOTYPES.gss_delete_name_attribute);
    const exportNameComposite = library.bind(PROTOTYPES.gss_export_name_composite);
    const releaseOid = library.bind(PROTOTYPES.gss_release_oid);

    return {
      displayNameExt(name, nameType) {
        const pointer = handles.pointer(name, 'name', 'displayNameExt');
        const type = oidArgument(nameType, 'nameType', 'displayNameExt');
        const minor = [0];
        const out = outBuffer();

        const major = displayNameExt(minor, pointer, inOid(type), out);
        const text = memory.takeBuffer(out);
        status.check('displayNameExt', major, minor[0] ?? 0);
        return text;
      },

      inquireName(name, options = {}) {
        const pointer = handles.pointer(name, 'name', 'inquireName');
        const askMech = booleanArgument(options.mechName, 'mechName', 'inquireName', true);
        const askAttrs = booleanArgument(options.attrs, 'attrs', 'inquireName', true);
        const minor = [0];
        const isMechName = askMech ? [0] : null;
        const mech: unknown[] | null = askMech ? [null] : null;
        const attrs: unknown[] | null = askAttrs ? [null] : null;

        const major = inquireName(minor, pointer, isMechName, mech, attrs);
        // gss_inquire_name returns a copy of the name's mechanism OID, released here.
        const mechOid = mech === null ? null : memory.readOid(mech[0]);
        if (mech !== null && mechOid !== null) releaseOid([0], mech);
        const attrNames = attrs === null ? [] : memory.takeBufferSet(attrs[0]);
        status.check('inquireName', major, minor[0] ?? 0);
        return {
          attrs: attrNames,
          isMechName: isMechName !== null && isMechName[0] !== 0,
          mech: mechOid,
        };
      },

      setNameAttribute(name, attr, value, options = {}) {
        const operation = 'setNameAttribute';
        const pointer = handles.pointer(name, 'name', operation);
        const attrBuffer = inBuffer(textBytes(attr, 'an attribute name', operation));
        const values = attributeValues(value, operation);
        const complete = booleanArgument(options.complete, 'complete', operation, false);

        for (const bytes of values) {
          const minor = [0];
          const major = setNameAttribute(
            minor,
            pointer,
            complete ? 1 : 0,
            attrBuffer,
            inBuffer(bytes),
          );
          status.check(operation, major, minor[0] ?? 0);
        }
      },

      getNameAttribute(name, attr) {
        const operation = 'getNameAttribute';
        const pointer = handles.pointer(name, 'name', operation);
        const attrBuffer = inBuffer(textBytes(attr, 'an attribute name', operation));
        const values: Uint8Array[] = [];
        const displayValues: Uint8Array[] = [];
        const authenticated = [0];
        const complete = [0];
        const more = [-1];

        // RFC 6680 §7.5 (C bindings): `more` starts at -1 and the call gives one value at a
        // time until it is 0.
        while (more[0] !== 0) {
          const minor = [0];
          const value = outBuffer();
          const display = outBuffer();
          const major = getNameAttribute(
            minor,
            pointer,
            attrBuffer,
            authenticated,
            complete,
            value,
            display,
            more,
          );
          const raw = memory.takeBuffer(value);
          const shown = memory.takeBuffer(display);
          status.check(operation, major, minor[0] ?? 0);
          values.push(raw);
          displayValues.push(shown);
        }
        return {
          values,
          displayValues,
          authenticated: authenticated[0] !== 0,
          complete: complete[0] !== 0,
        };
      },

      deleteNameAttribute(name, attr) {
        const operation = 'deleteNameAttribute';
        const pointer = handles.pointer(name, 'name', operation);
        const attrBuffer = inBuffer(textBytes(attr, 'an attribute name', operation));
        const minor = [0];

        const major = deleteNameAttribute(minor, pointer, attrBuffer);
        status.check(operation, major, minor[0] ?? 0);
      },

      exportNameComposite(name) {
        const pointer = handles.pointer(name, 'name', 'exportNameComposite');
        const minor = [0];
        const token = outBuffer();

        const major = exportNameComposite(minor, pointer, token);
        const bytes = memory.takeBuffer(token);
        status.check('exportNameComposite', major, minor[0] ?? 0);
        return bytes;
      },
    };
  },
};

/**
 * `rfc6680CompOid`: no function, only the name type GSS_C_NT_COMPOSITE_EXPORT, which
 * `importName` then accepts (`NameType.compositeExport`).
 */
const rfc6680CompOid: ExtensionModule<'rfc6680CompOid'> = {
  extension: 'rfc6680CompOid',
  symbols: ['GSS_C_NT_COMPOSITE_EXPORT'],
  create(): Rfc6680CompOidApi {
    return {};
  },
};

/** The naming extensions of the native backend. */
export const MODULES: readonly AnyExtensionModule[] = [rfc6680, rfc6680CompOid];
