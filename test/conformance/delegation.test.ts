/**
 * Credential delegation (RFC 4121 §4.1.1, the 0x8003 checksum's KRB-CRED): with a forwardable
 * TGT, `delegateToPeer` hands the acceptor a credential it can use as the user. The realm's
 * user TGT is expected to be forwardable from the start (as `k5test.py` realms are, by
 * `forwardable = true` in krb5.conf). Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import type { RequirementFlagSet } from '../../src/spec/flags.js';
import { RequirementFlag } from '../../src/spec/flags.js';
import { MechType } from '../../src/spec/oids.js';
import { describeConformance } from './backends.js';
import { bytes, displayed, establish, text } from './flows.js';

const F = RequirementFlag;
const ALWAYS = [F.confidentiality, F.integrity, F.transferable];

const sorted = (set: RequirementFlagSet | null | undefined): number[] =>
  set ? [...set].sort((a, b) => a - b) : [];
const list = (flags: readonly number[]): number[] => [...flags].sort((a, b) => a - b);

describeConformance('delegation', ({ realm, test }) => {
  const delegated = (flags: readonly number[] = [F.delegateToPeer]) => {
    const established = establish(realm(), { flags });
    const accepted = established.acceptSteps.at(-1);
    return { ...established, accepted, creds: accepted?.delegatedCreds ?? null };
  };

  test('delegateToPeer alone is granted to both sides and yields delegated credentials', () => {
    const { initSteps, accepted, creds } = delegated();

    expect(sorted(initSteps.at(-1)?.flags)).toEqual(list([F.delegateToPeer, ...ALWAYS]));
    expect(sorted(accepted?.flags)).toEqual(list([F.delegateToPeer, ...ALWAYS]));
    expect(creds).not.toBeNull();
  });

  test('delegateToPeer with mutual authentication is granted too', () => {
    const { initSteps, accepted, creds } = delegated([F.delegateToPeer, F.mutualAuthentication]);

    expect(sorted(initSteps.at(-1)?.flags)).toEqual(
      list([F.delegateToPeer, F.mutualAuthentication, ...ALWAYS]),
    );
    expect(sorted(accepted?.flags)).toEqual(
      list([F.delegateToPeer, F.mutualAuthentication, F.protectionReady, ...ALWAYS]),
    );
    expect(creds).not.toBeNull();
  });

  test('okAsDelegate alone delegates nothing: the host is not marked ok-as-delegate', () => {
    const { accepted, creds } = delegated([F.okAsDelegate]);

    expect(sorted(accepted?.flags)).toEqual(list(ALWAYS));
    expect(creds).toBeNull();
  });

  test('without delegateToPeer the acceptor gets no credential', () => {
    const { accepted, creds } = delegated([F.mutualAuthentication]);

    expect(accepted?.flags.has(F.delegateToPeer)).toBe(false);
    expect(creds).toBeNull();
  });

  test("the delegated credential is the user's, for initiating, with krb5 only", () => {
    const { gss } = realm();
    const { creds } = delegated();
    if (creds === null) throw new Error('expected a delegated credential');
    const inquired = gss.inquireCred(creds);

    expect(displayed(realm(), inquired.name)).toBe(realm().userPrincipal);
    expect(inquired.usage).toBe('initiate');
    expect(inquired.mechs?.map((mech) => mech.dottedForm)).toEqual([MechType.kerberos.dottedForm]);
    expect(inquired.lifetime).toBeGreaterThan(86_400 - 600);
  });

  test('the delegated credential initiates a context to the host service as the user', () => {
    const { gss } = realm();
    const { creds } = delegated();
    if (creds === null) throw new Error('expected a delegated credential');

    const onward = establish(realm(), { flags: F.mutualAuthentication, initiatorCreds: creds });
    const message = gss.wrap(onward.initiator, bytes('on behalf of the user'));

    expect(displayed(realm(), onward.acceptSteps.at(-1)?.initiatorName ?? null)).toBe(
      realm().userPrincipal,
    );
    expect(text(gss.unwrap(onward.acceptor, message.message).message)).toBe(
      'on behalf of the user',
    );
  });

  test('the delegating token is longer: it carries the KRB-CRED', () => {
    const plain = establish(realm(), { flags: 0 }).tokens[0]?.length ?? 0;
    const delegating = establish(realm(), { flags: F.delegateToPeer }).tokens[0]?.length ?? 0;

    expect(delegating).toBeGreaterThan(plain);
  });
});
