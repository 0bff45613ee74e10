/**
 * The acceptor's reading of the authenticator checksum (RFC 4121 §4.1.1), as MIT krb5 1.20's
 * `process_checksum` reads it: no checksum grants no flag; a 0x8003 checksum shorter than 24
 * octets is GSS_S_BAD_BINDINGS; an Lgth other than 16 is KG_BAD_LENGTH; a non-zero Bnd that
 * differs from the acceptor's bindings is GSS_S_BAD_BINDINGS, and a match adds channelBound;
 * the initiator's flags are kept as MIT keeps them; the delegation option and the extensions
 * after it must be whole. Given the keys, the delegated KRB-CRED is read where MIT reads it
 * (`rd_and_store_for_creds`), before the extensions: one that does not read fails the context
 * with GSS_S_FAILURE and `krb5_rd_cred`'s code, and one that reads adds GSS_C_DELEG_FLAG.
 *
 * @module
 */

import { timingSafeEqual } from 'node:crypto';
import type { ChannelBindings } from '../../../spec/channel-bindings.js';
import { GssError } from '../../../spec/errors.js';
import { RequirementFlag } from '../../../spec/flags.js';
import { GSS_S_BAD_BINDINGS, GSS_S_BAD_SIG, GSS_S_FAILURE } from '../../../spec/status.js';
import { KG_BAD_LENGTH, minorMessage } from '../../errors/index.js';
import type { Credential } from '../client/credential.js';
import type { Checksum } from '../messages/encryption.js';
import { AcceptFailure } from './accept-failure.js';
import { BND_LENGTH, channelBindingsHash } from './channel-bindings-hash.js';
import { type DelegationKeys, readDelegation } from './delegation.js';
import { CKSUMTYPE_KG_CB, KRB5_GSS_FOR_CREDS_OPTION, MIN_8003_LENGTH } from './gss-checksum.js';

const F = RequirementFlag;

/** The initiator's flags MIT's acceptor keeps (`INITIATOR_FLAGS`). */
export const ACCEPTED_INITIATOR_FLAGS =
  F.integrity |
  F.confidentiality |
  F.mutualAuthentication |
  F.replayDetection |
  F.outOfSequenceDetection |
  F.dceStyle |
  F.identify |
  F.extendedError;

/** What the checksum grants. */
export interface ChecksumResult {
  /** The context flags from the checksum (GSS_C_* bits). */
  readonly flags: number;
  /** Deleg: the KRB-CRED the initiator delegated, when it did. */
  readonly deleg?: Uint8Array;
  /** The credential read from Deleg, when the keys to read it were given. */
  readonly delegated?: Credential;
}

/**
 * Reads the authenticator checksum against the acceptor's channel bindings, and with `keys`
 * the delegated credential too.
 * @throws {AcceptFailure} as MIT's `process_checksum` fails; a checksum of another type than
 *   0x8003 (which MIT verifies as a plain checksum) is GSS_S_BAD_SIG here.
 */
export function readAuthenticatorChecksum(
  cksum: Checksum | undefined,
  bindings: ChannelBindings | null | undefined,
  keys?: DelegationKeys,
): ChecksumResult {
  if (cksum === undefined) return { flags: 0 };
  if (cksum.cksumtype !== CKSUMTYPE_KG_CB) throw new AcceptFailure(GSS_S_BAD_SIG, 0);
  const bytes = cksum.checksum;
  if (bytes.length < MIN_8003_LENGTH) throw new AcceptFailure(GSS_S_BAD_BINDINGS, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== BND_LENGTH) throw new AcceptFailure(GSS_S_FAILURE, KG_BAD_LENGTH);

  const tokenBnd = bytes.subarray(4, 4 + BND_LENGTH);
  let match = false;
  if (bindings !== null && bindings !== undefined) {
    const present = tokenBnd.some((octet) => octet !== 0);
    match = timingSafeEqual(tokenBnd, channelBindingsHash(bindings));
    if (present && !match) throw new AcceptFailure(GSS_S_BAD_BINDINGS, 0);
  }

  const tokenFlags = view.getUint32(20, true);
  const flags = (tokenFlags & ACCEPTED_INITIATOR_FLAGS) | (match ? F.channelBound : 0);
  let offset = MIN_8003_LENGTH;
  let deleg: Uint8Array | undefined;
  let delegated: Credential | undefined;
  if (bytes.length - offset >= 4 && (tokenFlags & F.delegateToPeer) !== 0) {
    const optionId = view.getUint16(offset, true);
    const length = view.getUint16(offset + 2, true);
    offset += 4;
    if (offset + length > bytes.length) throw new AcceptFailure(GSS_S_FAILURE, KG_BAD_LENGTH);
    if (optionId !== KRB5_GSS_FOR_CREDS_OPTION) throw new AcceptFailure(GSS_S_FAILURE, 0);
    deleg = bytes.subarray(offset, offset + length);
    offset += length;
    if (keys !== undefined) delegated = storeDelegation(deleg, keys);
  }
  while (offset < bytes.length) {
    if (bytes.length - offset < 8) throw new AcceptFailure(GSS_S_FAILURE, KG_BAD_LENGTH);
    const length = view.getUint32(offset + 4, false);
    offset += 8;
    if (length > bytes.length - offset) throw new AcceptFailure(GSS_S_FAILURE, KG_BAD_LENGTH);
    offset += length;
  }
  if (deleg === undefined) return { flags };
  if (delegated === undefined) return { flags, deleg };
  return { flags: flags | F.delegateToPeer, deleg, delegated };
}

/**
 * The delegated credential; a KRB-CRED that does not read is GSS_S_FAILURE with its code.
 * (One without a credential or without its principals makes MIT's `rd_and_store_for_creds`
 * follow a null pointer; the sim fails it with minor 0.)
 */
function storeDelegation(deleg: Uint8Array, keys: DelegationKeys): Credential {
  try {
    return readDelegation(deleg, keys);
  } catch (error) {
    if (error instanceof GssError) {
      const message = error.minorMessages[0] ?? minorMessage(error.minor);
      throw new AcceptFailure(GSS_S_FAILURE, { minor: error.minor, message });
    }
    if (error instanceof RangeError) throw new AcceptFailure(GSS_S_FAILURE, 0);
    throw error;
  }
}
