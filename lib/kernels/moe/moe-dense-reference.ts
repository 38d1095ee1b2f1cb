/**
 * Pure TypeScript twins of the dense MoE baseline: every expert runs on every token, and
 * the gate matrix masks the results (the "run all experts" way the source's loop would be
 * batched). End-to-end twin: lib/moe/dispatch.ts moeDenseReference.
 *
 *   hidden_e = act(x · W1_e + b1_e)          [E, T, F]   (MoeGroupedMatmulProgram, 'broadcast')
 *   y_e      = hidden_e · W2_e + b2_e        [E, T, H]   (MoeGroupedMatmulProgram, 'direct')
 *   out_t    = Σ_e G[t, e] · y_e[t]                     (MoeDenseCombineProgram)
 */
import { moeDenseReference } from '../../moe/dispatch';
import { type MoeLayer, expertParamsOfLayer, groupedMatmulReference, routerLogitsReference, topKReference } from './moe-dispatch-reference';

/** offsets e·T for E experts × T tokens: [E + 1]. */
export function denseOffsets(numExperts: number, numTokens: number): Int32Array {
  return Int32Array.from({ length: numExperts + 1 }, (_, e) => e * numTokens);
}

/** Every expert's hidden activations for every token, [E·T, F]. */
export function denseHiddenReference(layer: MoeLayer): Float32Array {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E } = layer;
  return groupedMatmulReference({
    a: layer.x,
    aRows: T,
    w: layer.w1,
    bias: layer.b1,
    offsets: denseOffsets(E, T),
    perm: null,
    rows: E * T,
    inDim: H,
    outDim: F,
    slotsPerToken: 1,
    rowSource: 'broadcast',
    activation: layer.activation,
  });
}

/** Every expert's output for every token, [E·T, H], from the hidden activations. */
export function denseOutputsReference(layer: MoeLayer, hidden: Float32Array): Float32Array {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E } = layer;
  return groupedMatmulReference({
    a: hidden,
    aRows: E * T,
    w: layer.w2,
    bias: layer.b2,
    offsets: denseOffsets(E, T),
    perm: null,
    rows: E * T,
    inDim: F,
    outDim: H,
    slotsPerToken: 1,
    rowSource: 'direct',
    activation: 'none',
  });
}

/** MoeDenseCombineProgram's twin: out[t, h] = Σ_e G[t, e] · y[e·T + t, h]. */
export function denseCombineReference(
  y: Float32Array,
  experts: Int32Array,
  weights: Float32Array,
  numTokens: number,
  hidden: number,
  k: number,
  numExperts: number,
): Float32Array {
  const out = new Float32Array(numTokens * hidden);
  for (let t = 0; t < numTokens; t++) {
    for (let e = 0; e < numExperts; e++) {
      let g = 0;
      for (let j = 0; j < k; j++) if (experts[t * k + j] === e) g += weights[t * k + j];
      if (g === 0) continue;
      for (let h = 0; h < hidden; h++) out[t * hidden + h] += g * y[(e * numTokens + t) * hidden + h];
    }
  }
  return out;
}

/** End-to-end twin of the dense path (routing by topKReference, then moeDenseReference). */
export function moeDenseLayerReference(layer: MoeLayer, logits?: Float32Array): Float32Array {
  const l = logits ?? routerLogitsReference(layer.x, layer.numTokens, layer.hidden, layer.router, layer.numExperts);
  const { experts, weights } = topKReference(l, layer.numTokens, layer.numExperts, layer.k, layer.weightMode);
  return moeDenseReference(layer.x, layer.numTokens, { experts, weights, k: layer.k }, expertParamsOfLayer(layer), layer.activation);
}
