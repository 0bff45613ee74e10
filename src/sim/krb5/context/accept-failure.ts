/**
 * A failure of the acceptor's first step, before it becomes a `GssError`: the GSS major status
 * and the minor status with MIT krb5 1.20's text for it (extended where MIT sets a message).
 *
 * @module
 */

import { type MinorStatus, plainStatus } from '../../errors/index.js';

/** A failed acceptance: `major` and MIT's minor status and text. */
export class AcceptFailure extends Error {
  /** The GSS major status. */
  readonly major: number;
  /** The minor status and its text. */
  readonly status: MinorStatus;

  /** @param status the minor status, or a bare code whose text is com_err's. */
  constructor(major: number, status: MinorStatus | number) {
    const minor = typeof status === 'number' ? plainStatus(status) : status;
    super(minor.message);
    this.name = 'AcceptFailure';
    this.major = major;
    this.status = minor;
  }
}
