import { describe, expect, it } from 'vitest';
import { classifyMasks, countMaskDiff } from './mask-diff';

describe('mask difference', () => {
  it('puts every weight in exactly one class', () => {
    const a = Uint8Array.from([1, 1, 0, 0, 1]);
    const b = Uint8Array.from([1, 0, 1, 0, 1]);
    expect(Array.from(classifyMasks(a, b, 5))).toEqual([0, 1, 2, 3, 0]);
    const c = countMaskDiff(a, b, 5);
    expect(c).toEqual({ both: 2, aOnly: 1, bOnly: 1, neither: 1, total: 5, agreement: 3 / 5 });
    expect(c.both + c.aOnly + c.bOnly + c.neither).toBe(c.total);
  });
  it('treats an undefined mask as dense (every weight kept)', () => {
    const b = Uint8Array.from([0, 1, 0]);
    expect(countMaskDiff(undefined, b, 3)).toMatchObject({ both: 1, aOnly: 2, bOnly: 0, neither: 0 });
    expect(countMaskDiff(b, undefined, 3)).toMatchObject({ both: 1, aOnly: 0, bOnly: 2, neither: 0 });
    expect(countMaskDiff(undefined, undefined, 4)).toMatchObject({ both: 4, total: 4, agreement: 1 });
  });
  it('identical masks agree everywhere', () => {
    const m = Uint8Array.from([1, 0, 1, 0]);
    expect(countMaskDiff(m, m, 4)).toMatchObject({ both: 2, neither: 2, aOnly: 0, bOnly: 0, agreement: 1 });
  });
  it('rejects a mask of the wrong length', () => {
    expect(() => countMaskDiff(new Uint8Array(3), undefined, 4)).toThrow(/expected 4/);
  });
});
