/**
 * Accuracy-vs-sparsity curves: every method pruned one-shot (iterations = 1) at a grid of
 * amounts, with the lab's other settings (norm, dim, block size, scope), and evaluated on
 * the test digits. N:M has no amount: its curve runs over patterns n:m (4:4 = dense, 3:4,
 * 2:4, 1:4, 1:8, 1:16 = 0 … 93.75% of each group pruned).
 *
 * The job list is ordered so that the points the source's table talks about (50, 70, 90%)
 * come first for every method, then the rest: a chart filling in the background shows the
 * comparison early. x of a point is the measured overall weight sparsity (biases excluded).
 */
import type { MnistData } from '../data/mnist';
import { type MlpWeights, accuracy, mlpForward } from '../models/mlp';
import { SOURCE_CLAIMS, interpolateAccuracy } from './claims';
import type { PruneMethod } from './methods';
import { type Calibration, type PruneSettings, overallSparsity, pruneModel } from './model-masks';

export const CURVE_AMOUNTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] as const;
export const NM_CURVE_PATTERNS: readonly (readonly [number, number])[] = [
  [4, 4],
  [3, 4],
  [2, 4],
  [1, 4],
  [1, 8],
  [1, 16],
];
/** The source's sparsities, computed first. */
export const PRIORITY_AMOUNTS = [0.5, 0.7, 0.9] as const;

export const CURVE_METHODS: readonly PruneMethod[] = ['l1-unstructured', 'global', 'wanda', 'nm', 'block', 'ln-structured'];

export interface CurveJob {
  method: PruneMethod;
  settings: PruneSettings;
  /** The amount (or 1 − n/m for N:M) this point asks for. */
  target: number;
  /** 'n:m' for N:M points. */
  label?: string;
}

export interface CurvePoint {
  method: PruneMethod;
  target: number;
  label?: string;
  sparsity: number;
  accuracy: number;
}

/** Every (method, point) to evaluate, in priority order, for the lab's current settings. */
export function listCurveJobs(base: PruneSettings, methods: readonly PruneMethod[] = CURVE_METHODS): CurveJob[] {
  const oneShot: PruneSettings = { ...base, iterations: 1 };
  const first: CurveJob[] = [];
  const rest: CurveJob[] = [];
  for (const method of methods) {
    if (method === 'nm') {
      for (const [n, m] of NM_CURVE_PATTERNS) {
        const target = 1 - n / m;
        const job: CurveJob = { method, settings: { ...oneShot, method, n, m }, target, label: `${n}:${m}` };
        (n === 2 && m === 4 ? first : rest).push(job);
      }
      continue;
    }
    for (const amount of CURVE_AMOUNTS) {
      const job: CurveJob = { method, settings: { ...oneShot, method, amount }, target: amount };
      ((PRIORITY_AMOUNTS as readonly number[]).includes(amount) ? first : rest).push(job);
    }
  }
  return [...first, ...rest];
}

/** Prunes and evaluates one point. Returns null when the settings prune nothing (e.g. a block size no layer takes). */
export function evaluateCurveJob(
  weights: MlpWeights,
  test: MnistData,
  calibration: Calibration | undefined,
  job: CurveJob,
): CurvePoint | null {
  const result = pruneModel(weights, job.settings, calibration);
  if (result.issues.some((i) => i.fatal)) return null;
  const logits = mlpForward(weights, test.images, test.count, result.masks);
  return {
    method: job.method,
    target: job.target,
    label: job.label,
    sparsity: overallSparsity(weights, result.masks),
    accuracy: accuracy(logits, test.labels, test.count),
  };
}

/** Points of one method sorted by sparsity (for drawing a line). */
export function curveOf(points: readonly CurvePoint[], method: PruneMethod): CurvePoint[] {
  return points.filter((p) => p.method === method).sort((a, b) => a.sparsity - b.sparsity);
}

/** A measured point counts as "at" a sparsity when it lies within half a percent of it. */
export const AT_TOLERANCE = 0.005;

/**
 * A method's measured accuracy at each of the source's sparsities (50, 70, 90%): the nearest
 * measured point when one lies within AT_TOLERANCE (Wanda's per-row rounding gives 70.02%, not
 * 70%), else linear interpolation between the neighbours; null while the curve does not reach
 * that far.
 */
export function accuracyAtClaims(
  points: readonly CurvePoint[],
  method: PruneMethod,
): { sparsity: number; accuracy: number | null; interpolated: boolean }[] {
  const curve = curveOf(points, method);
  return SOURCE_CLAIMS.map((c) => {
    let exact: CurvePoint | undefined;
    for (const p of curve)
      if (
        Math.abs(p.sparsity - c.sparsity) <= AT_TOLERANCE &&
        (!exact || Math.abs(p.sparsity - c.sparsity) < Math.abs(exact.sparsity - c.sparsity))
      )
        exact = p;
    return { sparsity: c.sparsity, accuracy: exact ? exact.accuracy : interpolateAccuracy(curve, c.sparsity), interpolated: !exact };
  });
}
