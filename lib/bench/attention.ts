/**
 * The sparse attention lab's benchmark : ratios measured side by
 * side in one run on one device.
 *   1. window, w = 256, headDim 64, b = 32 (the tile-level ideal is about 1/14):
 *      block-sparse / dense fused (goal <= 0.15), and vs tfjs unfused;
 *   2. BigBird, 64-token blocks, r = 3: block-sparse / dense fused (goal <= 0.25);
 *   3. window scaling: t(2n) / t(n) of the block-sparse kernel (goal <= 2.3: linear).
 * n = 4096 on a hardware adapter, 1024 on a software one (so 8192/4096 vs 2048/1024);
 * 'tiny' uses n = 128 and small windows, only to check the rows' shape quickly.
 * speedup = baselineMs / kernelMs; idealSpeedup = 1 / block density (what skipping every
 * empty tile perfectly would give), or the tile-count ratio for the scaling row.
 *
 * Before timing, every path of a row runs once at the row's size and is compared with its
 * twin (lib/bench/check.ts): block-sparse with blockSparseAttentionReference, dense fused
 * (no mask) with attentionReference, tfjs unfused (pattern as an additive bias) with
 * attentionReference under the pattern's mask. A path that disagrees is not timed; the
 * rows that need it carry `failed` instead of timings.
 */
import { patternStats } from '../attention/cost';
import { resolveLabConfig, type LabInput } from '../labs/attention/config';
import { timeInterleaved } from '../compute/timing';
import { blockSparseVariant, measurePaths, planMeasure, type PathName, type PathTiming, type RunPlan } from '../labs/attention/lab-runs';
import { waitForGpu } from '../kernels/harness';
import { type BenchCheck, describeCheck, failedRow } from './check';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';
import { PATH_NAMES, checkPath } from './attention-check';

const SEED = 1;
const HEAD_DIM = 64;

function labInput(pattern: 'window' | 'bigbird', seqLen: number, windowSize: number, blockSize: number, randomBlocks: number): LabInput {
  return {
    pattern,
    compare: 'none',
    seqLen,
    windowSize,
    dilation: 1,
    stride: 1,
    summaryTokens: 1,
    globalTokens: 0,
    randomBlocks,
    blockSize,
    sinkTokens: 0,
    causal: false,
    seed: SEED,
    heads: 1,
    head: 0,
  };
}

function planOf(input: LabInput): RunPlan {
  // planMeasure with emulated = false: the suite picks its sizes itself.
  return planMeasure(input, HEAD_DIM, false);
}

/**
 * Checks the paths, times those that passed (interleaved) and returns one row per
 * (kernel, baseline) pair: timed, or failed naming the path that disagreed.
 */
async function checkedRows(
  ctx: BenchContext,
  plan: RunPlan,
  pairs: readonly { kernel: PathName; baseline: PathName; extra?: Record<string, number | string | boolean> }[],
  options: { samples: number; onProgress: (done: number, total: number) => void },
): Promise<{ rows: BenchMeasurement[]; timings: Map<PathName, PathTiming> }> {
  const paths = [...new Set(pairs.flatMap((p) => [p.kernel, p.baseline]))];
  const checks = new Map<PathName, BenchCheck>();
  for (const path of paths) {
    const c = await checkPath(ctx.kernels, plan, path, SEED);
    checks.set(path, c);
    ctx.log(`  check ${describeCheck(`${PATH_NAMES[path]}, n = ${plan.shape.seqLen}`, c)}`);
  }
  const timed = paths.filter((p) => checks.get(p)!.pass);
  const timings = new Map<PathName, PathTiming>();
  if (pairs.some((p) => checks.get(p.kernel)!.pass && checks.get(p.baseline)!.pass)) {
    const t = await measurePaths(ctx.kernels, plan, SEED, { paths: timed, samples: options.samples, signal: ctx.signal, onProgress: options.onProgress });
    for (const r of t) timings.set(r.name, r);
  }
  const rows = pairs.map((p) => {
    const a = timings.get(p.kernel);
    const b = timings.get(p.baseline);
    if (a && b) return row(a, b, plan, p.extra);
    const bad = checks.get(p.kernel)!.pass ? p.baseline : p.kernel;
    const shape = rowShape(p.kernel, p.baseline, plan, p.extra);
    return failedRow(shape, PATH_NAMES[bad], checks.get(bad)!);
  });
  return { rows, timings };
}

/** A row's names, params, sparsity and ideal speed-up (timed rows add the timings and the ratio). */
function rowShape(kernel: string, baseline: string, plan: RunPlan, extra: Record<string, number | string | boolean> = {}) {
  const stats = patternStats(plan.name, plan.params);
  const p = plan.params;
  return {
    kernel,
    baseline,
    params: {
      pattern: plan.name,
      seqLen: p.seqLen,
      headDim: plan.shape.headDim,
      heads: plan.shape.heads,
      blockSize: p.blockSize,
      ...(plan.name === 'bigbird' ? { randomBlocks: p.randomBlocks, seed: p.seed } : { windowSize: p.windowSize }),
      blockDensity: Number(stats.blockDensity.toFixed(5)),
      ...extra,
    },
    sparsity: 1 - stats.elementDensity,
    idealSpeedup: 1 / stats.blockDensity,
  };
}

function row(kernel: PathTiming, baseline: PathTiming, plan: RunPlan, extra: Record<string, number | string | boolean> = {}): BenchMeasurement {
  const stats = patternStats(plan.name, plan.params);
  const p = plan.params;
  return {
    kernel: kernel.name,
    baseline: baseline.name,
    params: {
      pattern: plan.name,
      seqLen: p.seqLen,
      headDim: plan.shape.headDim,
      heads: plan.shape.heads,
      blockSize: p.blockSize,
      ...(plan.name === 'bigbird' ? { randomBlocks: p.randomBlocks, seed: p.seed } : { windowSize: p.windowSize }),
      blockDensity: Number(stats.blockDensity.toFixed(5)),
      ratio: Number((kernel.medianMs / baseline.medianMs).toFixed(4)),
      ...extra,
    },
    sparsity: 1 - stats.elementDensity,
    kernelMs: kernel.medianMs,
    baselineMs: baseline.medianMs,
    speedup: baseline.medianMs / kernel.medianMs,
    idealSpeedup: 1 / stats.blockDensity,
    kernelCv: kernel.cv,
    baselineCv: baseline.cv,
  };
}

async function run(ctx: BenchContext): Promise<BenchMeasurement[]> {
  const tiny = ctx.size === 'tiny';
  const n = tiny ? 128 : ctx.emulated ? 1024 : 4096;
  const samples = ctx.size === 'full' ? 30 : 20;
  const window = tiny ? 32 : 256;
  const windowBlock = tiny ? 16 : 32;
  const bigBlock = tiny ? 16 : 64;
  const bigR = tiny ? 1 : 3;
  const out: BenchMeasurement[] = [];
  const progress = (label: string) => {
    let last = -1;
    return (done: number, total: number) => {
      const pct = Math.floor((done / total) * 10) * 10;
      if (pct !== last) {
        last = pct;
        ctx.log(`  ${label}: ${pct}%`);
      }
    };
  };

  // 1. sliding window: block-sparse vs dense fused vs tfjs unfused
  const windowPlan = planOf(labInput('window', n, window, windowBlock, 0));
  ctx.log(`attention: window n=${n} w=${window} b=${windowBlock} d=${HEAD_DIM}`);
  const w = await checkedRows(
    ctx,
    windowPlan,
    [
      { kernel: 'block-sparse', baseline: 'dense-fused', extra: { goal: 'ratio <= 0.15 at n = 4096' } },
      { kernel: 'block-sparse', baseline: 'tfjs-unfused' },
    ],
    { samples, onProgress: progress('window') },
  );
  out.push(...w.rows);
  const [wb, wd] = [w.timings.get('block-sparse'), w.timings.get('dense-fused')];
  if (wb && wd) ctx.log(`  block-sparse / dense fused = ${(wb.medianMs / wd.medianMs).toFixed(3)} (goal <= 0.15; tile ideal ${patternStats('window', windowPlan.params).blockDensity.toFixed(3)})`);

  // 2. BigBird, 64-token blocks, r = 3
  const bigInput = labInput('bigbird', n, window, bigBlock, bigR);
  const bigPlan = planOf(bigInput);
  const bigFull = resolveLabConfig(bigInput).bigBirdFull;
  ctx.log(`attention: bigbird n=${n} b=${bigBlock} r=${bigR}${bigFull ? ' (full-attention fallback)' : ''}`);
  const b = await checkedRows(ctx, bigPlan, [{ kernel: 'block-sparse', baseline: 'dense-fused', extra: { goal: 'ratio <= 0.25 at n = 4096', fullFallback: bigFull } }], { samples, onProgress: progress('bigbird') });
  out.push(...b.rows);
  const [bb, bd] = [b.timings.get('block-sparse'), b.timings.get('dense-fused')];
  if (bb && bd) ctx.log(`  block-sparse / dense fused = ${(bb.medianMs / bd.medianMs).toFixed(3)} (goal <= 0.25)`);

  // 3. window scaling: t(2n) / t(n), interleaved
  const small = planOf(labInput('window', n, window, windowBlock, 0));
  const large = planOf(labInput('window', 2 * n, window, windowBlock, 0));
  ctx.log(`attention: window scaling t(${2 * n}) / t(${n})`);
  const statsSmall = patternStats('window', small.params);
  const statsLarge = patternStats('window', large.params);
  const scalingParams = {
    pattern: 'window',
    windowSize: window,
    blockSize: windowBlock,
    headDim: HEAD_DIM,
    heads: 1,
    seqLen: 2 * n,
    baselineSeqLen: n,
    metric: `t(${2 * n})/t(${n})`,
  };
  for (const plan of [small, large]) {
    const c = await checkPath(ctx.kernels, plan, 'block-sparse', SEED);
    ctx.log(`  check ${describeCheck(`block-sparse attention, n = ${plan.shape.seqLen}`, c)}`);
    if (!c.pass) {
      out.push(
        failedRow(
          { kernel: `block-sparse@${2 * n}`, baseline: `block-sparse@${n}`, params: { ...scalingParams, goal: 'ratio <= 2.3' }, sparsity: 1 - statsLarge.elementDensity, idealSpeedup: statsSmall.nonEmptyBlocks / statsLarge.nonEmptyBlocks },
          `block-sparse attention at n = ${plan.shape.seqLen}`,
          c,
        ),
      );
      return out;
    }
  }
  const vs = blockSparseVariant(ctx.kernels, small, SEED);
  const vl = blockSparseVariant(ctx.kernels, large, SEED);
  try {
    const [ts, tl] = await timeInterleaved(
      [
        { name: `block-sparse@${n}`, run: vs.run },
        { name: `block-sparse@${2 * n}`, run: vl.run },
      ],
      () => waitForGpu(ctx.kernels),
      { samples, warmup: 2, minSampleMs: 1, signal: ctx.signal, onProgress: progress('scaling') },
    );
    out.push({
      kernel: tl.name,
      baseline: ts.name,
      params: {
        ...scalingParams,
        ratio: Number((tl.medianMs / ts.medianMs).toFixed(4)),
        goal: 'ratio <= 2.3',
      },
      sparsity: 1 - statsLarge.elementDensity,
      kernelMs: tl.medianMs,
      baselineMs: ts.medianMs,
      speedup: ts.medianMs / tl.medianMs,
      idealSpeedup: statsSmall.nonEmptyBlocks / statsLarge.nonEmptyBlocks,
      kernelCv: tl.cv,
      baselineCv: ts.cv,
    });
    ctx.log(`  t(${2 * n}) / t(${n}) = ${(tl.medianMs / ts.medianMs).toFixed(3)} (goal <= 2.3; tiles ratio ${(statsLarge.nonEmptyBlocks / statsSmall.nonEmptyBlocks).toFixed(3)})`);
  } finally {
    vs.dispose();
    vl.dispose();
  }
  return out;
}

export const suite: BenchSuite = { lab: 'attention', run };
