/**
 * Which IOV buffer layouts MIT krb5 1.20 accepts for the IOV calls of an established RFC 4121
 * (CFX) context, and which buffers it allocates. This is the hot-path check; the same rules
 * as an xstate machine are in `iov-machine.ts`.
 *
 * MIT finds a buffer of a given type with `kg_locate_iov` (`src/lib/gssapi/krb5/util_crypt.c`),
 * which returns nothing when the type is absent **or appears more than once**: two HEADER
 * buffers are as bad as none, and two TRAILER buffers mean "no trailer" (the trailer then goes
 * into the header, rotated by RRC). Buffer types other than those named below (EMPTY,
 * MECH_PARAMS, unknown values) are ignored.
 *
 * The check covers the layout only. Length problems come later and are not predicted here: a
 * caller-supplied (not ALLOCATE) header or trailer that is too short gives
 * GSS_S_FAILURE/KRB5_BAD_MSIZE, and a non-empty PADDING buffer given to unwrapIov gives
 * GSS_S_DEFECTIVE_TOKEN (`gss_krb5int_unseal_v3_iov`).
 *
 * @module
 */

import { GSS_IOV_BUFFER_FLAG_ALLOCATE, IOVBufferType } from '../flags.js';
import { GSS_S_BAD_MIC, GSS_S_COMPLETE, GSS_S_FAILURE } from '../status.js';
import type { MinorName, Prediction } from './prediction.js';

/** The IOV calls, in python-gssapi's names. */
export const IOV_OPERATIONS = [
  'wrapIov',
  'wrapIovLength',
  'unwrapIov',
  'getMicIov',
  'getMicIovLength',
  'verifyMicIov',
] as const;

/** One call of {@link IOV_OPERATIONS}. */
export type IovOperation = (typeof IOV_OPERATIONS)[number];

/** What the context and the call add to the layout rules. */
export interface IovLayoutOptions {
  /** The context was established with GSS_C_DCE_STYLE. */
  readonly dceStyle?: boolean;
  /** wrapIov / wrapIovLength: confidentiality was requested (`conf_req_flag`). */
  readonly confidential?: boolean;
}

/** The verdict on a layout: a prediction plus what the call does with the buffers. */
export interface IovLayoutVerdict extends Prediction {
  /** The layout is accepted (the major status is GSS_S_COMPLETE). */
  readonly ok: boolean;
  /** Indices of the buffers the mechanism allocates (they carry GSS_IOV_BUFFER_FLAG_ALLOCATE). */
  readonly allocated: readonly number[];
  /** wrapIov with confidentiality but no DATA buffer: MIT silently protects integrity only. */
  readonly integrityOnly?: boolean;
  /** unwrapIov takes the STREAM path (`kg_unseal_stream_iov`). */
  readonly stream?: boolean;
  /**
   * verifyMicIov with a STREAM buffer: MIT reaches `assert(toktype == KG_TOK_WRAP_MSG)` in
   * `kg_unseal_stream_iov`, which aborts the process in a build with assertions (Debian's).
   * The major and minor are what the code after the assertion would return.
   */
  readonly aborts?: boolean;
}

const NONE: readonly number[] = Object.freeze([]);

function rejected(minor: MinorName, extra: Partial<IovLayoutVerdict> = {}): IovLayoutVerdict {
  return Object.freeze({ ok: false, major: GSS_S_FAILURE, minor, allocated: NONE, ...extra });
}

/** The verdicts MIT gives for layouts it refuses. */
export const IOV_REJECTIONS = {
  /** No single HEADER (wrap, unwrap) or MIC_TOKEN (MIC calls): `kg_locate_header_iov`. */
  missingHeader: rejected('EINVAL'),
  /** STREAM unwrap without exactly one DATA buffer: "a single DATA buffer must be present". */
  streamData: rejected('EINVAL', { stream: true }),
  /** STREAM unwrap on a DCE-style context: refused by `kg_unseal_stream_iov`. */
  dceStream: rejected('EINVAL', { stream: true }),
  /** STREAM verifyMicIov: an assertion failure in MIT. */
  micStream: rejected('EINVAL', { stream: true, aborts: true }),
  /**
   * getMicIov with a single ALLOCATE-flagged TRAILER: `kg_seal_iov` never fills a trailer for
   * a MIC, and `checksum_iov_v3` then refuses its length 0 (measured on MIT 1.20.1).
   */
  micTrailer: rejected('KRB5_BAD_MSIZE'),
  /** verifyMicIov with a single ALLOCATE-flagged TRAILER: the same length check, as BAD_MIC. */
  verifyMicTrailer: rejected('KRB5_BAD_MSIZE', { major: GSS_S_BAD_MIC }),
} as const;

const {
  header: HEADER,
  trailer: TRAILER,
  micToken: MIC,
  stream: STREAM,
  data: DATA,
} = IOVBufferType;
const TYPE_MASK = 0xffff;

function accepted(allocated: number[], extra: Partial<IovLayoutVerdict> = {}): IovLayoutVerdict {
  return {
    ok: true,
    major: GSS_S_COMPLETE,
    allocated: allocated.length === 0 ? NONE : allocated,
    ...extra,
  };
}

/**
 * Checks an IOV layout for `operation` as MIT's krb5 mechanism does, for an established CFX
 * context. `buffers` are the C `type` words: an {@link IOVBufferType} OR'ed with
 * `GSS_IOV_BUFFER_FLAG_ALLOCATE` where the caller wants the mechanism to allocate.
 *
 * - wrapIov (`gss_krb5int_make_seal_token_v3_iov`): one HEADER; allocates HEADER and a single
 *   TRAILER when flagged; PADDING is set to length 0 (CFX pads with EC) and never allocated.
 * - wrapIovLength (`kg_seal_iov_length`): one HEADER; sets lengths, allocates nothing.
 * - unwrapIov (`kg_unseal_iov`): with one STREAM buffer, exactly one DATA, not DCE style, and
 *   DATA is allocated when flagged; otherwise one HEADER, nothing allocated.
 * - getMicIov: one MIC_TOKEN, allocated when flagged; a single TRAILER flagged ALLOCATE is
 *   never allocated, and the checksum code refuses it: FAILURE/KRB5_BAD_MSIZE.
 * - getMicIovLength: one MIC_TOKEN; nothing allocated.
 * - verifyMicIov: one MIC_TOKEN and no single STREAM buffer; a single TRAILER flagged ALLOCATE
 *   gives BAD_MIC/KRB5_BAD_MSIZE.
 */
export function checkIovLayout(
  operation: IovOperation,
  buffers: readonly number[],
  options: IovLayoutOptions = {},
): IovLayoutVerdict {
  let header = -1;
  let headers = 0;
  let trailer = -1;
  let trailers = 0;
  let mic = -1;
  let mics = 0;
  let streams = 0;
  let data = -1;
  let datas = 0;
  for (let index = 0; index < buffers.length; index++) {
    switch ((buffers[index] ?? 0) & TYPE_MASK) {
      case HEADER:
        header = index;
        headers++;
        break;
      case TRAILER:
        trailer = index;
        trailers++;
        break;
      case MIC:
        mic = index;
        mics++;
        break;
      case STREAM:
        streams++;
        break;
      case DATA:
        data = index;
        datas++;
        break;
    }
  }
  const flagged = (index: number): boolean =>
    ((buffers[index] ?? 0) & GSS_IOV_BUFFER_FLAG_ALLOCATE) !== 0;

  switch (operation) {
    case 'wrapIov':
    case 'wrapIovLength': {
      if (headers !== 1) return IOV_REJECTIONS.missingHeader;
      const extra = options.confidential === true && datas === 0 ? { integrityOnly: true } : {};
      if (operation === 'wrapIovLength') return accepted([], extra);
      const allocated: number[] = [];
      if (flagged(header)) allocated.push(header);
      if (trailers === 1 && flagged(trailer)) allocated.push(trailer);
      return accepted(
        allocated.sort((a, b) => a - b),
        extra,
      );
    }
    case 'unwrapIov': {
      if (streams === 1) {
        if (options.dceStyle === true) return IOV_REJECTIONS.dceStream;
        if (datas !== 1) return IOV_REJECTIONS.streamData;
        return accepted(flagged(data) ? [data] : [], { stream: true });
      }
      return headers === 1 ? accepted([]) : IOV_REJECTIONS.missingHeader;
    }
    case 'getMicIov':
    case 'getMicIovLength': {
      if (mics !== 1) return IOV_REJECTIONS.missingHeader;
      if (operation === 'getMicIovLength') return accepted([]);
      if (trailers === 1 && flagged(trailer)) return IOV_REJECTIONS.micTrailer;
      return accepted(flagged(mic) ? [mic] : []);
    }
    case 'verifyMicIov': {
      if (streams === 1) return IOV_REJECTIONS.micStream;
      if (mics !== 1) return IOV_REJECTIONS.missingHeader;
      return trailers === 1 && flagged(trailer) ? IOV_REJECTIONS.verifyMicTrailer : accepted([]);
    }
  }
}
