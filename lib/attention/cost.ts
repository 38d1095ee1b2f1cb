/**
 * What a sparse attention pattern saves, and what it can still see.
 *
 * Cost model, per head, sequence length n, head dimension d (one multiply-add = 2 FLOPs):
 *   dense attention:   S = Q Kᵀ is n·n dot products of length d → 2 n² d FLOPs,
 *                      O = P V is another n·n·d MACs → 2 n² d FLOPs; total 4 n² d.
 *   element-sparse:    only the A attended (i, j) pairs are computed → 4 A d.
 *   block-sparse:      a kernel runs every non-empty b × b tile in full, even its zero or
 *                      padded entries (partial last blocks included) → 4 · nnzBlocks · b² · d.
 * (Softmax and scaling, O(n²) or O(A) without the factor d, are left out, as usual.)
 * Memory: a materialised fp32 score matrix is n² · 4 bytes per head (× heads); the block
 * layout is numBlocks² bytes as a dense 0/1 grid, or (numBlocks + 1 + nnzBlocks) · 4 bytes as
 * CSR (int32 row pointers + int32 column index per non-empty block).
 *
 * Receptive field: with L stacked attention layers and residual connections, key token j
 * influences query q iff there is a chain q = t0 → t1 → … → tm = j with m <= L and every
 * mask[t_{s}, t_{s+1}] = 1 (the residual lets a token keep itself, so shorter chains count).
 * depth[j] = the least such m, found by breadth-first search from q; q itself has depth 0.
 */
import { assertWholeNumber, MAX_SEQ_LEN, throwIfProblems, validatePatternParams, type PatternName, type PatternParams } from './params';
import { countRowSegments, createRowSegments, planRows, type RowSegments } from './row-segments';
import { patternBlockLayout } from './patterns';

/** Largest head dimension and head count the cost helpers accept. */
export const MAX_HEAD_DIM = 4096;
export const MAX_HEADS = 1024;

export interface AttentionCostOptions {
  /** d: head dimension. Default 64. */
  headDim?: number;
  /** Heads per layer, for the score-matrix bytes. Default 1. */
  numHeads?: number;
}

export interface PatternStats {
  seqLen: number;
  blockSize: number;
  numBlocks: number;
  /** ceil(n / b) · b. */
  paddedLength: number;
  /** n². */
  totalPairs: number;
  /** A: (query, key) pairs with mask = 1. */
  attendedPairs: number;
  /** A / n². */
  elementDensity: number;
  /** numBlocks². */
  totalBlocks: number;
  /** Blocks with at least one attended pair. */
  nonEmptyBlocks: number;
  /** nonEmptyBlocks / numBlocks². */
  blockDensity: number;
  headDim: number;
  numHeads: number;
  /** Per head: 4 n² d. */
  denseFlops: number;
  /** Per head: 4 A d. */
  sparseFlops: number;
  /** Per head: 4 · nonEmptyBlocks · b² · d. */
  blockSparseFlops: number;
  /** n² · 4 bytes · heads (fp32 scores). */
  denseScoreBytes: number;
  /** numBlocks² bytes (0/1 grid). */
  blockLayoutBytes: number;
  /** (numBlocks + 1 + nonEmptyBlocks) · 4 bytes (CSR of int32). */
  blockCsrBytes: number;
}

/** Number of non-zero entries of a mask (or block layout). */
export function countAttended(mask: Uint8Array): number {
  let total = 0;
  for (let k = 0; k < mask.length; k++) if (mask[k] !== 0) total++;
  return total;
}

/** A = attended pairs of a pattern, counted row by row without building the n×n mask. */
export function countPatternPairs(name: PatternName, params: PatternParams): number {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  const scratch = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    plan.writeRow(i, segs);
    total += countRowSegments(segs, scratch);
  }
  return total;
}

/** Density, FLOPs and memory of a pattern (formulas at the top of this file). */
export function patternStats(name: PatternName, params: PatternParams, options: AttentionCostOptions = {}): PatternStats {
  const headDim = options.headDim ?? 64;
  const numHeads = options.numHeads ?? 1;
  assertWholeNumber('headDim', headDim, 1, MAX_HEAD_DIM);
  assertWholeNumber('numHeads', numHeads, 1, MAX_HEADS);
  const attendedPairs = countPatternPairs(name, params);
  const layout = patternBlockLayout(name, params);
  const n = params.seqLen;
  const b = params.blockSize;
  const numBlocks = Math.ceil(n / b);
  const nonEmptyBlocks = countAttended(layout);
  const totalPairs = n * n;
  const totalBlocks = numBlocks * numBlocks;
  return {
    seqLen: n,
    blockSize: b,
    numBlocks,
    paddedLength: numBlocks * b,
    totalPairs,
    attendedPairs,
    elementDensity: attendedPairs / totalPairs,
    totalBlocks,
    nonEmptyBlocks,
    blockDensity: nonEmptyBlocks / totalBlocks,
    headDim,
    numHeads,
    denseFlops: 4 * totalPairs * headDim,
    sparseFlops: 4 * attendedPairs * headDim,
    blockSparseFlops: 4 * nonEmptyBlocks * b * b * headDim,
    denseScoreBytes: totalPairs * 4 * numHeads,
    blockLayoutBytes: totalBlocks,
    blockCsrBytes: (numBlocks + 1 + nonEmptyBlocks) * 4,
  };
}

/**
 * Breadth-first search from `query`: `expand(i, visit)` must call visit(lo, hi) for ranges of
 * keys row i attends. A "next unvisited" union-find (next[j] = j while unvisited) lets each
 * range skip visited keys, so every key is visited once: O(n + ranges · α(n)).
 */
function searchDepths(
  seqLen: number,
  query: number,
  maxLayers: number,
  expand: (row: number, visit: (lo: number, hi: number) => void) => void,
): Int32Array {
  const depth = new Int32Array(seqLen).fill(-1);
  const next = new Int32Array(seqLen + 1);
  for (let j = 0; j <= seqLen; j++) next[j] = j;
  const find = (x: number): number => {
    let root = x;
    while (next[root] !== root) root = next[root];
    while (next[x] !== root) {
      const up = next[x];
      next[x] = root;
      x = up;
    }
    return root;
  };
  depth[query] = 0;
  next[query] = query + 1;
  let frontier = [query];
  let layer = 0;
  let found: number[] = [];
  const visit = (lo: number, hi: number): void => {
    for (let j = find(lo); j < hi; j = find(j + 1)) {
      depth[j] = layer;
      next[j] = j + 1;
      found.push(j);
    }
  };
  while (frontier.length > 0 && layer < maxLayers) {
    layer++;
    found = [];
    for (const i of frontier) expand(i, visit);
    frontier = found;
  }
  return depth;
}

function checkMaskQuery(mask: Uint8Array, seqLen: number, query: number): void {
  assertWholeNumber('seqLen', seqLen, 1, MAX_SEQ_LEN);
  if (mask.length !== seqLen * seqLen) {
    throw new RangeError(`The mask has ${mask.length} entries, not ${seqLen} × ${seqLen} = ${seqLen * seqLen}.`);
  }
  assertWholeNumber('query', query, 0, seqLen - 1, 'the last position');
}

/**
 * depth[j] for every key j of an n×n mask (see the top of the file): the fewest layers after
 * which j influences `query`, 0 for the query itself, -1 if it never does. Int32Array(n).
 */
export function receptiveFieldDepths(mask: Uint8Array, seqLen: number, query: number = seqLen - 1): Int32Array {
  checkMaskQuery(mask, seqLen, query);
  return searchDepths(seqLen, query, seqLen, (i, visit) => {
    const row = i * seqLen;
    for (let j = 0; j < seqLen; j++) if (mask[row + j] !== 0) visit(j, j + 1);
  });
}

/** How many tokens (the query included) can influence `query` after `layers` stacked layers. */
export function receptiveField(mask: Uint8Array, seqLen: number, layers: number, query: number = seqLen - 1): number {
  checkMaskQuery(mask, seqLen, query);
  assertWholeNumber('layers', layers, 0, MAX_SEQ_LEN);
  const depth = receptiveFieldDepths(mask, seqLen, query);
  let total = 0;
  for (let j = 0; j < seqLen; j++) if (depth[j] >= 0 && depth[j] <= layers) total++;
  return total;
}

/** The middle query position, floor(n / 2): the default query of receptiveFieldSizes. */
export function middleQuery(seqLen: number): number {
  return Math.floor(seqLen / 2);
}

/**
 * receptiveFieldDepths for a named pattern, straight from its row segments (no n×n mask):
 * whole intervals are visited through the union-find, periodic segments chunk by chunk.
 * Exact at token granularity and fast for every n <= MAX_SEQ_LEN.
 */
export function computePatternDepths(
  name: PatternName,
  params: PatternParams,
  query: number = middleQuery(params.seqLen),
  maxLayers: number = params.seqLen,
): Int32Array {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  assertWholeNumber('query', query, 0, n - 1, 'the last position');
  assertWholeNumber('layers', maxLayers, 0, MAX_SEQ_LEN);
  const plan = planRows(name, params);
  const segs: RowSegments = createRowSegments(plan.capacity);
  return searchDepths(n, query, maxLayers, (i, visit) => {
    plan.writeRow(i, segs);
    for (let k = 0; k < segs.count; k++) {
      const lo = segs.lo[k];
      const hi = segs.hi[k];
      const p = segs.period[k];
      if (p === 1) {
        visit(lo, hi);
        continue;
      }
      const w = segs.width[k];
      const offset = (((lo - segs.phase[k]) % p) + p) % p;
      for (let s = lo - offset; s < hi; s += p) visit(Math.max(s, lo), Math.min(s + w, hi));
    }
  });
}

/**
 * For the middle query (or `query`), the receptive field size after 1, 2, …, maxLayers
 * layers: sizes[L - 1] = |{ j : 0 <= depth[j] <= L }|, the query itself included.
 */
export function receptiveFieldSizes(
  name: PatternName,
  params: PatternParams,
  maxLayers: number,
  query: number = middleQuery(params.seqLen),
): number[] {
  assertWholeNumber('layers', maxLayers, 1, MAX_SEQ_LEN);
  const depth = computePatternDepths(name, params, query, maxLayers);
  const perLayer = new Array<number>(maxLayers + 1).fill(0);
  for (let j = 0; j < depth.length; j++) if (depth[j] >= 0) perLayer[depth[j]]++;
  const sizes: number[] = [];
  let total = perLayer[0];
  for (let layer = 1; layer <= maxLayers; layer++) {
    total += perLayer[layer];
    sizes.push(total);
  }
  return sizes;
}
