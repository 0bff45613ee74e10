/**
 * The error catalogue: failure situations of establishment, names, mechanisms, credentials,
 * contexts and per-message calls (the tables in `errors/`). Each test provokes one situation
 * and pins the class, the major and minor status, the minor text and the output token (a
 * KRB-ERROR or none) that MIT krb5 1.20.1 (Debian 12) gave, then checks that `displayStatus`
 * explains both: the minor status with the same text (MIT explains the minors its process
 * handed out), the major status with MIT's texts, in order, following `messageContext`. A minor
 * that MIT's mechglue renumbers per process is checked by range and text.
 *
 * A released name, credential or context is a caller's mistake in this API (DESIGN: a
 * TypeError on both backends), so those situations are pinned as TypeErrors, not statuses.
 * Clock skew, an expired ticket and an unreachable KDC are not here: the `Realm` interface
 * offers no clock, ticket-life or KDC control that the MIT fixture could honour.
 */
import { expect } from 'vitest';
import { MechType } from '../../src/spec/oids.js';
import {
  GSS_S_BAD_MIC,
  GSS_S_CONTINUE_NEEDED,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
} from '../../src/spec/status.js';
import { describeConformance } from './backends.js';
import {
  expectDisplayStatusAgrees,
  expectToken,
  husk,
  majorTexts,
  principal,
} from './errors/catalogue.js';
import { CONTEXT_SITUATIONS } from './errors/contexts.js';
import { ESTABLISHMENT_SITUATIONS } from './errors/establishment.js';
import { MESSAGE_SITUATIONS } from './errors/messages.js';
import { NAME_SITUATIONS } from './errors/names.js';
import { bytes, establish, expectGssError, expectTypeError, hostTarget } from './flows.js';

const CATALOGUE = [
  ...ESTABLISHMENT_SITUATIONS,
  ...NAME_SITUATIONS,
  ...CONTEXT_SITUATIONS,
  ...MESSAGE_SITUATIONS,
];

describeConformance('errors', ({ realm, test }) => {
  for (const situation of CATALOGUE) {
    test(situation.name, async () => {
      const { gss } = realm();
      // Every backend of the suite has the extensions the catalogue uses.
      if (situation.needs !== undefined) expect(gss.has(situation.needs)).toBe(true);
      const call = await situation.arrange(realm());

      const error = expectGssError(call, situation.expected);
      expectToken(error.token, situation.token);
      expectDisplayStatusAgrees(gss, error);
    });
  }

  test('the catalogue has at least 25 situations, each named once', () => {
    const names = new Set(CATALOGUE.map((situation) => situation.name));

    expect(CATALOGUE.length).toBeGreaterThanOrEqual(25);
    expect(names.size).toBe(CATALOGUE.length);
  });

  test('the right password gets an initiate credential', () => {
    const { gss } = realm();
    expect(gss.has('password')).toBe(true);
    const user = principal(gss, realm().userPrincipal);
    const acquired = gss.acquireCredWithPassword(user, realm().userPassword, { usage: 'initiate' });

    expect(gss.inquireCred(acquired.creds).usage).toBe('initiate');
  });

  test('a krb5 token of the wrong TOK_ID is no error: CONTINUE_NEEDED and a husk', () => {
    const accepted = husk(realm());

    expect(accepted.moreSteps).toBe(true);
    expect(accepted.token).toBeNull();
    expect([...accepted.flags]).toEqual([]);
    expect(accepted.lifetime).toBe(0);
    expect(accepted.delegatedCreds).toBeNull();
    expect(accepted.mech.equals(MechType.kerberos)).toBe(true);
    expect(realm().gss.deleteSecContext(accepted.context)).toHaveLength(0);
  });

  test('a major status with supplementary bits reads routine first, then bits upward', () => {
    const major = GSS_S_BAD_MIC | GSS_S_DUPLICATE_TOKEN | GSS_S_GAP_TOKEN;

    expect(majorTexts(realm().gss, major)).toEqual([
      'A token had an invalid Message Integrity Check (MIC)',
      'The token was a duplicate of an earlier token',
      'An expected per-message token was not received',
    ]);
    expect(majorTexts(realm().gss, GSS_S_CONTINUE_NEEDED)).toEqual([
      'The routine must be called again to complete its function',
    ]);
  });

  test('a released context is a TypeError, not a status', () => {
    const { gss } = realm();
    const { initiator } = establish(realm(), { flags: 0 });
    gss.deleteSecContext(initiator);

    expectTypeError(() => gss.wrap(initiator, bytes('m')));
    expectTypeError(() => gss.contextTime(initiator));
    expectTypeError(() => gss.initSecContext(hostTarget(realm()), { context: initiator }));
  });

  test('a released name is a TypeError, not a status', () => {
    const { gss } = realm();
    const name = hostTarget(realm());
    gss.releaseName(name);

    expectTypeError(() => gss.displayName(name));
    expectTypeError(() => gss.initSecContext(name));
    expectTypeError(() => gss.acquireCred({ name }));
  });

  test('a released credential is a TypeError, not a status', () => {
    const { gss } = realm();
    const { creds } = gss.acquireCred({ usage: 'initiate' });
    gss.releaseCred(creds);

    expectTypeError(() => gss.inquireCred(creds));
    expectTypeError(() => gss.initSecContext(hostTarget(realm()), { creds }));
  });
});
