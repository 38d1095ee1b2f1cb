/**
 * Times one row of the speed table on the kernel backend: our dense kernel against
 * each format's kernel (and tfjs's tf.matMul on the 0% row), interleaved, >= 20 samples,
 * median and coefficient of variation (lib/compute/timing.ts). Used by the lab's
 * "Measure on this device" and by the benchmark suite (lib/bench/acceleration.ts).
 * GEMM for batch N > 1 (N % 4 = 0), GEMV for N = 1.
 */
import { type TimingResult, timeInterleaved } from '../compute/timing';
import { type KernelContext, waitForGpu } from '../kernels/harness';
import type { GemvLayout } from '../kernels/matmul/matmul-config';
import type { UploadedMatmul } from '../kernels/matmul/matmul-uploaded';
import { upload24Matmul } from '../kernels/matmul/run-matmul-24';
import { uploadBsrMatmul } from '../kernels/matmul/run-matmul-bsr';
import { uploadCsrMatmul } from '../kernels/matmul/run-matmul-csr';
import { uploadDenseMatmul, uploadTfMatmul } from '../kernels/matmul/run-matmul-dense';
import { uploadGatherGemv } from '../kernels/matmul/run-matmul-gather';
import type { FormatName } from '../kernels/format-registry';
import type { RowOperands } from './operands';
import { SPEED_FORMATS, type MeasuredRow, type SpeedFormat, type Timing } from './table';

export interface MeasureOptions {
  samples: number;
  signal?: AbortSignal;
  /** Fraction done of this row, 0 … 1. */
  onProgress?: (fraction: number) => void;
  /** Per-sample minimum of work (repeats inside one sample): larger on CPU emulation, where a dispatch has a fixed cost. */
  minSampleMs?: number;
  includeTfjs?: boolean;
  /** GEMV layout of the dense, BSR and 2:4 kernels (matmul-config.ts gemvLayoutFor). */
  gemvLayout?: GemvLayout;
}

/** Minimum milliseconds per timed sample: 30 on a software adapter (amortises its per-submit cost), 2 on a GPU. */
export function minSampleMsFor(emulated: boolean): number {
  return emulated ? 30 : 2;
}

/**
 * Each format's kernel (lib/kernels/run-matmul-<name>.ts) uploaded with its operand, or null
 * when `ops` has none: one runner per entry of lib/kernels/format-registry.ts.
 */
const FORMAT_RUNNERS: Record<
  FormatName,
  (ctx: KernelContext, ops: RowOperands, x: Float32Array, n: number, gemvLayout: GemvLayout | undefined) => UploadedMatmul | null
> = {
  csr: (ctx, ops, x, n) => (ops.csr ? uploadCsrMatmul(ctx, ops.csr, x, n) : null),
  bsr: (ctx, ops, x, n, gemvLayout) => (ops.bsr ? uploadBsrMatmul(ctx, ops.bsr, x, n, { gemvLayout }) : null),
  '24': (ctx, ops, x, n, gemvLayout) => (ops.s24 ? upload24Matmul(ctx, ops.s24, x, n, { gemvLayout }) : null),
};

const toTiming = (r: TimingResult): Timing => ({ medianMs: r.medianMs, cv: r.cv, samples: r.samples.length });

/** Times the dense kernel and every format present in `ops` on the shared dense W and X. */
export async function measureRow(
  ctx: KernelContext,
  sparsity: number,
  shape: { size: number; batch: number },
  dense: { w: Float32Array; x: Float32Array },
  ops: RowOperands,
  opts: MeasureOptions,
): Promise<MeasuredRow> {
  const m = shape.size;
  const n = shape.batch;
  const uploads: { name: string; u: UploadedMatmul }[] = [];
  try {
    uploads.push({ name: 'dense', u: uploadDenseMatmul(ctx, dense.w, dense.x, { m, k: m, n }, { gemvLayout: opts.gemvLayout }) });
    if (opts.includeTfjs) uploads.push({ name: 'tfjs', u: uploadTfMatmul(ctx, dense.w, dense.x, { m, k: m, n }) });
    for (const f of SPEED_FORMATS) {
      const u = FORMAT_RUNNERS[f](ctx, ops, dense.x, n, opts.gemvLayout);
      if (u) uploads.push({ name: f, u });
    }
    const results = await timeInterleaved(
      uploads.map(({ name, u }) => ({ name, run: () => u.run().dispose() })),
      () => waitForGpu(ctx),
      {
        samples: Math.max(20, opts.samples),
        warmup: 2,
        minSampleMs: opts.minSampleMs ?? 2,
        signal: opts.signal,
        onProgress: (done, total) => opts.onProgress?.(done / total),
      },
    );
    const byName = new Map(results.map((r) => [r.name, toTiming(r)]));
    const formats: Partial<Record<SpeedFormat, Timing>> = {};
    for (const f of SPEED_FORMATS) {
      const t = byName.get(f);
      if (t) formats[f] = t;
    }
    return { sparsity, dense: byName.get('dense') as Timing, tfjs: byName.get('tfjs'), formats };
  } finally {
    uploads.forEach(({ u }) => u.dispose());
  }
}

export interface GatherMeasurement {
  keptFraction: number;
  kept: number;
  gather: Timing;
  dense: Timing;
  speedup: number;
  ideal: number;
}

/**
 * Times the activation-sparse gather-SpMV (reads only the columns of W for kept
 * inputs) against our dense GEMV, for one token x [K] of which `keptFraction` entries
 * are kept (the rest are zero). W is M × K = size × size, random.
 */
export async function measureGather(
  ctx: KernelContext,
  size: number,
  w: Float32Array,
  x: Float32Array,
  keptIdx: Int32Array,
  opts: MeasureOptions,
): Promise<GatherMeasurement> {
  const dense = uploadDenseMatmul(ctx, w, x, { m: size, k: size, n: 1 }, { gemvLayout: opts.gemvLayout });
  // Wᵀ has the same size; for timing, its values need not be W's transpose.
  const gather = uploadGatherGemv(ctx, w, size, size, opts.gemvLayout);
  try {
    const val = Float32Array.from(keptIdx, (i) => x[i]);
    gather.setActivations(keptIdx, val);
    const [d, g] = await timeInterleaved(
      [
        { name: 'dense', run: () => dense.run().dispose() },
        { name: 'gather', run: () => gather.run().dispose() },
      ],
      () => waitForGpu(ctx),
      {
        samples: Math.max(20, opts.samples),
        warmup: 2,
        minSampleMs: opts.minSampleMs ?? 2,
        signal: opts.signal,
        onProgress: (done, total) => opts.onProgress?.(done / total),
      },
    );
    const keptFraction = keptIdx.length / size;
    return {
      keptFraction,
      kept: keptIdx.length,
      dense: toTiming(d),
      gather: toTiming(g),
      speedup: d.medianMs / g.medianMs,
      ideal: keptIdx.length === 0 ? Number.POSITIVE_INFINITY : size / keptIdx.length,
    };
  } finally {
    dense.dispose();
    gather.dispose();
  }
}
