import { describe, expect, it } from 'vitest';
import {
  bigBirdBlockLayout,
  bigBirdFreeBlocks,
  bigBirdIsFull,
  bigBirdMask,
  blockLayoutFromMask,
  causalMask,
  causalWindowMask,
  denseMask,
  dilatedWindowMask,
  fixedMask,
  longformerMask,
  paddedLength,
  PATTERN_NAMES,
  PatternParamError,
  patternBlockLayout,
  patternMask,
  sinkMask,
  stridedMask,
  validatePatternParams,
  windowMask,
  type PatternName,
  type PatternParams,
} from './patterns';
import { createSeededRandom, sampleDistinctIndices } from './random';
import { formatRows, referenceMask, smallParams } from './test-helpers';

const count = (mask: Uint8Array): number => mask.reduce((sum, v) => sum + v, 0);

describe('element masks, written out', () => {
  it('a window wider than the sequence is the source\'s: clipped to the sequence, full once floor(w/2) >= n - 1', () => {
    // source: start = max(0, i - w//2), end = min(n, i + w//2 + 1)
    expect(count(windowMask(64, 256))).toBe(64 * 64);
    expect(count(windowMask(64, 126))).toBe(64 * 64);
    expect(count(windowMask(64, 124))).toBe(64 * 64 - 2);
    expect(formatRows(windowMask(4, 9), 4)).toEqual(['1111', '1111', '1111', '1111']);
    expect(count(causalWindowMask(8, 100))).toBe(36);
  });

  it('windowMask(5, 2) attends |i - j| <= 1 (floor(2/2))', () => {
    expect(formatRows(windowMask(5, 2), 5)).toEqual(['11000', '11100', '01110', '00111', '00011']);
  });

  it.each([
    // [seqLen, windowSize, attended pairs]
    [8, 1, 8], // diagonal only
    [8, 3, 22], // 8·3 - 2 cut at the edges
    [8, 4, 34], // even w: w/2 each side, 3+4+5+5+5+5+4+3
    [8, 8, 8 * 8 - 2 * (1 + 2 + 3)], // only |i - j| > 4 is cut
  ])('windowMask(%i, %i) attends %i pairs', (seqLen, windowSize, expected) => {
    expect(count(windowMask(seqLen, windowSize))).toBe(expected);
  });

  it('windowMask of one token is [1]', () => {
    expect(Array.from(windowMask(1, 1))).toEqual([1]);
  });

  it('denseMask is all ones and causalMask the lower triangle', () => {
    expect(formatRows(denseMask(3), 3)).toEqual(['111', '111', '111']);
    expect(formatRows(causalMask(4), 4)).toEqual(['1000', '1100', '1110', '1111']);
  });

  it('causalWindowMask(5, 3) attends the last 3 keys including the query (HF sliding_window = 3)', () => {
    expect(formatRows(causalWindowMask(5, 3), 5)).toEqual(['10000', '11000', '11100', '01110', '00111']);
  });

  it('causalWindowMask(n, w) is the lower half of windowMask(n, 2w - 1)', () => {
    const lower = windowMask(9, 5).map((v, k) => (k % 9 <= Math.floor(k / 9) ? v : 0));
    expect(Array.from(causalWindowMask(9, 3))).toEqual(Array.from(lower));
  });

  it('dilatedWindowMask(7, 3, 2) attends j = i + 2m for |m| <= 1', () => {
    expect(formatRows(dilatedWindowMask(7, 3, 2), 7)).toEqual([
      '1010000',
      '0101000',
      '1010100',
      '0101010',
      '0010101',
      '0001010',
      '0000101',
    ]);
  });

  it('dilatedWindowMask with dilation 1 is windowMask', () => {
    expect(Array.from(dilatedWindowMask(9, 5, 1))).toEqual(Array.from(windowMask(9, 5)));
  });

  it('stridedMask(8, 3): the previous 3 keys plus every 3rd key back (Child et al. 2019)', () => {
    expect(formatRows(stridedMask(8, 3), 8)).toEqual([
      '10000000',
      '11000000',
      '11100000',
      '11110000',
      '01111000',
      '00111100',
      '10011110',
      '01001111',
    ]);
  });

  it('stridedMask with stride 1 is causalMask', () => {
    expect(Array.from(stridedMask(6, 1))).toEqual(Array.from(causalMask(6)));
  });

  it('fixedMask(8, 3, 1): own stride block plus summary columns 2 and 5', () => {
    expect(formatRows(fixedMask(8, 3, 1), 8)).toEqual([
      '10000000',
      '11000000',
      '11100000',
      '00110000',
      '00111000',
      '00111100',
      '00100110',
      '00100111',
    ]);
  });

  it('fixedMask(8, 4, 2): the last 2 columns of each stride (2, 3, 6, 7) are summaries', () => {
    expect(formatRows(fixedMask(8, 4, 2), 8)).toEqual([
      '10000000',
      '11000000',
      '11100000',
      '11110000',
      '00111000',
      '00111100',
      '00111110',
      '00111111',
    ]);
  });

  it('fixedMask with c = stride is causalMask', () => {
    expect(Array.from(fixedMask(7, 3, 3))).toEqual(Array.from(causalMask(7)));
  });

  it('longformerMask(6, 2, 1): token 0 is a global row and a global column', () => {
    expect(formatRows(longformerMask(6, 2, 1), 6)).toEqual(['111111', '111000', '111100', '101110', '100111', '100011']);
  });

  it('longformerMask with 0 global tokens is windowMask', () => {
    expect(Array.from(longformerMask(9, 4, 0))).toEqual(Array.from(windowMask(9, 4)));
  });

  it('longformerMask global tokens attend and are attended by all: rows and columns 0..g-1 are full', () => {
    const n = 10;
    const mask = longformerMask(n, 3, 2);
    for (let g = 0; g < 2; g++) {
      for (let t = 0; t < n; t++) {
        expect(mask[g * n + t]).toBe(1);
        expect(mask[t * n + g]).toBe(1);
      }
    }
  });

  it('sinkMask(7, 1, 2): the sink token 0 plus the last 2 tokens (StreamingLLM)', () => {
    expect(formatRows(sinkMask(7, 1, 2), 7)).toEqual([
      '1000000',
      '1100000',
      '1110000',
      '1011000',
      '1001100',
      '1000110',
      '1000011',
    ]);
  });

  it('sinkMask with 0 sinks is causalWindowMask', () => {
    expect(Array.from(sinkMask(8, 0, 3))).toEqual(Array.from(causalWindowMask(8, 3)));
  });
});

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

/** (seqLen, blockSize) pairs, several with a partial last block. */
const SIZES: [number, number][] = [
  [1, 1],
  [5, 1],
  [8, 2],
  [10, 3],
  [13, 4],
  [16, 4],
  [17, 5],
  [23, 3],
  [40, 5],
  [47, 6],
];

describe('patternMask matches each pattern definition entry by entry', () => {
  for (const name of PATTERN_NAMES) {
    it.each(SIZES)(`${name}: seqLen %i, blockSize %i, causal off and on`, (seqLen, blockSize) => {
      for (const causal of [false, true]) {
        for (const windowSize of [1, 3, 4]) {
          const params = smallParams(seqLen, blockSize, causal, windowSize);
          const layout =
            name === 'bigbird'
              ? bigBirdBlockLayout(Math.ceil(seqLen / blockSize), params.randomBlocks, params.seed)
              : undefined;
          expect(Array.from(patternMask(name, params))).toEqual(Array.from(referenceMask(name, params, layout)));
        }
      }
    });
  }

  it('the single-pattern builders equal patternMask', () => {
    const p: PatternParams = { ...smallParams(12, 4, false), windowSize: 3, stride: 3, summaryTokens: 2 };
    expect(Array.from(denseMask(12))).toEqual(Array.from(patternMask('dense', p)));
    expect(Array.from(causalMask(12))).toEqual(Array.from(patternMask('causal', p)));
    expect(Array.from(windowMask(12, 3))).toEqual(Array.from(patternMask('window', p)));
    expect(Array.from(causalWindowMask(12, 3))).toEqual(Array.from(patternMask('causal-window', p)));
    expect(Array.from(dilatedWindowMask(12, 3, p.dilation))).toEqual(Array.from(patternMask('dilated', p)));
    expect(Array.from(stridedMask(12, 3))).toEqual(Array.from(patternMask('strided', p)));
    expect(Array.from(fixedMask(12, 3, 2))).toEqual(Array.from(patternMask('fixed', p)));
    expect(Array.from(longformerMask(12, 3, p.globalTokens))).toEqual(Array.from(patternMask('longformer', p)));
    expect(Array.from(sinkMask(12, p.sinkTokens, 3))).toEqual(Array.from(patternMask('sinks', p)));
    expect(Array.from(bigBirdMask(12, 4, p.randomBlocks, p.seed))).toEqual(Array.from(patternMask('bigbird', p)));
  });

  it('causal is a no-op for patterns that are causal already', () => {
    for (const name of ['causal', 'causal-window', 'strided', 'fixed', 'sinks'] as PatternName[]) {
      const off = patternMask(name, smallParams(11, 3, false));
      const on = patternMask(name, smallParams(11, 3, true));
      expect(Array.from(on)).toEqual(Array.from(off));
    }
  });
});

describe('block layouts', () => {
  it('windowMask(8, 3) in blocks of 4 touches every block; in blocks of 2, a band', () => {
    expect(formatRows(patternBlockLayout('window', smallParams(8, 4, false)), 2)).toEqual(['11', '11']);
    expect(formatRows(patternBlockLayout('window', smallParams(8, 2, false)), 4)).toEqual(['1100', '1110', '0111', '0011']);
  });

  it('a partial last block is non-empty as soon as one real token in it is attended', () => {
    // causal-window w = 1 is the diagonal; 10 tokens in blocks of 4: the last block holds 8, 9.
    const p = { ...smallParams(10, 4, false), windowSize: 1 };
    expect(formatRows(patternBlockLayout('causal-window', p), 3)).toEqual(['100', '010', '001']);
  });

  for (const name of PATTERN_NAMES) {
    it.each(SIZES)(`${name}: patternBlockLayout equals blockLayoutFromMask, seqLen %i, blockSize %i`, (seqLen, blockSize) => {
      for (const causal of [false, true]) {
        for (const windowSize of [1, 3, 4]) {
          const params = smallParams(seqLen, blockSize, causal, windowSize);
          const fromMask = blockLayoutFromMask(patternMask(name, params), seqLen, blockSize);
          expect(Array.from(patternBlockLayout(name, params))).toEqual(Array.from(fromMask));
        }
      }
    });
  }

  it('non-causal BigBird in whole blocks reproduces bigBirdBlockLayout', () => {
    const p = { ...smallParams(48, 4, false), randomBlocks: 2, seed: 11 };
    expect(Array.from(patternBlockLayout('bigbird', p))).toEqual(Array.from(bigBirdBlockLayout(12, 2, 11)));
  });

  it.each([
    [10, 4, 12],
    [12, 4, 12],
    [1, 1, 1],
    [8192, 100, 8200],
  ])('paddedLength(%i, %i) = %i', (seqLen, blockSize, expected) => {
    expect(paddedLength(seqLen, blockSize)).toBe(expected);
  });

  it('blockLayoutFromMask rejects a mask of the wrong length', () => {
    expect(() => blockLayoutFromMask(new Uint8Array(10), 4, 2)).toThrow(/10 entries, not 4 × 4 = 16/);
  });
});

describe('validation', () => {
  const base = (overrides: Partial<PatternParams>): PatternParams => ({ ...smallParams(16, 4, false), ...overrides });

  it('a valid configuration has no problems, for every pattern', () => {
    for (const name of PATTERN_NAMES) expect(validatePatternParams(name, base({}))).toEqual([]);
  });

  it.each([
    // [pattern, overrides, expected key, expected values]
    ['dense', { seqLen: 0 }, 'seq-len-too-small', { value: 0, min: 1 }],
    ['dense', { seqLen: 8193 }, 'seq-len-too-large', { value: 8193, max: 8192 }],
    ['dense', { seqLen: 2.5 }, 'seq-len-not-whole', { value: 2.5 }],
    ['dense', { blockSize: 17 }, 'block-size-too-large', { value: 17, max: 16 }],
    ['window', { windowSize: 8193 }, 'window-size-too-large', { value: 8193, max: 8192 }],
    ['window', { windowSize: 0 }, 'window-size-too-small', { value: 0, min: 1 }],
    ['causal-window', { windowSize: Number.NaN }, 'window-size-not-whole', { value: Number.NaN }],
    ['dilated', { dilation: 0 }, 'dilation-too-small', { value: 0, min: 1 }],
    ['strided', { stride: 20 }, 'stride-too-large', { value: 20, max: 16 }],
    ['fixed', { stride: 4, summaryTokens: 5 }, 'summary-tokens-too-large', { value: 5, max: 4 }],
    ['longformer', { globalTokens: -1 }, 'global-tokens-too-small', { value: -1, min: 0 }],
    ['sinks', { sinkTokens: 17 }, 'sink-tokens-too-large', { value: 17, max: 16 }],
    ['bigbird', { randomBlocks: 1, blockSize: 4, seqLen: 16 }, 'random-blocks-too-large', { value: 1, max: 0, numBlocks: 4 }],
    ['bigbird', { seqLen: 40, blockSize: 4, randomBlocks: 6 }, 'random-blocks-too-large', { value: 6, max: 5, numBlocks: 10 }],
    ['bigbird', { seed: -3 }, 'seed-too-small', { value: -3, min: 0 }],
  ] as [PatternName, Partial<PatternParams>, string, Record<string, number>][])(
    '%s with %o reports %s',
    (name, overrides, key, values) => {
      const problems = validatePatternParams(name, base(overrides));
      expect(problems).toHaveLength(1);
      expect(problems[0].key).toBe(key);
      expect(problems[0].values).toEqual(values);
      expect(problems[0].message.length).toBeGreaterThan(0);
    },
  );

  it('messages name the value and the limit', () => {
    const [problem] = validatePatternParams('strided', base({ stride: 17 }));
    expect(problem.message).toBe('Stride 17 is larger than the sequence length (16).');
  });

  it('knobs a pattern does not read are not checked', () => {
    expect(validatePatternParams('dense', base({ windowSize: -5, stride: 0, seed: 1.5 }))).toEqual([]);
  });

  it('a bad seqLen does not also report every window as "larger than the sequence length"', () => {
    const problems = validatePatternParams('window', base({ seqLen: -1, windowSize: 3, blockSize: 2 }));
    expect(problems.map((p) => p.key)).toEqual(['seq-len-too-small']);
  });

  it('several problems are all reported, in a stable order', () => {
    const problems = validatePatternParams('sinks', base({ sinkTokens: 99, windowSize: 0 }));
    expect(problems.map((p) => p.key)).toEqual(['sink-tokens-too-large', 'window-size-too-small']);
  });

  it('an unknown pattern name is reported, not thrown', () => {
    expect(validatePatternParams('nope' as PatternName, base({}))[0].key).toBe('pattern-unknown');
  });

  it('builders throw the first problem as a RangeError carrying its key', () => {
    expect(() => windowMask(8, 0)).toThrow(RangeError);
    expect(() => windowMask(8, 0)).toThrow('Window size must be at least 1 (got 0).');
    try {
      patternMask('strided', base({ stride: 0 }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PatternParamError);
      expect((error as PatternParamError).key).toBe('stride-too-small');
    }
    expect(() => patternBlockLayout('dense', base({ blockSize: 0 }))).toThrow(RangeError);
  });

  it.each([
    ['denseMask(0)', () => denseMask(0)],
    ['causalMask(1e9)', () => causalMask(1e9)],
    ['windowMask(Infinity, 3)', () => windowMask(Number.POSITIVE_INFINITY, 3)],
    ['dilatedWindowMask(8, 3, 0)', () => dilatedWindowMask(8, 3, 0)],
    ['fixedMask(8, 3, 0)', () => fixedMask(8, 3, 0)],
    ['longformerMask(8, 3, 9)', () => longformerMask(8, 3, 9)],
    ['sinkMask(8, 2, 0)', () => sinkMask(8, 2, 0)],
    ['bigBirdMask(8, 0, 0, 0)', () => bigBirdMask(8, 0, 0, 0)],
    ['paddedLength(8, 0)', () => paddedLength(8, 0)],
  ])('%s throws a RangeError instead of allocating or looping', (_label, build) => {
    expect(build).toThrow(RangeError);
  });
});

describe('the largest size', () => {
  it('an 8192 × 8192 window mask keeps |i − j| ≤ 128 at its corners and edges', () => {
    const mask = windowMask(8192, 257);
    expect(mask.length).toBe(8192 * 8192);
    expect(mask[8191 * 8192 + 8191]).toBe(1);
    expect(mask[8191 * 8192 + 8191 - 128]).toBe(1);
    expect(mask[8191 * 8192 + 8191 - 129]).toBe(0);
    expect(mask[128]).toBe(1);
    expect(mask[129]).toBe(0);
  });

  it('block layouts of every pattern at 8192 tokens build without the element mask, diagonal blocks kept', () => {
    const params = { ...smallParams(8192, 64, false), windowSize: 255, stride: 64, summaryTokens: 8, randomBlocks: 3 };
    for (const name of PATTERN_NAMES) {
      const layout = patternBlockLayout(name, params);
      expect(layout.length).toBe(128 * 128);
      for (let b = 0; b < 128; b++) expect(layout[b * 128 + b], `${name} block (${b}, ${b})`).toBeGreaterThan(0);
    }
  });
});
