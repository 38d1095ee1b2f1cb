import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromDisk } from '../data/mnist-node';
import type { MnistData } from '../data/mnist';
import { type MlpWeights, mlpForward, mlpHidden } from '../models/mlp';
import { loadMlpFromDisk } from '../models/mlp-node';
import { evaluateDynamic, histogramOf, medianTopKCutoff, nonZeroQuantile, relativeOutputError, sparsifyRows, topKCount } from './dynamic';

describe('sparsifyRows', () => {
  it('top-k keeps the k largest |h| of each row, ties to the lower index', () => {
    const h = Float32Array.of(1, -5, 3, 3, 0, 2, 2, 9);
    const kept = sparsifyRows(h, 2, 4, { mode: 'topk', keep: 0.5, threshold: 0 });
    expect([...h]).toEqual([0, -5, 3, 0, 0, 2, 0, 9]);
    expect([...kept]).toEqual([2, 2]);
  });

  it('threshold keeps |h| >= t, so each row keeps a different count', () => {
    const h = Float32Array.of(0.25, 0.75, 0.5, 0, 2, 3);
    const kept = sparsifyRows(h, 2, 3, { mode: 'threshold', keep: 1, threshold: 0.5 });
    expect([...h]).toEqual([0, 0.75, 0.5, 0, 2, 3]);
    expect([...kept]).toEqual([2, 2]);
  });

  it('keeps everything at keep = 1 and rejects bad input', () => {
    const h = Float32Array.of(1, 2, 3);
    sparsifyRows(h, 1, 3, { mode: 'topk', keep: 1, threshold: 0 });
    expect([...h]).toEqual([1, 2, 3]);
    expect(() => topKCount(1.5, 10)).toThrow(/kept fraction/);
    expect(() => sparsifyRows(h, 1, 3, { mode: 'threshold', keep: 1, threshold: -1 })).toThrow(/threshold/);
    expect(topKCount(0.25, 256)).toBe(64);
  });
});

describe('helpers', () => {
  it('relative output error is 0 for equal logits and |d|/|ref| otherwise', () => {
    const ref = Float32Array.of(3, 4, 1, 0);
    expect(relativeOutputError(ref, ref, 2)).toBe(0);
    expect(relativeOutputError(Float32Array.of(0, 0, 1, 0), ref, 2)).toBeCloseTo(0.5, 10);
  });

  it('histogram counts non-zero magnitudes and reports zeros apart', () => {
    const h = histogramOf(Float32Array.of(0, 0, 0.5, 1.5, 9), 2, 0, 2);
    expect(h.counts).toEqual([1, 2]);
    expect(h.zeros).toBe(2);
    expect(nonZeroQuantile(Float32Array.of(0, 1, 2, 3), 0.5)).toBe(2);
    expect(medianTopKCutoff(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3, 1)).toBe(6);
  });
});

describe('dynamic sparsity on the MNIST model', () => {
  let weights: MlpWeights;
  let test: MnistData;
  let reference: Float32Array;
  beforeAll(async () => {
    weights = (await loadMlpFromDisk()).weights;
    test = await loadMnistFromDisk('test');
    reference = mlpForward(weights, test.images, test.count);
  });

  it('keeping everything reproduces the dense model', () => {
    const r = evaluateDynamic(weights, test.images, test.labels, test.count, reference, { mode: 'topk', keep: 1, threshold: 0 });
    expect(r.accuracy).toBeCloseTo(0.978, 3);
    expect(r.outputError).toBeLessThan(1e-6);
    // ReLU alone already zeros 55% of h1 and 33% of h2
    expect(r.naturalFraction[0]).toBeCloseTo(0.45, 2);
    expect(r.naturalFraction[1]).toBeCloseTo(0.668, 2);
  }, 30_000);

  it('keeping 25% per token costs little accuracy; 5% costs a lot', () => {
    const e25 = evaluateDynamic(weights, test.images, test.labels, test.count, reference, { mode: 'topk', keep: 0.25, threshold: 0 });
    const e05 = evaluateDynamic(weights, test.images, test.labels, test.count, reference, { mode: 'topk', keep: 0.05, threshold: 0 });
    expect(e25.keptFraction[0]).toBeLessThanOrEqual(0.25);
    expect(e25.accuracy).toBeGreaterThan(0.9);
    expect(e05.accuracy).toBeLessThan(e25.accuracy);
    expect(e05.outputError).toBeGreaterThan(e25.outputError);
  }, 30_000);

  it('the hidden activations are post-ReLU (non-negative)', () => {
    const h1 = mlpHidden(weights, test.images.subarray(0, 784 * 10), 10, 0);
    expect(Math.min(...h1)).toBeGreaterThanOrEqual(0);
  });
});
