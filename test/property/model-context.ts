/**
 * Replays context-machine events as real calls on one security context handle.
 *
 * The handle under test is driven by the events; a peer context (the other end) is driven by
 * the harness so that a `valid` token is always the token the peer really produced for the
 * handle's next leg. Tokens of the other kinds are made from real ones: `invalid` is a real
 * token with its last octet flipped (an integrity failure), `krbError` is the KRB-ERROR an
 * acceptor really sent for a tampered AP-REQ, `unframed` is an empty buffer (python-gssapi's
 * `input_token=None`), `wrongTokenId` is a real AP-REQ whose TOK_ID says AP-REP.
 *
 * @module
 */

import type { SimRealm } from '../../src/sim/realm/sim-realm.js';
import { GssError } from '../../src/spec/errors.js';
import { IOVBufferType, RequirementFlag } from '../../src/spec/flags.js';
import type { GssApi } from '../../src/spec/gss-api.js';
import type { Name, SecurityContext } from '../../src/spec/handles.js';
import { IOV } from '../../src/spec/iov.js';
import type {
  ContextEvent,
  ContextMachineContext,
  InputTokenKind,
} from '../../src/spec/machines/context.js';
import type { ContextCall } from '../../src/spec/machines/context-calls.js';
import { ExtensionOid, MechType, NameType } from '../../src/spec/oids.js';
import type { Realm } from '../../src/spec/realm.js';
import { GSS_S_COMPLETE, GSS_S_CONTINUE_NEEDED } from '../../src/spec/status.js';
import { compare, complete, type Outcome, observe, predictsNullHandle } from './model-outcome.js';
import type { PathStep, StepVerdict } from './model-paths.js';

const MESSAGE = new TextEncoder().encode('model-based message');
/** A token of no mechanism, for receiving calls on a context that reads no token. */
const UNRELATED = Uint8Array.of(0x60, 0x03, 0x06, 0x01, 0x00);

/** The extension a context call needs, or null for a core call. */
const CALL_EXTENSIONS: Partial<Record<ContextCall, string>> = {
  wrapIov: 'dce',
  wrapIovLength: 'dce',
  unwrapIov: 'dce',
  getMicIov: 'iovMic',
  getMicIovLength: 'iovMic',
  verifyMicIov: 'iovMic',
  wrapAead: 'dceAead',
  unwrapAead: 'dceAead',
  pseudoRandom: 'rfc4401',
  inquireSecContextByOid: 'ggf',
};

/** Whether `gss` has the extension named `extension`; false for a name it does not know. */
export function hasExtension(gss: GssApi, extension: string): boolean {
  try {
    // `has` throws a TypeError for a name that is not an extension of this version of the API.
    return gss.has(extension as Parameters<GssApi['has']>[0]);
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

/** An exported context and its peer, for an import. */
interface Exported {
  readonly token: Uint8Array;
  readonly peer: SecurityContext | null;
  readonly peerDone: boolean;
  readonly pending: Uint8Array | null;
}

/** The output of an establishing call, as the harness needs it. */
interface Step {
  readonly context: SecurityContext;
  readonly token: Uint8Array | null;
  readonly moreSteps: boolean;
  readonly flags: number;
}

function flipLast(token: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(token);
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0x01;
  return copy;
}

/** An RFC 2743 §3.1 framed token with its two TOK_ID octets replaced. */
function withTokenId(token: Uint8Array, id: readonly [number, number]): Uint8Array {
  const copy = Uint8Array.from(token);
  const first = copy[1] ?? 0;
  const lengthSize = first < 0x80 ? 1 : 1 + (first & 0x7f);
  const oidStart = 1 + lengthSize;
  const tokenId = oidStart + 2 + (copy[oidStart + 1] ?? 0);
  copy[tokenId] = id[0];
  copy[tokenId + 1] = id[1];
  return copy;
}

/** How a {@link ContextHarness} is set up. */
export interface ContextHarnessOptions {
  /**
   * The service the initiators target, `<service>@<hostname>` (default `host`): a service no
   * ticket in the ccache is for yet makes a context whose end time is the TGT's.
   */
  readonly service?: string;
}

/** One handle under test on one realm, with its peer. */
export class ContextHarness {
  readonly #realm: Realm;
  readonly #gss: GssApi;
  readonly #target: Name;
  /** The handle, while it holds a context (in the machine's sense, or a husk). */
  #handle: SecurityContext | null = null;
  /** The last handle released by delete or export: what a caller still holds. */
  #released: SecurityContext | null = null;
  #role: 'initiator' | 'acceptor' | null = null;
  /** The other end. */
  #peer: SecurityContext | null = null;
  #peerDone = false;
  /** The token the peer produced for the handle's next leg. */
  #pending: Uint8Array | null = null;
  /** The last token the handle was given, for calls that fail before reading one. */
  #lastInput: Uint8Array | null = null;
  #spareApReq: Uint8Array | null = null;
  #krbErrorToken: Uint8Array | null = null;
  /** When (`Date.now()`) the handle's end time has surely passed, once {@link prepareExpiry} ran. */
  #expiresAt: number | null = null;

  constructor(realm: Realm, options: ContextHarnessOptions = {}) {
    this.#realm = realm;
    this.#gss = realm.gss;
    this.#target = realm.gss.importName(`${options.service ?? 'host'}@${realm.hostname}`, {
      nameType: NameType.hostbasedService,
    });
  }

  /** The handle's role, once it holds a context. */
  get role(): 'initiator' | 'acceptor' | null {
    return this.#role;
  }

  /**
   * Makes the tokens that steps after `endtimePasses` may need while the tickets are still
   * valid, and returns the handle's lifetime in seconds (`contextTime`): once that many seconds
   * and one more have passed, the end time has too (MIT counts whole seconds).
   */
  prepareExpiry(): number {
    const handle = this.#handle;
    if (handle === null) throw new Error('endtimePasses without a context');
    this.#freshApReq(RequirementFlag.mutualAuthentication);
    this.#krbError();
    const lifetime = this.#gss.contextTime(handle);
    this.#expiresAt = Date.now() + (lifetime + 1) * 1000;
    return lifetime;
  }

  /**
   * Replays `step` and compares it with the machine's prediction. An event the backend cannot
   * replay is reported as such.
   */
  replay(step: PathStep<ContextEvent>): StepVerdict {
    const event = step.event;
    const expected = (step.snapshot.context as ContextMachineContext).result;

    if (event.type === 'endtimePasses') return this.#endtimePasses();
    if (expected === null) throw new Error(`no prediction for ${event.type}`);
    if (expected.aborts === true && this.#realm.backend === 'mit') {
      return { kind: 'unreplayable', reason: `${event.type}: MIT crashes the process here` };
    }
    const outcome = this.#call(event);
    if (typeof outcome === 'string') return { kind: 'unreplayable', reason: outcome };
    const nullHandle = isContextCall(event) && predictsNullHandle(expected);
    return compare(expected, outcome, nullHandle);
  }

  /**
   * The sim's clock is moved past the end time. MIT's cannot be: the end time must come, after
   * {@link prepareExpiry}, for a context made from a short-lived ticket (an initiator's ends
   * with its ticket; an acceptor's 300 s later, the clock skew).
   */
  #endtimePasses(): StepVerdict {
    if (this.#realm.backend === 'sim') {
      // The realm is a sim realm (checked above); Realm does not carry the clock.
      const clock = (this.#realm as SimRealm).clock;
      if (!clock.virtual) throw new Error('the sim realm must run on a virtual clock');
      clock.advance(this.prepareExpiry() + 3_600);
      return { kind: 'matched' };
    }
    if (this.#role === 'acceptor') {
      const reason = 'endtimePasses: a MIT acceptor outlives its ticket by the clock skew (300 s)';
      return { kind: 'unreplayable', reason };
    }
    if (this.#expiresAt === null) {
      const reason = 'endtimePasses: MIT time cannot be moved; only the expiry batch waits';
      return { kind: 'unreplayable', reason };
    }
    if (Date.now() < this.#expiresAt) throw new Error('endtimePasses before the end time');
    return { kind: 'matched' };
  }

  /** The outcome of the event's call, or why the backend cannot make it. */
  #call(event: ContextEvent): Outcome | string {
    switch (event.type) {
      case 'initSecContext':
        return this.#init(event.flags ?? 0, event.inputToken ?? 'valid');
      case 'acceptSecContext':
        return this.#accept(event.flags ?? 0, event.inputToken ?? 'valid');
      case 'importSecContext':
        return this.#import(event.role, event.flags ?? 0, event.established);
      case 'endtimePasses':
        throw new Error('handled by replay');
      default:
        return this.#contextCall(event.type);
    }
  }

  // --- establishing calls on the handle ---

  #init(flags: number, kind: InputTokenKind): Outcome {
    const context = this.#handle;
    const inputToken = context === null ? this.#firstInitToken(kind) : this.#token(kind, flags);
    const outcome = observe(
      () =>
        this.#gss.initSecContext(this.#target, {
          context,
          flags,
          mech: MechType.kerberos,
          inputToken,
        }),
      (result) => {
        this.#took({ ...result, flags: Number(result.flags) }, 'initiator');
        return establishing(result.moreSteps, result.token !== null, Number(result.flags));
      },
    );
    return outcome;
  }

  #accept(flags: number, kind: InputTokenKind): Outcome {
    const context = this.#handle;
    const input = context === null ? this.#firstAcceptToken(flags, kind) : this.#token(kind, flags);
    return observe(
      () => this.#gss.acceptSecContext(input, { context }),
      (result) => {
        this.#took({ ...result, flags: Number(result.flags) }, 'acceptor');
        return establishing(result.moreSteps, result.token !== null, Number(result.flags));
      },
    );
  }

  #import(role: 'initiator' | 'acceptor', flags: number, established: boolean): Outcome | string {
    const exported = this.#exportedContext(role, flags, established);
    return observe(
      () => this.#gss.importSecContext(exported.token),
      (context) => {
        this.#handle = context;
        this.#role = role;
        this.#peer = exported.peer;
        this.#peerDone = exported.peerDone;
        this.#pending = exported.pending;
        return complete();
      },
    );
  }

  /** Records a successful establishing step of the handle and lets the peer answer it. */
  #took(step: Step, role: 'initiator' | 'acceptor'): void {
    if (this.#handle === null) {
      this.#role = role;
      // A new initiator gets a new peer acceptor; a new acceptor keeps the peer initiator that
      // #firstAcceptToken made.
      if (role === 'initiator') {
        this.#peer = null;
        this.#peerDone = false;
      }
    }
    this.#handle = step.context;
    this.#pending = null;
    if (step.token !== null) this.#answer(step.token);
  }

  /** The peer's answer to the handle's token becomes the pending token. */
  #answer(token: Uint8Array): void {
    try {
      if (this.#role === 'initiator') {
        const reply = this.#gss.acceptSecContext(token, { context: this.#peer });
        this.#peer = reply.context;
        this.#peerDone = !reply.moreSteps;
        this.#pending = reply.token;
      } else {
        const reply = this.#gss.initSecContext(this.#target, {
          context: this.#peer,
          mech: MechType.kerberos,
          inputToken: token,
        });
        this.#peer = reply.context;
        this.#peerDone = !reply.moreSteps;
        this.#pending = reply.token;
      }
    } catch (error) {
      if (!(error instanceof GssError)) throw error;
      this.#pending = null;
    }
  }

  /** A first init reads no token: `valid` is none, the other kinds are given anyway. */
  #firstInitToken(kind: InputTokenKind): Uint8Array | null {
    if (kind === 'valid') return null;
    return this.#token(kind, 0);
  }

  /** A first accept: a fresh AP-REQ from a new peer initiator asking for `flags`. */
  #firstAcceptToken(flags: number, kind: InputTokenKind): Uint8Array {
    const first = this.#gss.initSecContext(this.#target, { flags, mech: MechType.kerberos });
    if (first.token === null) throw new Error('the peer initiator sent no AP-REQ');
    this.#peer = first.context;
    this.#peerDone = !first.moreSteps;
    if (kind === 'valid') return first.token;
    if (kind === 'invalid') return flipLast(first.token);
    if (kind === 'wrongTokenId') return this.#wrongTokenId(flags);
    return this.#token(kind, flags);
  }

  /** A token of `kind` for the handle's next leg. */
  #token(kind: InputTokenKind, flags: number): Uint8Array {
    const valid = this.#pending ?? this.#lastInput ?? this.#freshApReq(flags);
    this.#lastInput = valid;
    switch (kind) {
      case 'valid':
        return valid;
      case 'invalid':
        return flipLast(valid);
      case 'krbError':
        return this.#krbError();
      case 'unframed':
        return new Uint8Array(0);
      case 'wrongTokenId':
        return this.#wrongTokenId(flags);
    }
  }

  /** A framed AP-REQ whose TOK_ID says AP-REP; a DCE AP-REQ is raw, so DCE is left out. */
  #wrongTokenId(flags: number): Uint8Array {
    const framed = flags & ~RequirementFlag.dceStyle;
    return withTokenId(this.#freshApReq(framed), [0x02, 0x00]);
  }

  /**
   * A new AP-REQ asking for `flags`. Past the tickets' end time (after `endtimePasses` on the
   * sim) none can be made; the last one made stands in, as every call that then needs a token
   * fails before reading it.
   */
  #freshApReq(flags: number): Uint8Array {
    try {
      const result = this.#gss.initSecContext(this.#target, { flags, mech: MechType.kerberos });
      this.#gss.deleteSecContext(result.context);
      if (result.token === null) throw new Error('no AP-REQ');
      this.#spareApReq = result.token;
      return result.token;
    } catch (error) {
      if (!(error instanceof GssError) || this.#spareApReq === null) throw error;
      return this.#spareApReq;
    }
  }

  /** The KRB-ERROR an acceptor sends back for a tampered mutual AP-REQ (made once). */
  #krbError(): Uint8Array {
    if (this.#krbErrorToken !== null) return this.#krbErrorToken;
    const apReq = flipLast(this.#freshApReq(RequirementFlag.mutualAuthentication));
    try {
      this.#gss.acceptSecContext(apReq);
    } catch (error) {
      if (error instanceof GssError && error.token !== null && error.token !== undefined) {
        this.#krbErrorToken = error.token;
        return error.token;
      }
      throw error;
    }
    throw new Error('a tampered AP-REQ was accepted');
  }

  /** A context of `role` in the given state, exported, with its peer. */
  #exportedContext(role: 'initiator' | 'acceptor', flags: number, established: boolean): Exported {
    const gss = this.#gss;
    const init = (context: SecurityContext | null, inputToken: Uint8Array | null) =>
      gss.initSecContext(this.#target, { context, flags, mech: MechType.kerberos, inputToken });

    const first = init(null, null);
    if (first.token === null) throw new Error('no AP-REQ');
    const accepted = gss.acceptSecContext(first.token);
    if (role === 'initiator') {
      if (!established) {
        const token = gss.exportSecContext(first.context);
        return {
          token,
          peer: accepted.context,
          peerDone: !accepted.moreSteps,
          pending: accepted.token,
        };
      }
      const done = accepted.token === null ? first : init(first.context, accepted.token);
      const peer = accepted.context;
      let peerDone = !accepted.moreSteps;
      if (done.token !== null && !peerDone) {
        peerDone = !gss.acceptSecContext(done.token, { context: peer }).moreSteps;
      }
      return { token: gss.exportSecContext(done.context), peer, peerDone, pending: null };
    }

    const reply = accepted.token === null ? null : init(first.context, accepted.token);
    if (!established) {
      const token = gss.exportSecContext(accepted.context);
      const pending = reply?.token ?? null;
      return { token, peer: first.context, peerDone: reply !== null && !reply.moreSteps, pending };
    }
    let acceptor = accepted.context;
    if (accepted.moreSteps && reply?.token) {
      acceptor = gss.acceptSecContext(reply.token, { context: acceptor }).context;
    }
    return {
      token: gss.exportSecContext(acceptor),
      peer: first.context,
      peerDone: true,
      pending: null,
    };
  }

  // --- calls that do not establish ---

  #contextCall(call: ContextCall): Outcome | string {
    const extension = CALL_EXTENSIONS[call];
    if (extension !== undefined && !hasExtension(this.#gss, extension)) {
      return `${call}: the backend lacks ${extension}`;
    }
    const gss = this.#gss;
    // GSS_C_NO_CONTEXT has no object in this API: a released handle stands for it, or null
    // where no handle was ever made; either is a caller's mistake (TypeError).
    const handle = this.#handle ?? this.#released ?? (null as unknown as SecurityContext);

    switch (call) {
      case 'wrap':
        return observe(() => gss.wrap(handle, MESSAGE), complete);
      case 'unwrap':
        return observe(() => gss.unwrap(handle, this.#peerWrap()), complete);
      case 'getMic':
        return observe(() => gss.getMic(handle, MESSAGE), complete);
      case 'verifyMic':
        return observe(() => gss.verifyMic(handle, MESSAGE, this.#peerMic()), complete);
      case 'wrapSizeLimit':
        return observe(() => gss.wrapSizeLimit(handle, 1024), complete);
      case 'wrapIov':
        return observe(() => gss.wrapIov(handle, new IOV([Uint8Array.from(MESSAGE)])), complete);
      case 'wrapIovLength':
        return observe(
          () => gss.wrapIovLength(handle, new IOV([Uint8Array.from(MESSAGE)])),
          complete,
        );
      case 'unwrapIov':
        return observe(() => gss.unwrapIov(handle, this.#peerWrapIov()), complete);
      case 'getMicIov':
        return observe(() => gss.getMicIov(handle, micIov(true, null)), complete);
      case 'getMicIovLength':
        return observe(() => gss.getMicIovLength(handle, micIov(false, null)), complete);
      case 'verifyMicIov':
        return observe(() => gss.verifyMicIov(handle, micIov(false, this.#peerMicIov())), complete);
      case 'wrapAead':
        return observe(() => gss.wrapAead(handle, MESSAGE), complete);
      case 'unwrapAead':
        return observe(() => gss.unwrapAead(handle, this.#peerWrapAead()), complete);
      case 'pseudoRandom':
        return observe(() => pseudoRandom(gss, handle), complete);
      case 'inquireContext':
        return observe(() => gss.inquireContext(handle), complete);
      case 'inquireSecContextByOid':
        return observe(
          () => gss.inquireSecContextByOid(handle, ExtensionOid.inqSspiSessionKey),
          complete,
        );
      case 'contextTime':
        return observe(() => gss.contextTime(handle), complete);
      case 'processContextToken':
        return observe(() => gss.processContextToken(handle, this.#peerWrap()), complete);
      case 'exportSecContext':
        return observe(
          () => gss.exportSecContext(handle),
          () => this.#release(handle),
        );
      case 'deleteSecContext':
        return observe(
          () => gss.deleteSecContext(handle),
          () => this.#release(handle),
        );
    }
  }

  #release(handle: SecurityContext): Outcome {
    this.#handle = null;
    this.#released = handle;
    return complete();
  }

  /** Runs `produce` on the established peer, or gives `fallback` when there is none. */
  #fromPeer<T>(produce: (peer: SecurityContext) => T, fallback: T): T {
    const peer = this.#peer;
    if (peer === null || !this.#peerDone) return fallback;
    try {
      return produce(peer);
    } catch (error) {
      if (error instanceof GssError) return fallback;
      throw error;
    }
  }

  #peerWrap(): Uint8Array {
    return this.#fromPeer((peer) => this.#gss.wrap(peer, MESSAGE).message, UNRELATED);
  }

  #peerMic(): Uint8Array {
    return this.#fromPeer((peer) => this.#gss.getMic(peer, MESSAGE), UNRELATED);
  }

  #peerWrapAead(): Uint8Array {
    return this.#fromPeer((peer) => this.#gss.wrapAead(peer, MESSAGE).message, UNRELATED);
  }

  /** The peer's wrapIov of the message, as buffers the handle can unwrap in place. */
  #peerWrapIov(): IOV {
    const fallback = new IOV(
      [
        [IOVBufferType.header, false, UNRELATED],
        [IOVBufferType.data, false, Uint8Array.from(MESSAGE)],
      ],
      { stdLayout: false },
    );
    return this.#fromPeer((peer) => {
      const sent = new IOV([Uint8Array.from(MESSAGE)]);
      this.#gss.wrapIov(peer, sent);
      return new IOV(
        [...sent].map((buffer) => [buffer.type, false, buffer.value ?? new Uint8Array(0)] as const),
        { stdLayout: false },
      );
    }, fallback);
  }

  #peerMicIov(): Uint8Array {
    return this.#fromPeer((peer) => {
      const iov = micIov(true, null);
      this.#gss.getMicIov(peer, iov);
      return iov.at(1)?.value ?? UNRELATED;
    }, UNRELATED);
  }
}

/** DATA then MIC_TOKEN, the layout of the MIC IOV calls. */
function micIov(allocate: boolean, mic: Uint8Array | null): IOV {
  return new IOV(
    [
      [IOVBufferType.data, false, Uint8Array.from(MESSAGE)],
      [IOVBufferType.micToken, allocate, mic],
    ],
    { stdLayout: false },
  );
}

/** `pseudoRandom(context, GSS_C_PRF_KEY_FULL, input, 16)`, looked up at run time (rfc4401). */
function pseudoRandom(gss: GssApi, context: SecurityContext): unknown {
  const call: unknown = Reflect.get(gss, 'pseudoRandom');
  if (typeof call !== 'function') throw new Error('rfc4401 without pseudoRandom');
  return Reflect.apply(call, gss, [context, 0, MESSAGE, 16]);
}

function isContextCall(event: ContextEvent): boolean {
  return (
    event.type !== 'initSecContext' &&
    event.type !== 'acceptSecContext' &&
    event.type !== 'importSecContext' &&
    event.type !== 'endtimePasses'
  );
}

function establishing(moreSteps: boolean, token: boolean, flags: number): Outcome {
  return {
    kind: 'status',
    major: moreSteps ? GSS_S_CONTINUE_NEEDED : GSS_S_COMPLETE,
    minor: null,
    outputToken: token,
    flags,
  };
}
