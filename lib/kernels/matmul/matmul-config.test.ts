import { describe, expect, it } from 'vitest';
import {
  MATMUL_THREADS,
  assertGemmShape,
  bsrShapeIssue,
  chooseCsrSpmmConfig,
  chooseCsrSpmvBins,
  gemmShapeIssue,
  gemvLayout,
  longRowThreshold,
} from './matmul-config';

describe('kernel launch configurations', () => {
  it.each([
    [64, 512, { colVecs: 2, colLanes: 8, slices: 8, rows: 1 }],
    [64, 10, { colVecs: 2, colLanes: 8, slices: 1, rows: 8 }],
    [256, 100, { colVecs: 4, colLanes: 8, slices: 8, rows: 1 }],
    [4, 0, { colVecs: 1, colLanes: 1, slices: 1, rows: 64 }],
    [12, 40, { colVecs: 1, colLanes: 2, slices: 4, rows: 8 }],
  ])('CSR SpMM with N = %i and %f non-zeros per row uses all 64 invocations', (n, avg, expected) => {
    const c = chooseCsrSpmmConfig(n, avg);
    expect(c).toEqual(expected);
    expect(c.colLanes * c.slices * c.rows).toBe(MATMUL_THREADS);
  });

  it('CSR SpMV puts only rows longer than the threshold in the long bin', () => {
    const avg = 10;
    const t = longRowThreshold(avg);
    expect(t).toBe(256);
    expect(chooseCsrSpmvBins([1000, 300, 256, 10, 0], avg)).toEqual({ longRows: 2, longLanes: 32, lanes: 1 });
    expect(chooseCsrSpmvBins([600, 512, 500], 512).lanes).toBe(4);
  });

  it.each([16, 32, 64])('the GEMV layout of a %i-row band covers the band with 64 invocations', (b) => {
    const g = gemvLayout(b);
    expect(g.colLanes * g.rowLanes).toBe(64);
    expect(g.rowLanes * g.rowsPerThread).toBe(b);
  });

  it('names the shape problems', () => {
    expect(gemmShapeIssue(64, 64, 6)).toEqual({ key: 'batch-not-multiple-of-4', params: { n: 6 } });
    expect(gemmShapeIssue(64, 62, 1)).toEqual({ key: 'k-not-multiple-of-4', params: { k: 62 } });
    expect(gemmShapeIssue(64, 64, 1)).toBeNull();
    expect(bsrShapeIssue(64, 96, 64)).toEqual({ key: 'block-not-dividing', params: { blockSize: 64, m: 64, k: 96 } });
    expect(bsrShapeIssue(64, 64, 8)).toEqual({ key: 'block-size-unsupported', params: { blockSize: 8 } });
    expect(() => assertGemmShape(8, 8, 3, false)).toThrow(/multiple of 4/);
    expect(() => assertGemmShape(8, 8, 4, true)).toThrow(/N = 1/);
  });
});
