/**
 * A tiny pure-TypeScript model with hand-written optimisers, implementing TrainableModel:
 * multinomial logistic regression z = x Wᵀ + b, W [out, in], b [out], trained with mean
 * softmax cross-entropy. It makes the mask-order effect checkable by hand in unit tests
 * and cross-checks the tfjs trainer (same init, same data, same optimiser → same weights).
 *
 * Gradients (batch of B rows): p = softmax(z), dZ = (p − onehot(y)) / B,
 *   ∂L/∂W = dZᵀ x  [out, in],  ∂L/∂b = Σ_n dZ[n, :]  [out]
 * Optimisers, PyTorch semantics (torch.optim.SGD with momentum, dampening 0, no Nesterov;
 * torch.optim.Adam without weight decay) — tfjs's momentum and adam optimisers compute the same:
 *   SGD:  v ← μ v + g;  θ ← θ − lr · v                     (v starts at 0)
 *   Adam: m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²;
 *         θ ← θ − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 * Arithmetic is float64, stored as float32 like the tfjs parameters.
 */
import type { OptimizerKind } from './config';
import type { BatchResult, ParameterSnapshot, TrainableModel } from './step-sequence';

export interface LinearBatch {
  /** x [count, in], row-major. */
  x: Float32Array;
  /** Class labels [count] in 0 … out − 1. */
  y: Uint8Array;
  count: number;
}

export interface OptimizerSettings {
  kind: OptimizerKind;
  learningRate: number;
  /** SGD momentum μ (default 0.9). */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Adam's default ε here and in the tfjs trainer (PyTorch's default; tfjs's own is 1e-7). */
export const ADAM_EPSILON = 1e-8;
export const SGD_MOMENTUM = 0.9;

/** One hand-written optimiser over a flat parameter array. */
class FlatOptimizer {
  private m: Float64Array;
  private v: Float64Array;
  private t = 0;
  constructor(
    size: number,
    private readonly s: OptimizerSettings,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  step(theta: Float32Array, g: Float64Array): void {
    const lr = this.s.learningRate;
    if (this.s.kind === 'sgd') {
      const mu = this.s.momentum ?? SGD_MOMENTUM;
      for (let i = 0; i < theta.length; i++) {
        this.m[i] = mu * this.m[i] + g[i];
        theta[i] = theta[i] - lr * this.m[i];
      }
      return;
    }
    const b1 = this.s.beta1 ?? 0.9;
    const b2 = this.s.beta2 ?? 0.999;
    const eps = this.s.epsilon ?? ADAM_EPSILON;
    this.t++;
    const bc1 = 1 - b1 ** this.t;
    const bc2 = 1 - b2 ** this.t;
    for (let i = 0; i < theta.length; i++) {
      this.m[i] = b1 * this.m[i] + (1 - b1) * g[i];
      this.v[i] = b2 * this.v[i] + (1 - b2) * g[i] * g[i];
      theta[i] = theta[i] - (lr * (this.m[i] / bc1)) / (Math.sqrt(this.v[i] / bc2) + eps);
    }
  }
}

export class LinearModel implements TrainableModel<LinearBatch> {
  readonly weightSizes: readonly number[];
  weight: Float32Array;
  bias: Float32Array;
  private masks: Uint8Array[] | null = null;
  private gradW: Float64Array | null = null;
  private gradB: Float64Array | null = null;
  private optW!: FlatOptimizer;
  private optB!: FlatOptimizer;

  constructor(
    readonly inDim: number,
    readonly outDim: number,
    init: { weight: Float32Array; bias?: Float32Array },
    private readonly optimizer: OptimizerSettings,
  ) {
    if (init.weight.length !== outDim * inDim) throw new RangeError(`weight has ${init.weight.length} values, expected ${outDim}·${inDim}`);
    this.weight = Float32Array.from(init.weight);
    this.bias = init.bias ? Float32Array.from(init.bias) : new Float32Array(outDim);
    this.weightSizes = [outDim * inDim];
    this.resetOptimizer();
  }

  /** Logits z = x Wᵀ + b, [count, out]. */
  logits(x: Float32Array, count: number): Float64Array {
    const { inDim, outDim } = this;
    const z = new Float64Array(count * outDim);
    for (let n = 0; n < count; n++) {
      for (let o = 0; o < outDim; o++) {
        let s = this.bias[o];
        for (let i = 0; i < inDim; i++) s += x[n * inDim + i] * this.weight[o * inDim + i];
        z[n * outDim + o] = s;
      }
    }
    return z;
  }

  forwardBackward(batch: LinearBatch): BatchResult {
    const { inDim, outDim } = this;
    const { x, y, count } = batch;
    const z = this.logits(x, count);
    const gW = new Float64Array(outDim * inDim);
    const gB = new Float64Array(outDim);
    let loss = 0;
    let correct = 0;
    for (let n = 0; n < count; n++) {
      const row = n * outDim;
      let max = -Infinity;
      let best = 0;
      for (let o = 0; o < outDim; o++) {
        if (z[row + o] > max) {
          max = z[row + o];
          best = o;
        }
      }
      if (best === y[n]) correct++;
      let sum = 0;
      for (let o = 0; o < outDim; o++) sum += Math.exp(z[row + o] - max);
      loss += -(z[row + y[n]] - max - Math.log(sum));
      for (let o = 0; o < outDim; o++) {
        const dz = (Math.exp(z[row + o] - max) / sum - (o === y[n] ? 1 : 0)) / count;
        gB[o] += dz;
        for (let i = 0; i < inDim; i++) gW[o * inDim + i] += dz * x[n * inDim + i];
      }
    }
    this.gradW = gW;
    this.gradB = gB;
    return { loss: count > 0 ? loss / count : 0, correct, count };
  }

  zeroPrunedGradients(): void {
    const m = this.masks?.[0];
    if (!m || !this.gradW) return;
    for (let i = 0; i < m.length; i++) if (m[i] === 0) this.gradW[i] = 0;
  }

  optimizerStep(): void {
    if (!this.gradW || !this.gradB) throw new Error('optimizerStep before forwardBackward');
    this.optW.step(this.weight, this.gradW);
    this.optB.step(this.bias, this.gradB);
    this.gradW = null;
    this.gradB = null;
  }

  applyMask(): void {
    const m = this.masks?.[0];
    if (!m) return;
    for (let i = 0; i < m.length; i++) if (m[i] === 0) this.weight[i] = 0;
  }

  setMasks(masks: readonly Uint8Array[] | null): void {
    this.masks = masks ? masks.map((m) => Uint8Array.from(m)) : null;
  }

  getMasks(): readonly Uint8Array[] | null {
    return this.masks;
  }

  readWeights(): Float32Array[] {
    return [Float32Array.from(this.weight)];
  }

  countZeroWeights(): number[] {
    let c = 0;
    for (let i = 0; i < this.weight.length; i++) if (this.weight[i] === 0) c++;
    return [c];
  }

  readParameters(): ParameterSnapshot {
    return { weights: [Float32Array.from(this.weight)], biases: [Float32Array.from(this.bias)] };
  }

  writeParameters(s: ParameterSnapshot): void {
    this.weight.set(s.weights[0]);
    this.bias.set(s.biases[0]);
  }

  resetOptimizer(): void {
    this.optW = new FlatOptimizer(this.weight.length, this.optimizer);
    this.optB = new FlatOptimizer(this.bias.length, this.optimizer);
  }

  dispose(): void {}
}
