import { describe, expect, it } from 'vitest';
import {
  bigBirdMask,
  causalMask,
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
  validatePatternParams,
  windowMask,
  type PatternName,
  type PatternParams,
} from './patterns';
import { smallParams } from './test-helpers';

describe('validation', () => {
  const base = (overrides: Partial<PatternParams>): PatternParams => ({ ...smallParams(16, 4, false), ...overrides });

  it('a valid configuration has no problems, for every pattern', () => {
    for (const name of PATTERN_NAMES) expect(validatePatternParams(name, base({}))).toEqual([]);
  });

  it.each([
    // [pattern, overrides, expected key, expected params]
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
  ] as [PatternName, Partial<PatternParams>, string, Record<string, number>][])('%s with %o reports %s', (name, overrides, key, values) => {
    const problems = validatePatternParams(name, base(overrides));
    expect(problems).toHaveLength(1);
    expect(problems[0].key).toBe(key);
    expect(problems[0].params).toEqual(values);
    expect(problems[0].message.length).toBeGreaterThan(0);
  });

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
