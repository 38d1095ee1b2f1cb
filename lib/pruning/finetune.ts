/**
 * Fine-tuning a pruned MLP with its masks held: plain TypeScript backpropagation and Adam.
 *
 * Model (lib/models/mlp.ts): h_0 = x [B, 784]; z_l = h_l (W_l ⊙ M_l)ᵀ + b_l; h_{l+1} = ReLU(z_l)
 * for hidden layers; logits = z_last. Loss: mean softmax cross-entropy
 *   L = −(1/B) Σ_n log softmax(z_n)[y_n].
 * Gradients (per batch):
 *   δ_last = (softmax(z) − onehot(y)) / B                      [B, out]
 *   ∂L/∂W_l = (δ_lᵀ h_l) ⊙ M_l,  ∂L/∂b_l = Σ_n δ_l[n, :]        [out, in], [out]
 *   δ_{l−1} = (δ_l (W_l ⊙ M_l)) ⊙ [z_{l−1} > 0]                  [B, in]
 * Masking the gradient and the weights after each step is what PyTorch's pruning
 * reparametrisation does (weight = weight_orig · weight_mask: pruned entries get zero
 * gradient and stay zero), so the sparsity pattern never changes.
 * Adam (Kingma & Ba 2015): m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², θ ← θ − lr · m̂ / (√v̂ + ε),
 * with β1 0.9, β2 0.999, ε 1e-7 (tf.train.adam's defaults, as the model was trained).
 * Batches: a Fisher–Yates order of the training digits from mulberry32(seed), reshuffled
 * (seed + epoch) each pass, so a seed reproduces the run exactly.
 */
import type { MnistData } from '../data/mnist';
import { createMulberry32, shuffleInPlace } from '../data/seeded-random';
import type { MlpLayer, MlpMasks, MlpWeights } from '../models/mlp';

export interface FineTuneOptions {
  /** Digits per step (default 64). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  learningRate?: number;
  /** Seed of the batch order. */
  seed: number;
}

export interface FineTuner {
  /** Runs one Adam step on the next batch; returns the batch's mean loss (before the step). */
  step(): number;
  /** Steps taken so far. */
  readonly steps: number;
  /** The current weights (masked: pruned entries are exactly 0). Do not modify. */
  readonly weights: MlpWeights;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-7;

/** A copy of `weights` with every masked entry set to exactly 0. */
export function maskedCopy(weights: MlpWeights, masks: MlpMasks): MlpWeights {
  return {
    layers: weights.layers.map((layer, l) => {
      const mask = masks[l];
      const weight = Float32Array.from(layer.weight);
      if (mask) {
        if (mask.length !== weight.length)
          throw new RangeError(`${layer.name}: mask has ${mask.length} entries, expected ${weight.length}`);
        for (let i = 0; i < weight.length; i++) if (mask[i] === 0) weight[i] = 0;
      }
      return { ...layer, weight, bias: Float32Array.from(layer.bias) };
    }),
  };
}

/** z = h Wᵀ + b for h [B, in], W [out, in]: z [B, out]. Skips zero inputs (ReLU outputs, blank pixels). */
function linearForward(layer: MlpLayer, h: Float32Array, batch: number): Float32Array {
  const { out, in: inDim, weight, bias } = layer;
  const z = new Float32Array(batch * out);
  for (let n = 0; n < batch; n++) {
    const hRow = n * inDim;
    const zRow = n * out;
    for (let o = 0; o < out; o++) {
      const wRow = o * inDim;
      let s = bias[o];
      for (let i = 0; i < inDim; i++) s += h[hRow + i] * weight[wRow + i];
      z[zRow + o] = s;
    }
  }
  return z;
}

/**
 * Loss and gradients of the mean cross-entropy for one batch. Returns the loss and fills
 * gradW[l] / gradB[l] (overwritten). Exposed for the gradient check in the tests.
 */
export function computeGradients(
  weights: MlpWeights,
  x: Float32Array,
  labels: ArrayLike<number>,
  batch: number,
  gradW: Float32Array[],
  gradB: Float32Array[],
): number {
  const layers = weights.layers;
  const last = layers.length - 1;
  // Forward, keeping every layer's input h_l and pre-activation sign.
  const hs: Float32Array[] = [x];
  let z: Float32Array = new Float32Array(0);
  for (let l = 0; l <= last; l++) {
    z = linearForward(layers[l], hs[l], batch);
    if (l < last) {
      const h = new Float32Array(z.length);
      for (let i = 0; i < z.length; i++) h[i] = z[i] > 0 ? z[i] : 0;
      hs.push(h);
    }
  }
  // δ_last = (softmax − onehot) / B.
  const classes = layers[last].out;
  let delta: Float32Array = new Float32Array(batch * classes);
  let loss = 0;
  for (let n = 0; n < batch; n++) {
    const row = n * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, z[row + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(z[row + c] - max);
    const logSum = Math.log(sum) + max;
    loss += logSum - z[row + labels[n]];
    for (let c = 0; c < classes; c++) delta[row + c] = (Math.exp(z[row + c] - logSum) - (c === labels[n] ? 1 : 0)) / batch;
  }
  loss /= batch;
  // Backward.
  for (let l = last; l >= 0; l--) {
    const { out, in: inDim, weight } = layers[l];
    const h = hs[l];
    const gw = gradW[l];
    const gb = gradB[l];
    gw.fill(0);
    gb.fill(0);
    for (let n = 0; n < batch; n++) {
      const dRow = n * out;
      const hRow = n * inDim;
      for (let o = 0; o < out; o++) {
        const d = delta[dRow + o];
        if (d === 0) continue;
        gb[o] += d;
        const wRow = o * inDim;
        for (let i = 0; i < inDim; i++) gw[wRow + i] += d * h[hRow + i];
      }
    }
    if (l === 0) break;
    // δ_{l−1} = (δ_l W_l) ⊙ [h_l > 0]   (h_l = ReLU(z_{l−1}), so h_l > 0 ⇔ z_{l−1} > 0)
    const prev = new Float32Array(batch * inDim);
    for (let n = 0; n < batch; n++) {
      const dRow = n * out;
      const pRow = n * inDim;
      for (let o = 0; o < out; o++) {
        const d = delta[dRow + o];
        if (d === 0) continue;
        const wRow = o * inDim;
        for (let i = 0; i < inDim; i++) prev[pRow + i] += d * weight[wRow + i];
      }
      for (let i = 0; i < inDim; i++) if (h[pRow + i] <= 0) prev[pRow + i] = 0;
    }
    delta = prev;
  }
  return loss;
}

/**
 * Starts fine-tuning `weights` pruned by `masks` on `train`. The returned tuner owns a
 * masked copy of the weights; call step() as often as wanted (a worker posts progress
 * between steps and can stop at any time).
 */
export function createFineTuner(weights: MlpWeights, masks: MlpMasks, train: MnistData, options: FineTuneOptions): FineTuner {
  const batchSize = options.batchSize ?? 64;
  const lr = options.learningRate ?? 1e-3;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`learningRate must be a positive number, got ${lr}`);
  if (train.count === 0) throw new RangeError('fine-tuning needs at least one training digit');
  const model = maskedCopy(weights, masks);
  const layers = model.layers;
  const inDim = layers[0].in;
  const gradW = layers.map((layer) => new Float32Array(layer.weight.length));
  const gradB = layers.map((layer) => new Float32Array(layer.bias.length));
  const mW = layers.map((layer) => new Float32Array(layer.weight.length));
  const vW = layers.map((layer) => new Float32Array(layer.weight.length));
  const mB = layers.map((layer) => new Float32Array(layer.bias.length));
  const vB = layers.map((layer) => new Float32Array(layer.bias.length));
  const order = new Uint32Array(train.count);
  let epoch = 0;
  let cursor = train.count; // forces a shuffle before the first batch
  let steps = 0;
  const x = new Float32Array(batchSize * inDim);
  const y = new Uint8Array(batchSize);

  const reshuffle = () => {
    for (let i = 0; i < order.length; i++) order[i] = i;
    shuffleInPlace(order, createMulberry32(options.seed + epoch));
    epoch++;
    cursor = 0;
  };

  const adam = (param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, mask: Uint8Array | undefined, t: number) => {
    const c1 = 1 - BETA1 ** t;
    const c2 = 1 - BETA2 ** t;
    for (let i = 0; i < param.length; i++) {
      if (mask && mask[i] === 0) continue; // held at zero (its gradient is masked to 0)
      const g = grad[i];
      m[i] = BETA1 * m[i] + (1 - BETA1) * g;
      v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
      param[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + EPS);
    }
  };

  return {
    step() {
      for (let k = 0; k < batchSize; k++) {
        if (cursor >= train.count) reshuffle();
        const idx = order[cursor++];
        x.set(train.images.subarray(idx * inDim, (idx + 1) * inDim), k * inDim);
        y[k] = train.labels[idx];
      }
      const loss = computeGradients(model, x, y, batchSize, gradW, gradB);
      steps++;
      layers.forEach((layer, l) => {
        adam(layer.weight, gradW[l], mW[l], vW[l], masks[l], steps);
        adam(layer.bias, gradB[l], mB[l], vB[l], undefined, steps);
      });
      return loss;
    },
    get steps() {
      return steps;
    },
    get weights() {
      return model;
    },
  };
}
