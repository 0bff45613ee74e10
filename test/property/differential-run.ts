/**
 * Runs a differential scenario on one realm and describes each call as an {@link Outcome}
 * (see `differential-outcome.ts`): an establishment step by step, then `inquireContext` of
 * both ends and a replay; or an establishment, then messages through a lossy channel, with
 * contexts exported and imported between deliveries.
 */

import { RequirementFlag } from '../../src/spec/flags.js';
import type { GssApi } from '../../src/spec/gss-api.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import type { Realm } from '../../src/spec/realm.js';
import type { AcceptSecContextResult } from '../../src/spec/results.js';
import { displayed, hostTarget } from '../conformance/flows.js';
import {
  type Attempt,
  attempt,
  bindingsOf,
  flagNames,
  lifetimeClass,
  type Outcome,
  sharedHead,
  ticketLifetime,
  tokenKind,
} from './differential-outcome.js';
import {
  type Delivery,
  type EstablishScenario,
  type MessageScenario,
  type MessageSpec,
  messageBody,
  type Side,
  type Tamper,
} from './differential-scenario.js';

/** RFC 4121 §4.2.6: the header of MIC and Wrap tokens. */
const HEADER = 16;

/** The checksum at the end of a context token's last encrypted part (aes-sha1: 12 bytes). */
const CONTEXT_TAIL = 12;

/** Deletes a context unless the library already did (the handle is then released). */
function discard(gss: GssApi, context: SecurityContext | null): void {
  if (context === null) return;
  try {
    gss.deleteSecContext(context);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

/** Both contexts of an establishment, when it finished, and the events on the way. */
interface EstablishRun {
  readonly outcomes: Outcome[];
  /** What remained of the user's TGT when the run began, in seconds. */
  readonly ticket: number;
  /** The initiator's first token as it was sent, for a replay. */
  readonly firstToken: Uint8Array | null;
  readonly initiator: SecurityContext | null;
  readonly acceptor: SecurityContext | null;
}

/** The most legs a krb5 establishment takes (DCE style). */
const MAX_LEGS = 4;

/** Establishes a context as `scenario` says and records every step. */
function establishAndRecord(realm: Realm, scenario: EstablishScenario): EstablishRun {
  const { gss } = realm;
  const ticket = ticketLifetime(gss);
  const target = hostTarget(realm);
  const flags = scenario.flags.map((name) => RequirementFlag[name]);
  const initiatorBindings = bindingsOf(scenario.initiatorBindings);
  const acceptorBindings = bindingsOf(scenario.acceptorBindings);
  const outcomes: Outcome[] = [];
  let initiator: SecurityContext | null = null;
  let acceptor: SecurityContext | null = null;
  let input: Uint8Array | null = null;
  let initDone = false;
  let acceptDone = false;
  let legs = 0;
  let firstToken: Uint8Array | null = null;
  /** The token of the next leg as it arrives: flipped when the scenario says so. */
  const arriving = (token: Uint8Array): Uint8Array => {
    const leg = legs++;
    const { tamper } = scenario;
    if (tamper === null || tamper.leg !== leg) return token;
    const [start, end] =
      tamper.part === 'head' ? sharedHead(token) : [token.length - CONTEXT_TAIL, token.length];
    return flip(token, start, end, tamper.bit) ?? token;
  };
  const failed = (): EstablishRun => {
    gss.releaseName(target);
    discard(gss, initiator);
    discard(gss, acceptor);
    return { outcomes, ticket, firstToken, initiator: null, acceptor: null };
  };
  const initStep = (inputToken: Uint8Array | null): boolean => {
    const step = attempt(() =>
      gss.initSecContext(target, {
        context: initiator,
        flags,
        channelBindings: initiatorBindings,
        inputToken: inputToken === null ? null : arriving(inputToken),
      }),
    );
    if ('failure' in step) {
      outcomes.push({ call: 'init', ...step.failure });
      return false;
    }
    const { value } = step;
    outcomes.push({
      call: 'init',
      moreSteps: value.moreSteps,
      token: tokenKind(value.token),
      flags: flagNames(value.flags),
      lifetime: lifetimeClass(value.lifetime, ticket),
    });
    initiator = value.context;
    initDone = !value.moreSteps;
    input = value.token;
    if (firstToken === null) firstToken = value.token;
    return true;
  };

  for (let leg = 0; leg < MAX_LEGS && !(initDone && acceptDone); leg++) {
    if (!initDone && !initStep(input)) return failed();
    const token: Uint8Array | null = input;
    if (token === null) break;
    const context: SecurityContext | null = acceptor;
    const received = arriving(token);
    const step: Attempt<AcceptSecContextResult> = attempt(
      (): AcceptSecContextResult =>
        gss.acceptSecContext(received, { context, channelBindings: acceptorBindings }),
    );
    if ('failure' in step) {
      outcomes.push({ call: 'accept', ...step.failure });
      // The initiator reads the KRB-ERROR an acceptor sends back, as an application would.
      if (step.errorToken !== null && !initDone && initiator !== null) initStep(step.errorToken);
      return failed();
    }
    const { value } = step;
    outcomes.push({
      call: 'accept',
      moreSteps: value.moreSteps,
      token: tokenKind(value.token),
      flags: flagNames(value.flags),
      lifetime: lifetimeClass(value.lifetime, ticket),
      // Before the last leg C gives GSS_C_NO_NAME, which the backends represent differently.
      initiatorName: value.moreSteps ? null : displayed(realm, value.initiatorName),
      delegated: value.delegatedCreds !== null,
    });
    if (!value.moreSteps) gss.releaseName(value.initiatorName);
    if (value.delegatedCreds !== null) gss.releaseCred(value.delegatedCreds);
    acceptor = value.context;
    acceptDone = !value.moreSteps;
    input = value.token;
  }
  if (!initDone || !acceptDone) {
    outcomes.push({ stalled: { initDone, acceptDone } });
    return failed();
  }
  gss.releaseName(target);
  return { outcomes, ticket, firstToken, initiator, acceptor };
}

/** `inquireContext` of an end, as data. */
function contextOutcome(gss: GssApi, side: Side, context: SecurityContext, ticket: number) {
  const info = gss.inquireContext(context);
  const outcome = {
    inquire: side,
    flags: flagNames(info.flags),
    locallyInit: info.locallyInit,
    complete: info.complete,
    lifetime: lifetimeClass(info.lifetime, ticket),
  };
  for (const name of [info.initiatorName, info.targetName]) if (name) gss.releaseName(name);
  return outcome;
}

/**
 * Property 1: the establishment's steps, then `inquireContext` of both ends when it finished.
 */
export function runEstablish(realm: Realm, scenario: EstablishScenario): Outcome[] {
  const { gss } = realm;
  const { outcomes, ticket, initiator, acceptor, firstToken } = establishAndRecord(realm, scenario);
  if (initiator !== null && acceptor !== null) {
    outcomes.push(contextOutcome(gss, 'initiator', initiator, ticket));
    outcomes.push(contextOutcome(gss, 'acceptor', acceptor, ticket));
    discard(gss, initiator);
    discard(gss, acceptor);
  }
  if (scenario.replay && firstToken !== null) {
    const channelBindings = bindingsOf(scenario.acceptorBindings);
    const again = attempt(() => gss.acceptSecContext(firstToken, { channelBindings }));
    if ('failure' in again) outcomes.push({ replay: 'accept', ...again.failure });
    else {
      outcomes.push({ replay: 'accept', moreSteps: again.value.moreSteps });
      discard(gss, again.value.context);
    }
  }
  return outcomes;
}

function flip(bytes: Uint8Array, start: number, end: number, bit: number): Uint8Array | null {
  const bits = (end - start) * 8;
  if (bits <= 0) return null;
  const at = start * 8 + (bit % bits);
  const copy = Uint8Array.from(bytes);
  copy[at >> 3] = (copy[at >> 3] ?? 0) ^ (1 << (at & 7));
  return copy;
}

/** The token and message a delivery hands over, after its flip; and which bit it flipped. */
function tampered(token: Uint8Array, body: Uint8Array, tamper: Tamper | null) {
  if (tamper === null) return { token, body, flipped: null };
  const tail = Math.max(HEADER, token.length - HEADER);
  const ranges = {
    header: [token, 0, Math.min(HEADER, token.length)],
    body: [token, HEADER, tail],
    tail: [token, tail, token.length],
    message: [body, 0, body.length],
  } as const;
  const [target, start, end] = ranges[tamper.part];
  const changed = flip(target, start, end, tamper.bit);
  if (changed === null) return { token, body, flipped: null };
  const flipped = start * 8 + (tamper.bit % ((end - start) * 8));
  return tamper.part === 'message'
    ? { token, body: changed, flipped }
    : { token: changed, body, flipped };
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, index) => byte === b[index]);

/** A sent message: its spec, body and token. */
interface Sent {
  readonly spec: MessageSpec;
  readonly body: Uint8Array;
  readonly token: Uint8Array | null;
}

/**
 * Properties 2 and 3: an establishment with the scenario's flags, then its messages sent and
 * delivered as its channel says, with its transfers between deliveries.
 */
export function runMessages(realm: Realm, scenario: MessageScenario): Outcome[] {
  const { gss } = realm;
  const established = establishAndRecord(realm, {
    flags: scenario.flags,
    initiatorBindings: null,
    acceptorBindings: null,
    tamper: null,
    replay: false,
  });
  const { outcomes, ticket } = established;
  if (established.initiator === null || established.acceptor === null) return outcomes;
  const ends: Record<Side, SecurityContext> = {
    initiator: established.initiator,
    acceptor: established.acceptor,
  };
  const sent: Sent[] = [];

  const send = (index: number): void => {
    while (sent.length <= index) {
      const spec = scenario.messages[sent.length];
      if (spec === undefined) throw new Error(`no message ${sent.length}`);
      const body = messageBody(spec);
      const sender = ends[spec.from];
      const options = { confidential: spec.confidential };
      const made = attempt(() =>
        spec.kind === 'wrap' ? gss.wrap(sender, body, options).message : gss.getMic(sender, body),
      );
      const limit =
        spec.kind === 'wrap' ? attempt(() => gss.wrapSizeLimit(sender, spec.size, options)) : null;
      outcomes.push({
        send: sent.length,
        ...('value' in made ? { length: made.value.length } : made.failure),
        ...(limit === null
          ? {}
          : { wrapSizeLimit: 'value' in limit ? limit.value : limit.failure }),
      });
      sent.push({ spec, body, token: 'value' in made ? made.value : null });
    }
  };

  const deliver = (number: number, delivery: Delivery): void => {
    send(delivery.message);
    const message = sent[delivery.message];
    if (message === undefined || message.token === null) return;
    const { spec } = message;
    const peer: Side = spec.from === 'initiator' ? 'acceptor' : 'initiator';
    const receiver = ends[delivery.reflected ? spec.from : peer];
    const { token, body, flipped } = tampered(message.token, message.body, delivery.tamper);
    const to = delivery.reflected ? spec.from : peer;
    const head = { deliver: number, message: delivery.message, to, flipped };
    if (spec.kind === 'wrap') {
      const result = attempt(() => gss.unwrap(receiver, token));
      if ('failure' in result) outcomes.push({ ...head, ...result.failure });
      else {
        const { message: out, encrypted, qop } = result.value;
        outcomes.push({
          ...head,
          length: out.length,
          intact: equalBytes(out, body),
          encrypted,
          qop,
        });
      }
    } else {
      const result = attempt(() => gss.verifyMic(receiver, body, token));
      outcomes.push({ ...head, ...('failure' in result ? result.failure : { qop: result.value }) });
    }
  };

  const transfer = (side: Side): void => {
    const exported = attempt(() => gss.exportSecContext(ends[side]));
    if ('failure' in exported) {
      outcomes.push({ export: side, ...exported.failure });
      return;
    }
    const imported = attempt(() => gss.importSecContext(exported.value));
    if ('failure' in imported) {
      outcomes.push({ import: side, ...imported.failure });
      return;
    }
    ends[side] = imported.value;
    outcomes.push(contextOutcome(gss, side, imported.value, ticket));
  };

  const transfers = [...scenario.transfers];
  scenario.channel.forEach((delivery, number) => {
    while (transfers[0] !== undefined && transfers[0].before <= number) {
      transfer(transfers[0].side);
      transfers.shift();
    }
    deliver(number, delivery);
  });
  for (const move of transfers) transfer(move.side);
  send(scenario.messages.length - 1);
  discard(gss, ends.initiator);
  discard(gss, ends.acceptor);
  return outcomes;
}
