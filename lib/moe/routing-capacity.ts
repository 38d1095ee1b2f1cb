/**
 * Capacity-limited routing (lib/moe/routing.ts conventions): the expert capacity C, Switch routing
 * (top-1 with drops) and Expert Choice routing (each expert takes its C best tokens).
 */
import type { TopKRoutingResult } from './routing';
import { computeSoftmaxRows64, summarizeRow } from './router-softmax';
import { selectTopK } from './top-k';
import { assertCapacityFactor, assertInteger, assertRouterLogits, type NumericArray } from './validate';

/**
 * Expert capacity: the most token slots an expert accepts in one batch.
 *
 *   C = ceil(k · capacityFactor · numTokens / numExperts)
 *
 * Switch Transformer (Fedus et al. 2021, §2.2): capacity = (tokens per batch /
 * number of experts) × capacity factor. The paper does not fix the rounding;
 * we round UP, as DeepSpeed-MoE `_capacity` does (torch.ceil(num_tokens /
 * num_experts · capacity_factor), with k = 2 for top-2 gating), but without
 * DeepSpeed's `min_capacity` floor. A relative 1e-9 is subtracted before the
 * ceiling so binary rounding (1.1 · 100 / 10 = 11.000000000000002) does not
 * add a spurious slot. Result is always >= 1 for valid input.
 */
export function expertCapacity(numTokens: number, numExperts: number, capacityFactor: number, k = 1): number {
  assertInteger('numTokens', numTokens, 1);
  assertInteger('numExperts', numExperts, 1);
  assertCapacityFactor(capacityFactor);
  assertInteger('k', k, 1);
  const exact = (k * capacityFactor * numTokens) / numExperts;
  return Math.max(1, Math.ceil(exact - 1e-9 * Math.max(1, exact)));
}

/** Switch routing: one slot per token ([numTokens]); expert -1 / weight 0 when dropped. */
export interface SwitchRoutingResult extends TopKRoutingResult {
  /** Tokens dropped because their expert was already full. */
  dropped: number;
  /** Per-expert capacity C (see expertCapacity). */
  capacity: number;
  /** Tokens each expert actually processes, [numExperts], each <= capacity. */
  load: Int32Array;
  /** Tokens whose top-1 choice was each expert before capacity, [numExperts]; demand − load = dropped per expert. */
  demand: Int32Array;
}

/**
 * Switch Transformer routing (Fedus et al. 2021): top-1 of the softmax, gate
 * weight = the raw probability p_t,e (not renormalised, which would always
 * give 1), capacity C = expertCapacity(numTokens, numExperts, capacityFactor, 1).
 * Tokens claim slots in token order (position in the batch, as Mesh TF's
 * cumsum-based dispatch does); a token whose expert already holds C tokens is
 * dropped: expert = -1, weight = 0, and it reaches the next layer only
 * through the residual connection.
 */
export function switchRouting(logits: NumericArray, numTokens: number, numExperts: number, capacityFactor: number): SwitchRoutingResult {
  assertRouterLogits(logits, numTokens, numExperts);
  assertCapacityFactor(capacityFactor);
  const capacity = expertCapacity(numTokens, numExperts, capacityFactor, 1);
  const experts = new Int32Array(numTokens);
  const weights = new Float32Array(numTokens);
  const load = new Int32Array(numExperts);
  const demand = new Int32Array(numExperts);
  let dropped = 0;
  for (let t = 0; t < numTokens; t++) {
    const row = t * numExperts;
    let best = 0;
    for (let e = 1; e < numExperts; e++) if (logits[row + e] > logits[row + best]) best = e;
    demand[best]++;
    if (load[best] < capacity) {
      load[best]++;
      experts[t] = best;
      const { max, sum } = summarizeRow(logits, row, numExperts);
      weights[t] = Math.exp(logits[row + best] - max) / sum;
    } else {
      experts[t] = -1;
      weights[t] = 0;
      dropped++;
    }
  }
  return { experts, weights, dropped, capacity, load, demand };
}

/** Expert-choice routing: expert-major slots, [numExperts, capacity]. */
export interface ExpertChoiceRoutingResult {
  /** tokenIndices[e·capacity + i]: the i-th token expert e took, descending score. */
  tokenIndices: Int32Array;
  /** weights[e·capacity + i] = softmax score of that token for expert e. */
  weights: Float32Array;
  /** Tokens per expert, c = min(numTokens, expertCapacity(numTokens, numExperts, capacityFactor)). */
  capacity: number;
  /** How many experts took each token, [numTokens]; may be 0 or several. */
  expertsPerToken: Int32Array;
  /** Same array as expertsPerToken (the name in the original contract). */
  tokensPerToken: Int32Array;
  /** Tokens no expert took (they pass through on the residual only). */
  unrouted: number;
}

/**
 * Expert Choice routing (Zhou et al. 2022, "Mixture-of-Experts with Expert Choice Routing"):
 *
 *   S = softmax(X·W_g) over experts, [n, e]
 *   G, I = TopK(Sᵀ, c)   — each expert picks its c highest-scoring tokens
 *   out_t = Σ_{(e,i): I[e,i]=t} G[e,i] · FFN_e(x_t)
 *
 * The paper sets c = n · capacityFactor / e (its "capacity factor" is the
 * average number of experts per token). We use
 * c = expertCapacity(numTokens, numExperts, capacityFactor) (rounded up),
 * clamped to numTokens since an expert cannot take a token twice.
 * Each expert's list is in descending score, ties to the lower token index.
 * Load is perfectly balanced by construction; the cost is that some tokens
 * get no expert at all (`unrouted`) while others get several.
 */
export function expertChoiceRouting(
  logits: NumericArray,
  numTokens: number,
  numExperts: number,
  capacityFactor: number,
): ExpertChoiceRoutingResult {
  assertRouterLogits(logits, numTokens, numExperts);
  assertCapacityFactor(capacityFactor);
  const capacity = Math.min(numTokens, expertCapacity(numTokens, numExperts, capacityFactor, 1));
  const scores = computeSoftmaxRows64(logits, numTokens, numExperts);
  // Sᵀ, expert-major [numExperts, numTokens], so each expert scans a contiguous column.
  const columns = new Float64Array(numTokens * numExperts);
  for (let t = 0; t < numTokens; t++) {
    for (let e = 0; e < numExperts; e++) columns[e * numTokens + t] = scores[t * numExperts + e];
  }
  const tokenIndices = new Int32Array(numExperts * capacity);
  const weights = new Float32Array(numExperts * capacity);
  const expertsPerToken = new Int32Array(numTokens);
  for (let e = 0; e < numExperts; e++) {
    const base = e * capacity;
    selectTopK(columns, e * numTokens, 1, numTokens, capacity, tokenIndices, base);
    for (let i = 0; i < capacity; i++) {
      const t = tokenIndices[base + i];
      weights[base + i] = columns[e * numTokens + t];
      expertsPerToken[t]++;
    }
  }
  let unrouted = 0;
  for (let t = 0; t < numTokens; t++) if (expertsPerToken[t] === 0) unrouted++;
  return { tokenIndices, weights, capacity, expertsPerToken, tokensPerToken: expertsPerToken, unrouted };
}
