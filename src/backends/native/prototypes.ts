/**
 * The C prototypes of the core GSS-API functions (RFC 2744) and of the release and display
 * functions every module uses, as koffi binds them. Extension modules declare their own.
 *
 * @module
 */

/**
 * The prototypes this backend binds, by C name. Pointer arguments the backend fills from
 * JavaScript structs are typed; handles (`gss_name_t`, `gss_cred_id_t`, `gss_ctx_id_t`) and
 * pointers it passes through are `void *`.
 */
export const CORE_PROTOTYPES = {
  // Core (RFC 2744).
  gss_import_name:
    'uint32_t gss_import_name(_Out_ uint32_t *minor, gss_buffer_desc *name, gss_OID_desc *type, _Out_ void **out)',
  gss_display_name:
    'uint32_t gss_display_name(_Out_ uint32_t *minor, void *name, _Out_ gss_buffer_desc *out, _Out_ void **type)',
  gss_compare_name:
    'uint32_t gss_compare_name(_Out_ uint32_t *minor, void *a, void *b, _Out_ int *equal)',
  gss_export_name:
    'uint32_t gss_export_name(_Out_ uint32_t *minor, void *name, _Out_ gss_buffer_desc *out)',
  gss_canonicalize_name:
    'uint32_t gss_canonicalize_name(_Out_ uint32_t *minor, void *name, gss_OID_desc *mech, _Out_ void **out)',
  gss_duplicate_name:
    'uint32_t gss_duplicate_name(_Out_ uint32_t *minor, void *name, _Out_ void **out)',
  gss_release_name: 'uint32_t gss_release_name(_Out_ uint32_t *minor, _Inout_ void **name)',
  gss_acquire_cred:
    'uint32_t gss_acquire_cred(_Out_ uint32_t *minor, void *name, uint32_t time_req, gss_OID_set_desc *mechs, int usage, _Out_ void **cred, _Out_ void **actual_mechs, _Out_ uint32_t *time_rec)',
  gss_release_cred: 'uint32_t gss_release_cred(_Out_ uint32_t *minor, _Inout_ void **cred)',
  gss_add_cred:
    'uint32_t gss_add_cred(_Out_ uint32_t *minor, void *input_cred, void *name, gss_OID_desc *mech, int usage, uint32_t init_time_req, uint32_t accept_time_req, _Out_ void **output_cred, _Out_ void **actual_mechs, _Out_ uint32_t *init_time_rec, _Out_ uint32_t *accept_time_rec)',
  gss_inquire_cred:
    'uint32_t gss_inquire_cred(_Out_ uint32_t *minor, void *cred, _Out_ void **name, _Out_ uint32_t *lifetime, _Out_ int *usage, _Out_ void **mechs)',
  gss_inquire_cred_by_mech:
    'uint32_t gss_inquire_cred_by_mech(_Out_ uint32_t *minor, void *cred, gss_OID_desc *mech, _Out_ void **name, _Out_ uint32_t *init_lifetime, _Out_ uint32_t *accept_lifetime, _Out_ int *usage)',
  gss_init_sec_context:
    'uint32_t gss_init_sec_context(_Out_ uint32_t *minor, void *cred, _Inout_ void **context, void *target, gss_OID_desc *mech, uint32_t req_flags, uint32_t time_req, gss_channel_bindings_struct *bindings, gss_buffer_desc *input, _Out_ void **actual_mech, _Out_ gss_buffer_desc *output, _Out_ uint32_t *ret_flags, _Out_ uint32_t *time_rec)',
  gss_accept_sec_context:
    'uint32_t gss_accept_sec_context(_Out_ uint32_t *minor, _Inout_ void **context, void *cred, gss_buffer_desc *input, gss_channel_bindings_struct *bindings, _Out_ void **src_name, _Out_ void **mech, _Out_ gss_buffer_desc *output, _Out_ uint32_t *ret_flags, _Out_ uint32_t *time_rec, _Out_ void **delegated)',
  gss_inquire_context:
    'uint32_t gss_inquire_context(_Out_ uint32_t *minor, void *context, _Out_ void **src_name, _Out_ void **targ_name, _Out_ uint32_t *lifetime, _Out_ void **mech, _Out_ uint32_t *flags, _Out_ int *locally_initiated, _Out_ int *open)',
  gss_context_time:
    'uint32_t gss_context_time(_Out_ uint32_t *minor, void *context, _Out_ uint32_t *time_rec)',
  gss_process_context_token:
    'uint32_t gss_process_context_token(_Out_ uint32_t *minor, void *context, gss_buffer_desc *token)',
  gss_import_sec_context:
    'uint32_t gss_import_sec_context(_Out_ uint32_t *minor, gss_buffer_desc *token, _Out_ void **context)',
  gss_export_sec_context:
    'uint32_t gss_export_sec_context(_Out_ uint32_t *minor, _Inout_ void **context, _Out_ gss_buffer_desc *token)',
  gss_delete_sec_context:
    'uint32_t gss_delete_sec_context(_Out_ uint32_t *minor, _Inout_ void **context, _Out_ gss_buffer_desc *token)',
  gss_get_mic:
    'uint32_t gss_get_mic(_Out_ uint32_t *minor, void *context, uint32_t qop, gss_buffer_desc *message, _Out_ gss_buffer_desc *token)',
  gss_verify_mic:
    'uint32_t gss_verify_mic(_Out_ uint32_t *minor, void *context, gss_buffer_desc *message, gss_buffer_desc *token, _Out_ uint32_t *qop)',
  gss_wrap_size_limit:
    'uint32_t gss_wrap_size_limit(_Out_ uint32_t *minor, void *context, int conf_req, uint32_t qop, uint32_t output_size, _Out_ uint32_t *max_input)',
  gss_wrap:
    'uint32_t gss_wrap(_Out_ uint32_t *minor, void *context, int conf_req, uint32_t qop, gss_buffer_desc *input, _Out_ int *conf_state, _Out_ gss_buffer_desc *output)',
  gss_unwrap:
    'uint32_t gss_unwrap(_Out_ uint32_t *minor, void *context, gss_buffer_desc *input, _Out_ gss_buffer_desc *output, _Out_ int *conf_state, _Out_ uint32_t *qop)',
  gss_indicate_mechs: 'uint32_t gss_indicate_mechs(_Out_ uint32_t *minor, _Out_ void **mechs)',
  gss_inquire_names_for_mech:
    'uint32_t gss_inquire_names_for_mech(_Out_ uint32_t *minor, gss_OID_desc *mech, _Out_ void **types)',
  gss_inquire_mechs_for_name:
    'uint32_t gss_inquire_mechs_for_name(_Out_ uint32_t *minor, void *name, _Out_ void **mechs)',
  gss_display_status:
    'uint32_t gss_display_status(_Out_ uint32_t *minor, uint32_t status, int type, gss_OID_desc *mech, _Inout_ uint32_t *context, _Out_ gss_buffer_desc *text)',
  gss_release_buffer:
    'uint32_t gss_release_buffer(_Out_ uint32_t *minor, _Inout_ gss_buffer_desc *buffer)',
  gss_release_oid_set: 'uint32_t gss_release_oid_set(_Out_ uint32_t *minor, _Inout_ void **set)',
  gss_release_buffer_set:
    'uint32_t gss_release_buffer_set(_Out_ uint32_t *minor, _Inout_ void **set)',
} as const;
