/**
 * Catalogue situations of establishment: the KDC, the AP-REQ and AP-REP, replay, keys,
 * framing and channel bindings. Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import { ChannelBindings } from '../../../src/spec/channel-bindings.js';
import { GssError } from '../../../src/spec/errors.js';
import { RequirementFlag } from '../../../src/spec/flags.js';
import { NameType } from '../../../src/spec/oids.js';
import type { Realm } from '../../../src/spec/realm.js';
import {
  GSS_S_BAD_BINDINGS,
  GSS_S_BAD_MECH,
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CRED,
} from '../../../src/spec/status.js';
import { bytes, establish, hostTarget } from '../flows.js';
import {
  bare,
  firstToken,
  flipLast,
  KRB5_OID_DER,
  krb5,
  mapped,
  principal,
  type Situation,
  waiting,
} from './catalogue.js';

const F = RequirementFlag;

/** Channel bindings that do not match. */
const TLS = new ChannelBindings({ applicationData: bytes('tls-server-end-point:abc') });
const OTHER_TLS = new ChannelBindings({ applicationData: bytes('tls-server-end-point:xyz') });

/** The realms that already have `HTTP/localhost`, a service with no key in the keytab. */
const withHttp = new WeakSet<Realm>();

/** The establishment situations, in the order the catalogue runs them. */
export const ESTABLISHMENT_SITUATIONS: readonly Situation[] = [
  {
    name: 'a target the KDC does not know fails at the initiator',
    expected: krb5(
      'GssError',
      GSS_S_FAILURE,
      2529638919,
      'Server nosuch/localhost@KRBTEST.COM not found in Kerberos database',
    ),
    token: 'none',
    arrange: ({ gss }) => {
      const target = gss.importName('nosuch@localhost', { nameType: NameType.hostbasedService });
      return () => gss.initSecContext(target);
    },
  },
  {
    name: 'a password for a client the KDC does not know gets no credential',
    expected: krb5(
      'MissingCredentialsError',
      GSS_S_NO_CRED,
      2529638918,
      "Client 'nobody@KRBTEST.COM' not found in Kerberos database",
    ),
    token: 'none',
    needs: 'password',
    arrange: ({ gss }) => {
      const nobody = principal(gss, 'nobody@KRBTEST.COM');
      return () => gss.acquireCredWithPassword(nobody, 'whatever');
    },
  },
  {
    name: 'a wrong password fails preauthentication and gets no credential',
    expected: krb5(
      'MissingCredentialsError',
      GSS_S_NO_CRED,
      2529638936,
      'Preauthentication failed',
    ),
    token: 'none',
    needs: 'password',
    arrange: (realm) => {
      const user = principal(realm.gss, realm.userPrincipal);
      return () => realm.gss.acquireCredWithPassword(user, 'not the password');
    },
  },
  {
    name: 'a tampered authenticator fails its integrity check, answered by a KRB-ERROR',
    expected: krb5('GssError', GSS_S_FAILURE, 2529638943, 'Decrypt integrity check failed'),
    token: 'krb-error',
    arrange: (realm) => {
      const token = flipLast(firstToken(realm, F.mutualAuthentication));
      return () => realm.gss.acceptSecContext(token);
    },
  },
  {
    name: 'a tampered authenticator without mutual authentication gets no KRB-ERROR',
    expected: krb5('GssError', GSS_S_FAILURE, 2529638943, 'Decrypt integrity check failed'),
    token: 'none',
    arrange: (realm) => {
      const token = flipLast(firstToken(realm, 0));
      return () => realm.gss.acceptSecContext(token);
    },
  },
  {
    name: 'an AP-REQ accepted twice is a replay, answered by a KRB-ERROR',
    expected: krb5('GssError', GSS_S_FAILURE, 2529638946, 'Request is a replay'),
    token: 'krb-error',
    arrange: (realm) => {
      const token = firstToken(realm, F.mutualAuthentication);
      realm.gss.acceptSecContext(token);
      return () => realm.gss.acceptSecContext(token);
    },
  },
  {
    name: 'an AP-REQ without mutual authentication replayed is refused without a token',
    expected: krb5('GssError', GSS_S_FAILURE, 2529638946, 'Request is a replay'),
    token: 'none',
    arrange: (realm) => {
      const token = firstToken(realm, 0);
      realm.gss.acceptSecContext(token);
      return () => realm.gss.acceptSecContext(token);
    },
  },
  {
    name: 'a ticket for a service whose key is not in the keytab cannot be accepted',
    expected: krb5(
      'GssError',
      GSS_S_FAILURE,
      2529638947,
      'Request ticket server HTTP/localhost@KRBTEST.COM not found in keytab (ticket kvno 1)',
    ),
    token: 'none',
    arrange: async (realm) => {
      const { gss } = realm;
      if (!withHttp.has(realm)) await realm.addPrincipal('HTTP/localhost');
      withHttp.add(realm);
      const target = gss.importName('HTTP@localhost', { nameType: NameType.hostbasedService });
      const token = gss.initSecContext(target, { flags: 0 }).token ?? new Uint8Array(0);
      return () => gss.acceptSecContext(token);
    },
  },
  {
    name: 'a ticket of a key version the keytab has replaced is out of date',
    expected: krb5(
      'GssError',
      GSS_S_FAILURE,
      2529638956,
      'Request ticket server HTTP/stale@KRBTEST.COM kvno 1 not found in keytab; ' +
        'ticket is likely out of date',
    ),
    token: 'krb-error',
    arrange: async (realm) => {
      const { gss } = realm;
      await realm.addPrincipal('HTTP/stale');
      const target = gss.importName('HTTP@stale', { nameType: NameType.hostbasedService });
      const token = gss.initSecContext(target, { flags: F.mutualAuthentication }).token;
      await realm.addToKeytab('HTTP/stale');
      return () => gss.acceptSecContext(token ?? new Uint8Array(0));
    },
  },
  {
    name: 'a token framed for an unknown mechanism is a bad mechanism',
    expected: bare('BadMechanismError', GSS_S_BAD_MECH),
    token: 'none',
    arrange: ({ gss }) => {
      const foreign = new Uint8Array([0x60, 0x09, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x01, 0x00, 1, 2]);
      return () => gss.acceptSecContext(foreign);
    },
  },
  {
    name: 'a krb5-framed AP-REQ of garbage fails to decode',
    expected: mapped('GssError', GSS_S_FAILURE),
    token: 'none',
    arrange: ({ gss }) => {
      const apReq = [0x01, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00];
      const garbage = new Uint8Array([0x60, 0x11, ...KRB5_OID_DER, ...apReq]);
      return () => gss.acceptSecContext(garbage);
    },
  },
  {
    name: 'bytes without the 0x60 framing are an invalid token',
    expected: bare('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: ({ gss }) => {
      return () => gss.acceptSecContext(new Uint8Array([1, 2, 3, 4, 5]));
    },
  },
  {
    name: 'a MIC token given to acceptSecContext is an invalid token',
    expected: bare('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: (realm) => {
      const { initiator } = establish(realm, { flags: F.mutualAuthentication });
      const mic = realm.gss.getMic(initiator, bytes('m'));
      return () => realm.gss.acceptSecContext(mic);
    },
  },
  {
    name: 'garbage instead of the AP-REP is an invalid token at the initiator',
    expected: mapped('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: (realm) => {
      const { context } = waiting(realm);
      const inputToken = new Uint8Array([1, 2, 3]);
      return () => realm.gss.initSecContext(hostTarget(realm), { context, inputToken });
    },
  },
  {
    name: 'continuing an initiator without the AP-REP is an invalid token',
    expected: mapped('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: (realm) => {
      const { context } = waiting(realm);
      return () => realm.gss.initSecContext(hostTarget(realm), { context });
    },
  },
  {
    name: 'a tampered AP-REP fails its integrity check at the initiator',
    expected: krb5('GssError', GSS_S_FAILURE, 2529638943, 'Decrypt integrity check failed'),
    token: 'none',
    arrange: (realm) => {
      const { context, token } = waiting(realm);
      const apRep = flipLast(realm.gss.acceptSecContext(token).token ?? new Uint8Array(0));
      return () => realm.gss.initSecContext(hostTarget(realm), { context, inputToken: apRep });
    },
  },
  {
    name: "another context's AP-REP fails mutual authentication",
    expected: krb5('GssError', GSS_S_FAILURE, 2529639070, 'Mutual authentication failed'),
    token: 'none',
    arrange: (realm) => {
      const { context } = waiting(realm);
      const apRep = realm.gss.acceptSecContext(waiting(realm).token).token;
      return () => realm.gss.initSecContext(hostTarget(realm), { context, inputToken: apRep });
    },
  },
  {
    name: "the acceptor's KRB-ERROR fails the initiator with the acceptor's error",
    expected: krb5('GssError', GSS_S_FAILURE, 2529638946, 'Request is a replay'),
    token: 'none',
    arrange: (realm) => {
      const { gss } = realm;
      const { context, token } = waiting(realm);
      gss.acceptSecContext(token);
      let krbError: Uint8Array | null = null;
      try {
        gss.acceptSecContext(token);
      } catch (error) {
        if (error instanceof GssError) krbError = error.token;
      }
      expect(krbError).not.toBeNull();
      return () => gss.initSecContext(hostTarget(realm), { context, inputToken: krbError });
    },
  },
  {
    name: 'mismatched channel bindings are rejected, with no token when mutual was not asked',
    expected: mapped('BadChannelBindingsError', GSS_S_BAD_BINDINGS),
    token: 'none',
    arrange: (realm) => {
      const { gss } = realm;
      const first = gss.initSecContext(hostTarget(realm), { flags: 0, channelBindings: TLS });
      return () =>
        gss.acceptSecContext(first.token ?? new Uint8Array(0), { channelBindings: OTHER_TLS });
    },
  },
  {
    name: 'mismatched channel bindings with mutual authentication send a KRB-ERROR back',
    expected: mapped('BadChannelBindingsError', GSS_S_BAD_BINDINGS),
    token: 'krb-error',
    arrange: (realm) => {
      const { gss } = realm;
      const first = gss.initSecContext(hostTarget(realm), {
        flags: F.mutualAuthentication,
        channelBindings: TLS,
      });
      return () =>
        gss.acceptSecContext(first.token ?? new Uint8Array(0), { channelBindings: OTHER_TLS });
    },
  },
];
