/**
 * Changing Mixtral's routing at inference: one pure function that both forward passes call
 * (lib/lm/reference.ts in float64, lib/lm/tf-lm.ts on tfjs), so a routing change means the
 * same thing in both.
 *
 * For one layer and one forward pass over n tokens, with router probabilities
 * p_t = softmax(router · y_t) over all E experts ([n, E], row-major):
 *   1. candidates: the experts not switched off for this layer (`excluded`);
 *   2. S_t = the k candidates with the largest p_t,e (ties to the lower expert index, as
 *      torch.topk on these rows and lib/moe/top-k.ts), best first;
 *   3. weights: renormalize → w_t,e = p_t,e / Σ_{i∈S_t} p_t,i (Mixtral, transformers'
 *      MixtralSparseMoeBlock); otherwise w_t,e = p_t,e (norm_topk_prob = False, as
 *      Qwen-MoE, DeepSeek-V2 and OLMoE);
 *   4. capacity (capacityFactor ≠ null): each expert takes at most
 *      C = ⌈k · capacityFactor · n / E⌉ slots of this pass (lib/moe/routing.ts expertCapacity).
 *      Slots claim places as in GShard's top-2 dispatch (Lepikhin et al. 2020, Algorithm 1):
 *      every token's first choice in token order, then every second choice, …; a slot that
 *      finds its expert full is dropped (expert −1, weight 0) and the weights of the other
 *      slots stay as they were, so a token whose every slot is dropped passes through the
 *      residual connection only (Switch Transformer, Fedus et al. 2021, §2.2).
 * The trained routing (TRAINED_ROUTING with the model's k) reproduces transformers exactly.
 */
import { expertCapacity } from '../moe/routing';

export interface RoutingPolicy {
  /** Experts per token k. */
  topK: number;
  /** Divide the kept probabilities by their sum (Mixtral) or keep them as they are. */
  renormalize: boolean;
  /** Capacity factor of a capacity limit with dropped slots; null: no limit. */
  capacityFactor: number | null;
  /** excluded[layer]: experts switched off in that layer (never chosen); null: none. */
  excluded: readonly (readonly number[])[] | null;
}

/** Mixtral's own routing for a model with k experts per token. */
export function trainedRouting(topK: number): RoutingPolicy {
  return { topK, renormalize: true, capacityFactor: null, excluded: null };
}

export interface LayerRouting {
  /** [n, k] chosen experts, best first; −1 where the capacity dropped the slot. */
  chosen: Int32Array;
  /** [n, k] gate weights (0 for a dropped slot). */
  weights: Float64Array;
  /** Slots each expert was chosen for before the capacity, [E]. */
  demand: Int32Array;
  /** Slots each expert processed, [E] (demand − load = its drops). */
  load: Int32Array;
  /** Capacity C of this pass, or null without a limit. */
  capacity: number | null;
  /** Slots dropped by the capacity. */
  dropped: number;
}

/** Routes one layer's probabilities [n, E] by `policy` (see the header). Throws RangeError on impossible settings. */
export function routeLayer(probs: ArrayLike<number>, n: number, numExperts: number, policy: RoutingPolicy, layer: number): LayerRouting {
  const E = numExperts;
  const off = new Set(policy.excluded?.[layer] ?? []);
  const candidates: number[] = [];
  for (let e = 0; e < E; e++) if (!off.has(e)) candidates.push(e);
  const k = policy.topK;
  if (!Number.isInteger(k) || k < 1 || k > candidates.length) {
    throw new RangeError(`top-k = ${k} needs between 1 and ${candidates.length} experts that are switched on`);
  }
  const chosen = new Int32Array(n * k);
  const weights = new Float64Array(n * k);
  const demand = new Int32Array(E);
  const order = candidates.slice();
  for (let t = 0; t < n; t++) {
    const row = t * E;
    order.sort((a, b) => probs[row + b] - probs[row + a] || a - b);
    let norm = 0;
    for (let j = 0; j < k; j++) norm += probs[row + order[j]];
    for (let j = 0; j < k; j++) {
      const e = order[j];
      chosen[t * k + j] = e;
      weights[t * k + j] = policy.renormalize ? probs[row + e] / norm : probs[row + e];
      demand[e]++;
    }
  }
  if (policy.capacityFactor === null) return { chosen, weights, demand, load: Int32Array.from(demand), capacity: null, dropped: 0 };
  const capacity = expertCapacity(n, E, policy.capacityFactor, k);
  const load = new Int32Array(E);
  let dropped = 0;
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < n; t++) {
      const slot = t * k + j;
      const e = chosen[slot];
      if (load[e] < capacity) load[e]++;
      else {
        chosen[slot] = -1;
        weights[slot] = 0;
        dropped++;
      }
    }
  }
  return { chosen, weights, demand, load, capacity, dropped };
}

/** Row-wise softmax of logits [n, E] in float64 (max subtracted first). */
export function softmaxRows64(logits: ArrayLike<number>, n: number, E: number): Float64Array {
  const p = new Float64Array(n * E);
  for (let t = 0; t < n; t++) {
    let max = -Infinity;
    for (let e = 0; e < E; e++) max = Math.max(max, logits[t * E + e]);
    let z = 0;
    for (let e = 0; e < E; e++) z += p[t * E + e] = Math.exp(logits[t * E + e] - max);
    for (let e = 0; e < E; e++) p[t * E + e] /= z;
  }
  return p;
}
