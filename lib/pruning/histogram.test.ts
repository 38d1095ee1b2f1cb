import { describe, expect, it } from 'vitest';
import { l1UnstructuredMask, lnStructuredMask } from '../sparsity/pruning';
import { binMagnitudes, magnitudeThreshold } from './histogram';
import { makeRandomMlp } from './test-helpers';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('binMagnitudes', () => {
  it('bins |w| into equal bins over [0, max|w|], the maximum in the last bin', () => {
    const h = binMagnitudes(f32([0, -0.1, 0.25, -0.5, 0.74, 1, -1]), undefined, 4);
    expect(h.max).toBe(1);
    expect(Array.from(h.edges)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(h.kept)).toEqual([2, 1, 2, 2]);
    expect(Array.from(h.pruned)).toEqual([0, 0, 0, 0]);
  });
  it('splits kept and pruned by the mask', () => {
    const h = binMagnitudes(f32([0.1, 0.2, 0.9, 1]), Uint8Array.from([0, 1, 0, 1]), 2);
    expect(Array.from(h.kept)).toEqual([1, 1]);
    expect(Array.from(h.pruned)).toEqual([1, 1]);
  });
  it('puts values above a given max in the last bin', () => {
    const h = binMagnitudes(f32([0.1, 5]), undefined, 2, 1);
    expect(Array.from(h.kept)).toEqual([1, 1]);
  });
  it('an all-zero layer uses max = 1', () => {
    expect(binMagnitudes(f32([0, 0]), undefined, 3).max).toBe(1);
  });
  it('counts every weight exactly once', () => {
    const w = makeRandomMlp(2, [50, 40]).layers[0].weight;
    const h = binMagnitudes(w, l1UnstructuredMask(w, 0.3), 17);
    const total = h.kept.reduce((a, b) => a + b, 0) + h.pruned.reduce((a, b) => a + b, 0);
    expect(total).toBe(w.length);
  });
  it('rejects bad bins and mask lengths', () => {
    expect(() => binMagnitudes(f32([1]), undefined, 0)).toThrow(/bins/);
    expect(() => binMagnitudes(f32([1]), new Uint8Array(2), 3)).toThrow(/mask/);
  });
});

describe('magnitudeThreshold', () => {
  const w = makeRandomMlp(5, [32, 16]).layers[0].weight;
  it('an L1 mask is separated by one threshold', () => {
    const t = magnitudeThreshold(w, l1UnstructuredMask(w, 0.5));
    expect(t.separable).toBe(true);
    expect(t.maxPruned as number).toBeLessThanOrEqual(t.minKept as number);
  });
  it('a structured mask is not: it removes some large weights and keeps some small ones', () => {
    expect(magnitudeThreshold(w, lnStructuredMask(w, [16, 32], 0.5, 2, 0)).separable).toBe(false);
  });
  it('nothing pruned: no pruned maximum', () => {
    expect(magnitudeThreshold(w, new Uint8Array(w.length).fill(1))).toMatchObject({ maxPruned: null, separable: true });
  });
});
