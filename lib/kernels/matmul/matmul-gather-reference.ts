/**
 * Reference twin of the activation-sparse gather-SpMV kernel (matmul-gather-program.ts).
 *
 * Dynamic activation sparsity (the source's DynamicSparseInference; TEAL, Liu et al.
 * 2024; Deja Vu, Liu et al. 2023): when most entries of the input vector x [K] are zero,
 *   y = W x = Σ_{i : x_i ≠ 0} x_i · W[:, i]
 * so only the columns of W [M, K] for the non-zero inputs need to be read. Stored as
 * Wᵀ [K, M] (row-major), those columns are contiguous rows: the kernel gathers row
 * idx[j] of Wᵀ for each kept input j and accumulates val[j] · Wᵀ[idx[j], :].
 * Inputs: wt = Wᵀ [K, M], idx [nnz] (distinct input indices), val [nnz]; output y [M].
 */
export function gatherGemvReference(wt: Float32Array, k: number, m: number, idx: Int32Array, val: Float32Array): Float32Array {
  if (wt.length !== k * m) throw new RangeError(`Wᵀ must hold K·M = ${k * m} values, got ${wt.length}`);
  if (idx.length !== val.length) throw new RangeError(`idx (${idx.length}) and val (${val.length}) must have the same length`);
  const acc = new Float64Array(m);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    if (i < 0 || i >= k) throw new RangeError(`idx[${j}] = ${i} is outside [0, ${k})`);
    const v = val[j];
    for (let o = 0; o < m; o++) acc[o] += v * wt[i * m + o];
  }
  return Float32Array.from(acc);
}

/** Wᵀ [K, M] of W [M, K]. */
export function transposeMatrix(w: Float32Array, rows: number, cols: number): Float32Array {
  if (w.length !== rows * cols) throw new RangeError(`matrix must hold ${rows}·${cols} values, got ${w.length}`);
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
  return t;
}

/** The non-zero entries of x as (index, value) lists, in index order. */
export function compactNonZeros(x: Float32Array): { idx: Int32Array; val: Float32Array } {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  for (let i = 0, j = 0; i < x.length; i++) {
    if (x[i] !== 0) {
      idx[j] = i;
      val[j++] = x[i];
    }
  }
  return { idx, val };
}
