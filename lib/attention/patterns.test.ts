import { describe, expect, it } from 'vitest';
import {
  bigBirdBlockLayout,
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
  patternBlockLayout,
  patternMask,
  sinkMask,
  stridedMask,
  windowMask,
  type PatternName,
  type PatternParams,
} from './patterns';
import { formatRows, referenceMask, smallParams } from './test-helpers';

const count = (mask: Uint8Array): number => mask.reduce((sum, v) => sum + v, 0);

describe('element masks, written out', () => {
  it("a window wider than the sequence is the source's: clipped to the sequence, full once floor(w/2) >= n - 1", () => {
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
    expect(formatRows(sinkMask(7, 1, 2), 7)).toEqual(['1000000', '1100000', '1110000', '1011000', '1001100', '1000110', '1000011']);
  });

  it('sinkMask with 0 sinks is causalWindowMask', () => {
    expect(Array.from(sinkMask(8, 0, 3))).toEqual(Array.from(causalWindowMask(8, 3)));
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
            name === 'bigbird' ? bigBirdBlockLayout(Math.ceil(seqLen / blockSize), params.randomBlocks, params.seed) : undefined;
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
