/**
 * Seeded synthetic router inputs for the lab's synthetic mode (sizes beyond MNIST: up to
 * 4,096 tokens and 64 experts).
 *
 *   10 "topics" with centres μ_c ~ N(0, I_H); token t gets topic c_t (uniform, seeded) and
 *   hidden state x_t = μ_{c_t} + 0.75·ε_t, ε_t ~ N(0, I_H)    (so routing has structure to find)
 *   router W_g ~ N(0, 1/H) [H, E];  logits l_t = s · (x_t · W_g) / √2   (s = routerScale)
 *   skew: a seeded random ⌈skew·T⌉ tokens get l_t,0 = max_e l_t,e + 2, so expert 0 is
 *   their top choice (the "60% of tokens on one expert" case).
 * Logits are computed in float64 and stored as float32: a huge routerScale overflows to
 * ±Infinity, which the lab reports as non-finite logits.
 */
import { mulberry32, normalArray } from '../random';

export const SYNTHETIC_TOPICS = 10;

export interface SyntheticTokens {
  numTokens: number;
  hidden: number;
  /** [T, H] */
  x: Float32Array;
  /** Topic per token, [T]. */
  topics: Uint8Array;
}

/** Hidden states and topics for (numTokens, hidden, seed). */
export function makeSyntheticTokens(numTokens: number, hidden: number, seed: number): SyntheticTokens {
  const centres = normalArray(SYNTHETIC_TOPICS * hidden, seed * 31 + 1);
  const noise = normalArray(numTokens * hidden, seed * 31 + 2, 0.75);
  const rand = mulberry32(seed * 31 + 3);
  const topics = new Uint8Array(numTokens);
  const x = new Float32Array(numTokens * hidden);
  for (let t = 0; t < numTokens; t++) {
    const c = Math.min(SYNTHETIC_TOPICS - 1, Math.floor(rand() * SYNTHETIC_TOPICS));
    topics[t] = c;
    for (let h = 0; h < hidden; h++) x[t * hidden + h] = centres[c * hidden + h] + noise[t * hidden + h];
  }
  return { numTokens, hidden, x, topics };
}

/** W_g [H, E] ~ N(0, 1/H), seeded. */
export function makeSyntheticRouter(hidden: number, numExperts: number, seed: number): Float32Array {
  return normalArray(hidden * numExperts, seed * 31 + 4, 1 / Math.sqrt(hidden));
}

/** Router logits [T, E] with scale and skew applied (see the module comment). */
export function computeSyntheticLogits(
  tokens: SyntheticTokens,
  router: Float32Array,
  numExperts: number,
  routerScale: number,
  skew: number,
  seed: number,
): Float32Array {
  const { numTokens: T, hidden: H, x } = tokens;
  const out = new Float32Array(T * numExperts);
  const row = new Float64Array(numExperts);
  const scale = routerScale / Math.SQRT2;
  for (let t = 0; t < T; t++) {
    row.fill(0);
    for (let h = 0; h < H; h++) {
      const xv = x[t * H + h];
      const base = h * numExperts;
      for (let e = 0; e < numExperts; e++) row[e] += xv * router[base + e];
    }
    for (let e = 0; e < numExperts; e++) out[t * numExperts + e] = scale * row[e];
  }
  const forced = skewedTokens(T, skew, seed);
  for (let i = 0; i < forced.length; i++) {
    const r = forced[i] * numExperts;
    let max = out[r];
    for (let e = 1; e < numExperts; e++) max = Math.max(max, out[r + e]);
    out[r] = max + 2;
  }
  return out;
}

/** The ⌈skew·T⌉ tokens forced onto expert 0 (a seeded partial Fisher–Yates draw). */
export function skewedTokens(numTokens: number, skew: number, seed: number): Int32Array {
  const n = Math.min(numTokens, Math.max(0, Math.ceil(skew * numTokens - 1e-9)));
  const ids = Int32Array.from({ length: numTokens }, (_, i) => i);
  const rand = mulberry32(seed * 31 + 5);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (numTokens - i));
    const tmp = ids[i];
    ids[i] = ids[j];
    ids[j] = tmp;
  }
  return ids.slice(0, n);
}
