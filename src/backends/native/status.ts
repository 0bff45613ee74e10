/**
 * Turning a C major and minor status into the spec's `GssError`, with the texts MIT's
 * `gss_display_status` gives for the minor status.
 *
 * @module
 */

import { type GssError, gssError } from '../../spec/errors.js';
import type { OID } from '../../spec/oid.js';
import { isGssError } from '../../spec/status.js';
import type { GssLibrary } from './library.js';
import { inOid, type Memory, outBuffer } from './memory.js';
import { CORE_PROTOTYPES } from './prototypes.js';

/** GSS_C_GSS_CODE: display a major status. */
export const GSS_C_GSS_CODE = 1;
/** GSS_C_MECH_CODE: display a minor status. */
export const GSS_C_MECH_CODE = 2;

/** The most messages one status is read for; MIT gives one or a few. */
const MESSAGE_LIMIT = 16;

/** What to attach to an error beyond its codes. */
export interface FailureDetail {
  readonly mech?: OID | null;
  readonly token?: Uint8Array | null;
}

/** Reads status texts from the library and raises errors with them. */
export class StatusReader {
  readonly #displayStatus;
  readonly #memory: Memory;

  constructor(library: GssLibrary, memory: Memory) {
    this.#displayStatus = library.bind(CORE_PROTOTYPES.gss_display_status);
    this.#memory = memory;
  }

  /**
   * Every message `gss_display_status` gives for `status`, following its message context.
   * A failure of the display call itself ends the list with what was read so far.
   */
  messages(status: number, type: number, mech: OID | null = null): string[] {
    const messages: string[] = [];
    const context = [0];
    const minor = [0];
    const mechDesc = inOid(mech);

    do {
      const text = outBuffer();
      const major = this.#displayStatus(minor, status, type, mechDesc, context, text);
      if (isGssError(major)) break;
      // MIT's SPNEGO counts the C string's terminating NUL in the buffer length.
      messages.push(new TextDecoder().decode(this.#memory.takeBuffer(text)).replace(/\0+$/, ''));
    } while (context[0] !== 0 && messages.length < MESSAGE_LIMIT);
    return messages;
  }

  /** The error for a failed call: the reference's class, MIT's minor texts. */
  error(operation: string, major: number, minor: number, detail: FailureDetail = {}): GssError {
    const minorMessage = this.messages(minor, GSS_C_MECH_CODE, detail.mech ?? null);
    return gssError(major >>> 0, minor >>> 0, {
      operation,
      minorMessage,
      mech: detail.mech ?? null,
      token: detail.token ?? null,
    });
  }

  /** Throws {@link StatusReader.error} when `major` carries a calling or routine error. */
  check(operation: string, major: number, minor: number, detail: FailureDetail = {}): void {
    if (isGssError(major)) throw this.error(operation, major, minor, detail);
  }
}
