/**
 * Mechanism extensions over MIT: SPNEGO negotiation sets (RFC 4178), mechanism attributes
 * (RFC 5587) and SASL names (RFC 5801).
 *
 * @module
 */

import type { Rfc4178Api, Rfc5587Api, Rfc5801Api } from '../../../spec/api/ext-mechs.js';
import type { DisplayAttrResult, InquireSASLNameResult } from '../../../spec/results.js';
import { oidArgument, oidListArgument, optionalOidListArgument, textBytes } from '../arguments.js';
import { cPrototype } from '../library.js';
import { inBuffer, inOid, inOidSet, outBuffer } from '../memory.js';
import type { AnyExtensionModule, ExtensionModule } from './module.js';

/** The C prototypes of this file's extensions (MIT `gssapi_ext.h`, RFC 5587, RFC 5801). */
const PROTOTYPES = {
  gss_set_neg_mechs: cPrototype(
    'gss_set_neg_mechs',
    '_Out_ uint32_t *minor',
    'void *cred',
    'gss_OID_set_desc *mechs',
  ),
  gss_indicate_mechs_by_attrs: cPrototype(
    'gss_indicate_mechs_by_attrs',
    '_Out_ uint32_t *minor',
    'gss_OID_set_desc *desired',
    'gss_OID_set_desc *except',
    'gss_OID_set_desc *critical',
    '_Out_ void **mechs',
  ),
  gss_inquire_attrs_for_mech: cPrototype(
    'gss_inquire_attrs_for_mech',
    '_Out_ uint32_t *minor',
    'gss_OID_desc *mech',
    '_Out_ void **mech_attrs',
    '_Out_ void **known_mech_attrs',
  ),
  gss_display_mech_attr: cPrototype(
    'gss_display_mech_attr',
    '_Out_ uint32_t *minor',
    'gss_OID_desc *attr',
    '_Out_ gss_buffer_desc *name',
    '_Out_ gss_buffer_desc *short_desc',
    '_Out_ gss_buffer_desc *long_desc',
  ),
  gss_inquire_saslname_for_mech: cPrototype(
    'gss_inquire_saslname_for_mech',
    '_Out_ uint32_t *minor',
    'gss_OID_desc *mech',
    '_Out_ gss_buffer_desc *sasl_mech_name',
    '_Out_ gss_buffer_desc *mech_name',
    '_Out_ gss_buffer_desc *mech_description',
  ),
  gss_inquire_mech_for_saslname: cPrototype(
    'gss_inquire_mech_for_saslname',
    '_Out_ uint32_t *minor',
    'gss_buffer_desc *sasl_mech_name',
    '_Out_ void **mech',
  ),
} as const;

/** An optional OID set: `null` or absent is GSS_C_NO_OID_SET. */
function optionalOidSet(values: unknown, what: string, operation: string) {
  return inOidSet(optionalOidListArgument(values, what, operation));
}

/** `rfc4178`: gss_set_neg_mechs. */
const rfc4178: ExtensionModule<'rfc4178'> = {
  extension: 'rfc4178',
  symbols: ['gss_set_neg_mechs'],
  create({ library, status, handles }): Rfc4178Api {
    const setNegMechs = library.bind(PROTOTYPES.gss_set_neg_mechs);

    return {
      setNegMechs(creds, mechSet) {
        const pointer = handles.pointer(creds, 'creds', 'setNegMechs');
        const mechs = inOidSet(oidListArgument(mechSet, 'mechSet', 'setNegMechs'));
        const minor = [0];

        const major = setNegMechs(minor, pointer, mechs);
        status.check('setNegMechs', major, minor[0] ?? 0);
      },
    };
  },
};

/** `rfc5587`: mechanism attributes. */
const rfc5587: ExtensionModule<'rfc5587'> = {
  extension: 'rfc5587',
  symbols: ['gss_indicate_mechs_by_attrs', 'gss_inquire_attrs_for_mech', 'gss_display_mech_attr'],
  create({ library, memory, status }): Rfc5587Api {
    const indicateMechsByAttrs = library.bind(PROTOTYPES.gss_indicate_mechs_by_attrs);
    const inquireAttrsForMech = library.bind(PROTOTYPES.gss_inquire_attrs_for_mech);
    const displayMechAttr = library.bind(PROTOTYPES.gss_display_mech_attr);

    return {
      indicateMechsByAttrs(options = {}) {
        const operation = 'indicateMechsByAttrs';
        const desired = optionalOidSet(options.desiredMechAttrs, 'desiredMechAttrs', operation);
        const except = optionalOidSet(options.exceptMechAttrs, 'exceptMechAttrs', operation);
        const critical = optionalOidSet(options.criticalMechAttrs, 'criticalMechAttrs', operation);
        const minor = [0];
        const mechs: unknown[] = [null];

        const major = indicateMechsByAttrs(minor, desired, except, critical, mechs);
        const result = memory.takeOidSet(mechs[0]) ?? [];
        status.check(operation, major, minor[0] ?? 0);
        return result;
      },

      inquireAttrsForMech(mech) {
        oidArgument(mech, 'mech', 'inquireAttrsForMech');
        const minor = [0];
        const attrs: unknown[] = [null];
        const known: unknown[] = [null];

        const major = inquireAttrsForMech(minor, inOid(mech), attrs, known);
        const mechAttrs = memory.takeOidSet(attrs[0]) ?? [];
        const knownMechAttrs = memory.takeOidSet(known[0]) ?? [];
        status.check('inquireAttrsForMech', major, minor[0] ?? 0, { mech });
        return { mechAttrs, knownMechAttrs };
      },

      displayMechAttr(attr) {
        oidArgument(attr, 'attr', 'displayMechAttr');
        const minor = [0];
        const name = outBuffer();
        const shortDesc = outBuffer();
        const longDesc = outBuffer();

        const major = displayMechAttr(minor, inOid(attr), name, shortDesc, longDesc);
        const result: DisplayAttrResult = {
          name: memory.takeBuffer(name),
          shortDesc: memory.takeBuffer(shortDesc),
          longDesc: memory.takeBuffer(longDesc),
        };
        status.check('displayMechAttr', major, minor[0] ?? 0);
        return result;
      },
    };
  },
};

/** `rfc5801`: SASL names of mechanisms. */
const rfc5801: ExtensionModule<'rfc5801'> = {
  extension: 'rfc5801',
  symbols: ['gss_inquire_saslname_for_mech', 'gss_inquire_mech_for_saslname'],
  create({ library, memory, status }): Rfc5801Api {
    const inquireSaslnameForMech = library.bind(PROTOTYPES.gss_inquire_saslname_for_mech);
    const inquireMechForSaslname = library.bind(PROTOTYPES.gss_inquire_mech_for_saslname);

    return {
      inquireSaslnameForMech(mech) {
        oidArgument(mech, 'mech', 'inquireSaslnameForMech');
        const minor = [0];
        const saslName = outBuffer();
        const mechName = outBuffer();
        const description = outBuffer();

        const major = inquireSaslnameForMech(minor, inOid(mech), saslName, mechName, description);
        const result: InquireSASLNameResult = {
          saslMechName: memory.takeBuffer(saslName),
          mechName: memory.takeBuffer(mechName),
          mechDescription: memory.takeBuffer(description),
        };
        status.check('inquireSaslnameForMech', major, minor[0] ?? 0, { mech });
        return result;
      },

      inquireMechForSaslname(saslName) {
        const bytes = textBytes(saslName, 'a SASL name', 'inquireMechForSaslname');
        const minor = [0];
        const mech: unknown[] = [null];

        const major = inquireMechForSaslname(minor, inBuffer(bytes), mech);
        status.check('inquireMechForSaslname', major, minor[0] ?? 0);
        // MIT returns the OID of its mechanism table (static), so nothing is released.
        const oid = memory.readOid(mech[0]);
        if (oid === null) {
          throw status.error('inquireMechForSaslname', BAD_MECH, 0);
        }
        return oid;
      },
    };
  },
};

/** GSS_S_BAD_MECH, for a success without a mechanism (which MIT never gives). */
const BAD_MECH = 0x00010000;

/** The mechanism extensions of the native backend. */
export const MODULES: readonly AnyExtensionModule[] = [rfc4178, rfc5587, rfc5801];
