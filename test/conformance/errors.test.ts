/**
 * Failures of establishment and of acquiring credentials: an unknown service, a wrong
 * password, tampered, replayed, foreign and garbage tokens, a service without a key. Each test
 * pins the class, the major and minor status and the minor text MIT krb5 1.20.1 (Debian 12)
 * gave. A minor that MIT's mechglue renumbers per process is checked by range and text.
 */
import { expect } from 'vitest';
import { RequirementFlag } from '../../src/spec/flags.js';
import { NameType } from '../../src/spec/oids.js';
import { describeConformance } from './backends.js';
import { expectGssError, frame, hostTarget, mechglueMappedMinor } from './flows.js';

const F = RequirementFlag;

/** The part of vitest's test context used here: skipping with a note. */
interface Skippable {
  skip(note: string): void;
}

const NO_PASSWORD = 'the backend lacks the password extension (gss_acquire_cred_with_password)';

/** GSS_S_FAILURE. */
const FAILURE = 0xd0000;

/** The krb5 mechanism OID's DER with its `06` tag. */
const KRB5_OID_DER = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02];

/** RFC 4121 §4.1 KRB-ERROR TOK_ID and RFC 4120 §5.9.1 APPLICATION 30 tag. */
const expectKrbError = (token: Uint8Array | null): void => {
  const { oid, inner } = frame(token ?? new Uint8Array(0));
  expect(token?.[0]).toBe(0x60);
  expect([...oid]).toEqual(KRB5_OID_DER);
  expect([...inner.subarray(0, 3)]).toEqual([0x03, 0x00, 0x7e]);
};

describeConformance('errors', ({ realm, test }) => {
  const firstToken = (flags: number): Uint8Array => {
    const first = realm().gss.initSecContext(hostTarget(realm()), { flags });
    return first.token ?? new Uint8Array(0);
  };
  const flipLast = (token: Uint8Array): Uint8Array => {
    const copy = Uint8Array.from(token);
    copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
    return copy;
  };

  test('a target the KDC does not know fails at the initiator, with no token', () => {
    const target = realm().gss.importName('nosuch@localhost', {
      nameType: NameType.hostbasedService,
    });

    const error = expectGssError(() => realm().gss.initSecContext(target), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638919,
      minorMessages: ['Server nosuch/localhost@KRBTEST.COM not found in Kerberos database'],
    });
    expect(error.token).toBeNull();
  });

  test('a wrong password fails preauthentication and gets no credential', (context?: Skippable) => {
    const { gss } = realm();
    if (!gss.has('password')) return context?.skip(NO_PASSWORD);
    const user = gss.importName(realm().userPrincipal, { nameType: NameType.kerberosPrincipal });

    expectGssError(() => gss.acquireCredWithPassword(user, 'not the password'), {
      name: 'MissingCredentialsError',
      major: 0x70000,
      minor: 2529638936,
      minorMessages: ['Preauthentication failed'],
    });
  });

  test('the right password gets an initiate credential', (context?: Skippable) => {
    const { gss } = realm();
    if (!gss.has('password')) return context?.skip(NO_PASSWORD);
    const user = gss.importName(realm().userPrincipal, { nameType: NameType.kerberosPrincipal });
    const acquired = gss.acquireCredWithPassword(user, realm().userPassword, { usage: 'initiate' });

    expect(gss.inquireCred(acquired.creds).usage).toBe('initiate');
  });

  test('a password for a client the KDC does not know gets no credential', (context?: Skippable) => {
    const { gss } = realm();
    if (!gss.has('password')) return context?.skip(NO_PASSWORD);
    const nobody = gss.importName('nobody@KRBTEST.COM', { nameType: NameType.kerberosPrincipal });

    expectGssError(() => gss.acquireCredWithPassword(nobody, 'whatever'), {
      name: 'MissingCredentialsError',
      major: 0x70000,
      minor: 2529638918,
      minorMessages: ["Client 'nobody@KRBTEST.COM' not found in Kerberos database"],
    });
  });

  test('a tampered authenticator fails its integrity check, answered by a KRB-ERROR', () => {
    const token = flipLast(firstToken(F.mutualAuthentication));

    const error = expectGssError(() => realm().gss.acceptSecContext(token), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638943,
      minorMessages: ['Decrypt integrity check failed'],
    });
    expectKrbError(error.token);
  });

  test('a tampered authenticator without mutual authentication gets no KRB-ERROR', () => {
    const token = flipLast(firstToken(0));

    const error = expectGssError(() => realm().gss.acceptSecContext(token), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638943,
      minorMessages: ['Decrypt integrity check failed'],
    });
    expect(error.token).toBeNull();
  });

  test('an AP-REQ accepted twice is a replay, answered by a KRB-ERROR', () => {
    const { gss } = realm();
    const token = firstToken(F.mutualAuthentication);
    gss.acceptSecContext(token);

    const error = expectGssError(() => gss.acceptSecContext(token), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638946,
      minorMessages: ['Request is a replay'],
    });
    expectKrbError(error.token);
  });

  test('an AP-REQ without mutual authentication replayed is refused without a token', () => {
    const { gss } = realm();
    const token = firstToken(0);
    gss.acceptSecContext(token);

    const error = expectGssError(() => gss.acceptSecContext(token), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638946,
      minorMessages: ['Request is a replay'],
    });
    expect(error.token).toBeNull();
  });

  test('a token framed for an unknown mechanism is a bad mechanism', () => {
    const foreign = new Uint8Array([0x60, 0x09, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x01, 0x00, 1, 2]);

    expectGssError(() => realm().gss.acceptSecContext(foreign), {
      name: 'BadMechanismError',
      major: 0x10000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('a krb5-framed AP-REQ of garbage fails to decode', () => {
    const garbage = new Uint8Array([
      0x60,
      0x11,
      ...KRB5_OID_DER,
      0x01,
      0x00,
      0xde,
      0xad,
      0xbe,
      0xef,
      0x00,
    ]);

    expectGssError(() => realm().gss.acceptSecContext(garbage), {
      name: 'GssError',
      major: FAILURE,
      minor: mechglueMappedMinor,
      minorMessages: ['Success'],
    });
  });

  test('bytes without the 0x60 framing are an invalid token', () => {
    expectGssError(() => realm().gss.acceptSecContext(new Uint8Array([1, 2, 3, 4, 5])), {
      name: 'InvalidTokenError',
      major: 0x90000,
      minor: 0,
      minorMessages: ['Unknown error'],
    });
  });

  test('garbage instead of the AP-REP is an invalid token at the initiator', () => {
    const { gss } = realm();
    const first = gss.initSecContext(hostTarget(realm()), { flags: F.mutualAuthentication });

    expectGssError(
      () =>
        gss.initSecContext(hostTarget(realm()), {
          context: first.context,
          inputToken: new Uint8Array([1, 2, 3]),
        }),
      {
        name: 'InvalidTokenError',
        major: 0x90000,
        minor: mechglueMappedMinor,
        minorMessages: ['Success'],
      },
    );
  });

  test('a ticket for a service whose key is not in the keytab cannot be accepted', async () => {
    const { gss } = realm();
    await realm().addPrincipal('HTTP/localhost');
    const target = gss.importName('HTTP@localhost', { nameType: NameType.hostbasedService });
    const first = gss.initSecContext(target, { flags: 0 });

    const error = expectGssError(() => gss.acceptSecContext(first.token ?? new Uint8Array(0)), {
      name: 'GssError',
      major: FAILURE,
      minor: 2529638947,
      minorMessages: [
        'Request ticket server HTTP/localhost@KRBTEST.COM not found in keytab (ticket kvno 1)',
      ],
    });
    expect(error.token).toBeNull();
  });
});
