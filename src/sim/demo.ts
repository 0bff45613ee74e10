/**
 * `runDemo()`: a Kerberos flow on a fresh, seeded sim realm, traced and printed for a person:
 * the realm's principals, `kinit` (the AS exchange), a context established with mutual
 * authentication (the TGS exchange, the AP-REQ and AP-REP), a message wrapped and unwrapped,
 * and a tampered token refused. The seed and the clock are fixed, so the text is the same on
 * every run. `gssapi-sim demo` and `npm run demo` print it.
 *
 * @module
 */

import { GssError } from '../spec/errors.js';
import type { GssApi } from '../spec/gss-api.js';
import type { SecurityContext } from '../spec/handles.js';
import { NameType } from '../spec/oids.js';
import { DEMO_WIDTH, fieldLines, isFields, scalarText, wrapText } from './demo-text.js';
import { buildSimRealm, type SimRealm } from './realm/sim-realm.js';
import { type DecodedFields, type DecodedValue, decodeTraceEvent } from './realm/trace-decode.js';
import { enctypeName, hex } from './realm/trace-fields.js';

/** How the demo runs. */
export interface DemoOptions {
  /** The realm's seed. Default {@link DEMO_SEED}. */
  readonly seed?: number | string;
}

/** The seed the demo uses unless told otherwise. */
export const DEMO_SEED = 'gssapi-sim demo';

/** The demo realm's clock: it stands still at this time. */
export const DEMO_START = Date.UTC(2026, 0, 1);

/** The message the demo wraps. */
const MESSAGE = 'Hello, host/localhost! -- user';

/** The bit the tampering wire flips: the lowest of octet 20, inside the Wrap token's cipher. */
const TAMPERED_BIT = 20 * 8;

/**
 * Runs the demo, handing each line of text to `write` (without a newline).
 * @throws {Error} only if the sim itself fails a step (a bug): the demo's steps all succeed,
 *   except the tampered token, whose refusal is part of the text.
 */
export async function runDemo(
  write: (line: string) => void,
  options: DemoOptions = {},
): Promise<void> {
  const seed = options.seed ?? DEMO_SEED;
  const realm = buildSimRealm({ seed, now: DEMO_START });
  const out = new Printer(write);

  out.line('gssapi-sim demo: a Kerberos realm in memory, every step traced and decoded');
  const clock = new Date(DEMO_START).toISOString().replace('.000Z', 'Z');
  out.line(`seed ${JSON.stringify(seed)}, clock ${clock} (standing still)`);
  principals(realm, out);
  await asExchange(realm, out);
  const contexts = establish(realm, out);
  protection(realm, contexts, out);
  tampering(realm, contexts, out);
  out.heading('Done');
  out.line('Run it again: the same seed prints the same text, byte for byte.');
}

/** Both ends of the demo's context and the GSS-APIs that hold them. */
interface DemoContexts {
  readonly client: GssApi;
  readonly server: GssApi;
  readonly initiator: SecurityContext;
  readonly acceptor: SecurityContext;
}

function principals(realm: SimRealm, out: Printer): void {
  out.heading(`1. The realm ${realm.name} and its principals (keys are never printed)`);
  const names = realm.database.names();
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    const keys = realm.database.lookup(name)?.keys ?? [];
    const versions = [...new Set(keys.map(({ kvno }) => kvno))];
    for (const kvno of versions) {
      const enctypes = keys.filter((key) => key.kvno === kvno).map(({ key }) => key.enctype);
      out.line(`  ${name.padEnd(width)}  kvno ${kvno}  ${enctypes.map(enctypeName).join(', ')}`);
    }
  }
}

async function asExchange(realm: SimRealm, out: Printer): Promise<void> {
  out.heading(`2. kinit ${realm.userPrincipal}: the AS exchange`);
  out.line('The first AS-REQ carries no pre-authentication; the KDC asks for it, and the');
  out.line('second AS-REQ proves the password with PA-ENC-TIMESTAMP.');
  realm.trace.start();
  await realm.kinit(realm.userPrincipal, realm.userPassword);
  out.events(realm);
}

function establish(realm: SimRealm, out: Printer): DemoContexts {
  out.heading('3. initSecContext(host@localhost): the TGS exchange, AP-REQ and AP-REP');
  out.line("client: realm.gss (party 'default', the user's ccache);");
  out.line("server: realm.party({ keytab: [host principal] }) (party 'party1').");
  const client = realm.gss;
  const server = realm.party({ keytab: [realm.hostPrincipal] });
  const target = client.importName(`host@${realm.hostname}`, {
    nameType: NameType.hostbasedService,
  });

  const first = client.initSecContext(target);
  const accepted = server.acceptSecContext(required(first.token, 'an AP-REQ'));
  const second = client.initSecContext(target, {
    context: first.context,
    inputToken: required(accepted.token, 'an AP-REP'),
  });
  out.events(realm);
  out.line(`established: initiator lifetime ${second.lifetime} s, more steps: ${second.moreSteps}`);
  return { client, server, initiator: second.context, acceptor: accepted.context };
}

function protection(realm: SimRealm, contexts: DemoContexts, out: Printer): void {
  out.heading('4. wrap a message, unwrap it at the other end');
  const { client, server, initiator, acceptor } = contexts;

  const wrapped = client.wrap(initiator, new TextEncoder().encode(MESSAGE));
  const unwrapped = server.unwrap(acceptor, wrapped.message);
  out.events(realm);
  const text = new TextDecoder().decode(unwrapped.message);
  out.line(`unwrapped: ${JSON.stringify(text)}, encrypted: ${unwrapped.encrypted}`);
}

function tampering(realm: SimRealm, contexts: DemoContexts, out: Printer): void {
  out.heading('5. A tampered token is refused');
  const { client, server, initiator, acceptor } = contexts;
  const wire = realm.faults.wire({ flipBit: [{ index: 0, bit: TAMPERED_BIT }] });
  out.line(`realm.faults.wire flips bit ${TAMPERED_BIT} (octet 20, in the ciphertext).`);

  wire.send(client.wrap(initiator, new TextEncoder().encode(MESSAGE)).message);
  const [arrived] = wire.receive();
  let refusal: unknown = null;
  try {
    server.unwrap(acceptor, required(arrived, 'a token off the wire'));
  } catch (error) {
    refusal = error;
  }
  out.events(realm);
  if (!(refusal instanceof GssError)) throw new Error('the tampered token was not refused');
  const major = `0x${refusal.major.toString(16).padStart(8, '0')}`;
  out.line(`unwrap threw ${refusal.name} (code ${refusal.code})`);
  out.wrapped('  major: ', `${major} ${refusal.majorMessages.join('; ')}`);
  out.wrapped('  minor: ', `${refusal.minor} ${refusal.minorMessages.join('; ')}`);
  out.wrapped('  message: ', refusal.message);
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`the demo expected ${what}`);
  return value;
}

/** Writes the demo's lines: headings, text, and the trace's events decoded. */
class Printer {
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  line(text: string): void {
    for (const line of wrapText('', text, '  ')) this.#write(line);
  }

  wrapped(prefix: string, text: string): void {
    for (const line of wrapText(prefix, text, ' '.repeat(prefix.length))) this.#write(line);
  }

  heading(text: string): void {
    this.#write('');
    this.#write(text);
    this.#write('='.repeat(Math.min(text.length, DEMO_WIDTH)));
  }

  /** The events recorded since the last call, decoded, then forgotten. */
  events(realm: SimRealm): void {
    for (const event of realm.trace.events) {
      const decoded = decodeTraceEvent(event, { database: realm.database });
      for (const line of eventLines(decoded)) this.#write(line);
      if (event.kind === 'token') this.#write(`    octets: ${scalarText(hex(event.token))}`);
    }
    realm.trace.clear();
  }
}

/** One decoded event as text: a line for a call or a state change, a tree for the others. */
function eventLines(event: DecodedFields): string[] {
  const { kind, party } = event;
  switch (kind) {
    case 'call':
      return [`  call ${text(party)}: ${text(event.call)} -> ${text(event.outcome)}`];
    case 'transition': {
      // The context's number counts contexts in the process; the side is what a reader needs.
      const side = text(event.context).replace(/#\d+$/, '');
      return [`  ${text(party)}: ${side} context ${text(event.from)} -> ${text(event.to)}`];
    }
    case 'kdc':
      return [
        `  KDC exchange: ${messageName(event.request)} -> ${messageName(event.reply)}`,
        ...subtree('request', event.request),
        ...subtree('reply', event.reply),
      ];
    case 'token':
      return [`  token from ${text(party)}: ${text(event.call)}`, ...treeOf(event.token, '    ')];
    default:
      return treeOf(event, '  ');
  }
}

function subtree(name: string, value: DecodedValue | undefined): string[] {
  return [`    ${name}:`, ...treeOf(value, '      ')];
}

function treeOf(value: DecodedValue | undefined, indent: string): string[] {
  if (isFields(value)) return fieldLines(value, indent);
  return [`${indent}${text(value)}`];
}

function messageName(value: DecodedValue | undefined): string {
  if (isFields(value)) return text(value.message ?? 'unreadable');
  return value === null ? 'no reply' : 'unreadable';
}

function text(value: DecodedValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
