/**
 * Load statistics and auxiliary losses of a routing (lib/moe/routing.ts conventions): the Switch
 * load-balancing loss, tokens per expert, their coefficient of variation and the router z-loss.
 */
import { summarizeRow } from './router-softmax';
import { selectTopK } from './top-k';
import { assertInteger, assertRouterLogits, assertTopK, type NumericArray } from './validate';

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
