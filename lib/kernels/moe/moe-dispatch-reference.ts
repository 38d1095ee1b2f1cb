/**
 * Pure TypeScript twins of the MoE dispatch kernels, step by step, with the same inputs and
 * outputs as the programs (moe-matmul-program.ts, moe-topk-program.ts, moe-sort-program.ts,
 * moe-combine-program.ts). The end-to-end twin is lib/moe/dispatch.ts moeForwardReference.
 *
 * One MoE layer (all flat, row-major):
 *   x [T, H], router W_g [H, E], W1 [E, H, F], b1 [E, F], W2 [E, F, H], b2 [E, H]
 *   logits = x · W_g;  (experts, weights) = top-k(logits) per token;  FFN_e(x) = act(x W1_e + b1_e) W2_e + b2_e
 *   out_t = Σ_j w_t,j · FFN_{e_t,j}(x_t)
 */
import { type Activation, countingSortByExpert, moeForwardReference } from '../../moe/dispatch';
import { sourceRouting, topKRouting } from '../../moe/routing';
import { mulberry32, normalArray } from '../../random';
import type { MatmulActivation, RowSource } from './moe-matmul-program';
import type { WeightMode } from './moe-topk-program';

export interface MoeLayer {
  numTokens: number;
  hidden: number;
  ffn: number;
  numExperts: number;
  k: number;
  activation: Activation;
  weightMode: WeightMode;
  /** [T, H] */
  x: Float32Array;
  /** [H, E] */
  router: Float32Array;
  /** [E, H, F] */
  w1: Float32Array;
  /** [E, F] */
  b1: Float32Array;
  /** [E, F, H] */
  w2: Float32Array;
  /** [E, H] */
  b2: Float32Array;
}

export interface SyntheticLayerSizes {
  numTokens: number;
  hidden: number;
  ffn: number;
  numExperts: number;
  k: number;
  activation?: Activation;
  weightMode?: WeightMode;
  /** Fraction of tokens pushed towards expert 0 (0 … 1). */
  skew?: number;
}

/**
 * A seeded random layer: x ~ N(0, 1), W_g ~ N(0, 1/H), W1 ~ N(0, 1/H), W2 ~ N(0, 1/F),
 * biases ~ N(0, 0.1²), so every stage has values of order 1. With skew s, a random
 * ⌈s·T⌉ tokens get 8·ŵ added, ŵ = W_g[:, 0] / |W_g[:, 0]|, which raises their expert-0
 * logit by 8|W_g[:, 0]| ≈ 8 and leaves the others nearly unchanged: those tokens pick
 * expert 0 (check the realised load with the reference routing).
 */
export function makeSyntheticLayer(s: SyntheticLayerSizes, seed: number): MoeLayer {
  const { numTokens: T, hidden: H, ffn: F, numExperts: E } = s;
  const x = normalArray(T * H, seed * 7 + 1);
  const router = normalArray(H * E, seed * 7 + 2, 1 / Math.sqrt(H));
  const w1 = normalArray(E * H * F, seed * 7 + 3, 1 / Math.sqrt(H));
  const b1 = normalArray(E * F, seed * 7 + 4, 0.1);
  const w2 = normalArray(E * F * H, seed * 7 + 5, 1 / Math.sqrt(F));
  const b2 = normalArray(E * H, seed * 7 + 6, 0.1);
  const skew = s.skew ?? 0;
  if (skew > 0) {
    let norm = 0;
    for (let i = 0; i < H; i++) norm += router[i * E] ** 2;
    norm = Math.sqrt(norm) || 1;
    const rand = mulberry32(seed * 7 + 7);
    const target = Math.ceil(skew * T);
    // choose `target` tokens uniformly: a partial Fisher–Yates over token ids
    const ids = Int32Array.from({ length: T }, (_, i) => i);
    for (let i = 0; i < target; i++) {
      const j = i + Math.floor(rand() * (T - i));
      [ids[i], ids[j]] = [ids[j], ids[i]];
      const t = ids[i];
      for (let h = 0; h < H; h++) x[t * H + h] += (8 * router[h * E]) / norm;
    }
  }
  return {
    numTokens: T,
    hidden: H,
    ffn: F,
    numExperts: E,
    k: s.k,
    activation: s.activation ?? 'gelu',
    weightMode: s.weightMode ?? 'mixtral',
    x,
    router,
    w1,
    b1,
    w2,
    b2,
  };
}

/** logits [T, E] = x [T, H] · W_g [H, E] (float64 accumulation). */
export function routerLogitsReference(
  x: Float32Array,
  numTokens: number,
  hidden: number,
  router: Float32Array,
  numExperts: number,
): Float32Array {
  const out = new Float32Array(numTokens * numExperts);
  for (let t = 0; t < numTokens; t++) {
    for (let e = 0; e < numExperts; e++) {
      let acc = 0;
      for (let h = 0; h < hidden; h++) acc += x[t * hidden + h] * router[h * numExperts + e];
      out[t * numExperts + e] = acc;
    }
  }
  return out;
}

/** The top-k program's twin: lib/moe/routing.ts topKRouting (mixtral / gshard) or sourceRouting. */
export function topKReference(
  logits: Float32Array,
  numTokens: number,
  numExperts: number,
  k: number,
  mode: WeightMode,
): { experts: Int32Array; weights: Float32Array } {
  if (mode === 'source') return sourceRouting(logits, numTokens, numExperts, k);
  return topKRouting(logits, numTokens, numExperts, k, mode === 'mixtral');
}

/** offsets [E + 1] of the slots sorted by expert (MoeExpertOffsetsProgram's twin). */
export function expertOffsetsReference(experts: Int32Array, numTokens: number, k: number, numExperts: number): Int32Array {
  return countingSortByExpert(experts, numTokens, k, numExperts).offsets;
}

/**
 * MoeCountingSortProgram's twin, grouped layout: [perm (S rows) | position (S)], rows past
 * the kept slots and dropped slots hold −1.
 */
export function countingSortReference(experts: Int32Array, numTokens: number, k: number, numExperts: number): Int32Array {
  const S = numTokens * k;
  const { order } = countingSortByExpert(experts, numTokens, k, numExperts);
  const out = new Int32Array(2 * S).fill(-1);
  for (let p = 0; p < order.length; p++) {
    out[p] = order[p];
    out[S + order[p]] = p;
  }
  return out;
}

export interface GroupedMatmulArgs {
  /** [aRows, inDim] */
  a: Float32Array;
  aRows: number;
  /** [G, inDim, outDim] */
  w: Float32Array;
  /** [G, outDim] or null */
  bias: Float32Array | null;
  /** [G + 1] */
  offsets: Int32Array;
  /** Slots by row (for 'gather'): a packed perm buffer; rows read perm[p]. */
  perm: Int32Array | null;
  rows: number;
  inDim: number;
  outDim: number;
  slotsPerToken: number;
  rowSource: RowSource;
  activation: MatmulActivation;
}

function activate(v: number, activation: MatmulActivation): number {
  if (activation === 'relu') return v > 0 ? v : 0;
  if (activation === 'gelu') return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
  return v;
}

/** MoeGroupedMatmulProgram's twin (same segment, gather and activation rules). */
export function groupedMatmulReference(g: GroupedMatmulArgs): Float32Array {
  const out = new Float32Array(g.rows * g.outDim);
  const G = g.offsets.length - 1;
  const acc = new Float64Array(g.outDim);
  for (let grp = 0; grp < G; grp++) {
    for (let p = g.offsets[grp]; p < Math.min(g.offsets[grp + 1], g.rows); p++) {
      let src = p;
      if (g.rowSource === 'gather') {
        const slot = g.perm ? g.perm[p] : -1;
        src = slot < 0 ? -1 : Math.floor(slot / g.slotsPerToken);
      } else if (g.rowSource === 'broadcast') src = p % g.aRows;
      for (let c = 0; c < g.outDim; c++) acc[c] = g.bias ? g.bias[grp * g.outDim + c] : 0;
      if (src >= 0) {
        for (let i = 0; i < g.inDim; i++) {
          const ai = g.a[src * g.inDim + i];
          const wRow = (grp * g.inDim + i) * g.outDim;
          for (let c = 0; c < g.outDim; c++) acc[c] += ai * g.w[wRow + c];
        }
      }
      for (let c = 0; c < g.outDim; c++) out[p * g.outDim + c] = activate(acc[c], g.activation);
    }
  }
  return out;
}

/** MoeCombineProgram's twin: out[t, h] = Σ_j w[t·k+j] · y[position[t·k+j], h]. */
export function combineReference(
  y: Float32Array,
  weights: Float32Array,
  perm: Int32Array,
  rows: number,
  numTokens: number,
  hidden: number,
  k: number,
): Float32Array {
  const out = new Float32Array(numTokens * hidden);
  for (let t = 0; t < numTokens; t++) {
    for (let h = 0; h < hidden; h++) {
      let acc = 0;
      for (let j = 0; j < k; j++) {
        const p = perm[rows + t * k + j];
        if (p >= 0) acc += weights[t * k + j] * y[p * hidden + h];
      }
      out[t * hidden + h] = acc;
    }
  }
  return out;
}

/** End-to-end twin of the dispatch path: routing by topKReference, then moeForwardReference. */
export function moeDispatchReference(
  layer: MoeLayer,
  logits?: Float32Array,
): { logits: Float32Array; experts: Int32Array; weights: Float32Array; out: Float32Array } {
  const l = logits ?? routerLogitsReference(layer.x, layer.numTokens, layer.hidden, layer.router, layer.numExperts);
  const { experts, weights } = topKReference(l, layer.numTokens, layer.numExperts, layer.k, layer.weightMode);
  const out = moeForwardReference(layer.x, layer.numTokens, { experts, weights, k: layer.k }, expertParamsOfLayer(layer), layer.activation);
  return { logits: l, experts, weights, out };
}

export function expertParamsOfLayer(layer: MoeLayer) {
  return { numExperts: layer.numExperts, hidden: layer.hidden, ffn: layer.ffn, w1: layer.w1, b1: layer.b1, w2: layer.w2, b2: layer.b2 };
}

/** a [S, F] = silu(g) ⊙ u for rows gu [S, 2F] = [g | u] (float32 like the GPU step). */
export function swigluRows(gu: Float32Array, rows: number, ffn: number): Float32Array {
  const out = new Float32Array(rows * ffn);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < ffn; c++) {
      const g = gu[r * 2 * ffn + c];
      out[r * ffn + c] = (g / (1 + Math.exp(-g))) * gu[r * 2 * ffn + ffn + c];
    }
  }
  return out;
}
