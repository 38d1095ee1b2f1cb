/**
 * Dynamic activation sparsity on the MNIST MLP: per test digit (per "token"), drop all
 * but some hidden activations before the next layer, so that layer's matmul only needs
 * the weight columns of the kept inputs (matmul-gather-program.ts).
 *   top-k (the source's DynamicSparseInference; Deja Vu-style): keep the k = round(keep · width)
 *     largest |h_i| of each sample (ties: lower index kept);
 *   threshold (TEAL, Liu et al. 2024): keep |h_i| >= t; the kept count varies by sample.
 * Applied to the inputs of fc2 and fc3 (the post-ReLU hidden activations h1 and h2);
 * fc1's input is the image. Pure TypeScript.
 */
import { type MlpWeights, accuracy, applyLinear } from '../models/mlp';

export type DynamicMode = 'topk' | 'threshold';

export interface DynamicOptions {
  mode: DynamicMode;
  /** Kept fraction in (0, 1] (top-k). */
  keep: number;
  /** Magnitude threshold >= 0 (threshold mode). */
  threshold: number;
}

/** Number kept by top-k of `width` entries: round(keep · width), at least 0 and at most width. */
export function topKCount(keep: number, width: number): number {
  if (!(keep >= 0 && keep <= 1)) throw new RangeError(`kept fraction must be in [0, 1], got ${String(keep)}`);
  return Math.min(width, Math.max(0, Math.round(keep * width)));
}

/**
 * Sparsifies each row of h [batch, width] in place and returns the number of non-zero
 * entries kept per row.
 */
export function sparsifyRows(h: Float32Array, batch: number, width: number, opts: DynamicOptions): Int32Array {
  if (h.length !== batch * width) throw new RangeError(`h must hold batch·width = ${batch * width} values, got ${h.length}`);
  const kept = new Int32Array(batch);
  const order = new Int32Array(width);
  const k = opts.mode === 'topk' ? topKCount(opts.keep, width) : 0;
  if (opts.mode === 'threshold' && !(opts.threshold >= 0)) throw new RangeError(`threshold must be >= 0, got ${String(opts.threshold)}`);
  for (let r = 0; r < batch; r++) {
    const row = h.subarray(r * width, (r + 1) * width);
    if (opts.mode === 'threshold') {
      for (let i = 0; i < width; i++) if (Math.abs(row[i]) < opts.threshold) row[i] = 0;
    } else if (k < width) {
      for (let i = 0; i < width; i++) order[i] = i;
      // Sort indices by |h| descending, lower index first on ties; zero out from position k on.
      const sorted = Array.from(order).sort((a, b) => Math.abs(row[b]) - Math.abs(row[a]) || a - b);
      for (let j = k; j < width; j++) row[sorted[j]] = 0;
    }
    let nz = 0;
    for (let i = 0; i < width; i++) if (row[i] !== 0) nz++;
    kept[r] = nz;
  }
  return kept;
}

export interface DynamicResult {
  logits: Float32Array;
  /** Mean fraction of non-zero inputs of fc2 and fc3 after sparsification. */
  keptFraction: [number, number];
  /** Mean fraction of non-zero inputs of fc2 and fc3 before (ReLU zeros only). */
  naturalFraction: [number, number];
}

function meanFraction(counts: Int32Array, width: number): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i];
  return counts.length === 0 ? 0 : s / counts.length / width;
}

function nonZeroFraction(h: Float32Array): number {
  let nz = 0;
  for (let i = 0; i < h.length; i++) if (h[i] !== 0) nz++;
  return h.length === 0 ? 0 : nz / h.length;
}

/** Forward pass of the 3-layer MLP with the inputs of fc2 and fc3 sparsified per sample. */
export function forwardDynamic(weights: MlpWeights, x: Float32Array, batch: number, opts: DynamicOptions): DynamicResult {
  const [l1, l2, l3] = weights.layers;
  if (weights.layers.length !== 3) throw new RangeError('forwardDynamic expects the 3-layer MLP');
  const h1 = applyLinear(l1, x, batch, undefined, true);
  const n1 = nonZeroFraction(h1);
  const k1 = sparsifyRows(h1, batch, l1.out, opts);
  const h2 = applyLinear(l2, h1, batch, undefined, true);
  const n2 = nonZeroFraction(h2);
  const k2 = sparsifyRows(h2, batch, l2.out, opts);
  const logits = applyLinear(l3, h2, batch, undefined, false);
  return { logits, keptFraction: [meanFraction(k1, l1.out), meanFraction(k2, l2.out)], naturalFraction: [n1, n2] };
}

/** Mean over samples of ‖z − z_ref‖₂ / ‖z_ref‖₂ (rows of logits [batch, classes]). */
export function relativeOutputError(logits: Float32Array, reference: Float32Array, batch: number): number {
  if (logits.length !== reference.length) throw new RangeError('logits and reference differ in length');
  if (batch === 0) return 0;
  const c = logits.length / batch;
  let sum = 0;
  for (let r = 0; r < batch; r++) {
    let num = 0;
    let den = 0;
    for (let j = 0; j < c; j++) {
      const d = logits[r * c + j] - reference[r * c + j];
      num += d * d;
      den += reference[r * c + j] ** 2;
    }
    sum += den === 0 ? 0 : Math.sqrt(num / den);
  }
  return sum / batch;
}

export interface DynamicEvaluation {
  accuracy: number;
  outputError: number;
  keptFraction: [number, number];
  naturalFraction: [number, number];
}

export function evaluateDynamic(
  weights: MlpWeights,
  images: Float32Array,
  labels: Uint8Array,
  count: number,
  referenceLogits: Float32Array,
  opts: DynamicOptions,
): DynamicEvaluation {
  const r = forwardDynamic(weights, images, count, opts);
  return {
    accuracy: accuracy(r.logits, labels, count),
    outputError: relativeOutputError(r.logits, referenceLogits, count),
    keptFraction: r.keptFraction,
    naturalFraction: r.naturalFraction,
  };
}

export interface Histogram {
  /** Left edge of bin 0 and bin width. */
  lo: number;
  width: number;
  counts: number[];
  /** Entries exactly 0 (ReLU zeros), not in any bin. */
  zeros: number;
  total: number;
}

/** Histogram of the non-zero values in [lo, hi) with `bins` equal bins (values >= hi go to the last bin). */
export function histogramOf(values: Float32Array, bins: number, lo: number, hi: number): Histogram {
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0) {
      zeros++;
      continue;
    }
    const b = Math.min(bins - 1, Math.max(0, Math.floor((Math.abs(v) - lo) / width)));
    counts[b]++;
  }
  return { lo, width, counts, zeros, total: values.length };
}

/** The q-quantile (0 … 1) of |values| over the non-zero entries (for a top-k cut-off read-out). */
export function nonZeroQuantile(values: Float32Array, q: number): number {
  const nz: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) nz.push(Math.abs(values[i]));
  if (nz.length === 0) return 0;
  nz.sort((a, b) => a - b);
  return nz[Math.min(nz.length - 1, Math.max(0, Math.round(q * (nz.length - 1))))];
}

/** Median over samples of the k-th largest |h| of each row (the top-k cut-off a sample sees). */
export function medianTopKCutoff(h: Float32Array, batch: number, width: number, k: number): number {
  if (k <= 0 || batch === 0) return Number.POSITIVE_INFINITY;
  const cut = new Float64Array(batch);
  const row = new Float64Array(width);
  for (let r = 0; r < batch; r++) {
    for (let i = 0; i < width; i++) row[i] = Math.abs(h[r * width + i]);
    row.sort();
    cut[r] = row[width - Math.min(k, width)];
  }
  cut.sort();
  return cut[batch >> 1];
}
