/**
 * Reference twin of the 2:4 SpMM / SpMV kernels (matmul-24-program.ts): a compressed
 * 2:4 matrix W [M, K] (Sparse24Matrix: K/2 values per row plus a 2-bit position per
 * value, 16 positions per 32-bit word; lib/sparsity/formats.ts) times dense X [K, N].
 * Kept entry q (row-major over the M·K/2 kept values) lies in group g = ⌊q / 2⌋, i.e.
 * row ⌊4g / K⌋, dense column 4·(g mod K/4) + pos(q), pos(q) = (indices[⌊q/16⌋] >> 2·(q mod 16)) & 3:
 *   Y[m, n] = Σ_{q of row m} values[q] · X[col(q), n]
 * This is what cuSPARSELt computes from its compressed operand. float64 sums.
 */
import type { Sparse24Matrix } from '../../sparsity/formats';

export function sparse24MatmulReference(s: Sparse24Matrix, x: Float32Array, n: number): Float32Array {
  const { rows: m, cols: k, values, indices } = s;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${String(n)}`);
  if (k % 4 !== 0) throw new RangeError(`2:4 needs K divisible by 4, got K = ${k}`);
  if (x.length !== k * n) throw new RangeError(`X must hold K·N = ${k * n} values, got ${x.length}`);
  const y = new Float32Array(m * n);
  const acc = new Float64Array(n);
  const half = k / 2;
  for (let r = 0; r < m; r++) {
    acc.fill(0);
    for (let j = 0; j < half; j++) {
      const q = r * half + j;
      const pos = (indices[q >>> 4] >>> (2 * (q & 15))) & 3;
      const col = 4 * (j >> 1) + pos;
      const v = values[q];
      const xRow = col * n;
      for (let t = 0; t < n; t++) acc[t] += v * x[xRow + t];
    }
    for (let t = 0; t < n; t++) y[r * n + t] = acc[t];
  }
  return y;
}
