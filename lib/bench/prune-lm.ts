/**
 * The language-model pruning benchmark (browser only: it fetches the shipped lm-en and its
 * calibration windows): SparseGPT on all of lm-en at 50% unstructured on WASM, i.e. the dense
 * model's calibration pass over 32 × 256 training characters (Gram matrices of every linear
 * layer's input) plus sparseGptPrune of all 28 linear layers, against the budget of 60 s
 * (speedup = budget / measured, so ≥ 1 is within budget). Rows for Wanda (same calibration,
 * per-row scoring) and magnitude (no calibration) give the scale. One sample each by default
 * (each takes seconds); 'full' takes three and reports the median.
 */
import { useNamedModelBackend } from '../compute/tf';
import type { ModelBackend } from '../compute/backend';
import { LM_MODELS } from '../lm/models';
import { pruneCheckpoint } from '../lm/prune';
import { CALIBRATION_DEFAULT, parsePruneData, pruneDataUrl } from '../lm/prune-data';
import { DEFAULT_SPEC, calibrate } from '../lm/prune-jobs';
import { encodeText } from '../lm/vocab';
import { fetchBenchModel } from './model-fixture';
import type { BenchContext, BenchMeasurement, BenchSuite } from './types';

export const SPARSEGPT_BUDGET_MS = 60_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function run(ctx: BenchContext): Promise<BenchMeasurement[]> {
  const previous = ctx.kernels.tf.getBackend();
  const [{ ckpt, vocab }, data] = await Promise.all([fetchBenchModel('lm-en'), fetch(pruneDataUrl('en')).then((r) => r.json())]);
  const windowsCount = ctx.size === 'tiny' ? 4 : CALIBRATION_DEFAULT;
  const windows = parsePruneData(data).calibration.slice(0, windowsCount).map((t) => encodeText(vocab, t).ids);
  const samples = ctx.size === 'full' ? 3 : 1;
  const params = { model: 'lm-en', bytes: LM_MODELS['lm-en'].bytes, backend: 'wasm', calibrationWindows: windowsCount, windowCharacters: 256 };
  const times: Record<'sparsegpt' | 'wanda' | 'magnitude' | 'calibration', number[]> = { sparsegpt: [], wanda: [], magnitude: [], calibration: [] };
  try {
    const { tf } = await useNamedModelBackend('wasm');
    for (let s = 0; s < samples; s++) {
      if (ctx.signal.aborted) throw new DOMException('aborted', 'AbortError');
      ctx.log(`prune-lm: sample ${s + 1}/${samples}: calibration, SparseGPT, Wanda, magnitude on lm-en at 50%`);
      const t0 = performance.now();
      const stats = await calibrate(tf, ckpt, windows);
      const t1 = performance.now();
      await pruneCheckpoint(ckpt, { ...DEFAULT_SPEC, method: 'sparsegpt' }, stats);
      const t2 = performance.now();
      await pruneCheckpoint(ckpt, { ...DEFAULT_SPEC, method: 'wanda' }, stats);
      const t3 = performance.now();
      await pruneCheckpoint(ckpt, DEFAULT_SPEC, null);
      const t4 = performance.now();
      times.calibration.push(t1 - t0);
      times.sparsegpt.push(t2 - t0);
      times.wanda.push(t3 - t2 + (t1 - t0));
      times.magnitude.push(t4 - t3);
    }
  } finally {
    await useNamedModelBackend(previous as ModelBackend).catch(() => undefined);
  }
  const sgpt = median(times.sparsegpt);
  const row = (kernel: string, ms: number): BenchMeasurement => ({
    kernel,
    baseline: `SparseGPT budget ${SPARSEGPT_BUDGET_MS / 1000} s`,
    params: { ...params, calibrationMs: Math.round(median(times.calibration)) },
    sparsity: 0.5,
    kernelMs: ms,
    baselineMs: SPARSEGPT_BUDGET_MS,
    speedup: SPARSEGPT_BUDGET_MS / ms,
    idealSpeedup: 1,
  });
  return [row('SparseGPT, all of lm-en, 50% (calibration + prune, wasm)', sgpt), row('Wanda, all of lm-en, 50% (calibration + prune, wasm)', median(times.wanda)), row('magnitude, all of lm-en, 50% (wasm)', median(times.magnitude))];
}

export const suite: BenchSuite = { lab: 'prune-lm', run };
