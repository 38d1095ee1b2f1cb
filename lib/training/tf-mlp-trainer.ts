/**
 * The MNIST MLP trained with tfjs (any backend: WASM in the browser here, cpu or wasm in
 * Node tests), implementing TrainableModel so step-sequence.ts drives it. tfjs is passed
 * in (no import of the runtime here), so this file stays free of the DOM and of a
 * particular backend.
 *
 * Parameters (PyTorch nn.Linear layout, so masks and weights match lib/sparsity and mlp.ts):
 *   W_l [out_l, in_l], b_l [out_l];  h_0 = x [B, 784]
 *   z_l = h_l W_lᵀ + b_l  (tf.matMul(h, W, false, true)),  h_{l+1} = ReLU(z_l), logits = z_last
 * Init (seeded, reproducible on every backend): W_l ~ U(−a, a), a = √(6 / (in + out))
 *   (Glorot uniform, tfjs's default for dense kernels) from mulberry32(seed · 1000 + l); b_l = 0.
 * Loss: mean softmax cross-entropy (tf.losses.softmaxCrossEntropy on one-hot labels).
 * Masks live as float32 0/1 tensors [out, in]; every op that makes a temporary tensor is
 * inside tf.tidy or disposed explicitly, so tf.memory().numTensors stays flat across steps.
 */
import type * as TF from '@tensorflow/tfjs';
import { uniformArray } from '../random';
import { ADAM_EPSILON, type OptimizerSettings, SGD_MOMENTUM } from './linear-model';
import type { BatchResult, ParameterSnapshot, TrainableModel } from './step-sequence';

/** A batch of digits: images [count, in] row-major, labels [count] (MnistData's shape). */
export interface MlpBatch {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

export interface TfMlpTrainerOptions {
  /** Layer widths, e.g. [784, 256, 256, 10]. */
  arch: readonly number[];
  seed: number;
  optimizer: OptimizerSettings;
  /** Start from these parameters instead of the seeded init (tests). */
  init?: ParameterSnapshot;
}

/** Seeded Glorot-uniform weights [out, in] and zero biases for `arch`. */
export function initMlpParameters(arch: readonly number[], seed: number): ParameterSnapshot {
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l < arch.length - 1; l++) {
    const a = Math.sqrt(6 / (arch[l] + arch[l + 1]));
    weights.push(uniformArray(arch[l + 1] * arch[l], seed * 1000 + l, -a, a));
    biases.push(new Float32Array(arch[l + 1]));
  }
  return { weights, biases };
}

export class TfMlpTrainer implements TrainableModel<MlpBatch> {
  readonly weightSizes: readonly number[];
  private readonly weights: TF.Variable[];
  private readonly biases: TF.Variable[];
  private maskTensors: TF.Tensor2D[] | null = null;
  private masks: Uint8Array[] | null = null;
  private grads: TF.NamedTensorMap | null = null;
  private optimizer: TF.Optimizer;
  private evalX: TF.Tensor2D | null = null;
  private evalY: TF.Tensor1D | null = null;

  constructor(
    private readonly tf: typeof TF,
    private readonly opts: TfMlpTrainerOptions,
  ) {
    const { arch } = opts;
    const init = opts.init ?? initMlpParameters(arch, opts.seed);
    this.weights = [];
    this.biases = [];
    for (let l = 0; l < arch.length - 1; l++) {
      // tf.variable copies its initial value; tidy disposes the temporary (variables survive tidy).
      this.weights.push(tf.tidy(() => tf.variable(tf.tensor2d(init.weights[l], [arch[l + 1], arch[l]]), true)));
      this.biases.push(tf.tidy(() => tf.variable(tf.tensor1d(init.biases[l]), true)));
    }
    this.weightSizes = this.weights.map((w) => w.size);
    this.optimizer = this.makeOptimizer();
  }

  private makeOptimizer(): TF.Optimizer {
    const s = this.opts.optimizer;
    if (s.kind === 'sgd') return this.tf.train.momentum(s.learningRate, s.momentum ?? SGD_MOMENTUM);
    return this.tf.train.adam(s.learningRate, s.beta1 ?? 0.9, s.beta2 ?? 0.999, s.epsilon ?? ADAM_EPSILON);
  }

  /** logits [B, classes] of x [B, in]. Call inside tf.tidy (or a gradient function). */
  private forward(x: TF.Tensor2D): TF.Tensor2D {
    const tf = this.tf;
    let h = x;
    const last = this.weights.length - 1;
    this.weights.forEach((w, l) => {
      const z = tf.add(tf.matMul(h, w, false, true), this.biases[l]) as TF.Tensor2D;
      h = l < last ? tf.relu(z) : z;
    });
    return h;
  }

  forwardBackward(batch: MlpBatch): BatchResult {
    const tf = this.tf;
    this.disposeGrads();
    const inDim = this.opts.arch[0];
    const classes = this.opts.arch[this.opts.arch.length - 1];
    let correctT: TF.Scalar | null = null;
    const { value, grads } = tf.tidy(() => {
      const x = tf.tensor2d(batch.images.subarray(0, batch.count * inDim), [batch.count, inDim]);
      const labels = tf.tensor1d(Int32Array.from(batch.labels.subarray(0, batch.count)), 'int32');
      const onehot = tf.oneHot(labels, classes);
      return tf.variableGrads(() => {
        const logits = this.forward(x);
        correctT = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'int32')) as TF.Scalar);
        return tf.losses.softmaxCrossEntropy(onehot, logits) as TF.Scalar;
      }, [...this.weights, ...this.biases]);
    });
    this.grads = grads;
    const loss = value.dataSync()[0];
    value.dispose();
    const c = correctT as TF.Scalar | null;
    const correct = c ? c.dataSync()[0] : 0;
    c?.dispose();
    return { loss, correct, count: batch.count };
  }

  zeroPrunedGradients(): void {
    const grads = this.grads;
    const masks = this.maskTensors;
    if (!grads || !masks) return;
    this.weights.forEach((w, l) => {
      const g = grads[w.name];
      grads[w.name] = this.tf.mul(g, masks[l]);
      g.dispose();
    });
  }

  optimizerStep(): void {
    if (!this.grads) throw new Error('optimizerStep before forwardBackward');
    this.optimizer.applyGradients(this.grads);
    this.disposeGrads();
  }

  applyMask(): void {
    const masks = this.maskTensors;
    if (!masks) return;
    this.tf.tidy(() => this.weights.forEach((w, l) => w.assign(this.tf.mul(w, masks[l]))));
  }

  setMasks(masks: readonly Uint8Array[] | null): void {
    this.maskTensors?.forEach((m) => m.dispose());
    this.maskTensors = null;
    this.masks = null;
    if (!masks) return;
    this.masks = masks.map((m) => Uint8Array.from(m));
    this.maskTensors = masks.map((m, l) => this.tf.tensor2d(Float32Array.from(m), this.weights[l].shape as [number, number]));
  }

  getMasks(): readonly Uint8Array[] | null {
    return this.masks;
  }

  readWeights(): Float32Array[] {
    return this.weights.map((w) => new Float32Array(w.dataSync()));
  }

  countZeroWeights(): number[] {
    const tf = this.tf;
    const counts = tf.tidy(() => tf.stack(this.weights.map((w) => tf.sum(tf.cast(tf.equal(w, 0), 'int32')))));
    const out = Array.from(counts.dataSync());
    counts.dispose();
    return out;
  }

  readParameters(): ParameterSnapshot {
    return { weights: this.readWeights(), biases: this.biases.map((b) => new Float32Array(b.dataSync())) };
  }

  writeParameters(s: ParameterSnapshot): void {
    const tf = this.tf;
    tf.tidy(() => {
      this.weights.forEach((w, l) => w.assign(tf.tensor2d(s.weights[l], w.shape as [number, number])));
      this.biases.forEach((b, l) => b.assign(tf.tensor1d(s.biases[l])));
    });
  }

  resetOptimizer(): void {
    this.optimizer.dispose();
    this.optimizer = this.makeOptimizer();
  }

  /** Holds the evaluation set on the backend (images [count, in], labels [count]). */
  setEvaluationData(images: Float32Array, labels: Uint8Array, count: number): void {
    this.evalX?.dispose();
    this.evalY?.dispose();
    this.evalX = this.tf.tensor2d(images.subarray(0, count * this.opts.arch[0]), [count, this.opts.arch[0]]);
    this.evalY = this.tf.tensor1d(Int32Array.from(labels.subarray(0, count)), 'int32');
  }

  /** Accuracy of the current weights on the evaluation set (argmax of the logits = label). */
  evaluate(): number {
    const tf = this.tf;
    const x = this.evalX;
    const y = this.evalY;
    if (!x || !y) throw new Error('evaluate() needs setEvaluationData first');
    const correct = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(this.forward(x), 1), y), 'int32')));
    const c = correct.dataSync()[0];
    correct.dispose();
    return x.shape[0] === 0 ? 0 : c / x.shape[0];
  }

  private disposeGrads(): void {
    if (this.grads) for (const g of Object.values(this.grads)) g.dispose();
    this.grads = null;
  }

  dispose(): void {
    this.disposeGrads();
    this.setMasks(null);
    this.optimizer.dispose();
    this.weights.forEach((w) => w.dispose());
    this.biases.forEach((b) => b.dispose());
    this.evalX?.dispose();
    this.evalY?.dispose();
    this.evalX = null;
    this.evalY = null;
  }
}
