/**
 * Benchmarks of the acceleration lab (`npm run bench -- acceleration [--quick|--tiny]`):
 * our dense GEMM / GEMV against tfjs matMul, and CSR, BSR (32 × 32) and 2:4 kernels
 * against our dense kernel across the table's sparsities, plus the activation-sparse
 * gather-SpMV against dense GEMV. One run, one device, ratios; the issue's goals are
 * checked and logged (lib/acceleration/goals.ts).
 *
 * Before a row is timed, every kernel of it runs once at the row's size and its output is
 * compared with its reference twin (lib/bench/check.ts); a kernel that disagrees is not
 * timed and its row says why (`failed`).
 *
 * The gather-SpMV has two figures per kept fraction: the kernel alone on a compacted
 * token (`gather-spmv`), and the whole path from a dense token x on the host: choosing the
 * kept inputs (top-k, or a calibrated TEAL threshold), compacting them, uploading the
 * lists and the kernel (`gather-spmv+topk`, `gather-spmv+threshold`), against dense GEMV
 * that uploads x and runs (`dense-gemv+upload`). Dense never chooses anything.
 */
import { evaluateAccelerationGoals, formatGoalChecks } from '../acceleration/goals';
import { measureGather, measureRow, minSampleMsFor } from '../acceleration/measure';
import { buildRowOperands, type RowOperands } from '../acceleration/operands';
import { TABLE_SPARSITIES, idealSpeedup } from '../acceleration/table';
import { timeInterleaved } from '../compute/timing';
import { type KernelContext, waitForGpu } from '../kernels/harness';
import { uploadLinearGemv } from '../kernels/lm/linear-gemv';
import { type GemvLayout, gemvLayoutFor } from '../kernels/matmul/matmul-config';
import { sparse24MatmulReference } from '../kernels/matmul/matmul-24-reference';
import { bsrMatmulReference } from '../kernels/matmul/matmul-bsr-reference';
import { csrMatmulReference } from '../kernels/matmul/matmul-csr-reference';
import { denseMatmulReference } from '../kernels/matmul/matmul-dense-reference';
import { gatherGemvReference } from '../kernels/matmul/matmul-gather-reference';
import { run24Matmul } from '../kernels/matmul/run-matmul-24';
import { runBsrMatmul } from '../kernels/matmul/run-matmul-bsr';
import { runCsrMatmul } from '../kernels/matmul/run-matmul-csr';
import { runDenseMatmul, runTfMatmul } from '../kernels/matmul/run-matmul-dense';
import { runGatherGemv, uploadGatherGemv } from '../kernels/matmul/run-matmul-gather';
import { uniformArray } from '../random';
import { type BenchCheck, checkOutputs, describeCheck, failedRow, timedRows } from './check';
import { type SelectOptions, selectActivations, thresholdForCount } from './gather-select';
import type { BenchMeasurement, BenchSize, BenchSuite } from './types';

export interface AccelerationBenchPlan {
  gemm: { size: number; batch: number; sparsities: readonly number[] }[];
  gather: { size: number; kept: readonly number[] }[];
  samples: number;
  minSampleMs: number;
}

/**
 * Sizes per preset. full: 1024, 2048, 4096 (batch 64 and 1); quick: 1024 on a GPU,
 * 512 (batch 64) and 1024 (batch 1) on a software adapter (< 5 min on 2 cores);
 * tiny: 128 (batch 64, so the SpMM kernels' 64-column tiles are checked too, and 1), three
 * sparsities (seconds).
 */
export function accelerationBenchPlan(size: BenchSize, emulated: boolean): AccelerationBenchPlan {
  const all = TABLE_SPARSITIES;
  if (size === 'tiny') {
    return {
      gemm: [
        { size: 128, batch: 64, sparsities: [0, 0.5, 0.9] },
        { size: 128, batch: 1, sparsities: [0, 0.5, 0.9] },
      ],
      gather: [{ size: 128, kept: [0.25] }],
      samples: 20,
      minSampleMs: 1,
    };
  }
  const minSampleMs = minSampleMsFor(emulated);
  if (size === 'quick') {
    return emulated
      ? { gemm: [{ size: 512, batch: 64, sparsities: all }, { size: 1024, batch: 1, sparsities: all }], gather: [{ size: 1024, kept: [0.5, 0.25, 0.1] }], samples: 20, minSampleMs }
      : { gemm: [{ size: 1024, batch: 64, sparsities: all }, { size: 1024, batch: 1, sparsities: all }], gather: [{ size: 4096, kept: [0.5, 0.25, 0.1] }], samples: 20, minSampleMs };
  }
  return {
    gemm: [1024, 2048, 4096].flatMap((s) => [
      { size: s, batch: 64, sparsities: all },
      { size: s, batch: 1, sparsities: all },
    ]),
    gather: [{ size: 4096, kept: [0.5, 0.25, 0.1] }],
    samples: 20,
    minSampleMs,
  };
}

export const BENCH_BLOCK_SIZE = 32;
const SEED = 1;

type GemmKernel = 'dense' | 'tfjs' | 'csr' | 'bsr' | '24';
const FORMAT_NAMES = { csr: 'CSR', bsr: `BSR ${BENCH_BLOCK_SIZE}×${BENCH_BLOCK_SIZE}`, '24': '2:4' } as const;

/** Runs one kernel of a row once at the row's size and compares it with its reference twin. */
async function checkGemmKernel(
  k: KernelContext,
  f: GemmKernel,
  shape: { size: number; batch: number },
  dense: { w: Float32Array; x: Float32Array; reference: () => Float32Array },
  ops: RowOperands,
  layout: GemvLayout,
): Promise<BenchCheck> {
  const { size: m, batch: n } = shape;
  const { w, x } = dense;
  switch (f) {
    case 'dense':
      return checkOutputs(await runDenseMatmul(k, w, x, { m, k: m, n }, { gemvLayout: layout }), dense.reference());
    case 'tfjs':
      return checkOutputs(await runTfMatmul(k, w, x, { m, k: m, n }), dense.reference());
    case 'csr':
      return checkOutputs(await runCsrMatmul(k, ops.csr!, x, n), csrMatmulReference(ops.csr!, x, n));
    case 'bsr':
      return checkOutputs(await runBsrMatmul(k, ops.bsr!, x, n, { gemvLayout: layout }), bsrMatmulReference(ops.bsr!, x, n));
    case '24':
      return checkOutputs(await run24Matmul(k, ops.s24!, x, n, { gemvLayout: layout }), sparse24MatmulReference(ops.s24!, x, n));
  }
}

/** Reads a kernel's output once (the tensor is disposed). */
async function readOnce(run: () => { data(): Promise<unknown>; dispose(): void }): Promise<Float32Array> {
  const t = run();
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

export const suite: BenchSuite = {
  lab: 'acceleration',
  async run(ctx) {
    const plan = accelerationBenchPlan(ctx.size, ctx.emulated);
    const rows: BenchMeasurement[] = [];
    const b = BENCH_BLOCK_SIZE;
    const layout = gemvLayoutFor(ctx.emulated);
    for (const g of plan.gemm) {
      const kind = g.batch === 1 ? 'spmv' : 'spmm';
      const params = { size: g.size, batch: g.batch, m: g.size, k: g.size, n: g.batch };
      const shape = { size: g.size, batch: g.batch };
      ctx.log(`acceleration: ${g.size}×${g.size} weight, batch ${g.batch} (${g.batch === 1 ? 'GEMV' : 'GEMM'})`);
      const w = uniformArray(g.size * g.size, SEED * 7 + 1);
      const x = uniformArray(g.size * g.batch, SEED * 7 + 2);
      let denseRef: Float32Array | undefined;
      const dense = { w, x, reference: () => (denseRef ??= denseMatmulReference(w, x, { m: g.size, k: g.size, n: g.batch })) };
      // The dense kernel is every row's baseline: checked once per shape.
      const denseCheck = await checkGemmKernel(ctx.kernels, 'dense', shape, dense, {}, layout);
      ctx.log(`  check ${describeCheck(`our dense ${g.batch === 1 ? 'GEMV' : 'GEMM'}`, denseCheck)}`);
      for (const s of g.sparsities) {
        const ops = buildRowOperands({ size: g.size, batch: g.batch, sparsity: s, seed: SEED, blockSize: b, formats: ['csr', 'bsr', '24'], withDense: false });
        const rowOf = (f: 'csr' | 'bsr' | '24') => ({
          kernel: f === 'csr' ? `csr-${kind}` : f === 'bsr' ? `bsr${b}-${kind}` : `2:4-${kind}`,
          baseline: 'dense-ours',
          params: f === 'bsr' ? { ...params, blockSize: b } : params,
          sparsity: s,
          idealSpeedup: idealSpeedup(s),
        });
        const present = (['csr', 'bsr', '24'] as const).filter((f) => (f === 'csr' ? ops.csr : f === 'bsr' ? ops.bsr : ops.s24));
        if (!denseCheck.pass) {
          for (const f of present) rows.push(failedRow(rowOf(f), 'the dense baseline', denseCheck));
          if (s === 0) rows.push(failedRow({ kernel: 'dense-ours', baseline: 'tfjs-matmul', params, sparsity: 0, idealSpeedup: 1 }, 'our dense kernel', denseCheck));
          continue;
        }
        let includeTfjs = s === 0;
        if (includeTfjs) {
          const c = await checkGemmKernel(ctx.kernels, 'tfjs', shape, dense, ops, layout);
          if (!c.pass) {
            rows.push(failedRow({ kernel: 'dense-ours', baseline: 'tfjs-matmul', params, sparsity: 0, idealSpeedup: 1 }, 'tfjs matMul', c));
            includeTfjs = false;
          }
        }
        const checked: string[] = [];
        for (const f of present) {
          const c = await checkGemmKernel(ctx.kernels, f, shape, dense, ops, layout);
          checked.push(`${FORMAT_NAMES[f]} ${c.pass ? 'ok' : 'FAILED'} (${c.maxAbsError.toExponential(1)})`);
          if (!c.pass) {
            rows.push(failedRow(rowOf(f), FORMAT_NAMES[f], c));
            ctx.log(`  check ${describeCheck(FORMAT_NAMES[f], c)}`);
            if (f === 'csr') ops.csr = undefined;
            else if (f === 'bsr') ops.bsr = undefined;
            else ops.s24 = undefined;
          }
        }
        const r = await measureRow(ctx.kernels, s, shape, { w, x }, ops, {
          samples: plan.samples,
          signal: ctx.signal,
          minSampleMs: plan.minSampleMs,
          includeTfjs,
          gemvLayout: layout,
        });
        const d = r.dense;
        if (r.tfjs) {
          rows.push({ kernel: 'dense-ours', baseline: 'tfjs-matmul', params, sparsity: 0, kernelMs: d.medianMs, baselineMs: r.tfjs.medianMs, speedup: r.tfjs.medianMs / d.medianMs, idealSpeedup: 1, kernelCv: d.cv, baselineCv: r.tfjs.cv });
        }
        for (const f of ['csr', 'bsr', '24'] as const) {
          const t = r.formats[f];
          if (!t) continue;
          rows.push({ ...rowOf(f), kernelMs: t.medianMs, baselineMs: d.medianMs, speedup: d.medianMs / t.medianMs, kernelCv: t.cv, baselineCv: d.cv });
        }
        ctx.log(
          `  sparsity ${(s * 100).toFixed(0)}%: checked ${checked.join(', ')}; dense ${d.medianMs.toFixed(3)} ms` +
            (['csr', 'bsr', '24'] as const).map((f) => (r.formats[f] ? `, ${f} ${(d.medianMs / r.formats[f]!.medianMs).toFixed(2)}x` : '')).join(''),
        );
      }
    }
    for (const g of plan.gather) rows.push(...(await gatherRows(ctx.kernels, g, plan, layout, ctx.signal, ctx.log)));
    for (const line of formatGoalChecks(evaluateAccelerationGoals(timedRows(rows)))) ctx.log(line);
    return rows;
  },
};

/**
 * The gather-SpMV rows of one size (see the module comment). W [size, size] uniform, read
 * as Wᵀ by the gather kernel (its values need not be W's transpose for timing; the checks
 * use the same array on both sides); x one token, uniform in [−1, 1).
 */
async function gatherRows(
  k: KernelContext,
  g: AccelerationBenchPlan['gather'][number],
  plan: AccelerationBenchPlan,
  layout: GemvLayout,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<BenchMeasurement[]> {
  const rows: BenchMeasurement[] = [];
  const size = g.size;
  const w = uniformArray(size * size, SEED * 7 + 3);
  const x = uniformArray(size, SEED * 7 + 4);
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
