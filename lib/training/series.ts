/**
 * Helpers that turn a run's per-step records into chart series: downsampling for long
 * runs and an exponential moving average for noisy per-batch values. Pure.
 */

export interface Point {
  x: number;
  y: number;
}

/**
 * At most `max` points: every ⌈n / max⌉-th point, always keeping the first and the last
 * (so the live end of a curve is exact). max >= 2.
 */
export function downsample<T>(points: readonly T[], max: number): T[] {
  const n = points.length;
  if (n <= max) return points.slice();
  const stride = Math.ceil(n / Math.max(2, max - 1));
  const out: T[] = [];
  for (let i = 0; i < n - 1; i += stride) out.push(points[i]);
  out.push(points[n - 1]);
  return out;
}

/**
 * Exponential moving average with bias correction (as TensorBoard's smoothing and Adam's
 * first moment): m_i = β m_{i−1} + (1 − β) y_i, ŷ_i = m_i / (1 − β^(i+1)), β in [0, 1).
 * The first value is y_0 exactly.
 */
export function smoothEma(values: readonly number[], beta: number): number[] {
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`beta must be in [0, 1), got ${String(beta)}`);
  let m = 0;
  let corr = 1;
  return values.map((y) => {
    m = beta * m + (1 - beta) * y;
    corr *= beta;
    return m / (1 - corr);
  });
}

/** Groups run indices whose values lie within `tolerance` of the group's first value (values sorted first). */
export function groupByValue(values: readonly number[], tolerance: number): number[][] {
  const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
  const groups: number[][] = [];
  for (const i of order) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(values[i] - values[g[0]]) <= tolerance) g.push(i);
    else groups.push([i]);
  }
  return groups.map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
}
