/**
 * What the MoE lab's pictures need from one routing, computed in one place (pure):
 * the routing itself (variants.ts), load statistics, per-group expert usage and the
 * token × expert heatmap, for tokens labelled with a group (digit class or synthetic topic).
 */
import {
  findNonFiniteLogit,
  gateMatrix,
  routeTokens,
  routingStats,
  type RoutingSettings,
  type RoutingStats,
  type VariantRouting,
} from './variants';

export interface RoutingView {
  numTokens: number;
  routing: VariantRouting;
  stats: RoutingStats;
  /** usage[g·numExpertIds + e]: share of group g's routed slots that went to expert e (rows sum to 1). */
  usage: Float32Array;
  numGroups: number;
  /** Tokens per group in the whole set. */
  groupSizes: Int32Array;
  heatmap: RoutingHeatmap;
  /** Experts a token activates on average (shared included). */
  activePerToken: number;
}

export interface RoutingHeatmap {
  /** Rows = expert ids (shared first), columns = sampled tokens grouped by group. */
  rows: number;
  cols: number;
  /** [rows, cols] gate weight of expert r for token column c. */
  values: Float32Array;
  /** First column of each group, [numGroups + 1]. */
  groupStarts: Int32Array;
  /** Token index of each column. */
  tokens: Int32Array;
}

/**
 * Picks up to `perGroup` tokens of each group, in token order, so the heatmap shows
 * every group equally: the first tokens of group 0, then of group 1, … Within a group the
 * tokens are ordered by `sortKey(t)` when given (stable), e.g. by patch position.
 */
export function sampleTokensByGroup(
  groups: ArrayLike<number>,
  numGroups: number,
  perGroup: number,
  sortKey?: (t: number) => number,
): { tokens: Int32Array; groupStarts: Int32Array } {
  const picked: number[][] = Array.from({ length: numGroups }, () => []);
  for (let t = 0; t < groups.length; t++) {
    const g = groups[t];
    if (picked[g].length < perGroup) picked[g].push(t);
  }
  if (sortKey) for (const list of picked) list.sort((a, b) => sortKey(a) - sortKey(b) || a - b);
  const groupStarts = new Int32Array(numGroups + 1);
  for (let g = 0; g < numGroups; g++) groupStarts[g + 1] = groupStarts[g] + picked[g].length;
  return { tokens: Int32Array.from(picked.flat()), groupStarts };
}

/** Throws a RangeError (with the routing library's message) on bad settings or logits. */
export function buildRoutingView(
  logits: Float32Array,
  numTokens: number,
  groups: ArrayLike<number>,
  numGroups: number,
  settings: RoutingSettings,
  sample: { tokens: Int32Array; groupStarts: Int32Array },
): RoutingView {
  const routing = routeTokens(logits, numTokens, settings);
  const stats = routingStats(logits, numTokens, settings, routing);
  const E = routing.numExpertIds;
  const S = routing.slotsPerToken;
  const usage = new Float32Array(numGroups * E);
  const slotsPerGroup = new Float64Array(numGroups);
  const groupSizes = new Int32Array(numGroups);
  let active = 0;
  for (let t = 0; t < numTokens; t++) {
    const g = groups[t];
    groupSizes[g]++;
    for (let j = 0; j < S; j++) {
      const e = routing.experts[t * S + j];
      if (e < 0) continue;
      usage[g * E + e]++;
      slotsPerGroup[g]++;
      active++;
    }
  }
  for (let g = 0; g < numGroups; g++) {
    if (slotsPerGroup[g] > 0) for (let e = 0; e < E; e++) usage[g * E + e] /= slotsPerGroup[g];
  }
  const cols = sample.tokens.length;
  const values = new Float32Array(E * cols);
  const gate = gateMatrix(routing, numTokens);
  for (let c = 0; c < cols; c++) {
    const t = sample.tokens[c];
    for (let e = 0; e < E; e++) values[e * cols + c] = gate[t * E + e];
  }
  return {
    numTokens,
    routing,
    stats,
    usage,
    numGroups,
    groupSizes,
    heatmap: { rows: E, cols, values, groupStarts: sample.groupStarts, tokens: sample.tokens },
    activePerToken: active / numTokens,
  };
}

export { findNonFiniteLogit };
