/**
 * One entry point for every routing variant the lab offers, returning a common
 * token-major slot layout the dispatch code (dispatch.ts), the model and the pictures share.
 *
 * Slot layout: experts / weights are [numTokens, slotsPerToken]; slot t·slotsPerToken + j
 * holds expert id experts[…] (−1 = empty or dropped, weight 0).
 *   source, mixtral, gshard, noisy: slotsPerToken = k       (routing.ts topKRouting & co.)
 *   switch:                         slotsPerToken = 1       (top-1 with capacity drops)
 *   expert-choice:                  slotsPerToken = E       (slot t·E + e is expert e if e took t)
 *   shared:                         slotsPerToken = m + k   (ids 0..m−1 shared, m.. routed)
 * Router logits are always [numTokens, numExperts] over the ROUTED experts.
 *
 * Every function of routing.ts validates its input and throws a RangeError with a message;
 * checkRoutingSettings turns the settings into translated-message keys before anything runs.
 */
import {
  coefficientOfVariation,
  expertCapacity,
  expertChoiceRouting,
  expertLoad,
  loadBalancingLoss,
  noisyTopKRouting,
  routerZLoss,
  sharedExpertRouting,
  sourceRouting,
  switchRouting,
  topKRouting,
} from './routing';

export const ROUTING_VARIANTS = ['source', 'mixtral', 'gshard', 'switch', 'noisy', 'expert-choice', 'shared'] as const;
export type RoutingVariant = (typeof ROUTING_VARIANTS)[number];

export interface RoutingSettings {
  variant: RoutingVariant;
  /** Routed experts E (the router's outputs). */
  numExperts: number;
  /** Experts per token (ignored by switch, which is top-1, and by expert-choice). */
  k: number;
  /** Capacity factor: switch and expert-choice use it; the others show it as a line. */
  capacityFactor: number;
  noise: boolean;
  noiseScale: number;
  seed: number;
  /** Always-on shared experts (shared variant only). */
  numShared: number;
}

export interface VariantRouting {
  experts: Int32Array;
  weights: Float32Array;
  slotsPerToken: number;
  /** Size of the expert id space: numShared + numExperts for 'shared', else numExperts. */
  numExpertIds: number;
  /** Ids below this are shared experts (always on). */
  numShared: number;
  /** Tokens (slots) each routed expert processes, [numExperts] (shared experts excluded). */
  load: Int32Array;
  /** Per-expert capacity C drawn as the line on the load bars. */
  capacity: number;
  /**
   * switch: tokens dropped because their expert was full;
   * expert-choice: tokens no expert took;
   * others: routed slots above the capacity line (what a padded, capacity-limited dispatch would drop).
   */
  dropped: number;
  /** The logits that were ranked (noisy: with the noise added). */
  rankedLogits: Float32Array;
}

/** Routes router logits [numTokens, numExperts] with one of the lab's variants. */
export function routeTokens(logits: Float32Array, numTokens: number, s: RoutingSettings): VariantRouting {
  const E = s.numExperts;
  switch (s.variant) {
    case 'switch': {
      const r = switchRouting(logits, numTokens, E, s.capacityFactor);
      return {
        experts: r.experts,
        weights: r.weights,
        slotsPerToken: 1,
        numExpertIds: E,
        numShared: 0,
        load: r.load,
        capacity: r.capacity,
        dropped: r.dropped,
        rankedLogits: logits,
      };
    }
    case 'expert-choice': {
      const r = expertChoiceRouting(logits, numTokens, E, s.capacityFactor);
      const experts = new Int32Array(numTokens * E).fill(-1);
      const weights = new Float32Array(numTokens * E);
      const load = new Int32Array(E);
      for (let e = 0; e < E; e++) {
        for (let i = 0; i < r.capacity; i++) {
          const t = r.tokenIndices[e * r.capacity + i];
          experts[t * E + e] = e;
          weights[t * E + e] = r.weights[e * r.capacity + i];
          load[e]++;
        }
      }
      return {
        experts,
        weights,
        slotsPerToken: E,
        numExpertIds: E,
        numShared: 0,
        load,
        capacity: r.capacity,
        dropped: r.unrouted,
        rankedLogits: logits,
      };
    }
    case 'shared': {
      const r = sharedExpertRouting(logits, numTokens, E, s.k, s.numShared, false);
      const load = new Int32Array(E);
      for (let i = 0; i < r.experts.length; i++) if (r.experts[i] >= s.numShared) load[r.experts[i] - s.numShared]++;
      const capacity = expertCapacity(numTokens, E, s.capacityFactor, s.k);
      return {
        experts: r.experts,
        weights: r.weights,
        slotsPerToken: r.slotsPerToken,
        numExpertIds: r.numExperts,
        numShared: s.numShared,
        load,
        capacity,
        dropped: overCapacity(load, capacity),
        rankedLogits: logits,
      };
    }
    default: {
      let experts: Int32Array;
      let weights: Float32Array;
      let ranked = logits;
      if (s.variant === 'source') ({ experts, weights } = sourceRouting(logits, numTokens, E, s.k));
      else if (s.variant === 'noisy') {
        const r = noisyTopKRouting(logits, numTokens, E, s.k, s.noiseScale, s.seed, s.noise);
        ({ experts, weights } = r);
        ranked = r.noisyLogits;
      } else ({ experts, weights } = topKRouting(logits, numTokens, E, s.k, s.variant === 'mixtral'));
      const load = expertLoad(experts, E);
      const capacity = expertCapacity(numTokens, E, s.capacityFactor, s.k);
      return {
        experts,
        weights,
        slotsPerToken: s.k,
        numExpertIds: E,
        numShared: 0,
        load,
        capacity,
        dropped: overCapacity(load, capacity),
        rankedLogits: ranked,
      };
    }
  }
}

/** Σ_e max(0, load_e − C): slots a capacity-C padded dispatch drops. */
export function overCapacity(load: ArrayLike<number>, capacity: number): number {
  let n = 0;
  for (let e = 0; e < load.length; e++) n += Math.max(0, load[e] - capacity);
  return n;
}

/** Experts per token the variant activates on average (shared experts included). */
export function activeExpertsPerToken(r: VariantRouting, numTokens: number): number {
  let n = 0;
  for (let i = 0; i < r.experts.length; i++) if (r.experts[i] >= 0) n++;
  return n / numTokens;
}

export interface RoutingStats {
  /** CV = σ/μ of the routed experts' load. */
  loadCv: number;
  /** HF Mixtral load_balancing_loss_func value (k = the variant's routed k; 1 for switch). */
  auxLoss: number;
  /** ST-MoE router z-loss. */
  zLoss: number;
}

/** Load CV, auxiliary loss and z-loss of a routing (aux loss uses the routed k: 1 for switch and expert-choice). */
export function routingStats(logits: Float32Array, numTokens: number, s: RoutingSettings, r: VariantRouting): RoutingStats {
  const kAux = s.variant === 'switch' || s.variant === 'expert-choice' ? 1 : Math.min(s.k, s.numExperts);
  return {
    loadCv: coefficientOfVariation(r.load),
    auxLoss: loadBalancingLoss(logits, numTokens, s.numExperts, kAux),
    zLoss: routerZLoss(logits, numTokens, s.numExperts),
  };
}

/**
 * The dense gate matrix G [numTokens, numExpertIds]: G[t, e] = Σ_j w_t,j over slots of t
 * routed to e (what the dense baseline multiplies every expert's output by).
 */
export function gateMatrix(r: VariantRouting, numTokens: number): Float32Array {
  const g = new Float32Array(numTokens * r.numExpertIds);
  const S = r.slotsPerToken;
  for (let t = 0; t < numTokens; t++) {
    for (let j = 0; j < S; j++) {
      const e = r.experts[t * S + j];
      if (e >= 0) g[t * r.numExpertIds + e] += r.weights[t * S + j];
    }
  }
  return g;
}

/** Problems with a settings combination, as message keys the UI translates (empty = fine). */
export type RoutingProblem =
  'experts-below-one' | 'k-below-one' | 'k-above-experts' | 'capacity-not-positive' | 'noise-negative' | 'shared-negative';

export function checkRoutingSettings(
  s: Pick<RoutingSettings, 'numExperts' | 'k' | 'capacityFactor' | 'noiseScale' | 'numShared' | 'variant'>,
): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  const expertsOk = Number.isInteger(s.numExperts) && s.numExperts >= 1;
  if (!expertsOk) problems.push('experts-below-one');
  if (!(Number.isInteger(s.k) && s.k >= 1)) problems.push('k-below-one');
  else if (expertsOk && s.variant !== 'switch' && s.variant !== 'expert-choice' && s.k > s.numExperts) problems.push('k-above-experts');
  if (!(Number.isFinite(s.capacityFactor) && s.capacityFactor > 0)) problems.push('capacity-not-positive');
  if (!(Number.isFinite(s.noiseScale) && s.noiseScale >= 0)) problems.push('noise-negative');
  if (!(Number.isInteger(s.numShared) && s.numShared >= 0)) problems.push('shared-negative');
  return problems;
}

/** Index of the first non-finite logit, or −1. */
export function findNonFiniteLogit(logits: ArrayLike<number>): number {
  for (let i = 0; i < logits.length; i++) if (!Number.isFinite(logits[i])) return i;
  return -1;
}
