import { describe, expect, it } from 'vitest';
import { blockCsrBytes, blockCsrFromMask, buildBlockCsr, csrAttends, expandBlockCsr, wordsPerTile } from './block-csr';
import { countAttended } from './cost';
import { PATTERN_NAMES, patternBlockLayout, patternMask, type PatternParams } from './patterns';
import { smallParams } from './test-helpers';

const base: PatternParams = {
  seqLen: 8,
  windowSize: 3,
  dilation: 1,
  stride: 2,
  summaryTokens: 1,
  globalTokens: 1,
  randomBlocks: 0,
  blockSize: 4,
  sinkTokens: 1,
  seed: 1,
  causal: false,
};

describe('buildBlockCsr', () => {
  it('dense 8 tokens in 4-blocks: 4 full tiles, no mask bits', () => {
    const csr = buildBlockCsr('dense', base);
    expect([...csr.rowPtr]).toEqual([0, 2, 4]);
    expect([...csr.colIdx]).toEqual([0, 1, 0, 1]);
    expect([...csr.maskOffset]).toEqual([-1, -1, -1, -1]);
    expect(csr.maskBits.length).toBe(0);
    expect(csr).toMatchObject({ numBlocks: 2, fullTiles: 4, partialTiles: 0 });
  });

  it('causal 8 tokens in 4-blocks: the diagonal tiles are partial (lower triangle bits), the one below is full', () => {
    const csr = buildBlockCsr('causal', base);
    expect([...csr.rowPtr]).toEqual([0, 1, 3]);
    expect([...csr.colIdx]).toEqual([0, 0, 1]);
    expect(csr.maskOffset[1]).toBe(-1);
    expect(csr.partialTiles).toBe(2);
    // lower triangle of a 4 × 4 tile: rows 1, 11, 111, 1111 -> bits r*4 + c for c <= r
    const expected = [0, 4, 5, 8, 9, 10, 12, 13, 14, 15].reduce((w, bit) => w | (1 << bit), 0);
    expect(csr.maskBits[csr.maskOffset[0]]).toBe(expected >>> 0);
    expect(csr.maskBits[csr.maskOffset[2]]).toBe(expected >>> 0);
  });

  it('window(8, 3) in 4-blocks: every tile touched is partial, the off-diagonal ones hold one corner each', () => {
    const csr = buildBlockCsr('window', base);
    expect([...csr.colIdx]).toEqual([0, 1, 0, 1]);
    expect(csr.fullTiles).toBe(0);
    // tile (0, 1): only (row 3, key 4) -> bit 3*4 + 0 = 12
    expect(csr.maskBits[csr.maskOffset[1]]).toBe(1 << 12);
    // tile (1, 0): only (row 4, key 3) -> bit 0*4 + 3 = 3
    expect(csr.maskBits[csr.maskOffset[2]]).toBe(1 << 3);
  });

  it('seqLen not divisible by b: the last tile is partial-sized, and full when all its in-bounds elements are attended', () => {
    const csr = buildBlockCsr('dense', { ...base, seqLen: 6 });
    expect(csr.numBlocks).toBe(2);
    expect(csr.fullTiles).toBe(4); // 4×4, 4×2, 2×4, 2×2 real elements, all attended
    const causal = buildBlockCsr('causal', { ...base, seqLen: 6 });
    const last = causal.maskOffset[causal.rowPtr[2] - 1];
    // tile (1,1) covers rows 4..5, keys 4..5: bits (0,0), (1,0), (1,1); padding bits stay 0
    expect(causal.maskBits[last]).toBe((1 << 0) | (1 << 4) | (1 << 5));
  });

  it('packs b = 16, 32, 64 and 128 tiles into b²/32 words', () => {
    expect([16, 32, 64, 128].map(wordsPerTile)).toEqual([8, 32, 128, 512]);
    for (const b of [16, 32, 64, 128]) {
      const p = { ...base, seqLen: 300, blockSize: b, windowSize: 37 };
      const csr = buildBlockCsr('window', p);
      expect(csr.maskBits.length).toBe(csr.partialTiles * wordsPerTile(b));
      expect(expandBlockCsr(csr)).toEqual(patternMask('window', p));
    }
  });

  it.each(PATTERN_NAMES)('%s: expanding the CSR gives back the exact element mask (sizes 1..37, blocks 1..8, causal or not)', (name) => {
    for (const n of [1, 5, 16, 37]) {
      for (const b of [1, 3, 4, 8]) {
        if (b > n) continue;
        for (const causal of [false, true]) {
          const p = smallParams(n, b, causal, 5);
          const mask = patternMask(name, p);
          const csr = buildBlockCsr(name, p);
          expect(expandBlockCsr(csr)).toEqual(mask);
          expect(csr.fullTiles + csr.partialTiles).toBe(countAttended(patternBlockLayout(name, p)));
          expect(csr).toEqual(blockCsrFromMask(mask, n, b));
        }
      }
    }
  });

  it('BigBird 512 tokens, 64-blocks, r = 1: 8 block rows, all tiles full, layout as bigBirdBlockLayout', () => {
    const p = { ...base, seqLen: 512, blockSize: 64, randomBlocks: 1, seed: 9 };
    const csr = buildBlockCsr('bigbird', p);
    expect(csr.partialTiles).toBe(0);
    expect(csr.fullTiles).toBe(countAttended(patternBlockLayout('bigbird', p)));
  });

  it('csrAttends reads single elements', () => {
    const csr = buildBlockCsr('causal', base);
    expect(csrAttends(csr, 5, 2)).toBe(true);
    expect(csrAttends(csr, 5, 6)).toBe(false);
    expect(csrAttends(csr, 2, 5)).toBe(false);
  });

  it('blockCsrBytes counts the int32 words the kernel reads', () => {
    const csr = buildBlockCsr('causal', base);
    expect(blockCsrBytes(csr)).toBe(4 * (3 + 2 * 3 + 2));
  });

  it('refuses invalid parameters with the params.ts message', () => {
    expect(() => buildBlockCsr('strided', { ...base, stride: 99 })).toThrow(/Stride 99 is larger than the sequence length/);
    expect(() => blockCsrFromMask(new Uint8Array(3), 2, 1)).toThrow(RangeError);
  });

  it('an 8192-token window builds without the 64 MiB mask and stays banded', () => {
    const p = { ...base, seqLen: 8192, blockSize: 64, windowSize: 256 };
    const csr = buildBlockCsr('window', p);
    expect(csr.numBlocks).toBe(128);
    expect(csr.fullTiles + csr.partialTiles).toBe(countAttended(patternBlockLayout('window', p)));
    for (let qb = 1; qb < 127; qb++) {
      const cols = [...csr.colIdx.subarray(csr.rowPtr[qb], csr.rowPtr[qb + 1])];
      expect(cols.every((kb) => Math.abs(kb - qb) <= 3)).toBe(true);
    }
  });
});
