/**
 * The acceleration benchmark's gather-SpMV rows (see lib/bench/acceleration.ts's module comment):
 * the kernel alone on a compacted token, and the whole path with choosing and compacting.
 */
import { measureGather } from '../acceleration/measure';
import { timeInterleaved } from '../compute/timing';
import { type KernelContext, waitForGpu } from '../kernels/harness';
import { uploadLinearGemv } from '../kernels/lm/linear-gemv';
import { type GemvLayout } from '../kernels/matmul/matmul-config';
import { denseMatmulReference } from '../kernels/matmul/matmul-dense-reference';
import { gatherGemvReference } from '../kernels/matmul/matmul-gather-reference';
import { runGatherGemv, uploadGatherGemv } from '../kernels/matmul/run-matmul-gather';
import { uniformArray } from '../random';
import { type BenchCheck, checkOutputs, describeCheck, failedRow } from './check';
import { type SelectOptions, selectActivations, thresholdForCount } from './gather-select';
import type { BenchMeasurement } from './types';
import type { AccelerationBenchPlan } from './acceleration';

/** Reads a kernel's output once (the tensor is disposed). */
async function readOnce(run: () => { data(): Promise<unknown>; dispose(): void }): Promise<Float32Array> {
  const t = run();
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/**
 * The gather-SpMV rows of one size (see the module comment). W [size, size] uniform, read
 * as Wᵀ by the gather kernel (its values need not be W's transpose for timing; the checks
 * use the same array on both sides); x one token, uniform in [−1, 1).
 */
export async function gatherRows(
  k: KernelContext,
  g: AccelerationBenchPlan['gather'][number],
  plan: AccelerationBenchPlan,
  layout: GemvLayout,
  signal: AbortSignal,
  log: (line: string) => void,
  seed: number,
): Promise<BenchMeasurement[]> {
  const rows: BenchMeasurement[] = [];
  const size = g.size;
  const w = uniformArray(size * size, seed * 7 + 3);
  const x = uniformArray(size, seed * 7 + 4);
  const wt = w; // the gather kernel's Wᵀ [K, M]
  const denseRef = denseMatmulReference(w, x, { m: size, k: size, n: 1 });
  const params = (kept: number, extra: Record<string, string> = {}) => ({ size, batch: 1, m: size, k: size, n: 1, kept, ...extra });
  for (const kept of g.kept) {
    const count = Math.round(kept * size);
    const t = thresholdForCount(x, count);
    const topk = { mode: 'topk' as const, keep: count / size, threshold: 0 };
    const thr = { mode: 'threshold' as const, keep: 1, threshold: t };
    const { idx, val } = selectActivations(x, topk);
    const ideal = idx.length === 0 ? Number.POSITIVE_INFINITY : size / idx.length;
    const sparsity = 1 - idx.length / size;
    // Correctness first: the kernel at this size on the compacted token, and the whole paths below.
    const kernelCheck = checkOutputs(await runGatherGemv(k, wt, size, size, idx, val, layout), gatherGemvReference(wt, size, size, idx, val));
    log(`  gather-SpMV ${size}, ${(kept * 100).toFixed(0)}% kept: check ${describeCheck('gather-SpMV', kernelCheck)}`);
    const kernelRow = { kernel: 'gather-spmv', baseline: 'dense-gemv', params: params(kept), sparsity, idealSpeedup: ideal };
    if (!kernelCheck.pass) rows.push(failedRow(kernelRow, 'gather-SpMV', kernelCheck));
    else {
      const r = await measureGather(k, size, wt, x, idx, { samples: plan.samples, signal, minSampleMs: plan.minSampleMs, gemvLayout: layout });
      rows.push({ ...kernelRow, kernelMs: r.gather.medianMs, baselineMs: r.dense.medianMs, speedup: r.speedup, kernelCv: r.gather.cv, baselineCv: r.dense.cv });
      log(`    kernel alone: ${r.speedup.toFixed(2)}x vs dense GEMV (ideal ${r.ideal.toFixed(1)}x)`);
    }

    // The whole path from a dense token on the host, both sides: dense uploads x and runs;
    // gather chooses, compacts, uploads the lists and runs.
    const dense = uploadLinearGemv(k, 'dense', w, size, size, { layout });
    const gathers = [uploadGatherGemv(k, wt, size, size, layout), uploadGatherGemv(k, wt, size, size, layout)];
    try {
      const denseRun = () => {
        const xt = k.tf.tensor(x, [size, 1], 'float32');
        try {
          return dense.run(xt);
        } finally {
          xt.dispose();
        }
      };
      const selectRun = (i: number, opts: SelectOptions) => () => {
        const s = selectActivations(x, opts);
        gathers[i].setActivations(s.idx, s.val);
        return gathers[i].run();
      };
      const variants = [
        { name: 'dense-gemv+upload', run: denseRun, what: 'dense GEMV (x uploaded)', expected: denseRef },
        { name: 'gather-spmv+topk', run: selectRun(0, topk), what: 'top-k + compaction + gather-SpMV', expected: gatherGemvReference(wt, size, size, idx, val) },
        { name: 'gather-spmv+threshold', run: selectRun(1, thr), what: 'threshold + compaction + gather-SpMV', expected: (() => { const s = selectActivations(x, thr); return gatherGemvReference(wt, size, size, s.idx, s.val); })() },
      ];
      const checks = new Map<string, BenchCheck>();
      for (const v of variants) checks.set(v.name, checkOutputs(await readOnce(v.run), v.expected));
      const wholeRow = (mode: 'topk' | 'threshold') => ({
        kernel: `gather-spmv+${mode}`,
        baseline: 'dense-gemv+upload',
        params: params(kept, { includes: mode === 'topk' ? 'top-k of |x|, compaction, upload, gather-SpMV' : 'threshold |x| >= t (calibrated on x), compaction, upload, gather-SpMV', baselineIncludes: 'upload of x, dense GEMV' }),
        sparsity,
        idealSpeedup: ideal,
      });
      const denseCheck = checks.get('dense-gemv+upload')!;
      if (!denseCheck.pass) {
        log(`    check ${describeCheck('dense GEMV (x uploaded)', denseCheck)}`);
        for (const mode of ['topk', 'threshold'] as const) rows.push(failedRow(wholeRow(mode), 'dense GEMV (x uploaded)', denseCheck));
        continue;
      }
      const timed = variants.filter((v) => {
        const c = checks.get(v.name)!;
        if (!c.pass) {
          log(`    check ${describeCheck(v.what, c)}`);
          rows.push(failedRow(wholeRow(v.name.endsWith('topk') ? 'topk' : 'threshold'), v.what, c));
        }
        return c.pass;
      });
      const results = await timeInterleaved(
        timed.map((v) => ({ name: v.name, run: () => v.run().dispose() })),
        () => waitForGpu(k),
        { samples: Math.max(20, plan.samples), warmup: 2, minSampleMs: plan.minSampleMs, signal },
      );
      const d = results[0];
      for (const r of results.slice(1)) {
        const mode = r.name.endsWith('topk') ? 'topk' : 'threshold';
        rows.push({ ...wholeRow(mode), kernelMs: r.medianMs, baselineMs: d.medianMs, speedup: d.medianMs / r.medianMs, kernelCv: r.cv, baselineCv: d.cv });
      }
      log(`    with choosing and compacting: ${results.slice(1).map((r) => `${r.name} ${(d.medianMs / r.medianMs).toFixed(2)}x`).join(', ')} vs dense GEMV with x uploaded`);
    } finally {
      dense.dispose();
      gathers.forEach((u) => u.dispose());
    }
  }
  return rows;
}
