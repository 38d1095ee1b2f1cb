/**
 * The MoE lab's language-model benchmark (browser only: it fetches the shipped moe-en and the
 * test split), on tfjs's WASM backend, the page's fallback and its choice on software adapters:
 *   1. one routing evaluation (the trained routing on the fixed test subset, lib/lm/routing-eval.ts:
 *      6 windows of 256 characters) against the lab's budget of 2 s (speedup = 2000 / measured,
 *      so ≥ 1 is within budget);
 *   2. the same evaluation with top-1 routing against top-2: what halving the expert work saves
 *      end to end (idealSpeedup 2 is the expert work alone; attention, the router and the output
 *      layer do not shrink, so the measured ratio stays below it).
 * The suite switches tfjs to WASM and back to the previous backend at the end.
 */
import { useNamedModelBackend } from '../compute/tf';
import { timeInterleaved } from '../compute/timing';
import type { ModelBackend } from '../compute/backend';
import { trainedRouting } from '../lm/routing';
import { evaluateRouting, evaluationWindows } from '../lm/routing-eval';
import { TfLm } from '../lm/tf-lm';
import { asyncVariant as variant, fetchBenchModel, fetchEnglishTestDocs } from './model-fixture';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';

export const EVALUATION_BUDGET_MS = 2000;

async function run(ctx: BenchContext): Promise<BenchMeasurement[]> {
  const previous = ctx.kernels.tf.getBackend();
  const [{ ckpt, vocab }, docs] = await Promise.all([fetchBenchModel('moe-en'), fetchEnglishTestDocs()]);
  const windows = evaluationWindows(docs, vocab);
  const samples = ctx.size === 'tiny' ? 3 : ctx.size === 'quick' ? 5 : 10;
  try {
    const { tf } = await useNamedModelBackend('wasm');
    const lm = new TfLm(tf, ckpt);
    try {
      const evaluate = (policy: ReturnType<typeof trainedRouting> | null) => () =>
        evaluateRouting(windows, ckpt.config.vocabSize, (ids, record, p) => lm.forward(ids, undefined, record, p), policy);
      const top2 = variant('routing evaluation, trained top-2 (wasm)', evaluate(null));
      const top1 = variant('routing evaluation, top-1 (wasm)', evaluate(trainedRouting(1)));
      ctx.log(`moe-lm: ${samples} samples of a ${windows.length}-window routing evaluation on wasm`);
      const [a, b] = await timeInterleaved([top2.v, top1.v], async () => {
        await top2.sync();
        await top1.sync();
      }, { samples, warmup: 1, maxRepeats: 1, signal: ctx.signal });
      const params = { model: 'moe-en', backend: 'wasm', windows: windows.length, characters: windows.length * windows[0].ids.length };
      return [
        { kernel: a.name, baseline: `budget ${EVALUATION_BUDGET_MS} ms`, params: { ...params, budgetMs: EVALUATION_BUDGET_MS }, sparsity: 0.75, kernelMs: a.medianMs, baselineMs: EVALUATION_BUDGET_MS, speedup: EVALUATION_BUDGET_MS / a.medianMs, idealSpeedup: 1, kernelCv: a.cv },
        { kernel: b.name, baseline: a.name, params, sparsity: 0.875, kernelMs: b.medianMs, baselineMs: a.medianMs, speedup: a.medianMs / b.medianMs, idealSpeedup: 2, kernelCv: b.cv, baselineCv: a.cv },
      ];
    } finally {
      lm.dispose();
    }
  } finally {
    await useNamedModelBackend(previous as ModelBackend).catch(() => undefined);
  }
}

export const suite: BenchSuite = { lab: 'moe-lm', run };
