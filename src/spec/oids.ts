/**
 * The well-known OIDs: mechanisms, name types, RFC 5587 mechanism attributes, and the OIDs the
 * extensions take. Values are MIT krb5 1.20's (`gssapi_generic.c`, `gssapi_krb5.c`,
 * `gssapiP_krb5.h`) and the RFCs'.
 *
 * @module
 */

import { OID } from './oid.js';

const oid = (dotted: string): OID => OID.fromDotted(dotted);

/** Mechanism OIDs. */
export const MechType = {
  /** The Kerberos V5 mechanism, RFC 1964 / RFC 4121: 1.2.840.113554.1.2.2. */
  kerberos: oid('1.2.840.113554.1.2.2'),
  /** The pre-RFC Kerberos V5 mechanism OID MIT still accepts: 1.3.5.1.5.2. */
  kerberosOld: oid('1.3.5.1.5.2'),
  /** The incorrect Kerberos OID old Microsoft clients send: 1.2.840.48018.1.2.2. */
  kerberosWrong: oid('1.2.840.48018.1.2.2'),
  /** IAKERB, RFC draft-ietf-kitten-iakerb: 1.3.6.1.5.2.5. */
  iakerb: oid('1.3.6.1.5.2.5'),
  /** Microsoft's NTLMSSP, recognised by MIT's mechglue by its signature: 1.3.6.1.4.1.311.2.2.10. */
  ntlmssp: oid('1.3.6.1.4.1.311.2.2.10'),
  /** SPNEGO, RFC 4178: 1.3.6.1.5.5.2. */
  spnego: oid('1.3.6.1.5.5.2'),
} as const;

/** Name-type OIDs (RFC 2743 §4, RFC 6680, RFC 1964 §2.1). */
export const NameType = {
  /** GSS_C_NT_HOSTBASED_SERVICE, `service@host`: 1.2.840.113554.1.2.1.4. */
  hostbasedService: oid('1.2.840.113554.1.2.1.4'),
  /** GSS_C_NT_HOSTBASED_SERVICE_X, the deprecated synonym: 1.3.6.1.5.6.2. */
  hostbasedServiceX: oid('1.3.6.1.5.6.2'),
  /** GSS_C_NT_USER_NAME, a local user name: 1.2.840.113554.1.2.1.1. */
  user: oid('1.2.840.113554.1.2.1.1'),
  /** GSS_C_NT_MACHINE_UID_NAME, a uid as host-order bytes: 1.2.840.113554.1.2.1.2. */
  machineUid: oid('1.2.840.113554.1.2.1.2'),
  /** GSS_C_NT_STRING_UID_NAME, a uid as decimal text: 1.2.840.113554.1.2.1.3. */
  stringUid: oid('1.2.840.113554.1.2.1.3'),
  /** GSS_C_NT_ANONYMOUS: 1.3.6.1.5.6.3. */
  anonymous: oid('1.3.6.1.5.6.3'),
  /** GSS_C_NT_EXPORT_NAME, the RFC 2743 §3.2 `04 01` token: 1.3.6.1.5.6.4. */
  export: oid('1.3.6.1.5.6.4'),
  /** GSS_C_NT_COMPOSITE_EXPORT, the RFC 6680 `04 02` token: 1.3.6.1.5.6.6. */
  compositeExport: oid('1.3.6.1.5.6.6'),
  /** GSS_KRB5_NT_PRINCIPAL_NAME, `primary/instance@REALM`: 1.2.840.113554.1.2.2.1. */
  kerberosPrincipal: oid('1.2.840.113554.1.2.2.1'),
  /** The reference's second name for {@link NameType.kerberosPrincipal}. */
  krb5NtPrincipalName: oid('1.2.840.113554.1.2.2.1'),
  /** gss_nt_krb5_principal, a C `krb5_principal` (MIT: do not use): 1.2.840.113554.1.2.2.2. */
  krb5Principal: oid('1.2.840.113554.1.2.2.2'),
  /** GSS_KRB5_NT_ENTERPRISE_NAME, RFC 6806: 1.2.840.113554.1.2.2.6. */
  krb5EnterpriseName: oid('1.2.840.113554.1.2.2.6'),
  /** GSS_KRB5_NT_X509_CERT, for S4U2Self by certificate: 1.2.840.113554.1.2.2.7. */
  krb5X509Cert: oid('1.2.840.113554.1.2.2.7'),
} as const;

/** RFC 5587 §3.4 mechanism attributes, 1.3.6.1.5.5.13.N, by their GSS_C_MA_* names. */
export const MechAttr = {
  GSS_C_MA_MECH_CONCRETE: oid('1.3.6.1.5.5.13.1'),
  GSS_C_MA_MECH_PSEUDO: oid('1.3.6.1.5.5.13.2'),
  GSS_C_MA_MECH_COMPOSITE: oid('1.3.6.1.5.5.13.3'),
  GSS_C_MA_MECH_NEGO: oid('1.3.6.1.5.5.13.4'),
  GSS_C_MA_MECH_GLUE: oid('1.3.6.1.5.5.13.5'),
  GSS_C_MA_NOT_MECH: oid('1.3.6.1.5.5.13.6'),
  GSS_C_MA_DEPRECATED: oid('1.3.6.1.5.5.13.7'),
  GSS_C_MA_NOT_DFLT_MECH: oid('1.3.6.1.5.5.13.8'),
  GSS_C_MA_ITOK_FRAMED: oid('1.3.6.1.5.5.13.9'),
  GSS_C_MA_AUTH_INIT: oid('1.3.6.1.5.5.13.10'),
  GSS_C_MA_AUTH_TARG: oid('1.3.6.1.5.5.13.11'),
  GSS_C_MA_AUTH_INIT_INIT: oid('1.3.6.1.5.5.13.12'),
  GSS_C_MA_AUTH_TARG_INIT: oid('1.3.6.1.5.5.13.13'),
  GSS_C_MA_AUTH_INIT_ANON: oid('1.3.6.1.5.5.13.14'),
  GSS_C_MA_AUTH_TARG_ANON: oid('1.3.6.1.5.5.13.15'),
  GSS_C_MA_DELEG_CRED: oid('1.3.6.1.5.5.13.16'),
  GSS_C_MA_INTEG_PROT: oid('1.3.6.1.5.5.13.17'),
  GSS_C_MA_CONF_PROT: oid('1.3.6.1.5.5.13.18'),
  GSS_C_MA_MIC: oid('1.3.6.1.5.5.13.19'),
  GSS_C_MA_WRAP: oid('1.3.6.1.5.5.13.20'),
  GSS_C_MA_PROT_READY: oid('1.3.6.1.5.5.13.21'),
  GSS_C_MA_REPLAY_DET: oid('1.3.6.1.5.5.13.22'),
  GSS_C_MA_OOS_DET: oid('1.3.6.1.5.5.13.23'),
  GSS_C_MA_CBINDINGS: oid('1.3.6.1.5.5.13.24'),
  GSS_C_MA_PFS: oid('1.3.6.1.5.5.13.25'),
  GSS_C_MA_COMPRESS: oid('1.3.6.1.5.5.13.26'),
  GSS_C_MA_CTX_TRANS: oid('1.3.6.1.5.5.13.27'),
  /** MIT's NegoEx-and-SPNEGO attribute: 1.2.840.113554.1.2.2.5.18. */
  GSS_C_MA_NEGOEX_AND_SPNEGO: oid('1.2.840.113554.1.2.2.5.18'),
} as const;

/** The name of an RFC 5587 mechanism attribute. */
export type MechAttrName = keyof typeof MechAttr;

/**
 * OIDs taken by `inquireSecContextByOid`, `inquireCredByOid`, `setSecContextOption` and
 * `setCredOption`, and the krb5 extension OIDs under 1.2.840.113554.1.2.2.5 (MIT
 * `gssapiP_krb5.h`).
 */
export const ExtensionOid = {
  /** GSS_C_INQ_SSPI_SESSION_KEY: the context's session key (the krb5 session-key OID). */
  inqSspiSessionKey: oid('1.2.840.113554.1.2.2.5.5'),
  /** GSS_C_INQ_NEGOEX_KEY. */
  inqNegoexKey: oid('1.2.840.113554.1.2.2.5.16'),
  /** GSS_C_INQ_NEGOEX_VERIFY_KEY. */
  inqNegoexVerifyKey: oid('1.2.840.113554.1.2.2.5.17'),
  /** GSS_C_SEC_CONTEXT_SASL_SSF: the SASL security strength factor. */
  secContextSaslSsf: oid('1.2.840.113554.1.2.2.5.15'),
  /** GSS_KRB5_GET_TKT_FLAGS_OID. */
  krb5GetTktFlags: oid('1.2.840.113554.1.2.2.5.1'),
  /** GSS_KRB5_COPY_CCACHE_OID. */
  krb5CopyCcache: oid('1.2.840.113554.1.2.2.5.2'),
  /** GSS_KRB5_CCACHE_NAME_OID. */
  krb5CcacheName: oid('1.2.840.113554.1.2.2.5.3'),
  /** GSS_KRB5_SET_ALLOWABLE_ENCTYPES_OID. */
  krb5SetAllowableEnctypes: oid('1.2.840.113554.1.2.2.5.4'),
  /** GSS_KRB5_EXPORT_LUCID_SEC_CONTEXT_OID (version 1 is appended as a further arc). */
  krb5ExportLucidSecContext: oid('1.2.840.113554.1.2.2.5.6'),
  /** GSS_KRB5_FREE_LUCID_SEC_CONTEXT_OID. */
  krb5FreeLucidSecContext: oid('1.2.840.113554.1.2.2.5.7'),
  /** GSS_KRB5_USE_KDC_CONTEXT_OID. */
  krb5UseKdcContext: oid('1.2.840.113554.1.2.2.5.8'),
  /** GSS_KRB5_REGISTER_ACCEPTOR_IDENTITY_OID. */
  krb5RegisterAcceptorIdentity: oid('1.2.840.113554.1.2.2.5.9'),
  /** GSS_KRB5_EXTRACT_AUTHZ_DATA_FROM_SEC_CONTEXT_OID (the ad-type is appended). */
  krb5ExtractAuthzDataFromSecContext: oid('1.2.840.113554.1.2.2.5.10'),
  /** GSS_KRB5_SET_CRED_RCACHE_OID. */
  krb5SetCredRcache: oid('1.2.840.113554.1.2.2.5.11'),
  /** GSS_KRB5_EXTRACT_AUTHTIME_FROM_SEC_CONTEXT_OID. */
  krb5ExtractAuthtimeFromSecContext: oid('1.2.840.113554.1.2.2.5.12'),
  /** GSS_KRB5_IMPORT_CRED_OID. */
  krb5ImportCred: oid('1.2.840.113554.1.2.2.5.13'),
  /** GSS_KRB5_GET_CRED_IMPERSONATOR: the impersonator of an S4U2Proxy credential. */
  krb5GetCredImpersonator: oid('1.2.840.113554.1.2.2.5.14'),
  /** GSS_KRB5_CRED_NO_CI_FLAGS_X: do not send channel-binding integrity flags. */
  krb5CredNoCiFlagsX: oid('1.2.752.43.13.29'),
  /** GSS_KRB5_SESSION_KEY_ENCTYPE_OID prefix: the session key's enctype is appended. */
  krb5SessionKeyEnctype: oid('1.2.840.113554.1.2.2.4'),
} as const;
