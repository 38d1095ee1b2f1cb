/**
 * SparseGPT (Frantar & Alistarh 2023, "SparseGPT: Massive Language Models Can Be Accurately Pruned
 * in One-Shot"), following the reference implementation IST-DASLab/sparsegpt (sparsegpt.py,
 * SparseGPT.fasterprune) step by step, in float64.
 *
 * Inputs: W [rows, cols] (nn.Linear layout [out, in]) and H = (2/N)·XᵀX [cols, cols] over N
 * calibration rows X [N, cols] of the layer's input. Per row w, pruning solves
 *   min ‖w X̃ᵀ − ŵ X̃ᵀ‖²  subject to the mask, ≈ the OBS update with H⁻¹:
 *
 *   1. dead inputs: H_jj = 0 → H_jj := 1 and W[:, j] := 0;
 *   2. damping: H += percDamp · mean(diag H) · I;
 *   3. H⁻¹ through Cholesky (H = L Lᵀ, H⁻¹ = L⁻ᵀ L⁻¹), then U = upper Cholesky factor of H⁻¹
 *      (H⁻¹ = Uᵀ U); the reference calls it Hinv and uses its rows and diagonal;
 *   4. for each block of B columns [i1, i2):
 *        unstructured: score s = W1² / diag(U1)² over the whole block (rows × B); with
 *          t = sort(s)[⌊rows·B·amount⌋], every entry with s ≤ t is pruned (the reference rule:
 *          at least that many, more on ties);
 *        N:M (keep n of every m): at every column i ≡ 0 (mod m) of the block, the m − n lowest
 *          scores of W1[:, i:i+m] (the current, already compensated weights) are pruned per row
 *          (ties: the higher column index is pruned first, as nmMask keeps the lower);
 *        column by column i: q = w with the pruned entries set to 0, err = (w − q) / U_ii,
 *          W1[:, i:] −= err ⊗ U[i, i:]  (compensation inside the block);
 *      then W[:, i2:] −= Err1 · U[i1:i2, i2:]  (the lazy update of the later columns).
 *
 * One deviation, stated: amount = 0 (unstructured) returns the weights unchanged; the reference
 * rule would still prune the lowest entry of every block (index ⌊·0⌋ = 0 is pruned).
 */
import { assertFiniteEntries, assertInteger, assertLength } from './validation';

export interface SparseGptOptions {
  /** Columns per block (lazy batch update), default 128. */
  blockSize?: number;
  /** Damping as a fraction of mean(diag H), default 0.01. */
  percDamp?: number;
  /** Keep n of every m consecutive weights of a row (then amount is ignored). */
  nm?: [number, number];
}

export interface SparseGptResult {
  /** The pruned and compensated weights [rows, cols]; pruned entries are exactly 0. */
  weights: Float32Array;
  /** 1 = kept, 0 = pruned. */
  mask: Uint8Array;
}

/** In-place lower Cholesky factor of the symmetric positive definite A [n, n] (upper part zeroed). */
export function choleskyLower(A: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= A[j * n + k] * A[j * n + k];
    if (!(d > 0)) throw new RangeError(`the Hessian is not positive definite (pivot ${j} = ${d}); raise percDamp`);
    const ljj = Math.sqrt(d);
    A[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = s / ljj;
    }
    for (let i = 0; i < j; i++) A[i * n + j] = 0;
  }
  return A;
}

/** (L Lᵀ)⁻¹ from the lower factor L [n, n] (torch.cholesky_inverse). */
export function choleskyInverse(L: Float64Array, n: number): Float64Array {
  // Linv = L⁻¹ (lower triangular) by forward substitution, column by column
  const Linv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    Linv[c * n + c] = 1 / L[c * n + c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s += L[i * n + k] * Linv[k * n + c];
      Linv[i * n + c] = -s / L[i * n + i];
    }
  }
  // (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹: entry (i, j) = Σ_k Linv[k, i] · Linv[k, j], k ≥ max(i, j)
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = j; k < n; k++) s += Linv[k * n + i] * Linv[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

function validate(weights: Float32Array, shape: [number, number], hessian: Float64Array, amount: number, opts: SparseGptOptions): void {
  const [rows, cols] = shape;
  assertInteger('rows', rows, 1);
  assertInteger('cols', cols, 1);
  assertLength('weights', weights, rows * cols, `rows × cols = ${rows} × ${cols}`);
  assertLength('hessian', hessian, cols * cols, `cols × cols = ${cols} × ${cols}`);
  assertFiniteEntries('weights', weights);
  assertFiniteEntries('hessian', hessian);
  if (typeof amount !== 'number' || !(amount >= 0 && amount <= 1))
    throw new RangeError(`amount must be a fraction in [0, 1], got ${String(amount)}`);
  assertInteger('blockSize', opts.blockSize ?? 128, 1);
  const damp = opts.percDamp ?? 0.01;
  if (typeof damp !== 'number' || !(damp >= 0) || !Number.isFinite(damp))
    throw new RangeError(`percDamp must be a finite number >= 0, got ${String(damp)}`);
  if (opts.nm) {
    const [n, m] = opts.nm;
    assertInteger('n', n, 0);
    assertInteger('m', m, 1);
    if (n > m) throw new RangeError(`n = ${n} must not exceed m = ${m}`);
    if (cols % m !== 0) throw new RangeError(`m = ${m} does not divide the input dim ${cols}`);
    if ((opts.blockSize ?? 128) % m !== 0) throw new RangeError(`m = ${m} does not divide blockSize = ${opts.blockSize ?? 128}`);
  }
}

/**
 * Prunes W [rows, cols] with the inverse Hessian of its inputs (see the file header).
 * Throws a RangeError for bad shapes, non-finite entries, amount outside [0, 1], an N:M pattern
 * that does not tile the rows or the blocks, or a Hessian that stays singular after damping.
 */
export function sparseGptPrune(
  weights: Float32Array,
  shape: [number, number],
  hessian: Float64Array,
  amount: number,
  opts: SparseGptOptions = {},
): SparseGptResult {
  validate(weights, shape, hessian, amount, opts);
  const [rows, cols] = shape;
  const blockSize = opts.blockSize ?? 128;
  const percDamp = opts.percDamp ?? 0.01;
  const nm = opts.nm ?? null;
  if (!nm && amount === 0) return { weights: Float32Array.from(weights), mask: new Uint8Array(rows * cols).fill(1) };

  const W = Float64Array.from(weights);
  const H = Float64Array.from(hessian);
  // 1. dead inputs
  for (let j = 0; j < cols; j++) {
    if (H[j * cols + j] === 0) {
      H[j * cols + j] = 1;
      for (let r = 0; r < rows; r++) W[r * cols + j] = 0;
    }
  }
  // 2. damping
  let meanDiag = 0;
  for (let j = 0; j < cols; j++) meanDiag += H[j * cols + j];
  const damp = (percDamp * meanDiag) / cols;
  for (let j = 0; j < cols; j++) H[j * cols + j] += damp;
  // 3. U = upper Cholesky factor of H⁻¹ = transpose of the lower factor
  const Hinv = choleskyInverse(choleskyLower(H, cols), cols);
  const Lh = choleskyLower(Hinv, cols);
  const U = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) for (let j = i; j < cols; j++) U[i * cols + j] = Lh[j * cols + i];

  const pruned = new Uint8Array(rows * cols);
  for (let i1 = 0; i1 < cols; i1 += blockSize) {
    const i2 = Math.min(i1 + blockSize, cols);
    const count = i2 - i1;
    // W1 = W[:, i1:i2] (rows × count), Err1 likewise
    const W1 = new Float64Array(rows * count);
    for (let r = 0; r < rows; r++) for (let c = 0; c < count; c++) W1[r * count + c] = W[r * cols + i1 + c];
    const Err1 = new Float64Array(rows * count);
    const mask1 = new Uint8Array(rows * count); // 1 = pruned, as the reference's mask1
    const diag = (c: number) => U[(i1 + c) * cols + i1 + c];
    if (!nm) {
      const scores = new Float64Array(rows * count);
      for (let r = 0; r < rows; r++) for (let c = 0; c < count; c++) scores[r * count + c] = W1[r * count + c] ** 2 / diag(c) ** 2;
      const sorted = Float64Array.from(scores).sort();
      const thresh = sorted[Math.min(Math.floor(scores.length * amount), scores.length - 1)];
      for (let e = 0; e < scores.length; e++) if (scores[e] <= thresh) mask1[e] = 1;
    }
    for (let i = 0; i < count; i++) {
      if (nm && i % nm[1] === 0) {
        const [n, m] = nm;
        const s = new Float64Array(m);
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < m; c++) s[c] = W1[r * count + i + c] ** 2 / diag(i + c) ** 2;
          // prune the m − n lowest; among equal scores the higher index goes first
          const order = Array.from(s.keys()).sort((a, b) => s[a] - s[b] || b - a);
          for (let k = 0; k < m - n; k++) mask1[r * count + i + order[k]] = 1;
        }
      }
      const d = diag(i);
      for (let r = 0; r < rows; r++) {
        const w = W1[r * count + i];
        const q = mask1[r * count + i] ? 0 : w;
        const err = (w - q) / d;
        Err1[r * count + i] = err;
        if (err !== 0) {
          const urow = (i1 + i) * cols + i1;
          for (let c = i; c < count; c++) W1[r * count + c] -= err * U[urow + c];
        }
        W1[r * count + i] = q;
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < count; c++) {
        W[r * cols + i1 + c] = W1[r * count + c];
        pruned[r * cols + i1 + c] = mask1[r * count + c];
      }
    }
    // lazy update: W[:, i2:] −= Err1 · U[i1:i2, i2:]
    if (i2 < cols) {
      for (let r = 0; r < rows; r++) {
        const wrow = r * cols;
        for (let c = 0; c < count; c++) {
          const e = Err1[r * count + c];
          if (e === 0) continue;
          const urow = (i1 + c) * cols;
          for (let j = i2; j < cols; j++) W[wrow + j] -= e * U[urow + j];
        }
      }
    }
  }
  const out = new Float32Array(rows * cols);
  const mask = new Uint8Array(rows * cols);
  for (let e = 0; e < out.length; e++) {
    if (pruned[e]) continue; // exactly +0
    out[e] = W[e];
    mask[e] = 1;
  }
  return { weights: out, mask };
}

/**
 * H = (2/N)·XᵀX for X [N, cols] row-major (the reference's add_batch over all rows at once), in
 * float64. The lab accumulates the same product with tfjs (float32, as the reference does on GPU).
 */
export function hessianOf(x: Float32Array | Float64Array, n: number, cols: number): Float64Array {
  assertLength('x', x, n * cols, `N × cols = ${n} × ${cols}`);
  const H = new Float64Array(cols * cols);
  if (n === 0) return H;
  for (let s = 0; s < n; s++) {
    const base = s * cols;
    for (let i = 0; i < cols; i++) {
      const xi = x[base + i];
      if (xi === 0) continue;
      for (let j = i; j < cols; j++) H[i * cols + j] += xi * x[base + j];
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      const v = (2 / n) * H[i * cols + j];
      H[i * cols + j] = v;
      H[j * cols + i] = v;
    }
  }
  return H;
}
