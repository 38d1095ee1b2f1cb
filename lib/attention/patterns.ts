/**
 * Sparse attention patterns as boolean masks and block layouts.
 *
 * Shapes and conventions:
 *   - An element mask is a Uint8Array of seqLen × seqLen, row-major: mask[i * n + j] = 1 when
 *     query row i may attend key column j (n = seqLen), 0 otherwise.
 *   - A block layout is a Uint8Array of numBlocks × numBlocks, numBlocks = ceil(n / b) for
 *     block size b: layout[qb * numBlocks + kb] = 1 when ANY element of the b × b tile
 *     (query rows qb*b.., key columns kb*b..) is 1. When b does not divide n the last block
 *     row/column is partial: it covers only the n - (numBlocks-1) b real tokens, the rest is
 *     padding up to paddedLength(n, b) (as block-sparse kernels pad, and as HF BigBird pads
 *     the input to a multiple of block_size).
 *
 * Patterns (w = windowSize, d = dilation, l = stride, c = summaryTokens, g = globalTokens,
 * k = sinkTokens, r = randomBlocks):
 *   dense          all j
 *   causal         j <= i
 *   window         |i - j| <= floor(w/2)                       (source article, Longformer)
 *                  any w >= 1: clipped to [0, n) as the source's loop clips, so full when floor(w/2) >= n - 1
 *   causal-window  0 <= i - j <= w - 1                         (HF Mistral sliding_window)
 *   dilated        j = i + m d, |m| <= floor(w/2)              (Longformer dilated window)
 *   strided        j <= i and (i - j < l or (i - j) mod l = 0) (Child et al. 2019)
 *   fixed          j <= i and (floor(j/l) = floor(i/l) or j mod l >= l - c) (Child et al. 2019)
 *   longformer     window, plus the first g tokens global (whole rows and columns)
 *   sinks          j <= i and (j < k or i - j < w)             (StreamingLLM, Xiao et al. 2023)
 *   bigbird        block layout of bigbird.ts expanded to elements (HF BigBird ITC)
 * With params.causal, non-causal patterns are ANDed with the causal mask (j <= i).
 * Each pattern's predicate, row rule and knobs are its entry in pattern-registry.ts.
 *
 * Everything is computed row by row from a few segments per row (row-segments.ts):
 * an 8192 × 8192 mask is a zeroed 64 MiB allocation plus O(n) fills, and block layouts
 * never materialise the element mask (O(n · numBlocks) at most).
 */
import { bigBirdBlockLayout, bigBirdIsFull } from './bigbird';
import {
  checkWholeNumber,
  collectPatternProblems,
  MAX_SEQ_LEN,
  throwIfProblems,
  validatePatternParams,
  type PatternName,
  type PatternParams,
  type PatternProblem,
} from './params';
import { createRowSegments, fillRowSegments, markRowBlocks, planRows } from './row-segments';

export { bigBirdBlockLayout, bigBirdIsFull, MAX_SEQ_LEN, validatePatternParams, type PatternName, type PatternParams, type PatternProblem };
export { bigBirdFreeBlocks, CAUSAL_PATTERNS, MAX_SEED, PATTERN_NAMES, PatternParamError } from './params';

/** Placeholder values for the knobs a single-pattern builder does not read. */
const UNUSED: PatternParams = {
  seqLen: 1,
  windowSize: 1,
  dilation: 1,
  stride: 1,
  globalTokens: 0,
  randomBlocks: 0,
  blockSize: 1,
  sinkTokens: 0,
  seed: 0,
  causal: false,
  summaryTokens: 1,
};

/** Builds the element mask of an already validated configuration. */
function buildMask(name: PatternName, params: PatternParams): Uint8Array {
  const n = params.seqLen;
  const mask = new Uint8Array(n * n);
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  for (let i = 0; i < n; i++) {
    plan.writeRow(i, segs);
    fillRowSegments(mask, i * n, segs);
  }
  return mask;
}

/** Validates the knobs one builder reads, then builds its mask. */
function buildChecked(name: PatternName, knobs: Partial<PatternParams> & { seqLen: number }): Uint8Array {
  throwIfProblems(collectPatternProblems(name, knobs, false));
  return buildMask(name, { ...UNUSED, ...knobs });
}

/** Full attention: every query attends every key. n×n ones. */
export function denseMask(seqLen: number): Uint8Array {
  return buildChecked('dense', { seqLen });
}

/** Causal (autoregressive) attention: j <= i. Lower triangle including the diagonal. */
export function causalMask(seqLen: number): Uint8Array {
  return buildChecked('causal', { seqLen });
}

/**
 * Sliding window, the source article's convention: |i - j| <= floor(w/2), i.e. its loop
 * start = max(0, i - w//2), end = min(n, i + w//2 + 1). An odd w gives exactly w keys per
 * interior row; an even w gives w + 1 (w/2 each side plus the query itself).
 * Longformer's `attention_window` = w is one-sided w/2 each side, so Longformer with
 * attention_window = w is windowMask(n, w).
 */
export function windowMask(seqLen: number, windowSize: number): Uint8Array {
  return buildChecked('window', { seqLen, windowSize });
}

/**
 * Causal sliding window: 0 <= i - j <= w - 1, the last w keys including the query itself.
 * This is Hugging Face's `sliding_window` (Mistral, masking_utils.sliding_window_overlay:
 * kv_idx > q_idx - sliding_window, ANDed with causal), so HF sliding_window = w maps to
 * causalWindowMask(n, w). It is the lower half of windowMask(n, 2w - 1).
 */
export function causalWindowMask(seqLen: number, windowSize: number): Uint8Array {
  return buildChecked('causal-window', { seqLen, windowSize });
}

/**
 * Dilated sliding window (Longformer, Beltagy et al. 2020, §3.1): keys j = i + m d for
 * |m| <= floor(w/2): the window of windowMask(n, w) with gaps of d - 1 between keys, so the
 * reach grows to floor(w/2) d each side at the same cost. d = 1 is windowMask(n, w).
 */
export function dilatedWindowMask(seqLen: number, windowSize: number, dilation: number): Uint8Array {
  return buildChecked('dilated', { seqLen, windowSize, dilation });
}

/**
 * Strided pattern of the Sparse Transformer (Child et al. 2019, §4.2), both heads unioned:
 * j <= i and (i - j < l or (i - j) mod l = 0): the previous l keys plus every l-th key back.
 */
export function stridedMask(seqLen: number, stride: number): Uint8Array {
  return buildChecked('strided', { seqLen, stride });
}

/**
 * Fixed pattern of the Sparse Transformer (Child et al. 2019, §4.2), both heads unioned:
 * j <= i and (floor(j/l) = floor(i/l) or j mod l >= l - c): the query's own stride block
 * plus the last c "summary" positions of every block. 1 <= c <= l.
 */
export function fixedMask(seqLen: number, stride: number, summaryTokens = 1): Uint8Array {
  return buildChecked('fixed', { seqLen, stride, summaryTokens });
}

/**
 * Longformer (Beltagy et al. 2020): windowMask(n, w) plus g global tokens at positions
 * 0..g-1, which attend every key (whole rows) and are attended by every query (whole columns).
 */
export function longformerMask(seqLen: number, windowSize: number, numGlobal: number): Uint8Array {
  return buildChecked('longformer', { seqLen, windowSize, globalTokens: numGlobal });
}

/**
 * StreamingLLM attention sinks (Xiao et al. 2023): causal; query i attends key j <= i when
 * j < k (the first k "sink" tokens) or i - j < w (the last w tokens including itself).
 */
export function sinkMask(seqLen: number, numSinks: number, windowSize: number): Uint8Array {
  return buildChecked('sinks', { seqLen, sinkTokens: numSinks, windowSize });
}

/**
 * BigBird element mask: mask[i, j] = layout[floor(i/b), floor(j/b)] for the layout
 * bigBirdBlockLayout(ceil(n/b), r, seed); the last block is partial when b does not divide n.
 */
export function bigBirdMask(seqLen: number, blockSize: number, numRandomBlocks: number, seed: number): Uint8Array {
  return buildChecked('bigbird', { seqLen, blockSize, randomBlocks: numRandomBlocks, seed });
}

/** The element mask of any pattern (see the table at the top). Throws on invalid params. */
export function patternMask(name: PatternName, params: PatternParams): Uint8Array {
  throwIfProblems(validatePatternParams(name, params));
  return buildMask(name, params);
}

/** ceil(seqLen / blockSize) · blockSize: the sequence length once padded to whole blocks. */
export function paddedLength(seqLen: number, blockSize: number): number {
  const problems: PatternProblem[] = [];
  checkWholeNumber(problems, 'seqLen', seqLen, 1, MAX_SEQ_LEN);
  checkWholeNumber(problems, 'blockSize', blockSize, 1, MAX_SEQ_LEN);
  throwIfProblems(problems);
  return Math.ceil(seqLen / blockSize) * blockSize;
}

/**
 * The block layout of any pattern, computed from the row segments without the element
 * mask: for each query row i, every key block holding one of its keys is marked in block
 * row floor(i/b). Cost O(n · numBlocks) at most. Equals blockLayoutFromMask(patternMask(...)).
 */
export function patternBlockLayout(name: PatternName, params: PatternParams): Uint8Array {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  const b = params.blockSize;
  const numBlocks = Math.ceil(n / b);
  const layout = new Uint8Array(numBlocks * numBlocks);
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  for (let i = 0; i < n; i++) {
    plan.writeRow(i, segs);
    markRowBlocks(layout, Math.floor(i / b) * numBlocks, segs, b);
  }
  return layout;
}

/**
 * Generic reference: the block layout of any element mask (n × n) by scanning it.
 * O(n²); used to check patternBlockLayout and for masks from elsewhere.
 */
export function blockLayoutFromMask(mask: Uint8Array, seqLen: number, blockSize: number): Uint8Array {
  const problems: PatternProblem[] = [];
  if (checkWholeNumber(problems, 'seqLen', seqLen, 1, MAX_SEQ_LEN)) {
    checkWholeNumber(problems, 'blockSize', blockSize, 1, seqLen, 'the sequence length');
  }
  throwIfProblems(problems);
  if (mask.length !== seqLen * seqLen) {
    throw new RangeError(`The mask has ${mask.length} entries, not ${seqLen} × ${seqLen} = ${seqLen * seqLen}.`);
  }
  const numBlocks = Math.ceil(seqLen / blockSize);
  const layout = new Uint8Array(numBlocks * numBlocks);
  for (let i = 0; i < seqLen; i++) {
    const row = i * seqLen;
    const out = Math.floor(i / blockSize) * numBlocks;
    for (let j = 0; j < seqLen; j++) {
      if (mask[row + j] !== 0) layout[out + Math.floor(j / blockSize)] = 1;
    }
  }
  return layout;
}
