/**
 * Per-token top-k over router logits, as a tfjs WebGPU program (one invocation per token).
 *
 * Input: logits [T, E] (float32). Output ([T, k]): the chosen experts (int32) when
 * output = 'experts', or their gate weights (float32) when output = 'weights'. tfjs
 * programs have one output, so the routing is two launches of the same shader source
 * with a different output type (the selection is recomputed, which costs T·E compares).
 *
 * Selection keeps the k largest logits in descending order, ties to the lower expert
 * index (a later expert displaces an earlier one only when strictly larger), exactly as
 * lib/moe/top-k.ts selectTopK. Weights by mode (uniform, so switching never recompiles):
 *   0  Mixtral:  w_j = exp(l_j − m) / Σ_{i<k} exp(l_i − m)      (softmax renormalised over the k)
 *   1  raw p:    w_j = exp(l_j − m) / Σ_{e<E} exp(l_e − m)      (softmax over all E, not renormalised:
 *                norm_topk_prob = False; the mode keeps its old name "gshard")
 *   2  source:   w_j = 1 / k                                    (the article's layer)
 * with m = the row maximum (the top-1 logit).
 *
 * shaderKey: output type and MAX_K (the size of the private insertion buffer, 8).
 * T, E, k and the mode are uniforms.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const TOPK_MAX_K = 8;
export const WEIGHT_MODES = { mixtral: 0, gshard: 1, source: 2 } as const;
export type WeightMode = keyof typeof WEIGHT_MODES;

export class MoeTopKProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  variableNames = ['logits'];
  uniforms = 'numTokens : i32, numExperts : i32, topK : i32, weightMode : i32,';
  private readonly output: 'experts' | 'weights';

  constructor(numTokens: number, k: number, output: 'experts' | 'weights') {
    if (k > TOPK_MAX_K) throw new RangeError(`k = ${k} exceeds the kernel's maximum of ${TOPK_MAX_K}`);
    this.outputShape = [numTokens * k];
    this.output = output;
    this.dispatch = [Math.ceil(numTokens / 64), 1, 1];
    this.shaderKey = `sparselab_moe_topk_${output}_maxk${TOPK_MAX_K}`;
  }

  getUserCode(): string {
    const write =
      this.output === 'experts'
        ? 'for (var j = 0; j < k; j++) { result[t * k + j] = idx[j]; }'
        : `
          let m = val[0];
          var denom = 0.0;
          if (uniforms.weightMode == 1) {
            for (var e = 0; e < E; e++) { denom += exp(logits[t * E + e] - m); }
          } else {
            for (var j = 0; j < k; j++) { denom += exp(val[j] - m); }
          }
          for (var j = 0; j < k; j++) {
            var wj = exp(val[j] - m) / denom;
            if (uniforms.weightMode == 2) { wj = 1.0 / f32(k); }
            result[t * k + j] = wj;
          }`;
    return `
      fn main(index : i32) {
        let t = index;
        if (t >= uniforms.numTokens) { return; }
        let E = uniforms.numExperts;
        let k = uniforms.topK;
        var val : array<f32, ${TOPK_MAX_K}>;
        var idx : array<i32, ${TOPK_MAX_K}>;
        var filled = 0;
        for (var e = 0; e < E; e++) {
          let v = logits[t * E + e];
          if (filled == k && !(v > val[k - 1])) { continue; }
          var p = select(k - 1, filled, filled < k);
          loop {
            if (p == 0 || !(v > val[p - 1])) { break; }
            val[p] = val[p - 1];
            idx[p] = idx[p - 1];
            p = p - 1;
          }
          val[p] = v;
          idx[p] = e;
          if (filled < k) { filled = filled + 1; }
        }
        ${write}
      }
    `;
  }
}
