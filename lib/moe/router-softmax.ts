/**
 * Row softmax of router logits, [numTokens, numExperts] token-major (lib/moe/routing.ts), in float64:
 * softmax(l)_e = exp(l_e − m) / Σ_j exp(l_j − m), m = max_j l_j, so logits of ±1e4 neither overflow nor underflow.
 */
import { assertRouterLogits, type NumericArray } from './validate';

/** Row t's maximum and Σ_e exp(l_e − max), the stable softmax normaliser. */
export function summarizeRow(logits: NumericArray, row: number, numExperts: number): { max: number; sum: number } {
  let max = logits[row];
  for (let e = 1; e < numExperts; e++) if (logits[row + e] > max) max = logits[row + e];
  let sum = 0;
  for (let e = 0; e < numExperts; e++) sum += Math.exp(logits[row + e] - max);
  return { max, sum };
}

/**
 * Row-wise softmax of a [numTokens, numExperts] logit matrix (max-subtracted,
 * float64 internally). Returns [numTokens, numExperts] probabilities.
 */
export function softmaxRows(logits: NumericArray, numTokens: number, numExperts: number): Float32Array {
  assertRouterLogits(logits, numTokens, numExperts);
  return new Float32Array(computeSoftmaxRows64(logits, numTokens, numExperts));
}

export function computeSoftmaxRows64(logits: NumericArray, numTokens: number, numExperts: number): Float64Array {
  const probs = new Float64Array(numTokens * numExperts);
  for (let t = 0; t < numTokens; t++) {
    const row = t * numExperts;
    const { max, sum } = summarizeRow(logits, row, numExperts);
    for (let e = 0; e < numExperts; e++) probs[row + e] = Math.exp(logits[row + e] - max) / sum;
  }
  return probs;
}
