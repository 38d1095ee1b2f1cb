/**
 * Mixture-of-experts routing, pure TypeScript reference.
 *
 * Shapes: router logits are token-major, logits[t·E + e] = (x_t · W_gate)_e,
 * a [numTokens, numExperts] matrix. Per-token outputs with k slots are flat
 * [numTokens, k] arrays: slot t·k + j holds the j-th choice of token t.
 * An expert id of -1 marks a dropped slot (weight 0): that token's MoE output
 * is zero and it passes through on the residual connection only.
 *
 * All maths runs in float64 and is stored as float32. Softmax subtracts the
 * row maximum first: softmax(l)_e = exp(l_e − m) / Σ_j exp(l_j − m), m = max_j l_j,
 * so logits of ±1e4 neither overflow nor underflow the whole row.
 *
 * Ties are broken towards the lower index everywhere (see top-k.ts).
 * Bad input throws RangeError naming the value (see validate.ts).
 */
import { createNormalSampler } from './random';
import { selectTopK } from './top-k';
import { assertFiniteAtLeast, assertInteger, assertRouterLogits, assertTopK, type NumericArray } from './validate';

export { softmaxRows } from './router-softmax';
export { expertCapacity, expertChoiceRouting, switchRouting } from './routing-capacity';
export type { ExpertChoiceRoutingResult, SwitchRoutingResult } from './routing-capacity';
export { coefficientOfVariation, expertLoad, loadBalancingLoss, routerZLoss } from './routing-stats';

/** k routing slots per token: experts[t·k + j] with gate weight weights[t·k + j]. */
export interface TopKRoutingResult {
  experts: Int32Array;
  weights: Float32Array;
}

/**
 * Softmax-then-top-k routing (Mixtral, Jiang et al. 2024; GShard, Lepikhin et al. 2020, also
 * renormalises its top-2 gates, g₁/(g₁+g₂), and adds random dispatch of the second expert).
 *
 *   p_t = softmax(l_t) over all E experts,  S_t = indices of the k largest p_t,e
 *   renormalize = false (norm_topk_prob = False in transformers' Qwen2-MoE, DeepSeek-V2, OLMoE):
 *                        w_t,j = p_t,j
 *   renormalize = true  (Mixtral / HF `routing_weights /= routing_weights.sum(-1)`):
 *                        w_t,j = p_t,j / Σ_{i∈S_t} p_t,i   (= softmax over the kept logits)
 *
 * Because softmax is monotone within a row, the top-k of p equals the top-k of
 * the logits; selection runs on the logits so float32 underflow of tiny
 * probabilities cannot reorder choices. Output per token is in descending
 * weight, ties to the lower expert index. Output arrays: [numTokens, k].
 */
export function topKRouting(
  logits: NumericArray,
  numTokens: number,
  numExperts: number,
  k: number,
  renormalize: boolean,
): TopKRoutingResult {
  assertRouterLogits(logits, numTokens, numExperts);
  assertTopK(k, numExperts);
  const experts = new Int32Array(numTokens * k);
  const weights = new Float32Array(numTokens * k);
  writeTopKSlots(logits, numTokens, numExperts, k, renormalize, 0, experts, weights, 0, k);
  return { experts, weights };
}

/**
 * Shared body of top-k and shared-expert routing: for each token writes k
 * routed slots starting at slot t·slotsPerToken + firstSlot, expert ids offset
 * by `idOffset`.
 */
function writeTopKSlots(
  logits: NumericArray,
  numTokens: number,
  numExperts: number,
  k: number,
  renormalize: boolean,
  idOffset: number,
  experts: Int32Array,
  weights: Float32Array,
  firstSlot: number,
  slotsPerToken: number,
): void {
  for (let t = 0; t < numTokens; t++) {
    const row = t * numExperts;
    const base = t * slotsPerToken + firstSlot;
    selectTopK(logits, row, 1, numExperts, k, experts, base);
    const max = logits[row + experts[base]]; // the top-1 logit is the row max
    let denominator = 0;
    if (renormalize) {
      // Σ over the kept k only: the full-row sum is not needed
      for (let j = 0; j < k; j++) denominator += Math.exp(logits[row + experts[base + j]] - max);
    } else {
      for (let e = 0; e < numExperts; e++) denominator += Math.exp(logits[row + e] - max);
    }
    for (let j = 0; j < k; j++) {
      const e = experts[base + j];
      weights[base + j] = Math.exp(logits[row + e] - max) / denominator;
      experts[base + j] = e + idOffset;
    }
  }
}

/**
 * The source article's SparseMoELayer: `torch.topk(gate_scores, k)` on the RAW
 * gate logits (no softmax), then `out += expert(x) / top_k` for each chosen
 * expert, i.e. every kept expert gets the fixed weight 1/k and the gate values
 * only decide *which* experts run (so the gate receives no gradient through
 * the weights). Output: [numTokens, k], descending logit, ties to the lower index.
 */
export function sourceRouting(logits: NumericArray, numTokens: number, numExperts: number, k: number): TopKRoutingResult {
  assertRouterLogits(logits, numTokens, numExperts);
  assertTopK(k, numExperts);
  const experts = new Int32Array(numTokens * k);
  const weights = new Float32Array(numTokens * k).fill(1 / k);
  for (let t = 0; t < numTokens; t++) selectTopK(logits, t * numExperts, 1, numExperts, k, experts, t * k);
  return { experts, weights };
}

/** Noisy top-k routing plus the perturbed logits H that were ranked, [numTokens, numExperts]. */
export interface NoisyTopKRoutingResult extends TopKRoutingResult {
  noisyLogits: Float32Array;
}

/**
 * Noisy top-k gating (Shazeer et al. 2017, "Outrageously Large Neural Networks", eq. 3–5):
 *
 *   H(x)_i = (x·W_g)_i + StandardNormal() · softplus((x·W_noise)_i)
 *   KeepTopK(v, k)_i = v_i if v_i is among the k largest, else −∞
 *   G(x) = softmax(KeepTopK(H(x), k))     → the k kept weights sum to 1
 *
 * Simplification: the paper learns W_noise, so each entry has its own std
 * softplus((x·W_noise)_i). Here every entry uses the same std `noiseScale`
 * (a stand-in for that softplus). Draws are N(0, 1) from the seeded
 * mulberry32 + Box–Muller sampler (random.ts), one per logit, taken in
 * token-major order, so a seed reproduces the routing exactly.
 * `noise = false` (inference) gives H = logits, i.e. topKRouting(…, renormalize = true).
 * Output: [numTokens, k], descending weight, ties to the lower expert index.
 */
export function noisyTopKRouting(
  logits: NumericArray,
  numTokens: number,
  numExperts: number,
  k: number,
  noiseScale: number,
  seed: number,
  noise: boolean,
): NoisyTopKRoutingResult {
  assertRouterLogits(logits, numTokens, numExperts);
  assertTopK(k, numExperts);
  assertFiniteAtLeast('noiseScale', noiseScale, 0);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  }
  const noisyLogits = new Float32Array(logits);
  if (noise) {
    const normal = createNormalSampler(seed);
    for (let i = 0; i < noisyLogits.length; i++) noisyLogits[i] += noiseScale * normal();
  }
  const experts = new Int32Array(numTokens * k);
  const weights = new Float32Array(numTokens * k);
  for (let t = 0; t < numTokens; t++) {
    const row = t * numExperts;
    const base = t * k;
    selectTopK(noisyLogits, row, 1, numExperts, k, experts, base);
    const max = noisyLogits[row + experts[base]]; // the top-1 kept value
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(noisyLogits[row + experts[base + j]] - max);
    for (let j = 0; j < k; j++) weights[base + j] = Math.exp(noisyLogits[row + experts[base + j]] - max) / sum;
  }
  return { experts, weights, noisyLogits };
}

/** Shared-expert routing: slotsPerToken = numShared + k slots per token. */
export interface SharedExpertRoutingResult extends TopKRoutingResult {
  /** numShared + k: the per-token slot count of experts / weights. */
  slotsPerToken: number;
  /** numShared + numRouted: the id space of `experts`. */
  numExperts: number;
}

/**
 * DeepSeekMoE shared-expert routing (Dai et al. 2024, eq. 9–11):
 *
 *   h_t = Σ_{i=1}^{K_s} FFN_i(u_t) + Σ_{i=K_s+1}^{mN} g_i,t FFN_i(u_t) + u_t
 *   s_i,t = softmax_i(u_tᵀ e_i) over the ROUTED experts only
 *   g_i,t = s_i,t if s_i,t is in the top-k of the routed scores, else 0
 *
 * `logits` is [numTokens, numRouted] (the router never scores shared experts).
 * Output ids: 0..numShared−1 are the always-on shared experts (weight 1),
 * numShared..numShared+numRouted−1 are routed expert r at id numShared + r.
 * Per token: the numShared shared slots first, then the k routed slots in
 * descending weight, ties to the lower expert index. renormalize = false is
 * DeepSeekMoE / DeepSeek-V2 (`norm_topk_prob = False`); true divides the k
 * routed weights by their sum (Mixtral style). Arrays: [numTokens, numShared + k].
 */
export function sharedExpertRouting(
  logits: NumericArray,
  numTokens: number,
  numRouted: number,
  k: number,
  numShared: number,
  renormalize: boolean,
): SharedExpertRoutingResult {
  assertRouterLogits(logits, numTokens, numRouted, 'numRouted');
  assertTopK(k, numRouted, 'numRouted');
  assertInteger('numShared', numShared, 0);
  const slotsPerToken = numShared + k;
  const experts = new Int32Array(numTokens * slotsPerToken);
  const weights = new Float32Array(numTokens * slotsPerToken);
  for (let t = 0; t < numTokens; t++) {
    for (let s = 0; s < numShared; s++) {
      experts[t * slotsPerToken + s] = s;
      weights[t * slotsPerToken + s] = 1;
    }
  }
  writeTopKSlots(logits, numTokens, numRouted, k, renormalize, numShared, experts, weights, numShared, slotsPerToken);
  return { experts, weights, slotsPerToken, numExperts: numShared + numRouted };
}
