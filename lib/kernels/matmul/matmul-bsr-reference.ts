/**
 * Reference twin of the BSR SpMM / SpMV kernels (matmul-bsr-program.ts): a BsrMatrix
 * W [M, K] with b × b blocks (lib/sparsity/formats.ts) times dense X [K, N]:
 *   Y[br·b + i, n] = Σ_{p in block row br} Σ_{j<b} blockValues[p·b² + i·b + j] · X[blockColIdx[p]·b + j, n]
 * Empty blocks are never visited (scipy.sparse.bsr_matrix @ dense). float64 sums.
 */
import type { BsrMatrix } from '../../sparsity/formats';

export function bsrMatmulReference(bsr: BsrMatrix, x: Float32Array, n: number): Float32Array {
  const { rows: m, cols: k, blockSize: b, blockRowPtr, blockColIdx, blockValues } = bsr;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${String(n)}`);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const y = new Float32Array(m * n);
  const acc = new Float64Array(b * n);
  for (let br = 0; br < m / b; br++) {
    acc.fill(0);
    for (let p = blockRowPtr[br]; p < blockRowPtr[br + 1]; p++) {
      const c0 = blockColIdx[p] * b;
      for (let i = 0; i < b; i++) {
        for (let j = 0; j < b; j++) {
          const v = blockValues[p * b * b + i * b + j];
          if (v === 0) continue;
          const xRow = (c0 + j) * n;
          for (let t = 0; t < n; t++) acc[i * n + t] += v * x[xRow + t];
        }
      }
    }
    for (let i = 0; i < b * n; i++) y[br * b * n + i] = acc[i];
  }
  return y;
}
