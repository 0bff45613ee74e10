/**
 * Replays IOV-machine paths as real IOV calls: the `buffer` events make the buffer list, `end`
 * makes the call on an established context (DCE style or not, as the path's input says).
 * Receiving calls get buffers filled by the peer's matching call on the same layout, so that an
 * accepted layout really unwraps or verifies.
 *
 * @module
 */

import {
  GSS_IOV_BUFFER_FLAG_ALLOCATE,
  IOVBufferType,
  RequirementFlag,
} from '../../src/spec/flags.js';
import type { GssApi } from '../../src/spec/gss-api.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import { IOV } from '../../src/spec/iov.js';
import type { IovOperation } from '../../src/spec/machines/iov.js';
import type {
  IovBufferEvent,
  IovEndEvent,
  IovMachineContext,
  IovMachineInput,
} from '../../src/spec/machines/iov-machine.js';
import { MechType, NameType } from '../../src/spec/oids.js';
import type { Realm } from '../../src/spec/realm.js';
import { hasExtension } from './model-context.js';
import { compare, complete, type Outcome, observe } from './model-outcome.js';
import type { ModelPath, PathStep, StepVerdict } from './model-paths.js';

const MESSAGE = new TextEncoder().encode('iov message');

const EXTENSION: Readonly<Record<IovOperation, string>> = {
  wrapIov: 'dce',
  wrapIovLength: 'dce',
  unwrapIov: 'dce',
  getMicIov: 'iovMic',
  getMicIovLength: 'iovMic',
  verifyMicIov: 'iovMic',
};

type Word = number;

/** An established pair of one flag set. */
interface Pair {
  readonly initiator: SecurityContext;
  readonly acceptor: SecurityContext;
}

function establishPair(realm: Realm, dceStyle: boolean): Pair {
  const gss = realm.gss;
  const { mutualAuthentication, confidentiality, integrity } = RequirementFlag;
  const flags =
    mutualAuthentication | confidentiality | integrity | (dceStyle ? RequirementFlag.dceStyle : 0);
  const target = gss.importName(`host@${realm.hostname}`, {
    nameType: NameType.hostbasedService,
  });
  const init = (context: SecurityContext | null, inputToken: Uint8Array | null) =>
    gss.initSecContext(target, { context, flags, mech: MechType.kerberos, inputToken });
  const first = init(null, null);
  if (first.token === null) throw new Error('no AP-REQ');
  let accepted = gss.acceptSecContext(first.token);
  if (accepted.token === null) throw new Error('no AP-REP');
  const second = init(first.context, accepted.token);
  if (accepted.moreSteps) {
    if (second.token === null) throw new Error('no DCE AP-REP');
    accepted = gss.acceptSecContext(second.token, { context: accepted.context });
  }
  gss.releaseName(target);
  return { initiator: first.context, acceptor: accepted.context };
}

/** A buffer of the list for a word: flagged ones are left for the mechanism to fill. */
function bufferFor(word: Word, value: (type: number) => Uint8Array | null) {
  const type = (word & 0xffff) as IOVBufferType;
  const allocate = (word & GSS_IOV_BUFFER_FLAG_ALLOCATE) !== 0;
  return [type, allocate, value(type)] as const;
}

function dataValue(type: number): Uint8Array | null {
  return type === IOVBufferType.data || type === IOVBufferType.stream
    ? Uint8Array.from(MESSAGE)
    : null;
}

/** Replays IOV paths on one realm, with one pair of contexts per DCE style. */
export class IovHarness {
  readonly #realm: Realm;
  readonly #gss: GssApi;
  readonly #pairs = new Map<boolean, Pair>();

  constructor(realm: Realm) {
    this.#realm = realm;
    this.#gss = realm.gss;
  }

  /** Replays a whole path; only its `end` step makes a call. */
  replayPath(path: ModelPath, record: (step: PathStep, verdict: StepVerdict) => void): void {
    // ModelPath inputs are the IOV machine's inputs for this harness.
    const input = path.input as IovMachineInput;
    const words: Word[] = [];
    const end = path.steps.findIndex((step) => step.event.type === 'end');
    if (end < 0) return;
    for (const step of path.steps.slice(0, end)) {
      // The IOV machine's events are buffers and the end.
      const event = step.event as IovBufferEvent | IovEndEvent;
      if (event.type === 'buffer') words.push(event.word);
    }
    const last = path.steps[end];
    if (last === undefined) return;

    const verdict = this.#call(input, words, last);
    for (const step of path.steps.slice(0, end + 1)) {
      // The buffer events are recorded by the call at `end`: they share its verdict.
      record(step, verdict);
    }
  }

  #call(input: IovMachineInput, words: readonly Word[], last: PathStep): StepVerdict {
    const { operation } = input;
    if (!hasExtension(this.#gss, EXTENSION[operation])) {
      return {
        kind: 'unreplayable',
        reason: `${operation}: the backend lacks ${EXTENSION[operation]}`,
      };
    }
    const verdict = (last.snapshot.context as IovMachineContext).verdict;
    if (verdict === null) throw new Error('no verdict at end');
    if (verdict.aborts === true && this.#realm.backend === 'mit') {
      return {
        kind: 'unreplayable',
        reason: 'verifyMicIov with a STREAM buffer: MIT asserts and aborts the process',
      };
    }

    const pair = this.#pair(input.dceStyle === true);
    const iov = this.#layout(input, words, pair);
    const before = [...iov].map((buffer) => buffer.allocate === true);
    const outcome = this.#run(operation, pair.acceptor, iov, input.confidential === true);
    const compared = compare(verdict, outcome, false);
    if (compared.kind !== 'matched' || !verdict.ok) return compared;

    const allocated = [...iov].flatMap((buffer, index) =>
      before[index] === true && buffer.allocate === null ? [index] : [],
    );
    const expected = [...verdict.allocated];
    return JSON.stringify(allocated) === JSON.stringify(expected)
      ? compared
      : {
          kind: 'mismatched',
          detail: `allocated ${JSON.stringify(allocated)}, predicted ${JSON.stringify(expected)}`,
        };
  }

  #run(
    operation: IovOperation,
    context: SecurityContext,
    iov: IOV,
    confidential: boolean,
  ): Outcome {
    const gss = this.#gss;
    switch (operation) {
      case 'wrapIov':
        return observe(() => gss.wrapIov(context, iov, { confidential }), complete);
      case 'wrapIovLength':
        return observe(() => gss.wrapIovLength(context, iov, { confidential }), complete);
      case 'unwrapIov':
        return observe(() => gss.unwrapIov(context, iov), complete);
      case 'getMicIov':
        return observe(() => gss.getMicIov(context, iov), complete);
      case 'getMicIovLength':
        return observe(() => gss.getMicIovLength(context, iov), complete);
      case 'verifyMicIov':
        return observe(() => gss.verifyMicIov(context, iov), complete);
    }
  }

  /**
   * The buffer list for `words`. For unwrapIov and verifyMicIov the initiator first makes the
   * token with wrapIov or getMicIov on the same layout (or, for a STREAM, a whole wrap token),
   * so that the acceptor's buffers hold what the peer really sent.
   */
  #layout(input: IovMachineInput, words: readonly Word[], pair: Pair): IOV {
    const gss = this.#gss;
    const plain = () =>
      new IOV(
        words.map((word) => bufferFor(word, dataValue)),
        { stdLayout: false },
      );
    if (input.operation !== 'unwrapIov' && input.operation !== 'verifyMicIov') return plain();

    const streams = words.filter((word) => (word & 0xffff) === IOVBufferType.stream).length;
    if (streams === 1) {
      const token = gss.wrap(pair.initiator, MESSAGE, {
        confidential: input.confidential === true,
      });
      return new IOV(
        words.map((word) =>
          bufferFor(word, (type) => (type === IOVBufferType.stream ? token.message : null)),
        ),
        { stdLayout: false },
      );
    }

    if (input.operation === 'verifyMicIov') {
      // RFC 4121 §4.2.4: a MIC is over the data then the token header, so the peer's getMic
      // of the DATA buffers joined is the MIC of this layout, whatever its other buffers.
      const joined = words.filter((word) => (word & 0xffff) === IOVBufferType.data).length;
      const message = new Uint8Array(joined * MESSAGE.length);
      for (let index = 0; index < joined; index++) message.set(MESSAGE, index * MESSAGE.length);
      const mic = gss.getMic(pair.initiator, message);
      return new IOV(
        words.map((word) =>
          bufferFor(word, (type) => (type === IOVBufferType.micToken ? mic : dataValue(type))),
        ),
        { stdLayout: false },
      );
    }

    const sent = plain();
    try {
      gss.wrapIov(pair.initiator, sent, { confidential: input.confidential === true });
    } catch {
      // A layout the sender refuses is refused by the receiver too; its buffers stay empty.
      return plain();
    }
    return new IOV(
      [...sent].map((buffer, index) => {
        const word = words[index] ?? 0;
        return [buffer.type, (word & GSS_IOV_BUFFER_FLAG_ALLOCATE) !== 0, buffer.value] as const;
      }),
      { stdLayout: false },
    );
  }

  #pair(dceStyle: boolean): Pair {
    let pair = this.#pairs.get(dceStyle);
    if (pair === undefined) {
      pair = establishPair(this.#realm, dceStyle);
      this.#pairs.set(dceStyle, pair);
    }
    return pair;
  }
}
