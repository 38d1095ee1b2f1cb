import { describe, expect, it } from 'vitest';
import { activationNorms, blockMask, nmMask, wandaMask } from './pruning-nm-block-wanda';
import { countKept, l1UnstructuredMask } from './pruning';
import { randomSparseMatrix } from './formats';

const f32 = (xs: number[]) => Float32Array.from(xs);
const list = (m: Uint8Array) => Array.from(m);

describe('nmMask (N:M semi-structured)', () => {
  it.each([
    { name: '2:4 keeps the 2 largest |w| of each group', w: [0.1, -3, 2, 0.5, 4, 0, 0, -1], n: 2, m: 4, mask: [0, 1, 1, 0, 1, 0, 0, 1] },
    { name: '1:4 ties keep the lower index', w: [1, -4, 4, 2], n: 1, m: 4, mask: [0, 1, 0, 0] },
    { name: '2:4 all equal keeps the first two', w: [1, 1, 1, 1], n: 2, m: 4, mask: [1, 1, 0, 0] },
    { name: '2:4 all zero keeps the first two', w: [0, 0, 0, 0], n: 2, m: 4, mask: [1, 1, 0, 0] },
    { name: '4:8 keeps the 4 largest of 8', w: [8, -1, 7, 2, -6, 3, 5, 4], n: 4, m: 8, mask: [1, 0, 1, 0, 1, 0, 1, 0] },
    { name: 'n = m keeps everything', w: [1, 2, 3, 4], n: 4, m: 4, mask: [1, 1, 1, 1] },
    { name: 'n = 0 keeps nothing', w: [1, 2, 3, 4], n: 0, m: 4, mask: [0, 0, 0, 0] },
  ])('$name', ({ w, n, m, mask }) => {
    expect(list(nmMask(f32(w), [1, w.length], n, m))).toEqual(mask);
  });

  it('2:4 mask keeps exactly 2 of every 4 on a 784×256 layer', () => {
    const mask = nmMask(randomSparseMatrix(784, 256, 0, 3, 'unstructured'), [784, 256], 2, 4);
    for (let g = 0; g < mask.length; g += 4) expect(mask[g] + mask[g + 1] + mask[g + 2] + mask[g + 3]).toBe(2);
  });

  it('groups run along the last dim, row by row', () => {
    // [2, 4] 1:2 -> groups (0,1), (2,3) in each row.
    expect(list(nmMask(f32([1, 2, 4, 3, 6, 5, 7, 8]), [2, 4], 1, 2))).toEqual([0, 1, 1, 0, 1, 0, 0, 1]);
  });

  it('large groups (m > 16) keep the n largest, ties to the lower index', () => {
    const w = new Float32Array(32);
    w[7] = -4;
    w[31] = 5;
    const mask = nmMask(w, [1, 32], 3, 32);
    expect([...mask.keys()].filter((i) => mask[i] === 1)).toEqual([0, 7, 31]);
  });

  it.each([
    { name: 'n > m', n: 3, m: 2, cols: 4, msg: /n = 3 > m = 2/ },
    { name: 'm not dividing the last dim', n: 2, m: 4, cols: 6, msg: /m = 4 does not divide .* cols = 6/ },
    { name: 'non-integer n', n: 1.5, m: 4, cols: 4, msg: /n = 1\.5/ },
    { name: 'm = 0', n: 0, m: 0, cols: 4, msg: /m = 0/ },
  ])('rejects $name', ({ n, m, cols, msg }) => {
    expect(() => nmMask(new Float32Array(cols), [1, cols], n, m)).toThrow(msg);
  });
});

describe('blockMask', () => {
  // 4×4, 2×2 tiles (row-major tile order): T0 = [1,1;1,1] (‖·‖F = 2), T1 = [0,0.1;0,0] (0.1),
  // T2 = [3,0;0,0] (3), T3 = [0,0;0,2] (2).
  const W = f32([1, 1, 0, 0.1, 1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 2]);
  it.each([
    { amount: 0.5, mask: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], why: 'T1, then tie T0 = T3 = 2: T0' },
    { amount: 0.25, mask: [1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], why: 'T1 only' },
    { amount: 0, mask: new Array(16).fill(1), why: '0% keeps all tiles' },
    { amount: 1, mask: new Array(16).fill(0), why: '100% removes all tiles' },
  ])('amount $amount: $why', ({ amount, mask }) => {
    expect(list(blockMask(W, [4, 4], 2, amount))).toEqual(mask);
  });

  it('works on a non-square matrix (2×4, two tiles, 50% rounds to 1 tile)', () => {
    expect(list(blockMask(f32([1, 1, 5, 0, 1, 1, 0, 0]), [2, 4], 2, 0.5))).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('block size 1 equals unstructured magnitude pruning', () => {
    const w = f32([0.5, -3, 0.1, 2]);
    expect(list(blockMask(w, [2, 2], 1, 0.5))).toEqual(list(l1UnstructuredMask(w, 0.5)));
  });

  it.each([
    { b: 3, msg: /blockSize = 3 does not divide the shape \[4, 4\]/ },
    { b: 0, msg: /blockSize must be an integer >= 1, got 0/ },
    { b: 1.5, msg: /got 1\.5/ },
  ])('rejects block size $b', ({ b, msg }) => {
    expect(() => blockMask(W, [4, 4], b, 0.5)).toThrow(msg);
  });
});

describe('wandaMask (Sun et al. 2023)', () => {
  // W [2, 3], ||X_j|| = [1, 10, 0.1]. Scores S = |W| · ||X||:
  //   row 0: [1, 0.5, 5] -> [1, 5, 0.5];  row 1: [-2, 0.3, 1] -> [2, 3, 0.1]
  const W = f32([1, 0.5, 5, -2, 0.3, 1]);
  const norms = f32([1, 10, 0.1]);

  it('prunes the lowest |W|·||X|| in each output row (not the lowest |W|)', () => {
    expect(list(wandaMask(W, [2, 3], norms, 1 / 3))).toEqual([1, 1, 0, 1, 1, 0]);
    // Magnitude alone would prune the 0.5 and the 0.3 instead.
    expect(list(l1UnstructuredMask(W, 1 / 3))).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it.each([
    { amount: 0, mask: [1, 1, 1, 1, 1, 1] },
    { amount: 1, mask: [0, 0, 0, 0, 0, 0] },
    { amount: 2 / 3, mask: [0, 1, 0, 0, 1, 0] },
  ])('amount $amount per row', ({ amount, mask }) => {
    expect(list(wandaMask(W, [2, 3], norms, amount))).toEqual(mask);
  });

  it('ties: the lower index is pruned first', () => {
    expect(list(wandaMask(f32([1, 1, 1, 2, 2, 2]), [2, 3], f32([1, 1, 1]), 2 / 3))).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('a zero activation norm makes its whole input column prunable first', () => {
    expect(list(wandaMask(f32([9, 1, 9, 1]), [2, 2], f32([0, 1]), 0.5))).toEqual([0, 1, 0, 1]);
  });

  it('every row keeps the same count', () => {
    const w = randomSparseMatrix(16, 8, 0, 11, 'unstructured');
    const mask = wandaMask(w, [16, 8], activationNorms(randomSparseMatrix(5, 8, 0, 12, 'unstructured'), 5, 8), 0.5);
    for (let r = 0; r < 16; r++) expect(countKept(mask.subarray(r * 8, r * 8 + 8))).toBe(4);
  });

  it.each([
    { name: 'norms of the wrong length', norms: f32([1, 1]), msg: /activationNorms.length = 2/ },
    { name: 'a negative norm', norms: f32([1, -1, 1]), msg: /activationNorms\[1\] = -1/ },
    { name: 'a NaN norm', norms: f32([1, 1, Number.NaN]), msg: /activationNorms\[2\] = NaN/ },
  ])('rejects $name', ({ norms: bad, msg }) => {
    expect(() => wandaMask(W, [2, 3], bad, 0.5)).toThrow(msg);
  });

  it('activationNorms is the column L2 norm over samples', () => {
    // x [2, 3] = [[3, 0, 1], [4, 0, -1]] -> [5, 0, √2]
    const got = activationNorms(f32([3, 0, 1, 4, 0, -1]), 2, 3);
    expect(got[0]).toBe(5);
    expect(got[1]).toBe(0);
    expect(got[2]).toBeCloseTo(Math.SQRT2, 6);
    expect(activationNorms(new Float32Array(0), 0, 3)).toEqual(new Float32Array(3));
    expect(() => activationNorms(f32([1, 2, 3]), 2, 2)).toThrow(/x.length = 3/);
  });
});
