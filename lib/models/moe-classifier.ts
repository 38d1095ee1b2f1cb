/**
 * A small mixture-of-experts classifier of MNIST digits, pure TypeScript forward pass
 * (Node and browser; training is in moe-train.ts with tfjs).
 *
 * Tokens: each 28 × 28 digit is cut into a 4 × 4 grid of 7 × 7 patches, giving
 * P = 16 tokens of 49 pixels (patch p = 4·pr + pc covers rows 7pr … 7pr+6, columns
 * 7pc … 7pc+6; inside, pixel (i, j) sits at 7i + j), as a Vision Transformer does
 * (Dosovitskiy et al. 2021) with tiny patches. Patches rather than row strips because
 * a patch's content and position differ a lot between strokes, so experts can specialise.
 *
 * Shapes (x·W convention: every weight is [in, out], row-major):
 *   patches  X   [N·16, 49]
 *   embed    u_t = X_t · W_emb + b_emb + pos_{t mod 16}          W_emb [49, H], b_emb [H], pos [16, H]
 *   router   l_t = u_t · W_g                                     W_g [H, E] (no bias, as Mixtral)
 *   routing  slots (e_t,j, w_t,j) from lib/moe/variants.ts routeTokens (default: Mixtral top-k)
 *   experts  FFN_e(u) = ReLU(u · W1_e + b1_e) · W2_e + b2_e     W1 [E', H, F], W2 [E', F, H]
 *            (E' = numShared + E: ids 0..m−1 are shared experts, m.. the routed ones)
 *   MoE      y_t = u_t + Σ_j w_t,j · FFN_{e_t,j}(u_t)             (residual: dropped slots pass u_t)
 *   pool     z_n = (1/16) Σ_{t ∈ digit n} y_t                     [N, H]
 *   head     logits_n = z_n · W_c + b_c                           W_c [H, 10]
 */
import { MNIST_CLASSES, MNIST_COLS, MNIST_PIXELS } from '../data/mnist';
import { type ExpertParams, moeForwardReference } from '../moe/dispatch';
import { type RoutingSettings, type VariantRouting, routeTokens } from '../moe/variants';

export const PATCH_SIZE = 7;
/** Non-overlapping patches: stride = size. */
export const PATCH_STRIDE = 7;
export const PATCHES_PER_SIDE = (MNIST_COLS - PATCH_SIZE) / PATCH_STRIDE + 1;
/** P = 16 tokens per digit. */
export const TOKENS_PER_DIGIT = PATCHES_PER_SIDE * PATCHES_PER_SIDE;
/** 7 · 7 = 49 pixels per token. */
export const PATCH_DIM = PATCH_SIZE * PATCH_SIZE;

export interface MoeClassifierConfig {
  hidden: number;
  ffn: number;
  /** Routed experts E. */
  numExperts: number;
  /** Always-on shared experts m (0 unless trained with the shared variant). */
  numShared: number;
}

export interface MoeClassifierWeights {
  config: MoeClassifierConfig;
  /** [49, H] */
  embedW: Float32Array;
  /** [H] */
  embedB: Float32Array;
  /** [16, H] */
  pos: Float32Array;
  /** [H, E] */
  router: Float32Array;
  /** [m + E, H, F] */
  w1: Float32Array;
  /** [m + E, F] */
  b1: Float32Array;
  /** [m + E, F, H] */
  w2: Float32Array;
  /** [m + E, H] */
  b2: Float32Array;
  /** [H, 10] */
  headW: Float32Array;
  /** [10] */
  headB: Float32Array;
}

/** Tensor names, shapes and order of the weights file (see moe-format.ts). */
export function weightShapes(c: MoeClassifierConfig): { name: keyof Omit<MoeClassifierWeights, 'config'>; shape: number[] }[] {
  const all = c.numShared + c.numExperts;
  return [
    { name: 'embedW', shape: [PATCH_DIM, c.hidden] },
    { name: 'embedB', shape: [c.hidden] },
    { name: 'pos', shape: [TOKENS_PER_DIGIT, c.hidden] },
    { name: 'router', shape: [c.hidden, c.numExperts] },
    { name: 'w1', shape: [all, c.hidden, c.ffn] },
    { name: 'b1', shape: [all, c.ffn] },
    { name: 'w2', shape: [all, c.ffn, c.hidden] },
    { name: 'b2', shape: [all, c.hidden] },
    { name: 'headW', shape: [c.hidden, MNIST_CLASSES] },
    { name: 'headB', shape: [MNIST_CLASSES] },
  ];
}

/** Number of stored parameters. */
export function countClassifierParameters(c: MoeClassifierConfig): number {
  return weightShapes(c).reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
}

/** Throws unless every array has the size its config implies. */
export function validateClassifier(w: MoeClassifierWeights): void {
  const c = w.config;
  for (const [name, value] of Object.entries(c)) {
    const min = name === 'numShared' ? 0 : 1;
    if (!Number.isInteger(value) || value < min) throw new RangeError(`config.${name} = ${String(value)} must be an integer >= ${min}`);
  }
  for (const { name, shape } of weightShapes(c)) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (w[name].length !== n) throw new RangeError(`${name} has ${w[name].length} values, expected ${shape.join('×')} = ${n}`);
  }
}

/**
 * Cuts digits [count, 784] into patches [count·16, 49] (token-major, 16 per digit,
 * patch p = 4·pr + pc, pixel 7i + j inside).
 */
export function patchifyDigits(images: Float32Array, count: number): Float32Array {
  if (images.length < count * MNIST_PIXELS) throw new RangeError(`${images.length} pixels for ${count} digits`);
  const out = new Float32Array(count * TOKENS_PER_DIGIT * PATCH_DIM);
  let o = 0;
  for (let n = 0; n < count; n++) {
    const base = n * MNIST_PIXELS;
    for (let pr = 0; pr < PATCHES_PER_SIDE; pr++) {
      for (let pc = 0; pc < PATCHES_PER_SIDE; pc++) {
        for (let i = 0; i < PATCH_SIZE; i++) {
          const row = base + (pr * PATCH_STRIDE + i) * MNIST_COLS + pc * PATCH_STRIDE;
          for (let j = 0; j < PATCH_SIZE; j++) out[o++] = images[row + j];
        }
      }
    }
  }
  return out;
}

/** y [n, out] = x [n, in] · W [in, out] (+ b [out]); float64 accumulation, rows skip zero inputs. */
export function linear(
  x: ArrayLike<number>,
  n: number,
  inDim: number,
  w: ArrayLike<number>,
  outDim: number,
  b?: ArrayLike<number>,
): Float32Array {
  const y = new Float32Array(n * outDim);
  const acc = new Float64Array(outDim);
  for (let r = 0; r < n; r++) {
    if (b) for (let o = 0; o < outDim; o++) acc[o] = b[o];
    else acc.fill(0);
    for (let i = 0; i < inDim; i++) {
      const xi = x[r * inDim + i];
      if (xi === 0) continue;
      const wRow = i * outDim;
      for (let o = 0; o < outDim; o++) acc[o] += xi * w[wRow + o];
    }
    for (let o = 0; o < outDim; o++) y[r * outDim + o] = acc[o];
  }
  return y;
}

/** Token embeddings u [count·16, H] of digits [count, 784]. */
export function embedTokens(w: MoeClassifierWeights, images: Float32Array, count: number): Float32Array {
  const H = w.config.hidden;
  const u = linear(patchifyDigits(images, count), count * TOKENS_PER_DIGIT, PATCH_DIM, w.embedW, H, w.embedB);
  for (let t = 0; t < count * TOKENS_PER_DIGIT; t++) {
    const p = (t % TOKENS_PER_DIGIT) * H;
    for (let h = 0; h < H; h++) u[t * H + h] += w.pos[p + h];
  }
  return u;
}

/** Router logits [numTokens, E] = u · W_g. */
export function computeRouterLogits(w: MoeClassifierWeights, u: Float32Array, numTokens: number): Float32Array {
  return linear(u, numTokens, w.config.hidden, w.router, w.config.numExperts);
}

/** The expert FFNs as dispatch.ts ExpertParams (shared experts first). */
export function expertParamsOf(w: MoeClassifierWeights): ExpertParams {
  const c = w.config;
  return { numExperts: c.numShared + c.numExperts, hidden: c.hidden, ffn: c.ffn, w1: w.w1, b1: w.b1, w2: w.w2, b2: w.b2 };
}

export interface ClassifierForward {
  /** [count, 10] */
  logits: Float32Array;
  /** Token embeddings u [count·16, H]. */
  tokens: Float32Array;
  /** [count·16, E] */
  routerLogits: Float32Array;
  routing: VariantRouting;
}

/** Default routing: the model's own training settings, or Mixtral top-k when none are given. */
export function defaultRouting(c: MoeClassifierConfig, k = 2): RoutingSettings {
  return {
    variant: c.numShared > 0 ? 'shared' : 'mixtral',
    numExperts: c.numExperts,
    k: Math.min(k, c.numExperts),
    capacityFactor: 1.25,
    noise: false,
    noiseScale: 1,
    seed: 1,
    numShared: c.numShared,
  };
}

/**
 * Full forward pass of `count` digits with the given routing settings. Routing with
 * numShared ≠ the model's own (shared variant) is adapted: the model's shared experts
 * are always on whatever the variant; a routed variant sees only the routed experts.
 */
export function moeClassifierForward(
  w: MoeClassifierWeights,
  images: Float32Array,
  count: number,
  settings: RoutingSettings,
): ClassifierForward {
  validateClassifier(w);
  const c = w.config;
  const T = count * TOKENS_PER_DIGIT;
  const u = embedTokens(w, images, count);
  const routerLogits = computeRouterLogits(w, u, T);
  const routing = routeTokens(routerLogits, T, { ...settings, numExperts: c.numExperts, numShared: c.numShared });
  const logits = classifyRoutedTokens(w, u, withSharedExperts(routing, T, c.numShared), 0, count);
  return { logits, tokens: u, routerLogits, routing };
}

/**
 * Class logits [count, 10] of digits start … start+count−1, given the token embeddings u of
 * ALL digits [N·16, H] and a routing of ALL their tokens in the model's id space (so
 * capacity-limited variants see the whole batch, as in one forward pass).
 */
export function classifyRoutedTokens(
  w: MoeClassifierWeights,
  u: Float32Array,
  routing: VariantRouting,
  start: number,
  count: number,
): Float32Array {
  const c = w.config;
  const H = c.hidden;
  const S = routing.slotsPerToken;
  const t0 = start * TOKENS_PER_DIGIT;
  const T = count * TOKENS_PER_DIGIT;
  const uPart = u.subarray(t0 * H, (t0 + T) * H);
  const slots = { experts: routing.experts.subarray(t0 * S, (t0 + T) * S), weights: routing.weights.subarray(t0 * S, (t0 + T) * S), k: S };
  const moe = moeForwardReference(uPart, T, slots, expertParamsOf(w), 'relu');
  const pooled = new Float32Array(count * H);
  for (let t = 0; t < T; t++) {
    const n = Math.floor(t / TOKENS_PER_DIGIT);
    for (let h = 0; h < H; h++) pooled[n * H + h] += (uPart[t * H + h] + moe[t * H + h]) / TOKENS_PER_DIGIT;
  }
  return linear(pooled, count, H, w.headW, MNIST_CLASSES, w.headB);
}

/**
 * Slots in the model's expert id space: for a model with m shared experts and a routing
 * that is not the shared variant, routed ids shift by m and the m shared slots are added.
 */
export function withSharedExperts(r: VariantRouting, numTokens: number, numShared: number): VariantRouting {
  if (numShared === 0 || r.numShared === numShared) return r;
  const S = r.slotsPerToken + numShared;
  const experts = new Int32Array(numTokens * S);
  const weights = new Float32Array(numTokens * S);
  for (let t = 0; t < numTokens; t++) {
    for (let s = 0; s < numShared; s++) {
      experts[t * S + s] = s;
      weights[t * S + s] = 1;
    }
    for (let j = 0; j < r.slotsPerToken; j++) {
      const e = r.experts[t * r.slotsPerToken + j];
      experts[t * S + numShared + j] = e < 0 ? -1 : e + numShared;
      weights[t * S + numShared + j] = r.weights[t * r.slotsPerToken + j];
    }
  }
  return { ...r, experts, weights, slotsPerToken: S, numExpertIds: r.numExpertIds + numShared, numShared };
}

/** Fraction of digits whose argmax logit equals the label. */
export function classifierAccuracy(logits: Float32Array, labels: ArrayLike<number>, count: number): number {
  if (count === 0) return 0;
  let correct = 0;
  for (let n = 0; n < count; n++) {
    let best = 0;
    for (let c = 1; c < MNIST_CLASSES; c++) if (logits[n * MNIST_CLASSES + c] > logits[n * MNIST_CLASSES + best]) best = c;
    if (best === labels[n]) correct++;
  }
  return correct / count;
}
