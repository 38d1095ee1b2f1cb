import { describe, expect, it } from 'vitest';
import { SOURCE_CLAIMS, interpolateAccuracy, judgeClaim } from './claims';

describe('SOURCE_CLAIMS', () => {
  it('holds the source table: <1% at 50%, 1-3% at 70%, 3-8% at 90%', () => {
    expect(SOURCE_CLAIMS.map((c) => [c.sparsity, c.minLoss, c.maxLoss])).toEqual([
      [0.5, 0, 0.01],
      [0.7, 0.01, 0.03],
      [0.9, 0.03, 0.08],
    ]);
  });
});

describe('judgeClaim', () => {
  const at70 = SOURCE_CLAIMS[1];
  it.each([
    [0.98, 0.975, 'better'],
    [0.98, 0.97, 'within'],
    [0.98, 0.95, 'within'],
    [0.98, 0.94, 'worse'],
  ])('dense %s, pruned %s → %s', (dense, acc, verdict) => {
    expect(judgeClaim(at70, dense, acc)).toBe(verdict);
  });
});

describe('interpolateAccuracy', () => {
  const pts = [
    { sparsity: 0.6, accuracy: 0.9 },
    { sparsity: 0.4, accuracy: 0.96 },
    { sparsity: 0.5, accuracy: 0.95 },
  ];
  it('uses a measured point as is', () => expect(interpolateAccuracy(pts, 0.5)).toBe(0.95));
  it('interpolates linearly between neighbours (unsorted input)', () => expect(interpolateAccuracy(pts, 0.55)).toBeCloseTo(0.925, 12));
  it('never extrapolates', () => {
    expect(interpolateAccuracy(pts, 0.7)).toBeNull();
    expect(interpolateAccuracy([], 0.5)).toBeNull();
  });
});
