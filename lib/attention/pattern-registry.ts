/**
 * The attention patterns, one entry each: the knobs it reads (pattern-fields.ts has their
 * bounds), whether it is causal by definition, its defining predicate (the slow oracle the
 * tests check everything against), its row rule (the fast path: a few segments per query row,
 * row-segments.ts), its FlexAttention mask_mod (flex-code.ts) and its README note.
 * The pattern list, the URL enum, the select's options, the controls shown and the README
 * row derive from here; the labels and one-line descriptions are in lib/i18n/attention.ts.
 *
 * Query i attends key j (n = seqLen, w = windowSize, d = dilation, l = stride,
 * c = summaryTokens, g = globalTokens, k = sinkTokens, r = randomBlocks, b = blockSize);
 * with params.causal every pattern is also ANDed with j <= i.
 */
import { bigBirdBlockLayout, bigBirdLayoutPython, blockLayoutRuns } from './bigbird';
import type { PatternKnob } from './pattern-fields';
import type { PatternParams } from './params';

/**
 * Appends the key segment {j ∈ [lo, hi) ∩ [0, limit) : mod(j − phase, period) < width} to
 * the row being written (row-segments.ts pushSegment); period 1 is a plain interval.
 */
export type PushSegment = (limit: number, lo: number, hi: number, period?: number, phase?: number, width?: number) => void;

/** How to write any row of one configured pattern. */
export interface RowRule {
  /** Most segments any row pushes. */
  capacity: number;
  /** Pushes the segments of query row i; `limit` is n, or i + 1 with params.causal. */
  write(i: number, push: PushSegment, limit: number): void;
}

export interface PatternEntry {
  /** Lower-triangular by definition (the `causal` flag changes nothing). */
  causal: boolean;
  /** The knobs it reads besides n and b, in the order they are validated. */
  knobs: readonly PatternKnob[];
  /** Its mask itself depends on the block size b (BigBird); every block layout reads b anyway. */
  readsBlockSize?: boolean;
  /**
   * The defining predicate, entry by entry (before params.causal): the O(n²) oracle.
   * BigBird reads its block layout (given, or drawn from the seed).
   */
  oracle(p: PatternParams, blockLayout?: Uint8Array): (i: number, j: number) => boolean;
  /** The same key set as a few segments per row (validated params). */
  rows(p: PatternParams): RowRule;
  /** Body of FlexAttention's mask_mod(b, h, q_idx, kv_idx); the last line is the return. */
  maskMod: readonly string[];
  /** Python lines that define what the mask_mod reads besides the knobs' constants. */
  pythonSetup?(p: PatternParams): string[];
  /** README's note after the name in the `pattern` row, if any. */
  readme?: string;
  /**
   * Patterns whose local part is a window: how many of the latest keys (i − r + 1 … i) a causal
   * query i reads at a long length, i.e. what a decoder's rolling KV cache must keep besides the
   * pattern's sink or global tokens.
   */
  recentKeys?(p: PatternParams): number;
}

const interval = (capacity: number, write: RowRule['write']): RowRule => ({ capacity, write });

const PATTERNS = {
  dense: {
    causal: false,
    knobs: [],
    oracle: () => () => true,
    rows: (p) => interval(1, (_i, push, limit) => push(limit, 0, p.seqLen)),
    maskMod: ['return kv_idx >= 0  # every pair (dense attention needs no block mask at all)'],
  },
  causal: {
    causal: true,
    knobs: [],
    oracle: () => (i, j) => j <= i,
    rows: (p) => interval(1, (i, push) => push(i + 1, 0, p.seqLen)),
    maskMod: ['return q_idx >= kv_idx'],
  },
  window: {
    // the source article: start = max(0, i - w//2), end = min(n, i + w//2 + 1)
    recentKeys: (p) => Math.floor(p.windowSize / 2) + 1, // |i − j| <= ⌊w/2⌋ and j <= i
    causal: false,
    knobs: ['windowSize'],
    oracle: (p) => (i, j) => Math.abs(i - j) <= Math.floor(p.windowSize / 2),
    rows: (p) => {
      const half = Math.floor(p.windowSize / 2);
      return interval(1, (i, push, limit) => push(limit, i - half, i + half + 1));
    },
    maskMod: ["# the source article's convention: |i - j| <= WINDOW // 2", 'return (q_idx - kv_idx).abs() <= WINDOW // 2'],
    readme: "the source's \\|i−j\\| ≤ ⌊w/2⌋",
  },
  'causal-window': {
    // Hugging Face sliding_window (Mistral): 0 <= i - j <= w - 1
    recentKeys: (p) => p.windowSize,
    causal: true,
    knobs: ['windowSize'],
    oracle: (p) => (i, j) => i - j >= 0 && i - j <= p.windowSize - 1,
    rows: (p) => interval(1, (i, push) => push(i + 1, i - p.windowSize + 1, i + 1)),
    maskMod: [
      '# Hugging Face sliding_window = WINDOW: the last WINDOW keys, the query included',
      'return (q_idx >= kv_idx) & (q_idx - kv_idx < WINDOW)',
    ],
  },
  dilated: {
    // Longformer §3.1: j = i + m d, |m| <= floor(w/2)  ⇔  |i - j| <= floor(w/2) d and j ≡ i (mod d)
    causal: false,
    knobs: ['windowSize', 'dilation'],
    oracle: (p) => (i, j) => Math.abs(i - j) <= Math.floor(p.windowSize / 2) * p.dilation && (i - j) % p.dilation === 0,
    rows: (p) => {
      const reach = Math.floor(p.windowSize / 2) * p.dilation;
      return interval(1, (i, push, limit) => push(limit, i - reach, i + reach + 1, p.dilation, i, 1));
    },
    maskMod: ['d = q_idx - kv_idx', 'return (d.abs() <= (WINDOW // 2) * DILATION) & (d % DILATION == 0)'],
  },
  strided: {
    // Child et al. 2019 §4.2, both heads unioned: j <= i and (i - j < l or (i - j) mod l = 0)
    causal: true,
    knobs: ['stride'],
    oracle: (p) => (i, j) => j <= i && (i - j < p.stride || (i - j) % p.stride === 0),
    rows: (p) => {
      const l = p.stride;
      return interval(2, (i, push) => {
        push(i + 1, i - l + 1, i + 1);
        push(i + 1, 0, i - l + 1, l, i, 1);
      });
    },
    maskMod: [
      '# Child et al. 2019, both heads of the strided pattern unioned',
      'd = q_idx - kv_idx',
      'return (d >= 0) & ((d < STRIDE) | (d % STRIDE == 0))',
    ],
  },
  fixed: {
    // Child et al. 2019 §4.2: j <= i and (floor(j/l) = floor(i/l) or j mod l >= l - c)
    causal: true,
    knobs: ['stride', 'summaryTokens'],
    oracle: (p) => {
      const c = p.summaryTokens ?? 1;
      return (i, j) => j <= i && (Math.floor(j / p.stride) === Math.floor(i / p.stride) || j % p.stride >= p.stride - c);
    },
    rows: (p) => {
      const l = p.stride;
      const c = p.summaryTokens ?? 1;
      return interval(2, (i, push) => {
        const blockStart = i - (i % l);
        push(i + 1, blockStart, i + 1);
        push(i + 1, 0, blockStart, l, l - c, c);
      });
    },
    maskMod: [
      '# Child et al. 2019, fixed pattern: own stride block + last SUMMARY keys of every block',
      'same_block = q_idx // STRIDE == kv_idx // STRIDE',
      'summary = kv_idx % STRIDE >= STRIDE - SUMMARY',
      'return (q_idx >= kv_idx) & (same_block | summary)',
    ],
  },
  longformer: {
    // Beltagy et al. 2020: the window plus g global tokens (whole rows and columns)
    recentKeys: (p) => Math.floor(p.windowSize / 2) + 1, // the local part: |i − j| <= ⌊w/2⌋ and j <= i
    causal: false,
    knobs: ['windowSize', 'globalTokens'],
    oracle: (p) => (i, j) => Math.abs(i - j) <= Math.floor(p.windowSize / 2) || i < p.globalTokens || j < p.globalTokens,
    rows: (p) => {
      const half = Math.floor(p.windowSize / 2);
      const g = p.globalTokens;
      return interval(2, (i, push, limit) => {
        if (i < g) {
          push(limit, 0, p.seqLen);
        } else if (i - half <= g) {
          push(limit, 0, Math.max(g, i + half + 1)); // global columns merge with the window
        } else {
          push(limit, 0, g);
          push(limit, i - half, i + half + 1);
        }
      });
    },
    maskMod: ['local = (q_idx - kv_idx).abs() <= WINDOW // 2', 'return local | (q_idx < GLOBAL) | (kv_idx < GLOBAL)'],
  },
  bigbird: {
    // Zaheer et al. 2020, HF ITC: the block layout of bigbird.ts expanded to elements
    causal: false,
    knobs: ['randomBlocks', 'seed'],
    readsBlockSize: true,
    oracle: (p, given) => {
      const nb = Math.ceil(p.seqLen / p.blockSize);
      const layout = given ?? bigBirdBlockLayout(nb, p.randomBlocks, p.seed);
      return (i, j) => layout[Math.floor(i / p.blockSize) * nb + Math.floor(j / p.blockSize)] === 1;
    },
    rows: (p) => {
      const b = p.blockSize;
      const nb = Math.ceil(p.seqLen / b);
      const { offsets, runs, widest } = blockLayoutRuns(bigBirdBlockLayout(nb, p.randomBlocks, p.seed), nb);
      return interval(widest, (i, push, limit) => {
        const qb = Math.floor(i / b);
        for (let t = offsets[qb]; t < offsets[qb + 1]; t++) push(limit, runs[2 * t] * b, runs[2 * t + 1] * b);
      });
    },
    maskMod: ['return LAYOUT[q_idx // BLOCK_SIZE, kv_idx // BLOCK_SIZE]'],
    pythonSetup: (p) => bigBirdLayoutPython(p.seqLen, p.blockSize, p.randomBlocks, p.seed),
  },
  sinks: {
    // StreamingLLM (Xiao et al. 2023): j <= i and (j < k or i - j < w)
    recentKeys: (p) => p.windowSize,
    causal: true,
    knobs: ['sinkTokens', 'windowSize'],
    oracle: (p) => (i, j) => j <= i && (j < p.sinkTokens || i - j < p.windowSize),
    rows: (p) => {
      const k = p.sinkTokens;
      return interval(2, (i, push) => {
        const lo = i - p.windowSize + 1;
        if (lo <= k) {
          push(i + 1, 0, i + 1);
        } else {
          push(i + 1, 0, k);
          push(i + 1, lo, i + 1);
        }
      });
    },
    maskMod: [
      '# StreamingLLM: the first SINKS tokens plus the last WINDOW',
      'return (q_idx >= kv_idx) & ((kv_idx < SINKS) | (q_idx - kv_idx < WINDOW))',
    ],
  },
} as const satisfies Record<string, PatternEntry>;

export type PatternName = keyof typeof PATTERNS;

/** Every pattern's entry, in the order the lab lists them. */
export const PATTERN_REGISTRY: Readonly<Record<PatternName, PatternEntry>> = PATTERNS;

export const PATTERN_NAMES = Object.keys(PATTERNS) as readonly PatternName[];

/** Patterns whose mask is lower-triangular by definition (the `causal` flag changes nothing). */
export const CAUSAL_PATTERNS: readonly PatternName[] = PATTERN_NAMES.filter((name) => PATTERNS[name].causal);

/** Which knobs (besides seqLen and blockSize) each pattern reads. */
export const PATTERN_FIELDS: Readonly<Record<PatternName, readonly PatternKnob[]>> = Object.fromEntries(
  PATTERN_NAMES.map((name) => [name, PATTERN_REGISTRY[name].knobs]),
) as Record<PatternName, readonly PatternKnob[]>;

/** True for the names of the registry (a URL or a worker message may carry anything). */
export function isPatternName(name: unknown): name is PatternName {
  return typeof name === 'string' && Object.hasOwn(PATTERNS, name);
}
