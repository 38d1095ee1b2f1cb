/**
 * Correctness before timing: every benchmark row first computes its kernel's output once
 * at the row's own size and compares it with the kernel's reference twin
 * (lib/kernels/*-reference.ts) by compareOutputs (lib/kernels/compare.ts), with the
 * project's tolerance
 *   max_i |actual_i − expected_i| <= 1e-4 · max_i |expected_i|
 * (the tolerance of the kernel self-tests, lib/kernels/matmul-self-test.ts).
 * A row whose check fails is not timed: it keeps its kernel, baseline and params, carries
 * `failed` (what disagreed and by how much) and has no timings (NaN in memory, null in
 * bench/results.json). Pure TypeScript.
 */
import { type Comparison, compareOutputs } from '../kernels/compare';
import type { BenchMeasurement } from './types';

/** Relative tolerance of the checks (of max |reference|), the kernel self-tests' 1e-4. */
export const BENCH_CHECK_TOLERANCE = 1e-4;

export interface BenchCheck extends Comparison {
  /** BENCH_CHECK_TOLERANCE · scale: the largest |Δ| that passes. */
  limit: number;
  pass: boolean;
}

/** Compares a kernel's output with its reference (non-finite outputs fail). */
export function checkOutputs(actual: ArrayLike<number>, expected: ArrayLike<number>): BenchCheck {
  const c = compareOutputs(actual, expected);
  const limit = BENCH_CHECK_TOLERANCE * c.scale;
  return { ...c, limit, pass: Number.isFinite(c.maxAbsError) && c.maxAbsError <= limit };
}

/** One line for the log: "<what>: max |Δ| 1.2e-6 <= 3.4e-5 (1e-4 · max |ref| 0.34), ok" or "... FAILED". */
export function describeCheck(what: string, c: BenchCheck): string {
  const fmt = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : String(v));
  return `${what}: max |Δ| ${fmt(c.maxAbsError)} ${c.pass ? '<=' : '>'} ${fmt(c.limit)} (1e-4 · max |ref| ${fmt(c.scale)}) at index ${c.worstIndex}, ${c.pass ? 'ok' : 'FAILED'}`;
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
