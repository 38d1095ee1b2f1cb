/**
 * The pruning lab's guided path and end-of-lab check (texts: lib/i18n/teach-pruning.ts), and the
 * names of the live values the lab reports to them.
 *
 * The lab has two models (lib/state/pruning.ts, `model=`): the MNIST MLP and a language model.
 * Every evaluation the page finishes is remembered for this page view under a name built from
 * its settings, so a reveal can compare runs made at different steps:
 *   mnist.dense                              dense test accuracy of the MLP (2,000 digits)
 *   mnist.<method>.<amount %>.<scope>        test accuracy after one-shot pruning, e.g.
 *                                            mnist.l1-unstructured.90.hidden (N:M: mnist.nm.2:4.<scope>)
 *   lm.<model>.dense                         per-character test perplexity of the dense model
 *   lm.<model>.<method>.<amount % | n:m>[.c<calib>]
 *                                            perplexity after pruning every linear layer (head
 *                                            dense), e.g. lm.lm-en.wanda.50.c4; the calibration
 *                                            size only for the methods that calibrate
 * Runs with other settings (iterations, norms, block sizes, a single layer type, the pruned head,
 * magnitude within rows) are not remembered: the path never asks about them.
 *
 * Presets finish in seconds on WASM: the MNIST evaluations take well under a second, and each
 * language-model step prunes lm-en once with 4 calibration windows (SparseGPT about 6 s, then a
 * few seconds of evaluation on the fixed test windows). Measured with the lab's own functions
 * (lib/pruning/lab-jobs.ts, scripts/prune-lm.ts --calib 4) before the verdicts were written:
 * dense 97.80%, L1 90% hidden 85.05%, Ln structured 50% hidden 74.90% and all 47.20%;
 * lm-en dense 4.337, magnitude 50% 4.561, Wanda 50% (calib 4) 4.550, SparseGPT 50% 4.447.
 */
import { type LmPruneSpec, LINEAR_KINDS, needsCalibration } from '../lm/prune';
import type { PruneSettings } from '../pruning/model-masks';
import { pruningSchema } from '../state/pruning';
import { type Known, defineGuidedPath } from './guided';

/** Live-value name of an MNIST evaluation, or null when the path never asks about such settings. */
export function mnistLiveKey(s: PruneSettings): string | null {
  const plain = s.norm === 2 && s.dim === 0 && s.blockSize === 4 && s.iterations === 1 && (s.method !== 'nm' || (s.n === 2 && s.m === 4));
  if (!plain || !(s.amount >= 0 && s.amount <= 1)) return null;
  const amount = s.method === 'nm' ? `${s.n}:${s.m}` : String(Math.round(s.amount * 100));
  return `mnist.${s.method}.${amount}.${s.scope}`;
}

/** Live-value name of a language-model evaluation, or null when the path never asks about it. */
export function lmLiveKey(model: string, spec: LmPruneSpec, calib: number): string | null {
  const allKinds = spec.kinds.length === LINEAR_KINDS.length && LINEAR_KINDS.every((k) => spec.kinds.includes(k));
  if (!allKinds || spec.embed || (spec.method === 'magnitude' && spec.group !== 'layer')) return null;
  const structured = spec.method === 'heads' || spec.method === 'channels';
  const amount = !structured && spec.pattern !== 'unstructured' ? spec.pattern : String(Math.round(spec.amount * 100));
  return `lm.${model}.${spec.method}.${amount}${needsCalibration(spec.method) ? `.c${calib}` : ''}`;
}

/** The language-model steps: lm-en, every linear layer, 4 calibration windows of 256 characters. */
const LM = { model: 'lm', lm: 'lm-en', pattern: 'unstructured', amount: 0.5, calib: 4 } as const;

export const K = {
  dense: 'mnist.dense',
  l190: 'mnist.l1-unstructured.90.hidden',
  l150: 'mnist.l1-unstructured.50.hidden',
  ln50: 'mnist.ln-structured.50.hidden',
  ln50all: 'mnist.ln-structured.50.all',
  lmDense: 'lm.lm-en.dense',
  mag: 'lm.lm-en.magnitude.50',
  wanda: 'lm.lm-en.wanda.50.c4',
  sgpt: 'lm.lm-en.sparsegpt.50.c4',
} as const;

/** Ordering of the three language-model methods: 0 SparseGPT < Wanda < magnitude, 1 Wanda < SparseGPT < magnitude, 2 magnitude is not the worst. */
export function lmOrdering(v: Known): number {
  const mag = v[K.mag];
  const wanda = v[K.wanda];
  const sgpt = v[K.sgpt];
  if (mag <= wanda || mag <= sgpt) return 2;
  return sgpt <= wanda ? 0 : 1;
}

/** Index of the method with the lowest perplexity: 0 magnitude, 1 Wanda, 2 SparseGPT. */
export function lmBest(v: Known): number {
  const ppl = [v[K.mag], v[K.wanda], v[K.sgpt]];
  return ppl.indexOf(Math.min(...ppl));
}

export const pruningPath = defineGuidedPath({
  lab: 'pruning',
  schema: pruningSchema,
  steps: [
    // L1 per layer at 90% on fc1 and fc2 (fc3 dense, the default scope): above 90% accuracy?
    {
      id: 'l1at90',
      preset: { model: 'mnist', method: 'l1-unstructured', amount: 0.9 },
      needs: [K.l190, K.dense],
      verdict: (v) => (v[K.l190] > 0.9 ? 0 : 1),
      panel: 'accuracy-summary',
    },
    // whole rows (neurons) of fc1 and fc2 at 50%: within 5 points of dense?
    {
      id: 'structured',
      preset: { model: 'mnist', method: 'ln-structured', amount: 0.5 },
      needs: [K.ln50, K.dense],
      verdict: (v) => (v[K.dense] - v[K.ln50] <= 0.05 ? 0 : 1),
      panel: 'weights',
    },
    // the same on fc3 too: its rows are the 10 classes. More than 10 points lower again?
    {
      id: 'outputLayer',
      preset: { model: 'mnist', method: 'ln-structured', amount: 0.5, scope: 'all' },
      needs: [K.ln50all, K.ln50],
      verdict: (v) => (v[K.ln50] - v[K.ln50all] > 0.1 ? 0 : 1),
      panel: 'accuracy-summary',
    },
    // lm-en, magnitude at 50%: does the perplexity rise by more than 10%?
    {
      id: 'lmMagnitude',
      preset: { ...LM, lmMethod: 'magnitude' },
      needs: [K.mag, K.lmDense],
      verdict: (v) => (v[K.mag] > 1.1 * v[K.lmDense] ? 0 : 1),
      panel: 'lm-live',
    },
    // Wanda at 50%: lower than magnitude?
    {
      id: 'lmWanda',
      preset: { ...LM, lmMethod: 'wanda' },
      needs: [K.wanda, K.mag, K.lmDense],
      verdict: (v) => (v[K.wanda] < v[K.mag] ? 0 : 1),
      panel: 'lm-live',
    },
    // SparseGPT at 50%: which ordering of the three?
    {
      id: 'lmSparsegpt',
      preset: { ...LM, lmMethod: 'sparsegpt' },
      needs: [K.sgpt, K.wanda, K.mag, K.lmDense],
      verdict: lmOrdering,
      panel: 'lm-live',
    },
  ],
  check: [
    {
      id: 'l1Loss',
      needs: [K.l190, K.dense],
      answer: (v) => ({ kind: 'number', value: 100 * (v[K.dense] - v[K.l190]), tolerance: 0.5 }),
      panel: 'accuracy-summary',
    },
    {
      id: 'outputCost',
      needs: [K.ln50, K.ln50all],
      answer: (v) => ({ kind: 'number', value: 100 * (v[K.ln50] - v[K.ln50all]), tolerance: 0.5 }),
      panel: 'accuracy-summary',
    },
    { id: 'lmBest', needs: [K.mag, K.wanda, K.sgpt], answer: (v) => ({ kind: 'choice', index: lmBest(v) }), panel: 'lm-live' },
    {
      id: 'lmRatio',
      needs: [K.mag, K.lmDense],
      answer: (v) => ({ kind: 'number', value: v[K.mag] / v[K.lmDense], tolerance: 0.02 }),
      panel: 'lm-live',
    },
  ],
});
