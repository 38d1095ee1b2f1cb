/**
 * Reference twin of the fused dense attention kernel (attention-dense-program.ts).
 * For each head h and query i (Q, K, V: [heads, seqLen, headDim], row-major):
 *   s_ij = (q_i . k_j) / sqrt(headDim)            for keys j with mask[i, j] = 1
 *   p_ij = exp(s_ij - max_j s_ij) / sum_j exp(...)  (softmax over the allowed keys)
 *   out_i = sum_j p_ij v_j
 * A query row with no allowed key gives zeros (softmax of an empty set is undefined;
 * we follow FlashAttention's convention of a zero output there).
 * mask: optional [seqLen, seqLen] 0/1, shared by all heads; absent means dense.
 * Sums are taken in float64, so the twin is the more accurate of the two.
 */
export interface AttentionShape {
  heads: number;
  seqLen: number;
  headDim: number;
}

/**
 * Scaled scores of query i against every key of one head into `row` (float64), with
 * -Infinity where the mask forbids the key; returns the row's maximum (-Infinity if none).
 */
function scoreRow(
  q: Float32Array,
  k: Float32Array,
  base: number,
  i: number,
  n: number,
  d: number,
  row: Float64Array,
  mask?: Uint8Array,
): number {
  const scale = 1 / Math.sqrt(d);
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    if (mask && mask[i * n + j] === 0) {
      row[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    let s = 0;
    for (let t = 0; t < d; t++) s += q[base + i * d + t] * k[base + j * d + t];
    row[j] = s * scale;
    if (row[j] > max) max = row[j];
  }
  return max;
}

export function attentionReference(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  shape: AttentionShape,
  mask?: Uint8Array,
): Float32Array {
  const { heads, seqLen: n, headDim: d } = shape;
  const size = heads * n * d;
  if (q.length !== size || k.length !== size || v.length !== size) {
    throw new RangeError(`Q, K and V must each hold heads*seqLen*headDim = ${size} values`);
  }
  if (mask && mask.length !== n * n) throw new RangeError(`mask must hold seqLen*seqLen = ${n * n} values`);
  const out = new Float32Array(size);
  const scores = new Float64Array(n);
  const acc = new Float64Array(d);
  for (let h = 0; h < heads; h++) {
    const base = h * n * d;
    for (let i = 0; i < n; i++) {
      const max = scoreRow(q, k, base, i, n, d, scores, mask);
      if (max === Number.NEGATIVE_INFINITY) continue; // no allowed key: zeros
      acc.fill(0);
      let sum = 0;
      for (let j = 0; j < n; j++) {
        if (scores[j] === Number.NEGATIVE_INFINITY) continue;
        const p = Math.exp(scores[j] - max);
        sum += p;
        for (let t = 0; t < d; t++) acc[t] += p * v[base + j * d + t];
      }
      for (let t = 0; t < d; t++) out[base + i * d + t] = acc[t] / sum;
    }
  }
  return out;
}

/** The attention probabilities of one head: [seqLen, seqLen], rows summing to 1 (or 0). */
export function attentionProbabilities(
  q: Float32Array,
  k: Float32Array,
  shape: AttentionShape,
  head: number,
  mask?: Uint8Array,
): Float32Array {
  const { seqLen: n, headDim: d } = shape;
  const base = head * n * d;
  const probs = new Float32Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const max = scoreRow(q, k, base, i, n, d, row, mask);
    if (max === Number.NEGATIVE_INFINITY) continue;
    let sum = 0;
    for (let j = 0; j < n; j++) if (row[j] !== Number.NEGATIVE_INFINITY) sum += Math.exp(row[j] - max);
    for (let j = 0; j < n; j++) if (row[j] !== Number.NEGATIVE_INFINITY) probs[i * n + j] = Math.exp(row[j] - max) / sum;
  }
  return probs;
}
