/**
 * The routing changes the MoE lab measures on moe-en, one registry (lib/lm/routing.ts runs them):
 *   trained     Mixtral's own: top-k of softmax(router y), weights renormalised over the k
 *   top1        top-1 instead of top-2 (renormalised, so the one expert gets weight 1)
 *   no-renorm   top-k with the raw probabilities as weights (norm_topk_prob = False: Qwen-MoE,
 *               DeepSeek-V2, OLMoE); the two weights sum to less than 1
 *   capacity    the trained routing with a capacity limit C = ⌈k · cf · n / E⌉ per expert and
 *               forward pass; overflowing slots are dropped (GShard / Switch)
 *   drop-least  in every layer, the expert the trained routing uses least on the evaluation text
 *               is switched off; the router picks the top-k of the other E − 1
 */
import { type RoutingPolicy, trainedRouting } from './routing';

export const ROUTING_CHANGES = ['trained', 'top1', 'no-renorm', 'capacity', 'drop-least'] as const;
export type RoutingChange = (typeof ROUTING_CHANGES)[number];

export interface ChangeInputs {
  /** The model's k (num_experts_per_tok). */
  topK: number;
  /** Capacity factor of the `capacity` change. */
  capacityFactor: number;
  /** Per layer, the expert the trained routing uses least (needed by `drop-least`). */
  leastUsed: readonly number[] | null;
}

export function policyOf(change: RoutingChange, x: ChangeInputs): RoutingPolicy {
  const trained = trainedRouting(x.topK);
  switch (change) {
    case 'trained':
      return trained;
    case 'top1':
      return { ...trained, topK: 1 };
    case 'no-renorm':
      return { ...trained, renormalize: false };
    case 'capacity':
      return { ...trained, capacityFactor: x.capacityFactor };
    case 'drop-least':
      if (!x.leastUsed) throw new RangeError("drop-least needs the trained routing's expert loads first");
      return { ...trained, excluded: x.leastUsed.map((e) => [e]) };
  }
}

/** Per layer, the expert with the fewest slots in `loads[layer]` (ties to the lower index). */
export function leastUsedExperts(loads: readonly ArrayLike<number>[]): number[] {
  return loads.map((load) => {
    let best = 0;
    for (let e = 1; e < load.length; e++) if (load[e] < load[best]) best = e;
    return best;
  });
}
