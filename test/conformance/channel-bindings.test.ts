/**
 * Channel bindings (RFC 2743 §1.1.6, RFC 4121 §4.1.1.2): matching bindings, bindings on one
 * side only, mismatched bindings, and the channel-bound flag MIT 1.19 and later report to the
 * acceptor. Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import { ChannelBindings } from '../../src/spec/channel-bindings.js';
import type { RequirementFlagSet } from '../../src/spec/flags.js';
import { AddressType, RequirementFlag } from '../../src/spec/flags.js';
import { describeConformance } from './backends.js';
import {
  bytes,
  establish,
  expectGssError,
  frame,
  hostTarget,
  mechglueMappedMinor,
} from './flows.js';

const F = RequirementFlag;
const ALWAYS = [F.confidentiality, F.integrity, F.transferable];

const TLS = new ChannelBindings({ applicationData: bytes('tls-server-end-point:abc') });
const OTHER_TLS = new ChannelBindings({ applicationData: bytes('tls-server-end-point:xyz') });

const sorted = (set: RequirementFlagSet | null | undefined): number[] =>
  set ? [...set].sort((a, b) => a - b) : [];
const list = (flags: readonly number[]): number[] => [...flags].sort((a, b) => a - b);

/** The KRB-ERROR TOK_ID of RFC 4121 §4.1 and the RFC 4120 §5.9.1 APPLICATION 30 tag. */
const KRB_ERROR = { tokId: [0x03, 0x00], tag: 0x7e };

/** What MIT says for bindings that do not match: a status with a minor of 0, mapped. */
const BAD_BINDINGS = {
  name: 'BadChannelBindingsError',
  major: 0x40000,
  minor: mechglueMappedMinor,
  minorMessages: ['Success'],
} as const;

describeConformance('channel-bindings', ({ realm, test }) => {
  test('matching bindings establish, and only the acceptor reports channelBound', () => {
    const { initSteps, acceptSteps } = establish(realm(), {
      flags: 0,
      initiatorBindings: TLS,
      acceptorBindings: TLS,
    });

    expect(sorted(initSteps.at(-1)?.flags)).toEqual(list(ALWAYS));
    expect(sorted(acceptSteps.at(-1)?.flags)).toEqual(list([...ALWAYS, F.channelBound]));
  });

  test('matching bindings with mutual authentication: channelBound on the acceptor alone', () => {
    const { initSteps, acceptSteps } = establish(realm(), {
      flags: F.mutualAuthentication,
      initiatorBindings: TLS,
      acceptorBindings: TLS,
    });

    expect(sorted(initSteps.at(-1)?.flags)).toEqual(list([F.mutualAuthentication, ...ALWAYS]));
    expect(sorted(acceptSteps.at(-1)?.flags)).toEqual(
      list([F.mutualAuthentication, F.protectionReady, F.channelBound, ...ALWAYS]),
    );
  });

  test('matching addresses and data bind as well', () => {
    const bindings = new ChannelBindings({
      initiatorAddressType: AddressType.ip,
      initiatorAddress: new Uint8Array([127, 0, 0, 1]),
      acceptorAddressType: AddressType.ip,
      acceptorAddress: new Uint8Array([127, 0, 0, 2]),
      applicationData: bytes('data'),
    });
    const { acceptSteps } = establish(realm(), {
      flags: 0,
      initiatorBindings: bindings,
      acceptorBindings: bindings,
    });

    expect(acceptSteps.at(-1)?.flags.has(F.channelBound)).toBe(true);
  });

  test('an acceptor without bindings accepts a bound initiator, without channelBound', () => {
    const { acceptSteps } = establish(realm(), {
      flags: F.mutualAuthentication,
      initiatorBindings: TLS,
    });

    expect(sorted(acceptSteps.at(-1)?.flags)).toEqual(
      list([F.mutualAuthentication, F.protectionReady, ...ALWAYS]),
    );
  });

  test('an acceptor with bindings accepts an initiator without, without channelBound', () => {
    const { acceptSteps } = establish(realm(), { flags: 0, acceptorBindings: TLS });

    expect(sorted(acceptSteps.at(-1)?.flags)).toEqual(list(ALWAYS));
  });

  test('mismatched bindings are rejected, with no token when mutual was not asked', () => {
    const { gss } = realm();
    const target = hostTarget(realm());
    const first = gss.initSecContext(target, { flags: 0, channelBindings: TLS });

    const error = expectGssError(
      () => gss.acceptSecContext(first.token ?? new Uint8Array(0), { channelBindings: OTHER_TLS }),
      BAD_BINDINGS,
    );
    expect(error.token).toBeNull();
  });

  test('mismatched bindings with mutual authentication send a KRB-ERROR back', () => {
    const { gss } = realm();
    const target = hostTarget(realm());
    const first = gss.initSecContext(target, {
      flags: F.mutualAuthentication,
      channelBindings: TLS,
    });

    const error = expectGssError(
      () => gss.acceptSecContext(first.token ?? new Uint8Array(0), { channelBindings: OTHER_TLS }),
      BAD_BINDINGS,
    );
    const { inner } = frame(error.token ?? new Uint8Array(0));
    expect(error.token?.[0]).toBe(0x60);
    expect([...inner.subarray(0, 2)]).toEqual(KRB_ERROR.tokId);
    expect(inner[2]).toBe(KRB_ERROR.tag);
  });

  test('bindings differing only in an address are mismatched', () => {
    const { gss } = realm();
    const mine = new ChannelBindings({
      initiatorAddressType: AddressType.ip,
      initiatorAddress: new Uint8Array([127, 0, 0, 1]),
    });
    const theirs = new ChannelBindings({
      initiatorAddressType: AddressType.ip,
      initiatorAddress: new Uint8Array([127, 0, 0, 9]),
    });
    const target = hostTarget(realm());
    const first = gss.initSecContext(target, { flags: 0, channelBindings: mine });

    expectGssError(
      () => gss.acceptSecContext(first.token ?? new Uint8Array(0), { channelBindings: theirs }),
      BAD_BINDINGS,
    );
  });

  test('bindings with IP addresses given as text and application data match when equal', () => {
    const bindings = (acceptorAddress: string) =>
      new ChannelBindings({
        initiatorAddressType: AddressType.ip,
        initiatorAddress: bytes('127.0.0.1'),
        acceptorAddressType: AddressType.ip,
        acceptorAddress: bytes(acceptorAddress),
        applicationData: bytes('abcxyz'),
      });
    const { acceptSteps } = establish(realm(), {
      flags: null,
      initiatorBindings: bindings('127.0.0.1'),
      acceptorBindings: bindings('127.0.0.1'),
    });
    const { gss } = realm();
    const first = gss.initSecContext(hostTarget(realm()), {
      channelBindings: bindings('127.0.0.1'),
    });

    expect(acceptSteps.at(-1)?.flags.has(F.channelBound)).toBe(true);
    expectGssError(
      () =>
        gss.acceptSecContext(first.token ?? new Uint8Array(0), {
          channelBindings: bindings('127.0.1.0'),
        }),
      BAD_BINDINGS,
    );
  });
});
