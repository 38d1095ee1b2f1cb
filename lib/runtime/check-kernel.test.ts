import { describe, expect, it } from 'vitest';
import { KERNEL_TOLERANCE, checkExact, checkKernel, compareOutputs } from './check-kernel';

describe('checkKernel: max |program − twin| <= tolerance · max(1, max |twin|)', () => {
  it('is relative to the output scale above 1', () => {
    const twin = [1000, -2000, 500];
    expect(checkKernel([1000.15, -2000, 500], twin).pass).toBe(true); // 0.15 <= 1e-4 · 2000
    const fail = checkKernel([1000.25, -2000, 500], twin);
    expect(fail.pass).toBe(false);
    expect(fail.bound).toBeCloseTo(0.2, 12);
    expect(fail.worstIndex).toBe(0);
  });

  it('is absolute (the tolerance itself) for outputs whose scale is below 1', () => {
    const twin = [0.001, 0.002];
    expect(checkKernel([0.00105, 0.002], twin).pass).toBe(true); // 5e-5 <= 1e-4
    expect(checkKernel([0.0012, 0.002], twin).pass).toBe(false); // 2e-4 > 1e-4
    expect(checkKernel([0.0012, 0.002], twin).bound).toBe(KERNEL_TOLERANCE);
  });

  it('takes another tolerance, and fails on NaN or mismatched lengths', () => {
    expect(checkKernel([1.01], [1], 0.02).pass).toBe(true);
    expect(checkKernel([Number.NaN], [1]).pass).toBe(false);
    expect(() => checkKernel([1, 2], [1])).toThrow(RangeError);
  });

  it('compareOutputs floors the relative error at 1e-3 of the scale', () => {
    const c = compareOutputs([0, 1], [1e-9, 1]);
    expect(c.maxRelError).toBeCloseTo(1e-9 / 1e-3, 9);
  });
});

describe('checkExact', () => {
  it('counts differing entries, and a length difference as the longer length', () => {
    expect(checkExact([1, 2, 3], [1, 2, 3])).toMatchObject({ mismatches: 0, pass: true });
    expect(checkExact([1, 5, 3], [1, 2, 3])).toMatchObject({ mismatches: 1, pass: false });
    expect(checkExact([1, 2], [1, 2, 3])).toMatchObject({ mismatches: 3, pass: false });
  });
});
