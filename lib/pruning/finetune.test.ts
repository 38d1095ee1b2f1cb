import { describe, expect, it } from 'vitest';
import type { MlpWeights } from '../models/mlp';
import { l1UnstructuredMask } from '../sparsity/pruning';
import { computeGradients, createFineTuner, maskedCopy } from './finetune';
import { makeRandomData, makeRandomMlp } from './test-helpers';

const net = makeRandomMlp(21, [6, 5, 4, 3]);
const data = makeRandomData(5, 8, 6, 3);

function loss(w: MlpWeights): number {
  const gw = w.layers.map((l) => new Float32Array(l.weight.length));
  const gb = w.layers.map((l) => new Float32Array(l.bias.length));
  return computeGradients(w, data.images, data.labels, data.count, gw, gb);
}

describe('computeGradients', () => {
  it('matches central finite differences of the mean cross-entropy', () => {
    const gw = net.layers.map((l) => new Float32Array(l.weight.length));
    const gb = net.layers.map((l) => new Float32Array(l.bias.length));
    computeGradients(net, data.images, data.labels, data.count, gw, gb);
    const h = 1e-2;
    for (let l = 0; l < net.layers.length; l++) {
      for (const [param, grad] of [
        [net.layers[l].weight, gw[l]],
        [net.layers[l].bias, gb[l]],
      ] as const) {
        for (let i = 0; i < param.length; i += 3) {
          const keep = param[i];
          param[i] = keep + h;
          const up = loss(net);
          param[i] = keep - h;
          const down = loss(net);
          param[i] = keep;
          expect(grad[i]).toBeCloseTo((up - down) / (2 * h), 2);
        }
      }
    }
  });
});

describe('createFineTuner', () => {
  const masks = net.layers.map((l) => l1UnstructuredMask(l.weight, 0.5));
  const train = makeRandomData(6, 64, 6, 3);

  it('keeps every pruned weight at exactly 0 and does not touch the input weights', () => {
    const before = net.layers.map((l) => Float32Array.from(l.weight));
    const ft = createFineTuner(net, masks, train, { seed: 1, batchSize: 16, learningRate: 0.05 });
    for (let s = 0; s < 20; s++) ft.step();
    ft.weights.layers.forEach((layer, l) => {
      for (let i = 0; i < layer.weight.length; i++) if (masks[l][i] === 0) expect(layer.weight[i]).toBe(0);
    });
    net.layers.forEach((l, k) => expect(l.weight).toEqual(before[k]));
    expect(ft.steps).toBe(20);
  });

  it('lowers the training loss', () => {
    const ft = createFineTuner(net, masks, train, { seed: 2, batchSize: 64, learningRate: 0.02 });
    const first = ft.step();
    let last = first;
    for (let s = 0; s < 60; s++) last = ft.step();
    expect(last).toBeLessThan(first);
  });

  it('is reproducible from its seed', () => {
    const run = (seed: number) => {
      const ft = createFineTuner(net, masks, train, { seed, batchSize: 10 });
      for (let s = 0; s < 12; s++) ft.step();
      return ft.weights.layers[0].weight;
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('maskedCopy zeroes pruned entries in a copy', () => {
    const c = maskedCopy(net, masks);
    expect(c.layers[0].weight).not.toBe(net.layers[0].weight);
    for (let i = 0; i < masks[0].length; i++) expect(c.layers[0].weight[i]).toBe(masks[0][i] ? net.layers[0].weight[i] : 0);
  });

  it('rejects bad options', () => {
    expect(() => createFineTuner(net, masks, train, { seed: 1, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createFineTuner(net, masks, train, { seed: 1, learningRate: -1 })).toThrow(/learningRate/);
    expect(() => createFineTuner(net, masks, { ...train, count: 0 }, { seed: 1 })).toThrow(/training digit/);
  });
});
