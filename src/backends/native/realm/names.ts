/**
 * Checks for the names and passwords that go into a MIT realm's configuration files and
 * `kadmin.local` requests, and the rule that a principal without a realm gets the realm's.
 *
 * @module
 */

const REALM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
// Whitespace, quotes, backslashes (MIT's escape character) and control characters.
const PRINCIPAL_FORBIDDEN = /[\s"\\\p{Cc}]/u;
const PASSWORD_FORBIDDEN = /[\r\n\0]/;

/**
 * @throws {TypeError} when the realm name or the hostname has characters that a `krb5.conf`
 *   key or a principal name cannot hold as they are.
 */
export function checkRealmOptions(name: string, hostname: string): void {
  if (!REALM_NAME.test(name)) {
    throw new TypeError(
      `expected a realm name of letters, digits, '.', '_' and '-', got ${JSON.stringify(name)}`,
    );
  }
  if (!HOSTNAME.test(hostname)) {
    throw new TypeError(
      `expected a hostname of letters, digits, '.' and '-', got ${JSON.stringify(hostname)}`,
    );
  }
}

/** @throws {TypeError} when the password has a line break or NUL, which a request cannot carry. */
export function checkPassword(password: string): void {
  if (PASSWORD_FORBIDDEN.test(password)) {
    throw new TypeError('expected a password without line breaks or NUL characters');
  }
}

/**
 * `principal` with `@realm` added when it names no realm.
 * @throws {TypeError} when it is empty, has whitespace, quotes, backslashes or control
 *   characters, more than one `@`, or an empty part.
 */
export function checkPrincipal(principal: string, realm: string): string {
  const shown = JSON.stringify(principal);
  if (principal === '' || PRINCIPAL_FORBIDDEN.test(principal)) {
    throw new TypeError(
      'expected a principal name without whitespace, quotes, backslashes or control ' +
        `characters, got ${shown}`,
    );
  }

  const parts = principal.split('@');
  const [components = '', realmPart] = parts;
  if (parts.length > 2 || realmPart === '' || components.split('/').includes('')) {
    throw new TypeError(`expected a principal name like name[/instance][@REALM], got ${shown}`);
  }

  return realmPart === undefined ? `${principal}@${realm}` : principal;
}
