/**
 * The cases of MIT's own window test, `src/lib/gssapi/generic/t_seqstate.c` (krb5 1.20),
 * transcribed as data.
 */

import {
  GSS_S_COMPLETE,
  GSS_S_DUPLICATE_TOKEN,
  GSS_S_GAP_TOKEN,
  GSS_S_OLD_TOKEN,
  GSS_S_UNSEQ_TOKEN,
} from '../../../src/spec/status.js';

const U32 = 0xffff_ffffn;
const U64 = 0xffff_ffff_ffff_ffffn;
const OK = GSS_S_COMPLETE;
const GAP = GSS_S_GAP_TOKEN;
const UNSEQ = GSS_S_UNSEQ_TOKEN;
const OLD = GSS_S_OLD_TOKEN;
const REPLAY = GSS_S_DUPLICATE_TOKEN;

/** Which widths a case applies to. */
export type Width = 'narrow' | 'wide' | 'both';

/** One case: a window, then received numbers with the status each gives. */
export interface Vector {
  readonly name: string;
  readonly initial: bigint;
  readonly replay: boolean;
  readonly sequence: boolean;
  readonly width: Width;
  readonly seqs: ReadonlyArray<readonly [bigint, number]>;
}

/** The cases, in t_seqstate.c's order. */
export const vectors: readonly Vector[] = [
  {
    name: 'no replay or sequence checking accepts everything',
    initial: 10n,
    replay: false,
    sequence: false,
    width: 'both',
    seqs: [
      [11n, OK],
      [10n, OK],
      [10n, OK],
      [9n, OK],
    ],
  },
  {
    name: 'sequencing reports a gap and a late token',
    initial: 100n,
    replay: false,
    sequence: true,
    width: 'both',
    seqs: [
      [100n, OK],
      [102n, GAP],
      [103n, OK],
      [101n, UNSEQ],
    ],
  },
  {
    name: 'a first token past the initial number is a gap',
    initial: 200n,
    replay: false,
    sequence: true,
    width: 'both',
    seqs: [
      [201n, GAP],
      [202n, OK],
      [200n, UNSEQ],
      [203n, OK],
    ],
  },
  {
    name: '32-bit numbers wrap in order',
    initial: U32 - 1n,
    replay: false,
    sequence: true,
    width: 'narrow',
    seqs: [
      [U32 - 1n, OK],
      [U32, OK],
      [0n, OK],
      [1n, OK],
    ],
  },
  {
    name: '32-bit numbers wrap with a gap',
    initial: U32 - 1n,
    replay: false,
    sequence: true,
    width: 'narrow',
    seqs: [
      [U32 - 1n, OK],
      [0n, GAP],
      [U32, UNSEQ],
      [1n, OK],
    ],
  },
  {
    name: '64-bit numbers wrap in order',
    initial: U64 - 1n,
    replay: false,
    sequence: true,
    width: 'wide',
    seqs: [
      [U64 - 1n, OK],
      [U64, OK],
      [0n, OK],
      [1n, OK],
    ],
  },
  {
    name: '64-bit numbers wrap with a gap',
    initial: U64 - 1n,
    replay: false,
    sequence: true,
    width: 'wide',
    seqs: [
      [U64 - 1n, OK],
      [0n, GAP],
      [U64, UNSEQ],
      [1n, OK],
    ],
  },
  {
    name: '64-bit numbers continue past 2^32',
    initial: U32 - 1n,
    replay: false,
    sequence: true,
    width: 'wide',
    seqs: [
      [U32 - 1n, OK],
      [U32, OK],
      [U32 + 1n, OK],
      [U32 + 2n, OK],
    ],
  },
  {
    name: '64-bit numbers past 2^32 with a gap',
    initial: U32 - 1n,
    replay: false,
    sequence: true,
    width: 'wide',
    seqs: [
      [U32 - 1n, OK],
      [U32 + 1n, GAP],
      [U32, UNSEQ],
      [U32 + 2n, OK],
    ],
  },
  {
    name: '64-bit numbers do not wrap at 2^32',
    initial: U32 - 1n,
    replay: false,
    sequence: true,
    width: 'wide',
    seqs: [
      [U32 - 1n, OK],
      [U32, OK],
      [0n, GAP],
    ],
  },
  {
    name: 'a replay without the replay flag is only out of sequence',
    initial: 250n,
    replay: false,
    sequence: true,
    width: 'both',
    seqs: [
      [250n, OK],
      [250n, UNSEQ],
    ],
  },
  {
    name: 'replays are detected with sequencing',
    initial: 0n,
    replay: true,
    sequence: true,
    width: 'both',
    seqs: [
      [5n, GAP],
      [3n, UNSEQ],
      [8n, GAP],
      [3n, REPLAY],
      [0n, UNSEQ],
      [0n, REPLAY],
      [5n, REPLAY],
      [3n, REPLAY],
      [8n, REPLAY],
      [9n, OK],
    ],
  },
  {
    name: 'replays are detected without sequencing',
    initial: 0n,
    replay: true,
    sequence: false,
    width: 'both',
    seqs: [
      [5n, OK],
      [3n, OK],
      [8n, OK],
      [3n, REPLAY],
      [0n, OK],
      [0n, REPLAY],
      [5n, REPLAY],
      [3n, REPLAY],
      [8n, REPLAY],
      [9n, OK],
    ],
  },
  {
    name: 'replays are detected across a 64-bit wrap',
    initial: U64 - 5n,
    replay: true,
    sequence: true,
    width: 'wide',
    seqs: [
      [U64, GAP],
      [U64 - 2n, UNSEQ],
      [0n, OK],
      [U64, REPLAY],
      [U64, REPLAY],
      [2n, GAP],
      [0n, REPLAY],
      [1n, UNSEQ],
      [U64 - 2n, REPLAY],
      [U64 - 6n, GAP],
    ],
  },
  {
    name: 'replays are detected across a 32-bit wrap',
    initial: U32 - 5n,
    replay: true,
    sequence: true,
    width: 'narrow',
    seqs: [
      [U32, GAP],
      [U32 - 2n, UNSEQ],
      [0n, OK],
      [U32, REPLAY],
      [U32, REPLAY],
      [2n, GAP],
      [0n, REPLAY],
      [1n, UNSEQ],
      [U32 - 2n, REPLAY],
      [U32 - 6n, GAP],
    ],
  },
  {
    name: 'tokens more than 64 behind are old',
    initial: 1000n,
    replay: true,
    sequence: false,
    width: 'both',
    seqs: [
      [1163n, OK],
      [1100n, OK],
      [1100n, REPLAY],
      [1163n, REPLAY],
      [1099n, OLD],
      [1100n, REPLAY],
      [1150n, OK],
      [1150n, REPLAY],
      [1000n, OLD],
      [999n, OK],
    ],
  },
];
