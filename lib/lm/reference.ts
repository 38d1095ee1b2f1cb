/**
 * The reference twin of every fast path: a plain float64 forward pass of LlamaForCausalLM /
 * MixtralForCausalLM, written term by term after Hugging Face transformers (modeling_llama.py,
 * modeling_mixtral.py). Slow and obviously right; tests hold the tfjs path and the WGSL kernels
 * to it, and it is held to the logits PyTorch computed at training time (golden.safetensors).
 *
 * Per layer, for positions t = 0 … n−1 (hidden size H, head dim d, heads h, KV heads g):
 *   x  = RMSNorm(h_t)                 x_i · w_i / sqrt(mean(x²) + eps)
 *   q, k, v = Wq x, Wk x, Wv x        [h·d], [g·d], [g·d]
 *   RoPE on q and k at position t:    θ_i = t · base^(−2i/d), i < d/2, in float32 as transformers
 *                                     computes them; (a, b) → (a cos θ − b sin θ, b cos θ + a sin θ)
 *                                     for the pair (i, i + d/2) (rotate_half, not interleaved)
 *   head j reads KV head ⌊j / (h/g)⌋; p = softmax over keys k ≤ t with allowed(t, k) of q·k/√d;
 *                                     a query with no allowed key outputs zeros (as FlexAttention)
 *   h_t += Wo [p·v per head]
 *   y = RMSNorm(h_t); h_t += down(silu(gate y) ⊙ up y)          Llama
 *                     h_t += Σ_{e ∈ top-k} (p_e / Σ p) · expert_e(y),  p = softmax(router y)   Mixtral
 *                     (another routing at inference: options.routing, lib/lm/routing.ts; a layer's
 *                     tokens are routed together after its attention, which a capacity needs)
 * logits = lm_head · RMSNorm(h_t).
 */
import { type Checkpoint, type LayerWeights, type SwiGlu, loadCheckpoint } from './checkpoint';
import { LmError } from './errors';
import { applyRope, ropeTables } from './rope';
import { type LayerRouting, type RoutingPolicy, routeLayer, trainedRouting } from './routing';

export { ropeTables } from './rope';
export { loadCheckpoint };
export type { Checkpoint };

/** Which keys a query may attend (besides causality): allowed(query, key), key ≤ query. */
export type AllowedFn = (query: number, key: number) => boolean;

export interface ForwardOptions {
  allowed?: AllowedFn;
  /** Keep every layer's attention probabilities: attention[layer][head] is n × n, row = query. */
  attention?: boolean;
  /** Keep every Mixtral layer's routing: router[layer] is n × E probabilities (before top-k). */
  router?: boolean;
  /** Keep every layer's attention inputs: q[layer] n × (h·d) and k[layer] n × (g·d) after RoPE, v[layer] n × (g·d). */
  qkv?: boolean;
  /** Mixtral: route by this policy instead of the trained top-k (lib/lm/routing.ts). */
  routing?: RoutingPolicy;
  /** Mixtral: keep each layer's MoE input y = RMSNorm(h) after attention, n × H. */
  moeInputs?: boolean;
}

export interface ForwardResult {
  /** n × V logits, row-major. */
  logits: Float64Array;
  attention: Float64Array[][] | null;
  router: Float64Array[] | null;
  /** Mixtral: the chosen experts per layer, n × k, best first (−1: dropped by a capacity). */
  chosen: Int32Array[] | null;
  /** With opts.qkv: per layer, row-major as described in ForwardOptions. */
  qkv: { q: Float64Array; k: Float64Array; v: Float64Array }[] | null;
  /** Mixtral, with `router`: each layer's router logits, n × E. */
  routerLogits: Float64Array[] | null;
  /** Mixtral: each layer's routing (weights, demand, load, drops). */
  routing: LayerRouting[] | null;
  /** Mixtral, with `moeInputs`: each layer's MoE input, n × H. */
  moeInputs: Float64Array[] | null;
}

/** y = W x for W [out, in] (row-major) and x of length in. */
function linear(W: Float32Array, x: Float64Array, out: number, inDim: number): Float64Array {
  const y = new Float64Array(out);
  for (let o = 0; o < out; o++) {
    let s = 0;
    const row = o * inDim;
    for (let i = 0; i < inDim; i++) s += W[row + i] * x[i];
    y[o] = s;
  }
  return y;
}

function rmsNorm(x: Float64Array, w: Float32Array, eps: number): Float64Array {
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += x[i] * x[i];
  const r = 1 / Math.sqrt(ss / x.length + eps);
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] * r * w[i];
  return y;
}

function swiGlu(m: SwiGlu, x: Float64Array, hidden: number, inter: number): Float64Array {
  const g = linear(m.gate, x, inter, hidden);
  const u = linear(m.up, x, inter, hidden);
  for (let i = 0; i < inter; i++) g[i] = (g[i] / (1 + Math.exp(-g[i]))) * u[i];
  return linear(m.down, g, hidden, inter);
}

/** Mixtral's router for one token: logits = W_router y [E] and p = softmax(logits). */
function routerOf(moe: NonNullable<LayerWeights['moe']>, y: Float64Array, hidden: number): { logits: Float64Array; probs: Float64Array } {
  const logits = linear(moe.router, y, moe.experts.length, hidden);
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  const probs = logits.map((l) => Math.exp(l - max));
  const z = probs.reduce((a, b) => a + b, 0);
  for (let e = 0; e < probs.length; e++) probs[e] /= z;
  return { logits, probs };
}

/**
 * Mixtral's sparse MoE block for one token with a given routing: Σ_j w_j · expert_{e_j}(y) over
 * the token's slots (an expert of −1 is a dropped slot and adds nothing).
 */
export function mixExperts(
  moe: NonNullable<LayerWeights['moe']>,
  y: Float64Array,
  chosen: ArrayLike<number>,
  weights: ArrayLike<number>,
  hidden: number,
  inter: number,
): Float64Array {
  const out = new Float64Array(hidden);
  for (let j = 0; j < chosen.length; j++) {
    const e = chosen[j];
    if (e < 0) continue;
    const part = swiGlu(moe.experts[e], y, hidden, inter);
    for (let i = 0; i < hidden; i++) out[i] += weights[j] * part[i];
  }
  return out;
}

/** The whole forward pass over `ids` (positions 0 … n−1). */
export function referenceForward(ckpt: Checkpoint, ids: readonly number[], opts: ForwardOptions = {}): ForwardResult {
  const c = ckpt.config;
  const n = ids.length;
  const H = c.hidden;
  const d = c.headDim;
  const group = c.heads / c.kvHeads;
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id >= c.vocabSize)
      throw new RangeError(`token id ${id} is outside the vocabulary (0 … ${c.vocabSize - 1})`);
  }
  if (n > c.maxPositions)
    throw new LmError('too-long', `${n} tokens exceed the model's context of ${c.maxPositions}.`, { length: n, max: c.maxPositions });
  const { cos, sin } = ropeTables(n, d, c.ropeTheta);
  const hs = ids.map((id) => Float64Array.from(ckpt.embed.subarray(id * H, (id + 1) * H)));
  const attention: Float64Array[][] | null = opts.attention ? [] : null;
  const router: Float64Array[] | null = opts.router && c.arch === 'mixtral' ? [] : null;
  const chosenAll: Int32Array[] | null = c.arch === 'mixtral' ? [] : null;
  const qkvAll: ForwardResult['qkv'] = opts.qkv ? [] : null;
  const routerLogits: Float64Array[] | null = router ? [] : null;
  const routingAll: LayerRouting[] | null = c.arch === 'mixtral' ? [] : null;
  const moeInputs: Float64Array[] | null = opts.moeInputs && c.arch === 'mixtral' ? [] : null;
  const policy = opts.routing ?? trainedRouting(c.topK);
  const scale = 1 / Math.sqrt(d);
  for (const [li, layer] of ckpt.layers.entries()) {
    const qs: Float64Array[] = [];
    const ks: Float64Array[] = [];
    const vs: Float64Array[] = [];
    for (let t = 0; t < n; t++) {
      const x = rmsNorm(hs[t], layer.inputNorm, c.rmsEps);
      const q = linear(layer.q, x, c.heads * d, H);
      const k = linear(layer.k, x, c.kvHeads * d, H);
      applyRope(q, c.heads, d, t, cos, sin);
      applyRope(k, c.kvHeads, d, t, cos, sin);
      qs.push(q);
      ks.push(k);
      vs.push(linear(layer.v, x, c.kvHeads * d, H));
    }
    if (qkvAll) {
      const flat = (rows: Float64Array[], width: number) => {
        const out = new Float64Array(n * width);
        rows.forEach((r, t) => out.set(r, t * width));
        return out;
      };
      qkvAll.push({ q: flat(qs, c.heads * d), k: flat(ks, c.kvHeads * d), v: flat(vs, c.kvHeads * d) });
    }
    const layerProbs = attention ? Array.from({ length: c.heads }, () => new Float64Array(n * n)) : null;
    const layerRouter = router ? new Float64Array(n * c.experts) : null;
    // Mixtral: every token's MoE input and router probabilities, routed together after attention
    const ys: Float64Array[] = [];
    const layerProbsE = layer.moe ? new Float64Array(n * c.experts) : null;
    const layerLogitsE = layer.moe && routerLogits ? new Float64Array(n * c.experts) : null;
    for (let t = 0; t < n; t++) {
      const mixed = new Float64Array(c.heads * d);
      for (let h = 0; h < c.heads; h++) {
        const kvBase = Math.floor(h / group) * d;
        const keys: number[] = [];
        const scores: number[] = [];
        let max = -Infinity;
        for (let k = 0; k <= t; k++) {
          if (opts.allowed && !opts.allowed(t, k)) continue;
          let s = 0;
          for (let i = 0; i < d; i++) s += qs[t][h * d + i] * ks[k][kvBase + i];
          s *= scale;
          keys.push(k);
          scores.push(s);
          max = Math.max(max, s);
        }
        let z = 0;
        for (let j = 0; j < scores.length; j++) z += scores[j] = Math.exp(scores[j] - max);
        for (let j = 0; j < keys.length; j++) {
          const p = scores[j] / z;
          if (layerProbs) layerProbs[h][t * n + keys[j]] = p;
          const v = vs[keys[j]];
          for (let i = 0; i < d; i++) mixed[h * d + i] += p * v[kvBase + i];
        }
      }
      const o = linear(layer.o, mixed, H, c.heads * d);
      for (let i = 0; i < H; i++) hs[t][i] += o[i];
      const y = rmsNorm(hs[t], layer.postNorm, c.rmsEps);
      if (layer.moe) {
        const r = routerOf(layer.moe, y, H);
        ys.push(y);
        layerProbsE!.set(r.probs, t * c.experts);
        layerLogitsE?.set(r.logits, t * c.experts);
      } else {
        const ffn = swiGlu(layer.mlp!, y, H, c.intermediate);
        for (let i = 0; i < H; i++) hs[t][i] += ffn[i];
      }
    }
    if (layer.moe && layerProbsE) {
      const routed = routeLayer(layerProbsE, n, c.experts, policy, li);
      const k = policy.topK;
      for (let t = 0; t < n; t++) {
        const ffn = mixExperts(
          layer.moe,
          ys[t],
          routed.chosen.subarray(t * k, (t + 1) * k),
          routed.weights.subarray(t * k, (t + 1) * k),
          H,
          c.intermediate,
        );
        for (let i = 0; i < H; i++) hs[t][i] += ffn[i];
      }
      layerRouter?.set(layerProbsE);
      if (layerLogitsE) routerLogits!.push(layerLogitsE);
      chosenAll!.push(routed.chosen);
      routingAll!.push(routed);
      if (moeInputs) {
        const flat = new Float64Array(n * H);
        ys.forEach((y, t) => flat.set(y, t * H));
        moeInputs.push(flat);
      }
    }
    if (attention && layerProbs) attention.push(layerProbs);
    if (router && layerRouter) router.push(layerRouter);
  }
  const V = c.vocabSize;
  const logits = new Float64Array(n * V);
  for (let t = 0; t < n; t++) logits.set(linear(ckpt.lmHead, rmsNorm(hs[t], ckpt.norm, c.rmsEps), V, H), t * V);
  return { logits, attention, router, chosen: chosenAll, qkv: qkvAll, routerLogits, routing: routingAll, moeInputs };
}

/** −log softmax(row)[target], in float64. */
export function nllOfRow(logits: ArrayLike<number>, offset: number, size: number, target: number): number {
  let max = -Infinity;
  for (let i = 0; i < size; i++) max = Math.max(max, logits[offset + i]);
  let z = 0;
  for (let i = 0; i < size; i++) z += Math.exp(logits[offset + i] - max);
  return Math.log(z) + max - logits[offset + target];
}

/**
 * Mean negative log-likelihood in nats of ids[t+1] given ids[0..t], over t = 0 … n−2, with query
 * q attending the keys k ≤ q for which allowed(q, k) holds (all of them when absent).
 */
export function meanNll(
  ckpt: Checkpoint,
  ids: number[],
  allowed?: (query: number, key: number) => boolean,
  routing?: RoutingPolicy,
): number {
  if (ids.length < 2) throw new LmError('empty-text', `Scoring needs at least 2 characters, got ${ids.length}.`, { length: ids.length });
  const { logits } = referenceForward(ckpt, ids, { allowed, routing });
  const V = ckpt.config.vocabSize;
  let total = 0;
  for (let t = 0; t + 1 < ids.length; t++) total += nllOfRow(logits, t * V, V, ids[t + 1]);
  return total / (ids.length - 1);
}
