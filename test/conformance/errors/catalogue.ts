/**
 * The shape of the error catalogue and what its tests share: the expected statuses MIT gives
 * (a mapped minor of 0, a bare one, a krb5 code), the token check, and `displayStatus`.
 */
import { expect } from 'vitest';
import type { GssError } from '../../../src/spec/errors.js';
import { RequirementFlag } from '../../../src/spec/flags.js';
import type { GssApi } from '../../../src/spec/gss-api.js';
import { NameType } from '../../../src/spec/oids.js';
import type { Realm } from '../../../src/spec/realm.js';
import {
  GSS_S_BAD_BINDINGS,
  GSS_S_BAD_MECH,
  GSS_S_BAD_MIC,
  GSS_S_BAD_NAME,
  GSS_S_BAD_NAMETYPE,
  GSS_S_BAD_QOP,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NAME_NOT_MN,
  GSS_S_NO_CONTEXT,
  GSS_S_NO_CRED,
} from '../../../src/spec/status.js';
import { type ExpectedError, frame, hostTarget, mechglueMappedMinor, text } from '../flows.js';

const F = RequirementFlag;

/** The krb5 mechanism OID's DER with its `06` tag. */
export const KRB5_OID_DER = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

/** MIT's text for each major status of the catalogue (`g_dsp_status.c displayMajor`). */
export const MAJOR_TEXT: ReadonlyMap<number, string> = new Map([
  [GSS_S_BAD_MECH, 'An unsupported mechanism was requested'],
  [GSS_S_BAD_NAME, 'An invalid name was supplied'],
  [GSS_S_BAD_NAMETYPE, 'A supplied name was of an unsupported type'],
  [GSS_S_BAD_BINDINGS, 'Incorrect channel bindings were supplied'],
  [GSS_S_BAD_MIC, 'A token had an invalid Message Integrity Check (MIC)'],
  [
    GSS_S_NO_CRED,
    'No credentials were supplied, or the credentials were unavailable or inaccessible',
  ],
  [GSS_S_NO_CONTEXT, 'No context has been established'],
  [GSS_S_DEFECTIVE_TOKEN, 'Invalid token was supplied'],
  [GSS_S_FAILURE, 'Unspecified GSS failure.  Minor code may provide more information'],
  [GSS_S_BAD_QOP, 'The quality-of-protection (QOP) requested could not be provided'],
  [GSS_S_NAME_NOT_MN, 'The provided name was not mechanism specific (MN)'],
]);

/** A minor status of 0 that the mechglue mapped: a made-up number reading `Success`. */
export const mapped = (name: string, major: number): ExpectedError => ({
  name,
  major,
  minor: mechglueMappedMinor,
  minorMessages: ['Success'],
});

/** A minor status of 0 the mechglue gave itself, never mapped: `Unknown error`. */
export const bare = (name: string, major: number): ExpectedError => ({
  name,
  major,
  minor: 0,
  minorMessages: ['Unknown error'],
});

/** A krb5 or com_err minor status that keeps its number. */
export const krb5 = (
  name: string,
  major: number,
  minor: number,
  message: string,
): ExpectedError => ({
  name,
  major,
  minor,
  minorMessages: [message],
});

/** One failure situation: how to provoke it, what MIT answers, and what token comes back. */
export interface Situation {
  /** The test's name: a sentence about what fails. */
  readonly name: string;
  readonly expected: ExpectedError;
  /** The error's output token: an RFC 4121 §4.1 KRB-ERROR token, or none. */
  readonly token: 'krb-error' | 'none';
  /** An extension the situation needs; without it the test is skipped. */
  readonly needs?: 'password';
  /** Sets the situation up and returns the call that fails. */
  readonly arrange: (realm: Realm) => (() => unknown) | Promise<() => unknown>;
}

/** A copy of `token` with the last bit of its last byte flipped. */
export const flipLast = (token: Uint8Array): Uint8Array => {
  const copy = Uint8Array.from(token);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
  return copy;
};

/** The first token of a new context to the realm's host with `flags`. */
export const firstToken = (realm: Realm, flags: number): Uint8Array =>
  realm.gss.initSecContext(hostTarget(realm), { flags }).token ?? new Uint8Array(0);

/** `name` imported as a krb5 principal name. */
export const principal = (gss: GssApi, name: string) =>
  gss.importName(name, { nameType: NameType.kerberosPrincipal });

/** An initiator context that sent its AP-REQ with mutual authentication and waits. */
export const waiting = (realm: Realm) => {
  const first = realm.gss.initSecContext(hostTarget(realm), { flags: F.mutualAuthentication });
  return { context: first.context, token: first.token ?? new Uint8Array(0) };
};

/** The context an acceptor is left with by a krb5 token of the wrong TOK_ID (an AP-REP). */
export const husk = (realm: Realm) => {
  const { gss } = realm;
  const apRep = gss.acceptSecContext(waiting(realm).token).token ?? new Uint8Array(0);
  return gss.acceptSecContext(apRep);
};

/** RFC 4121 §4.1 KRB-ERROR TOK_ID and RFC 4120 §5.9.1 APPLICATION 30 tag. */
export function expectToken(token: Uint8Array | null, kind: Situation['token']): void {
  if (kind === 'none') {
    expect(token).toBeNull();
    return;
  }
  const { oid, inner } = frame(token ?? new Uint8Array(0));
  expect(token?.[0]).toBe(0x60);
  expect([...oid]).toEqual(KRB5_OID_DER);
  expect([...inner.subarray(0, 3)]).toEqual([0x03, 0x00, 0x7e]);
}

/**
 * `displayStatus` explains the error as MIT's `gss_display_status` does: a minor status the
 * process was given reads as the error's first minor text, and the major status gives MIT's
 * texts one per call until `messageContext` comes back 0.
 */
export function expectDisplayStatusAgrees(gss: GssApi, error: GssError): void {
  if (error.minor !== 0) {
    const shown = gss.displayStatus(error.minor, false);
    expect(text(shown.message)).toBe(error.minorMessages[0]);
    expect(shown.moreMessages).toBe(false);
  }
  expect(majorTexts(gss, error.major)).toEqual([MAJOR_TEXT.get(error.major)]);
}

/** Every text of a major status, following `messageContext`. */
export function majorTexts(gss: GssApi, major: number): string[] {
  const texts: string[] = [];
  let messageContext = 0;
  do {
    const shown = gss.displayStatus(major, true, { messageContext });
    texts.push(text(shown.message));
    messageContext = shown.messageContext;
    expect(shown.moreMessages).toBe(messageContext !== 0);
  } while (messageContext !== 0 && texts.length < 8);
  return texts;
}
