/**
 * Pure TypeScript inference for the shared MNIST MLP (784-256-256-10, ReLU), for Node and
 * the browser. No tfjs: the pruning, acceleration and training labs run it on any device.
 *
 * Shapes (PyTorch nn.Linear convention):
 *   layer l: W_l [out_l, in_l] row-major (W[o, i] at o · in + i), b_l [out_l]
 *   h_0 = x [batch, 784];  z_l = h_l W_lᵀ + b_l, i.e. z[n, o] = b[o] + Σ_i h[n, i] · W[o, i]
 *   h_{l+1} = ReLU(z_l) = max(0, z_l) for every layer but the last; logits = z_last [batch, 10]
 * Masks: M_l [out_l, in_l] bytes, 1 = keep, 0 = pruned; the layer then uses W_l ⊙ M_l.
 *
 * Speed: each layer first builds (W ⊙ M)ᵀ [in, out] (one pass over the weights), then for
 * every sample accumulates rows of it, z[n, :] += h[n, i] · Wᵀ[i, :], skipping h[n, i] = 0,
 * four rows per pass. Both inner reads are contiguous, and the skip exploits activation
 * sparsity: for the shipped model 81 % of test pixels, 55 % of h1 and 33 % of h2 are exactly
 * zero. Sums are kept in float64 and rounded to float32 once per output. 2,000 test digits
 * take ~90 ms in Node (2-core AMD EPYC VM) versus ~200 ms for the plain dense loop.
 */

export interface MlpLayer {
  name: string;
  /** W [out, in], row-major: W[o, i] = weight[o * in + i]. */
  weight: Float32Array;
  /** b [out]. */
  bias: Float32Array;
  out: number;
  in: number;
}

export interface MlpWeights {
  layers: MlpLayer[];
}

/** One optional mask per layer, each [out, in] with 1 = keep, 0 = pruned. */
export type MlpMasks = readonly (Uint8Array | undefined)[];

/** Throws unless the layers chain (in_{l+1} = out_l) and every array has its stated size. */
export function validateMlp(weights: MlpWeights): void {
  if (weights.layers.length === 0) throw new RangeError('an MLP needs at least one layer');
  weights.layers.forEach((layer, l) => {
    if (layer.weight.length !== layer.out * layer.in) {
      throw new RangeError(`${layer.name}: weight has ${layer.weight.length} values, expected ${layer.out}·${layer.in}`);
    }
    if (layer.bias.length !== layer.out) throw new RangeError(`${layer.name}: bias has ${layer.bias.length} values, expected ${layer.out}`);
    if (l > 0 && layer.in !== weights.layers[l - 1].out) {
      throw new RangeError(`${layer.name}: in = ${layer.in} does not match the previous layer's out = ${weights.layers[l - 1].out}`);
    }
  });
}

/** Builds (W ⊙ M)ᵀ, shape [in, out]: t[i · out + o] = M[o, i] ? W[o, i] : 0. */
function transposeMaskedWeight(layer: MlpLayer, mask: Uint8Array | undefined): Float32Array {
  const { out, in: inDim, weight } = layer;
  if (mask && mask.length !== weight.length) {
    throw new RangeError(`${layer.name}: mask has ${mask.length} entries, expected ${weight.length}`);
  }
  const t = new Float32Array(inDim * out);
  for (let o = 0; o < out; o++) {
    const row = o * inDim;
    if (mask) {
      for (let i = 0; i < inDim; i++) if (mask[row + i] !== 0) t[i * out + o] = weight[row + i];
    } else {
      for (let i = 0; i < inDim; i++) t[i * out + o] = weight[row + i];
    }
  }
  return t;
}

/**
 * One linear layer, optionally followed by ReLU: y[n, o] = b[o] + Σ_i x[n, i] · (W ⊙ M)[o, i].
 * x [batch, in] → y [batch, out].
 */
export function applyLinear(layer: MlpLayer, x: Float32Array, batch: number, mask?: Uint8Array, relu = false): Float32Array {
  const { out, in: inDim, bias } = layer;
  if (x.length < batch * inDim) throw new RangeError(`${layer.name}: input has ${x.length} values, expected ${batch}·${inDim}`);
  const wt = transposeMaskedWeight(layer, mask);
  const y = new Float32Array(batch * out);
  const acc = new Float64Array(out);
  const nonzero = new Int32Array(inDim);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < out; o++) acc[o] = bias[o];
    const xRow = n * inDim;
    // Zero activations contribute nothing: list the i with x[n, i] ≠ 0 and visit only their rows of Wᵀ.
    let k = 0;
    for (let i = 0; i < inDim; i++) if (x[xRow + i] !== 0) nonzero[k++] = i;
    // Four rows of Wᵀ per pass over acc (fewer loads/stores of acc; ~2x faster than one at a time).
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const i0 = nonzero[j],
        i1 = nonzero[j + 1],
        i2 = nonzero[j + 2],
        i3 = nonzero[j + 3];
      const x0 = x[xRow + i0],
        x1 = x[xRow + i1],
        x2 = x[xRow + i2],
        x3 = x[xRow + i3];
      const r0 = i0 * out,
        r1 = i1 * out,
        r2 = i2 * out,
        r3 = i3 * out;
      for (let o = 0; o < out; o++) acc[o] += x0 * wt[r0 + o] + x1 * wt[r1 + o] + x2 * wt[r2 + o] + x3 * wt[r3 + o];
    }
    for (; j < k; j++) {
      const i0 = nonzero[j];
      const x0 = x[xRow + i0];
      const r0 = i0 * out;
      for (let o = 0; o < out; o++) acc[o] += x0 * wt[r0 + o];
    }
    const yRow = n * out;
    if (relu) for (let o = 0; o < out; o++) y[yRow + o] = acc[o] > 0 ? acc[o] : 0;
    else for (let o = 0; o < out; o++) y[yRow + o] = acc[o];
  }
  return y;
}

function checkInput(weights: MlpWeights, x: Float32Array, batch: number): void {
  validateMlp(weights);
  if (!Number.isInteger(batch) || batch < 0) throw new RangeError(`batch must be a non-negative integer, got ${batch}`);
  const inDim = weights.layers[0].in;
  if (x.length !== batch * inDim) throw new RangeError(`x has ${x.length} values, expected batch·in = ${batch}·${inDim}`);
}

/**
 * Runs layers 0 … upTo (inclusive) and returns that layer's output (post-ReLU for hidden
 * layers, raw logits for the last layer).
 */
function runLayers(weights: MlpWeights, x: Float32Array, batch: number, upTo: number, masks?: MlpMasks): Float32Array {
  const last = weights.layers.length - 1;
  let h = x;
  for (let l = 0; l <= upTo; l++) h = applyLinear(weights.layers[l], h, batch, masks?.[l], l < last);
  return h;
}

/** Logits [batch, classes] of x [batch, in]; masks[l] (optional) prunes layer l's weights. */
export function mlpForward(weights: MlpWeights, x: Float32Array, batch: number, masks?: MlpMasks): Float32Array {
  checkInput(weights, x, batch);
  return runLayers(weights, x, batch, weights.layers.length - 1, masks);
}

/**
 * Post-ReLU activations h_{l+1} = ReLU(z_l) [batch, out_l] of hidden layer `layerIndex`
 * (0 = after the first linear layer). The output layer is not hidden: use mlpForward.
 */
export function mlpHidden(weights: MlpWeights, x: Float32Array, batch: number, layerIndex: number, masks?: MlpMasks): Float32Array {
  checkInput(weights, x, batch);
  if (!Number.isInteger(layerIndex) || layerIndex < 0 || layerIndex >= weights.layers.length - 1) {
    throw new RangeError(`hidden layer index must be in 0 … ${weights.layers.length - 2}, got ${layerIndex}`);
  }
  return runLayers(weights, x, batch, layerIndex, masks);
}

/**
 * The input of every layer for x: inputs[0] = x, inputs[l] = h_l [batch, in_l]. What
 * activation-aware pruning (Wanda's ‖X_i‖, SparseGPT's XᵀX) needs from a calibration batch.
 */
export function collectLayerInputs(weights: MlpWeights, x: Float32Array, batch: number, masks?: MlpMasks): Float32Array[] {
  checkInput(weights, x, batch);
  const inputs: Float32Array[] = [x];
  for (let l = 0; l < weights.layers.length - 1; l++) inputs.push(applyLinear(weights.layers[l], inputs[l], batch, masks?.[l], true));
  return inputs;
}

/** Row-wise argmax of scores [batch, classes]; ties go to the lowest class. */
export function argmaxRows(scores: Float32Array, batch: number): Uint8Array {
  const classes = batch === 0 ? 0 : scores.length / batch;
  if (!Number.isInteger(classes)) throw new RangeError(`${scores.length} scores do not split into ${batch} rows`);
  const best = new Uint8Array(batch);
  for (let n = 0; n < batch; n++) {
    let k = 0;
    for (let c = 1; c < classes; c++) if (scores[n * classes + c] > scores[n * classes + k]) k = c;
    best[n] = k;
  }
  return best;
}

/** Predicted class per sample: argmax_c logits[n, c]. */
export function predict(weights: MlpWeights, x: Float32Array, batch: number, masks?: MlpMasks): Uint8Array {
  return argmaxRows(mlpForward(weights, x, batch, masks), batch);
}

/** Fraction of rows whose argmax equals the label: (1/batch) Σ_n [argmax logits[n] = labels[n]]. */
export function accuracy(logits: Float32Array, labels: ArrayLike<number>, batch: number): number {
  if (labels.length < batch) throw new RangeError(`${labels.length} labels for a batch of ${batch}`);
  if (batch === 0) return 0;
  const best = argmaxRows(logits, batch);
  let correct = 0;
  for (let n = 0; n < batch; n++) if (best[n] === labels[n]) correct++;
  return correct / batch;
}

/** Softmax of each row: p[n, c] = exp(z[n, c] − max_c z) / Σ_c' exp(z[n, c'] − max_c z). */
export function softmaxRows(logits: Float32Array, batch: number): Float32Array {
  const classes = batch === 0 ? 0 : logits.length / batch;
  const p = new Float32Array(logits.length);
  for (let n = 0; n < batch; n++) {
    const row = n * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[row + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[row + c] - max);
    for (let c = 0; c < classes; c++) p[row + c] = Math.exp(logits[row + c] - max) / sum;
  }
  return p;
}

/** Number of weights and biases: Σ_l (out_l · in_l + out_l). */
export function countMlpParameters(weights: MlpWeights): number {
  return weights.layers.reduce((sum, layer) => sum + layer.weight.length + layer.bias.length, 0);
}
