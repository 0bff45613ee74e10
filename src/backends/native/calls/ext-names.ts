import type { AnyExtensionModule } from './module.js';

/** The extension modules of this file (being written). */
export const MODULES: readonly AnyExtensionModule[] = [];
