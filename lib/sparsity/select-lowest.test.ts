import { describe, expect, it } from 'vitest';
import { kthSmallest, pruneLowest } from './select-lowest';
import { createMulberry32, randomInt } from './random';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('kthSmallest', () => {
  it.each([
    { xs: [5, 1, 4, 2, 3], k: 0, v: 1 },
    { xs: [5, 1, 4, 2, 3], k: 4, v: 5 },
    { xs: [2, 2, 2, 2], k: 2, v: 2 },
    { xs: [7], k: 0, v: 7 },
  ])('position $k of $xs sorted is $v', ({ xs, k, v }) => {
    expect(kthSmallest(f64(xs), k)).toBe(v);
  });

  it('agrees with a full sort on arrays full of duplicates and already-sorted runs', () => {
    const rng = createMulberry32(3);
    for (const [n, distinct] of [
      [1000, 3],
      [1000, 1000],
      [257, 2],
    ]) {
      const xs = Array.from({ length: n }, () => randomInt(rng, distinct));
      const sorted = [...xs].sort((a, b) => a - b);
      for (const k of [0, 1, n >> 1, n - 1]) expect(kthSmallest(f64(xs), k)).toBe(sorted[k]);
      const ascending = f64(sorted);
      expect(kthSmallest(ascending, n >> 2)).toBe(sorted[n >> 2]);
    }
  });
});

describe('pruneLowest', () => {
  it.each([
    { scores: [3, 1, 1, 2], k: 2, ties: 'lower-first', mask: [1, 0, 0, 1] },
    { scores: [1, 1, 1, 1], k: 2, ties: 'lower-first', mask: [0, 0, 1, 1] },
    { scores: [1, 1, 1, 1], k: 2, ties: 'higher-first', mask: [1, 1, 0, 0] },
    { scores: [4, 3, 2, 1], k: 0, ties: 'lower-first', mask: [1, 1, 1, 1] },
    { scores: [4, 3, 2, 1], k: 4, ties: 'lower-first', mask: [0, 0, 0, 0] },
    { scores: [4, 3, 2, 1], k: 9, ties: 'higher-first', mask: [0, 0, 0, 0] },
  ] as const)('k = $k of $scores, ties $ties -> $mask', ({ scores, k, ties, mask }) => {
    const out = new Uint8Array(scores.length).fill(1);
    pruneLowest(f64([...scores]), k, ties, out);
    expect(Array.from(out)).toEqual(mask);
  });
});
