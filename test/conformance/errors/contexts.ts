/**
 * Catalogue situations of credentials used the wrong way and of contexts in the wrong state:
 * incomplete, established, failed. Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { expect } from 'vitest';
import { RequirementFlag } from '../../../src/spec/flags.js';
import {
  GSS_S_DEFECTIVE_TOKEN,
  GSS_S_FAILURE,
  GSS_S_NO_CONTEXT,
  GSS_S_NO_CRED,
} from '../../../src/spec/status.js';
import { bytes, establish, expectGssError, hostTarget } from '../flows.js';
import {
  bare,
  firstToken,
  husk,
  krb5,
  mapped,
  principal,
  type Situation,
  waiting,
} from './catalogue.js';

const F = RequirementFlag;

/** The credential and context-state situations. */
export const CONTEXT_SITUATIONS: readonly Situation[] = [
  {
    name: 'an accept-only credential cannot initiate',
    expected: mapped('MissingCredentialsError', GSS_S_NO_CRED),
    token: 'none',
    arrange: (realm) => {
      const { creds } = realm.gss.acquireCred({ usage: 'accept' });
      return () => realm.gss.initSecContext(hostTarget(realm), { creds });
    },
  },
  {
    name: 'an initiate-only credential cannot accept',
    expected: mapped('MissingCredentialsError', GSS_S_NO_CRED),
    token: 'none',
    arrange: (realm) => {
      const { creds } = realm.gss.acquireCred({ usage: 'initiate' });
      const token = firstToken(realm, 0);
      return () => realm.gss.acceptSecContext(token, { acceptorCreds: creds });
    },
  },
  {
    name: 'an initiate credential for the host, which has no TGT, is missing',
    expected: krb5(
      'MissingCredentialsError',
      GSS_S_NO_CRED,
      2529639053,
      "Can't find client principal host/localhost@KRBTEST.COM in cache collection",
    ),
    token: 'none',
    arrange: (realm) => {
      const host = principal(realm.gss, realm.hostPrincipal);
      return () => realm.gss.acquireCred({ name: host, usage: 'initiate' });
    },
  },
  {
    name: 'wrap on a context waiting for the AP-REP is an incomplete context',
    expected: krb5(
      'MissingContextError',
      GSS_S_NO_CONTEXT,
      39756039,
      'Attempt to use incomplete security context',
    ),
    token: 'none',
    arrange: (realm) => {
      const { context } = waiting(realm);
      return () => realm.gss.wrap(context, bytes('m'));
    },
  },
  {
    name: 'getMic on a context waiting for the AP-REP is an incomplete context',
    expected: krb5(
      'MissingContextError',
      GSS_S_NO_CONTEXT,
      39756039,
      'Attempt to use incomplete security context',
    ),
    token: 'none',
    arrange: (realm) => {
      const { context } = waiting(realm);
      return () => realm.gss.getMic(context, bytes('m'));
    },
  },
  {
    name: 'contextTime on a context waiting for the AP-REP is an incomplete context',
    expected: krb5(
      'MissingContextError',
      GSS_S_NO_CONTEXT,
      39756039,
      'Attempt to use incomplete security context',
    ),
    token: 'none',
    arrange: (realm) => {
      const { context } = waiting(realm);
      return () => realm.gss.contextTime(context);
    },
  },
  {
    name: 'a context that got a non-token at the initiator is kept, still incomplete',
    expected: krb5(
      'MissingContextError',
      GSS_S_NO_CONTEXT,
      39756039,
      'Attempt to use incomplete security context',
    ),
    token: 'none',
    arrange: (realm) => {
      const { gss } = realm;
      const { context, token } = waiting(realm);
      expectGssError(
        () => gss.initSecContext(hostTarget(realm), { context, inputToken: token }),
        mapped('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
      );
      return () => gss.contextTime(context);
    },
  },
  {
    name: 'initSecContext on an established context fails as already established',
    expected: krb5('GssError', GSS_S_FAILURE, 39756036, 'Context is already fully established'),
    token: 'none',
    arrange: (realm) => {
      const { initiator } = establish(realm, { flags: F.mutualAuthentication });
      return () => realm.gss.initSecContext(hostTarget(realm), { context: initiator });
    },
  },
  {
    name: 'after initSecContext on an established context the mechanism context is gone',
    expected: bare('MissingContextError', GSS_S_NO_CONTEXT),
    token: 'none',
    arrange: (realm) => {
      const { gss } = realm;
      const { initiator } = establish(realm, { flags: 0 });
      expect(() => gss.initSecContext(hostTarget(realm), { context: initiator })).toThrow();
      return () => gss.wrap(initiator, bytes('m'));
    },
  },
  {
    name: 'acceptSecContext with an existing, not DCE-style context is an invalid argument',
    expected: krb5(
      'GssError',
      GSS_S_FAILURE,
      22,
      'accept_sec_context called with existing context handle',
    ),
    token: 'none',
    arrange: (realm) => {
      const { acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const token = firstToken(realm, F.mutualAuthentication);
      return () => realm.gss.acceptSecContext(token, { context: acceptor });
    },
  },
  {
    name: 'wrap on the husk a krb5 token of the wrong TOK_ID left is no context',
    expected: bare('MissingContextError', GSS_S_NO_CONTEXT),
    token: 'none',
    arrange: (realm) => {
      const { context } = husk(realm);
      return () => realm.gss.wrap(context, bytes('m'));
    },
  },
  {
    name: 'accepting an AP-REQ on that husk is no context either',
    expected: bare('MissingContextError', GSS_S_NO_CONTEXT),
    token: 'none',
    arrange: (realm) => {
      const { context } = husk(realm);
      const token = firstToken(realm, 0);
      return () => realm.gss.acceptSecContext(token, { context });
    },
  },
];
