import { describe, expect, it } from 'vitest';
import { createUniformSampler } from './random';
import { selectTopK } from './top-k';

/** Reference: sort every position by (value desc, position asc), keep k. */
function bruteForceTopK(values: number[], k: number): number[] {
  return values
    .map((_, i) => i)
    .sort((a, b) => values[b] - values[a] || a - b)
    .slice(0, k);
}

const topK = (values: number[], k: number, offset = 0, stride = 1, count = values.length) => {
  const out = new Int32Array(k);
  selectTopK(values, offset, stride, count, k, out, 0);
  return Array.from(out);
};

describe('selectTopK', () => {
  it.each([
    ['top-2 of 4 picks the two largest, ties to the lower index', [0, 5, 5, 5], 2, [1, 2]],
    ['k = count returns every position, sorted', [3, 1, 2], 3, [0, 2, 1]],
    ['negative values and -0 / +0 compare as numbers', [-1, -0, 0, -2], 3, [1, 2, 0]],
    ['a late strict maximum displaces earlier ties', [1, 1, 1, 2], 2, [3, 0]],
  ])('%s', (_label, values, k, expected) => {
    expect(topK(values, k)).toEqual(expected);
  });

  it('reads a strided column: values[offset + i·stride]', () => {
    // 3 rows × 2 columns, column 1 = [10, 30, 20]
    expect(topK([0, 10, 0, 30, 0, 20], 2, 1, 2, 3)).toEqual([1, 2]);
  });

  it.each([
    ['insertion path (k ≤ 16)', 8],
    ['quickselect path (k > 16)', 40],
    ['quickselect path, k = count', 200],
  ])('%s agrees with a full sort on heavily tied data', (_label, k) => {
    const uniform = createUniformSampler(k);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 200 }, () => Math.floor(uniform() * 7) - 3); // 7 distinct values
      expect(topK(values, k)).toEqual(bruteForceTopK(values, k));
    }
  });

  it('an all-equal input of 10 000 values returns the first k positions (ties go to the lower index)', () => {
    const values = new Array<number>(10_000).fill(1);
    expect(topK(values, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
