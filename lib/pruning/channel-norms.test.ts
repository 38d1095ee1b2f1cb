import { describe, expect, it } from 'vitest';
import { lnStructuredMask } from '../sparsity/pruning';
import { computeChannelNorms, keptChannels } from './channel-norms';
import { makeRandomMlp } from './test-helpers';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('computeChannelNorms', () => {
  // W = [[3, -4], [1, 0], [0, -2]]  ([3, 2])
  const w = f32([3, -4, 1, 0, 0, -2]);
  it.each([
    [1, 0, [7, 1, 2]],
    [2, 0, [5, 1, 2]],
    [Number.POSITIVE_INFINITY, 0, [4, 1, 2]],
    [1, 1, [4, 6]],
    [2, 1, [Math.sqrt(10), Math.sqrt(20)]],
  ])('n = %s, dim = %s', (n, dim, expected) => {
    const got = Array.from(computeChannelNorms(w, [3, 2], n, dim));
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });
  it('the channels lnStructuredMask removes are the ones with the smallest norms', () => {
    const big = makeRandomMlp(9, [24, 12]).layers[0].weight; // [12, 24]
    for (const dim of [0, 1]) {
      const norms = Array.from(computeChannelNorms(big, [12, 24], 2, dim));
      const kept = keptChannels(lnStructuredMask(big, [12, 24], 0.25, 2, dim), [12, 24], dim);
      const threshold = Math.min(...norms.filter((_, c) => kept[c] === 1));
      norms.forEach((v, c) => {
        if (kept[c] === 0) expect(v).toBeLessThanOrEqual(threshold);
      });
      expect(kept.length - kept.reduce((a, b) => a + b, 0)).toBe(Math.round(0.25 * kept.length));
    }
  });
  it('rejects a bad dim or norm', () => {
    expect(() => computeChannelNorms(w, [3, 2], 2, 2)).toThrow(/dim/);
    expect(() => computeChannelNorms(w, [3, 2], 0, 0)).toThrow(/norm/);
  });
});
