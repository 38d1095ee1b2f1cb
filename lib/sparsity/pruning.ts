/**
 * Pruning masks: which weights of a layer to zero.
 *
 * Conventions (all functions):
 * - weights: Float32Array, row-major. A linear layer is [out, in] (PyTorch's
 *   nn.Linear.weight layout); structured pruning takes any shape.
 * - masks: Uint8Array of the same length, 1 = kept, 0 = pruned.
 * - amount: a FRACTION in [0, 1] of the units to prune, turned into a count with
 *   `pruneCount` exactly like torch.nn.utils.prune (PyTorch also takes an int count;
 *   this library only takes fractions).
 * - ties: torch.topk leaves the order of equal scores unspecified; here it is fixed
 *   and documented per method (see select-lowest.ts).
 * - bad input throws a RangeError whose message names the offending value.
 *
 * Re-applying a method (iterative pruning), following PyTorch's PruningContainer:
 * `l1UnstructuredMask`, `lnStructuredMask` and `globalMagnitudeMasks` take an optional
 * existing mask as their LAST argument. The new pruning acts only on what that mask
 * still keeps, and `amount` is a fraction of the REMAINING units:
 *   unstructured: remaining = entries with mask 1 (PyTorch: t[mask == 1]);
 *                 prunes pruneCount(amount, remaining) of them.
 *   structured:   remaining = channels with any entry still kept
 *                 (PyTorch: mask.sum(other dims) != 0); channel norms are taken on
 *                 weights * mask (PyTorch ranks the already-masked `module.weight`).
 * The result is the combined mask (existing AND new), so pruning 50% twice keeps 25%.
 * For methods without that argument (N:M, block, Wanda) combine by hand with
 * `combineMasks(existing, next)` (PyTorch's CustomFromMask: default_mask * mask).
 */

import { pruneLowest } from './select-lowest';
import {
  type ValidationIssue,
  assertBinaryMask,
  assertFiniteEntries,
  assertInteger,
  assertLength,
  throwFirstIssue,
} from './validation';

export type { ValidationIssue } from './validation';

// ---------------------------------------------------------------------------
// Counting

/**
 * Python 3 `round(x)` for a non-negative double: round half to even ("banker's
 * rounding"), on the exact double value. `x - floor(x)` is exact in binary floating
 * point, so 2.5 -> 2 and 3.5 -> 4, while 3.5000000000000004 (= 0.35 * 10 in doubles)
 * -> 4, exactly as Python.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Number of units to prune for a fractional `amount` of `size` units:
 * torch.nn.utils.prune._compute_nparams_toprune, i.e. Python's round(amount * size)
 * (half to even: pruneCount(0.5, 5) = round(2.5) = 2; pruneCount(0.5, 3) = round(1.5) = 2).
 * Throws a RangeError for an amount outside [0, 1] or NaN, or a size that is not an integer >= 0.
 */
export function pruneCount(amount: number, size: number): number {
  throwFirstIssue(amountIssues(amount));
  assertInteger('size', size, 0);
  return roundHalfEven(amount * size);
}

// ---------------------------------------------------------------------------
// Validation (for forms; the mask functions throw the same messages)

/** Parameters a pruning form may hold; every field optional, each checked when present. */
export interface PruneParams {
  /** Fraction to prune, in [0, 1]. */
  amount?: number;
  /** N of N:M: weights kept per group. */
  n?: number;
  /** M of N:M: group length along the last dim. */
  m?: number;
  /** Matrix shape [rows, cols] the N:M groups / blocks must tile. */
  rows?: number;
  cols?: number;
  /** Side of the square blocks of a block mask. */
  blockSize?: number;
}

/** Stable keys of every issue `validatePruneParams` can report. */
export const PRUNE_ISSUE_KEYS = [
  'amount-out-of-range',
  'shape-invalid',
  'nm-invalid',
  'n-greater-than-m',
  'm-not-dividing',
  'block-size-invalid',
  'block-size-not-dividing',
] as const;
export type PruneIssueKey = (typeof PRUNE_ISSUE_KEYS)[number];

function issue(key: PruneIssueKey, message: string, values: Record<string, number | string>): ValidationIssue<PruneIssueKey> {
  return { key, message, values };
}

function amountIssues(amount: number): ValidationIssue<PruneIssueKey>[] {
  if (typeof amount !== 'number' || Number.isNaN(amount) || amount < 0 || amount > 1) {
    return [
      issue('amount-out-of-range', `amount must be a fraction in [0, 1], got ${String(amount)}`, {
        amount: String(amount),
      }),
    ];
  }
  return [];
}

const isCount = (v: number) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks pruning parameters and returns every problem found (empty = valid):
 * amount out of [0, 1] or NaN; rows / cols not integers >= 0; n or m not integers
 * (m >= 1, n >= 0); n > m; m not dividing cols; block size not an integer >= 1;
 * block size not dividing rows or cols. Divisibility is only checked when the
 * matrix shape is given.
 */
export function validatePruneParams(p: PruneParams): ValidationIssue<PruneIssueKey>[] {
  const out: ValidationIssue<PruneIssueKey>[] = [];
  if (p.amount !== undefined) out.push(...amountIssues(p.amount));
  for (const [name, v] of [
    ['rows', p.rows],
    ['cols', p.cols],
  ] as const) {
    if (v !== undefined && !isCount(v)) {
      out.push(issue('shape-invalid', `${name} must be an integer >= 0, got ${String(v)}`, { name, value: String(v) }));
    }
  }
  const colsOk = p.cols !== undefined && isCount(p.cols);
  const rowsOk = p.rows !== undefined && isCount(p.rows);
  if (p.n !== undefined || p.m !== undefined) {
    const n = p.n as number;
    const m = p.m as number;
    if (!isCount(n) || !isCount(m) || m < 1) {
      out.push(
        issue('nm-invalid', `N:M needs integers n >= 0 and m >= 1, got n = ${String(n)}, m = ${String(m)}`, {
          n: String(n),
          m: String(m),
        }),
      );
    } else {
      if (n > m) {
        out.push(issue('n-greater-than-m', `N:M needs n <= m, got n = ${n} > m = ${m}`, { n, m }));
      }
      if (colsOk && (p.cols as number) % m !== 0) {
        out.push(
          issue('m-not-dividing', `N:M group size m = ${m} does not divide the last dim cols = ${p.cols}`, {
            m,
            cols: p.cols as number,
          }),
        );
      }
    }
  }
  if (p.blockSize !== undefined) {
    const b = p.blockSize;
    if (!isCount(b) || b < 1) {
      out.push(issue('block-size-invalid', `blockSize must be an integer >= 1, got ${String(b)}`, { blockSize: String(b) }));
    } else if ((rowsOk && (p.rows as number) % b !== 0) || (colsOk && (p.cols as number) % b !== 0)) {
      out.push(
        issue(
          'block-size-not-dividing',
          `blockSize = ${b} does not divide the shape [${p.rows ?? '?'}, ${p.cols ?? '?'}]`,
          { blockSize: b, rows: p.rows ?? '?', cols: p.cols ?? '?' },
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Helpers

/** Element-wise keep: out[i] = mask[i] ? weights[i] : 0 (a new array; the pruned entries are +0). */
export function applyMask(weights: Float32Array, mask: Uint8Array): Float32Array {
  assertLength('mask', mask, weights.length, 'weights.length');
  const out = new Float32Array(weights.length);
  for (let i = 0; i < weights.length; i++) if (mask[i] !== 0) out[i] = weights[i];
  return out;
}

/** Fraction of entries that are zero (a mask's pruned share, or a tensor's sparsity). Empty input -> 0. */
export function sparsityOf(values: Uint8Array | Float32Array | ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (values[i] === 0) zeros++;
  return zeros / n;
}

/** Number of kept (non-zero) entries of a mask. */
export function countKept(mask: Uint8Array | ArrayLike<number>): number {
  let kept = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) kept++;
  return kept;
}

/** Combines an existing mask with a new one: kept only where both keep (PyTorch CustomFromMask: default_mask * mask). */
export function combineMasks(existing: Uint8Array, next: Uint8Array): Uint8Array {
  assertLength('next', next, existing.length, 'existing.length');
  const out = new Uint8Array(existing.length);
  for (let i = 0; i < existing.length; i++) out[i] = existing[i] !== 0 && next[i] !== 0 ? 1 : 0;
  return out;
}

function product(shape: readonly number[]): number {
  let p = 1;
  for (const d of shape) p *= d;
  return p;
}

function assertShape(weights: ArrayLike<number>, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new RangeError(`shape must be a non-empty array of dims, got ${JSON.stringify(shape)}`);
  }
  shape.forEach((d, i) => assertInteger(`shape[${i}]`, d, 0));
  assertLength('weights', weights, product(shape), `product of shape [${shape.join(', ')}]`);
}

// ---------------------------------------------------------------------------
// Unstructured magnitude pruning

/**
 * torch.nn.utils.prune.l1_unstructured: prunes the pruneCount(amount, size) entries
 * with the smallest |w| (score s_i = |w_i|; flat, shape-agnostic).
 * Ties: the lower flat index is pruned first.
 *
 * With `existingMask` (PyTorch PruningContainer): ranks only the entries still kept,
 * prunes pruneCount(amount, remaining) of them, returns existing AND new.
 * Example: amount 0.5 on 8 weights keeps 4; again with that mask keeps 2 (25%).
 */
export function l1UnstructuredMask(weights: Float32Array, amount: number, existingMask?: Uint8Array): Uint8Array {
  throwFirstIssue(amountIssues(amount));
  assertFiniteEntries('weights', weights);
  const size = weights.length;
  if (existingMask === undefined) {
    const mask = new Uint8Array(size).fill(1);
    const scores = new Float64Array(size);
    for (let i = 0; i < size; i++) scores[i] = Math.abs(weights[i]);
    pruneLowest(scores, pruneCount(amount, size), 'lower-first', mask);
    return mask;
  }
  assertLength('existingMask', existingMask, size, 'weights.length');
  assertBinaryMask('existingMask', existingMask);
  const remaining = new Int32Array(countKept(existingMask));
  for (let i = 0, j = 0; i < size; i++) if (existingMask[i] === 1) remaining[j++] = i;
  const scores = new Float64Array(remaining.length);
  for (let j = 0; j < remaining.length; j++) scores[j] = Math.abs(weights[remaining[j]]);
  const partial = new Uint8Array(remaining.length).fill(1);
  pruneLowest(scores, pruneCount(amount, remaining.length), 'lower-first', partial);
  const mask = Uint8Array.from(existingMask);
  for (let j = 0; j < remaining.length; j++) if (partial[j] === 0) mask[remaining[j]] = 0;
  return mask;
}

/**
 * torch.nn.utils.prune.global_unstructured with L1Unstructured: one ranking of |w|
 * over all layers flattened and concatenated (parameters_to_vector order), so a
 * layer with small weights loses more. Prunes pruneCount(amount, total) entries.
 * Ties: the lower global flat index (earlier layer, then lower index) is pruned first.
 * With `existingMasks` (one per layer): amount is a fraction of the entries all masks
 * still keep, and each returned mask is existing AND new.
 */
export function globalMagnitudeMasks(layers: Float32Array[], amount: number, existingMasks?: Uint8Array[]): Uint8Array[] {
  throwFirstIssue(amountIssues(amount));
  if (existingMasks !== undefined && existingMasks.length !== layers.length) {
    throw new RangeError(`existingMasks.length = ${existingMasks.length} does not equal layers.length = ${layers.length}`);
  }
  let total = 0;
  layers.forEach((w, l) => {
    assertFiniteEntries(`layers[${l}]`, w);
    if (existingMasks) {
      assertLength(`existingMasks[${l}]`, existingMasks[l], w.length, `layers[${l}].length`);
      assertBinaryMask(`existingMasks[${l}]`, existingMasks[l]);
      total += countKept(existingMasks[l]);
    } else {
      total += w.length;
    }
  });
  const scores = new Float64Array(total);
  let j = 0;
  layers.forEach((w, l) => {
    const em = existingMasks?.[l];
    for (let i = 0; i < w.length; i++) if (!em || em[i] === 1) scores[j++] = Math.abs(w[i]);
  });
  const partial = new Uint8Array(total).fill(1);
  pruneLowest(scores, pruneCount(amount, total), 'lower-first', partial);
  j = 0;
  return layers.map((w, l) => {
    const em = existingMasks?.[l];
    const mask = em ? Uint8Array.from(em) : new Uint8Array(w.length).fill(1);
    for (let i = 0; i < w.length; i++) {
      if (!em || em[i] === 1) {
        if (partial[j] === 0) mask[i] = 0;
        j++;
      }
    }
    return mask;
  });
}

// ---------------------------------------------------------------------------
// Structured pruning

/**
 * torch.nn.utils.prune.ln_structured: removes whole slices ("channels") along `dim`.
 *   norm_c = || t[..., c, ...] ||_n   taken over all other dims, c = 0..shape[dim]-1
 *   n = 1: Σ|x|,  n = 2: sqrt(Σx²),  n = Infinity: max|x|,  other p > 0: (Σ|x|^p)^(1/p)
 * The pruneCount(amount, shape[dim]) channels with the smallest norm are zeroed.
 * Ties: the lower channel index is pruned first. `dim` may be negative (-1 = last),
 * like PyTorch; the tensor needs at least 2 dims (PyTorch: "Structured pruning can
 * only be applied to multidimensional tensors"). Norms are computed in float64
 * (PyTorch uses the tensor's float32), which only matters for near-ties.
 *
 * With `existingMask` (PyTorch PruningContainer, structured): only channels with at
 * least one kept entry compete, norms use weights * existingMask, amount is a fraction
 * of those channels; the result is existing AND new.
 */
export function lnStructuredMask(
  weights: Float32Array,
  shape: number[],
  amount: number,
  n: number,
  dim: number,
  existingMask?: Uint8Array,
): Uint8Array {
  throwFirstIssue(amountIssues(amount));
  assertShape(weights, shape);
  if (shape.length < 2) {
    throw new RangeError(
      `structured pruning needs a tensor with at least 2 dims, got shape [${shape.join(', ')}] with ${shape.length} dim`,
    );
  }
  if (typeof n !== 'number' || !(n > 0)) {
    throw new RangeError(`norm order n must be a positive number or Infinity, got ${String(n)}`);
  }
  if (!Number.isInteger(dim) || dim < -shape.length || dim >= shape.length) {
    throw new RangeError(`dim = ${String(dim)} is out of range for a ${shape.length}-dim tensor (expected ${-shape.length}..${shape.length - 1})`);
  }
  assertFiniteEntries('weights', weights);
  if (existingMask !== undefined) {
    assertLength('existingMask', existingMask, weights.length, 'weights.length');
    assertBinaryMask('existingMask', existingMask);
  }
  const d = dim < 0 ? dim + shape.length : dim;
  const channels = shape[d];
  const inner = product(shape.slice(d + 1));
  const outer = product(shape.slice(0, d));

  // Accumulate Σ|x|^p (or max|x|) per channel; flat index = (o * channels + c) * inner + j.
  const acc = new Float64Array(channels);
  const alive = new Uint8Array(channels);
  let idx = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      let a = acc[c];
      for (let j = 0; j < inner; j++, idx++) {
        const keep = existingMask === undefined || existingMask[idx] === 1;
        if (!keep) continue;
        alive[c] = 1;
        const x = Math.abs(weights[idx]);
        if (n === Infinity) a = x > a ? x : a;
        else if (n === 1) a += x;
        else if (n === 2) a += x * x;
        else a += x ** n;
      }
      acc[c] = a;
    }
  }
  if (n !== Infinity && n !== 1) for (let c = 0; c < channels; c++) acc[c] = acc[c] ** (1 / n);

  const aliveIdx: number[] = [];
  for (let c = 0; c < channels; c++) if (existingMask === undefined || alive[c] === 1) aliveIdx.push(c);
  const norms = new Float64Array(aliveIdx.length);
  aliveIdx.forEach((c, k) => (norms[k] = acc[c]));
  const keepChannel = new Uint8Array(aliveIdx.length).fill(1);
  pruneLowest(norms, pruneCount(amount, aliveIdx.length), 'lower-first', keepChannel);
  const channelKept = new Uint8Array(channels).fill(1);
  aliveIdx.forEach((c, k) => (channelKept[c] = keepChannel[k]));

  const mask = existingMask ? Uint8Array.from(existingMask) : new Uint8Array(weights.length).fill(1);
  idx = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      if (channelKept[c] === 0) mask.fill(0, idx, idx + inner);
      idx += inner;
    }
  }
  return mask;
}

/**
 * N:M semi-structured sparsity along the last dim (NVIDIA Ampere sparse tensor cores
 * use 2:4): weights [rows, cols] split into groups of m consecutive entries of a row;
 * each group keeps its n largest |w| and prunes the other m - n.
 * Ties: the lower index is KEPT (the higher index pruned first).
 * Throws a RangeError for n > m, m not dividing cols, or non-integer n / m.
 */
export function nmMask(weights: Float32Array, shape: [number, number], n: number, m: number): Uint8Array {
  const [rows, cols] = shape;
  throwFirstIssue(validatePruneParams({ rows, cols, n, m }));
  assertLength('weights', weights, rows * cols, `rows × cols = ${rows} × ${cols}`);
  assertFiniteEntries('weights', weights);
  const size = weights.length;
  const mask = new Uint8Array(size);
  if (m <= 16) {
    // Rank within the group: entry i is kept iff fewer than n entries beat it, where
    // j beats i when |w_j| > |w_i|, or |w_j| == |w_i| and j < i. O(m²) per group.
    for (let g = 0; g < size; g += m) {
      for (let i = g; i < g + m; i++) {
        const a = Math.abs(weights[i]);
        let beaten = 0;
        for (let j = g; j < g + m; j++) {
          const b = Math.abs(weights[j]);
          if (b > a || (b === a && j < i)) beaten++;
        }
        mask[i] = beaten < n ? 1 : 0;
      }
    }
    return mask;
  }
  mask.fill(1);
  const scores = new Float64Array(m);
  const scratch = new Float64Array(m);
  for (let g = 0; g < size; g += m) {
    for (let i = 0; i < m; i++) scores[i] = Math.abs(weights[g + i]);
    pruneLowest(scores, m - n, 'higher-first', mask.subarray(g, g + m), scratch);
  }
  return mask;
}

/**
 * Block sparsity: weights [rows, cols] tiled into b × b blocks (row-major tile order,
 * tile t = tileRow * (cols / b) + tileCol). Each tile is scored by its Frobenius norm
 * sqrt(Σ w²); the pruneCount(amount, numTiles) tiles with the smallest norm are zeroed.
 * Ties: the lower tile index is pruned first. b must divide rows and cols.
 */
export function blockMask(weights: Float32Array, shape: [number, number], blockSize: number, amount: number): Uint8Array {
  const [rows, cols] = shape;
  throwFirstIssue(validatePruneParams({ rows, cols, blockSize, amount }));
  assertLength('weights', weights, rows * cols, `rows × cols = ${rows} × ${cols}`);
  assertFiniteEntries('weights', weights);
  const b = blockSize;
  const tileCols = cols / b;
  const numTiles = (rows / b) * tileCols;
  const norms = new Float64Array(numTiles);
  for (let r = 0; r < rows; r++) {
    const tileRowBase = Math.floor(r / b) * tileCols;
    for (let c = 0; c < cols; c++) {
      const w = weights[r * cols + c];
      norms[tileRowBase + Math.floor(c / b)] += w * w;
    }
  }
  for (let t = 0; t < numTiles; t++) norms[t] = Math.sqrt(norms[t]);
  const tileKept = new Uint8Array(numTiles).fill(1);
  pruneLowest(norms, pruneCount(amount, numTiles), 'lower-first', tileKept);
  const mask = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const tileRowBase = Math.floor(r / b) * tileCols;
    for (let c = 0; c < cols; c++) mask[r * cols + c] = tileKept[tileRowBase + Math.floor(c / b)];
  }
  return mask;
}

// ---------------------------------------------------------------------------
// Wanda (Sun, Liu, Bair & Kolter 2023, "A Simple and Effective Pruning Approach for LLMs")

/**
 * Per-input-feature activation norms ||X_j||_2 = sqrt(Σ_s x[s, j]²) over calibration
 * samples, x row-major [samples, in]. (The reference code keeps the mean of squares,
 * ||X_j||² / N; the sqrt of that differs by the constant 1/sqrt(N), so rankings match.)
 */
export function activationNorms(x: Float32Array, samples: number, inFeatures: number): Float32Array {
  assertInteger('samples', samples, 0);
  assertInteger('in', inFeatures, 0);
  assertLength('x', x, samples * inFeatures, `samples × in = ${samples} × ${inFeatures}`);
  assertFiniteEntries('x', x);
  const acc = new Float64Array(inFeatures);
  for (let s = 0; s < samples; s++) {
    const base = s * inFeatures;
    for (let j = 0; j < inFeatures; j++) acc[j] += x[base + j] * x[base + j];
  }
  const out = new Float32Array(inFeatures);
  for (let j = 0; j < inFeatures; j++) out[j] = Math.sqrt(acc[j]);
  return out;
}

/**
 * Wanda mask for weights [out, in] and activation norms ||X_j||_2 (length in):
 *   S_ij = |W_ij| · ||X_j||_2
 * The comparison group is each output row: every row prunes its pruneCount(amount, in)
 * lowest scores (so every row ends with the same sparsity). Ties: the lower index is
 * pruned first (the reference implementation's stable ascending sort). Note: the
 * reference code truncates the count with int(in · ratio); this library rounds half
 * to even like torch.nn.utils.prune, for one counting rule site-wide.
 */
export function wandaMask(
  weights: Float32Array,
  shape: [number, number],
  norms: Float32Array,
  amount: number,
): Uint8Array {
  const [rows, cols] = shape;
  throwFirstIssue(validatePruneParams({ rows, cols, amount }));
  assertLength('weights', weights, rows * cols, `out × in = ${rows} × ${cols}`);
  assertLength('activationNorms', norms, cols, `in = ${cols}`);
  assertFiniteEntries('weights', weights);
  for (let j = 0; j < cols; j++) {
    if (!(norms[j] >= 0) || !Number.isFinite(norms[j])) {
      throw new RangeError(`activationNorms[${j}] = ${String(norms[j])} must be a finite number >= 0`);
    }
  }
  const k = pruneCount(amount, cols);
  const mask = new Uint8Array(rows * cols).fill(1);
  const scores = new Float64Array(cols);
  const scratch = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) scores[j] = Math.abs(weights[base + j]) * norms[j];
    pruneLowest(scores, k, 'lower-first', mask.subarray(base, base + cols), scratch);
  }
  return mask;
}
