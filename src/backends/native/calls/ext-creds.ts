/**
 * The credential extensions of the native backend, by concern: storing and credential stores
 * (`ext-creds-store.ts`), impersonation and passwords (`ext-creds-acquire.ts`), tokens and
 * options (`ext-creds-options.ts`), over the call shapes they share (`ext-creds-calls.ts`).
 *
 * @module
 */

import { password, passwordAdd, s4u } from './ext-creds-acquire.js';
import { credImpExp, setCredOpt } from './ext-creds-options.js';
import { credStore, rfc5588 } from './ext-creds-store.js';
import type { AnyExtensionModule } from './module.js';

/** The credential extensions of the native backend. */
export const MODULES: readonly AnyExtensionModule[] = [
  rfc5588,
  credStore,
  credImpExp,
  s4u,
  password,
  passwordAdd,
  setCredOpt,
];
