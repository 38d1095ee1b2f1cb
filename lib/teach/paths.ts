/**
 * The guided paths and end-of-lab checks of the labs (registry). Texts: lib/i18n/teach.ts.
 *
 * Presets are small canonical URLs that finish in seconds on a software GPU adapter too: the
 * training runs use 2,000 digits in batches of 64 (32 steps per epoch, 160 steps in 5 epochs,
 * about 10 s on WASM), the measurements a 256 × 256 weight.
 */
import { accelerationSchema } from '../state/acceleration';
import { modelsSchema } from '../state/models';
import { trainingSchema } from '../state/training';
import { fitCubicToRun } from '../training/config';
import type { TeachLab } from './course';
import { type GuidedPathDef, defineGuidedPath } from './guided';
import { attentionPath } from './path-attention';
import { pruningPath } from './path-pruning';
import { moePath } from './path-moe';

/** The training runs of the guided path: 2,000 digits, batch 64, 5 epochs = 160 steps. */
const RUN = { subset: 2000, batch: 64, epochs: 5 } as const;
const CUBIC_FIT = fitCubicToRun(160, 32);
const CUBIC = {
  ...RUN,
  sched: 'cubic',
  final: 0.9,
  init: 0,
  begin: CUBIC_FIT.beginStep,
  end: CUBIC_FIT.endStep,
  freq: CUBIC_FIT.frequency,
} as const;

export const trainingPath = defineGuidedPath({
  lab: 'training',
  schema: trainingSchema,
  steps: [
    {
      id: 'cubic',
      preset: { ...CUBIC },
      needs: ['cubic.acc', 'cubic.measured'],
      verdict: (v) => (v['cubic.acc'] > 0.9 ? 0 : 1),
      panel: 'readouts',
    },
    // one-shot at the start of the last epoch: 32 steps left to recover
    {
      id: 'oneshot',
      preset: { ...RUN, sched: 'one-shot', final: 0.9, t0: 128 },
      needs: ['oneshot.acc', 'cubic.acc'],
      verdict: (v) => (v['oneshot.acc'] >= v['cubic.acc'] - 0.005 ? 0 : 1),
      panel: 'runs',
    },
    {
      id: 'linear',
      preset: { ...RUN, sched: 'linear', final: 0.9 },
      needs: ['linear.acc', 'cubic.acc'],
      verdict: (v) => (Math.abs(v['linear.acc'] - v['cubic.acc']) <= 0.01 ? 0 : 1),
      panel: 'runs',
    },
    {
      id: 'source',
      preset: { ...CUBIC, order: 'source' },
      needs: ['source.measured', 'source.target'],
      verdict: (v) => (v['source.measured'] >= v['source.target'] - 0.005 ? 0 : 1),
      panel: 'readouts',
    },
    {
      id: 'hard',
      preset: { ...CUBIC },
      needs: ['source.hard', 'cubic.hard', 'source.acc', 'cubic.acc'],
      verdict: (v) => (v['cubic.hard'] >= v['source.hard'] ? 0 : 1),
      panel: 'runs',
    },
  ],
  check: [
    {
      id: 'orderReaches',
      needs: ['cubic.measured', 'cubic.target', 'source.measured', 'source.target'],
      answer: (v) => ({
        kind: 'choice',
        index:
          reaches(v['cubic.measured'], v['cubic.target']) && !reaches(v['source.measured'], v['source.target'])
            ? 0
            : reaches(v['source.measured'], v['source.target']) && !reaches(v['cubic.measured'], v['cubic.target'])
              ? 1
              : 2,
      }),
      panel: 'runs',
    },
    {
      id: 'hardWinner',
      needs: ['cubic.hard', 'source.hard'],
      answer: (v) => ({ kind: 'choice', index: v['cubic.hard'] >= v['source.hard'] ? 0 : 1 }),
      panel: 'runs',
    },
    { id: 'perEpoch', needs: ['perEpoch'], answer: (v) => ({ kind: 'number', value: v.perEpoch, tolerance: 0 }), panel: 'controls' },
    {
      id: 'linearStep',
      needs: ['linearStep'],
      answer: (v) => ({ kind: 'number', value: v.linearStep, tolerance: 0.15 }),
      panel: 'schedule-preview',
    },
  ],
});

/** A run reached its target when the measured sparsity is within half a point of it. */
function reaches(measured: number, target: number): boolean {
  return measured >= target - 0.005;
}

/** The measurements of the guided path: a 256 × 256 weight (seconds to a few minutes even on a software adapter). */
const MEASURE = { size: '256', block: '32', samples: 20 } as const;

export const accelerationPath = defineGuidedPath({
  lab: 'acceleration',
  schema: accelerationSchema,
  steps: [
    {
      id: 'formats90',
      preset: { ...MEASURE, batch: '64', csr: true, bsr: true, nm24: false },
      needs: ['b64.csr.at90', 'b64.bsr.at90'],
      verdict: (v) => (Math.max(v['b64.csr.at90'], v['b64.bsr.at90']) < 2 ? 2 : v['b64.csr.at90'] > v['b64.bsr.at90'] ? 0 : 1),
      panel: 'speed-table',
    },
    {
      id: 'breakEven64',
      preset: { ...MEASURE, batch: '64', csr: true, bsr: true, nm24: false },
      needs: ['b64.csr.breakEven'],
      verdict: (v) => (v['b64.csr.breakEven'] < 0.5 ? 0 : v['b64.csr.breakEven'] <= 0.7 ? 1 : 2),
      panel: 'speed-chart',
    },
    {
      id: 'decode',
      preset: { ...MEASURE, batch: '1', csr: true, bsr: false, nm24: true },
      needs: ['b1.s24.at50', 'b1.csr.at90'],
      verdict: (v) => (v['b1.s24.at50'] >= 1 ? 0 : 1),
      panel: 'speed-table',
    },
    {
      id: 'dynamic',
      preset: { ...MEASURE, batch: '64', mode: 'topk', keep: 0.1, layer: 'h1' },
      needs: ['dyn.acc', 'dyn.base', 'dyn.kept'],
      verdict: (v) => (v['dyn.base'] - v['dyn.acc'] <= 0.01 ? 0 : 1),
      panel: 'dynamic',
    },
    // the whole model: lm-en decoding with CSR at 50% against dense, 8 tokens each (seconds on a software adapter)
    {
      id: 'model',
      preset: { ...MEASURE, batch: '64', csr: true, bsr: false, nm24: false, dmethod: 'magnitude', dsp: '50', dtokens: 8 },
      needs: ['dec.csr.at50', 'dec.csr.linear50', 'dec.share', 'dec.limit', 'dec.ppl.dense', 'dec.ppl.csr50'],
      verdict: (v) => (v['dec.csr.at50'] >= 1.5 ? 0 : v['dec.csr.at50'] >= 1.05 ? 1 : 2),
      panel: 'decode',
    },
  ],
  check: [
    {
      id: 'csrBreakEven',
      needs: ['b64.csr.breakEven'],
      answer: (v) => ({ kind: 'number', value: 100 * v['b64.csr.breakEven'], tolerance: 3 }),
      panel: 'speed-chart',
    },
    {
      id: 'faster90',
      needs: ['b64.csr.at90', 'b64.bsr.at90'],
      answer: (v) => ({ kind: 'choice', index: v['b64.csr.at90'] > v['b64.bsr.at90'] ? 0 : 1 }),
      panel: 'speed-table',
    },
    {
      id: 'decode24',
      needs: ['b1.s24.at50'],
      answer: (v) => ({ kind: 'choice', index: v['b1.s24.at50'] >= 1 ? 0 : 1 }),
      panel: 'speed-table',
    },
    {
      id: 'dynamicCost',
      needs: ['dyn.acc', 'dyn.base'],
      answer: (v) => ({ kind: 'number', value: 100 * (v['dyn.base'] - v['dyn.acc']), tolerance: 0.3 }),
      panel: 'dynamic',
    },
  ],
});

/** A line of random letters: nothing a model of English can predict beyond the letter frequencies. */
export const RANDOM_LETTERS = 'qzv xkj wpf bmg lyt hcd rns ojq uvx kfz gwp tlm ybd';

export const modelsPath = defineGuidedPath({
  lab: 'models',
  schema: modelsSchema,
  steps: [
    {
      id: 'read',
      preset: { model: 'lm-en', source: 'passage', passage: 0 },
      needs: ['bpc.lm-en.p0', 'uniform.lm-en'],
      verdict: (v) => (v['bpc.lm-en.p0'] < v['uniform.lm-en'] / 2 ? 0 : 1),
      panel: 'text-panel',
    },
    {
      id: 'random',
      preset: { model: 'lm-en', source: 'text', text: RANDOM_LETTERS },
      needs: ['bpc.lm-en.text', 'bpc.lm-en.p0'],
      verdict: (v) => (v['bpc.lm-en.text'] > 2 * v['bpc.lm-en.p0'] ? 0 : 1),
      panel: 'text-panel',
    },
    {
      id: 'moe',
      preset: { model: 'moe-en', source: 'passage', passage: 0 },
      needs: ['bpc.moe-en.p0', 'bpc.lm-en.p0'],
      verdict: (v) => (v['bpc.moe-en.p0'] < v['bpc.lm-en.p0'] ? 0 : 1),
      panel: 'text-panel',
    },
    {
      id: 'decode',
      preset: { model: 'lm-en', source: 'passage', passage: 0, temp: 0, length: 60 },
      needs: ['cps'],
      verdict: (v) => (v.cps > 20 ? 0 : 1),
      panel: 'text-panel',
    },
  ],
  check: [
    {
      id: 'perplexity',
      needs: ['bpc.lm-en.p0'],
      answer: (v) => ({ kind: 'number', value: 2 ** v['bpc.lm-en.p0'], tolerance: 0.02 * 2 ** v['bpc.lm-en.p0'] + 0.01 }),
      panel: 'text-panel',
    },
    {
      id: 'better',
      needs: ['bpc.lm-en.p0', 'bpc.moe-en.p0'],
      answer: (v) => ({ kind: 'choice', index: v['bpc.lm-en.p0'] <= v['bpc.moe-en.p0'] ? 0 : 1 }),
      panel: 'text-panel',
    },
    {
      id: 'randomRatio',
      needs: ['bpc.lm-en.text', 'bpc.lm-en.p0'],
      answer: (v) => ({ kind: 'number', value: v['bpc.lm-en.text'] / v['bpc.lm-en.p0'], tolerance: 0.1 }),
      panel: 'text-panel',
    },
  ],
});

/** Every lab with a guided path (the attention, pruning and MoE labs add theirs here). */
export const GUIDED_PATHS: Partial<Record<TeachLab, GuidedPathDef>> = {
  training: trainingPath as unknown as GuidedPathDef,
  acceleration: accelerationPath as unknown as GuidedPathDef,
  models: modelsPath as unknown as GuidedPathDef,
  attention: attentionPath as unknown as GuidedPathDef,
  pruning: pruningPath as unknown as GuidedPathDef,
  moe: moePath as unknown as GuidedPathDef,
};
