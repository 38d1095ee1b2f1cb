/**
 * Benchmarks: each lab with kernels exports a BenchSuite (lib/bench/<lab>.ts) that
 * times its kernels against their baselines in one run on one device, as ratios.
 * `npm run bench` (scripts/bench.ts) opens /bench in headless Chromium on WebGPU, runs the
 * suites and writes bench/results.json: an array of BenchRow. `npm run bench -- --node`
 * (scripts/bench-node.ts) runs the same suites in plain Node on Dawn, the WebGPU
 * implementation of the npm `webgpu` package; both go through runBenchSuites (run.ts).
 */
import type { KernelContext } from '../kernels/harness';

/** The adapter the rows were measured on (GPUAdapterInfo fields, WebGPU spec). */
export interface BenchDevice {
  /** One line: vendor / architecture / description, "(software fallback adapter)" when it is one. */
  description: string;
  /** GPUAdapterInfo.isFallbackAdapter as the adapter reports it (SwiftShader: true; llvmpipe: false). */
  isFallback: boolean;
  vendor: string;
  architecture: string;
  /** Where the suites ran: 'browser (…)' or 'node (…)', with the WebGPU backend used. */
  runtime: string;
  /** True when the suites took the adapter for CPU emulation and picked the software sizes. */
  emulated: boolean;
}

export interface BenchRow {
  lab: string;
  kernel: string;
  baseline: string;
  /** Sizes and settings of this row. */
  params: Record<string, number | string | boolean>;
  sparsity: number;
  kernelMs: number;
  baselineMs: number;
  /** baselineMs / kernelMs. */
  speedup: number;
  /** What skipping the zeros perfectly would give (e.g. 1 / density). */
  idealSpeedup: number;
  device: BenchDevice;
  /** Coefficients of variation of the two medians. */
  kernelCv?: number;
  baselineCv?: number;
  /**
   * Set when the kernel's output at this row's size differed from its reference before
   * timing (lib/bench/check.ts): the row was not timed, kernelMs, baselineMs and speedup
   * are NaN (null in JSON) and this says what disagreed.
   */
  failed?: string;
}

export type BenchMeasurement = Omit<BenchRow, 'lab' | 'device'>;

/** Size presets: 'tiny' for the test of the results file, 'quick' (< 5 min on software WebGPU), 'full'. */
export type BenchSize = 'tiny' | 'quick' | 'full';

export interface BenchContext {
  kernels: KernelContext;
  size: BenchSize;
  /** True on a software adapter: suites pick the smaller sizes the issues allow there. */
  emulated: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface BenchSuite {
  lab: string;
  run(ctx: BenchContext): Promise<BenchMeasurement[]>;
}

/** Formats rows as an aligned text table for the console. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const header = ['lab', 'kernel', 'baseline', 'sparsity', 'kernel ms', 'baseline ms', 'speed-up', 'ideal', 'params'];
  const body = rows.map((r) => [
    r.lab,
    r.kernel,
    r.baseline,
    `${(r.sparsity * 100).toFixed(1)}%`,
    r.failed !== undefined ? 'FAILED' : r.kernelMs.toFixed(3),
    r.failed !== undefined ? '-' : r.baselineMs.toFixed(3),
    r.failed !== undefined ? '-' : `${r.speedup.toFixed(2)}x`,
    `${r.idealSpeedup.toFixed(2)}x`,
    Object.entries(r.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ') + (r.failed !== undefined ? ` (${r.failed})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Checks that a parsed results file has the documented shape; returns the problems. */
export function validateBenchRows(rows: unknown): string[] {
  if (!Array.isArray(rows)) return ['results must be an array'];
  const problems: string[] = [];
  rows.forEach((r, i) => {
    const row = r as Record<string, unknown>;
    for (const k of ['lab', 'kernel', 'baseline']) if (typeof row[k] !== 'string') problems.push(`row ${i}: ${k} must be a string`);
    const failed = row.failed !== undefined;
    if (failed && typeof row.failed !== 'string') problems.push(`row ${i}: failed must be a string`);
    for (const k of ['sparsity', 'kernelMs', 'baselineMs', 'speedup', 'idealSpeedup']) {
      // A failed row (its output differed from the reference) has no timings: null in JSON.
      if (failed && ['kernelMs', 'baselineMs', 'speedup'].includes(k) && (row[k] === null || Number.isNaN(row[k]))) continue;
      if (typeof row[k] !== 'number' || !Number.isFinite(row[k] as number)) problems.push(`row ${i}: ${k} must be a finite number`);
    }
    if (typeof row.params !== 'object' || row.params === null) problems.push(`row ${i}: params must be an object`);
    const d = row.device as Record<string, unknown> | undefined;
    if (!d || typeof d !== 'object') problems.push(`row ${i}: device must be an object`);
    else {
      for (const k of ['description', 'vendor', 'architecture', 'runtime']) if (typeof d[k] !== 'string') problems.push(`row ${i}: device.${k} must be a string`);
      for (const k of ['isFallback', 'emulated']) if (typeof d[k] !== 'boolean') problems.push(`row ${i}: device.${k} must be a boolean`);
    }
  });
  return problems;
}
