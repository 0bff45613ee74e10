/**
 * One table of name calls, run against MIT (through the native backend) and against the sim's
 * name values, with every result and error written as a comparable record.
 */
import { readFileSync } from 'node:fs';
import { MinorMap } from '../../../../src/sim/gss/minor-map.js';
import {
  canonicalizeNameValue,
  compareNameValues,
  displayNameValue,
  exportNameValue,
  importNameValue,
  type NameEnvironment,
  type SimNameValue,
} from '../../../../src/sim/gss/name-value.js';
import { GssError } from '../../../../src/spec/errors.js';
import type { GssApi } from '../../../../src/spec/gss-api.js';
import type { Name } from '../../../../src/spec/handles.js';
import { OID } from '../../../../src/spec/oid.js';
import { MechType, NameType } from '../../../../src/spec/oids.js';

/** The name calls a case uses, over some handle type. */
export interface NameDriver<H> {
  importName(input: Uint8Array, nameType: OID | null): H;
  displayName(name: H): { name: Uint8Array; nameType: OID | null };
  canonicalizeName(name: H, mech: OID): H;
  exportName(name: H): Uint8Array;
  compareName(a: H, b: H): boolean;
}

/** MIT's calls. */
export function mitDriver(gss: GssApi): NameDriver<Name> {
  return {
    importName: (input, nameType) => gss.importName(input, { nameType }),
    displayName: (name) => gss.displayName(name),
    canonicalizeName: (name, mech) => gss.canonicalizeName(name, mech),
    exportName: (name) => gss.exportName(name),
    compareName: (a, b) => gss.compareName(a, b),
  };
}

/** The sim's values in `environment`. */
export function simDriver(environment: NameEnvironment): NameDriver<SimNameValue> {
  return {
    importName: (input, nameType) => importNameValue(input, nameType, environment),
    displayName: displayNameValue,
    canonicalizeName: (name, mech) => canonicalizeNameValue(name, environment, mech),
    exportName: exportNameValue,
    compareName: (a, b) => compareNameValues(a, b, environment),
  };
}

/**
 * The sim's environment that stands for this machine's MIT test realm: realm KRBTEST.COM with
 * `localhost` in `[domain_realm]`, the machine's own host name for names without a host, its
 * password file for uids, and a fresh minor map (each test file runs in its own process).
 */
export function machineEnvironment(localHostname: string): NameEnvironment {
  return {
    defaultRealm: 'KRBTEST.COM',
    hostname: 'localhost',
    localHostname,
    userOfUid: passwdUsers(),
    minors: new MinorMap(),
  };
}

/** `getpwuid` over /etc/passwd. */
function passwdUsers(): (uid: number) => string | undefined {
  const users = new Map<number, string>();
  for (const line of readFileSync('/etc/passwd', 'latin1').split('\n')) {
    const [user, , uid] = line.split(':');
    if (user !== undefined && uid !== undefined && /^\d+$/.test(uid) && !users.has(Number(uid))) {
      users.set(Number(uid), user);
    }
  }
  return (uid) => users.get(uid);
}

/** A result or an error, as a record `toEqual` compares. */
export type Outcome =
  | { readonly value: unknown }
  | {
      readonly error: string;
      readonly major?: number;
      readonly minor?: number;
      readonly minorMessages?: readonly string[];
      readonly operation?: string | null;
    };

/** What `run` returned, or what it threw. */
export function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof GssError) {
      return {
        error: error.name,
        major: error.major,
        minor: error.minor,
        minorMessages: error.minorMessages,
        operation: error.operation,
      };
    }
    return { error: String(error) };
  }
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The name of a name type, or its dotted form. */
export function typeName(oid: OID | null): string | null {
  if (oid === null) return null;
  const known = Object.entries(NameType).find(([, value]) => value.equals(oid));
  return known?.[0] ?? oid.dottedForm;
}

/** A displayed name as text and type name. */
export function shown<H>(driver: NameDriver<H>, name: H): { text: string; type: string | null } {
  const result = driver.displayName(name);
  return { text: latin1(result.name), type: typeName(result.nameType) };
}

/** One imported name as a case records it: import, display, export, canonicalize to krb5. */
export function importRecord<H>(driver: NameDriver<H>, input: Uint8Array, nameType: OID | null) {
  let name: H | undefined;
  const imported = outcome(() => {
    name = driver.importName(input, nameType);
    return shown(driver, name);
  });
  if (name === undefined) return { imported };
  const handle = name;

  let mechName: H | undefined;
  const canonical = outcome(() => {
    mechName = driver.canonicalizeName(handle, MechType.kerberos);
    return shown(driver, mechName);
  });
  const mechHandle = mechName;
  return {
    imported,
    exported: outcome(() => hex(driver.exportName(handle))),
    canonical,
    exportedCanonical:
      mechHandle === undefined ? null : outcome(() => hex(driver.exportName(mechHandle))),
    reimported:
      mechHandle === undefined
        ? null
        : outcome(() =>
            shown(driver, driver.importName(driver.exportName(mechHandle), NameType.export)),
          ),
  };
}

/** Bytes of `text`, one per char (so `\0` and Latin-1 go in as single bytes). */
export const octetsOf = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

const KRB5 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

/** An exported-name token: `04 <kind>`, the OID field, the name, and what follows. */
export function exportToken(
  name: string,
  options: {
    kind?: number;
    oidField?: readonly number[];
    nameLength?: number;
    tail?: readonly number[];
  } = {},
): Uint8Array {
  const oidField = options.oidField ?? [0x06, KRB5.length, ...KRB5];
  const text = [...octetsOf(name)];
  const length = options.nameLength ?? text.length;
  return Uint8Array.from([
    0x04,
    options.kind ?? 0x01,
    oidField.length >> 8,
    oidField.length & 0xff,
    ...oidField,
    (length >>> 24) & 0xff,
    (length >>> 16) & 0xff,
    (length >>> 8) & 0xff,
    length & 0xff,
    ...text,
    ...(options.tail ?? []),
  ]);
}

/** The DER of an OID with its tag and short length. */
export const oidField = (oid: OID): number[] => [0x06, oid.length, ...oid.bytes];

/** An OID no mechanism has. */
export const UNKNOWN_OID = OID.fromDotted('1.2.3.4');
