/**
 * MIT's mechglue map of minor status codes (`util_errmap.c`), one per process, and the krb5
 * mechanism's saved error message (`krb5_gss_save_error_info`).
 *
 * Every minor status a mechanism returns passes through the map. A code not taken yet keeps
 * its number; one taken already (0 among them, which the mechglue reserves) gets a made-up
 * number counting up from 100001 in the order the process meets them. `gss_display_status`
 * only explains numbers the map holds: any other is `GSS_S_BAD_STATUS` (measured on MIT 1.20:
 * even a krb5 code the process never received). The mechanism keeps the extended message of
 * its last failure, one per thread, and prints it for that code instead of com_err's text.
 *
 * @module
 */

import { errorMessage } from '../errors/index.js';

/** The first made-up number (`next_fake` starts at 100000 and is pre-incremented). */
export const FIRST_FAKE_MINOR = 100_001;

/** A process's map of mechanism minor codes. */
export class MinorMap {
  /** Caller-visible number → the mechanism's code. */
  readonly #codes = new Map<number, number>();
  /** The mechanism's code → the number the caller sees. */
  readonly #numbers = new Map<number, number>();
  #next = FIRST_FAKE_MINOR;
  #saved: { readonly code: number; readonly message: string } | null = null;

  /**
   * The number the caller sees for the krb5 mechanism's `minor`, recorded so that
   * `displayStatus` can explain it.
   * @param message the mechanism's extended message for it, saved as its last one.
   */
  map(minor: number, message?: string): number {
    const code = minor >>> 0;
    if (message !== undefined && message !== errorMessage(code)) this.#saved = { code, message };
    const known = this.#numbers.get(code);
    if (known !== undefined) return known;
    const number = code === 0 || this.#codes.has(code) ? this.#next++ : code;
    this.#numbers.set(code, number);
    this.#codes.set(number, code);
    return number;
  }

  /**
   * The text `gss_display_status` gives for a minor status the caller saw, or undefined when
   * the process never handed it out (MIT then answers GSS_S_BAD_STATUS).
   */
  text(minor: number): string | undefined {
    const code = this.#codes.get(minor >>> 0);
    if (code === undefined) return undefined;
    if (this.#saved !== null && this.#saved.code === code) return this.#saved.message;
    return errorMessage(code);
  }
}
