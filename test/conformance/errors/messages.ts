/**
 * Catalogue situations of per-message calls: reflected, tampered, truncated and swapped
 * tokens, a QOP other than 0. Values measured on MIT krb5 1.20.1 (Debian 12).
 */
import { RequirementFlag } from '../../../src/spec/flags.js';
import { GSS_S_BAD_MIC, GSS_S_BAD_QOP, GSS_S_DEFECTIVE_TOKEN } from '../../../src/spec/status.js';
import { bytes, establish } from '../flows.js';
import { flipLast, krb5, mapped, type Situation } from './catalogue.js';

const F = RequirementFlag;

const REFLECTED = krb5(
  'BadMICError',
  GSS_S_BAD_MIC,
  2249944333,
  'Packet was replayed in wrong direction',
);
const BAD_QOP = krb5(
  'BadQoPError',
  GSS_S_BAD_QOP,
  2249944328,
  'Unknown quality of protection specified',
);

/** The per-message situations. */
export const MESSAGE_SITUATIONS: readonly Situation[] = [
  {
    name: "a side's own MIC comes back as replayed in the wrong direction",
    expected: REFLECTED,
    token: 'none',
    arrange: (realm) => {
      const { initiator } = establish(realm, { flags: F.mutualAuthentication });
      const mic = realm.gss.getMic(initiator, bytes('m'));
      return () => realm.gss.verifyMic(initiator, bytes('m'), mic);
    },
  },
  {
    name: "a side's own Wrap token comes back as replayed in the wrong direction",
    expected: REFLECTED,
    token: 'none',
    arrange: (realm) => {
      const { initiator } = establish(realm, { flags: F.mutualAuthentication });
      const wrapped = realm.gss.wrap(initiator, bytes('m')).message;
      return () => realm.gss.unwrap(initiator, wrapped);
    },
  },
  {
    name: 'a tampered MIC is a bad MIC',
    expected: mapped('BadMICError', GSS_S_BAD_MIC),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const mic = flipLast(realm.gss.getMic(initiator, bytes('m')));
      return () => realm.gss.verifyMic(acceptor, bytes('m'), mic);
    },
  },
  {
    name: 'a tampered sealed Wrap token fails its integrity check',
    expected: krb5('BadMICError', GSS_S_BAD_MIC, 2529638943, 'Decrypt integrity check failed'),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const wrapped = flipLast(realm.gss.wrap(initiator, bytes('m')).message);
      return () => realm.gss.unwrap(acceptor, wrapped);
    },
  },
  {
    name: 'a sealed Wrap token missing its last 5 bytes fails its integrity check',
    expected: krb5('BadMICError', GSS_S_BAD_MIC, 2529638943, 'Decrypt integrity check failed'),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const wrapped = realm.gss.wrap(initiator, bytes('message')).message;
      return () => realm.gss.unwrap(acceptor, wrapped.subarray(0, wrapped.length - 5));
    },
  },
  {
    name: 'a sealed Wrap token cut to 20 bytes is too short for its enctype',
    expected: krb5(
      'BadMICError',
      GSS_S_BAD_MIC,
      2529639102,
      'Message size is incompatible with encryption type',
    ),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const wrapped = realm.gss.wrap(initiator, bytes('message')).message;
      return () => realm.gss.unwrap(acceptor, wrapped.subarray(0, 20));
    },
  },
  {
    name: 'a Wrap token cut inside its 16-byte header is an invalid token',
    expected: mapped('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const wrapped = realm.gss.wrap(initiator, bytes('message')).message;
      return () => realm.gss.unwrap(acceptor, wrapped.subarray(0, 10));
    },
  },
  {
    name: 'a Wrap token given to verifyMic is an invalid token',
    expected: mapped('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const wrapped = realm.gss.wrap(initiator, bytes('message')).message;
      return () => realm.gss.verifyMic(acceptor, bytes('message'), wrapped);
    },
  },
  {
    name: 'a MIC token given to unwrap is an invalid token',
    expected: mapped('InvalidTokenError', GSS_S_DEFECTIVE_TOKEN),
    token: 'none',
    arrange: (realm) => {
      const { initiator, acceptor } = establish(realm, { flags: F.mutualAuthentication });
      const mic = realm.gss.getMic(initiator, bytes('m'));
      return () => realm.gss.unwrap(acceptor, mic);
    },
  },
  {
    name: 'wrap with a QOP other than 0 is a bad QOP',
    expected: BAD_QOP,
    token: 'none',
    arrange: (realm) => {
      const { initiator } = establish(realm, { flags: F.mutualAuthentication });
      return () => realm.gss.wrap(initiator, bytes('m'), { qop: 1 });
    },
  },
  {
    name: 'getMic with a QOP other than 0 is a bad QOP',
    expected: BAD_QOP,
    token: 'none',
    arrange: (realm) => {
      const { initiator } = establish(realm, { flags: F.mutualAuthentication });
      return () => realm.gss.getMic(initiator, bytes('m'), { qop: 1 });
    },
  },
];
