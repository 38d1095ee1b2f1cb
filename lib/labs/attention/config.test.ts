import { describe, expect, it } from 'vitest';
import { controlsFor, resolveLabConfig, type LabInput } from './config';

const input: LabInput = {
  pattern: 'window',
  compare: 'none',
  seqLen: 1024,
  windowSize: 256,
  dilation: 2,
  stride: 64,
  summaryTokens: 4,
  globalTokens: 8,
  randomBlocks: 3,
  blockSize: 64,
  sinkTokens: 4,
  causal: false,
  seed: 1,
  heads: 2,
  head: 0,
};

describe('resolveLabConfig', () => {
  it('valid settings pass through with no issues', () => {
    const c = resolveLabConfig(input);
    expect(c.issues).toEqual([]);
    expect(c.params.windowSize).toBe(256);
    expect(c).toMatchObject({ numBlocks: 16, paddedLength: 1024, padded: false, bigBirdFull: false, compare: null });
  });

  it('a window larger than the sequence is kept, as the source keeps it, with a note that it attends everything', () => {
    expect(resolveLabConfig({ ...input, seqLen: 512, windowSize: 1000 }).issues).toEqual([]); // |i - j| <= 500 < 511
    const c = resolveLabConfig({ ...input, seqLen: 512, windowSize: 1100 });
    expect(c.params.windowSize).toBe(1100);
    expect(c.issues).toEqual([{ key: 'window-covers-sequence', params: { value: 1100, seqLen: 512, half: 550 }, pattern: 'window' }]);
  });

  it('a window whose half-width falls one short of the sequence gets no note', () => {
    expect(resolveLabConfig({ ...input, seqLen: 64, windowSize: 124 }).issues).toEqual([]);
    expect(resolveLabConfig({ ...input, seqLen: 64, windowSize: 126 }).issues.map((i) => i.key)).toEqual(['window-covers-sequence']);
  });

  it('only the knobs the pattern reads are checked', () => {
    expect(resolveLabConfig({ ...input, pattern: 'causal', windowSize: 9000 }).issues).toEqual([]);
  });

  it('a block size that does not divide the sequence: padded, and said so', () => {
    const c = resolveLabConfig({ ...input, seqLen: 1000 });
    expect(c).toMatchObject({ padded: true, numBlocks: 16, paddedLength: 1024 });
    expect(c.issues.map((i) => i.key)).toEqual(['padded']);
    expect(c.issues[0].params).toMatchObject({ seqLen: 1000, blockSize: 64, paddedLength: 1024 });
  });

  it('too many random blocks: clamped to the free blocks of a middle row', () => {
    const c = resolveLabConfig({ ...input, pattern: 'bigbird', seqLen: 2048, randomBlocks: 40 });
    expect(c.params.randomBlocks).toBe(27); // 32 blocks - 5
    expect(c.issues[0]).toMatchObject({ key: 'random-blocks-too-large', params: { value: 40, max: 27 } });
  });

  it('BigBird with numBlocks <= 5 + 2r falls back to full attention, and says so', () => {
    const c = resolveLabConfig({ ...input, pattern: 'bigbird', seqLen: 512, randomBlocks: 2 });
    expect(c.bigBirdFull).toBe(true);
    expect(c.issues.find((i) => i.key === 'bigbird-full')?.params).toMatchObject({ numBlocks: 8, threshold: 9 });
    expect(resolveLabConfig({ ...input, pattern: 'bigbird', seqLen: 1024, randomBlocks: 3 }).bigBirdFull).toBe(false);
  });

  it('summary tokens above the stride are clamped to it', () => {
    const c = resolveLabConfig({ ...input, pattern: 'fixed', stride: 16, summaryTokens: 40 });
    expect(c.params.summaryTokens).toBe(16);
    expect(c.issues[0].key).toBe('summary-tokens-too-large');
  });

  it('a block larger than the sequence becomes the largest power of two that fits', () => {
    const c = resolveLabConfig({ ...input, seqLen: 100, blockSize: 128, windowSize: 16 });
    expect(c.params.blockSize).toBe(64);
    expect(c.issues[0]).toMatchObject({ key: 'block-size-too-large', params: { value: 128, max: 64 } });
  });

  it('the head is clamped below the head count', () => {
    const c = resolveLabConfig({ ...input, heads: 2, head: 5 });
    expect(c.head).toBe(1);
    expect(c.issues[0]).toMatchObject({ key: 'head-too-large', params: { value: 5, max: 1 } });
  });

  it('the compared pattern gets its own clamped parameters', () => {
    const c = resolveLabConfig({ ...input, seqLen: 256, compare: 'sinks', sinkTokens: 300, windowSize: 64 });
    expect(c.compare).toBe('sinks');
    expect(c.compareParams?.sinkTokens).toBe(256);
    expect(c.issues[0]).toMatchObject({ key: 'sink-tokens-too-large', pattern: 'sinks' });
    expect(resolveLabConfig({ ...input, compare: 'window' }).compare).toBeNull();
  });

  it('controlsFor names the knobs each pattern uses', () => {
    expect(controlsFor('dense')).toEqual([]);
    expect(controlsFor('bigbird')).toEqual(['randomBlocks', 'seed']);
  });
});
