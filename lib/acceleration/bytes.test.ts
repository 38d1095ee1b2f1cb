import { describe, expect, it } from 'vitest';
import { bsrBytes, bytes24, csrBytes, denseTo24, denseToBsr, denseToCsr, randomSparseMatrix } from '../sparsity/formats';
import { formatBytesFor, torchSparseBytes } from './bytes';

describe('formatBytesFor', () => {
  it.each([0, 0.5, 0.9, 0.99])('matches the bytes of real random matrices at sparsity %f', (s) => {
    const m = 64;
    const b = 16;
    const fb = formatBytesFor(m, m, s, b);
    expect(fb.csr).toBe(csrBytes(denseToCsr(randomSparseMatrix(m, m, s, 1, 'unstructured'), m, m)));
    expect(fb.bsr).toBe(bsrBytes(denseToBsr(randomSparseMatrix(m, m, s, 2, 'block', b), m, m, b)));
    expect(fb.s24).toBe(bytes24(denseTo24(randomSparseMatrix(m, m, 0.5, 3, '2:4'), m, m)));
    expect(fb.dense).toBe(4 * m * m);
  });

  it('CSR of a matrix with no zeros is about twice dense (value + column index)', () => {
    const fb = formatBytesFor(1024, 1024, 0, 32);
    expect(fb.csr / fb.dense).toBeCloseTo(2, 2);
  });

  it('BSR is null when the block size does not divide the shape', () => {
    expect(formatBytesFor(100, 100, 0.5, 32).bsr).toBeNull();
  });

  it("PyTorch COO of the source's randn(1024, 1024) is 5x dense, int64 CSR 3x", () => {
    const nnz = 1024 * 1024;
    const t = torchSparseBytes(1024, nnz);
    expect(t.coo / (4 * nnz)).toBe(5);
    expect(t.csr / (4 * nnz)).toBeCloseTo(3, 2);
  });
});
