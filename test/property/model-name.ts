/**
 * Replays name-machine events as real calls on one name handle.
 *
 * Calls that derive a name (`canonicalizeName`, `duplicateName`) move the handle to their
 * output, as the machine does. A name's authorization data cannot be chosen on a real realm:
 * it is measured (`inquireName` lists `urn:mspac:` attributes for a PAC, `auth-indicators` for
 * indicators), and an event asking for other authorization data is not replayable. A name with
 * indicators comes from an {@link IndicatorInitiator} when the harness is given one.
 *
 * @module
 */

import type { GssApi } from '../../src/spec/gss-api.js';
import type { Creds, Name } from '../../src/spec/handles.js';
import type {
  NameAttributeKind,
  NameAuthdata,
  NameEvent,
  NameMachineContext,
} from '../../src/spec/machines/name.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import type { Realm } from '../../src/spec/realm.js';
import { hasExtension } from './model-context.js';
import { compare, complete, type Outcome, observe, predictsNullHandle } from './model-outcome.js';
import type { PathStep, StepVerdict } from './model-paths.js';

/** The attribute each kind of the machine names. */
const ATTRIBUTES: Readonly<Record<NameAttributeKind, string>> = {
  authIndicators: 'auth-indicators',
  mspac: 'urn:mspac:client-info',
  other: 'urn:gssapi-sim:no-such-attribute',
};

/** The RFC 6680 calls of the machine. */
const RFC6680_CALLS = new Set([
  'inquireName',
  'exportNameComposite',
  'setNameAttribute',
  'getNameAttribute',
  'deleteNameAttribute',
]);

const decoder = new TextDecoder();

function sameAuthdata(a: NameAuthdata, b: NameAuthdata): boolean {
  return (
    (a.pac === true) === (b.pac === true) && (a.indicators === true) === (b.indicators === true)
  );
}

/**
 * An AP-REQ for `host@<hostname>` from a client whose tickets carry authentication indicators
 * (a PKINIT login with `pkinit_indicator` on MIT, a principal with `authIndicators` on the sim).
 */
export type IndicatorInitiator = () => Uint8Array;

/** The first token `gss` sends to `host@<hostname>`, with `creds` or the default ones. */
export function initiatorToken(gss: GssApi, hostname: string, creds?: Creds): Uint8Array {
  const target = gss.importName(`host@${hostname}`, { nameType: NameType.hostbasedService });
  const first = gss.initSecContext(target, {
    flags: 0,
    mech: MechType.kerberos,
    ...(creds === undefined ? {} : { creds }),
  });
  if (first.token === null) throw new Error('no AP-REQ');
  return first.token;
}

/** One name handle under test. */
export class NameHarness {
  readonly #realm: Realm;
  readonly #gss: GssApi;
  readonly #rfc6680: boolean;
  readonly #indicators: IndicatorInitiator | undefined;
  #handle: Name | null = null;
  #released: Name | null = null;

  /** @param indicators where names with authentication indicators come from, if anywhere. */
  constructor(realm: Realm, indicators?: IndicatorInitiator) {
    this.#realm = realm;
    this.#gss = realm.gss;
    this.#rfc6680 = hasExtension(realm.gss, 'rfc6680');
    this.#indicators = indicators;
  }

  replay(step: PathStep<NameEvent>): StepVerdict {
    const event = step.event;
    const before = step.before.value as string;
    const expected = (step.snapshot.context as NameMachineContext).result;
    if (expected === null) throw new Error(`no prediction for ${event.type}`);
    if (RFC6680_CALLS.has(event.type) && !this.#rfc6680) {
      return { kind: 'unreplayable', reason: `${event.type}: the backend lacks rfc6680` };
    }

    if (event.type === 'importName' || event.type === 'acceptSecContext') {
      const made = this.#make(event);
      if (typeof made === 'string') return { kind: 'unreplayable', reason: made };
      this.#handle = made;
      return compare(expected, complete(), false);
    }
    // GSS_C_NO_NAME has no object in this API: a released handle stands for it, or null where
    // none was made; either is a caller's mistake (TypeError) where MIT's mechglue reports it.
    const nullHandle = before === 'noName' || before === 'released' || predictsNullHandle(expected);
    const handle = this.#handle ?? this.#released ?? (null as unknown as Name);
    return compare(expected, this.#call(event, handle), nullHandle);
  }

  #call(event: NameEvent, handle: Name): Outcome {
    const gss = this.#gss;
    switch (event.type) {
      case 'displayName':
        return observe(() => gss.displayName(handle), complete);
      case 'canonicalizeName':
        return observe(
          () => gss.canonicalizeName(handle, MechType.kerberos),
          (name) => this.#moveTo(name),
        );
      case 'duplicateName':
        return observe(
          () => gss.duplicateName(handle),
          (name) => this.#moveTo(name),
        );
      case 'exportName':
        return observe(() => gss.exportName(handle), complete);
      case 'exportNameComposite':
        return observe(() => gss.exportNameComposite(handle), complete);
      case 'inquireName':
        return observe(() => gss.inquireName(handle), complete);
      case 'releaseName':
        return observe(
          () => gss.releaseName(handle),
          () => {
            this.#handle = null;
            this.#released = handle;
            return complete();
          },
        );
      case 'setNameAttribute':
        return observe(
          () => gss.setNameAttribute(handle, ATTRIBUTES[event.attribute], ['model']),
          complete,
        );
      case 'getNameAttribute':
        return observe(() => gss.getNameAttribute(handle, ATTRIBUTES[event.attribute]), complete);
      case 'deleteNameAttribute':
        return observe(
          () => gss.deleteNameAttribute(handle, ATTRIBUTES[event.attribute]),
          complete,
        );
      default:
        throw new Error(`not a call on a name: ${event.type}`);
    }
  }

  #moveTo(name: Name): Outcome {
    this.#handle = name;
    return complete();
  }

  /** A name as the event makes it, or why it cannot be made here. */
  #make(event: NameEvent): Name | string {
    const gss = this.#gss;
    const printable = (): Name =>
      gss.importName(`host@${this.#realm.hostname}`, { nameType: NameType.hostbasedService });

    if (event.type === 'importName' && event.nameType === 'printable') return printable();
    if (event.type === 'importName' && event.nameType === 'export') {
      const token = gss.exportName(gss.canonicalizeName(printable(), MechType.kerberos));
      return gss.importName(token, { nameType: NameType.export });
    }

    const wanted = 'authdata' in event ? (event.authdata ?? {}) : {};
    if (event.type === 'acceptSecContext') {
      const name = this.#acceptedName(wanted.indicators === true);
      const found = this.#authdata(name);
      if (found === null && (wanted.pac === true || wanted.indicators === true)) {
        return 'acceptSecContext: authorization data cannot be measured without rfc6680';
      }
      if (found !== null && !sameAuthdata(found, wanted)) {
        return `acceptSecContext: the realm's tickets carry ${JSON.stringify(found)}, not ${JSON.stringify(wanted)}`;
      }
      return name;
    }

    // A composite export: of a canonical name (no authorization data) or an accepted one.
    if (!this.#rfc6680) return 'importName(composite): the backend lacks rfc6680';
    const canonical = gss.canonicalizeName(printable(), MechType.kerberos);
    const sources = [() => canonical, () => this.#acceptedName(false)];
    if (this.#indicators !== undefined) sources.push(() => this.#acceptedName(true));
    for (const make of sources) {
      const source = make();
      const found = this.#authdata(source);
      if (found !== null && sameAuthdata(found, wanted)) {
        return gss.importName(gss.exportNameComposite(source), {
          nameType: NameType.compositeExport,
        });
      }
    }
    return `importName(composite): no name of this realm carries ${JSON.stringify(wanted)}`;
  }

  /**
   * The initiator name of a context accepted from the realm's user, or with `indicators` from
   * the client whose tickets carry indicators (the user when there is none).
   */
  #acceptedName(indicators: boolean): Name {
    const token =
      indicators && this.#indicators !== undefined
        ? this.#indicators()
        : initiatorToken(this.#gss, this.#realm.hostname);
    return this.#gss.acceptSecContext(token).initiatorName;
  }

  /** The authorization data a name carries, measured; null without rfc6680. */
  #authdata(name: Name): NameAuthdata | null {
    if (!this.#rfc6680) return null;
    const attrs = this.#gss.inquireName(name).attrs.map((attr) => decoder.decode(attr));
    return {
      pac: attrs.some((attr) => attr.startsWith('urn:mspac:')),
      indicators: attrs.includes('auth-indicators'),
    };
  }
}
