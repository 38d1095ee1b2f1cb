/**
 * N:M semi-structured, block and Wanda masks; the conventions of lib/sparsity/pruning.ts hold
 * (row-major [out, in] weights, Uint8Array masks with 1 = kept, `amount` a fraction, RangeError on bad input).
 */
import { pruneCount, validatePruneParams } from './prune-params';
import { pruneLowest } from './select-lowest';
import { assertFiniteEntries, assertInteger, assertLength, throwFirstIssue } from './validation';

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
export function wandaMask(weights: Float32Array, shape: [number, number], norms: Float32Array, amount: number): Uint8Array {
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
