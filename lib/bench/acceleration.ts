/**
 * Benchmarks of the acceleration lab (`npm run bench -- acceleration [--quick|--tiny]`):
 * our dense GEMM / GEMV against tfjs matMul, and CSR, BSR (32 × 32) and 2:4 kernels
 * against our dense kernel across the table's sparsities, plus the activation-sparse
 * gather-SpMV against dense GEMV. One run, one device, ratios; the goals are
 * checked and logged (lib/acceleration/goals.ts).
 */
import { evaluateAccelerationGoals, formatGoalChecks } from '../acceleration/goals';
import { measureGather, measureRow, minSampleMsFor } from '../acceleration/measure';
import { buildRowOperands } from '../acceleration/operands';
import { TABLE_SPARSITIES, idealSpeedup } from '../acceleration/table';
import { gemvLayoutFor } from '../kernels/matmul-config';
import { uniformArray } from '../random';
import { createMulberry32, sampleIndices } from '../sparsity/random';
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
 * tiny: 128, three sparsities (seconds).
 */
export function accelerationBenchPlan(size: BenchSize, emulated: boolean): AccelerationBenchPlan {
  const all = TABLE_SPARSITIES;
  if (size === 'tiny') {
    return {
      gemm: [
        { size: 128, batch: 16, sparsities: [0, 0.5, 0.9] },
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

export const suite: BenchSuite = {
  lab: 'acceleration',
  async run(ctx) {
    const plan = accelerationBenchPlan(ctx.size, ctx.emulated);
    const rows: BenchMeasurement[] = [];
    const b = BENCH_BLOCK_SIZE;
    for (const g of plan.gemm) {
      const kind = g.batch === 1 ? 'spmv' : 'spmm';
      const params = { size: g.size, batch: g.batch, m: g.size, k: g.size, n: g.batch };
      ctx.log(`acceleration: ${g.size}×${g.size} weight, batch ${g.batch} (${g.batch === 1 ? 'GEMV' : 'GEMM'})`);
      const w = uniformArray(g.size * g.size, SEED * 7 + 1);
      const x = uniformArray(g.size * g.batch, SEED * 7 + 2);
      for (const s of g.sparsities) {
        const ops = buildRowOperands({ size: g.size, batch: g.batch, sparsity: s, seed: SEED, blockSize: b, formats: ['csr', 'bsr', '24'], withDense: false });
        const r = await measureRow(ctx.kernels, s, { size: g.size, batch: g.batch }, { w, x }, ops, {
          samples: plan.samples,
          signal: ctx.signal,
          minSampleMs: plan.minSampleMs,
          includeTfjs: s === 0,
          gemvLayout: gemvLayoutFor(ctx.emulated),
        });
        const dense = r.dense;
        if (r.tfjs) {
          rows.push({ kernel: 'dense-ours', baseline: 'tfjs-matmul', params, sparsity: 0, kernelMs: dense.medianMs, baselineMs: r.tfjs.medianMs, speedup: r.tfjs.medianMs / dense.medianMs, idealSpeedup: 1, kernelCv: dense.cv, baselineCv: r.tfjs.cv });
        }
        for (const [f, name] of [
          ['csr', `csr-${kind}`],
          ['bsr', `bsr${b}-${kind}`],
          ['24', `2:4-${kind}`],
        ] as const) {
          const t = r.formats[f];
          if (!t) continue;
          rows.push({
            kernel: name,
            baseline: 'dense-ours',
            params: f === 'bsr' ? { ...params, blockSize: b } : params,
            sparsity: s,
            kernelMs: t.medianMs,
            baselineMs: dense.medianMs,
            speedup: dense.medianMs / t.medianMs,
            idealSpeedup: idealSpeedup(s),
            kernelCv: t.cv,
            baselineCv: dense.cv,
          });
        }
        ctx.log(`  sparsity ${(s * 100).toFixed(0)}%: dense ${dense.medianMs.toFixed(3)} ms` + (['csr', 'bsr', '24'] as const).map((f) => (r.formats[f] ? `, ${f} ${(dense.medianMs / r.formats[f]!.medianMs).toFixed(2)}x` : '')).join(''));
      }
    }
    for (const g of plan.gather) {
      const w = uniformArray(g.size * g.size, SEED * 7 + 3);
      const x = uniformArray(g.size, SEED * 7 + 4);
      for (const kept of g.kept) {
        const idx = Int32Array.from(sampleIndices(createMulberry32(SEED + Math.round(kept * 1000)), g.size, Math.round(kept * g.size))).sort();
        const r = await measureGather(ctx.kernels, g.size, w, x, idx, { samples: plan.samples, signal: ctx.signal, minSampleMs: plan.minSampleMs, gemvLayout: gemvLayoutFor(ctx.emulated) });
        rows.push({
          kernel: 'gather-spmv',
          baseline: 'dense-gemv',
          params: { size: g.size, batch: 1, m: g.size, k: g.size, n: 1, kept },
          sparsity: 1 - r.keptFraction,
          kernelMs: r.gather.medianMs,
          baselineMs: r.dense.medianMs,
          speedup: r.speedup,
          idealSpeedup: r.ideal,
          kernelCv: r.gather.cv,
          baselineCv: r.dense.cv,
        });
        ctx.log(`  gather-SpMV ${g.size}, ${(kept * 100).toFixed(0)}% of inputs kept: ${r.speedup.toFixed(2)}x vs dense GEMV (ideal ${r.ideal.toFixed(1)}x)`);
      }
    }
    for (const line of formatGoalChecks(evaluateAccelerationGoals(rows))) ctx.log(line);
    return rows;
  },
};
