import { describe, expect, it } from 'vitest';
import { selectActivations, thresholdForCount } from './gather-select';

describe('selectActivations', () => {
  const x = Float32Array.from([0.1, -0.9, 0.5, 0, -0.3, 0.7, 0.2, -0.6]);

  it('top-k keeps the k largest magnitudes, compacted in index order', () => {
    const { idx, val } = selectActivations(x, { mode: 'topk', keep: 0.5, threshold: 0 });
    expect(Array.from(idx)).toEqual([1, 2, 5, 7]);
    expect(Array.from(val)).toEqual([x[1], x[2], x[5], x[7]]);
  });

  it('threshold keeps |x| >= t and leaves x unchanged', () => {
    const copy = Float32Array.from(x);
    const { idx } = selectActivations(x, { mode: 'threshold', keep: 1, threshold: 0.5 });
    expect(Array.from(idx)).toEqual([1, 2, 5, 7]);
    expect(x).toEqual(copy);
  });

  it('a threshold calibrated for a count keeps that count, as top-k does', () => {
    for (const count of [0, 1, 3, 4, 7]) {
      const t = thresholdForCount(x, count);
      expect(selectActivations(x, { mode: 'threshold', keep: 1, threshold: t }).idx.length).toBe(count);
      expect(selectActivations(x, { mode: 'topk', keep: count / x.length, threshold: 0 }).idx.length).toBe(count);
    }
    expect(() => thresholdForCount(x, 9)).toThrow(RangeError);
  });
});
