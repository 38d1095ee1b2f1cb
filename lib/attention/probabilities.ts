/**
 * Attention probabilities of one head for a region of the matrix, from a real computation
 * on the lab's seeded Q, K (lib/kernels/attention/attention-inputs.ts):
 *   P[i, j] = exp(s_ij - max_j' s_ij') / Σ_j' exp(s_ij' - max)   over the keys j' row i attends
 *   s_ij = q_i · k_j / sqrt(d),  0 where the pattern masks (i, j).
 * Each row is normalised over ALL its attended keys in the whole sequence, even when only
 * the region's columns are kept, so a cropped picture still shows true probabilities.
 * Only attended pairs are computed: a row costs (its attended keys) · d multiply-adds.
 * cropForProbabilities shrinks the region (keeping its centre) until the cost fits a budget.
 */
import { rowBuilder, type RowBuilder } from './row-builder';
import type { Region } from './mask-grid';
import { throwIfProblems, validatePatternParams, type PatternName, type PatternParams } from './params';
import { countRowSegments, createRowSegments, planRows } from './row-segments';

/** Largest side of the probability picture (cells are single pairs, not aggregated). */
export const MAX_PROBABILITY_SIDE = 512;
/** Default multiply-add budget of one probability picture (about 0.1–0.3 s of JavaScript). */
export const PROBABILITY_BUDGET_MACS = 48e6;

export interface ProbabilityCrop {
  region: Region;
  /** True when the region had to shrink (side or cost cap). */
  cropped: boolean;
  /** Estimated multiply-adds of the computation. */
  macs: number;
}

/**
 * The region actually computed: at most `maxSide` a side and about `budget` multiply-adds,
 * centred where `region` is. The cost per row is estimated from three sample rows.
 */
export function cropForProbabilities(
  name: PatternName,
  params: PatternParams,
  region: Region,
  headDim: number,
  budget = PROBABILITY_BUDGET_MACS,
  maxSide = MAX_PROBABILITY_SIDE,
): ProbabilityCrop {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  const scratch = new Uint8Array(n);
  const rowsOf = (r: Region) => [r.row0, Math.floor((r.row0 + r.row1 - 1) / 2), r.row1 - 1];
  const costPerRow = (r: Region) => {
    let total = 0;
    for (const i of rowsOf(r)) {
      plan.writeRow(i, segs);
      total += countRowSegments(segs, scratch);
    }
    return (total / 3) * headDim;
  };
  const side = Math.max(region.row1 - region.row0, region.col1 - region.col0);
  let target = Math.min(side, maxSide);
  const perRow = Math.max(1, costPerRow(region));
  target = Math.max(1, Math.min(target, Math.floor(budget / perRow)));
  if (target >= region.row1 - region.row0 && target >= region.col1 - region.col0) {
    return { region, cropped: false, macs: perRow * (region.row1 - region.row0) };
  }
  const shrink = (a: number, b: number) => {
    const len = Math.min(b - a, target);
    const start = Math.min(n - len, Math.max(0, Math.round((a + b) / 2 - len / 2)));
    return [start, start + len] as const;
  };
  const [row0, row1] = shrink(region.row0, region.row1);
  const [col0, col1] = shrink(region.col0, region.col1);
  const out = { row0, row1, col0, col1 };
  return { region: out, cropped: true, macs: costPerRow(out) * (row1 - row0) };
}

/** [rows, cols] probabilities of the region, row-major, plus the largest one; in chunks of rows (row-builder.ts). */
export type ProbabilityBuilder = RowBuilder<{ values: Float32Array; rows: number; cols: number; max: number }>;

/**
 * Computes P for the region's rows in chunks (see the top). q, k: one head, [seqLen, headDim].
 */
export function createProbabilityBuilder(
  name: PatternName,
  params: PatternParams,
  q: Float32Array,
  k: Float32Array,
  headDim: number,
  region: Region,
): ProbabilityBuilder {
  throwIfProblems(validatePatternParams(name, params));
  const n = params.seqLen;
  const d = headDim;
  if (q.length !== n * d || k.length !== n * d) throw new RangeError(`q and k must each hold seqLen*headDim = ${n * d} values`);
  const { row0, row1, col0, col1 } = region;
  const rows = row1 - row0;
  const cols = col1 - col0;
  const values = new Float32Array(rows * cols);
  const plan = planRows(name, params);
  const segs = createRowSegments(plan.capacity);
  const keys = new Int32Array(n);
  const scores = new Float64Array(n);
  const scale = 1 / Math.sqrt(d);
  let max = 0;
  return rowBuilder(
    rows,
    (next) => {
      const i = row0 + next;
      plan.writeRow(i, segs);
      let m = 0;
      for (let s = 0; s < segs.count; s++) {
        const lo = segs.lo[s];
        const hi = segs.hi[s];
        const p = segs.period[s];
        const w = segs.width[s];
        const phase = segs.phase[s];
        const first = p === 1 ? lo : lo - ((((lo - phase) % p) + p) % p);
        for (let c = first; c < hi; c += p) {
          const e = Math.min(hi, c + (p === 1 ? hi - c : w));
          for (let j = Math.max(c, lo); j < e; j++) keys[m++] = j;
          if (p === 1) break;
        }
      }
      if (m === 0) return; // a row that reads no key stays 0
      let best = Number.NEGATIVE_INFINITY;
      for (let t = 0; t < m; t++) {
        const j = keys[t];
        let s = 0;
        for (let c = 0; c < d; c++) s += q[i * d + c] * k[j * d + c];
        scores[t] = s * scale;
        if (scores[t] > best) best = scores[t];
      }
      let sum = 0;
      for (let t = 0; t < m; t++) {
        scores[t] = Math.exp(scores[t] - best);
        sum += scores[t];
      }
      const out = next * cols;
      for (let t = 0; t < m; t++) {
        const j = keys[t];
        if (j < col0 || j >= col1) continue;
        const v = scores[t] / sum;
        values[out + j - col0] = v;
        if (v > max) max = v;
      }
    },
    () => ({ values, rows, cols, max }),
    'the probabilities',
  );
}
