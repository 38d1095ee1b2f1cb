import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalArray } from '../random';
import type { MaskOrder } from './config';
import { LinearModel, type OptimizerSettings } from './linear-model';
import { runTraining } from './run-training';
import { runStep, stepSequence } from './step-sequence';
import { baseConfig, makeToyBatches } from './test-data';
import { TfMlpTrainer, initMlpParameters } from './tf-mlp-trainer';

const IN = 12;
const OUT = 4;
const batches = makeToyBatches(48, IN, OUT, 16, 11);
const toMlp = (b: (typeof batches)[number]) => ({ images: b.x, labels: b.y, count: b.count });

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('TfMlpTrainer runs the same step sequence as the hand-written linear model', () => {
  const cases: [string, OptimizerSettings, MaskOrder][] = [
    ['Adam, default order', { kind: 'adam', learningRate: 0.05 }, 'default'],
    ['Adam, source order', { kind: 'adam', learningRate: 0.05 }, 'source'],
    ['SGD + momentum, default order', { kind: 'sgd', learningRate: 0.1, momentum: 0.9 }, 'default'],
    ['SGD + momentum, source order', { kind: 'sgd', learningRate: 0.1, momentum: 0.9 }, 'source'],
  ];
  it.each(cases)('%s: same weights and zero counts after 8 steps', (_name, optimizer, order) => {
    const weight = normalArray(IN * OUT, 5, 0.3);
    const ref = new LinearModel(IN, OUT, { weight }, optimizer);
    const trainer = new TfMlpTrainer(tf, {
      arch: [IN, OUT],
      seed: 0,
      optimizer,
      init: { weights: [weight], biases: [new Float32Array(OUT)] },
    });
    for (let s = 0; s < 8; s++) {
      const target = s < 2 ? 0 : 0.5;
      const ops = stepSequence(order, order === 'source' ? target > 0 : s === 2);
      const a = runStep(ref, ops, batches[s % 3], { target, scope: 'layer' });
      const b = runStep(trainer, ops, toMlp(batches[s % 3]), { target, scope: 'layer' });
      expect(b.loss).toBeCloseTo(a.loss, 4);
      expect(b.correct).toBe(a.correct);
      expect(trainer.countZeroWeights()).toEqual(ref.countZeroWeights());
    }
    const w = trainer.readWeights()[0];
    for (let i = 0; i < w.length; i++) expect(w[i]).toBeCloseTo(ref.weight[i], 4);
    trainer.dispose();
  });
});

describe('TfMlpTrainer on a small MLP', () => {
  it('keeps tf.memory().numTensors flat across steps, mask updates and evaluation, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const trainer = new TfMlpTrainer(tf, { arch: [IN, 8, OUT], seed: 2, optimizer: { kind: 'adam', learningRate: 0.01 } });
    trainer.setEvaluationData(batches[0].x, batches[0].y, batches[0].count);
    const counts: number[] = [];
    await runTraining({
      model: trainer,
      config: { ...baseConfig, subset: 48, batchSize: 16, epochs: 4, beginStep: 1, endStep: 9, frequency: 1, final: 0.7 },
      batches: () => batches.map(toMlp),
      evaluate: () => trainer.evaluate(),
      onStep: (r) => {
        if (r.step >= 3) counts.push(tf.memory().numTensors);
      },
    });
    expect(new Set(counts).size).toBe(1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('default order: the measured sparsity of all weight matrices equals the target at every step', async () => {
    const trainer = new TfMlpTrainer(tf, { arch: [IN, 8, OUT], seed: 3, optimizer: { kind: 'adam', learningRate: 0.01 } });
    trainer.setEvaluationData(batches[0].x, batches[0].y, batches[0].count);
    const summary = await runTraining({
      model: trainer,
      config: { ...baseConfig, subset: 48, batchSize: 16, epochs: 4, beginStep: 1, endStep: 9, frequency: 2, final: 0.75, scope: 'global' },
      batches: () => batches.map(toMlp),
      evaluate: () => trainer.evaluate(),
    });
    expect(summary.finalMeasured).toBe(0.75); // 96 + 32 = 128 weights, 96 pruned
    // global pruning counts round(s · 128): within half a weight of the target
    expect(summary.maxGap).toBeLessThanOrEqual(0.5 / 128 + 1e-12);
    expect(summary.finalTestAccuracy).toBeGreaterThanOrEqual(0);
    trainer.dispose();
  });

  it('initMlpParameters is seeded Glorot uniform with zero biases', () => {
    const a = initMlpParameters([100, 50, 10], 1);
    const b = initMlpParameters([100, 50, 10], 1);
    expect(a.weights[0]).toEqual(b.weights[0]);
    expect(a.weights[0].length).toBe(50 * 100);
    const limit = Math.sqrt(6 / (100 + 50));
    expect(a.weights[0].every((w) => Math.abs(w) <= limit)).toBe(true);
    expect(a.biases[1].every((v) => v === 0)).toBe(true);
    expect(initMlpParameters([100, 50, 10], 2).weights[0]).not.toEqual(a.weights[0]);
  });
});
