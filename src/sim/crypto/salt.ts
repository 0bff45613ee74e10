/**
 * The default salt of a principal's password keys (RFC 4120 §4).
 *
 * @module
 */

/**
 * The default salt (RFC 4120 §4, MIT's `krb5_principal2salt`): the realm followed by each
 * component of the principal's name, with no separators, in UTF-8. `host/web.example.com` in
 * `EXAMPLE.COM` has the salt `EXAMPLE.COMhostweb.example.com`.
 *
 * @param realm the principal's realm.
 * @param components the components of the principal's name.
 */
export function defaultSalt(realm: string, components: readonly string[]): Uint8Array {
  return new TextEncoder().encode(realm + components.join(''));
}
