/**
 * Correctness before timing: every benchmark row first computes its kernel's output once
 * at the row's own size and compares it with the kernel's reference twin
 * (lib/kernels/*-reference.ts) by the site's one kernel check (lib/runtime/check-kernel.ts):
 *   max_i |actual_i − expected_i| <= 1e-4 · max(1, max_i |expected_i|)
 * A row whose check fails is not timed: it keeps its kernel, baseline and params, carries
 * `failed` (what disagreed and by how much) and has no timings (NaN in memory, null in
 * bench/results.json). Pure TypeScript.
 */
import { KERNEL_TOLERANCE, type KernelVerdict, checkKernel } from '../runtime/check-kernel';
import type { BenchMeasurement } from './types';

/** Tolerance of the checks: the site's kernel tolerance (relative to max(1, max |reference|)). */
export const BENCH_CHECK_TOLERANCE = KERNEL_TOLERANCE;

export interface BenchCheck extends KernelVerdict {
  /** BENCH_CHECK_TOLERANCE · max(1, scale): the largest |Δ| that passes. */
  limit: number;
}

/** Compares a kernel's output with its reference (non-finite outputs fail: compareOutputs counts them as an infinite error). */
export function checkOutputs(actual: ArrayLike<number>, expected: ArrayLike<number>): BenchCheck {
  const v = checkKernel(actual, expected, BENCH_CHECK_TOLERANCE);
  return { ...v, limit: v.bound };
}

/** One line for the log: "<what>: max |Δ| 1.2e-6 <= 3.4e-5 (1e-4 · max(1, max |ref| 0.34)), ok" or "... FAILED". */
export function describeCheck(what: string, c: BenchCheck): string {
  const fmt = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : String(v));
  return `${what}: max |Δ| ${fmt(c.maxAbsError)} ${c.pass ? '<=' : '>'} ${fmt(c.limit)} (1e-4 · max(1, max |ref| ${fmt(c.scale)})) at index ${c.worstIndex}, ${c.pass ? 'ok' : 'FAILED'}`;
}

/** The row of a kernel whose check failed: no timings, `failed` says why. */
export function failedRow(row: Pick<BenchMeasurement, 'kernel' | 'baseline' | 'params' | 'sparsity' | 'idealSpeedup'>, what: string, c: BenchCheck): BenchMeasurement {
  return {
    ...row,
    kernelMs: Number.NaN,
    baselineMs: Number.NaN,
    speedup: Number.NaN,
    failed: `output differs from the reference at the benchmark's size, not timed: ${describeCheck(what, c)}`,
  };
}

/** Rows that were timed (failed rows have no speed-up to compare). */
export function timedRows<T extends Pick<BenchMeasurement, 'kernel' | 'failed'>>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.failed === undefined);
}
