import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../data/mnist-node';
import { createMulberry32 } from '../data/seeded-random';
import {
  type MlpWeights,
  accuracy,
  argmaxRows,
  collectLayerInputs,
  countMlpParameters,
  mlpForward,
  mlpHidden,
  predict,
  softmaxRows,
} from './mlp';
import { parseMlp, serializeMlp } from './mlp-format';
import { MLP_MODEL_DIR, loadMlpFromDisk } from './mlp-node';

const f32 = (values: number[]) => Float32Array.from(values);

/**
 * 2 → 3 → 2 net with values exact in float32:
 *   W1 = [[1, 1], [2, −1], [−1, 0.5]], b1 = [0, 0.5, 1]
 *   W2 = [[1, −2, 0.5], [−1, 0, 2]],   b2 = [0.25, −0.5]
 * x_a = [1, 2]:  z1 = [3, 0.5, 1]    → h = [3, 0.5, 1] → logits [2.75, −1.5]
 * x_b = [2, −1]: z1 = [1, 5.5, −1.5] → h = [1, 5.5, 0] → logits [−9.75, −1.5]
 */
const tiny: MlpWeights = {
  layers: [
    { name: 'fc1', in: 2, out: 3, weight: f32([1, 1, 2, -1, -1, 0.5]), bias: f32([0, 0.5, 1]) },
    { name: 'fc2', in: 3, out: 2, weight: f32([1, -2, 0.5, -1, 0, 2]), bias: f32([0.25, -0.5]) },
  ],
};
const tinyX = f32([1, 2, 2, -1]);

/** A random net and inputs with ~40 % exact zeros (exercises the zero-skipping paths). */
function randomNet(seed: number, arch: number[]): MlpWeights {
  const random = createMulberry32(seed);
  return {
    layers: arch.slice(1).map((out, l) => ({
      name: `fc${l + 1}`,
      in: arch[l],
      out,
      weight: Float32Array.from({ length: out * arch[l] }, () => random() * 2 - 1),
      bias: Float32Array.from({ length: out }, () => random() - 0.5),
    })),
  };
}
function randomInput(seed: number, length: number): Float32Array {
  const random = createMulberry32(seed);
  return Float32Array.from({ length }, () => (random() < 0.4 ? 0 : random()));
}

/** Reference: y[n, o] = b[o] + Σ_i x[n, i] W[o, i] M[o, i], ReLU on hidden layers, in float64. */
function referenceForward(weights: MlpWeights, x: Float32Array, batch: number, masks: (Uint8Array | undefined)[] = []): Float64Array {
  let h = Float64Array.from(x);
  weights.layers.forEach((layer, l) => {
    const y = new Float64Array(batch * layer.out);
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < layer.out; o++) {
        let sum = layer.bias[o];
        for (let i = 0; i < layer.in; i++) {
          const keep = masks[l] ? masks[l]![o * layer.in + i] : 1;
          sum += h[n * layer.in + i] * layer.weight[o * layer.in + i] * keep;
        }
        y[n * layer.out + o] = l < weights.layers.length - 1 ? Math.max(0, sum) : sum;
      }
    }
    h = y;
  });
  return h;
}

describe('mlpForward', () => {
  it('computes x Wᵀ + b with ReLU between layers, exactly, on a hand-made net', () => {
    expect(Array.from(mlpForward(tiny, tinyX, 2))).toEqual([2.75, -1.5, -9.75, -1.5]);
  });

  it('does not apply ReLU to the logits (negative logits survive)', () => {
    const logits = mlpForward(tiny, tinyX.subarray(2, 4), 1);
    expect(logits[0]).toBeLessThan(0);
    expect(logits[1]).toBeLessThan(0);
  });

  it('a mask zeroes the pruned weights: pruning W1[1, 0] changes sample a to [3.75, −1.5]', () => {
    const mask = Uint8Array.from([1, 1, 0, 1, 1, 1]);
    // z1[1] = 0·1 − 1·2 + 0.5 = −1.5 → h = [3, 0, 1] → logits [3 + 0.5 + 0.25, −3 + 2 − 0.5]
    expect(Array.from(mlpForward(tiny, tinyX.subarray(0, 2), 1, [mask]))).toEqual([3.75, -1.5]);
    expect(tiny.layers[0].weight[2]).toBe(2); // the weights themselves are untouched
  });

  it('masking is the same as zeroing the weights, and an all-zero mask leaves only the bias', () => {
    const net = randomNet(1, [20, 16, 5]);
    const mask = Uint8Array.from({ length: 16 * 20 }, (_, k) => (k % 3 === 0 ? 0 : 1));
    const zeroed: MlpWeights = {
      layers: [{ ...net.layers[0], weight: net.layers[0].weight.map((w, k) => (mask[k] ? w : 0)) }, net.layers[1]],
    };
    const x = randomInput(2, 4 * 20);
    expect(mlpForward(net, x, 4, [mask])).toEqual(mlpForward(zeroed, x, 4));
    const allPruned = new Uint8Array(5 * 16);
    const logits = mlpForward(net, x, 4, [undefined, allPruned]);
    for (let n = 0; n < 4; n++) expect(Array.from(logits.subarray(n * 5, n * 5 + 5))).toEqual(Array.from(net.layers[1].bias));
  });

  it('matches a plain float64 reference on a random 37-29-11-7 net, with and without masks', () => {
    const net = randomNet(3, [37, 29, 11, 7]);
    const x = randomInput(4, 9 * 37);
    const random = createMulberry32(5);
    const masks = net.layers.map((layer) => Uint8Array.from({ length: layer.out * layer.in }, () => (random() < 0.5 ? 1 : 0)));
    for (const m of [undefined, masks]) {
      const got = mlpForward(net, x, 9, m);
      const want = referenceForward(net, x, 9, m);
      got.forEach((v, k) => expect(v).toBeCloseTo(want[k], 4));
    }
  });

  it('processes each sample independently of the batch', () => {
    const net = randomNet(6, [30, 12, 4]);
    const x = randomInput(7, 5 * 30);
    const whole = mlpForward(net, x, 5);
    for (let n = 0; n < 5; n++) expect(mlpForward(net, x.slice(n * 30, (n + 1) * 30), 1)).toEqual(whole.slice(n * 4, (n + 1) * 4));
  });

  it('rejects inputs, masks and layer chains of the wrong size', () => {
    expect(() => mlpForward(tiny, tinyX, 3)).toThrow(RangeError);
    expect(() => mlpForward(tiny, tinyX, 2, [new Uint8Array(5)])).toThrow(RangeError);
    const broken: MlpWeights = { layers: [tiny.layers[0], { ...tiny.layers[1], in: 4, weight: new Float32Array(8) }] };
    expect(() => mlpForward(broken, tinyX, 2)).toThrow(/does not match/);
  });
});

describe('hidden activations, predictions and accuracy', () => {
  it('mlpHidden returns the post-ReLU activations of a hidden layer', () => {
    expect(Array.from(mlpHidden(tiny, tinyX, 2, 0))).toEqual([3, 0.5, 1, 1, 5.5, 0]);
    expect(() => mlpHidden(tiny, tinyX, 2, 1)).toThrow(RangeError); // the output layer is not hidden
  });

  it('collectLayerInputs gives x, then every hidden activation', () => {
    const inputs = collectLayerInputs(tiny, tinyX, 2);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toBe(tinyX);
    expect(inputs[1]).toEqual(mlpHidden(tiny, tinyX, 2, 0));
  });

  it('predict takes the argmax of the logits, and accuracy counts matches', () => {
    expect(Array.from(predict(tiny, tinyX, 2))).toEqual([0, 1]);
    const logits = f32([0.1, 0.9, 0, 5, -1, 2, 3, 3, 1]); // rows → 1, 0, tie 0/1 → 0
    expect(Array.from(argmaxRows(logits, 3))).toEqual([1, 0, 0]);
    expect(accuracy(logits, [1, 0, 1], 3)).toBeCloseTo(2 / 3, 12);
    expect(accuracy(logits, [1, 0, 0], 3)).toBe(1);
  });

  it('softmax rows are positive, sum to one and keep the argmax', () => {
    const p = softmaxRows(mlpForward(tiny, tinyX, 2), 2);
    expect(p[0] + p[1]).toBeCloseTo(1, 6);
    expect(p[2] + p[3]).toBeCloseTo(1, 6);
    expect(Array.from(argmaxRows(p, 2))).toEqual([0, 1]);
    expect(p[1] / p[0]).toBeCloseTo(Math.exp(-1.5 - 2.75), 5);
  });
});

describe('MLP file format', () => {
  it('round-trips weights through the little-endian float32 layout in state_dict order', () => {
    const net = randomNet(8, [6, 4, 3]);
    const info = { testAccuracy: 0.5, trainAccuracy: 0.6, epochs: 1, seed: 8, trainedWith: 'test' };
    const { manifest, bytes } = serializeMlp(net, info);
    expect(manifest.arch).toEqual([6, 4, 3]);
    expect(manifest.file).toBe('mlp-6-4-3.bin');
    expect(manifest.byteLength).toBe(4 * countMlpParameters(net));
    expect(manifest.layers.map((l) => [l.weightOffset, l.biasOffset])).toEqual([
      [0, 96],
      [112, 160],
    ]);
    const view = new DataView(bytes.buffer);
    expect(view.getFloat32(0, true)).toBe(net.layers[0].weight[0]);
    expect(view.getFloat32(160, true)).toBe(net.layers[1].bias[0]);
    const parsed = parseMlp(manifest, bytes.buffer as ArrayBuffer);
    parsed.layers.forEach((layer, l) => {
      expect(layer.weight).toEqual(net.layers[l].weight);
      expect(layer.bias).toEqual(net.layers[l].bias);
    });
  });

  it('rejects a weights file whose size does not match the manifest', () => {
    const { manifest, bytes } = serializeMlp(tiny, { testAccuracy: 0, trainAccuracy: 0, epochs: 0, seed: 0, trainedWith: '' });
    expect(() => parseMlp(manifest, bytes.subarray(4))).toThrow(RangeError);
  });
});

describe('shipped MNIST model', async () => {
  const [{ manifest, weights }, test] = await Promise.all([loadMlpFromDisk(), loadMnistFromDisk('test')]);

  it('is a 784-256-256-10 net in a file of at most 1.5 MB', async () => {
    expect(manifest.arch).toEqual([784, 256, 256, 10]);
    expect(weights.layers.map((l) => [l.out, l.in])).toEqual([
      [256, 784],
      [256, 256],
      [10, 256],
    ]);
    const { size } = await stat(join(MLP_MODEL_DIR, manifest.file));
    expect(size).toBe(manifest.byteLength);
    expect(size).toBeLessThanOrEqual(1.5e6);
  });

  it('reaches at least 97 % on the 2,000 test digits, as its manifest records', () => {
    const acc = accuracy(mlpForward(weights, test.images, test.count), test.labels, test.count);
    expect(acc).toBeGreaterThanOrEqual(0.97);
    expect(acc).toBeCloseTo(manifest.testAccuracy, 10);
  });

  it('has sparse hidden activations (ReLU zeros), which the forward pass skips', () => {
    const h1 = mlpHidden(weights, test.images.subarray(0, 200 * 784), 200, 0);
    const zeros = h1.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);
    expect(zeros / h1.length).toBeGreaterThan(0.2);
    expect(zeros / h1.length).toBeLessThan(0.95);
  });
});
