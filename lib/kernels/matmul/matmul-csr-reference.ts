/**
 * Reference twin of the CSR SpMM / SpMV kernels (matmul-csr-program.ts): the same
 * inputs (a CsrMatrix W [M, K] from lib/sparsity/formats.ts and dense X [K, N]) and
 * the same output Y = W X [M, N]:
 *   Y[m, n] = Σ_{p = rowPtr[m]}^{rowPtr[m+1]-1} values[p] · X[colIdx[p], n]
 * Only the stored entries are visited (scipy.sparse.csr_matrix @ dense). float64 sums.
 */
import type { CsrMatrix } from '../../sparsity/formats';

export function csrMatmulReference(csr: CsrMatrix, x: Float32Array, n: number): Float32Array {
  const { rows: m, cols: k, rowPtr, colIdx, values } = csr;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${String(n)}`);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const y = new Float32Array(m * n);
  const acc = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    acc.fill(0);
    for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
      const v = values[p];
      const xRow = colIdx[p] * n;
      for (let j = 0; j < n; j++) acc[j] += v * x[xRow + j];
    }
    for (let j = 0; j < n; j++) y[r * n + j] = acc[j];
  }
  return y;
}

/**
 * Row order for load balancing ("row swizzle", Gale et al. 2020, Sputnik): the row
 * indices sorted by their number of non-zeros, longest first (ties: lower row first).
 * Workgroups take rows in this order, so rows that run side by side have similar
 * lengths and the longest rows start first (longest-processing-time scheduling).
 */
export function csrRowOrder(csr: Pick<CsrMatrix, 'rowPtr' | 'rows'>): Int32Array {
  const { rowPtr, rows } = csr;
  const order = Array.from({ length: rows }, (_, r) => r);
  order.sort((a, b) => rowPtr[b + 1] - rowPtr[b] - (rowPtr[a + 1] - rowPtr[a]) || a - b);
  return Int32Array.from(order);
}
