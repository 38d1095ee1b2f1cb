/**
 * Reference twin of the block-sparse fused attention kernel
 * (attention-block-sparse-program.ts): the same inputs, the same CSR walk, in TypeScript.
 *
 * Q, K, V: [heads, seqLen, headDim] row-major; csr: lib/attention/block-csr.ts. For each
 * head h and query i (query block qb = floor(i / b)) the allowed keys are those of the
 * tiles rowPtr[qb] .. rowPtr[qb+1]-1 (key block kb = colIdx[e]): every in-bounds key of a
 * full tile (maskOffset = -1), and the keys whose bit (r·b + c) is set in a partial tile.
 *   s_ij = q_i · k_j / sqrt(headDim);  out_i = Σ_j softmax_j(s_ij) v_j
 * A query with no allowed key gives zeros (as the kernel and the dense twin do).
 * Scores and sums in float64 (two-pass softmax), so the twin is the more accurate side.
 * Work is proportional to the non-empty tiles, like the kernel's: nnz · b² · headDim.
 */
import type { BlockCsr } from '../../attention/block-csr';
import type { AttentionShape } from './attention-dense-reference';

export function blockSparseAttentionReference(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  csr: BlockCsr,
): Float32Array {
  const { heads, seqLen: n, headDim: d } = shape;
  const size = heads * n * d;
  if (q.length !== size || k.length !== size || v.length !== size) {
    throw new RangeError(`Q, K and V must each hold heads*seqLen*headDim = ${size} values`);
  }
  if (csr.seqLen !== n) throw new RangeError(`the block layout is for seqLen ${csr.seqLen}, not ${n}`);
  const b = csr.blockSize;
  const out = new Float32Array(size);
  const scale = 1 / Math.sqrt(d);
  // Allowed keys of the current query, and their scores (at most n).
  const keys = new Int32Array(n);
  const scores = new Float64Array(n);
  const acc = new Float64Array(d);
  for (let h = 0; h < heads; h++) {
    const base = h * n * d;
    for (let qb = 0; qb < csr.numBlocks; qb++) {
      const rowEnd = Math.min(n, qb * b + b);
      for (let i = qb * b; i < rowEnd; i++) {
        const r = i - qb * b;
        let count = 0;
        let max = Number.NEGATIVE_INFINITY;
        for (let e = csr.rowPtr[qb]; e < csr.rowPtr[qb + 1]; e++) {
          const k0 = csr.colIdx[e] * b;
          const off = csr.maskOffset[e];
          const kEnd = Math.min(n, k0 + b);
          for (let j = k0; j < kEnd; j++) {
            if (off >= 0) {
              const bit = r * b + (j - k0);
              if (((csr.maskBits[off + (bit >>> 5)] >>> (bit & 31)) & 1) === 0) continue;
            }
            let s = 0;
            for (let t = 0; t < d; t++) s += q[base + i * d + t] * k[base + j * d + t];
            s *= scale;
            keys[count] = j;
            scores[count++] = s;
            if (s > max) max = s;
          }
        }
        if (count === 0) continue;
        acc.fill(0);
        let sum = 0;
        for (let c = 0; c < count; c++) {
          const p = Math.exp(scores[c] - max);
          sum += p;
          const vj = base + keys[c] * d;
          for (let t = 0; t < d; t++) acc[t] += p * v[vj + t];
        }
        for (let t = 0; t < d; t++) out[base + i * d + t] = acc[t] / sum;
      }
    }
  }
  return out;
}
