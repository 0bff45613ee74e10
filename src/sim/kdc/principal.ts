/**
 * Principal names as the KDC's database keys them: a realm and components, written and read as
 * MIT's `krb5_unparse_name` and `krb5_parse_name` do (`host/localhost@KRBTEST.COM`).
 *
 * @module
 */

/** A principal: its components and its realm. */
export interface Principal {
  /** The name's components, such as `['host', 'localhost']`. */
  readonly components: readonly string[];
  /** The realm, such as `KRBTEST.COM`. */
  readonly realm: string;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', b: '\b', '0': '\0' };

/**
 * Parses `a/b@REALM` as `krb5_parse_name` does: `\` quotes the next character (`\n`, `\t`,
 * `\b` and `\0` stand for their control characters), `/` separates components, and the first
 * unquoted `@` starts the realm.
 *
 * @param name the principal's text.
 * @param defaultRealm the realm of a name without `@`.
 * @throws {TypeError} for an empty name, a trailing `\`, or a `/` or `@` inside the realm.
 */
export function parsePrincipal(name: string, defaultRealm: string): Principal {
  const components: string[] = [];
  let current = '';
  let realm: string | undefined;

  for (let index = 0; index < name.length; index++) {
    let char = name[index] ?? '';
    if (char === '\\') {
      const next = name[++index];
      if (next === undefined) throw new TypeError(`a principal name ends with '\\': '${name}'`);
      char = ESCAPES[next] ?? next;
      current += char;
    } else if (realm === undefined && char === '/') {
      components.push(current);
      current = '';
    } else if (realm === undefined && char === '@') {
      components.push(current);
      current = '';
      realm = '';
    } else if (realm !== undefined && (char === '/' || char === '@')) {
      throw new TypeError(`a principal's realm holds an unquoted '${char}': '${name}'`);
    } else {
      current += char;
    }
  }

  if (realm === undefined) components.push(current);
  else realm = current;
  if (name === '' || (components.length === 1 && components[0] === '')) {
    throw new TypeError(`expected a principal name, got '${name}'`);
  }
  return { components, realm: realm ?? defaultRealm };
}

/** Writes a principal as `krb5_unparse_name` does, quoting `/`, `@`, `\` and control characters. */
export function unparsePrincipal(principal: Principal): string {
  const components = principal.components.map((component) => quote(component, /[/@\\\n\t\b\0]/g));
  return `${components.join('/')}@${quote(principal.realm, /[/@\\\n\t\b\0]/g)}`;
}

/** Whether two principals are the same name (components and realm, compared exactly). */
export function samePrincipal(a: Principal, b: Principal): boolean {
  return (
    a.realm === b.realm &&
    a.components.length === b.components.length &&
    a.components.every((component, index) => component === b.components[index])
  );
}

/** The principal of the realm's ticket-granting service, `krbtgt/REALM@REALM`. */
export function tgsPrincipal(realm: string): Principal {
  return { components: ['krbtgt', realm], realm };
}

/** Whether a principal is a ticket-granting service (`krbtgt/<any realm>`), as MIT tests it. */
export function isTgsPrincipal(principal: Principal): boolean {
  return principal.components.length === 2 && principal.components[0] === 'krbtgt';
}

function quote(text: string, special: RegExp): string {
  const names: Readonly<Record<string, string>> = { '\n': 'n', '\t': 't', '\b': 'b', '\0': '0' };
  return text.replace(special, (char) => `\\${names[char] ?? char}`);
}
