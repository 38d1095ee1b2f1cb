/**
 * Routing statistics of a language model on real text (pure): which experts each character class
 * uses, how often consecutive tokens pick the same expert, and what a capacity limit would drop.
 *
 * Inputs are what a forward pass records per Mixtral layer: chosen [n, k] (best first, −1 =
 * dropped), router logits [n, E]. A text may be several forward passes (windows): `windows` gives
 * each pass's length, so consecutive pairs never straddle two passes and a capacity applies per
 * pass, as it would in a batch.
 */
import { coefficientOfVariation, loadBalancingLoss, routerZLoss } from '../moe/routing';
import { type LayerRouting, routeLayer, softmaxRows64, trainedRouting } from './routing';

/**
 * Character classes (overlapping: a vowel is also a lower- or upper-case letter):
 *   lower  Unicode lower-case letters (\p{Ll});  vowel a e i o u in either case;
 *   upper  upper-case letters (\p{Lu});  digit  decimal digits (\p{Nd});
 *   space  white space (space, newline);  punct  everything else (punctuation, symbols).
 */
export const CHAR_CLASSES = ['lower', 'vowel', 'upper', 'digit', 'space', 'punct'] as const;
export type CharClass = (typeof CHAR_CLASSES)[number];

export function charClassesOf(ch: string): CharClass[] {
  const out: CharClass[] = [];
  if (/^\p{Ll}$/u.test(ch)) out.push('lower');
  if (/^[aeiou]$/i.test(ch)) out.push('vowel');
  if (/^\p{Lu}$/u.test(ch)) out.push('upper');
  if (/^\p{Nd}$/u.test(ch)) out.push('digit');
  if (/^\s$/u.test(ch)) out.push('space');
  if (/^[^\p{L}\p{Nd}\s]$/u.test(ch)) out.push('punct');
  return out;
}

export interface ClassUsage {
  cls: CharClass | 'all';
  /** Characters of the class. */
  count: number;
  /** share[e]: fraction of the class's routed slots that went to expert e (sums to 1 when count > 0). */
  share: Float64Array;
}

/** Expert usage per character class for one layer: chars [n], chosen [n, k]. The last row is every character. */
export function classUsage(chars: readonly string[], chosen: ArrayLike<number>, k: number, numExperts: number): ClassUsage[] {
  const rows = new Map<CharClass | 'all', { count: number; slots: Float64Array }>();
  for (const c of [...CHAR_CLASSES, 'all' as const]) rows.set(c, { count: 0, slots: new Float64Array(numExperts) });
  chars.forEach((ch, t) => {
    for (const c of [...charClassesOf(ch), 'all' as const]) {
      const row = rows.get(c)!;
      row.count++;
      for (let j = 0; j < k; j++) {
        const e = chosen[t * k + j];
        if (e >= 0) row.slots[e]++;
      }
    }
  });
  return [...rows.entries()].map(([cls, { count, slots }]) => {
    const total = slots.reduce((a, b) => a + b, 0);
    return { cls, count, share: total > 0 ? slots.map((v) => v / total) : slots };
  });
}

/** Number of k-subsets of E: C(E, k). */
function binomial(E: number, k: number): number {
  if (k < 0 || k > E) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (E - k + i)) / i;
  return r;
}

export interface ConsecutiveStats {
  /** Pairs (t, t+1) inside one pass. */
  pairs: number;
  /** Share of pairs whose first choice is the same expert (Mixtral paper, Table 5 "first choice"). */
  first: number;
  /** Share of pairs whose chosen sets share an expert ("first or second choice"). */
  either: number;
  /** The same two shares if each token's choice were drawn independently from this layer's own choices (same loads). */
  firstShuffled: number;
  eitherShuffled: number;
  /** The same two shares for uniform random routing: 1/E and 1 − C(E−k, k)/C(E, k). */
  firstUniform: number;
  eitherUniform: number;
}

/**
 * Consecutive-token expert repetition for one layer (Jiang et al. 2024, "Mixtral of Experts",
 * §5 and Table 5): first = P(e¹_{t+1} = e¹_t); either = P(S_{t+1} ∩ S_t ≠ ∅) with S_t the k
 * chosen experts. The random baseline with the same loads treats tokens as independent draws
 * from the layer's observed choices: for first choices with shares p_e it is Σ_e p_e², for the
 * sets with shares q_A it is Σ_{A,B} q_A q_B [A ∩ B ≠ ∅]. With uniform loads these are 1/E and
 * 1 − C(E−k, k)/C(E, k) (12.5% and 46.4% for top-2 of 8, the paper's random figures).
 * Dropped slots (−1) are ignored.
 */
export function consecutiveStats(chosen: ArrayLike<number>, windows: readonly number[], k: number, numExperts: number): ConsecutiveStats {
  const E = numExperts;
  const n = windows.reduce((a, b) => a + b, 0);
  const firstShare = new Float64Array(E);
  const sets = new Map<number, number>(); // bit mask of S_t → count
  const maskOf = (t: number) => {
    let m = 0;
    for (let j = 0; j < k; j++) if (chosen[t * k + j] >= 0) m |= 1 << chosen[t * k + j];
    return m;
  };
  for (let t = 0; t < n; t++) {
    if (chosen[t * k] >= 0) firstShare[chosen[t * k]]++;
    const m = maskOf(t);
    sets.set(m, (sets.get(m) ?? 0) + 1);
  }
  let pairs = 0;
  let sameFirst = 0;
  let overlap = 0;
  let start = 0;
  for (const len of windows) {
    for (let t = start; t + 1 < start + len; t++) {
      pairs++;
      if (chosen[t * k] >= 0 && chosen[t * k] === chosen[(t + 1) * k]) sameFirst++;
      if ((maskOf(t) & maskOf(t + 1)) !== 0) overlap++;
    }
    start += len;
  }
  let firstShuffled = 0;
  const firstTotal = firstShare.reduce((a, b) => a + b, 0);
  for (let e = 0; e < E; e++) firstShuffled += (firstShare[e] / Math.max(1, firstTotal)) ** 2;
  let eitherShuffled = 0;
  for (const [a, ca] of sets) for (const [b, cb] of sets) if ((a & b) !== 0) eitherShuffled += (ca / n) * (cb / n);
  return {
    pairs,
    first: pairs > 0 ? sameFirst / pairs : 0,
    either: pairs > 0 ? overlap / pairs : 0,
    firstShuffled,
    eitherShuffled,
    firstUniform: 1 / E,
    eitherUniform: 1 - binomial(E - k, k) / binomial(E, k),
  };
}

export interface CapacityStats {
  /** Capacity per pass (one value per window). */
  capacities: number[];
  /** Slots each expert was chosen for, over all passes, [E]. */
  demand: Int32Array;
  /** Slots dropped per expert, [E]. */
  drops: Int32Array;
  dropped: number;
  /** Slots in all (n · k). */
  slots: number;
  /** Tokens all of whose slots were dropped (they pass on the residual only). */
  tokensFullyDropped: number;
  /** CV = σ/μ of `demand`. */
  loadCv: number;
  /** Hugging Face Mixtral load_balancing_loss_func (no coefficient): E · Σ f_e P_e; its minimum is k. */
  auxLoss: number;
  /** ST-MoE router z-loss (no coefficient). */
  zLoss: number;
}

/**
 * What a capacity factor would do to the trained routing of one layer, per pass: routing by
 * lib/lm/routing.ts with C = ⌈k · cf · n_w / E⌉ (GShard order), plus the balance measures of the
 * whole text. logits [n, E] (float32 as recorded).
 */
export function capacityStats(
  logits: Float32Array,
  windows: readonly number[],
  k: number,
  numExperts: number,
  capacityFactor: number,
): CapacityStats {
  const E = numExperts;
  const n = windows.reduce((a, b) => a + b, 0);
  const demand = new Int32Array(E);
  const drops = new Int32Array(E);
  const capacities: number[] = [];
  let dropped = 0;
  let tokensFullyDropped = 0;
  let start = 0;
  for (const len of windows) {
    const probs = softmaxRows64(logits.subarray(start * E, (start + len) * E), len, E);
    const r: LayerRouting = routeLayer(probs, len, E, { ...trainedRouting(k), capacityFactor }, 0);
    capacities.push(r.capacity ?? 0);
    for (let e = 0; e < E; e++) {
      demand[e] += r.demand[e];
      drops[e] += r.demand[e] - r.load[e];
    }
    dropped += r.dropped;
    for (let t = 0; t < len; t++) {
      let any = false;
      for (let j = 0; j < k; j++) if (r.chosen[t * k + j] >= 0) any = true;
      if (!any) tokensFullyDropped++;
    }
    start += len;
  }
  return {
    capacities,
    demand,
    drops,
    dropped,
    slots: n * k,
    tokensFullyDropped,
    loadCv: coefficientOfVariation(demand),
    auxLoss: loadBalancingLoss(logits.subarray(0, n * E), n, E, k),
    zLoss: routerZLoss(logits.subarray(0, n * E), n, E),
  };
}
