/**
 * The life of a name handle under MIT krb5 1.20: an imported internal name, a mechanism name
 * (MN, RFC 2743 §1.1.5) for the krb5 mechanism, and its RFC 6680 attributes.
 *
 * Calls that derive a new name (`canonicalizeName`, `duplicateName`) move the machine to the
 * output name; the input name is unchanged by them (RFC 2743 §2.4.14, §2.4.13).
 *
 * MIT's krb5 mechanism keeps name attributes in authorization-data modules
 * (`src/lib/krb5/krb/authdata.c`); the built-in ones are `mspac` (a verified MS-PAC, attributes
 * named `urn:mspac:...`) and `authentication-indicators` (`auth-indicators`). Neither module
 * implements deletion, and indicators cannot be set, so on MIT:
 *
 * - set works only for a PAC buffer that a name's PAC does not hold yet (one it holds gives
 *   EEXIST), and for no attribute of a name without a PAC;
 * - get works for the attributes a name carries;
 * - delete never works (ENOENT).
 *
 * @module
 */

import { assign, setup } from 'xstate';
import {
  GSS_S_BAD_NAME,
  GSS_S_CALL_INACCESSIBLE_READ,
  GSS_S_COMPLETE,
  GSS_S_FAILURE,
  GSS_S_NAME_NOT_MN,
  GSS_S_UNAVAILABLE,
} from '../status.js';
import { type Prediction, predict } from './prediction.js';

/** The authorization data a krb5 mechanism name carries, which gives it attributes. */
export interface NameAuthdata {
  /** A verified MS-PAC (`mspac` module). */
  readonly pac?: boolean;
  /** Authentication indicators from the ticket (`authentication-indicators` module). */
  readonly indicators?: boolean;
}

/**
 * An attribute named in an RFC 6680 call, by the module that owns it: `authIndicators` is
 * `auth-indicators`, `mspac` is a `urn:mspac:` attribute naming a buffer the PAC holds (such as
 * `urn:mspac:client-info`), `other` is a name no built-in module knows.
 */
export type NameAttributeKind = 'authIndicators' | 'mspac' | 'other';

/**
 * `importName`: `printable` is any printable form (host-based service, user name, krb5
 * principal), `export` is GSS_C_NT_EXPORT_NAME (`04 01`), `compositeExport` is
 * GSS_C_NT_COMPOSITE_EXPORT (`04 02`, RFC 6680 §7.1), which carries authorization data.
 */
export interface ImportNameEvent {
  readonly type: 'importName';
  readonly nameType: 'printable' | 'export' | 'compositeExport';
  /** For `compositeExport`: the authorization data the token carries. */
  readonly authdata?: NameAuthdata;
}

/** The initiator name that `acceptSecContext` returned into this handle. */
export interface AcceptedNameEvent {
  readonly type: 'acceptSecContext';
  /** The authorization data of the initiator's ticket and authenticator. */
  readonly authdata?: NameAuthdata;
}

/** `setNameAttribute`, `getNameAttribute` or `deleteNameAttribute`. */
export interface NameAttributeEvent {
  readonly type: 'setNameAttribute' | 'getNameAttribute' | 'deleteNameAttribute';
  readonly attribute: NameAttributeKind;
}

/** Calls on a name that take nothing else the machine cares about. */
export const NAME_CALLS = [
  'displayName',
  'canonicalizeName',
  'duplicateName',
  'exportName',
  'exportNameComposite',
  'inquireName',
  'releaseName',
] as const;

/** A call of {@link NAME_CALLS}. */
export interface NameCallEvent {
  readonly type: (typeof NAME_CALLS)[number];
}

/** Every event of {@link nameMachine}. */
export type NameEvent = ImportNameEvent | AcceptedNameEvent | NameAttributeEvent | NameCallEvent;

/** The context of {@link nameMachine}. */
export interface NameMachineContext {
  /** The name carries a verified PAC. */
  readonly pac: boolean;
  /** The name carries authentication indicators. */
  readonly indicators: boolean;
  /** What the last call returned, or null before the first. */
  readonly result: Prediction | null;
}

const COMPLETE = predict(GSS_S_COMPLETE);
/** The mechglue's answer for GSS_C_NO_NAME in most name calls (`g_*_name*.c`). */
const NO_NAME = predict(GSS_S_CALL_INACCESSIBLE_READ | GSS_S_BAD_NAME);
/** The mechglue's answer for RFC 6680 calls on a name that is not an MN. */
const NOT_MN_ATTRIBUTES = predict(GSS_S_UNAVAILABLE);

const report = (prediction: Prediction) => ({ type: 'report', params: { prediction } }) as const;

function attributeOf(event: NameEvent): NameAttributeKind | null {
  return 'attribute' in event ? event.attribute : null;
}

/** Calls on GSS_C_NO_NAME: what the mechglue's argument checks return. */
function noNameTransitions() {
  return {
    importName: [
      {
        guard: 'importsPrintable',
        target: 'internalName',
        description: 'g_imp_name.c: a printable name is only recorded; it is not an MN.',
        actions: ['carry', report(COMPLETE)],
      },
      {
        target: 'mechanismName',
        description:
          'g_imp_name.c importExportName: an exported (or composite exported) name is an MN ' +
          'at once; a composite token brings its authorization data.',
        actions: ['carry', report(COMPLETE)],
      },
    ],
    acceptSecContext: {
      target: 'mechanismName',
      description:
        'accept_sec_context.c: the initiator name is an MN whose authdata context holds the ' +
        "ticket's authorization data.",
      actions: ['carry', report(COMPLETE)],
    },
    displayName: { description: 'g_dsp_name.c', actions: report(NO_NAME) },
    canonicalizeName: {
      description: 'g_canon_name.c val_canon_name_args: READ without BAD_NAME.',
      actions: report(predict(GSS_S_CALL_INACCESSIBLE_READ)),
    },
    duplicateName: { description: 'g_dup_name.c val_dup_name_args', actions: report(NO_NAME) },
    exportName: { description: 'g_export_name.c', actions: report(NO_NAME) },
    exportNameComposite: { description: 'g_export_name_comp.c', actions: report(NO_NAME) },
    inquireName: { description: 'g_inq_name.c', actions: report(NO_NAME) },
    setNameAttribute: { description: 'g_set_name_attr.c', actions: report(NO_NAME) },
    getNameAttribute: { description: 'g_get_name_attr.c', actions: report(NO_NAME) },
    deleteNameAttribute: { description: 'g_del_name_attr.c', actions: report(NO_NAME) },
    releaseName: {
      description: 'g_rel_name.c: releasing GSS_C_NO_NAME is a no-op that succeeds.',
      actions: report(COMPLETE),
    },
  } as const;
}

/**
 * A name handle under MIT krb5 1.20 with the krb5 mechanism. Start with no input; send the
 * calls made on the handle; read `context.result` for what each returned.
 */
export const nameMachine = setup({
  // Type-only declarations (xstate's idiom): the `{} as T` values are never read.
  types: {
    context: {} as NameMachineContext,
    events: {} as NameEvent,
  },
  guards: {
    importsPrintable: ({ event }) => event.type === 'importName' && event.nameType === 'printable',
    /** The attribute named is of the given kind. */
    attributeIs: ({ event }, params: { kind: NameAttributeKind }) =>
      attributeOf(event) === params.kind,
    /** A PAC attribute of a name with a verified PAC. */
    pacAttributeOfPac: ({ context, event }) => attributeOf(event) === 'mspac' && context.pac,
    /** The indicators of a name that carries some. */
    indicatorsPresent: ({ context, event }) =>
      attributeOf(event) === 'authIndicators' && context.indicators,
  },
  actions: {
    report: assign((_, params: { prediction: Prediction }) => ({ result: params.prediction })),
    /** Takes the authorization data the event brings (none for a plain import). */
    carry: assign(({ event }) => {
      const authdata = 'authdata' in event ? event.authdata : undefined;
      const keeps = event.type !== 'importName' || event.nameType === 'compositeExport';
      return {
        pac: keeps && authdata?.pac === true,
        indicators: keeps && authdata?.indicators === true,
      };
    }),
  },
}).createMachine({
  id: 'name',
  description: 'A name handle under MIT krb5 1.20 (RFC 2743 §1.1.5, RFC 6680).',
  context: { pac: false, indicators: false, result: null },
  initial: 'noName',
  states: {
    noName: {
      description: 'GSS_C_NO_NAME: nothing was imported into the handle yet.',
      on: noNameTransitions(),
    },
    internalName: {
      description:
        'A union name with no mechanism (mech_type NULL): the external form and name type ' +
        'only, imported for a mechanism when used (g_imp_name.c).',
      on: {
        displayName: { description: 'The recorded external form.', actions: report(COMPLETE) },
        canonicalizeName: {
          target: 'mechanismName',
          description: 'g_canon_name.c: imports the name for krb5; the output is an MN.',
          actions: report(COMPLETE),
        },
        duplicateName: {
          description: 'g_dup_name.c: the copy is again not an MN.',
          actions: report(COMPLETE),
        },
        exportName: {
          description: 'g_export_name.c: "the name must be in mechanism specific format".',
          actions: report(predict(GSS_S_NAME_NOT_MN)),
        },
        exportNameComposite: {
          description: 'g_export_name_comp.c: no mech_type, UNAVAILABLE.',
          actions: report(NOT_MN_ATTRIBUTES),
        },
        inquireName: {
          description: 'g_inq_name.c: COMPLETE with name_is_MN = 0 and no attributes.',
          actions: report(COMPLETE),
        },
        setNameAttribute: {
          description: 'g_set_name_attr.c: no mech_type, UNAVAILABLE.',
          actions: report(NOT_MN_ATTRIBUTES),
        },
        getNameAttribute: {
          description: 'g_get_name_attr.c: no mech_type, UNAVAILABLE.',
          actions: report(NOT_MN_ATTRIBUTES),
        },
        deleteNameAttribute: {
          description: 'g_del_name_attr.c: no mech_type, UNAVAILABLE.',
          actions: report(NOT_MN_ATTRIBUTES),
        },
        releaseName: { target: 'released', description: 'g_rel_name.c', actions: report(COMPLETE) },
      },
    },
    mechanismName: {
      description: 'A krb5 MN: a principal with an authorization-data context (naming_exts.c).',
      on: {
        displayName: { description: 'krb5_gss_display_name', actions: report(COMPLETE) },
        canonicalizeName: {
          description:
            'Same mechanism: gssint_import_internal_name uses krb5_gss_duplicate_name, which ' +
            'keeps the authdata context.',
          actions: report(COMPLETE),
        },
        duplicateName: {
          description: 'kg_duplicate_name copies the principal and the authdata context.',
          actions: report(COMPLETE),
        },
        exportName: {
          description: 'krb5_gss_export_name: the 04 01 token (RFC 2743 §3.2).',
          actions: report(COMPLETE),
        },
        exportNameComposite: {
          description: 'krb5_gss_export_name_composite: the 04 02 token with authdata.',
          actions: report(COMPLETE),
        },
        inquireName: {
          description: 'krb5_gss_inquire_name: name_is_MN = 1 and the attribute list.',
          actions: report(COMPLETE),
        },
        setNameAttribute: [
          {
            guard: { type: 'attributeIs', params: { kind: 'authIndicators' } },
            description: 'authind_set_attribute: indicators come from the ticket; EPERM.',
            actions: report(predict(GSS_S_UNAVAILABLE, 'EPERM')),
          },
          {
            guard: 'pacAttributeOfPac',
            description:
              'mspac_set_attribute adds a buffer with krb5_pac_add_buffer, which refuses a ' +
              'type the PAC holds: EEXIST, GSS_S_FAILURE (kg_map_name_error). Measured on MIT ' +
              '1.20.1 with urn:mspac:client-info.',
            actions: report(predict(GSS_S_FAILURE, 'EEXIST')),
          },
          {
            description:
              'krb5_authdata_set_attribute: no module took it; ENOENT maps to UNAVAILABLE ' +
              '(kg_map_name_error).',
            actions: report(predict(GSS_S_UNAVAILABLE, 'ENOENT')),
          },
        ],
        getNameAttribute: [
          {
            guard: 'indicatorsPresent',
            description: 'authind_get_attribute: authenticated and complete values.',
            actions: report(COMPLETE),
          },
          {
            guard: 'pacAttributeOfPac',
            description: 'mspac_get_attribute of a verified PAC.',
            actions: report(COMPLETE),
          },
          {
            description: 'krb5_authdata_get_attribute: ENOENT, UNAVAILABLE.',
            actions: report(predict(GSS_S_UNAVAILABLE, 'ENOENT')),
          },
        ],
        deleteNameAttribute: {
          description:
            'krb5_authdata_delete_attribute: no built-in module deletes; ENOENT, UNAVAILABLE.',
          actions: report(predict(GSS_S_UNAVAILABLE, 'ENOENT')),
        },
        releaseName: { target: 'released', description: 'g_rel_name.c', actions: report(COMPLETE) },
      },
    },
    released: {
      description: 'gss_release_name set the handle to GSS_C_NO_NAME; as noName.',
      on: noNameTransitions(),
    },
  },
});
