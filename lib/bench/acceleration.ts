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
import { measureRow, minSampleMsFor } from '../acceleration/measure';
import { buildRowOperands } from '../acceleration/operands';
import { TABLE_SPARSITIES, idealSpeedup } from '../acceleration/table';
import { gemvLayoutFor } from '../kernels/matmul/matmul-config';
import { denseMatmulReference } from '../kernels/matmul/matmul-dense-reference';
import { uniformArray } from '../random';
import { describeCheck, failedRow, timedRows } from './check';
import type { BenchMeasurement, BenchSize, BenchSuite } from './types';
import { checkGemmKernel } from './acceleration-check';
import { gatherRows } from './acceleration-gather';

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

const FORMAT_NAMES = { csr: 'CSR', bsr: `BSR ${BENCH_BLOCK_SIZE}×${BENCH_BLOCK_SIZE}`, '24': '2:4' } as const;

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
    for (const g of plan.gather) rows.push(...(await gatherRows(ctx.kernels, g, plan, layout, ctx.signal, ctx.log, SEED)));
    for (const line of formatGoalChecks(evaluateAccelerationGoals(timedRows(rows)))) ctx.log(line);
    return rows;
  },
};
