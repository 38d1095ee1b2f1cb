/**
 * One Mixtral MoE block of a checkpoint, laid out for the dispatch kernels (pure):
 *   router W_g [H, E]          = transpose of Hugging Face's gate.weight [E, H]
 *   w13       [E, H, 2F]       = per expert [w1ᵀ | w3ᵀ]: gate and up side by side, so one grouped
 *                                product gives [gate(x) | up(x)] for every routed row
 *   w2        [E, F, H]        = per expert w2ᵀ (down)
 * and the float32 twin of the kernels' SwiGLU dispatch on inputs x [T, H]:
 *   logits = x W_g; top-k with Mixtral weights p/Σp; per slot g|u = x w13_e;
 *   a = silu(g) ⊙ u; y = a w2_e; out_t = Σ_j w_t,j y_(t,j)        (transformers' MixtralBlockSparseTop2MLP)
 */
import type { LayerWeights } from './checkpoint';
import { mixExperts } from './reference';
import { routeLayer, softmaxRows64, trainedRouting } from './routing';

/** The SwiGLU step's float32 twin lives beside the other dispatch twins (lib/kernels/moe/moe-dispatch-reference.ts). */
export { swigluRows } from '../kernels/moe/moe-dispatch-reference';

export interface SwigluLayerWeights {
  hidden: number;
  ffn: number;
  numExperts: number;
  router: Float32Array;
  w13: Float32Array;
  w2: Float32Array;
}

/** [rows, cols] row-major → its transpose [cols, rows]. */
export function transposeMatrix(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

export function packSwigluLayer(moe: NonNullable<LayerWeights['moe']>, hidden: number, ffn: number): SwigluLayerWeights {
  const H = hidden;
  const F = ffn;
  const E = moe.experts.length;
  const w13 = new Float32Array(E * H * 2 * F);
  const w2 = new Float32Array(E * F * H);
  moe.experts.forEach((ex, e) => {
    const g = transposeMatrix(ex.gate, F, H);
    const u = transposeMatrix(ex.up, F, H);
    for (let i = 0; i < H; i++) {
      w13.set(g.subarray(i * F, (i + 1) * F), (e * H + i) * 2 * F);
      w13.set(u.subarray(i * F, (i + 1) * F), (e * H + i) * 2 * F + F);
    }
    w2.set(transposeMatrix(ex.down, H, F), e * F * H);
  });
  return { hidden: H, ffn: F, numExperts: E, router: transposeMatrix(moe.router, E, H), w13, w2 };
}

/**
 * The model's MoE block in float64 on given inputs x [n, H] (float32 as the tfjs path computed
 * them): router logits, the trained top-k (lib/lm/routing.ts) and Σ w · SwiGLU expert
 * (lib/lm/reference.ts mixExperts). out [n, H], chosen [n, k].
 */
export function moeBlockReference(
  moe: NonNullable<LayerWeights['moe']>,
  x: Float32Array,
  n: number,
  hidden: number,
  ffn: number,
  k: number,
): { out: Float64Array; chosen: Int32Array } {
  const H = hidden;
  const E = moe.experts.length;
  const logits = new Float64Array(n * E);
  for (let t = 0; t < n; t++) {
    for (let e = 0; e < E; e++) {
      let s = 0;
      for (let i = 0; i < H; i++) s += moe.router[e * H + i] * x[t * H + i];
      logits[t * E + e] = s;
    }
  }
  const routed = routeLayer(softmaxRows64(logits, n, E), n, E, trainedRouting(k), 0);
  const out = new Float64Array(n * H);
  for (let t = 0; t < n; t++) {
    const y = Float64Array.from(x.subarray(t * H, (t + 1) * H));
    out.set(mixExperts(moe, y, routed.chosen.subarray(t * k, (t + 1) * k), routed.weights.subarray(t * k, (t + 1) * k), H, ffn), t * H);
  }
  return { out, chosen: routed.chosen };
}
