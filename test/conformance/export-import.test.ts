/**
 * Export and import of security contexts (RFC 2743 §2.2.8–§2.2.9): the token's layout as MIT's
 * mechglue and krb5 mechanism write it, a context moved mid-conversation at either end with its
 * sequence numbers and replay window, a pending initiator, and the errors for tokens that are
 * empty, truncated, garbled or of another mechanism. Values measured on MIT krb5 1.20.1
 * (Debian 12).
 */
import { expect } from 'vitest';
import { RequirementFlag } from '../../src/spec/flags.js';
import type { SecurityContext } from '../../src/spec/handles.js';
import { describeConformance } from './backends.js';
import {
  bytes,
  displayed,
  establish,
  expectGssError,
  expectTypeError,
  hostTarget,
  mechglueMappedMinor,
  text,
} from './flows.js';

const F = RequirementFlag;

/** The krb5 mechanism OID's DER contents, without the `06` tag: 1.2.840.113554.1.2.2. */
const KRB5_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

/** MIT's `KG_CONTEXT` magic (39756040), which opens the krb5 mechanism's serialized context. */
const KG_CONTEXT = [0x02, 0x5e, 0xa1, 0x08];

/** Where the mechanism's token starts: the 4-byte OID length and the OID. */
const MECH_TOKEN = 4 + KRB5_OID.length;

const word = (token: Uint8Array, offset: number): number =>
  new DataView(token.buffer, token.byteOffset, token.byteLength).getUint32(offset);

/** SND_SEQ of an RFC 4121 token: bytes 8 to 15, big-endian. */
const sndSeq = (token: Uint8Array): bigint =>
  new DataView(token.buffer, token.byteOffset, token.byteLength).getBigUint64(8);

const MALFORMED = {
  name: 'MalformedParameterError',
  major: 0x3090000,
  minor: 0,
  minorMessages: ['Unknown error'],
} as const;

const EINVAL = {
  name: 'GssError',
  major: 0xd0000,
  minor: 22,
  minorMessages: ['Invalid argument'],
} as const;

describeConformance('export-import', ({ realm, test }) => {
  const moved = (context: SecurityContext): SecurityContext => {
    const { gss } = realm();
    return gss.importSecContext(gss.exportSecContext(context));
  };
  const exported = (flags: readonly number[] = [F.mutualAuthentication]) => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags });
    return {
      initiator: gss.exportSecContext(initiator),
      acceptor: gss.exportSecContext(acceptor),
    };
  };

  test('a token is a 4-byte OID length, the krb5 OID, then the serialized krb5 context', () => {
    const { initiator, acceptor } = exported();

    for (const token of [initiator, acceptor]) {
      expect(word(token, 0)).toBe(KRB5_OID.length);
      expect([...token.subarray(4, MECH_TOKEN)]).toEqual(KRB5_OID);
      expect([...token.subarray(MECH_TOKEN, MECH_TOKEN + 4)]).toEqual(KG_CONTEXT);
    }
  });

  test('the serialized context says which side it is and that it is established', () => {
    const { initiator, acceptor } = exported();

    // After the magic: `initiate`, then `established`, as 32-bit big-endian words.
    expect([word(initiator, MECH_TOKEN + 4), word(initiator, MECH_TOKEN + 8)]).toEqual([1, 1]);
    expect([word(acceptor, MECH_TOKEN + 4), word(acceptor, MECH_TOKEN + 8)]).toEqual([0, 1]);
  });

  test('a pending initiator exports as initiating and not established', () => {
    const { gss } = realm();
    const first = gss.initSecContext(hostTarget(realm()), { flags: F.mutualAuthentication });
    const token = gss.exportSecContext(first.context);

    expect([...token.subarray(MECH_TOKEN, MECH_TOKEN + 4)]).toEqual(KG_CONTEXT);
    expect([word(token, MECH_TOKEN + 4), word(token, MECH_TOKEN + 8)]).toEqual([1, 0]);
  });

  test('an imported pending initiator is incomplete and cannot protect messages yet', () => {
    const { gss } = realm();
    const first = gss.initSecContext(hostTarget(realm()), { flags: F.mutualAuthentication });
    const imported = moved(first.context);
    const inquired = gss.inquireContext(imported);

    expect(inquired.complete).toBe(false);
    expect(inquired.locallyInit).toBe(true);
    expect(inquired.initiatorName).toBeNull();
    expect(inquired.lifetime).toBe(0);
    expectGssError(() => gss.wrap(imported, bytes('too soon')), {
      name: 'MissingContextError',
      major: 0x80000,
      minor: 39756039,
      minorMessages: ['Attempt to use incomplete security context'],
    });
  });

  test('a DCE-style acceptor moved between its legs completes with the third token', () => {
    const { gss } = realm();
    const flags = [F.dceStyle, F.mutualAuthentication, F.replayDetection, F.confidentiality];
    const target = hostTarget(realm());
    const first = gss.initSecContext(target, { flags });
    const accepted = gss.acceptSecContext(first.token ?? bytes(''));
    const second = gss.initSecContext(target, {
      flags,
      context: first.context,
      inputToken: accepted.token ?? bytes(''),
    });
    const token = gss.exportSecContext(accepted.context);
    const imported = gss.importSecContext(token);
    const pending = gss.inquireContext(imported);

    expect([word(token, MECH_TOKEN + 4), word(token, MECH_TOKEN + 8)]).toEqual([0, 0]);
    expect([pending.complete, pending.locallyInit, pending.lifetime]).toEqual([false, false, 0]);
    expect(pending.flags?.has(F.dceStyle)).toBe(true);
    expect(pending.flags?.has(F.protectionReady)).toBe(false);
    const third = gss.acceptSecContext(second.token ?? bytes(''), { context: imported });
    expect([third.moreSteps, third.token]).toEqual([false, null]);
    expect(displayed(realm(), third.initiatorName)).toBe(realm().userPrincipal);
    expect([...third.flags].sort((x, y) => x - y)).toEqual([
      F.mutualAuthentication,
      F.replayDetection,
      F.confidentiality,
      F.integrity,
      F.transferable,
      F.dceStyle,
    ]);
    expect(gss.inquireContext(imported).complete).toBe(true);
    const sealed = gss.wrap(second.context, bytes('to the moved acceptor')).message;
    expect(text(gss.unwrap(imported, sealed).message)).toBe('to the moved acceptor');
    const back = gss.wrap(imported, bytes('from the moved acceptor')).message;
    expect(text(gss.unwrap(second.context, back).message)).toBe('from the moved acceptor');
  });

  test('both ends moved mid-conversation go on in both directions', () => {
    const { gss } = realm();
    const flags = [F.mutualAuthentication, F.replayDetection, F.outOfSequenceDetection];
    const { initiator, acceptor } = establish(realm(), { flags });
    expect(text(gss.unwrap(acceptor, gss.wrap(initiator, bytes('one')).message).message)).toBe(
      'one',
    );
    expect(text(gss.unwrap(initiator, gss.wrap(acceptor, bytes('two')).message).message)).toBe(
      'two',
    );
    const newInitiator = moved(initiator);
    const newAcceptor = moved(acceptor);

    const three = gss.wrap(newInitiator, bytes('three')).message;
    const four = gss.getMic(newAcceptor, bytes('four'));

    expect(text(gss.unwrap(newAcceptor, three).message)).toBe('three');
    expect(gss.verifyMic(newInitiator, bytes('four'), four)).toBe(0);
  });

  test('an imported context keeps its names, flags, side and lifetime', () => {
    const { gss } = realm();
    const flags = [F.mutualAuthentication, F.replayDetection, F.delegateToPeer];
    const { initiator, acceptor } = establish(realm(), { flags });
    for (const context of [initiator, acceptor]) {
      const before = gss.inquireContext(context);
      const after = gss.inquireContext(moved(context));

      expect(displayed(realm(), after.initiatorName)).toBe(realm().userPrincipal);
      expect(displayed(realm(), after.targetName)).toBe(realm().hostPrincipal);
      expect(after.flags !== null && [...after.flags].sort()).toEqual(
        before.flags !== null && [...before.flags].sort(),
      );
      expect(after.locallyInit).toBe(before.locallyInit);
      expect(after.complete).toBe(true);
      expect(Math.abs((after.lifetime ?? 0) - (before.lifetime ?? 0))).toBeLessThanOrEqual(1);
    }
  });

  test('the sender goes on from its next sequence number after the move', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), { flags: F.mutualAuthentication });
    const before = gss.getMic(initiator, bytes('before'));
    const imported = moved(initiator);
    const after = gss.getMic(imported, bytes('after'));

    expect(sndSeq(after) - sndSeq(before)).toBe(1n);
    expect(gss.verifyMic(acceptor, bytes('before'), before)).toBe(0);
    expect(gss.verifyMic(acceptor, bytes('after'), after)).toBe(0);
  });

  test('the replay window survives the move: a token seen before is still a duplicate', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), {
      flags: [F.mutualAuthentication, F.replayDetection],
    });
    const token = gss.wrap(initiator, bytes('once')).message;
    gss.unwrap(acceptor, token);
    const imported = moved(acceptor);

    expectGssError(() => gss.unwrap(imported, token), {
      name: 'DuplicateTokenError',
      major: 0x2,
      minor: mechglueMappedMinor,
      minorMessages: ['Success'],
    });
  });

  test('the sequence window survives the move: a gap and a late token are still seen', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), {
      flags: [F.mutualAuthentication, F.outOfSequenceDetection],
    });
    const [one, two, three] = ['1', '2', '3'].map((n) => gss.wrap(initiator, bytes(n)).message);
    gss.unwrap(acceptor, one ?? bytes(''));
    const imported = moved(acceptor);
    const mapped = { minor: mechglueMappedMinor, minorMessages: ['Success'] };

    expectGssError(() => gss.unwrap(imported, three ?? bytes('')), {
      name: 'TokenTooEarlyError',
      major: 0x10,
      ...mapped,
    });
    expectGssError(() => gss.unwrap(imported, two ?? bytes('')), {
      name: 'TokenTooLateError',
      major: 0x8,
      ...mapped,
    });
  });

  test('one token imports twice, into two contexts with windows of their own', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm(), {
      flags: [F.mutualAuthentication, F.replayDetection],
    });
    const token = gss.exportSecContext(acceptor);
    const first = gss.importSecContext(token);
    const second = gss.importSecContext(token);
    const message = gss.wrap(initiator, bytes('to both')).message;

    expect(text(gss.unwrap(first, message).message)).toBe('to both');
    expect(text(gss.unwrap(second, message).message)).toBe('to both');
  });

  test('the context imports under the pre-RFC krb5 OID 1.3.5.1.5.2 too', () => {
    const { gss } = realm();
    const { initiator } = exported();
    const oldOid = [0x2b, 0x05, 0x01, 0x05, 0x02];
    const token = new Uint8Array([0, 0, 0, oldOid.length, ...oldOid, ...initiator.subarray(13)]);

    expect(gss.inquireContext(gss.importSecContext(token)).locallyInit).toBe(true);
  });

  test('an empty token cannot be read', () => {
    expectGssError(() => realm().gss.importSecContext(new Uint8Array(0)), {
      name: 'TokenReadError',
      major: 0x1090000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('a token too short for its OID, or claiming a huge one, is a malformed parameter', () => {
    const { gss } = realm();
    const { initiator } = exported();
    const huge = Uint8Array.from(initiator);
    huge[0] = 0x7f;

    expectGssError(() => gss.importSecContext(new Uint8Array([1, 2, 3])), MALFORMED);
    expectGssError(() => gss.importSecContext(new Uint8Array([0, 0, 0, 0])), MALFORMED);
    expectGssError(() => gss.importSecContext(new Uint8Array([0, 0, 0, 9])), MALFORMED);
    expectGssError(() => gss.importSecContext(new Uint8Array(64).fill(0x41)), MALFORMED);
    expectGssError(() => gss.importSecContext(huge), MALFORMED);
  });

  test('the krb5 OID with no context, or garbage after it, is an invalid argument', () => {
    const { gss } = realm();
    const { initiator } = exported();

    expectGssError(() => gss.importSecContext(initiator.subarray(0, MECH_TOKEN)), EINVAL);
    expectGssError(() => gss.importSecContext(initiator.subarray(0, MECH_TOKEN + 1)), EINVAL);
    const garbage = new Uint8Array([...initiator.subarray(0, MECH_TOKEN), 1, 2, 3, 4, 5, 6, 7]);
    expectGssError(() => gss.importSecContext(garbage), EINVAL);
  });

  test('a context token cut short by one byte fails as MIT does, out of memory', () => {
    const { acceptor } = exported();

    expectGssError(() => realm().gss.importSecContext(acceptor.subarray(0, -1)), {
      name: 'GssError',
      major: 0xd0000,
      minor: 12,
      minorMessages: ['Cannot allocate memory'],
    });
  });

  test('a changed trailer byte is an invalid argument', () => {
    const { acceptor } = exported();
    const changed = Uint8Array.from(acceptor);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 0xff;

    expectGssError(() => realm().gss.importSecContext(changed), EINVAL);
  });

  test('a token naming an unknown mechanism is a bad mechanism', () => {
    const { initiator } = exported();
    const foreign = Uint8Array.from(initiator);
    foreign[MECH_TOKEN - 1] = 0x03; // 1.2.840.113554.1.2.3

    expectGssError(() => realm().gss.importSecContext(foreign), {
      name: 'BadMechanismError',
      major: 0x10000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('an exported, deleted or foreign handle is a TypeError, and so is a non-byte token', () => {
    const { gss } = realm();
    const { initiator, acceptor } = establish(realm());
    gss.exportSecContext(initiator);
    gss.deleteSecContext(acceptor);

    expectTypeError(() => gss.exportSecContext(initiator));
    expectTypeError(() => gss.exportSecContext(acceptor));
    expectTypeError(() => gss.getMic(initiator, bytes('x')));
    expectTypeError(() => gss.unwrap(acceptor, bytes('x')));
    expectTypeError(() => gss.importSecContext('token' as unknown as Uint8Array));
  });
});
