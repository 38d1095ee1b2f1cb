import { describe, expect, it } from 'vitest';
import {
  computePatternDepths,
  countAttended,
  countPatternPairs,
  middleQuery,
  patternStats,
  receptiveField,
  receptiveFieldDepths,
  receptiveFieldSizes,
} from './cost';
import {
  causalMask,
  causalWindowMask,
  denseMask,
  PATTERN_NAMES,
  patternMask,
  sinkMask,
  windowMask,
  type PatternName,
  type PatternParams,
} from './patterns';
import { smallParams } from './test-helpers';

const params = (name: PatternName, overrides: Partial<PatternParams>): [PatternName, PatternParams] => [
  name,
  { ...smallParams(16, 4, false), ...overrides },
];

describe('countAttended', () => {
  it.each([
    [[], 0],
    [[0, 0, 0], 0],
    [[1, 0, 1, 1], 3],
    [[2, 0, 255], 2], // any non-zero entry counts once
  ])('counts the non-zero entries of %j as %i', (entries, expected) => {
    expect(countAttended(Uint8Array.from(entries))).toBe(expected);
  });

  it('counts the window of 3 over 8 tokens as 8·3 - 2 = 22', () => {
    expect(countAttended(windowMask(8, 3))).toBe(22);
  });
});

describe('countPatternPairs counts without the mask', () => {
  for (const name of PATTERN_NAMES) {
    it.each([
      [1, 1],
      [9, 2],
      [16, 4],
      [23, 5],
    ])(`${name}: equals countAttended(patternMask) at seqLen %i, blockSize %i`, (seqLen, blockSize) => {
      for (const causal of [false, true]) {
        for (const windowSize of [1, 2, 5]) {
          const p = smallParams(seqLen, blockSize, causal, windowSize);
          expect(countPatternPairs(name, p)).toBe(countAttended(patternMask(name, p)));
        }
      }
    });
  }
});

describe('patternStats', () => {
  it('window of 3 over 16 tokens, blocks of 4, d = 2, 3 heads: every formula', () => {
    const [name, p] = params('window', { windowSize: 3 });
    expect(patternStats(name, p, { headDim: 2, numHeads: 3 })).toEqual({
      seqLen: 16,
      blockSize: 4,
      numBlocks: 4,
      paddedLength: 16,
      totalPairs: 256,
      attendedPairs: 46, // 16·3 - 2
      elementDensity: 46 / 256,
      totalBlocks: 16,
      nonEmptyBlocks: 10, // the block tridiagonal: 4 + 3 + 3
      blockDensity: 10 / 16,
      headDim: 2,
      numHeads: 3,
      denseFlops: 2048, // 4 n² d = 4 · 256 · 2
      sparseFlops: 368, // 4 A d = 4 · 46 · 2
      blockSparseFlops: 1280, // 4 · nnzBlocks · b² · d = 4 · 10 · 16 · 2
      denseScoreBytes: 3072, // n² · 4 B · heads = 256 · 4 · 3
      blockLayoutBytes: 16, // numBlocks²
      blockCsrBytes: 60, // (numBlocks + 1 + nnzBlocks) · 4 = (4 + 1 + 10) · 4
    });
  });

  it('padding makes block-sparse dense attention cost more than dense: 10 tokens in blocks of 4', () => {
    const stats = patternStats('dense', { ...smallParams(10, 4, false) }, { headDim: 1 });
    expect(stats.paddedLength).toBe(12);
    expect(stats.denseFlops).toBe(400); // 4 · 10²
    expect(stats.sparseFlops).toBe(400);
    expect(stats.blockSparseFlops).toBe(576); // 4 · 9 blocks · 4² (padded tiles run in full)
    expect(stats.blockDensity).toBe(1);
  });

  it('defaults to d = 64 and one head', () => {
    const stats = patternStats('causal', smallParams(8, 2, false));
    expect(stats.headDim).toBe(64);
    expect(stats.numHeads).toBe(1);
    expect(stats.attendedPairs).toBe(36); // 8·9/2
    expect(stats.sparseFlops).toBe(4 * 36 * 64);
    expect(stats.nonEmptyBlocks).toBe(10); // lower block triangle of 4 × 4
  });

  it.each([
    [{ headDim: 0 }, 'Head dimension must be at least 1 (got 0).'],
    [{ numHeads: 1.5 }, 'Number of heads must be a whole number (got 1.5).'],
  ])('rejects %o with a RangeError', (options, message) => {
    expect(() => patternStats('dense', smallParams(8, 2, false), options)).toThrow(message);
  });

  it('rejects invalid pattern parameters with a RangeError', () => {
    expect(() => patternStats('window', { ...smallParams(8, 2, false), windowSize: 0 })).toThrow(RangeError);
  });
});

describe('receptive field over stacked layers', () => {
  it.each([
    // [pattern, overrides, maxLayers, sizes for the middle token]
    ['window', { seqLen: 9, windowSize: 3 }, 5, [3, 5, 7, 9, 9]], // grows 2 per layer until the edges
    ['dilated', { seqLen: 9, windowSize: 3, dilation: 2 }, 3, [3, 5, 5]], // only even positions are reachable
    ['causal', { seqLen: 8 }, 2, [5, 5]], // middle 4 sees 0..4 at once, never the future
    ['dense', { seqLen: 8 }, 2, [8, 8]],
    ['longformer', { seqLen: 16, windowSize: 3, globalTokens: 1 }, 2, [4, 16]], // {0, 7, 8, 9}, then via token 0
    ['causal-window', { seqLen: 8, windowSize: 2 }, 5, [2, 3, 4, 5, 5]], // one step back per layer to token 0
  ] as [PatternName, Partial<PatternParams>, number, number[]][])(
    '%s %o: sizes after 1..%i layers are %j',
    (name, overrides, maxLayers, sizes) => {
      const p = { ...smallParams(overrides.seqLen ?? 16, 1, false), ...overrides };
      expect(receptiveFieldSizes(name, p, maxLayers)).toEqual(sizes);
    },
  );

  it('the middle query of n tokens is floor(n / 2)', () => {
    expect([1, 2, 8, 9].map(middleQuery)).toEqual([0, 1, 4, 4]);
  });

  it('causal window of 2: the last token reaches one more token back per layer', () => {
    const mask = causalWindowMask(8, 2);
    expect(Array.from(receptiveFieldDepths(mask, 8))).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect([0, 1, 2, 7, 8].map((layers) => receptiveField(mask, 8, layers))).toEqual([1, 2, 3, 8, 8]);
  });

  it('attention sinks: the last token sees the sink at once, the rest one step per layer', () => {
    expect(Array.from(receptiveFieldDepths(sinkMask(10, 1, 2), 10))).toEqual([1, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('a key no chain reaches has depth -1: causal attention never sees the future', () => {
    expect(Array.from(receptiveFieldDepths(causalMask(5), 5, 2))).toEqual([1, 1, 0, -1, -1]);
  });

  it('zero layers: only the query influences itself', () => {
    expect(receptiveField(denseMask(6), 6, 0, 3)).toBe(1);
  });

  for (const name of PATTERN_NAMES) {
    it.each([
      [1, 1],
      [12, 3],
      [17, 4],
      [33, 4],
    ])(`${name}: segment search equals the mask search, seqLen %i, blockSize %i`, (seqLen, blockSize) => {
      for (const causal of [false, true]) {
        for (const windowSize of [1, 3, 4]) {
          const p = smallParams(seqLen, blockSize, causal, windowSize);
          const mask = patternMask(name, p);
          for (const query of new Set([0, middleQuery(seqLen), seqLen - 1])) {
            expect(Array.from(computePatternDepths(name, p, query))).toEqual(Array.from(receptiveFieldDepths(mask, seqLen, query)));
            const expected = [1, 2, 3, 4].map((layers) => receptiveField(mask, seqLen, layers, query));
            expect(receptiveFieldSizes(name, p, 4, query)).toEqual(expected);
          }
        }
      }
    });
  }

  it.each([
    ['maxLayers 0', () => receptiveFieldSizes('dense', smallParams(8, 2, false), 0)],
    ['query past the end', () => receptiveFieldSizes('dense', smallParams(8, 2, false), 2, 8)],
    ['a mask of the wrong length', () => receptiveField(new Uint8Array(5), 2, 1)],
    ['negative layers', () => receptiveField(denseMask(2), 2, -1)],
    ['a fractional query', () => receptiveFieldDepths(denseMask(2), 2, 0.5)],
  ])('%s is a RangeError', (_label, run) => {
    expect(run).toThrow(RangeError);
  });

  it('8192 tokens, 64 layers, every pattern: computed from the block layout, without the element mask', () => {
    const p = { ...smallParams(8192, 64, false), windowSize: 255, stride: 64, summaryTokens: 8, randomBlocks: 3 };
    for (const name of PATTERN_NAMES) {
      const sizes = receptiveFieldSizes(name, p, 64);
      expect(sizes).toHaveLength(64);
      // a receptive field never shrinks with depth and never exceeds the sequence
      for (let l = 1; l < sizes.length; l++) expect(sizes[l]).toBeGreaterThanOrEqual(sizes[l - 1]);
      expect(sizes[63]).toBeLessThanOrEqual(8192);
    }
  });
});
