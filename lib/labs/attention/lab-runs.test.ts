import { describe, expect, it } from 'vitest';
import type { LabInput } from './config';
import { bufferNeeds, csrBytesBound, planCheck, planMeasure, refusedPaths } from './lab-runs';

const input: LabInput = {
  pattern: 'window',
  compare: 'none',
  seqLen: 4096,
  windowSize: 1024,
  dilation: 1,
  stride: 64,
  summaryTokens: 1,
  globalTokens: 0,
  randomBlocks: 3,
  blockSize: 64,
  sinkTokens: 0,
  causal: false,
  seed: 1,
  heads: 8,
  head: 0,
};

describe('planCheck / planMeasure', () => {
  it('small settings run as they are', () => {
    const plan = planCheck({ ...input, seqLen: 256, heads: 2, windowSize: 64 }, 64, true);
    expect(plan).toMatchObject({ capped: null, shape: { heads: 2, seqLen: 256, headDim: 64 } });
    expect(plan.params.windowSize).toBe(64);
  });

  it('a software adapter caps the check at 512 tokens and 2 heads; the window keeps its width (full at that size, as in the source)', () => {
    const plan = planCheck({ ...input, windowSize: 3000 }, 64, true);
    expect(plan).toMatchObject({ capped: 'software', shape: { heads: 2, seqLen: 512 } });
    expect(plan.params.windowSize).toBe(3000);
  });

  it("on hardware the twins' cost caps the check", () => {
    const plan = planCheck(input, 64, false);
    expect(plan.capped).toBe('twin');
    expect(plan.shape.heads * plan.shape.seqLen ** 2 * 64).toBeLessThanOrEqual(2e8);
  });

  it('measurement: settings on hardware, at most 1024 tokens and 1 head on software', () => {
    expect(planMeasure(input, 64, false)).toMatchObject({ capped: null, shape: { heads: 8, seqLen: 4096 } });
    expect(planMeasure(input, 64, true)).toMatchObject({ capped: 'software', shape: { heads: 1, seqLen: 1024 } });
  });
});

describe('buffer limits', () => {
  it('names the paths whose largest buffer exceeds the limit', () => {
    const shape = { heads: 16, seqLen: 8192, headDim: 64 };
    const needs = bufferNeeds(shape, 1000);
    expect(needs['tfjs-unfused']).toBe(16 * 8192 * 8192 * 4);
    expect(needs['dense-fused-masked']).toBe(8192 * 8192 * 4);
    expect(refusedPaths(shape, 1000, 2 ** 30)).toEqual([{ path: 'tfjs-unfused', need: 2 ** 32 }]);
    expect(refusedPaths(shape, 1000, 128 * 2 ** 20).map((r) => r.path)).toEqual(['dense-fused-masked', 'tfjs-unfused']);
  });

  it('bounds the CSR bytes', () => {
    expect(csrBytesBound(1024, 64, 10)).toBe(4 * (17 + 20 + 10 * 128));
  });
});
