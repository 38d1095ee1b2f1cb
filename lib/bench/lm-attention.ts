/**
 * The attention lab's model work against its budgets, on WASM (browser only; called by the 'lm'
 * suite with the model and test text it already fetched):
 *   1. a pattern change: the passage's loss with a window pattern in every layer, which is what
 *      the page recomputes first when a slider moves (the dense loss is cached): one causal mask
 *      (lib/attention/lm-heads.ts) and one 256-character forward pass, against 1 s;
 *   2. the quality-vs-density sweep's window family: 8 window sizes over the fixed test sample
 *      (lib/lm/eval-windows.ts, 6 windows of 256), against 20 s.
 * speedup = budget / measured, so ≥ 1 is within budget.
 */
import { sweepSpecs } from '../attention/lm-heads';
import type { PatternParams } from '../attention/params';
import { useNamedModelBackend } from '../compute/tf';
import { timeInterleaved } from '../compute/timing';
import { patternNll } from '../lm/attention-jobs';
import type { Checkpoint } from '../lm/checkpoint';
import { EVAL_WINDOW_COUNT, evalWindows } from '../lm/eval-windows';
import { TfLm } from '../lm/tf-lm';
import type { Vocab } from '../lm/vocab';
import type { BenchContext, BenchMeasurement } from './types';

export const PATTERN_CHANGE_BUDGET_MS = 1000;
export const WINDOW_SWEEP_BUDGET_MS = 20_000;

const BASE: PatternParams = { seqLen: 256, windowSize: 32, dilation: 2, stride: 128, summaryTokens: 8, globalTokens: 16, randomBlocks: 3, blockSize: 64, sinkTokens: 4, seed: 1, causal: true };

export async function attentionLmRows(ctx: BenchContext, ckpt: Checkpoint, vocab: Vocab, docs: { text: string }[]): Promise<BenchMeasurement[]> {
  const { tf } = await useNamedModelBackend('wasm');
  const lm = new TfLm(tf, ckpt);
  const sample = evalWindows(docs, vocab, EVAL_WINDOW_COUNT, ckpt.config.maxPositions);
  const V = ckpt.config.vocabSize;
  const params = { model: 'lm-en', backend: 'wasm', characters: sample.ids[0].length };
  try {
    const spec = { name: 'window' as const, params: BASE };
    let pending: Promise<unknown> = Promise.resolve();
    const change = { name: 'pattern change: passage loss with a window (wasm)', run: () => void (pending = patternNll(lm, V, [sample.ids[0]], [spec])) };
    const samples = ctx.size === 'tiny' ? 3 : ctx.size === 'quick' ? 10 : 20;
    ctx.log(`lm: ${samples} pattern changes on wasm`);
    const [c] = await timeInterleaved([change], () => pending.then(() => undefined), { samples, warmup: 1, maxRepeats: 1, signal: ctx.signal });
    const rows: BenchMeasurement[] = [
      {
        kernel: c.name,
        baseline: `budget ${PATTERN_CHANGE_BUDGET_MS} ms`,
        params: { ...params, pattern: 'window', windowSize: BASE.windowSize, budgetMs: PATTERN_CHANGE_BUDGET_MS },
        sparsity: 0,
        kernelMs: c.medianMs,
        baselineMs: PATTERN_CHANGE_BUDGET_MS,
        speedup: PATTERN_CHANGE_BUDGET_MS / c.medianMs,
        idealSpeedup: 1,
        kernelCv: c.cv,
      },
    ];
    // the sweep takes seconds: timed once (twice outside 'tiny'), the faster run reported
    const specs = sweepSpecs('window', BASE).map((s) => s.spec);
    const runs = ctx.size === 'tiny' ? 1 : 2;
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < runs; r++) {
      ctx.signal?.throwIfAborted();
      ctx.log(`lm: window sweep ${r + 1} of ${runs} (${specs.length} sizes × ${sample.ids.length} windows)`);
      const t0 = performance.now();
      await patternNll(lm, V, sample.ids, specs);
      best = Math.min(best, performance.now() - t0);
    }
    rows.push({
      kernel: `sweep: ${specs.length} window sizes × ${sample.ids.length} passages (wasm)`,
      baseline: `budget ${WINDOW_SWEEP_BUDGET_MS / 1000} s`,
      params: { ...params, sizes: specs.length, passages: sample.ids.length, runs, budgetMs: WINDOW_SWEEP_BUDGET_MS },
      sparsity: 0,
      kernelMs: best,
      baselineMs: WINDOW_SWEEP_BUDGET_MS,
      speedup: WINDOW_SWEEP_BUDGET_MS / best,
      idealSpeedup: 1,
    });
    return rows;
  } finally {
    lm.dispose();
  }
}
