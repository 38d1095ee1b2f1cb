/**
 * What the activation-sparse gather-SpMV pays before its kernel runs and dense GEMV never
 * does: choosing the kept inputs of one token x [K] and compacting them into the (index,
 * value) lists the kernel reads (matmul-gather-program.ts). Two rules:
 *   top-k (the source's DynamicSparseInference; Deja Vu, Liu et al. 2023): keep the
 *     k = round(keep · K) largest |x_i| (ties: lower index), lib/acceleration/dynamic.ts
 *     sparsifyRows;
 *   threshold (TEAL, Liu et al. 2024): keep |x_i| >= t, t calibrated offline; the benchmark
 *     calibrates t on x itself (thresholdForCount) so both rules keep the same count.
 * Both then compact the non-zeros in index order (matmul-gather-reference.ts
 * compactNonZeros). Pure TypeScript; the benchmark times it together with the kernel.
 */
import { type DynamicMode, sparsifyRows } from '../acceleration/dynamic';
import { compactNonZeros } from '../kernels/matmul/matmul-gather-reference';

export interface SelectOptions {
  mode: DynamicMode;
  /** Kept fraction (top-k). */
  keep: number;
  /** Magnitude threshold (threshold mode). */
  threshold: number;
}

/** Chooses and compacts the kept inputs of x (x itself is left unchanged). */
export function selectActivations(x: Float32Array, opts: SelectOptions): { idx: Int32Array; val: Float32Array } {
  const h = Float32Array.from(x);
  sparsifyRows(h, 1, h.length, opts);
  return compactNonZeros(h);
}

/** The threshold that keeps `count` entries of x by |x_i| >= t: the count-th largest |x_i| (Infinity for count 0). */
export function thresholdForCount(x: Float32Array, count: number): number {
  if (!Number.isInteger(count) || count < 0 || count > x.length) throw new RangeError(`count must be an integer in [0, ${x.length}], got ${String(count)}`);
  if (count === 0) return Number.POSITIVE_INFINITY;
  const mags = Float32Array.from(x, Math.abs).sort();
  return mags[mags.length - count];
}
