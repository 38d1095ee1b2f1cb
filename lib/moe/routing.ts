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
import {
  assertCapacityFactor,
  assertFiniteAtLeast,
  assertInteger,
  assertRouterLogits,
  assertTopK,
  type NumericArray,
} from './validate';

/** k routing slots per token: experts[t·k + j] with gate weight weights[t·k + j]. */
export interface TopKRoutingResult {
  experts: Int32Array;
  weights: Float32Array;
}

/** Row t's maximum and Σ_e exp(l_e − max), the stable softmax normaliser. */
function summarizeRow(logits: NumericArray, row: number, numExperts: number): { max: number; sum: number } {
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

function computeSoftmaxRows64(logits: NumericArray, numTokens: number, numExperts: number): Float64Array {
  const probs = new Float64Array(numTokens * numExperts);
  for (let t = 0; t < numTokens; t++) {
    const row = t * numExperts;
    const { max, sum } = summarizeRow(logits, row, numExperts);
    for (let e = 0; e < numExperts; e++) probs[row + e] = Math.exp(logits[row + e] - max) / sum;
  }
  return probs;
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
 * Auxiliary load-balancing loss, exactly as Hugging Face Mixtral
 * `load_balancing_loss_func` (itself Switch Transformer eq. 4–6 generalised to top-k):
 *
 *   p_t = softmax(l_t);  S_t = top-k experts of p_t
 *   f_e = (1/T) Σ_t Σ_{j<k} [S_t,j = e]      (HF: mean over tokens of one_hot, [k, E], summed over k)
 *   P_e = (1/T) Σ_t p_t,e                    (HF: router_prob_per_expert)
 *   loss = E · Σ_e f_e · P_e
 *
 * Σ_e f_e = k, so perfectly uniform routing gives loss = E · Σ_e f_e / E = k
 * (k = 1 gives the Switch value 1). No α coefficient is applied here.
 * Ties in the top-k go to the lower expert index (torch.topk leaves this unspecified).
 */
export function loadBalancingLoss(logits: NumericArray, numTokens: number, numExperts: number, k: number): number {
  assertRouterLogits(logits, numTokens, numExperts);
  assertTopK(k, numExperts);
  const counts = new Float64Array(numExperts);
  const probSums = new Float64Array(numExperts);
  const chosen = new Int32Array(k);
  const exps = new Float64Array(numExperts);
  for (let t = 0; t < numTokens; t++) {
    const row = t * numExperts;
    selectTopK(logits, row, 1, numExperts, k, chosen, 0);
    for (let j = 0; j < k; j++) counts[chosen[j]]++;
    const max = logits[row + chosen[0]]; // the top-1 logit is the row max
    let sum = 0;
    for (let e = 0; e < numExperts; e++) sum += exps[e] = Math.exp(logits[row + e] - max);
    for (let e = 0; e < numExperts; e++) probSums[e] += exps[e] / sum;
  }
  let total = 0;
  for (let e = 0; e < numExperts; e++) total += (counts[e] / numTokens) * (probSums[e] / numTokens);
  return numExperts * total;
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
export function switchRouting(
  logits: NumericArray,
  numTokens: number,
  numExperts: number,
  capacityFactor: number,
): SwitchRoutingResult {
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

/**
 * Tokens (slots) per expert: load[e] = #{i : experts[i] = e}, [numExperts].
 * Dropped slots (-1) are ignored; any other id outside [0, numExperts) throws.
 */
export function expertLoad(experts: ArrayLike<number>, numExperts: number): Int32Array {
  assertInteger('numExperts', numExperts, 1);
  const load = new Int32Array(numExperts);
  for (let i = 0; i < experts.length; i++) {
    const e = experts[i];
    if (e === -1) continue;
    if (!Number.isInteger(e) || e < 0 || e >= numExperts) {
      throw new RangeError(`experts[${i}] = ${String(e)} is not -1 (dropped) or an expert id in [0, ${numExperts - 1}]`);
    }
    load[e]++;
  }
  return load;
}

/**
 * Coefficient of variation of expert load, CV = σ / μ with the population
 * standard deviation σ = sqrt((1/E) Σ_e (load_e − μ)²). 0 means perfectly
 * balanced. All-zero load (μ = 0) returns 0. Empty or non-finite input throws.
 */
export function coefficientOfVariation(load: ArrayLike<number>): number {
  if (load.length < 1) throw new RangeError('load is empty; need at least one expert');
  let mean = 0;
  for (let i = 0; i < load.length; i++) {
    if (!Number.isFinite(load[i])) throw new RangeError(`load[${i}] is ${String(load[i])}; loads must be finite numbers`);
    mean += load[i];
  }
  mean /= load.length;
  if (mean === 0) return 0;
  let variance = 0;
  for (let i = 0; i < load.length; i++) variance += (load[i] - mean) ** 2;
  variance /= load.length;
  return Math.sqrt(variance) / mean;
}

/**
 * Router z-loss (ST-MoE, Zoph et al. 2022, eq. 5):
 *
 *   L_z = (1/T) Σ_t ( log Σ_e exp(l_t,e) )²
 *
 * logsumexp computed stably as m + log Σ_e exp(l_e − m). No coefficient applied.
 */
export function routerZLoss(logits: NumericArray, numTokens: number, numExperts: number): number {
  assertRouterLogits(logits, numTokens, numExperts);
  let total = 0;
  for (let t = 0; t < numTokens; t++) {
    const { max, sum } = summarizeRow(logits, t * numExperts, numExperts);
    const lse = max + Math.log(sum);
    total += lse * lse;
  }
  return total / numTokens;
}
