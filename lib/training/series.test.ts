import { describe, expect, it } from 'vitest';
import { downsample, groupByValue, smoothEma } from './series';

describe('downsample', () => {
  it('keeps short series as they are', () => {
    expect(downsample([1, 2, 3], 10)).toEqual([1, 2, 3]);
  });
  it('keeps at most max points, the first and the last', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => i);
    const d = downsample(pts, 100);
    expect(d.length).toBeLessThanOrEqual(100);
    expect(d[0]).toBe(0);
    expect(d[d.length - 1]).toBe(999);
  });
});

describe('smoothEma', () => {
  it('starts at the first value (bias-corrected) and follows a constant exactly', () => {
    expect(smoothEma([2, 2, 2], 0.9)).toEqual([2, 2, 2].map(() => expect.closeTo(2, 12)));
    expect(smoothEma([1, 0], 0.5)).toEqual([1, expect.closeTo(1 / 3, 12)]);
  });
  it('beta 0 is the identity and beta 1 is refused', () => {
    expect(smoothEma([3, 1, 4], 0)).toEqual([3, 1, 4]);
    expect(() => smoothEma([1], 1)).toThrow(/beta/);
  });
});

describe('groupByValue', () => {
  it('groups values within the tolerance of the first member', () => {
    expect(groupByValue([0.9, 0.5, 0.898, 0.12, 0.902], 0.005)).toEqual([[0, 2, 4], [1], [3]]);
  });
});
