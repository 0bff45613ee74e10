/**
 * The scenarios of the differential properties (issue 5), as plain data that prints in full:
 * flag names, channel bindings with their bytes in hex, and a message schedule whose channel
 * (drops, duplicates, late tokens, single-bit tampering) is spelt out delivery by delivery.
 * Message bodies are not stored: {@link messageBody} makes them from a size and a fill byte, so
 * a 70,000-byte message prints as two numbers.
 */
import fc from 'fast-check';
import { RequirementFlag } from '../../src/spec/flags.js';

/** The name of a requirement flag, as `RequirementFlag` spells it. */
export type FlagName = keyof typeof RequirementFlag;

/** Every requirement flag name, in bit order. */
export const FLAG_NAMES: readonly FlagName[] = (Object.keys(RequirementFlag) as FlagName[]).sort(
  (a, b) => RequirementFlag[a] - RequirementFlag[b],
);

/** Channel bindings as data: address types and hex bytes (null for an absent field). */
export interface BindingsSpec {
  readonly initiatorAddressType: number;
  readonly initiatorAddress: string | null;
  readonly acceptorAddressType: number;
  readonly acceptorAddress: string | null;
  readonly applicationData: string | null;
}

/**
 * A single-bit flip of the context token of leg `leg` (0 is the initiator's first token, 1
 * the acceptor's answer, ...): in its `head`, the bytes both realms share (the RFC 2743
 * mechanism OID and the RFC 4121 TOK_ID of a framed token, the RFC 4120 tag of a raw one), or in
 * its `tail`, the last 12 bytes (the checksum of its last encrypted part). Lengths and the
 * ticket differ between the realms (see `differential-run.ts`), so other bits are not
 * comparable.
 */
export interface ContextTamper {
  readonly leg: number;
  readonly part: 'head' | 'tail';
  readonly bit: number;
}

/**
 * A context establishment between the realm's user and `host@<hostname>`, with one flipped
 * bit or none, and with the initiator's first token replayed to a new acceptor at the end.
 */
export interface EstablishScenario {
  readonly flags: readonly FlagName[];
  readonly initiatorBindings: BindingsSpec | null;
  readonly acceptorBindings: BindingsSpec | null;
  readonly tamper: ContextTamper | null;
  readonly replay: boolean;
}

/** Which end of a context. */
export type Side = 'initiator' | 'acceptor';

/** One message: its sender, MIC or Wrap, sealed or not, and its body (see {@link messageBody}). */
export interface MessageSpec {
  readonly from: Side;
  readonly kind: 'wrap' | 'mic';
  readonly confidential: boolean;
  readonly size: number;
  readonly fill: number;
}

/**
 * A single-bit flip: in the token's 16-byte RFC 4121 header, in the bytes after it, in its
 * last 16 bytes (the checksum), or in the message a MIC token covers. `bit` is taken modulo the
 * bits of the part; a part that is empty leaves the delivery untouched.
 */
export interface Tamper {
  readonly part: 'header' | 'body' | 'tail' | 'message';
  readonly bit: number;
}

/**
 * One delivery of the channel: the index of a message, a flip or none, and whether it goes
 * back to its own sender (a reflection) instead of to the peer.
 */
export interface Delivery {
  readonly message: number;
  readonly tamper: Tamper | null;
  readonly reflected: boolean;
}

/** A context export and import (RFC 2743 §2.2.8, §2.2.9) before the delivery `before`. */
export interface Transfer {
  readonly before: number;
  readonly side: Side;
}

/**
 * An establishment, then messages sent in order (each side's SND_SEQ counts up in that order)
 * and delivered as `channel` says. A message is wrapped when a delivery first needs it (with
 * every earlier message), so that a transfer between deliveries moves a sender mid-stream too.
 */
export interface MessageScenario {
  readonly flags: readonly FlagName[];
  readonly messages: readonly MessageSpec[];
  readonly channel: readonly Delivery[];
  readonly transfers: readonly Transfer[];
}

/** The bytes of a message: `size` bytes counting up from `fill`. */
export function messageBody(spec: MessageSpec): Uint8Array {
  const body = new Uint8Array(spec.size);
  for (let index = 0; index < body.length; index++) body[index] = (spec.fill + index) & 0xff;
  return body;
}

const hexBytes = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .uint8Array({ maxLength })
    .map((bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(''));

/** Address types: unspecified, local, IPv4 (GSS_C_AF_INET), IPv6 (24) and NULLADDR (255). */
const addressType = fc.constantFrom(0, 1, 2, 24, 255);

const bindingsSpec: fc.Arbitrary<BindingsSpec> = fc.record({
  initiatorAddressType: addressType,
  initiatorAddress: fc.option(hexBytes(16)),
  acceptorAddressType: addressType,
  acceptorAddress: fc.option(hexBytes(16)),
  applicationData: fc.option(hexBytes(48)),
});

/** `spec` with one field changed, so that a near miss is tried as often as a far one. */
const nearMiss = (spec: BindingsSpec): fc.Arbitrary<BindingsSpec> =>
  fc.oneof(
    hexBytes(48).map((applicationData) => ({ ...spec, applicationData })),
    hexBytes(16).map((initiatorAddress) => ({ ...spec, initiatorAddress })),
    addressType.map((acceptorAddressType) => ({ ...spec, acceptorAddressType })),
  );

/**
 * Initiator and acceptor bindings: equal, absent on either side or both, near, or unrelated.
 * Mismatches are rarer, so that most runs reach the established context's flags.
 */
const bindingsPair = fc.oneof(
  { arbitrary: bindingsSpec.map((spec) => [spec, spec] as const), weight: 3 },
  {
    arbitrary: fc.oneof(
      bindingsSpec.map((spec) => [spec, null] as const),
      bindingsSpec.map((spec) => [null, spec] as const),
      fc.constant([null, null] as const),
    ),
    weight: 3,
  },
  {
    arbitrary: bindingsSpec.chain((spec) => nearMiss(spec).map((other) => [spec, other] as const)),
    weight: 1,
  },
  { arbitrary: fc.tuple(bindingsSpec, bindingsSpec), weight: 1 },
);

/**
 * Establishments with any subset of the requirement flags, any channel bindings, a flipped
 * bit in one run of four, and a replayed first token in one of two.
 */
export const establishScenario: fc.Arbitrary<EstablishScenario> = fc
  .tuple(
    fc.subarray([...FLAG_NAMES]),
    bindingsPair,
    fc.oneof(
      { arbitrary: fc.constant(null), weight: 3 },
      {
        arbitrary: fc.record({
          leg: fc.nat(3),
          part: fc.constantFrom<ContextTamper['part']>('head', 'tail'),
          bit: fc.nat(1 << 10),
        }),
        weight: 1,
      },
    ),
    fc.boolean(),
  )
  .map(([flags, [initiatorBindings, acceptorBindings], tamper, replay]) => ({
    flags,
    tamper,
    replay,
    initiatorBindings,
    acceptorBindings,
  }));

/** The flags that change what happens to messages. */
const MESSAGE_FLAGS: readonly FlagName[] = [
  'mutualAuthentication',
  'replayDetection',
  'outOfSequenceDetection',
  'confidentiality',
  'integrity',
  'dceStyle',
];

const messageSize = fc.oneof(
  { arbitrary: fc.nat(64), weight: 6 },
  { arbitrary: fc.nat(2000), weight: 3 },
  { arbitrary: fc.nat(70_000), weight: 1 },
);

const messageSpec: fc.Arbitrary<MessageSpec> = fc.record({
  from: fc.constantFrom<Side>('initiator', 'acceptor'),
  kind: fc.constantFrom<MessageSpec['kind']>('wrap', 'mic'),
  confidential: fc.boolean(),
  size: messageSize,
  fill: fc.nat(255),
});

const tamper: fc.Arbitrary<Tamper> = fc.record({
  part: fc.constantFrom<Tamper['part']>('header', 'body', 'tail', 'message'),
  bit: fc.nat(1 << 20),
});

/** What the channel does with one message. */
interface Fate {
  readonly kind: 'deliver' | 'drop' | 'duplicate' | 'late' | 'reflect';
  /** How many messages later a late copy or a duplicate arrives. */
  readonly by: number;
  readonly tamper: Tamper | null;
}

const fate: fc.Arbitrary<Fate> = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constant('deliver' as const), weight: 8 },
    {
      arbitrary: fc.constantFrom<Fate['kind']>('drop', 'duplicate', 'late', 'reflect'),
      weight: 3,
    },
  ),
  by: fc.integer({ min: 1, max: 3 }),
  tamper: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: tamper, weight: 1 }),
});

/**
 * The deliveries the fates give, in order: message `i` arrives at slot `i`, a late one at
 * `i + by`, a duplicate at `i` and again (untouched) at `i + by`, a reflected one at `i` back
 * at its sender and then at the peer at `i + by`; ties keep sending order.
 */
function channelOf(fates: readonly Fate[]): Delivery[] {
  const slots: { at: number; order: number; delivery: Delivery }[] = [];
  fates.forEach((given, message) => {
    const at = given.kind === 'late' ? message + given.by + 0.5 : message;
    const reflected = given.kind === 'reflect';
    if (given.kind !== 'drop') {
      const delivery = { message, tamper: given.tamper, reflected };
      slots.push({ at, order: slots.length, delivery });
    }
    if (given.kind === 'duplicate' || reflected) {
      const again = { message, tamper: null, reflected: false };
      slots.push({ at: message + given.by + 0.5, order: slots.length, delivery: again });
    }
  });
  slots.sort((a, b) => a.at - b.at || a.order - b.order);
  return slots.map((slot) => slot.delivery);
}

/**
 * Message schedules: flags, 1 to 10 messages, the channel their fates give, and (when
 * `transfers`) up to three exports and imports between deliveries.
 */
export function messageScenario(transfers: boolean): fc.Arbitrary<MessageScenario> {
  const transfer: fc.Arbitrary<Transfer> = fc.record({
    before: fc.nat(24),
    side: fc.constantFrom<Side>('initiator', 'acceptor'),
  });
  return fc
    .record({
      flags: fc.subarray([...MESSAGE_FLAGS]),
      sent: fc.array(fc.tuple(messageSpec, fate), { minLength: 1, maxLength: 10 }),
      transfers: transfers
        ? fc.array(transfer, { minLength: 1, maxLength: 3 })
        : fc.constant<Transfer[]>([]),
    })
    .map(({ flags, sent, transfers: moves }) => {
      const channel = channelOf(sent.map(([, given]) => given));
      return {
        flags,
        messages: sent.map(([spec]) => spec),
        channel,
        transfers: moves
          .map((move) => ({ ...move, before: move.before % (channel.length + 1) }))
          .sort((a, b) => a.before - b.before),
      };
    });
}
