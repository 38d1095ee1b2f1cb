import { describe, expect, it } from 'vitest';
import { bigBirdBlockLayout, bigBirdFreeBlocks, bigBirdIsFull, bigBirdMask, denseMask } from './patterns';
import { createSeededRandom, sampleDistinctIndices } from './random';
import { formatRows } from './test-helpers';

const count = (mask: Uint8Array): number => mask.reduce((sum, v) => sum + v, 0);

describe('BigBird block layout (HF ITC)', () => {
  it('numBlocks = 8, r = 0: global first/last rows and columns, sliding window of 3 blocks', () => {
    expect(formatRows(bigBirdBlockLayout(8, 0, 0), 8)).toEqual([
      '11111111',
      '11100001',
      '11110001',
      '10111001',
      '10011101',
      '10001111',
      '10000111',
      '11111111',
    ]);
  });

  it('the same seed gives the same layout', () => {
    expect(Array.from(bigBirdBlockLayout(16, 2, 123))).toEqual(Array.from(bigBirdBlockLayout(16, 2, 123)));
  });

  it('different seeds give different layouts', () => {
    const layouts = new Set([0, 1, 2, 3, 4, 5, 6, 7].map((seed) => formatRows(bigBirdBlockLayout(16, 2, seed), 16).join('/')));
    expect(layouts.size).toBeGreaterThan(1);
  });

  it.each([
    [8, 1],
    [12, 2],
    [16, 3],
    [30, 5],
  ])('numBlocks = %i, r = %i: rows 1 and n-2 attend 4 + r blocks, middle rows 5 + r, global rows all', (n, r) => {
    for (const seed of [0, 1, 99]) {
      const layout = bigBirdBlockLayout(n, r, seed);
      const rowCount = (qb: number): number => count(layout.subarray(qb * n, qb * n + n));
      expect(rowCount(0)).toBe(n);
      expect(rowCount(n - 1)).toBe(n);
      expect(rowCount(1)).toBe(4 + r);
      expect(rowCount(n - 2)).toBe(4 + r);
      for (let qb = 2; qb < n - 2; qb++) expect(rowCount(qb)).toBe(5 + r);
      for (let qb = 0; qb < n; qb++) {
        expect(layout[qb * n]).toBe(1); // global first column
        expect(layout[qb * n + n - 1]).toBe(1); // global last column
        expect(layout[qb * n + qb]).toBe(1); // the block itself
      }
    }
  });

  it.each([
    // [numBlocks, r, full?]  full iff numBlocks <= 5 + 2r
    [5, 0, true],
    [6, 0, false],
    [7, 1, true],
    [8, 1, false],
    [9, 2, true],
    [10, 2, false],
    [1, 0, true],
  ])('numBlocks = %i, r = %i: full attention is %s', (n, r, full) => {
    expect(bigBirdIsFull(n, r)).toBe(full);
    const ones = count(bigBirdBlockLayout(n, r, 3));
    if (full) expect(ones).toBe(n * n);
    else expect(ones).toBeLessThan(n * n);
  });

  it('more random blocks than a middle row has free is a RangeError naming the value', () => {
    expect(bigBirdFreeBlocks(8)).toBe(3);
    expect(() => bigBirdBlockLayout(8, 4, 0)).toThrow(RangeError);
    expect(() => bigBirdBlockLayout(8, 4, 0)).toThrow(/Random blocks 4 is more than the 3 free blocks/);
    expect(count(bigBirdBlockLayout(8, 3, 0))).toBe(64); // 3 fits, and 8 <= 5 + 6 is full
  });

  it.each([
    [0, 0, 0],
    [4.5, 0, 0],
    [8, -1, 0],
    [8, 1, -1],
    [8, 1, 2 ** 32],
    [8, 1, Number.NaN],
  ])('bigBirdBlockLayout(%s, %s, %s) is a RangeError', (n, r, seed) => {
    expect(() => bigBirdBlockLayout(n, r, seed)).toThrow(RangeError);
  });

  it('bigBirdMask with a partial last block: 22 tokens in blocks of 4 (sizes 4,4,4,4,4,2)', () => {
    const n = 22;
    const mask = bigBirdMask(n, 4, 0, 0);
    const layout = bigBirdBlockLayout(6, 0, 0);
    expect(formatRows(layout, 6)).toEqual(['111111', '111001', '111101', '101111', '100111', '111111']);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) expect(mask[i * n + j]).toBe(layout[Math.floor(i / 4) * 6 + Math.floor(j / 4)]);
    }
    // Σ over block rows of rowSize · (sizes of attended key blocks): 88 + 56 + 72 + 72 + 56 + 44
    expect(count(mask)).toBe(388);
  });

  it('bigBirdMask short enough for full attention is denseMask', () => {
    expect(Array.from(bigBirdMask(20, 4, 0, 0))).toEqual(Array.from(denseMask(20))); // 5 blocks <= 5
  });
});

describe('random helpers', () => {
  it('a seeded generator repeats its sequence and stays in [0, 1)', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    for (let k = 0; k < 100; k++) {
      const u = a();
      expect(u).toBe(b());
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('sampling picks distinct indices inside the pool', () => {
    const picked = sampleDistinctIndices(4, 3, createSeededRandom(1));
    expect(new Set(picked).size).toBe(3);
    for (const t of picked) expect([0, 1, 2, 3]).toContain(t);
    expect(sampleDistinctIndices(2, 2, createSeededRandom(1)).sort()).toEqual([0, 1]);
    expect(sampleDistinctIndices(5, 0, createSeededRandom(1))).toEqual([]);
  });

  it('sampling covers the whole pool: over many draws every index of 6 is picked', () => {
    const random = createSeededRandom(5);
    const seen = new Set<number>();
    for (let k = 0; k < 200; k++) for (const t of sampleDistinctIndices(6, 2, random)) seen.add(t);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('sampling more items than the pool holds is a RangeError', () => {
    expect(() => sampleDistinctIndices(2, 3, createSeededRandom(1))).toThrow(RangeError);
    expect(() => sampleDistinctIndices(2, 3, createSeededRandom(1))).toThrow('Cannot pick 3 distinct items from only 2.');
  });
});
