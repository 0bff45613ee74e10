/**
 * Replays sequence-machine paths on a real context: the acceptor's receive window.
 *
 * A path's input gives the context flags; the initiator (the sender) makes one MIC token per
 * sequence number, in order, and the acceptor verifies them in the path's order. The machine's
 * `receive{seqnum}` is taken relative to the path's initial number, so a real context's random
 * initial number stands for any: only the relative number matters to the window.
 *
 * @module
 */

import { RequirementFlag } from '../../src/spec/flags.js';
import type { GssApi } from '../../src/spec/gss-api.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import type {
  SequenceMachineContext,
  SequenceMachineInput,
  SequenceReceiveEvent,
} from '../../src/spec/machines/sequence-machine.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import type { Realm } from '../../src/spec/realm.js';
import { compare, complete, observe } from './model-outcome.js';
import type { ModelPath, PathStep, StepVerdict } from './model-paths.js';

/** The highest relative sequence number replayed: the sender makes this many tokens at most. */
export const MAX_RELATIVE_SEQNUM = 200n;

const MESSAGE = new TextEncoder().encode('sequence');

/** The window of one path: an acceptor and the MIC tokens its initiator made, by number. */
export class SequenceHarness {
  readonly #gss: GssApi;
  readonly #acceptor: SecurityContext;
  readonly #sender: SecurityContext;
  readonly #tokens: Uint8Array[] = [];
  readonly #initial: bigint;
  readonly #mask: bigint;

  constructor(realm: Realm, path: ModelPath) {
    // ModelPath inputs are the sequence machine's inputs for this harness.
    const input = path.input as SequenceMachineInput;
    const gss = realm.gss;
    const { mutualAuthentication, replayDetection, outOfSequenceDetection } = RequirementFlag;
    let flags = mutualAuthentication;
    if (input.replayDetection) flags |= replayDetection;
    if (input.outOfSequenceDetection) flags |= outOfSequenceDetection;
    const target = gss.importName(`host@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
    const first = gss.initSecContext(target, { flags, mech: MechType.kerberos });
    if (first.token === null) throw new Error('no AP-REQ');
    const accepted = gss.acceptSecContext(first.token);
    if (accepted.token === null) throw new Error('no AP-REP');
    gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
    gss.releaseName(target);

    this.#gss = gss;
    this.#acceptor = accepted.context;
    this.#sender = first.context;
    this.#initial = input.initial;
    this.#mask = input.wide ? 0xffff_ffff_ffff_ffffn : 0xffff_ffffn;
  }

  /** The relative number of a receive event, or null when the sender cannot reach it. */
  relative(event: SequenceReceiveEvent): bigint | null {
    const relative = (event.seqnum - this.#initial) & this.#mask;
    return relative <= MAX_RELATIVE_SEQNUM ? relative : null;
  }

  replay(step: PathStep<SequenceReceiveEvent>): StepVerdict {
    const relative = this.relative(step.event);
    if (relative === null) {
      return {
        kind: 'unreplayable',
        reason: 'receive: a sequence number 2^32 or 2^64 tokens away cannot be sent',
      };
    }
    const token = this.#token(Number(relative));
    const expected = (step.snapshot.context as SequenceMachineContext).status;
    if (expected === null) throw new Error('no status predicted');
    const outcome = observe(() => this.#gss.verifyMic(this.#acceptor, MESSAGE, token), complete);
    return compare({ major: expected }, outcome, false);
  }

  close(): void {
    this.#gss.deleteSecContext(this.#acceptor);
    this.#gss.deleteSecContext(this.#sender);
  }

  #token(relative: number): Uint8Array {
    while (this.#tokens.length <= relative) {
      this.#tokens.push(this.#gss.getMic(this.#sender, MESSAGE));
    }
    const token = this.#tokens[relative];
    if (token === undefined) throw new Error(`no token ${relative}`);
    return token;
  }
}
