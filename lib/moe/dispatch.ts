/**
 * Pure reference of the MoE dispatch / combine path.
 *
 * Shapes (all flat, row-major):
 *   x   [T, H]      token activations
 *   experts, weights [T, k]   routing slots (slot s = t·k + j; expert -1 = dropped)
 *   w1  [E, H, F],  b1 [E, F]   first expert projection
 *   w2  [E, F, H],  b2 [E, H]   second expert projection
 *   FFN_e(x) = act(x·W1_e + b1_e)·W2_e + b2_e
 *   out_t = Σ_j w_t,j · FFN_{e_t,j}(x_t)     (the residual x_t is NOT added)
 *
 * moeForwardReference groups slots by expert first (a counting sort, the
 * "permute" step of grouped-GEMM MoE kernels such as MegaBlocks) and runs each
 * expert only on its tokens; moeDenseReference runs every expert on every token
 * and masks by the gate, like the simple PyTorch loop. Both must agree.
 */
import { assertInteger, assertLength, type NumericArray } from './validate';

/** Expert FFN nonlinearity. */
export type Activation = 'gelu' | 'relu';

/**
 * Applies the activation. 'gelu' is the tanh approximation (Hendrycks &
 * Gimpel 2016; PyTorch `gelu(approximate='tanh')`, GPT-2's `gelu_new`):
 *   gelu(x) ≈ 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))
 * 'relu' is max(0, x).
 */
export function applyActivation(value: number, activation: Activation): number {
  if (activation === 'relu') return value > 0 ? value : 0;
  const inner = Math.sqrt(2 / Math.PI) * (value + 0.044715 * value * value * value);
  return 0.5 * value * (1 + Math.tanh(inner));
}

/** Expert FFN parameters; omitted biases are treated as zero. */
export interface ExpertParams {
  numExperts: number;
  hidden: number;
  ffn: number;
  /** [numExperts, hidden, ffn] */
  w1: NumericArray;
  /** [numExperts, ffn] */
  b1?: NumericArray;
  /** [numExperts, ffn, hidden] */
  w2: NumericArray;
  /** [numExperts, hidden] */
  b2?: NumericArray;
}

/** k routing slots per token, as produced by the routing functions (k = slotsPerToken for shared-expert routing). */
export interface SlotRouting {
  experts: Int32Array;
  weights: NumericArray;
  k: number;
}

/** Slots grouped by expert: order[offsets[e] .. offsets[e+1]) are expert e's slots. */
export interface ExpertGrouping {
  /** [numExperts + 1] exclusive prefix sum of per-expert slot counts. */
  offsets: Int32Array;
  /** Slot indices s = t·k + j sorted by expert, stable (ascending s within an expert); dropped slots omitted. */
  order: Int32Array;
}

/**
 * Counting sort of routing slots by expert, O(T·k + E).
 * offsets[e] = Σ_{e' < e} count(e'), offsets[E] = number of kept slots; slots
 * with expert -1 (dropped) are left out, so order.length = offsets[E].
 */
export function countingSortByExpert(experts: Int32Array, numTokens: number, k: number, numExperts: number): ExpertGrouping {
  assertInteger('numTokens', numTokens, 1);
  assertInteger('k', k, 1);
  assertInteger('numExperts', numExperts, 1);
  assertLength('experts', experts, numTokens * k, `numTokens × k = ${numTokens} × ${k}`);
  const offsets = new Int32Array(numExperts + 1);
  for (let s = 0; s < experts.length; s++) {
    const e = experts[s];
    if (e === -1) continue;
    if (e < -1 || e >= numExperts) {
      throw new RangeError(`experts[${s}] = ${e} is not -1 (dropped) or an expert id in [0, ${numExperts - 1}]`);
    }
    offsets[e + 1]++;
  }
  for (let e = 0; e < numExperts; e++) offsets[e + 1] += offsets[e];
  const order = new Int32Array(offsets[numExperts]);
  const cursor = offsets.slice(0, numExperts);
  for (let s = 0; s < experts.length; s++) {
    const e = experts[s];
    if (e !== -1) order[cursor[e]++] = s;
  }
  return { offsets, order };
}

function assertForwardInputs(x: NumericArray, numTokens: number, routing: SlotRouting, params: ExpertParams): void {
  const { numExperts, hidden, ffn } = params;
  assertInteger('numTokens', numTokens, 1);
  assertInteger('numExperts', numExperts, 1);
  assertInteger('hidden', hidden, 1);
  assertInteger('ffn', ffn, 1);
  assertInteger('k', routing.k, 1);
  assertLength('x', x, numTokens * hidden, `numTokens × hidden = ${numTokens} × ${hidden}`);
  assertLength('experts', routing.experts, numTokens * routing.k, `numTokens × k = ${numTokens} × ${routing.k}`);
  assertLength('weights', routing.weights, numTokens * routing.k, `numTokens × k = ${numTokens} × ${routing.k}`);
  assertLength('w1', params.w1, numExperts * hidden * ffn, `numExperts × hidden × ffn = ${numExperts} × ${hidden} × ${ffn}`);
  assertLength('w2', params.w2, numExperts * ffn * hidden, `numExperts × ffn × hidden = ${numExperts} × ${ffn} × ${hidden}`);
  if (params.b1) assertLength('b1', params.b1, numExperts * ffn, `numExperts × ffn = ${numExperts} × ${ffn}`);
  if (params.b2) assertLength('b2', params.b2, numExperts * hidden, `numExperts × hidden = ${numExperts} × ${hidden}`);
  for (let i = 0; i < routing.weights.length; i++) {
    if (!Number.isFinite(routing.weights[i])) {
      throw new RangeError(`weights[${i}] is ${String(routing.weights[i])}; routing weights must be finite numbers`);
    }
  }
}

/**
 * y = FFN_e(x_t) for one token, into `y` [hidden] (float64); `h` [ffn] is scratch.
 *   h_f = act(b1[e,f] + Σ_i x[t,i] · W1[e,i,f]),   y_j = b2[e,j] + Σ_f h_f · W2[e,f,j]
 */
function runExpertFfn(
  x: NumericArray,
  t: number,
  e: number,
  params: ExpertParams,
  activation: Activation,
  h: Float64Array,
  y: Float64Array,
): void {
  const { hidden, ffn, w1, b1, w2, b2 } = params;
  const xRow = t * hidden;
  for (let f = 0; f < ffn; f++) h[f] = b1 ? b1[e * ffn + f] : 0;
  for (let i = 0; i < hidden; i++) {
    const xi = x[xRow + i];
    const w1Row = (e * hidden + i) * ffn;
    for (let f = 0; f < ffn; f++) h[f] += xi * w1[w1Row + f];
  }
  for (let f = 0; f < ffn; f++) h[f] = applyActivation(h[f], activation);
  for (let j = 0; j < hidden; j++) y[j] = b2 ? b2[e * hidden + j] : 0;
  for (let f = 0; f < ffn; f++) {
    const hf = h[f];
    const w2Row = (e * ffn + f) * hidden;
    for (let j = 0; j < hidden; j++) y[j] += hf * w2[w2Row + j];
  }
}

/**
 * Sparse MoE forward: out[t] = Σ_j w_t,j · FFN_{e_t,j}(x_t), [T, H].
 * Slots are grouped with countingSortByExpert, then each expert processes
 * only its own tokens (what a grouped GEMM does); dropped slots contribute 0.
 */
export function moeForwardReference(
  x: NumericArray,
  numTokens: number,
  routing: SlotRouting,
  params: ExpertParams,
  activation: Activation,
): Float32Array {
  assertForwardInputs(x, numTokens, routing, params);
  const { numExperts, hidden, ffn } = params;
  const { offsets, order } = countingSortByExpert(routing.experts, numTokens, routing.k, numExperts);
  const acc = new Float64Array(numTokens * hidden);
  const h = new Float64Array(ffn);
  const y = new Float64Array(hidden);
  for (let e = 0; e < numExperts; e++) {
    for (let p = offsets[e]; p < offsets[e + 1]; p++) {
      const slot = order[p];
      const t = Math.floor(slot / routing.k);
      const w = routing.weights[slot];
      runExpertFfn(x, t, e, params, activation, h, y);
      for (let j = 0; j < hidden; j++) acc[t * hidden + j] += w * y[j];
    }
  }
  return new Float32Array(acc);
}

/**
 * Dense MoE forward: the gate matrix G[t,e] = Σ_{j : e_t,j = e} w_t,j is
 * scattered first, then EVERY expert runs on EVERY token and
 * out[t] = Σ_e G[t,e] · FFN_e(x_t). E/k times the FLOPs of the sparse path,
 * same result up to float rounding.
 */
export function moeDenseReference(
  x: NumericArray,
  numTokens: number,
  routing: SlotRouting,
  params: ExpertParams,
  activation: Activation,
): Float32Array {
  assertForwardInputs(x, numTokens, routing, params);
  const { numExperts, hidden, ffn } = params;
  const k = routing.k;
  const gate = new Float64Array(numTokens * numExperts);
  for (let s = 0; s < routing.experts.length; s++) {
    const e = routing.experts[s];
    if (e === -1) continue;
    if (e < -1 || e >= numExperts) {
      throw new RangeError(`experts[${s}] = ${e} is not -1 (dropped) or an expert id in [0, ${numExperts - 1}]`);
    }
    gate[Math.floor(s / k) * numExperts + e] += routing.weights[s];
  }
  const acc = new Float64Array(numTokens * hidden);
  const h = new Float64Array(ffn);
  const y = new Float64Array(hidden);
  for (let t = 0; t < numTokens; t++) {
    for (let e = 0; e < numExperts; e++) {
      runExpertFfn(x, t, e, params, activation, h, y);
      const g = gate[t * numExperts + e];
      for (let j = 0; j < hidden; j++) acc[t * hidden + j] += g * y[j];
    }
  }
  return new Float32Array(acc);
}

/** Sizes for activeParameters. */
export interface MoeSizes {
  hidden: number;
  ffn: number;
  /** Routed experts E (the router scores these). */
  numExperts: number;
  /** Routed experts active per token. */
  k: number;
  /** Always-on shared experts (DeepSeekMoE); default 0. */
  numShared?: number;
  /** Count b1, b2 as in ExpertParams; default true. */
  includeBiases?: boolean;
}

/** Parameter counts of one MoE layer (expert FFNs + router). */
export interface MoeParameterCounts {
  /** Every parameter stored. */
  total: number;
  /** Parameters touched by one token: router + (k + numShared) experts. */
  active: number;
  /** One expert FFN: 2·H·F (+ F + H with biases). */
  perExpert: number;
  /** Router / gate: H·E (no bias). */
  router: number;
}

/**
 * Parameter counts for the layer modelled by this file:
 *   perExpert = 2·H·F + (F + H if biases)
 *   router    = H·E
 *   total     = (E + numShared) · perExpert + router
 *   active    = (k + numShared) · perExpert + router
 * (SwiGLU experts as in Mixtral have three H×F matrices; this two-matrix FFN
 * matches moeForwardReference.)
 */
export function activeParameters(sizes: MoeSizes): MoeParameterCounts {
  const { hidden, ffn, numExperts, k } = sizes;
  const numShared = sizes.numShared ?? 0;
  assertInteger('hidden', hidden, 1);
  assertInteger('ffn', ffn, 1);
  assertInteger('numExperts', numExperts, 1);
  assertInteger('k', k, 1);
  if (k > numExperts) {
    throw new RangeError(`k = ${k} exceeds numExperts = ${numExperts}; a token cannot pick more experts than exist`);
  }
  assertInteger('numShared', numShared, 0);
  const perExpert = 2 * hidden * ffn + (sizes.includeBiases === false ? 0 : ffn + hidden);
  const router = hidden * numExperts;
  return {
    total: (numExperts + numShared) * perExpert + router,
    active: (k + numShared) * perExpert + router,
    perExpert,
    router,
  };
}
