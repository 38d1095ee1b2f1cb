/**
 * Block and Wanda masks re-applied among the weights an existing mask still keeps, as
 * torch.nn.utils.prune's PruningContainer re-applies a method (model-masks.ts, iterations > 1).
 */
import { pruneCount, validatePruneParams } from '../sparsity/pruning';
import { pruneLowest } from '../sparsity/select-lowest';
import { throwFirstIssue } from '../sparsity/validation';

/**
 * Block pruning re-applied among what remains: tiles of W ⊙ M with at least one kept entry
 * compete; pruneCount(amount, aliveTiles) of them with the smallest Frobenius norm are
 * removed (ties: lower tile index first). With an all-ones mask this equals blockMask.
 */
export function blockMaskAmongRemaining(
  weights: Float32Array,
  shape: [number, number],
  blockSize: number,
  amount: number,
  existing: Uint8Array,
): Uint8Array {
  const [rows, cols] = shape;
  const b = blockSize;
  throwFirstIssue(validatePruneParams({ rows, cols, blockSize, amount }));
  checkMaskLength(existing, rows * cols);
  const tileCols = cols / b;
  const numTiles = (rows / b) * tileCols;
  const norms = new Float64Array(numTiles);
  const alive = new Uint8Array(numTiles);
  for (let r = 0; r < rows; r++) {
    const tileRowBase = Math.floor(r / b) * tileCols;
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (existing[i] === 0) continue;
      const t = tileRowBase + Math.floor(c / b);
      alive[t] = 1;
      norms[t] += weights[i] * weights[i];
    }
  }
  const aliveIdx: number[] = [];
  for (let t = 0; t < numTiles; t++) if (alive[t]) aliveIdx.push(t);
  const scores = Float64Array.from(aliveIdx, (t) => Math.sqrt(norms[t]));
  const keep = new Uint8Array(aliveIdx.length).fill(1);
  pruneLowest(scores, pruneCount(amount, aliveIdx.length), 'lower-first', keep);
  const tileKept = new Uint8Array(numTiles);
  aliveIdx.forEach((t, k) => (tileKept[t] = keep[k]));
  const mask = Uint8Array.from(existing);
  for (let r = 0; r < rows; r++) {
    const tileRowBase = Math.floor(r / b) * tileCols;
    for (let c = 0; c < cols; c++) if (tileKept[tileRowBase + Math.floor(c / b)] === 0) mask[r * cols + c] = 0;
  }
  return mask;
}

/**
 * Wanda re-applied among what remains: in each output row, the entries still kept compete
 * on S_ij = |W_ij| · ||X_j||_2 and pruneCount(amount, kept in row) of them are removed
 * (ties: lower index first). With an all-ones mask this equals wandaMask.
 */
export function wandaMaskAmongRemaining(
  weights: Float32Array,
  shape: [number, number],
  norms: Float32Array,
  amount: number,
  existing: Uint8Array,
): Uint8Array {
  const [rows, cols] = shape;
  throwFirstIssue(validatePruneParams({ rows, cols, amount }));
  checkMaskLength(existing, rows * cols);
  if (norms.length !== cols) throw new RangeError(`activationNorms.length = ${norms.length} does not equal in = ${cols}`);
  const mask = Uint8Array.from(existing);
  const idx = new Int32Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let k = 0;
    for (let j = 0; j < cols; j++) if (existing[base + j] !== 0) idx[k++] = j;
    const scores = new Float64Array(k);
    for (let t = 0; t < k; t++) scores[t] = Math.abs(weights[base + idx[t]]) * norms[idx[t]];
    const keep = new Uint8Array(k).fill(1);
    pruneLowest(scores, pruneCount(amount, k), 'lower-first', keep);
    for (let t = 0; t < k; t++) if (keep[t] === 0) mask[base + idx[t]] = 0;
  }
  return mask;
}

function checkMaskLength(mask: Uint8Array, expected: number): void {
  if (mask.length !== expected) throw new RangeError(`existing mask has ${mask.length} entries, expected ${expected}`);
}
