/**
 * The first-octet test MIT krb5 1.20 makes before it decodes a raw Kerberos message
 * (`krb5int_is_app_tag`, behind `krb5_is_ap_req` and `krb5_is_ap_rep`): the identifier of
 * `[APPLICATION n]`, constructed or primitive.
 *
 * @module
 */

/** Whether `message` starts with the identifier of `[APPLICATION tag]`, as MIT checks it. */
export function isApplicationTag(message: Uint8Array, tag: number): boolean {
  return message.length > 0 && ((message[0] ?? 0) & ~0x20) === (tag | 0x40);
}
