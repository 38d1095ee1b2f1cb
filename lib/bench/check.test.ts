import { describe, expect, it } from 'vitest';
import { BENCH_CHECK_TOLERANCE, checkOutputs, describeCheck, failedRow, timedRows } from './check';
import { formatBenchTable, validateBenchRows } from './types';

describe('checkOutputs', () => {
  it('passes within 1e-4 of max |reference| and fails beyond it', () => {
    const ref = [2, -4, 1];
    expect(checkOutputs([2, -4 + 3.9e-4, 1], ref)).toMatchObject({ pass: true, scale: 4, limit: 4 * BENCH_CHECK_TOLERANCE });
    const bad = checkOutputs([2, -4, 1 + 4.1e-4], ref);
    expect(bad.pass).toBe(false);
    expect(bad.worstIndex).toBe(2);
    expect(describeCheck('2:4 GEMV', bad)).toMatch(/^2:4 GEMV: max \|Δ\| 4\.10e-4 > 4\.00e-4 .* at index 2, FAILED$/);
  });

  it('fails on non-finite outputs', () => {
    expect(checkOutputs([Number.NaN, 1], [0, 1]).pass).toBe(false);
    expect(checkOutputs([Number.POSITIVE_INFINITY], [1]).pass).toBe(false);
  });
});

describe('failed rows', () => {
  const device = { description: 'd', isFallback: true, vendor: 'google', architecture: 'swiftshader', runtime: 'node', emulated: true };
  const base = { kernel: 'bsr32-spmm', baseline: 'dense-ours', params: { size: 512 }, sparsity: 0.9, idealSpeedup: 10 };

  it('have no timings, say why, and survive the results file', () => {
    const row = failedRow(base, 'BSR SpMM', checkOutputs([1, 0], [1, 1]));
    expect(row.failed).toMatch(/not timed: BSR SpMM: max \|Δ\| 1\.00e\+0 > 1\.00e-4/);
    const parsed = JSON.parse(JSON.stringify([{ ...row, lab: 'acceleration', device }]));
    expect(parsed[0].kernelMs).toBeNull();
    expect(validateBenchRows(parsed)).toEqual([]);
    expect(formatBenchTable(parsed)).toContain('FAILED');
    // a row without `failed` still needs finite timings
    expect(validateBenchRows([{ ...parsed[0], failed: undefined }])).toContain('row 0: kernelMs must be a finite number');
    const timed = { ...base, kernelMs: 1, baselineMs: 2, speedup: 2 };
    expect(timedRows([row, timed])).toEqual([timed]);
  });
});
