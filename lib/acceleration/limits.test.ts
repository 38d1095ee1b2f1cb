import { describe, expect, it } from 'vitest';
import { bufferLimitIssue, estimateMeasureSeconds, largestBufferBytes } from './limits';

describe('device limits and time estimates', () => {
  it('the largest buffer is the M × K weight (or CSR array at 0%)', () => {
    expect(largestBufferBytes(4096, 64)).toBe(4 * (4096 * 4096 + 8));
    expect(bufferLimitIssue(4096, 64, 128 * 2 ** 20)).toBeNull();
    expect(bufferLimitIssue(4096, 64, 32 * 2 ** 20)).toEqual({ needed: 4 * (4096 * 4096 + 8), allowed: 32 * 2 ** 20 });
  });

  it('estimates grow with size and batch, and small sizes take under a minute', () => {
    const small = estimateMeasureSeconds(256, 64, 20, ['csr', 'bsr', '24']);
    const big = estimateMeasureSeconds(1024, 64, 20, ['csr', 'bsr', '24']);
    expect(small).toBeLessThan(60);
    expect(big).toBeGreaterThan(5 * small);
    expect(estimateMeasureSeconds(1024, 1, 20, ['csr'])).toBeLessThan(big);
  });
});
